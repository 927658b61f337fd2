//! The values a fill may use, as the service worker hands them over: the console context, the
//! secrets its policy releases for this fill, and what a pasted 授权邮件 left (the chosen
//! enterprise's name, 税号 and credentials, the tenant's, the environment). Missing means "not
//! known yet" — unless `secretRefusals` says the worker holds the value but withheld it, and why.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::forms::{CredentialKind, SecretKind, ValueSource};
use crate::secret::Secret;

/// Why the worker held a secret back from this fill (its release policy's refusal code), so the
/// row can say what to do instead of "no value yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// Captured on another console; the user has not confirmed this one in the popup.
    OtherConsole,
    /// It expired and was forgotten.
    Expired,
    /// The form sits in a frame of another origin than its top page.
    FrameFromOtherOrigin,
    /// The page is not a web console page.
    NotWebPage,
    /// The page moved (`history.replaceState`) onto another console than it loaded with.
    PageMoved,
    /// The console is on plain http (off this machine); the user has not confirmed it yet.
    InsecureConsole,
}

impl Withheld {
    /// The refusal code, as the row carries it.
    pub fn code(self) -> &'static str {
        match self {
            Withheld::OtherConsole => "secret-other-console",
            Withheld::Expired => "secret-expired",
            Withheld::FrameFromOtherOrigin => "secret-frame-other-origin",
            Withheld::NotWebPage => "secret-not-web-page",
            Withheld::PageMoved => "secret-page-moved",
            Withheld::InsecureConsole => "secret-insecure-console",
        }
    }

    /// Reads the policy's refusal code (`secret-other-console`, …); others are not reasons to
    /// tell (not held is the plain no-value).
    pub fn from_code(code: &str) -> Option<Withheld> {
        match code.trim() {
            "secret-other-console" => Some(Withheld::OtherConsole),
            "secret-expired" => Some(Withheld::Expired),
            "secret-frame-other-origin" => Some(Withheld::FrameFromOtherOrigin),
            "secret-not-web-page" => Some(Withheld::NotWebPage),
            "secret-page-moved" => Some(Withheld::PageMoved),
            "secret-insecure-console" => Some(Withheld::InsecureConsole),
            _ => None,
        }
    }
}

/// Everything a fill can draw from. Strings are trimmed when used; empty counts as missing.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FillValues {
    #[serde(deserialize_with = "optional_text")]
    pub prefix: Option<String>,
    #[serde(deserialize_with = "optional_text")]
    pub account_id: Option<String>,
    #[serde(deserialize_with = "optional_secret")]
    pub access_token_key: Option<Secret>,
    #[serde(deserialize_with = "optional_secret")]
    pub gateway: Option<Secret>,
    /// `{accessTokenKey?: code, gateway?: code, clientSecret?: code, …}`: secrets the worker
    /// holds but withheld (credentials under their value keys).
    #[serde(deserialize_with = "refusals")]
    pub secret_refusals: Refusals,
    /// `prod`, `test` or `unknown`: the environment the pasted mail states for itself.
    #[serde(deserialize_with = "optional_text")]
    pub environment: Option<String>,
    /// The 发票云 address for that environment; without it, Rust derives it from `environment`.
    #[serde(deserialize_with = "optional_text")]
    pub environment_url: Option<String>,
    #[serde(deserialize_with = "optional_text")]
    pub enterprise_name: Option<String>,
    #[serde(deserialize_with = "optional_text")]
    pub tax_id: Option<String>,
    /// The chosen enterprise's ClientID (an id, not a secret).
    #[serde(deserialize_with = "optional_text")]
    pub client_id: Option<String>,
    #[serde(deserialize_with = "optional_secret")]
    pub client_secret: Option<Secret>,
    #[serde(deserialize_with = "optional_secret")]
    pub encrypt_key: Option<Secret>,
    /// The tenant's ClientID (`TN_…`).
    #[serde(deserialize_with = "optional_text")]
    pub tenant_client_id: Option<String>,
    #[serde(deserialize_with = "optional_secret")]
    pub tenant_secret: Option<Secret>,
    #[serde(deserialize_with = "optional_secret")]
    pub tenant_encrypt_key: Option<Secret>,
    /// What the pasted records release for this fill, as `credentialsForFill` answers it
    /// (`{values, refusals}`); `merged` lays it over the rest.
    pub pasted: Option<Box<PastedRelease>>,
}

/// The pasted records' part of a fill: their values and the refusals for what they withheld.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PastedRelease {
    pub values: FillValues,
    #[serde(deserialize_with = "refusals")]
    pub refusals: Refusals,
}

/// The refusal codes of `secretRefusals`, per secret and per credential.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refusals {
    pub secrets: HashMap<SecretKind, Withheld>,
    pub credentials: HashMap<CredentialKind, Withheld>,
}

/// The 发票云 address of each environment (DESIGN.md), by the code the worker sends.
const ENVIRONMENT_URLS: &[(&str, &str)] = &[
    ("prod", "https://api.piaozone.com"),
    ("test", "https://api-dev.piaozone.com/test"),
];

/// The address of an environment code (`prod`, `test`); `unknown` has none.
pub fn environment_url(environment: &str) -> Option<&'static str> {
    let wanted = environment.trim();
    ENVIRONMENT_URLS
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(wanted))
        .map(|(_, url)| *url)
}

impl fmt::Debug for FillValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FillValues")
            .field("prefix", &self.prefix)
            .field("account_id", &self.account_id)
            .field("access_token_key", &self.access_token_key)
            .field("gateway", &self.gateway)
            .field("secret_refusals", &self.secret_refusals)
            .field("environment", &self.environment)
            .field("environment_url", &self.environment_url)
            .field("enterprise_name", &self.enterprise_name)
            .field("tax_id", &self.tax_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("encrypt_key", &self.encrypt_key)
            .field("tenant_client_id", &self.tenant_client_id)
            .field("tenant_secret", &self.tenant_secret)
            .field("tenant_encrypt_key", &self.tenant_encrypt_key)
            .finish()
    }
}

/// A value the plan may use, and whether it is a secret.
pub(crate) struct SourcedValue<'a> {
    pub text: &'a str,
    pub secret: bool,
}

impl FillValues {
    /// The values with the pasted part laid over the secret store's: a value the user pasted
    /// (a 授权邮件's credentials, a 获取token示例's app secret) is the one they mean for this
    /// console, so it wins over a captured or generated one, and a pasted record's refusal wins
    /// over the store's for the same kind. Without a pasted part, the values are unchanged.
    pub fn merged(mut self) -> FillValues {
        let Some(pasted) = self.pasted.take() else {
            return self;
        };
        let PastedRelease { values, refusals } = *pasted;
        macro_rules! lay_over {
            ($($field:ident),*) => {$(
                if values.$field.is_some() {
                    self.$field = values.$field;
                }
            )*};
        }
        lay_over!(
            prefix,
            account_id,
            access_token_key,
            gateway,
            environment,
            environment_url,
            enterprise_name,
            tax_id,
            client_id,
            client_secret,
            encrypt_key,
            tenant_client_id,
            tenant_secret,
            tenant_encrypt_key
        );
        for part in [values.secret_refusals, refusals] {
            self.secret_refusals.secrets.extend(part.secrets);
            self.secret_refusals.credentials.extend(part.credentials);
        }
        self
    }

    /// The trimmed value for `source`, if the helper holds one. Constants and lookups come from
    /// the spec itself; user input is never held.
    pub(crate) fn value_for(&self, source: ValueSource) -> Option<SourcedValue<'_>> {
        let (text, secret) = match source {
            ValueSource::ConsolePrefix => (self.prefix.as_deref()?, false),
            ValueSource::AccountId => (self.account_id.as_deref()?, false),
            ValueSource::Constant { value } => (value, false),
            ValueSource::Lookup { code, .. } => (code, false),
            ValueSource::Checked { checked } => (if checked { "true" } else { "false" }, false),
            ValueSource::Secret {
                secret: SecretKind::AccessTokenKey,
            } => (self.access_token_key.as_ref()?.expose(), true),
            ValueSource::Secret {
                secret: SecretKind::Gateway,
            } => (self.gateway.as_ref()?.expose(), true),
            ValueSource::Credential { credential } => {
                (self.credential(credential)?, credential.is_secret())
            }
            ValueSource::UserInput => return None,
        };
        let text = text.trim();
        (!text.is_empty()).then_some(SourcedValue { text, secret })
    }
}

impl FillValues {
    /// Why the secret of `kind` is missing, when the worker said it withheld it.
    pub(crate) fn withheld(&self, kind: SecretKind) -> Option<Withheld> {
        self.secret_refusals.secrets.get(&kind).copied()
    }

    /// Why the credential of `kind` is missing, when the worker said it withheld it.
    pub(crate) fn credential_withheld(&self, kind: CredentialKind) -> Option<Withheld> {
        self.secret_refusals.credentials.get(&kind).copied()
    }

    /// The held value of a credential, untrimmed. The environment's address is the one the
    /// worker gave, else the one of the environment the mail states.
    pub(crate) fn credential(&self, kind: CredentialKind) -> Option<&str> {
        match kind {
            CredentialKind::EnterpriseClientId => self.client_id.as_deref(),
            CredentialKind::EnterpriseClientSecret => {
                self.client_secret.as_ref().map(Secret::expose)
            }
            CredentialKind::EnterpriseEncryptKey => self.encrypt_key.as_ref().map(Secret::expose),
            CredentialKind::TenantClientId => self.tenant_client_id.as_deref(),
            CredentialKind::TenantClientSecret => self.tenant_secret.as_ref().map(Secret::expose),
            CredentialKind::TenantEncryptKey => {
                self.tenant_encrypt_key.as_ref().map(Secret::expose)
            }
            CredentialKind::EnvironmentUrl => self
                .environment_url
                .as_deref()
                .filter(|url| !url.trim().is_empty())
                .or_else(|| self.environment.as_deref().and_then(environment_url)),
            CredentialKind::EnterpriseName => self.enterprise_name.as_deref(),
            CredentialKind::TaxId => self.tax_id.as_deref(),
        }
    }

    /// Whether a mail's credentials are held at all (an enterprise's or the tenant's): only then
    /// is an unknown environment the mail's silence rather than nothing pasted yet.
    pub(crate) fn holds_mail_credentials(&self) -> bool {
        [
            &self.client_id,
            &self.tenant_client_id,
            &self.enterprise_name,
            &self.tax_id,
        ]
        .iter()
        .any(|v| v.as_deref().is_some_and(|t| !t.trim().is_empty()))
            || self.client_secret.is_some()
            || self.tenant_secret.is_some()
    }

    /// Whether the mail said which environment it is for (`prod`/`test`).
    pub(crate) fn environment_known(&self) -> bool {
        self.environment
            .as_deref()
            .and_then(environment_url)
            .is_some()
    }
}

/// Lenient: a map of kind codes (secret kinds, credential value keys) to refusal codes;
/// anything else is ignored.
fn refusals<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Refusals, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Map(HashMap<String, serde_json::Value>),
        Other(serde::de::IgnoredAny),
    }
    let Repr::Map(map) = Repr::deserialize(deserializer)? else {
        return Ok(Refusals::default());
    };
    let why = |code: &serde_json::Value| code.as_str().and_then(Withheld::from_code);
    Ok(Refusals {
        secrets: map
            .iter()
            .filter_map(|(kind, code)| Some((SecretKind::from_code(kind)?, why(code)?)))
            .collect(),
        credentials: map
            .iter()
            .filter_map(|(kind, code)| Some((CredentialKind::from_value_key(kind)?, why(code)?)))
            .collect(),
    })
}

fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Integer(u64),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Text(text) => Some(text),
        // accountId should come as a string; a whole number is still digit-exact here.
        Repr::Integer(n) => Some(n.to_string()),
        Repr::Other(_) => None,
    })
}

fn optional_secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Secret>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Text(text) => Some(Secret::new(text)),
        Repr::Other(_) => None,
    })
}
