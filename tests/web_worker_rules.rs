//! The worker's rules as the WASM surface gives them (`src/wasm/secrets.rs`, `context.rs`,
//! `registration.rs`), in headless Chromium: the error convention (malformed input throws a
//! localised `Error` with a `code`; a policy answer is `{ok: false, code, message}`), the secret
//! store's answers carrying keys and codes but never a value (for the secrets a form takes, on
//! its console or one the popup's confirm allowed), and the observations' replay guard.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::context::{accept_observation, console_values, own_observations};
use fapiao_helper::wasm::registration::content_script_matches;
use fapiao_helper::wasm::secrets::{
    bar_secret_action, secret_choice, secrets_confirm, secrets_for_fill, secrets_status,
    secrets_sweep,
};
use fapiao_helper::wasm::set_locale;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js, stringify};

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "https://erp.example.com/ierp/index.html?formId=home";
const PREFIX: &str = "https://erp.example.com/ierp/";

fn entries() -> JsValue {
    js(&format!(
        r#"[["secret:gateway:{PREFIX}", {{"kind": "gateway", "origin": "https://erp.example.com",
        "prefix": "{PREFIX}", "createdAt": 1, "expiresAt": 9e15, "masked": "••••wxyz",
        "allowedPrefixes": []}}]]"#
    ))
}

#[wasm_bindgen_test]
fn malformed_input_throws_a_localised_error_with_its_code() {
    set_locale("en");
    let thrown = secrets_for_fill(entries(), js("[]"), js("{}")).expect_err("no request");
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some("malformed-input")
    );
    assert!(get(&thrown, "message")
        .as_string()
        .unwrap_or_default()
        .contains("malformed"));
    set_locale("zh-CN");
    let thrown = secret_choice(entries(), "password", None).expect_err("unknown kind");
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some("malformed-input")
    );
    assert!(get(&thrown, "message")
        .as_string()
        .unwrap_or_default()
        .contains("格式"));
    let thrown = bar_secret_action("copy", js("{}"), js("{}"), js("{}")).expect_err("unknown");
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some("malformed-input")
    );
}

#[wasm_bindgen_test]
fn a_fill_on_the_console_is_given_the_records_key_never_its_value() {
    let ask = js(&format!(
        r#"{{"form": "发票回调配置", "frameOrigin": "https://erp.example.com", "nowMs": 1000,
        "place": {{"ok": true, "pageUrl": "{CONSOLE}", "prefix": "{PREFIX}"}}}}"#
    ));
    let answer = secrets_for_fill(entries(), js("[]"), ask).expect("an answer");
    let key = format!("secret:gateway:{PREFIX}");
    assert_eq!(
        get(&get(&answer, "keys"), "gateway").as_string(),
        Some(key.clone())
    );
    assert_eq!(
        get(&get(&answer, "refusals"), "accessTokenKey")
            .as_string()
            .as_deref(),
        Some("secret-not-held")
    );
    assert_eq!(
        secret_choice(entries(), "gateway", Some(CONSOLE.into()))
            .ok()
            .flatten(),
        Some(key)
    );
}

/// What `secretsForFill` answers a fill of `form` on the page at `page_url` at `now_ms`.
fn fill_of(entries: JsValue, form: &str, page_url: &str, prefix: &str, now_ms: f64) -> JsValue {
    let ask = js(&format!(
        r#"{{"form": "{form}", "frameOrigin": "https://erp.example.com", "nowMs": {now_ms},
        "place": {{"ok": true, "pageUrl": "{page_url}", "prefix": "{prefix}"}}}}"#
    ));
    secrets_for_fill(entries, js("[]"), ask).expect("an answer")
}

#[wasm_bindgen_test]
fn a_fill_is_answered_only_for_the_secrets_its_form_takes_and_never_with_a_value() {
    // The AccessToken认证 dialog takes the key alone; the digest dialog takes no secret.
    let dialog = fill_of(entries(), "AccessToken认证", CONSOLE, PREFIX, 1000.0);
    assert_eq!(
        stringify(&dialog),
        r#"{"keys":{},"refusals":{"accessTokenKey":"secret-not-held"}}"#
    );
    let digest = fill_of(entries(), "摘要认证", CONSOLE, PREFIX, 1000.0);
    assert_eq!(stringify(&digest), r#"{"keys":{},"refusals":{}}"#);
    // Past its expiry the console's own gateway is withheld as expired.
    let late = fill_of(entries(), "发票回调配置", CONSOLE, PREFIX, 9e15);
    assert_eq!(
        get(&get(&late, "refusals"), "gateway")
            .as_string()
            .as_deref(),
        Some("secret-expired")
    );
}

#[wasm_bindgen_test]
fn another_consoles_secret_is_withheld_until_the_popups_confirm_names_this_console() {
    let other = "https://erp.example.com/other/index.html?formId=x";
    let other_prefix = "https://erp.example.com/other/";
    let withheld = fill_of(entries(), "发票回调配置", other, other_prefix, 1000.0);
    assert_eq!(
        get(&get(&withheld, "refusals"), "gateway")
            .as_string()
            .as_deref(),
        Some("secret-other-console")
    );
    // The confirm grants the tab's console only, and nothing on the secret's own console.
    let key = format!("secret:gateway:{PREFIX}");
    let patch = secrets_confirm(entries(), vec!["gateway".into()], other, false).expect("a patch");
    assert_eq!(
        stringify(&patch),
        format!(r#"{{"{key}":{{"allowedPrefixes":["{other_prefix}"]}}}}"#)
    );
    let own = secrets_confirm(entries(), vec!["gateway".into()], CONSOLE, false).expect("none");
    assert_eq!(stringify(&own), "{}");
    let allowed = js(&format!(
        r#"[["{key}", {{"kind": "gateway", "origin": "https://erp.example.com",
        "prefix": "{PREFIX}", "createdAt": 1, "expiresAt": 9e15, "masked": "••••wxyz",
        "allowedPrefixes": ["{other_prefix}"]}}]]"#
    ));
    let released = fill_of(allowed, "发票回调配置", other, other_prefix, 1000.0);
    assert_eq!(
        get(&get(&released, "keys"), "gateway").as_string(),
        Some(key)
    );
}

#[wasm_bindgen_test]
fn the_popup_status_and_the_sweep_are_plain_objects() {
    let status = secrets_status(entries(), Some(CONSOLE.into())).expect("a status");
    assert_eq!(
        get(&status, "tabPrefix").as_string().as_deref(),
        Some(PREFIX)
    );
    assert!(
        stringify(&status).contains(r#""sameConsole":true"#),
        "{}",
        stringify(&status)
    );
    let swept = secrets_sweep(
        js(r#"[["a", {"kind": "gateway", "prefix": "p/", "expiresAt": 5, "held": true}], ["b", null]]"#),
        10.0,
    )
    .expect("swept");
    assert_eq!(
        stringify(&swept),
        r#"{"expired":["a","b"],"notes":[{"kind":"gateway","prefix":"p/","expiredAt":5}],"nextExpiry":null}"#
    );
}

#[wasm_bindgen_test]
fn a_document_replaying_another_id_gets_a_refusal_value() {
    set_locale("en");
    let documents = js(r#"[{"documentId": "d1", "accountId": "1742"}]"#);
    let observation = js(
        r#"{"origin": "https://erp.example.com", "requestPath": "/ierp/getUserLanguage.do",
        "pageDir": "/ierp/", "accountId": "9999"}"#,
    );
    let answer = accept_observation(js("[]"), documents, observation, Some("d1".into()))
        .expect("a policy answer, not a throw");
    assert_eq!(get(&answer, "ok").as_bool(), Some(false));
    assert_eq!(
        get(&answer, "code").as_string().as_deref(),
        Some("context-replayed")
    );
    assert!(get(&answer, "message").as_string().is_some());
    let own = own_observations(js(
        r#"[{"accountId": "1"}, {"accountId": "2", "pasted": true}]"#,
    ))
    .expect("own");
    assert_eq!(stringify(&own), r#"[{"accountId":"1"}]"#);
}

#[wasm_bindgen_test]
fn console_values_and_registration_matches_come_back_as_js_values() {
    let seen = js(
        r#"[{"origin": "https://erp.example.com", "requestPath": "/ierp/getUserLanguage.do",
        "pageDir": "/ierp/", "accountId": "1742050739649250304"}]"#,
    );
    let values = console_values(CONSOLE, seen).expect("values");
    assert_eq!(
        stringify(&values),
        r#"{"prefix":"https://erp.example.com/ierp/","accountId":"1742050739649250304"}"#
    );
    let matches = content_script_matches(
        vec![
            "http://127.0.0.1/*".into(),
            "https://erp.example.com/*".into(),
        ],
        vec!["http://127.0.0.1/*".into()],
    );
    assert_eq!(matches, vec!["https://erp.example.com/*".to_owned()]);
}
