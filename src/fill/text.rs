//! Text inside a plan step: a value to put into a control or the value it held before. It may
//! be a secret, so its memory is zeroed when dropped; it serialises as a plain string because
//! the executor must type it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroize;

/// A step's text; `Debug` shows nothing (a step decides whether it may be printed).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PlanText(String);

impl PlanText {
    pub fn new(text: impl Into<String>) -> PlanText {
        PlanText(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for PlanText {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for PlanText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PlanText(<redacted>)")
    }
}

impl Serialize for PlanText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PlanText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Flag(bool),
            Number(f64),
            Nothing(()),
        }
        Ok(PlanText(match Repr::deserialize(deserializer)? {
            Repr::Text(text) => text,
            Repr::Flag(flag) => flag.to_string(),
            Repr::Number(n) => n.to_string(),
            Repr::Nothing(()) => String::new(),
        }))
    }
}
