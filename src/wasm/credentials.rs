//! Pasted credentials (`src/credentials/`): what a `readPaste` result leaves with the helper,
//! what the popup shows of it, which enterprise is chosen, and what a fill receives. The worker
//! stores the records these write and passes them back; every decision is made here.

use serde::Deserialize;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{locale, to_js};
use crate::credentials::{
    self, CredentialScope, FillRequest, HeldCredentials, PasteKind, PasteResult,
};
use crate::i18n::{Locale, Localised};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rejected {
    ok: bool,
    code: &'static str,
    message: String,
}

fn rejected(error: &dyn Localised) -> Result<JsValue, JsValue> {
    to_js(&Rejected {
        ok: false,
        code: error.code(),
        message: error.message(locale()),
    })
}

fn js_error(message: &str) -> JsValue {
    JsValue::from(JsError::new(message))
}

pub(super) fn millis(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

/// The records the worker holds, as `{[storageKey]: record}`; entries that do not read as
/// credentials (tampering, old shapes) are left out. Sorted by key, so choices are stable.
pub(super) fn records_of(value: &JsValue) -> Vec<(String, HeldCredentials)> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    let mut out: Vec<(String, HeldCredentials)> = js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string()?;
            key.starts_with(credentials::STORAGE_PREFIX).then_some(())?;
            let record: HeldCredentials = super::from_value(pair.get(1)).ok()?;
            Some((key, record))
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PasteWhere {
    #[serde(default)]
    tab_url: Option<String>,
    now_ms: f64,
    #[serde(default)]
    ttl_minutes: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Write<R: Serialize> {
    key: String,
    record: R,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Held<'a> {
    ok: bool,
    kind: PasteKind,
    scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<Write<credentials::record_session::SessionRecord<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_key: Option<Write<crate::secret::SessionRecord<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observation: Option<&'a credentials::PastedObservation>,
    message: String,
}

fn held_message(outcome: &credentials::PasteOutcome, locale: Locale) -> String {
    let scope = outcome.scope.as_deref().unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    if let Some(record) = &outcome.credentials {
        let env = match record.environment {
            credentials::Environment::Prod => locale.pick("正式环境", "production"),
            credentials::Environment::Test => locale.pick("测试环境", "test"),
            credentials::Environment::Unknown => {
                locale.pick("环境未注明", "environment not stated")
            }
        };
        parts.push(match locale {
            Locale::ZhCn => format!(
                "已读取授权邮件：{} 家企业，{} 个租户，{env}",
                record.enterprises.len(),
                record.tenants.len()
            ),
            Locale::En => format!(
                "Read the activation e-mail: {} enterprise(s), {} tenant(s), {env}",
                record.enterprises.len(),
                record.tenants.len()
            ),
        });
    }
    if outcome.observation.is_some() {
        parts.push(
            locale
                .pick("已记下数据中心 id", "Noted the 数据中心 id")
                .to_owned(),
        );
    }
    if outcome.access_key.is_some() {
        parts.push(
            locale
                .pick(
                    "已记住第三方应用密码（invoiceupload）",
                    "Remembered the third-party app key (invoiceupload)",
                )
                .to_owned(),
        );
    }
    if parts.is_empty() {
        return locale
            .pick(
                "已读取：这是控制台地址，没有需要保存的内容",
                "Read: a console address, nothing to keep",
            )
            .to_owned();
    }
    let joined = parts.join(locale.pick("；", "; "));
    match locale {
        Locale::ZhCn => format!("{joined}（保存给 {scope}）"),
        Locale::En => format!("{joined} (kept for {scope})"),
    }
}

/// `credentialsFromPaste(parsed, {tabUrl?, nowMs, ttlMinutes?}) -> {ok, kind, scope, credentials?:
/// {key, record}, accessKey?: {key, record}, observation?, message} | {ok: false, code, message}`:
/// what a `readPaste` result leaves with the helper, pasted in the popup of the tab at `tabUrl`.
#[wasm_bindgen(js_name = credentialsFromPaste)]
pub fn credentials_from_paste(parsed: JsValue, place: JsValue) -> Result<JsValue, JsValue> {
    let place: PasteWhere = super::from_value(place).map_err(|e| js_error(&e.to_string()))?;
    let paste: PasteResult = super::from_value(parsed).map_err(|e| js_error(&e.to_string()))?;
    let outcome = match credentials::from_paste(
        paste,
        place.tab_url.as_deref(),
        millis(place.now_ms),
        place.ttl_minutes,
    ) {
        Ok(outcome) => outcome,
        Err(error) => return rejected(&error),
    };
    to_js(&Held {
        ok: true,
        kind: outcome.kind,
        scope: outcome.scope.clone(),
        credentials: outcome.credentials.as_ref().map(|c| Write {
            key: c.storage_key(),
            record: c.session_record(),
        }),
        access_key: outcome.access_key.as_ref().map(|s| Write {
            key: s.storage_key(),
            record: s.session_record(),
        }),
        observation: outcome.observation.as_ref(),
        message: held_message(&outcome, locale()),
    })
}

/// `credentialsView(records, tabUrl?, accountId?, nowMs)`: what the popup shows (no secret
/// whole), and `expired`, the keys the worker removes.
#[wasm_bindgen(js_name = credentialsView)]
pub fn credentials_view(
    records: JsValue,
    tab_url: Option<String>,
    account_id: Option<String>,
    now_ms: f64,
) -> Result<JsValue, JsValue> {
    let records = records_of(&records);
    to_js(&credentials::view(
        &records,
        tab_url.as_deref(),
        account_id.as_deref(),
        millis(now_ms),
        locale(),
    ))
}

/// `selectEnterprise(record, taxId) -> {ok, key, record} | {ok: false, code, message}`.
#[wasm_bindgen(js_name = selectEnterprise)]
pub fn select_enterprise(record: JsValue, tax_id: &str) -> Result<JsValue, JsValue> {
    let mut record: HeldCredentials =
        super::from_value(record).map_err(|e| js_error(&e.to_string()))?;
    match record.select(tax_id) {
        Ok(()) => to_js(&Write {
            key: record.storage_key(),
            record: record.session_record(),
        }),
        Err(error) => rejected(&error),
    }
}

/// `allowCredentials(record, tabUrl, insecure) -> {ok, key, record} | {ok: false, …}`: after the
/// popup's confirm, lets the tab's console receive another console's credentials (`insecure`
/// false), or lets a plain-http console receive its own (`insecure` true).
#[wasm_bindgen(js_name = allowCredentials)]
pub fn allow_credentials(
    record: JsValue,
    tab_url: &str,
    insecure: bool,
) -> Result<JsValue, JsValue> {
    let mut record: HeldCredentials =
        super::from_value(record).map_err(|e| js_error(&e.to_string()))?;
    let tab = match CredentialScope::of_page(tab_url) {
        Ok(scope) => scope,
        Err(error) => return rejected(&error),
    };
    record.allow(&tab, insecure);
    to_js(&Write {
        key: record.storage_key(),
        record: record.session_record(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Requester {
    form: String,
    frame_origin: String,
    #[serde(default)]
    page_url: Option<String>,
    #[serde(default)]
    place_refusal: Option<String>,
    #[serde(default)]
    trusted_click: bool,
    now_ms: f64,
}

/// `credentialsForFill(records, {form, frameOrigin, pageUrl?, placeRefusal?, trustedClick,
/// nowMs}) -> {values, refusals}`: the fill's share of the pasted values (secrets only as the
/// policy allows) and a refusal code per value held back.
#[wasm_bindgen(js_name = credentialsForFill)]
pub fn credentials_for_fill(records: JsValue, requester: JsValue) -> Result<JsValue, JsValue> {
    let requester: Requester =
        super::from_value(requester).map_err(|e| js_error(&e.to_string()))?;
    let records: Vec<HeldCredentials> = records_of(&records).into_iter().map(|(_, r)| r).collect();
    let request = FillRequest {
        form: &requester.form,
        frame_origin: &requester.frame_origin,
        page_url: requester.page_url.as_deref(),
        place_refusal: requester.place_refusal.as_deref(),
        trusted_click: requester.trusted_click,
        now_ms: millis(requester.now_ms),
    };
    to_js(&credentials::release(&records, &request))
}

#[derive(Serialize)]
struct Copy {
    ok: bool,
    value: String,
}

/// `credentialForCopy(records, tabUrl?, accountId?, id, nowMs) -> {ok, value} | {ok: false, …}`:
/// the whole value behind a 复制 of the popup, only for the offscreen clipboard.
#[wasm_bindgen(js_name = credentialForCopy)]
pub fn credential_for_copy(
    records: JsValue,
    tab_url: Option<String>,
    account_id: Option<String>,
    id: &str,
    now_ms: f64,
) -> Result<JsValue, JsValue> {
    let records = records_of(&records);
    match credentials::credential_for_copy(
        &records,
        tab_url.as_deref(),
        account_id.as_deref(),
        id,
        millis(now_ms),
    ) {
        Ok(value) => to_js(&Copy { ok: true, value }),
        Err(error) => rejected(&error),
    }
}

/// `credentialSecretValues(records) -> string[]`: the pasted secrets held, for 诊断此页 to leave
/// out wherever a page shows one (they go into the core only).
#[wasm_bindgen(js_name = credentialSecretValues)]
pub fn credential_secret_values(records: JsValue) -> Vec<String> {
    records_of(&records)
        .iter()
        .flat_map(|(_, r)| r.secret_values().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}
