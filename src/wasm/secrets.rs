//! The secrets' exports: the decisions the service worker makes over its secret store (which
//! record counts for a console, what the popup shows and its confirms write, which record a fill
//! receives, what the sweep removes) and the bar's secret actions, which generate or read a
//! secret and bind it to its console. The content scripts never call these.
//!
//! A secret value crosses this boundary only where it must: out once when made or read on a
//! trusted click (as the record the worker stores), never in for a decision (the store's
//! decisions read metadata only) and never for display (the record carries its masked form).
//! No export hands out a key on its own: a generated key leaves only inside its record, bound
//! to the console of the form it was generated for.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::reply::{malformed, read, refused};
use super::{localised_error, to_js};
use crate::fill::{self, FillPlan, FillValues};
use crate::forms;
use crate::gateway;
use crate::i18n::Localised;
use crate::keygen;
use crate::secret::actions::{self, ActionInput, BarAction, WantedForm};
use crate::secret::policy;
use crate::secret::store::{self, StoredSecret};
use crate::secret::{self as core_secret, HeldSecret, Lifetime, Secret, SecretKind, SecretMeta};
use crate::snapshot::{Snapshot, SnapshotError};

/// Why the browser gave no random bytes.
#[derive(Debug, thiserror::Error)]
#[error("no cryptographic random source")]
struct NoRandomness;

impl Localised for NoRandomness {
    fn message(&self, locale: crate::i18n::Locale) -> String {
        locale
            .pick(
                "浏览器没有提供安全随机数，无法生成密钥",
                "The browser gave no secure random numbers: no key was generated",
            )
            .into()
    }

    fn code(&self) -> &'static str {
        "keygen-no-randomness"
    }
}

/// Fills `buffer` from `crypto.getRandomValues` of whichever global this runs in (service
/// worker, popup, page): `globalThis.crypto` exists in all of them.
fn crypto_random(buffer: &mut [u8]) -> Result<(), NoRandomness> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .map_err(|_| NoRandomness)?;
    if crypto.is_undefined() || crypto.is_null() {
        return Err(NoRandomness);
    }
    let crypto: web_sys::Crypto = crypto.unchecked_into();
    crypto
        .get_random_values_with_u8_array(buffer)
        .map(|_| ())
        .map_err(|_| NoRandomness)
}

/// `Date.now()`-style milliseconds → `u64` (negative and non-finite give 0).
fn millis(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

/// The `[key, meta]` entries of the worker's secret records (values stripped), in storage
/// order; an entry that does not read as a record's metadata is left out.
fn stored_secrets(entries: &JsValue) -> Vec<StoredSecret> {
    if !js_sys::Array::is_array(entries) {
        return Vec::new();
    }
    js_sys::Array::from(entries)
        .iter()
        .filter_map(|entry| super::from_value::<(String, SecretMeta)>(entry).ok())
        .map(|(key, meta)| StoredSecret { key, meta })
        .collect()
}

/// `secretChoice(entries, kind, tabUrl?) -> key | undefined`: the storage key of the record of
/// `kind` that counts for the tab's console (its own, one allowed for it, else the newest).
#[wasm_bindgen(js_name = secretChoice)]
pub fn secret_choice(
    entries: JsValue,
    kind: &str,
    tab_url: Option<String>,
) -> Result<Option<String>, JsValue> {
    let kind = SecretKind::from_code(kind).ok_or_else(malformed)?;
    let records = stored_secrets(&entries);
    let prefix = store::console_prefix(tab_url.as_deref());
    Ok(store::choose(&records, kind, prefix.as_deref()).map(|record| record.key.clone()))
}

/// `secretsStatus(entries, tabUrl?) -> {tabPrefix, insecureConsole, secrets: [{kind, held,
/// masked?, prefix?, createdAt?, expiresAt?, sameConsole?, allowed?, confirmable?,
/// insecureConfirmable?}]}`: what the popup shows of the held secrets for a tab.
#[wasm_bindgen(js_name = secretsStatus)]
pub fn secrets_status(entries: JsValue, tab_url: Option<String>) -> Result<JsValue, JsValue> {
    let records = stored_secrets(&entries);
    to_js(&store::status(&records, tab_url.as_deref()))
}

/// `clipboardRunning(clearAt, nowMs) -> bool`: whether a 复制's clipboard countdown still runs.
#[wasm_bindgen(js_name = clipboardRunning)]
pub fn clipboard_running(clear_at: JsValue, now_ms: f64) -> bool {
    store::clipboard_running(clear_at.as_f64(), now_ms)
}

/// `secretsConfirm(entries, kinds, tabUrl, insecure) -> {[key]: {allowedPrefixes} |
/// {insecureAllowed}}`: what the popup's confirm writes into each record it covers (the
/// cross-console confirm, or with `insecure` the plain-http one). Unknown kinds are skipped.
#[wasm_bindgen(js_name = secretsConfirm)]
pub fn secrets_confirm(
    entries: JsValue,
    kinds: Vec<String>,
    tab_url: &str,
    insecure: bool,
) -> Result<JsValue, JsValue> {
    let records = stored_secrets(&entries);
    let kinds: Vec<SecretKind> = kinds
        .iter()
        .filter_map(|kind| SecretKind::from_code(kind))
        .collect();
    let (which, field) = if insecure {
        (store::Confirm::Insecure, "insecureAllowed")
    } else {
        (store::Confirm::CrossConsole, "allowedPrefixes")
    };
    let mut patches = serde_json::Map::new();
    for (key, list) in store::confirm(&records, &kinds, tab_url, which) {
        let mut patch = serde_json::Map::new();
        patch.insert(field.to_owned(), list.into());
        patches.insert(key, patch.into());
    }
    to_js(&patches)
}

/// Where the requester acts, as `placeSender` answered, and what it asks a fill for.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FillAsk {
    form: String,
    frame_origin: String,
    place: PlaceAnswer,
    now_ms: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlaceAnswer {
    #[serde(default)]
    ok: bool,
    #[serde(default)]
    page_url: Option<String>,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    secret_refusal: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// An expiry note: that a console's secret of `kind` expired and nothing replaced it.
#[derive(Deserialize)]
struct ExpiryNote {
    kind: String,
    prefix: String,
}

/// `secretsForFill(entries, expiryNotes, {form, frameOrigin, place, nowMs}) -> {keys: {[kind]:
/// key}, refusals: {[kind]: code}}`: for each secret the form takes, the record whose value the
/// fill receives, or the policy's code for why none (never a value). `place` is
/// `placeSender`'s answer for the requester.
#[wasm_bindgen(js_name = secretsForFill)]
pub fn secrets_for_fill(
    entries: JsValue,
    notes: JsValue,
    ask: JsValue,
) -> Result<JsValue, JsValue> {
    let ask: FillAsk = read(ask)?;
    let records = stored_secrets(&entries);
    let notes: Vec<ExpiryNote> = if js_sys::Array::is_array(&notes) {
        js_sys::Array::from(&notes)
            .iter()
            .filter_map(|note| super::from_value(note).ok())
            .collect()
    } else {
        Vec::new()
    };
    let expired_here = |kind: SecretKind, prefix: &str| {
        notes
            .iter()
            .any(|note| note.kind == kind.code() && note.prefix == prefix)
    };
    let place = match (&ask.place, &ask.place.page_url, &ask.place.prefix) {
        (PlaceAnswer { ok: true, .. }, Some(page_url), Some(prefix)) => {
            store::Place::Console { page_url, prefix }
        }
        _ => store::Place::Refused {
            secret_refusal: ask.place.secret_refusal.as_deref(),
        },
    };
    let request = store::FillRequest {
        form: &ask.form,
        frame_origin: &ask.frame_origin,
        place,
        now_ms: millis(ask.now_ms),
    };
    let mut keys = serde_json::Map::new();
    let mut refusals = serde_json::Map::new();
    for (kind, answer) in store::release_for_fill(&records, &expired_here, &request) {
        match answer {
            Ok(key) => keys.insert(kind.code().to_owned(), key.into()),
            Err(code) => refusals.insert(kind.code().to_owned(), code.into()),
        };
    }
    to_js(&serde_json::json!({ "keys": keys, "refusals": refusals }))
}

/// A bar action's requester: its frame, where the core placed it (`placeSender`), the time
/// and the user's lifetime setting.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionAsk {
    frame_origin: String,
    place: PlaceAnswer,
    now_ms: f64,
    #[serde(default)]
    ttl_minutes: Option<f64>,
}

/// The form a bar action names: its name, or the recognised form it was sent with.
#[derive(Deserialize)]
#[serde(untagged)]
enum WantedRef {
    Name(String),
    Form {
        #[serde(default)]
        spec: Option<String>,
        #[serde(default)]
        form: Option<String>,
        #[serde(default)]
        container: Option<String>,
    },
}

/// What a bar action remembered: the record to store, the form it acted on, and for 生成密钥
/// the fields its plan fills.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionDone<'a> {
    ok: bool,
    key: String,
    record: core_secret::SessionRecord<'a>,
    recognised: &'a forms::RecognisedForm,
    #[serde(skip_serializing_if = "Option::is_none")]
    fill: Option<&'static [&'static str]>,
    /// For a generated key: the plan that fills it (it was checked to have a step for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<FillPlan>,
}

/// `barSecretAction(action, snapshot, form, {frameOrigin, place, nowMs, ttlMinutes?}) -> {ok:
/// true, key, record, recognised, fill?, plan?} | {ok: false, code, message}`: a trusted click on the
/// bar's 生成密钥 / 记住此密钥 / 记住网关. The form is recognised again in `snapshot`; the secret
/// is made or read from the page, checked and bound to the console the requester acts for.
/// Refusals, in order: `form-gone`, `action-not-here`, the placement's own code, then the
/// check's, and for a generated key `key-field-missing` when its plan fills none of `fill`.
/// Throws for an unknown action or a snapshot it cannot read.
#[wasm_bindgen(js_name = barSecretAction)]
pub fn bar_secret_action(
    action: &str,
    snapshot: JsValue,
    form: JsValue,
    ask: JsValue,
) -> Result<JsValue, JsValue> {
    let action = BarAction::from_code(action).ok_or_else(malformed)?;
    let ask: ActionAsk = read(ask)?;
    let wanted: WantedRef = read(form)?;
    let wanted = match &wanted {
        WantedRef::Name(form) => WantedForm {
            form: Some(form),
            ..WantedForm::default()
        },
        WantedRef::Form {
            spec,
            form,
            container,
        } => WantedForm {
            spec: spec.as_deref(),
            form: form.as_deref(),
            container: container.as_deref(),
        },
    };
    // The snapshot object, or its JSON text.
    let text = match snapshot.as_string() {
        Some(text) => zeroize::Zeroizing::new(text),
        None => super::json_text(&snapshot).map_err(|_| malformed())?,
    };
    let snapshot = Snapshot::from_json(&text).map_err(|e| match e {
        SnapshotError::TooLarge { .. } => localised_error(&e),
        SnapshotError::Unreadable => malformed(),
    })?;
    drop(text);
    let (recognised, input) = match actions::prepare(action, &snapshot, &wanted) {
        Ok(prepared) => prepared,
        Err(refusal) => return refused(&refusal),
    };
    let (PlaceAnswer { ok: true, .. }, Some(page_url)) = (&ask.place, &ask.place.page_url) else {
        return to_js(&PlaceRefused {
            ok: false,
            code: ask.place.code.as_deref(),
            message: ask.place.message.as_deref(),
        });
    };
    let (kind, value, fill) = match input {
        ActionInput::GenerateKey { fields } => {
            let key = keygen::try_generate_access_token_key(&mut crypto_random)
                .map_err(|e| localised_error(&e))?;
            (SecretKind::AccessTokenKey, key, Some(fields))
        }
        ActionInput::RememberKey { typed } => match gateway::check_user_key(typed) {
            Ok(value) => (SecretKind::AccessTokenKey, value, None),
            Err(error) => return refused(&error),
        },
        ActionInput::RememberGateway { candidates } => {
            let picked = gateway::pick_gateway(&candidates);
            drop(candidates);
            match picked {
                Ok(value) => (SecretKind::Gateway, value, None),
                Err(error) => return refused(&error),
            }
        }
    };
    // Bound to the console last: a frame of another origin neither plants nor gets a secret.
    let scope = match policy::remember_scope(&ask.frame_origin, page_url) {
        Ok(scope) => scope,
        Err(refusal) => return refused(&refusal),
    };
    let plan = match fill {
        Some(fields) => {
            let values = FillValues {
                access_token_key: Some(Secret::new(value.expose().to_owned())),
                ..FillValues::default()
            };
            let overwrite: Vec<String> = fields.iter().map(|&f| f.to_owned()).collect();
            let plan = fill::plan_fill_recognised(
                &snapshot,
                &forms::recognise(&snapshot),
                &recognised.form,
                recognised.container.as_deref(),
                &values,
                &overwrite,
                super::locale(),
            )
            .map_err(|e| localised_error(&e))?;
            if let Err(refusal) = actions::key_step_planned(&plan, fields) {
                return refused(&refusal);
            }
            Some(plan)
        }
        None => None,
    };
    let lifetime = Lifetime::starting(millis(ask.now_ms), ask.ttl_minutes);
    let held = HeldSecret::new(kind, scope, value, lifetime);
    to_js(&ActionDone {
        ok: true,
        key: held.storage_key(),
        record: held.session_record(),
        recognised: &recognised,
        fill,
        plan,
    })
}

/// The placement's own refusal, passed on: `{ok: false, code, message}`.
#[derive(Serialize)]
struct PlaceRefused<'a> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// `secretsSweep(entries, nowMs) -> {expired: [key], notes: [{kind, prefix, expiredAt}],
/// nextExpiry}`: which secret records go now (expired, or no record at all) and what their
/// expiry notes say; `entries` are `[key, {kind, prefix, expiresAt, held} | null]`, no value.
#[wasm_bindgen(js_name = secretsSweep)]
pub fn secrets_sweep(entries: JsValue, now_ms: f64) -> Result<JsValue, JsValue> {
    let records: Vec<(String, Option<store::RecordFacts>)> = if js_sys::Array::is_array(&entries) {
        js_sys::Array::from(&entries)
            .iter()
            .filter_map(|entry| {
                super::from_value::<(String, Option<serde_json::Value>)>(entry).ok()
            })
            .map(|(key, facts)| {
                let facts = facts.and_then(|facts| serde_json::from_value(facts).ok());
                (key, facts)
            })
            .collect()
    } else {
        Vec::new()
    };
    to_js(&store::sweep(&records, now_ms))
}
