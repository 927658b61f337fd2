//! A secret as the service worker holds it: kind, console, lifetime, value; and the one
//! explicit way to write it into `chrome.storage.session`.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{ScopeError, Secret, SecretKind, SecretScope};

/// How long a secret is kept when the user has not said otherwise (DESIGN.md: "with an expiry").
pub const DEFAULT_TTL_MINUTES: u32 = 30;
/// Shortest lifetime the `secretTtlMinutes` setting may ask for.
pub const MIN_TTL_MINUTES: u32 = 1;
/// Longest: a working day. Session storage is gone when the browser closes anyway.
pub const MAX_TTL_MINUTES: u32 = 8 * 60;

const MS_PER_MINUTE: u64 = 60_000;

/// When a secret was remembered and when it is forgotten, in milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifetime {
    pub created_at: u64,
    pub expires_at: u64,
}

impl Lifetime {
    /// A lifetime starting at `now_ms`; `ttl_minutes` is the user's setting, if any: missing,
    /// not a number or not positive gives the default, anything else is clamped to the bounds.
    pub fn starting(now_ms: u64, ttl_minutes: Option<f64>) -> Lifetime {
        let minutes = u64::from(ttl_minutes_from_setting(ttl_minutes));
        Lifetime {
            created_at: now_ms,
            expires_at: now_ms.saturating_add(minutes * MS_PER_MINUTE),
        }
    }

    /// Expired at the instant it reaches `expires_at`.
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms >= self.expires_at
    }
}

/// The number of minutes a `secretTtlMinutes` setting means.
pub fn ttl_minutes_from_setting(setting: Option<f64>) -> u32 {
    match setting {
        Some(minutes) if minutes.is_finite() && minutes > 0.0 => {
            // Clamped first, so the cast cannot overflow.
            minutes
                .round()
                .clamp(f64::from(MIN_TTL_MINUTES), f64::from(MAX_TTL_MINUTES)) as u32
        }
        _ => DEFAULT_TTL_MINUTES,
    }
}

/// A remembered secret. Its value is reachable only through [`HeldSecret::value`] and
/// [`HeldSecret::session_record`].
#[derive(Debug)]
pub struct HeldSecret {
    kind: SecretKind,
    scope: SecretScope,
    lifetime: Lifetime,
    value: Secret,
}

impl HeldSecret {
    pub fn new(
        kind: SecretKind,
        scope: SecretScope,
        value: Secret,
        lifetime: Lifetime,
    ) -> HeldSecret {
        HeldSecret {
            kind,
            scope,
            lifetime,
            value,
        }
    }

    /// Remembers `value` for the console of the page at `page_url` (the browser's word for
    /// where it came from), from `now_ms` for the user's `ttl_minutes` setting.
    pub fn remember(
        kind: SecretKind,
        page_url: &str,
        value: Secret,
        now_ms: u64,
        ttl_minutes: Option<f64>,
    ) -> Result<HeldSecret, ScopeError> {
        let scope = SecretScope::of_page(page_url)?;
        Ok(HeldSecret::new(
            kind,
            scope,
            value,
            Lifetime::starting(now_ms, ttl_minutes),
        ))
    }

    pub fn kind(&self) -> SecretKind {
        self.kind
    }

    pub fn scope(&self) -> &SecretScope {
        &self.scope
    }

    pub fn lifetime(&self) -> Lifetime {
        self.lifetime
    }

    pub fn value(&self) -> &Secret {
        &self.value
    }

    /// Everything about the secret except its value: what the popup and the release policy
    /// need, so the value itself need not travel for them.
    pub fn meta(&self) -> SecretMeta {
        SecretMeta {
            kind: self.kind,
            origin: self.scope.origin.clone(),
            prefix: self.scope.prefix.clone(),
            created_at: self.lifetime.created_at,
            expires_at: self.lifetime.expires_at,
            masked: self.value.masked(),
            allowed_prefixes: Vec::new(),
            insecure_allowed: Vec::new(),
        }
    }

    /// The session-store key for this secret.
    pub fn storage_key(&self) -> String {
        self.scope.storage_key(self.kind)
    }

    /// The explicit, opt-in serialisation: only for writing into `chrome.storage.session`.
    pub fn session_record(&self) -> SessionRecord<'_> {
        SessionRecord(self)
    }
}

/// A secret's metadata, as stored beside its value and read back by the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretMeta {
    pub kind: SecretKind,
    pub origin: String,
    pub prefix: String,
    pub created_at: u64,
    pub expires_at: u64,
    /// [`Secret::masked`], computed once when remembered so the popup never needs the value.
    pub masked: String,
    /// Console prefixes (other than its own) the user allowed in the popup to receive it.
    #[serde(default)]
    pub allowed_prefixes: Vec<String>,
    /// Consoles on plain `http:` off this machine (see [`crate::console::is_insecure_origin`])
    /// the user allowed in the popup, after its warning, to receive it.
    #[serde(default)]
    pub insecure_allowed: Vec<String>,
}

impl SecretMeta {
    pub fn scope(&self) -> SecretScope {
        SecretScope {
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
}

/// The session-store form of a [`HeldSecret`]: its metadata plus `value`. It borrows, so the
/// only copy it makes is the one the serializer writes.
pub struct SessionRecord<'a>(&'a HeldSecret);

impl Serialize for SessionRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let meta = self.0.meta();
        let mut record = serializer.serialize_struct("SessionRecord", 8)?;
        record.serialize_field("kind", &meta.kind)?;
        record.serialize_field("origin", &meta.origin)?;
        record.serialize_field("prefix", &meta.prefix)?;
        record.serialize_field("createdAt", &meta.created_at)?;
        record.serialize_field("expiresAt", &meta.expires_at)?;
        record.serialize_field("masked", &meta.masked)?;
        record.serialize_field("allowedPrefixes", &meta.allowed_prefixes)?;
        record.serialize_field("value", self.0.value.expose())?;
        record.end()
    }
}
