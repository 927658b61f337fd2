//! The parser's answer (`readPaste`) as this module reads it back: secrets straight into
//! [`Secret`], unknown fields ignored, anything missing defaulted (a field the parser could not
//! read is simply absent and listed in its `missing`).

use serde::{Deserialize, Deserializer, Serialize};

use crate::secret::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PasteKind {
    Mail,
    TokenSample,
    ConsoleUrl,
    UserLanguage,
}

/// The environment a mail states for itself (DESIGN.md: 演示 and 沙箱 count as test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Prod,
    Test,
    #[default]
    #[serde(other)]
    Unknown,
}

impl Environment {
    pub fn code(self) -> &'static str {
        match self {
            Environment::Prod => "prod",
            Environment::Test => "test",
            Environment::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PastedEnterprise {
    pub name: String,
    pub tax_id: String,
    #[serde(deserialize_with = "text")]
    pub client_id: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub client_secret: Option<Secret>,
    #[serde(deserialize_with = "secret")]
    pub encrypt_key: Option<Secret>,
    pub missing: Vec<serde_json::Value>,
    /// `{field, reason, message}` per missing value: why it could not be read, localised.
    pub missing_reasons: Vec<MissingReason>,
}

/// Why a value of a mail could not be read, as the parser says it (no value in it).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MissingReason {
    pub field: String,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PastedTenant {
    #[serde(deserialize_with = "text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub client_id: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub client_secret: Option<Secret>,
    #[serde(deserialize_with = "secret")]
    pub encrypt_key: Option<Secret>,
    pub missing: Vec<serde_json::Value>,
    pub missing_reasons: Vec<MissingReason>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PastedContext {
    pub origin: String,
    pub prefix: String,
    #[serde(deserialize_with = "text")]
    pub account_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PastedToken {
    #[serde(deserialize_with = "text")]
    pub app_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub tenant_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub user: Option<String>,
    #[serde(deserialize_with = "text")]
    pub account_id: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub app_secret: Option<Secret>,
}

/// One problem the parser found (a 税号 failing its check, a `TN_` id among enterprises …):
/// shown with the paste's result, never holding a value.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PasteProblem {
    pub problem: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasteResult {
    pub kind: PasteKind,
    #[serde(default)]
    pub environment: Environment,
    #[serde(default, deserialize_with = "text")]
    pub environment_url: Option<String>,
    #[serde(default)]
    pub enterprises: Vec<PastedEnterprise>,
    #[serde(default)]
    pub tenants: Vec<PastedTenant>,
    #[serde(default)]
    pub context: Option<PastedContext>,
    #[serde(default)]
    pub token: Option<PastedToken>,
    #[serde(default)]
    pub problems: Vec<PasteProblem>,
}

/// A trimmed, non-empty text; anything else (null, a number from a forged message) is absent.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Text(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    })
}

/// A secret, moved into [`Secret`] as read (trimmed: spaces pasted around a key are no part of
/// it; the parser reports inner spaces as a problem).
pub(crate) fn secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Secret>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Text(text) => {
            let text = zeroize::Zeroizing::new(text);
            let trimmed = text.trim();
            (!trimmed.is_empty()).then(|| Secret::new(trimmed.to_owned()))
        }
        Repr::Other(_) => None,
    })
}
