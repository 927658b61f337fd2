//! The values a fill may use, as the service worker hands them over: the console context, and
//! the secrets its policy releases for this fill (issue 6). Missing means "not known yet".

use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::forms::{SecretKind, ValueSource};
use crate::secret::Secret;

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
}

impl fmt::Debug for FillValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FillValues")
            .field("prefix", &self.prefix)
            .field("account_id", &self.account_id)
            .field("access_token_key", &self.access_token_key)
            .field("gateway", &self.gateway)
            .finish()
    }
}

/// A value the plan may use, and whether it is a secret.
pub(crate) struct SourcedValue<'a> {
    pub text: &'a str,
    pub secret: bool,
}

impl FillValues {
    /// The trimmed value for `source`, if the helper holds one. Constants and lookups come from
    /// the spec itself; credentials and user input are never held (yet).
    pub(crate) fn value_for(&self, source: ValueSource) -> Option<SourcedValue<'_>> {
        let (text, secret) = match source {
            ValueSource::ConsolePrefix => (self.prefix.as_deref()?, false),
            ValueSource::AccountId => (self.account_id.as_deref()?, false),
            ValueSource::Constant { value } => (value, false),
            ValueSource::Lookup { code, .. } => (code, false),
            ValueSource::Checked { checked } => (if checked { "true" } else { "false" }, false),
            ValueSource::Secret { secret: SecretKind::AccessTokenKey } => (self.access_token_key.as_ref()?.expose(), true),
            ValueSource::Secret { secret: SecretKind::Gateway } => (self.gateway.as_ref()?.expose(), true),
            ValueSource::Credential { .. } | ValueSource::UserInput => return None,
        };
        let text = text.trim();
        (!text.is_empty()).then_some(SourcedValue { text, secret })
    }
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
