//! The session's observations per origin: a document gives its 数据中心 id once, repeats fold,
//! a pasted context replaces an earlier pasted one, and only the console's own are remembered.

use fapiao_helper::console::observations::{
    accept, own, with_pasted, MAX_DOCUMENTS, MAX_OBSERVATIONS,
};
use fapiao_helper::i18n::{Locale, Localised};
use serde_json::{json, Value};

fn seen(account_id: &str, page_dir: &str, seen_at: u64) -> Value {
    json!({
        "origin": "https://erp.example.com",
        "requestPath": "/ierp/auth/getUserLanguage.do",
        "pageDir": page_dir,
        "accountId": account_id,
        "seenAt": seen_at,
    })
}

fn pasted(account_id: &str, page_dir: &str) -> Value {
    let mut entry = seen(account_id, page_dir, 1);
    entry["pasted"] = json!(true);
    entry["expiresAt"] = json!(9_999);
    entry
}

#[test]
fn a_documents_first_id_is_stored_with_the_document() {
    let accepted = accept(
        Vec::new(),
        Vec::new(),
        seen("1742", "/ierp/", 1),
        Some("doc-1"),
    )
    .expect("accepted");
    assert_eq!(accepted.account_id, json!("1742"));
    let (observations, documents) = accepted.write.expect("stored");
    assert_eq!(observations, vec![seen("1742", "/ierp/", 1)]);
    assert_eq!(
        documents,
        vec![json!({ "documentId": "doc-1", "accountId": "1742" })]
    );
}

#[test]
fn a_document_replaying_another_id_is_refused_and_its_own_again_changes_nothing() {
    let documents = vec![json!({ "documentId": "doc-1", "accountId": "1742" })];
    let stored = vec![seen("1742", "/ierp/", 1)];
    let replay = accept(
        stored.clone(),
        documents.clone(),
        seen("9999", "/ierp/", 2),
        Some("doc-1"),
    );
    let refusal = replay.expect_err("a replay with another id is refused");
    assert_eq!(refusal.code(), "context-replayed");
    assert!(refusal.message(Locale::En).contains("already gave"));
    let again =
        accept(stored, documents, seen("1742", "/ierp/", 3), Some("doc-1")).expect("same id");
    assert_eq!(again.account_id, json!("1742"));
    assert_eq!(again.write, None);
}

#[test]
fn a_repeat_replaces_its_entry_and_another_directory_is_kept() {
    let stored = vec![seen("1742", "/ierp/", 1), seen("1742", "/other/", 2)];
    let accepted = accept(stored, Vec::new(), seen("1742", "/ierp/", 5), None).expect("accepted");
    let (observations, documents) = accepted.write.expect("stored");
    assert_eq!(
        observations,
        vec![seen("1742", "/other/", 2), seen("1742", "/ierp/", 5)]
    );
    assert!(
        documents.is_empty(),
        "no document id, nothing remembered of it"
    );
}

#[test]
fn the_lists_keep_only_the_newest() {
    let stored: Vec<Value> = (0..MAX_OBSERVATIONS as u64)
        .map(|n| seen(&n.to_string(), "/ierp/", n))
        .collect();
    let documents: Vec<Value> = (0..MAX_DOCUMENTS)
        .map(|n| json!({ "documentId": format!("d{n}"), "accountId": "1" }))
        .collect();
    let accepted = accept(stored, documents, seen("new", "/ierp/", 99), Some("fresh")).expect("ok");
    let (observations, documents) = accepted.write.expect("stored");
    assert_eq!(observations.len(), MAX_OBSERVATIONS);
    assert_eq!(observations.first(), Some(&seen("1", "/ierp/", 1)));
    assert_eq!(observations.last(), Some(&seen("new", "/ierp/", 99)));
    assert_eq!(documents.len(), MAX_DOCUMENTS);
    assert_eq!(documents[0]["documentId"], "d1");
}

#[test]
fn a_pasted_context_replaces_the_earlier_pasted_one_of_its_console_only() {
    let stored = vec![
        seen("1742", "/ierp/", 1),
        pasted("old", "/ierp/"),
        pasted("kept", "/other/"),
    ];
    let now = with_pasted(stored, pasted("new", "/ierp/"));
    assert_eq!(
        now,
        vec![
            seen("1742", "/ierp/", 1),
            pasted("kept", "/other/"),
            pasted("new", "/ierp/")
        ]
    );
}

#[test]
fn the_consoles_own_observations_leave_pasted_and_empty_entries_out() {
    let stored = vec![
        seen("1742", "/ierp/", 1),
        pasted("p", "/ierp/"),
        Value::Null,
        seen("2", "/other/", 2),
    ];
    assert_eq!(
        own(stored),
        vec![seen("1742", "/ierp/", 1), seen("2", "/other/", 2)]
    );
}
