//! The secret store's decisions: which record counts for a console, what the popup says of it,
//! what its confirms write, and what a fill receives or why not.

use fapiao_helper::secret::store::{
    choose, clipboard_running, confirm, release_for_fill, status, Confirm, FillRequest, Place,
    StoredSecret,
};
use fapiao_helper::secret::{SecretKind, SecretMeta};

const HERE: &str = "https://erp.example.com/ierp/";
const HERE_PAGE: &str = "https://erp.example.com/ierp/index.html?formId=home";
const OTHER: &str = "https://erp.example.com/other/";
const ELSEWHERE: &str = "https://elsewhere.example.com/ierp/";
const APP_FORM: &str = "发票回调配置";
const NOW: u64 = 1_000_000;

fn record(kind: SecretKind, prefix: &str, created_at: u64) -> StoredSecret {
    let end = prefix
        .match_indices('/')
        .nth(2)
        .map_or(prefix.len(), |(at, _)| at);
    let origin = &prefix[..end];
    StoredSecret {
        key: format!("secret:{}:{prefix}", kind.code()),
        meta: SecretMeta {
            kind,
            origin: origin.to_owned(),
            prefix: prefix.to_owned(),
            created_at,
            expires_at: created_at + 30 * 60_000,
            masked: "••••abcd".to_owned(),
            allowed_prefixes: Vec::new(),
            insecure_allowed: Vec::new(),
        },
    }
}

fn key_of(chosen: Option<&StoredSecret>) -> Option<&str> {
    chosen.map(|record| record.key.as_str())
}

#[test]
fn the_consoles_own_record_counts_first() {
    let records = [
        record(SecretKind::Gateway, OTHER, NOW + 5),
        record(SecretKind::Gateway, HERE, NOW),
    ];
    assert_eq!(
        key_of(choose(&records, SecretKind::Gateway, Some(HERE))),
        Some("secret:gateway:https://erp.example.com/ierp/")
    );
}

#[test]
fn a_record_allowed_for_the_console_counts_before_a_newer_one() {
    let mut allowed = record(SecretKind::Gateway, OTHER, NOW);
    allowed.meta.allowed_prefixes.push(HERE.to_owned());
    let records = [record(SecretKind::Gateway, ELSEWHERE, NOW + 9), allowed];
    assert_eq!(
        key_of(choose(&records, SecretKind::Gateway, Some(HERE))),
        Some("secret:gateway:https://erp.example.com/other/")
    );
}

#[test]
fn otherwise_the_newest_record_of_the_kind_counts_and_the_first_wins_a_tie() {
    let records = [
        record(SecretKind::AccessTokenKey, HERE, NOW + 9),
        record(SecretKind::Gateway, OTHER, NOW + 1),
        record(SecretKind::Gateway, ELSEWHERE, NOW + 5),
        record(
            SecretKind::Gateway,
            "https://third.example.com/ierp/",
            NOW + 5,
        ),
    ];
    assert_eq!(
        key_of(choose(&records, SecretKind::Gateway, Some(HERE))),
        Some("secret:gateway:https://elsewhere.example.com/ierp/")
    );
    assert_eq!(
        key_of(choose(&records, SecretKind::Gateway, None)),
        Some("secret:gateway:https://elsewhere.example.com/ierp/")
    );
    assert_eq!(
        choose(&records[1..], SecretKind::AccessTokenKey, Some(HERE)),
        None
    );
}

#[test]
fn the_popup_status_says_own_allowed_and_confirmable() {
    let mut allowed = record(SecretKind::AccessTokenKey, OTHER, NOW);
    allowed.meta.allowed_prefixes.push(HERE.to_owned());
    let records = [allowed, record(SecretKind::Gateway, HERE, NOW)];
    let shown = status(&records, Some(HERE_PAGE));
    assert_eq!(shown.tab_prefix.as_deref(), Some(HERE));
    assert!(!shown.insecure_console);
    let json = serde_json::to_value(&shown).expect("serialisable");
    assert_eq!(json["secrets"][0]["kind"], "accessTokenKey");
    assert_eq!(json["secrets"][0]["sameConsole"], false);
    assert_eq!(json["secrets"][0]["allowed"], true);
    assert_eq!(json["secrets"][0]["confirmable"], false);
    assert_eq!(json["secrets"][1]["sameConsole"], true);
    assert_eq!(json["secrets"][1]["confirmable"], false);
    assert_eq!(json["secrets"][1]["masked"], "••••abcd");
    assert_eq!(json["tabPrefix"], HERE);
}

#[test]
fn another_consoles_secret_is_confirmable_only_from_a_web_page() {
    let records = [record(SecretKind::Gateway, OTHER, NOW)];
    let json = serde_json::to_value(status(&records, Some(HERE_PAGE))).expect("serialisable");
    assert_eq!(json["secrets"][1]["confirmable"], true);
    let json = serde_json::to_value(status(&records, Some("chrome://extensions/"))).expect("ok");
    assert_eq!(json["secrets"][1]["held"], true);
    assert_eq!(json["secrets"][1]["confirmable"], false);
    assert_eq!(json["tabPrefix"], serde_json::Value::Null);
    let json = serde_json::to_value(status(&records, None)).expect("serialisable");
    assert_eq!(json["secrets"][1]["confirmable"], false);
}

#[test]
fn a_kind_not_held_shows_only_that() {
    let json = serde_json::to_value(status(&[], Some(HERE_PAGE))).expect("serialisable");
    assert_eq!(
        json["secrets"][0],
        serde_json::json!({ "kind": "accessTokenKey", "held": false })
    );
}

#[test]
fn a_plain_http_console_asks_its_own_confirm_until_given() {
    let insecure = "http://erp.example.com/ierp/";
    let mut records = [record(SecretKind::Gateway, insecure, NOW)];
    records[0].meta.origin = "http://erp.example.com".to_owned();
    let page = "http://erp.example.com/ierp/index.html?formId=x";
    let json = serde_json::to_value(status(&records, Some(page))).expect("serialisable");
    assert_eq!(json["insecureConsole"], true);
    assert_eq!(json["secrets"][1]["insecureConfirmable"], true);
    records[0].meta.insecure_allowed.push(insecure.to_owned());
    let json = serde_json::to_value(status(&records, Some(page))).expect("serialisable");
    assert_eq!(json["secrets"][1]["insecureConfirmable"], false);
}

#[test]
fn the_cross_console_confirm_adds_the_tabs_console_once() {
    let mut held = record(SecretKind::Gateway, OTHER, NOW);
    held.meta.allowed_prefixes = vec![ELSEWHERE.to_owned()];
    let records = [held, record(SecretKind::AccessTokenKey, HERE, NOW)];
    let kinds = SecretKind::ALL;
    let updates = confirm(&records, &kinds, HERE_PAGE, Confirm::CrossConsole);
    // The tab's own key needs no confirm; the other console's gateway gets the tab's prefix.
    assert_eq!(
        updates,
        vec![(
            "secret:gateway:https://erp.example.com/other/".to_owned(),
            vec![ELSEWHERE.to_owned(), HERE.to_owned()]
        )]
    );
    let mut again = records.clone();
    again[0].meta.allowed_prefixes = updates[0].1.clone();
    let repeated = confirm(&again, &kinds, HERE_PAGE, Confirm::CrossConsole);
    assert_eq!(repeated[0].1, vec![ELSEWHERE.to_owned(), HERE.to_owned()]);
}

#[test]
fn the_insecure_confirm_covers_only_a_plain_http_console() {
    let records = [record(SecretKind::Gateway, HERE, NOW)];
    assert!(confirm(&records, &SecretKind::ALL, HERE_PAGE, Confirm::Insecure).is_empty());
    let page = "http://erp.example.com/ierp/index.html?formId=x";
    let updates = confirm(&records, &[SecretKind::Gateway], page, Confirm::Insecure);
    assert_eq!(
        updates,
        vec![(
            "secret:gateway:https://erp.example.com/ierp/".to_owned(),
            vec!["http://erp.example.com/ierp/".to_owned()]
        )]
    );
}

fn fill_at<'a>(place: Place<'a>) -> FillRequest<'a> {
    FillRequest {
        form: APP_FORM,
        frame_origin: "https://erp.example.com",
        place,
        now_ms: NOW + 1,
    }
}

const AT_HERE: Place<'static> = Place::Console {
    page_url: HERE_PAGE,
    prefix: HERE,
};

fn never_expired(_: SecretKind, _: &str) -> bool {
    false
}

#[test]
fn a_fill_on_the_secrets_own_console_receives_its_key() {
    let records = [record(SecretKind::Gateway, HERE, NOW)];
    let released = release_for_fill(&records, &never_expired, &fill_at(AT_HERE));
    assert!(released.contains(&(
        SecretKind::Gateway,
        Ok("secret:gateway:https://erp.example.com/ierp/")
    )));
    assert!(released.iter().all(
        |(_, answer)| answer.as_ref().err().map(String::as_str) != Some("secret-other-console")
    ));
}

#[test]
fn another_consoles_secret_is_withheld_as_such_or_as_expired_here() {
    let records = [record(SecretKind::Gateway, OTHER, NOW)];
    let released = release_for_fill(&records, &never_expired, &fill_at(AT_HERE));
    assert!(released.contains(&(SecretKind::Gateway, Err("secret-other-console".to_owned()))));
    let expired = |kind: SecretKind, prefix: &str| kind == SecretKind::Gateway && prefix == HERE;
    let released = release_for_fill(&records, &expired, &fill_at(AT_HERE));
    assert!(released.contains(&(SecretKind::Gateway, Err("secret-expired".to_owned()))));
}

#[test]
fn a_requester_placed_nowhere_is_told_why_only_for_a_held_secret() {
    let refused = Place::Refused {
        secret_refusal: Some("secret-moved-page"),
    };
    let released = release_for_fill(&[], &never_expired, &fill_at(refused));
    assert!(released.is_empty());
    let records = [record(SecretKind::Gateway, HERE, NOW)];
    let released = release_for_fill(&records, &never_expired, &fill_at(refused));
    assert_eq!(
        released,
        vec![(SecretKind::Gateway, Err("secret-moved-page".to_owned()))]
    );
}

#[test]
fn a_form_that_takes_no_secret_gets_no_answer() {
    let records = [record(SecretKind::Gateway, HERE, NOW)];
    let request = FillRequest {
        form: "第三方应用",
        ..fill_at(AT_HERE)
    };
    assert!(release_for_fill(&records, &never_expired, &request).is_empty());
}

mod sweep {
    use fapiao_helper::secret::store::{sweep, ExpiryNote, RecordFacts};
    use serde_json::json;

    fn facts(kind: &str, prefix: &str, expires_at: f64, held: bool) -> Option<RecordFacts> {
        Some(RecordFacts {
            kind: json!(kind),
            prefix: json!(prefix),
            expires_at: json!(expires_at),
            held,
        })
    }

    #[test]
    fn a_record_lives_while_it_holds_a_value_and_its_expiry_is_ahead() {
        let records = vec![
            ("a".to_owned(), facts("gateway", "p/", 2_000.0, true)),
            ("b".to_owned(), facts("gateway", "q/", 1_500.0, true)),
        ];
        let swept = sweep(&records, 1_000.0);
        assert!(swept.expired.is_empty());
        assert!(swept.notes.is_empty());
        assert_eq!(swept.next_expiry, Some(1_500.0));
    }

    #[test]
    fn an_expired_record_goes_and_leaves_a_note_at_its_expiry() {
        let records = vec![
            ("a".to_owned(), facts("gateway", "p/", 1_000.0, true)),
            ("b".to_owned(), facts("accessTokenKey", "p/", 5_000.0, true)),
        ];
        let swept = sweep(&records, 1_000.0);
        assert_eq!(swept.expired, vec!["a".to_owned()]);
        assert_eq!(
            swept.notes,
            vec![ExpiryNote {
                kind: "gateway".to_owned(),
                prefix: "p/".to_owned(),
                expired_at: 1_000.0
            }]
        );
        assert_eq!(swept.next_expiry, Some(5_000.0));
    }

    #[test]
    fn what_is_no_record_goes_without_a_note() {
        let records = vec![
            (
                "no-value".to_owned(),
                facts("gateway", "p/", 9_000.0, false),
            ),
            ("not-a-record".to_owned(), None),
            (
                "no-expiry".to_owned(),
                Some(RecordFacts {
                    kind: json!("gateway"),
                    prefix: json!("p/"),
                    held: true,
                    ..RecordFacts::default()
                }),
            ),
            (
                "no-kind".to_owned(),
                Some(RecordFacts {
                    expires_at: json!(10.0),
                    held: true,
                    ..RecordFacts::default()
                }),
            ),
        ];
        let swept = sweep(&records, 1_000.0);
        assert_eq!(swept.expired.len(), 4);
        assert!(swept.notes.is_empty(), "{:?}", swept.notes);
        assert_eq!(swept.next_expiry, None);
    }
}

#[test]
fn the_clipboard_countdown_runs_only_until_its_clear_time() {
    assert!(clipboard_running(Some(2_000.0), 1_999.0));
    assert!(
        !clipboard_running(Some(2_000.0), 2_000.0),
        "cleared at the moment itself"
    );
    assert!(!clipboard_running(Some(2_000.0), 2_001.0));
    assert!(!clipboard_running(None, 0.0), "nothing copied");
    assert!(!clipboard_running(Some(f64::NAN), 0.0));
}
