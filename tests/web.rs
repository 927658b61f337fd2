//! The WASM surface of the console context (`src/wasm/context.rs`), exercised in headless
//! Chromium through wasm-bindgen-test: what the service worker and the popup actually receive
//! (plain JS objects, string ids, localised `Error`s with a `code`).
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::context::{console_context, observe_user_language, popup_status};
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, text};

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const LOGIN: &str = "http://127.0.0.1:8080/ierp/login.html";
const REQUEST: &str = "http://127.0.0.1:8080/ierp/auth/getUserLanguage.do?_=1";
const BODY: &str = r#"{"status":true,"data":{"accountId":1742050739649250304}}"#;

fn keys(object: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = object
        .dyn_ref::<Object>()
        .map(|o| {
            Object::keys(o)
                .iter()
                .filter_map(|k| k.as_string())
                .collect()
        })
        .unwrap_or_default();
    keys.sort();
    keys
}

/// The thrown value: must be a JS `Error` with a message and a code.
fn thrown(result: Result<JsValue, JsValue>) -> (String, String) {
    let error = match result {
        Ok(value) => panic!("expected a throw, got {value:?}"),
        Err(error) => error,
    };
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "{error:?} is an Error"
    );
    (
        text(&error, "message").unwrap_or_default(),
        text(&error, "code").unwrap_or_default(),
    )
}

fn observation(page: &str, request: &str, body: &str) -> JsValue {
    observe_user_language(page, request, JsValue::from_str(body))
        .unwrap_or_else(|e| panic!("observation expected: {e:?}"))
}

#[wasm_bindgen_test]
fn console_context_returns_a_plain_object_with_four_camel_case_fields() {
    let ctx = console_context(
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/index.html?formId=pc_main_console",
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    // A plain object (not a Map, not a class instance): what `json_compatible` promises.
    assert_eq!(
        JsValue::from(Object::get_prototype_of(&ctx)),
        JsValue::from(Object::get_prototype_of(&Object::new()))
    );
    assert_eq!(keys(&ctx), ["appTokenUrl", "loginUrl", "origin", "prefix"]);
    assert_eq!(
        text(&ctx, "origin").as_deref(),
        Some("https://cosmic-sandbox.piaozone.com")
    );
    assert_eq!(
        text(&ctx, "prefix").as_deref(),
        Some("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/")
    );
    assert_eq!(
        text(&ctx, "appTokenUrl").as_deref(),
        Some("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/getAppToken.do")
    );
    assert_eq!(
        text(&ctx, "loginUrl").as_deref(),
        Some("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/login.do")
    );
}

#[wasm_bindgen_test]
fn console_context_throws_a_localised_error_with_a_code_for_a_login_page() {
    set_locale("zh-CN");
    let (message, code) = thrown(console_context(LOGIN));
    assert_eq!(code, "console-not-index-page");
    assert!(message.contains("login.html"), "{message}");
    assert!(message.contains("不是控制台"), "{message}");

    let (message, code) = thrown(console_context("https://h/ierp/index.html"));
    assert_eq!(code, "console-missing-form-id");
    assert!(message.contains("formId"), "{message}");

    set_locale("en-US");
    let (message, code) = thrown(console_context("https://h/ierp/login.html?formId=x"));
    assert_eq!(code, "console-not-index-page");
    assert!(message.starts_with("This page is login.html"), "{message}");
    let (message, code) = thrown(console_context("chrome://extensions/"));
    assert_eq!(code, "console-not-http");
    assert!(message.contains("chrome:"), "{message}");
    set_locale("zh_CN");
}

#[wasm_bindgen_test]
fn unknown_locale_tags_fall_back_to_english_and_chinese_tags_to_chinese() {
    set_locale("fr");
    let (en, _) = thrown(console_context(""));
    set_locale("zh");
    let (zh, _) = thrown(console_context(""));
    assert!(en.starts_with("The address is empty"), "{en}");
    assert!(zh.starts_with("地址为空"), "{zh}");
}

#[wasm_bindgen_test]
fn observe_user_language_keeps_a_nineteen_digit_id_as_a_string() {
    let obs = observation(LOGIN, REQUEST, BODY);
    let id = get(&obs, "accountId");
    assert_eq!(id.as_string().as_deref(), Some("1742050739649250304"));
    assert_eq!(
        text(&obs, "origin").as_deref(),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(
        text(&obs, "requestPath").as_deref(),
        Some("/ierp/auth/getUserLanguage.do")
    );
    assert_eq!(text(&obs, "pageDir").as_deref(), Some("/ierp/"));
    let seen_at = get(&obs, "seenAt").as_f64().unwrap_or_default();
    assert!(
        (seen_at - js_sys::Date::now()).abs() < 60_000.0,
        "seenAt {seen_at} is now"
    );
}

#[wasm_bindgen_test]
fn observe_user_language_throws_for_another_origin() {
    set_locale("en");
    let (message, code) = thrown(observe_user_language(
        LOGIN,
        "http://evil.example/ierp/getUserLanguage.do",
        JsValue::from_str(BODY),
    ));
    assert_eq!(code, "user-language-cross-origin");
    assert!(message.contains("http://evil.example"), "{message}");
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn observe_user_language_throws_for_other_requests_and_bad_bodies() {
    let cases = [
        (
            REQUEST.replace("getUserLanguage.do", "login.do"),
            BODY.to_owned(),
            "user-language-not-request",
        ),
        (
            REQUEST.to_owned(),
            "{\"data\":{}}".to_owned(),
            "account-id-missing",
        ),
        (
            REQUEST.to_owned(),
            "<html>".to_owned(),
            "user-language-malformed",
        ),
        (
            REQUEST.to_owned(),
            "{\"accountId\":1.5}".to_owned(),
            "account-id-not-integer",
        ),
        (
            REQUEST.to_owned(),
            "[".repeat(5000),
            "user-language-too-deep",
        ),
    ];
    for (request, body, expected) in cases {
        let (_, code) = thrown(observe_user_language(
            LOGIN,
            &request,
            JsValue::from_str(&body),
        ));
        assert_eq!(code, expected, "{request} {body:.40}");
    }
}

#[wasm_bindgen_test]
fn an_oversized_body_is_refused_before_it_is_copied() {
    let huge = "x".repeat(2 * 1024 * 1024);
    let (_, code) = thrown(observe_user_language(
        LOGIN,
        REQUEST,
        JsValue::from_str(&huge),
    ));
    assert_eq!(code, "user-language-too-large");
}

#[wasm_bindgen_test]
fn a_body_that_is_not_a_string_is_refused() {
    for body in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        Object::new().into(),
        JsValue::from_f64(1.0),
    ] {
        let (_, code) = thrown(observe_user_language(LOGIN, REQUEST, body));
        assert_eq!(code, "user-language-empty-body");
    }
}

#[wasm_bindgen_test]
fn popup_status_is_ready_with_an_observation_from_the_login_page() {
    let observations = Array::of1(&observation(LOGIN, REQUEST, BODY));
    let status = popup_status(Some(CONSOLE.into()), true, observations.into())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&status, "state").as_deref(), Some("ready"));
    assert_eq!(
        text(&status, "accountId").as_deref(),
        Some("1742050739649250304")
    );
    let context = get(&status, "context");
    assert_eq!(
        text(&context, "prefix").as_deref(),
        Some("http://127.0.0.1:8080/ierp/")
    );
    assert_eq!(
        text(&context, "appTokenUrl").as_deref(),
        Some("http://127.0.0.1:8080/ierp/api/getAppToken.do")
    );
    assert_eq!(
        text(&context, "loginUrl").as_deref(),
        Some("http://127.0.0.1:8080/ierp/api/login.do")
    );
    assert!(text(&status, "message").is_some_and(|m| !m.is_empty()));
}

#[wasm_bindgen_test]
fn popup_status_reads_observations_written_by_plain_javascript() {
    // As the worker stores them in chrome.storage.session and reads them back.
    let stored = js_sys::JSON::parse(
        r#"[{"origin":"http://127.0.0.1:8080","requestPath":"/ierp/getUserLanguage.do","pageDir":"/ierp/","accountId":"42","seenAt":1},
            {"origin":"http://127.0.0.1:8080","requestPath":"/ierp/getUserLanguage.do","pageDir":"/ierp/","accountId":"43","seenAt":2}]"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let status =
        popup_status(Some(CONSOLE.into()), true, stored).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&status, "accountId").as_deref(), Some("43"));
}

#[wasm_bindgen_test]
fn popup_status_skips_entries_that_are_not_observations() {
    let stored = js_sys::JSON::parse(
        r#"[null, 5, "x", {"origin":"http://127.0.0.1:8080"},
            {"origin":"http://127.0.0.1:8080","requestPath":"/ierp/getUserLanguage.do","pageDir":"/ierp/","accountId":"<b>"},
            {"origin":"http://127.0.0.1:8080","requestPath":"/ierp/getUserLanguage.do","pageDir":"/ierp/","accountId":"77"}]"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let status =
        popup_status(Some(CONSOLE.into()), true, stored).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&status, "state").as_deref(), Some("ready"));
    assert_eq!(text(&status, "accountId").as_deref(), Some("77"));
}

#[wasm_bindgen_test]
fn popup_status_gives_each_state_with_a_message() {
    set_locale("zh-CN");
    let empty = || JsValue::from(Array::new());
    let waiting =
        popup_status(Some(CONSOLE.into()), true, empty()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&waiting, "state").as_deref(), Some("waiting"));
    assert_eq!(
        text(&waiting, "message").as_deref(),
        Some("请重新加载控制台或重新登录，以便助手读取数据中心 id")
    );
    assert!(get(&waiting, "accountId").is_undefined());

    let no_access =
        popup_status(Some(CONSOLE.into()), false, empty()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&no_access, "state").as_deref(), Some("no-access"));
    assert!(get(&no_access, "context").is_object());

    let plain = popup_status(Some("https://example.com/".into()), true, empty())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&plain, "state").as_deref(), Some("not-console"));
    assert_eq!(keys(&plain), ["message", "state"]);

    let unknown = popup_status(None, true, JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text(&unknown, "state").as_deref(), Some("no-access"));

    set_locale("en");
    let waiting =
        popup_status(Some(CONSOLE.into()), true, empty()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        text(&waiting, "message").as_deref(),
        Some("Reload the console or log in again so the helper can see the 数据中心 id")
    );
    set_locale("zh-CN");
}
