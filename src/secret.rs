//! The `Secret` type and everything the helper knows about the two secrets it holds: which kind
//! each is, which console it belongs to, how long it lives, and when it may be handed out.
//!
//! A secret is the 第三方应用 AccessToken key or the 网关 credential `x-acgw-identity`. Leaking
//! one is the worst thing this extension could do, so the type makes it awkward: `Debug` and
//! `Display` show nothing of the value, there is no `Serialize` (only the explicit
//! [`SessionRecord`] writes one, for `chrome.storage.session`), no implicit `Clone`, reads go
//! through [`Secret::expose`], and the memory is zeroed on drop.

pub mod actions;
mod held;
mod kind;
pub mod policy;
mod scope;
pub mod store;

use std::fmt;

use zeroize::Zeroizing;

pub use held::{
    ttl_minutes_from_setting, HeldSecret, Lifetime, SecretMeta, SessionRecord, DEFAULT_TTL_MINUTES,
    MAX_TTL_MINUTES, MIN_TTL_MINUTES,
};
pub use kind::SecretKind;
pub use scope::{ScopeError, SecretScope};

/// The mask character used wherever a secret is shown: never the value, at most its last four.
pub const MASK: &str = "••••";

/// A secret string: zeroed when dropped, redacted when formatted, read only on purpose.
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Takes ownership of the value; the caller's `String` is moved, not copied.
    pub fn new(value: String) -> Secret {
        Secret(Zeroizing::new(value))
    }

    /// The value itself. Every call site is a place where the secret leaves this type: keep
    /// them few (filling the target input, writing the session store, copying on request).
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    /// An explicit copy, for the rare place that must own two (named so it shows in review).
    pub fn duplicate(&self) -> Secret {
        Secret::new(self.0.as_str().to_owned())
    }

    /// Number of characters (not bytes).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// `••••` followed by the last four characters: what the popup shows so a person can tell
    /// which key is held. Shorter values reveal at most half of themselves.
    pub fn masked(&self) -> String {
        masked(self.expose())
    }

    /// Compares with `other` without stopping at the first difference (the length is not
    /// hidden: both sides' lengths are known to whoever holds them).
    pub fn same_value(&self, other: &str) -> bool {
        let (a, b) = (self.expose().as_bytes(), other.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// The popup's masked form of any secret text: `••••` + up to its last four characters, never
/// more than half of it (so a short value is not shown whole).
pub fn masked(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let shown = (chars.len() / 2).min(4);
    let tail: String = chars[chars.len() - shown..].iter().collect();
    format!("{MASK}{tail}")
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}
