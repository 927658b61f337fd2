//! `popup_status`: the popup's `data-state` and what it shows, per DESIGN.md "Popup".
// Native only: proptest needs an OS random source (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::i18n::Locale;
use fapiao_helper::status::{popup_status, PopupState, PopupStatus};
use fapiao_helper::user_language::{observe, Observation};
use proptest::prelude::*;

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const LOGIN: &str = "http://127.0.0.1:8080/ierp/login.html";
const REQUEST: &str = "http://127.0.0.1:8080/ierp/auth/getUserLanguage.do?_=1";
const BODY: &str = r#"{"data":{"accountId":1742050739649250304}}"#;

fn seen_on(page: &str) -> Vec<Observation> {
    match observe(page, REQUEST, BODY) {
        Ok(o) => vec![o],
        Err(e) => panic!("{e}"),
    }
}

fn status(url: Option<&str>, access: bool, obs: &[Observation]) -> PopupStatus {
    popup_status(url, access, obs, Locale::ZhCn)
}

#[test]
fn a_console_with_access_and_an_id_is_ready_with_all_four_values() {
    let s = status(Some(CONSOLE), true, &seen_on(LOGIN));
    assert_eq!(s.state, PopupState::Ready);
    let ctx = s.context.unwrap_or_else(|| panic!("context"));
    assert_eq!(ctx.prefix, "http://127.0.0.1:8080/ierp/");
    assert_eq!(
        ctx.app_token_url,
        "http://127.0.0.1:8080/ierp/api/getAppToken.do"
    );
    assert_eq!(ctx.login_url, "http://127.0.0.1:8080/ierp/api/login.do");
    assert_eq!(
        s.account_id.map(|a| a.to_string()),
        Some("1742050739649250304".into())
    );
}

#[test]
fn a_console_with_access_but_no_id_is_waiting_and_says_to_reload() {
    let s = status(Some(CONSOLE), true, &[]);
    assert_eq!(s.state, PopupState::Waiting);
    assert!(s.context.is_some());
    assert_eq!(s.account_id, None);
    assert_eq!(
        s.message,
        "请重新加载控制台或重新登录，以便助手读取数据中心 id"
    );
    let en = popup_status(Some(CONSOLE), true, &[], Locale::En);
    assert_eq!(
        en.message,
        "Reload the console or log in again so the helper can see the 数据中心 id"
    );
}

#[test]
fn an_id_seen_for_another_console_leaves_this_one_waiting() {
    let other = match observe(
        "http://127.0.0.1:8080/other/login.html",
        "/other/getUserLanguage.do",
        BODY,
    ) {
        Ok(o) => vec![o],
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        status(Some(CONSOLE), true, &other).state,
        PopupState::Waiting
    );
    let other_port = match observe(
        "http://127.0.0.1:9999/ierp/login.html",
        "/ierp/getUserLanguage.do",
        BODY,
    ) {
        Ok(o) => vec![o],
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        status(Some(CONSOLE), true, &other_port).state,
        PopupState::Waiting
    );
}

#[test]
fn a_console_without_access_is_no_access_and_still_shows_the_context() {
    let s = status(Some(CONSOLE), false, &[]);
    assert_eq!(s.state, PopupState::NoAccess);
    assert_eq!(
        s.context.map(|c| c.prefix),
        Some("http://127.0.0.1:8080/ierp/".into())
    );
    assert!(s.message.contains("权限"));
}

#[test]
fn no_access_wins_over_a_remembered_id() {
    let s = status(Some(CONSOLE), false, &seen_on(LOGIN));
    assert_eq!(s.state, PopupState::NoAccess);
    assert!(s.account_id.is_some());
}

#[test]
fn a_plain_page_is_not_a_console_with_or_without_access() {
    for access in [true, false] {
        for url in [
            "https://www.example.com/",
            LOGIN,
            "chrome://newtab/",
            "about:blank",
            "",
        ] {
            let s = status(Some(url), access, &seen_on(LOGIN));
            assert_eq!(s.state, PopupState::NotConsole, "{url} access={access}");
            assert_eq!(s.context, None);
            assert_eq!(s.account_id, None);
            assert!(
                s.message.starts_with("这不是金蝶控制台页面。"),
                "{}",
                s.message
            );
        }
    }
}

#[test]
fn a_hidden_tab_address_means_no_access_yet() {
    for access in [true, false] {
        let s = status(None, access, &seen_on(LOGIN));
        assert_eq!(s.state, PopupState::NoAccess);
        assert_eq!(s.context, None);
        assert_eq!(s.account_id, None);
        assert!(s.message.contains("读不到它的地址"));
    }
    assert!(popup_status(None, true, &[], Locale::En)
        .message
        .contains("cannot read its address"));
}

#[test]
fn the_login_page_explains_what_a_console_address_looks_like() {
    let s = popup_status(Some(LOGIN), true, &[], Locale::En);
    assert!(s.message.contains("login.html"), "{}", s.message);
    assert!(s.message.contains("index.html?formId="), "{}", s.message);
}

#[test]
fn every_state_has_a_message_in_both_languages() {
    let cases: [(Option<&str>, bool, Vec<Observation>); 4] = [
        (Some(CONSOLE), true, seen_on(LOGIN)),
        (Some(CONSOLE), true, vec![]),
        (Some(CONSOLE), false, vec![]),
        (Some("https://example.com/"), true, vec![]),
    ];
    for (url, access, obs) in cases {
        let zh = popup_status(url, access, &obs, Locale::ZhCn);
        let en = popup_status(url, access, &obs, Locale::En);
        assert_eq!(zh.state, en.state);
        assert!(!zh.message.is_empty() && !en.message.is_empty());
        assert_ne!(zh.message, en.message);
        assert!(zh
            .message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
}

#[test]
fn a_ready_status_serialises_with_camel_case_and_a_string_id() {
    let json =
        serde_json::to_value(status(Some(CONSOLE), true, &seen_on(LOGIN))).unwrap_or_default();
    assert_eq!(json["state"], "ready");
    assert_eq!(json["accountId"], "1742050739649250304");
    assert_eq!(
        json["context"]["appTokenUrl"],
        "http://127.0.0.1:8080/ierp/api/getAppToken.do"
    );
    assert_eq!(
        json["context"]["loginUrl"],
        "http://127.0.0.1:8080/ierp/api/login.do"
    );
    assert!(json["message"].is_string());
}

#[test]
fn states_serialise_as_the_data_state_strings() {
    let state = |url, access, obs: &[Observation]| {
        serde_json::to_value(status(url, access, obs)).unwrap_or_default()["state"].clone()
    };
    assert_eq!(state(Some(CONSOLE), true, &[]), "waiting");
    assert_eq!(state(Some(CONSOLE), false, &[]), "no-access");
    assert_eq!(state(Some("https://e.com/"), true, &[]), "not-console");
    assert_eq!(state(None, true, &[]), "no-access");
    for s in [
        PopupState::Ready,
        PopupState::Waiting,
        PopupState::NotConsole,
        PopupState::NoAccess,
    ] {
        assert_eq!(serde_json::to_value(s).unwrap_or_default(), s.as_str());
    }
}

#[test]
fn optional_fields_are_left_out_when_unknown() {
    let json = serde_json::to_value(status(Some("https://e.com/"), true, &[])).unwrap_or_default();
    let keys: Vec<&String> = json
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["message", "state"]);
}

proptest! {
    #[test]
    fn any_input_gives_one_of_the_four_states(url in proptest::option::of(".{0,80}"), access in any::<bool>()) {
        let s = status(url.as_deref(), access, &seen_on(LOGIN));
        prop_assert!(!s.message.is_empty());
        // A context exactly when the address is known and is a console.
        prop_assert_eq!(s.context.is_some(), url.is_some() && s.state != PopupState::NotConsole);
        if s.state == PopupState::Ready { prop_assert!(s.account_id.is_some()); }
    }
}
