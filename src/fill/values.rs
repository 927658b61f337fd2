//! The values a fill may use, as the service worker hands them over: the console context, and
//! the secrets its policy releases for this fill (issue 6). Missing means "not known yet" —
//! unless `secretRefusals` says the worker holds the secret but withheld it, and why.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::forms::{SecretKind, ValueSource};
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
    /// `{accessTokenKey?: code, gateway?: code}`: secrets the worker holds but withheld.
    #[serde(deserialize_with = "refusals")]
    pub secret_refusals: HashMap<SecretKind, Withheld>,
}

impl fmt::Debug for FillValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FillValues")
            .field("prefix", &self.prefix)
            .field("account_id", &self.account_id)
            .field("access_token_key", &self.access_token_key)
            .field("gateway", &self.gateway)
            .field("secret_refusals", &self.secret_refusals)
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

impl FillValues {
    /// Why the secret of `kind` is missing, when the worker said it withheld it.
    pub(crate) fn withheld(&self, kind: SecretKind) -> Option<Withheld> {
        self.secret_refusals.get(&kind).copied()
    }
}

/// Lenient: a map of kind codes to refusal codes; anything else is ignored.
fn refusals<'de, D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<SecretKind, Withheld>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Map(HashMap<String, serde_json::Value>),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Map(map) => map
            .iter()
            .filter_map(|(kind, code)| Some((SecretKind::from_code(kind)?, Withheld::from_code(code.as_str()?)?)))
            .collect(),
        Repr::Other(_) => HashMap::new(),
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
