//! The session's `getUserLanguage.do` observations per origin, as the worker keeps them: which
//! observation is accepted (a document gives its 数据中心 id once; a hostile page replaying what
//! it saw with another id changes nothing), how repeats fold, how a pasted context replaces an
//! earlier pasted one, and which entries are the console's own (what may be remembered across
//! restarts; what 清除所有密钥 leaves).
//!
//! Entries are kept as JSON values: the stored shapes (seen and pasted observations) pass
//! through untouched, and only the fields these rules read are looked at.

use serde_json::Value;
use thiserror::Error;

use crate::i18n::{Locale, Localised};

/// Observations kept per origin, newest last.
pub const MAX_OBSERVATIONS: usize = 20;
/// Documents remembered as having given their id (a bounded ring, oldest dropped).
pub const MAX_DOCUMENTS: usize = 500;

/// A document that already gave its 数据中心 id offered another one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("this page already gave its 数据中心 id")]
pub struct Replayed;

impl Localised for Replayed {
    fn message(&self, locale: Locale) -> String {
        locale
            .pick(
                "这个页面已经给出过它的数据中心 id，不会被替换",
                "This page already gave its 数据中心 id; it is not replaced",
            )
            .into()
    }

    fn code(&self) -> &'static str {
        "context-replayed"
    }
}

/// An accepted observation: the id it gives and, when the store changes, what to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub account_id: Value,
    /// `(observations, documents)` to store; `None` when the document repeated its own id.
    pub write: Option<(Vec<Value>, Vec<Value>)>,
}

/// Accepts `observation` (the core's reading of a `getUserLanguage.do` body) from the document
/// `document_id` into the origin's `stored` observations and the `documents` that gave theirs.
/// The first id a document gives stands; the same id again is accepted without a write; an
/// observation repeating an entry (same id, request path and page directory) replaces it.
pub fn accept(
    stored: Vec<Value>,
    mut documents: Vec<Value>,
    observation: Value,
    document_id: Option<&str>,
) -> Result<Accepted, Replayed> {
    let account_id = field(&observation, "accountId").clone();
    if let Some(id) = document_id.filter(|id| !id.is_empty()) {
        let earlier = documents
            .iter()
            .find(|entry| field(entry, "documentId").as_str() == Some(id));
        if let Some(earlier) = earlier {
            let earlier_id = field(earlier, "accountId");
            return if *earlier_id == account_id {
                Ok(Accepted {
                    account_id: earlier_id.clone(),
                    write: None,
                })
            } else {
                Err(Replayed)
            };
        }
        documents.push(serde_json::json!({ "documentId": id, "accountId": account_id }));
    }
    let same = |entry: &Value| {
        ["accountId", "requestPath", "pageDir"]
            .iter()
            .all(|name| field(entry, name) == field(&observation, name))
    };
    let mut observations: Vec<Value> = stored.into_iter().filter(|entry| !same(entry)).collect();
    observations.push(observation);
    Ok(Accepted {
        account_id,
        write: Some((
            newest(observations, MAX_OBSERVATIONS),
            newest(documents, MAX_DOCUMENTS),
        )),
    })
}

/// The origin's observations with `pasted` (a context the user pasted, as the core wrote it)
/// in place of an earlier pasted one for the same console directory.
pub fn with_pasted(stored: Vec<Value>, pasted: Value) -> Vec<Value> {
    let dir = field(&pasted, "pageDir").clone();
    let mut kept: Vec<Value> = stored
        .into_iter()
        .filter(|entry| !(is_pasted(entry) && *field(entry, "pageDir") == dir))
        .collect();
    kept.push(pasted);
    newest(kept, MAX_OBSERVATIONS)
}

/// The observations the console itself gave: without pasted contexts (those expire with the
/// secrets and go with 清除所有密钥) and without empty entries.
pub fn own(stored: Vec<Value>) -> Vec<Value> {
    stored
        .into_iter()
        .filter(|entry| truthy(entry) && !is_pasted(entry))
        .collect()
}

fn is_pasted(entry: &Value) -> bool {
    truthy(field(entry, "pasted"))
}

/// The field `name` of an object entry (`null` for anything else), as JS reads `entry?.name`.
fn field<'a>(entry: &'a Value, name: &str) -> &'a Value {
    entry.get(name).unwrap_or(&Value::Null)
}

/// JavaScript truthiness, for flags stored by earlier versions as other than booleans.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// The last `max` entries.
fn newest(mut entries: Vec<Value>, max: usize) -> Vec<Value> {
    let excess = entries.len().saturating_sub(max);
    entries.drain(..excess);
    entries
}
