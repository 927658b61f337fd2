//! `readPaste(text)`: the paste box's one reader, over `crate::paste`.

use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

use super::{locale, localised_error, to_js};
use crate::i18n::Locale;
use crate::paste::{
    self, Enterprise, Missing, Paste, PasteContext, PasteError, Problem, Tenant, TokenSample,
};
use crate::secret::Secret;

/// `readPaste(text) -> {kind, environment, environmentUrl?, enterprises, tenants, context?,
/// token?, problems}` (shape in docs/PROTOCOL.md); throws a localised `Error` with a `code`
/// (`paste-empty`, `paste-too-large`, `paste-binary`, `paste-unknown`, `paste-no-credentials`,
/// `paste-credentials-unreadable`, `paste-conflicting-tax-id`, `paste-conflicting-tenant`,
/// `token-*`, or the console / getUserLanguage.do error's own code).
///
/// **The answer holds secrets whole**: `clientSecret`, `encryptKey` (enterprises and tenants)
/// and `token.appSecret`. Call it only from a trusted context (the service worker, an extension
/// page, the standalone page), which stores them in `chrome.storage.session` like the other
/// secrets and never puts them in a page, a log or `storage.local`.
#[wasm_bindgen(js_name = readPaste)]
pub fn read_paste(text: JsValue) -> Result<JsValue, JsValue> {
    // Anything but a string (a forged message's object, `undefined`) is nothing pasted.
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(localised_error(&PasteError::Empty));
    };
    // A UTF-16 length over the cap means at least as many UTF-8 bytes: refuse before copying
    // a 10 MB string into WASM memory.
    let units = text.length() as usize;
    if units > paste::MAX_PASTE_BYTES {
        return Err(localised_error(&PasteError::TooLarge {
            len: units,
            max: paste::MAX_PASTE_BYTES,
        }));
    }
    // The paste holds secrets: zero this copy once read (the answer has its own).
    let text = zeroize::Zeroizing::new(String::from(text));
    let pasted = paste::read_paste(&text).map_err(|e| localised_error(&e))?;
    to_js(&PasteView::new(&pasted, locale()))
}

/// The JS shape, borrowing from the core's types; secrets are written with
/// [`Secret::expose`] here and nowhere else on this path.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PasteView<'a> {
    kind: &'static str,
    environment: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment_url: Option<&'a str>,
    enterprises: Vec<EnterpriseView<'a>>,
    tenants: Vec<TenantView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<ContextView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenView<'a>>,
    problems: Vec<ProblemView<'a>>,
}

impl<'a> PasteView<'a> {
    fn new(p: &'a Paste, locale: Locale) -> PasteView<'a> {
        PasteView {
            kind: p.kind.as_str(),
            environment: p.environment.as_str(),
            environment_url: p.environment_url.as_deref(),
            enterprises: p
                .enterprises
                .iter()
                .map(|e| EnterpriseView::new(e, locale))
                .collect(),
            tenants: p
                .tenants
                .iter()
                .map(|t| TenantView::new(t, locale))
                .collect(),
            context: p.context.as_ref().map(ContextView::new),
            token: p.token.as_ref().map(TokenView::new),
            problems: p
                .problems
                .iter()
                .map(|problem| ProblemView::new(problem, locale))
                .collect(),
        }
    }
}

/// A secret written whole into the answer (see `read_paste`'s doc comment).
struct Exposed<'a>(&'a Secret);

impl Serialize for Exposed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MissingView {
    field: &'static str,
    reason: &'static str,
    message: String,
}

fn missing_views(missing: &[Missing], locale: Locale) -> (Vec<&'static str>, Vec<MissingView>) {
    let fields = missing.iter().map(|m| m.field.as_str()).collect();
    let reasons = missing
        .iter()
        .map(|m| MissingView {
            field: m.field.as_str(),
            reason: m.reason.code(),
            message: m.message(locale),
        })
        .collect();
    (fields, reasons)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnterpriseView<'a> {
    name: &'a str,
    tax_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<Exposed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypt_key: Option<Exposed<'a>>,
    missing: Vec<&'static str>,
    /// Beside the contract's `missing`: why each is missing, localised.
    missing_reasons: Vec<MissingView>,
}

impl<'a> EnterpriseView<'a> {
    fn new(e: &'a Enterprise, locale: Locale) -> EnterpriseView<'a> {
        let (missing, missing_reasons) = missing_views(&e.missing, locale);
        EnterpriseView {
            name: &e.name,
            tax_id: &e.tax_id,
            client_id: e.client_id.as_deref(),
            client_secret: e.client_secret.as_ref().map(Exposed),
            encrypt_key: e.encrypt_key.as_ref().map(Exposed),
            missing,
            missing_reasons,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TenantView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<Exposed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypt_key: Option<Exposed<'a>>,
    missing: Vec<&'static str>,
    missing_reasons: Vec<MissingView>,
}

impl<'a> TenantView<'a> {
    fn new(t: &'a Tenant, locale: Locale) -> TenantView<'a> {
        let (missing, missing_reasons) = missing_views(&t.missing, locale);
        TenantView {
            name: t.name.as_deref(),
            client_id: t.client_id.as_deref(),
            client_secret: t.client_secret.as_ref().map(Exposed),
            encrypt_key: t.encrypt_key.as_ref().map(Exposed),
            missing,
            missing_reasons,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_token_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    login_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
}

impl<'a> ContextView<'a> {
    fn new(c: &'a PasteContext) -> ContextView<'a> {
        let console = c.console.as_ref();
        ContextView {
            origin: console.map(|c| c.origin.as_str()),
            prefix: console.map(|c| c.prefix.as_str()),
            app_token_url: console.map(|c| c.app_token_url.as_str()),
            login_url: console.map(|c| c.login_url.as_str()),
            account_id: c.account_id.as_ref().map(|id| id.as_str()),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_secret: Option<Exposed<'a>>,
    missing: &'a [&'static str],
}

impl<'a> TokenView<'a> {
    fn new(t: &'a TokenSample) -> TokenView<'a> {
        TokenView {
            app_id: t.app_id.as_deref(),
            tenant_id: t.tenant_id.as_deref(),
            user: t.user.as_deref(),
            user_type: t.user_type.as_deref(),
            account_id: t.account_id.as_ref().map(|id| id.as_str()),
            app_secret: t.app_secret.as_ref().map(Exposed),
            missing: &t.missing,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProblemView<'a> {
    problem: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tax_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    message: String,
}

impl<'a> ProblemView<'a> {
    fn new(p: &'a Problem, locale: Locale) -> ProblemView<'a> {
        ProblemView {
            problem: p.code(),
            tax_id: p.tax_id.as_deref(),
            field: p.field,
            message: p.message(locale),
        }
    }
}
