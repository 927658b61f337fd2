//! Where each document loaded from, by the browser's word, as the worker keeps it: our isolated
//! content script says hello at document_start, before any page script can rewrite the address
//! (`history.replaceState`); the first hello of a document wins (its id never changes while it
//! lives), and a tab's top frame names the tab's top document. From these and the addresses the
//! browser reports with a later message, [`DocumentLoads::requester`] says what
//! [`super::binding::place_of`] needs.

use serde::{Deserialize, Serialize};

use super::binding::{Requester, SeenDocument};

/// Documents remembered (a ring: the oldest go first).
pub const MAX_DOCUMENTS: usize = 1000;

/// The session's record: `docs` as `[documentId, loadUrl]` pairs, oldest first, and `tops` from
/// a tab id to the document now at its top.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentLoads {
    #[serde(default)]
    pub docs: Vec<(String, String)>,
    /// A JSON map (the crate's one map type): tab id → document id.
    #[serde(default)]
    pub tops: serde_json::Map<String, serde_json::Value>,
}

/// A message's sender as the browser describes it (`sender.*`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sender<'a> {
    /// `sender.origin`, or what stands for it (see `frameOriginOf` in the worker).
    pub frame_origin: &'a str,
    pub url: Option<&'a str>,
    pub frame_id: Option<i64>,
    pub document_id: Option<&'a str>,
    pub tab_id: Option<i64>,
    pub tab_url: Option<&'a str>,
}

impl DocumentLoads {
    /// Notes a document's hello: its load address unless it said hello before, and, for a top
    /// frame, that it is now its tab's top document.
    pub fn hello(&mut self, document_id: &str, url: &str, frame_id: i64, tab_id: Option<i64>) {
        if self.load_url(document_id).is_none() {
            self.docs.push((document_id.to_owned(), url.to_owned()));
            let excess = self.docs.len().saturating_sub(MAX_DOCUMENTS);
            self.docs.drain(..excess);
        }
        if let (0, Some(tab)) = (frame_id, tab_id) {
            self.tops.insert(tab.to_string(), document_id.into());
        }
    }

    /// The address the document loaded with, if it said hello.
    pub fn load_url(&self, document_id: &str) -> Option<&str> {
        self.docs
            .iter()
            .find(|(id, _)| id == document_id)
            .map(|(_, url)| url.as_str())
    }

    /// Forgets which document a closed tab showed; whether anything changed.
    pub fn forget_tab(&mut self, tab_id: i64) -> bool {
        self.tops.remove(&tab_id.to_string()).is_some()
    }

    /// The requester `sender` is: a top frame's address now is its tab's (a console's SPA
    /// routing changes it there); a frame's tab top is the document that last said hello there.
    pub fn requester<'a>(&'a self, sender: &Sender<'a>) -> Requester<'a> {
        let own_url = sender.url.unwrap_or("");
        let frame_load_url = sender.document_id.and_then(|id| self.load_url(id));
        let is_top = sender.frame_id == Some(0);
        let frame = SeenDocument {
            url: if is_top {
                sender.tab_url.unwrap_or(own_url)
            } else {
                own_url
            },
            load_url: frame_load_url,
        };
        let top = (!is_top).then(|| SeenDocument {
            url: sender.tab_url.unwrap_or(""),
            load_url: sender
                .tab_id
                .and_then(|tab| self.tops.get(&tab.to_string()))
                .and_then(serde_json::Value::as_str)
                .and_then(|id| self.load_url(id)),
        });
        Requester {
            frame_origin: sender.frame_origin,
            frame,
            top,
        }
    }
}
