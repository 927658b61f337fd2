//! The standalone page's answer to one paste: the same values, enterprises, masked credentials
//! and problems the popup shows, for a page with no extension, no console tab and no storage.
//!
//! The page keeps the parser's answer in memory and asks again on every choice; what is shown
//! and which value a 复制 copies are decided here, with the popup's own rules
//! (`credentials::view`), so both say the same.

use serde::Serialize;

use crate::console::ConsoleContext;
use crate::credentials::{
    self, CredentialScope, CredentialsError, CredentialsView, Environment, HeldCredentials,
    PasteKind, PasteProblem, PasteResult, PastedToken,
};
use crate::i18n::Locale;
use crate::user_language::AccountId;

/// The key the one in-memory record is known by (it never reaches any storage).
const SHEET_KEY: &str = "cred:standalone";
/// Far enough away, and still a safe JS integer should it ever be written out.
const NEVER: u64 = (1 << 53) - 1;

/// The four console values a paste may hold, each only when the paste holds it.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_token_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// A 获取token示例's app values: ids whole, the app secret masked (with appId `invoiceupload`
/// it is the 第三方应用密码 发票回调配置 needs).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// `••••` and the secret's last four, when the sample holds one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_secret: Option<String>,
}

/// The id a 复制 of the token's app secret asks for.
pub const APP_SECRET_ID: &str = "appSecret";

/// What the standalone page shows for a paste; secrets only masked.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandaloneView {
    pub kind: PasteKind,
    pub environment: Environment,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_url: Option<String>,
    pub context: ContextValues,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenValues>,
    pub enterprises: Vec<credentials::EnterpriseView>,
    pub selected: Option<String>,
    pub credentials: Vec<credentials::CredentialView>,
    pub manual: Vec<credentials::ManualValue>,
    pub problems: Vec<PasteProblem>,
}

/// The console values of a paste: a console URL's or 获取token示例's prefix with both URLs
/// derived from it, and the account id from the context or the token sample, digit for digit.
pub fn context_values(paste: &PasteResult) -> ContextValues {
    let mut out = ContextValues::default();
    if let Some(context) = &paste.context {
        if let Some(console) = console_of_prefix(&context.prefix) {
            out.prefix = Some(console.prefix);
            out.app_token_url = Some(console.app_token_url);
            out.login_url = Some(console.login_url);
        }
        out.account_id = context.account_id.clone();
    }
    if out.account_id.is_none() {
        out.account_id = paste.token.as_ref().and_then(|t| t.account_id.clone());
    }
    // Only an id the console itself would accept is shown as one.
    out.account_id = out.account_id.filter(|id| AccountId::parse(id).is_ok());
    out
}

fn console_of_prefix(prefix: &str) -> Option<ConsoleContext> {
    CredentialScope::of_prefix(prefix).map(|(_, console)| console)
}

/// The paste's credentials as one in-memory record: the enterprise `selected` names (when it is
/// one of them), else the only one, else none until the user chooses.
fn sheet(mut paste: PasteResult, selected: Option<&str>) -> Sheet {
    let context = context_values(&paste);
    let token = paste.token.take();
    let chosen = selected
        .map(str::trim)
        .filter(|tax_id| paste.enterprises.iter().any(|e| e.tax_id == *tax_id))
        .map(str::to_owned)
        .or_else(|| match paste.enterprises.as_slice() {
            [only] => Some(only.tax_id.clone()),
            _ => None,
        });
    let held = HeldCredentials {
        // No console: the page answers only itself, and the record never expires while shown.
        origin: String::new(),
        prefix: None,
        created_at: 0,
        expires_at: NEVER,
        environment: paste.environment,
        environment_url: paste.environment_url,
        enterprises: paste.enterprises,
        tenants: paste.tenants,
        selected: chosen,
        allowed_scopes: Vec::new(),
        insecure_allowed: Vec::new(),
        problems: paste.problems,
    };
    Sheet {
        held,
        context,
        kind: paste.kind,
        token,
    }
}

struct Sheet {
    held: HeldCredentials,
    context: ContextValues,
    kind: PasteKind,
    token: Option<PastedToken>,
}

fn token_values(token: &PastedToken) -> TokenValues {
    TokenValues {
        app_id: token.app_id.clone(),
        tenant_id: token.tenant_id.clone(),
        user: token.user.clone(),
        app_secret: token.app_secret.as_ref().map(|s| s.masked()),
    }
}

/// What the page shows for `paste` with the enterprise `selected` (by 税号) chosen.
pub fn standalone_view(
    paste: PasteResult,
    selected: Option<&str>,
    locale: Locale,
) -> StandaloneView {
    let Sheet {
        held,
        context,
        kind,
        token,
    } = sheet(paste, selected);
    let records = [(SHEET_KEY.to_owned(), held)];
    let shown: CredentialsView =
        credentials::view(&records, None, context.account_id.as_deref(), 1, locale);
    StandaloneView {
        kind,
        environment: shown.environment,
        environment_url: shown.environment_url,
        context,
        token: token.as_ref().map(token_values),
        enterprises: shown.enterprises,
        selected: shown.selected,
        credentials: shown.credentials,
        manual: shown.manual,
        problems: shown.problems,
    }
}

/// The whole value behind one of the page's 复制 buttons (`clientSecret`, `manual:<id>`,
/// [`APP_SECRET_ID`] …).
pub fn standalone_value(
    paste: PasteResult,
    selected: Option<&str>,
    id: &str,
) -> Result<String, CredentialsError> {
    let Sheet {
        held,
        context,
        token,
        ..
    } = sheet(paste, selected);
    if id == APP_SECRET_ID {
        return token
            .and_then(|t| t.app_secret)
            .map(|secret| secret.expose().to_owned())
            .ok_or(CredentialsError::NothingHeld);
    }
    let records = [(SHEET_KEY.to_owned(), held)];
    credentials::credential_for_copy(&records, None, context.account_id.as_deref(), id, 1)
}
