//! A paste turned into what the worker keeps: the mail's credentials for the tab's console, the
//! 获取token示例's app secret as that console's AccessToken key, and its context as a pasted
//! observation; and the one explicit way to write credentials into `chrome.storage.session`.

use serde::{Deserialize, Serialize};

use super::pasted::{
    text, Environment, MissingReason, PasteKind, PasteProblem, PasteResult, PastedContext,
    PastedEnterprise, PastedTenant, PastedToken,
};
use super::{CredentialScope, CredentialsError};
use crate::secret::{HeldSecret, Lifetime, Secret, SecretKind, SecretScope};
use crate::user_language::{AccountId, Observation};

/// Session-store keys of credentials start with this (`cred:<prefix>` / `cred:<origin>`).
pub const STORAGE_PREFIX: &str = "cred:";
/// The appId whose secret is the 第三方应用 AccessToken key the forms need (第三方发票上传).
const INVOICE_UPLOAD_APP: &str = "invoiceupload";

pub type EnterpriseCredentials = PastedEnterprise;
pub type TenantCredentials = PastedTenant;

/// One console's pasted credentials. Secrets are [`Secret`]s; there is no `Serialize`: only
/// [`HeldCredentials::session_record`] writes values, for the session store.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldCredentials {
    pub origin: String,
    #[serde(default)]
    pub prefix: Option<String>,
    pub created_at: u64,
    pub expires_at: u64,
    #[serde(default)]
    pub environment: Environment,
    #[serde(default, deserialize_with = "text")]
    pub environment_url: Option<String>,
    #[serde(default)]
    pub enterprises: Vec<EnterpriseCredentials>,
    #[serde(default)]
    pub tenants: Vec<TenantCredentials>,
    /// The 税号 of the enterprise the user chose (or the only one).
    #[serde(default, deserialize_with = "text")]
    pub selected: Option<String>,
    /// Scopes (other than its own) the user allowed in the popup to receive these.
    #[serde(default)]
    pub allowed_scopes: Vec<String>,
    /// Plain-http consoles off this machine the user confirmed after the popup's warning.
    #[serde(default)]
    pub insecure_allowed: Vec<String>,
    #[serde(default)]
    pub problems: Vec<PasteProblem>,
}

impl HeldCredentials {
    pub fn scope(&self) -> CredentialScope {
        CredentialScope {
            origin: self.origin.clone(),
            prefix: self.prefix.clone(),
        }
    }

    pub fn lifetime(&self) -> Lifetime {
        Lifetime {
            created_at: self.created_at,
            expires_at: self.expires_at,
        }
    }

    pub fn is_expired(&self, now_ms: u64) -> bool {
        self.lifetime().is_expired(now_ms)
    }

    pub fn storage_key(&self) -> String {
        self.scope().storage_key()
    }

    /// The chosen enterprise, if any.
    pub fn selected_enterprise(&self) -> Option<&EnterpriseCredentials> {
        let tax_id = self.selected.as_deref()?;
        self.enterprises.iter().find(|e| e.tax_id == tax_id)
    }

    /// The tenant whose credentials forms take: the first one with a ClientID.
    pub fn tenant(&self) -> Option<&TenantCredentials> {
        self.tenants
            .iter()
            .find(|t| t.client_id.is_some())
            .or(self.tenants.first())
    }

    /// Chooses the enterprise with `tax_id` (exactly one is chosen at a time).
    pub fn select(&mut self, tax_id: &str) -> Result<(), CredentialsError> {
        let tax_id = tax_id.trim();
        let found = self
            .enterprises
            .iter()
            .find(|e| e.tax_id == tax_id)
            .ok_or(CredentialsError::NoSuchEnterprise)?;
        self.selected = Some(found.tax_id.clone());
        Ok(())
    }

    /// Every secret value held (ClientSecret, EncryKey of each enterprise and tenant), for the
    /// places that must recognise one to leave it out (诊断此页's report).
    pub fn secret_values(&self) -> impl Iterator<Item = &str> {
        let enterprises = self
            .enterprises
            .iter()
            .flat_map(|e| [&e.client_secret, &e.encrypt_key]);
        let tenants = self
            .tenants
            .iter()
            .flat_map(|t| [&t.client_secret, &t.encrypt_key]);
        enterprises
            .chain(tenants)
            .filter_map(|s| s.as_ref().map(Secret::expose))
    }

    /// Records the popup's confirm: `tab`'s console may receive these (another console's
    /// credentials), or with `insecure`, this plain-http console may receive its own.
    pub fn allow(&mut self, tab: &CredentialScope, insecure: bool) {
        let key = tab.key().to_owned();
        if insecure {
            if !self.insecure_allowed.contains(&key) {
                self.insecure_allowed.push(key);
            }
        } else if !self.scope().serves(tab) && !self.allowed_scopes.contains(&key) {
            self.allowed_scopes.push(key);
        }
    }

    /// The explicit, opt-in serialisation, only for `chrome.storage.session`.
    pub fn session_record(&self) -> SessionRecord<'_> {
        SessionRecord(self)
    }
}

/// The session-store form of [`HeldCredentials`], values included.
pub struct SessionRecord<'a>(&'a HeldCredentials);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnterpriseOut<'a> {
    name: &'a str,
    tax_id: &'a str,
    client_id: Option<&'a str>,
    client_secret: Option<&'a str>,
    encrypt_key: Option<&'a str>,
    missing: &'a [serde_json::Value],
    missing_reasons: &'a [MissingReason],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TenantOut<'a> {
    name: Option<&'a str>,
    client_id: Option<&'a str>,
    client_secret: Option<&'a str>,
    encrypt_key: Option<&'a str>,
    missing: &'a [serde_json::Value],
    missing_reasons: &'a [MissingReason],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordOut<'a> {
    kind: &'static str,
    origin: &'a str,
    prefix: Option<&'a str>,
    created_at: u64,
    expires_at: u64,
    environment: Environment,
    environment_url: Option<&'a str>,
    enterprises: Vec<EnterpriseOut<'a>>,
    tenants: Vec<TenantOut<'a>>,
    selected: Option<&'a str>,
    allowed_scopes: &'a [String],
    insecure_allowed: &'a [String],
    problems: &'a [PasteProblem],
}

fn exposed(secret: &Option<Secret>) -> Option<&str> {
    secret.as_ref().map(Secret::expose)
}

impl Serialize for SessionRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let held = self.0;
        RecordOut {
            kind: "credentials",
            origin: &held.origin,
            prefix: held.prefix.as_deref(),
            created_at: held.created_at,
            expires_at: held.expires_at,
            environment: held.environment,
            environment_url: held.environment_url.as_deref(),
            enterprises: held
                .enterprises
                .iter()
                .map(|e| EnterpriseOut {
                    name: &e.name,
                    tax_id: &e.tax_id,
                    client_id: e.client_id.as_deref(),
                    client_secret: exposed(&e.client_secret),
                    encrypt_key: exposed(&e.encrypt_key),
                    missing: &e.missing,
                    missing_reasons: &e.missing_reasons,
                })
                .collect(),
            tenants: held
                .tenants
                .iter()
                .map(|t| TenantOut {
                    name: t.name.as_deref(),
                    client_id: t.client_id.as_deref(),
                    client_secret: exposed(&t.client_secret),
                    encrypt_key: exposed(&t.encrypt_key),
                    missing: &t.missing,
                    missing_reasons: &t.missing_reasons,
                })
                .collect(),
            selected: held.selected.as_deref(),
            allowed_scopes: &held.allowed_scopes,
            insecure_allowed: &held.insecure_allowed,
            problems: &held.problems,
        }
        .serialize(serializer)
    }
}

/// A pasted context (a 获取token示例's prefix and accountId, a pasted `getUserLanguage.do` body),
/// stored beside the console's observations but marked: `status.rs` prefers what the console
/// itself answered, and this one expires with the secrets and goes with 清除所有密钥.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedObservation {
    #[serde(flatten)]
    pub observation: Observation,
    pub pasted: bool,
    pub expires_at: u64,
}

/// What a paste leaves with the helper.
#[derive(Debug)]
pub struct PasteOutcome {
    pub kind: PasteKind,
    /// A mail's credentials, for the tab's console.
    pub credentials: Option<HeldCredentials>,
    /// A 获取token示例's app secret (appId `invoiceupload`), as its console's AccessToken key.
    pub access_key: Option<HeldSecret>,
    /// A pasted context, for the console it names.
    pub observation: Option<PastedObservation>,
    /// The scope the paste was held for (its storage key part), for the popup's message.
    pub scope: Option<String>,
}

/// Decides what `paste` leaves with the helper, pasted in the popup of the tab at `tab_url`
/// (`None`: the tab's address is unknown).
pub fn from_paste(
    paste: PasteResult,
    tab_url: Option<&str>,
    now_ms: u64,
    ttl_minutes: Option<f64>,
) -> Result<PasteOutcome, CredentialsError> {
    let lifetime = Lifetime::starting(now_ms, ttl_minutes);
    let tab_scope = tab_url.map(CredentialScope::of_page);
    let mut outcome = PasteOutcome {
        kind: paste.kind,
        credentials: None,
        access_key: None,
        observation: None,
        scope: None,
    };
    match paste.kind {
        PasteKind::Mail => {
            let scope = tab_scope.ok_or(CredentialsError::TabUnknown)??;
            let has_credentials = paste.enterprises.iter().any(|e| {
                e.client_id.is_some() || e.client_secret.is_some() || e.encrypt_key.is_some()
            }) || paste
                .tenants
                .iter()
                .any(|t| t.client_id.is_some() || t.client_secret.is_some());
            if !has_credentials {
                return Err(CredentialsError::NothingToHold);
            }
            // One enterprise is chosen for the user; of several, none until they choose.
            let selected = match paste.enterprises.as_slice() {
                [only] => Some(only.tax_id.clone()),
                _ => None,
            };
            outcome.scope = Some(scope.key().to_owned());
            // A mail thread pasted with its 获取token示例 (readPaste gives the mail with the
            // sample's token and context): the sample's key and context are kept too, for the
            // console the sample names. Its prefix was read as a console's, so this holds.
            if let Some(context) = &paste.context {
                let _ = keep_token_sample(context, paste.token, now_ms, lifetime, &mut outcome);
            }
            outcome.credentials = Some(HeldCredentials {
                origin: scope.origin,
                prefix: scope.prefix,
                created_at: lifetime.created_at,
                expires_at: lifetime.expires_at,
                environment: paste.environment,
                environment_url: paste.environment_url,
                enterprises: paste.enterprises,
                tenants: paste.tenants,
                selected,
                allowed_scopes: Vec::new(),
                insecure_allowed: Vec::new(),
                problems: paste.problems,
            });
        }
        PasteKind::TokenSample => {
            let context = paste
                .context
                .as_ref()
                .ok_or(CredentialsError::TokenWithoutConsole)?;
            let scope = keep_token_sample(context, paste.token, now_ms, lifetime, &mut outcome)?;
            if outcome.observation.is_none() && outcome.access_key.is_none() {
                return Err(CredentialsError::NothingToHold);
            }
            outcome.scope = Some(scope);
        }
        PasteKind::UserLanguage => {
            // The body names no console: it counts for the tab's, when the tab is one.
            let tab_url = tab_url.ok_or(CredentialsError::TabUnknown)?;
            let console = crate::console::ConsoleContext::from_url(tab_url)
                .map_err(|_| CredentialsError::NoConsole)?;
            let account_id = paste
                .context
                .as_ref()
                .and_then(|c| c.account_id.as_deref())
                .or_else(|| paste.token.as_ref().and_then(|t| t.account_id.as_deref()))
                .and_then(|id| AccountId::parse(id).ok())
                .ok_or(CredentialsError::NothingToHold)?;
            outcome.observation = Some(pasted_observation(
                &console.origin,
                console.prefix_path(),
                "getUserLanguage.do",
                account_id,
                now_ms,
                lifetime,
            ));
            outcome.scope = Some(console.prefix.clone());
        }
        // A console address holds nothing to keep: the popup reads it from the tab itself.
        PasteKind::ConsoleUrl => {}
    }
    Ok(outcome)
}

/// A 获取token示例's part of a paste: its context (accountId) and, for appId `invoiceupload`,
/// its app secret as the AccessToken key, both for the console its prefix names; that
/// console's scope key.
fn keep_token_sample(
    context: &PastedContext,
    token: Option<PastedToken>,
    now_ms: u64,
    lifetime: Lifetime,
    outcome: &mut PasteOutcome,
) -> Result<String, CredentialsError> {
    let (scope, console) =
        CredentialScope::of_prefix(&context.prefix).ok_or(CredentialsError::TokenWithoutConsole)?;
    let account_id = context
        .account_id
        .clone()
        .or_else(|| token.as_ref().and_then(|t| t.account_id.clone()));
    if let Some(account_id) = account_id
        .as_deref()
        .and_then(|id| AccountId::parse(id).ok())
    {
        outcome.observation = Some(pasted_observation(
            &console.origin,
            console.prefix_path(),
            "api/getAppToken.do",
            account_id,
            now_ms,
            lifetime,
        ));
    }
    if let Some(token) = token {
        let is_upload = token
            .app_id
            .as_deref()
            .is_some_and(|id| id.eq_ignore_ascii_case(INVOICE_UPLOAD_APP));
        if let (true, Some(secret)) = (is_upload, token.app_secret) {
            let secret_scope = SecretScope {
                origin: console.origin.clone(),
                prefix: console.prefix.clone(),
            };
            outcome.access_key = Some(HeldSecret::new(
                SecretKind::AccessTokenKey,
                secret_scope,
                secret,
                lifetime,
            ));
        }
    }
    Ok(scope.key().to_owned())
}

fn pasted_observation(
    origin: &str,
    prefix_path: &str,
    request: &str,
    account_id: AccountId,
    now_ms: u64,
    lifetime: Lifetime,
) -> PastedObservation {
    PastedObservation {
        observation: Observation {
            origin: origin.to_owned(),
            request_path: format!("{prefix_path}{request}"),
            page_dir: prefix_path.to_owned(),
            account_id,
            seen_at: Some(now_ms as f64),
        },
        pasted: true,
        expires_at: lifetime.expires_at,
    }
}
