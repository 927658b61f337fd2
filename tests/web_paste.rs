//! `readPaste` in headless Chromium: the answer is a plain object in the documented camelCase
//! shape, secrets come back whole (the worker stores them), failures throw a localised `Error`
//! with a `code`, and an oversized string is refused before it is copied into WASM memory.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::paste::read_paste;
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, text};

wasm_bindgen_test_configure!(run_in_browser);

const MAIL: &str = include_str!("paste_samples/prod_outbound_kv.txt");
const PROBLEMS: &str = include_str!("paste_samples/problems.txt");
const MISSING: &str = include_str!("paste_samples/missing_values.txt");
const TOKEN: &str = include_str!("paste_samples/token_url_json.txt");

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

fn items(object: &JsValue, key: &str) -> Vec<JsValue> {
    get(object, key)
        .dyn_into::<Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn strings(value: &JsValue) -> Vec<String> {
    value
        .dyn_ref::<Array>()
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

fn read(pasted: &str) -> JsValue {
    set_locale("zh-CN");
    read_paste(JsValue::from_str(pasted)).unwrap_or_else(|e| panic!("expected a value, got {e:?}"))
}

fn thrown(value: JsValue, locale: &str) -> (String, String) {
    set_locale(locale);
    let error = match read_paste(value) {
        Ok(v) => panic!("expected a throw, got {:?}", JSON::stringify(&v)),
        Err(e) => e,
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

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object()
        && JsValue::from(Object::get_prototype_of(value))
            == JsValue::from(Object::get_prototype_of(&Object::new()))
}

#[wasm_bindgen_test]
fn a_mail_reads_into_the_documented_shape_with_secrets_whole() {
    let answer = read(MAIL);
    assert!(is_plain_object(&answer));
    assert_eq!(
        keys(&answer),
        [
            "enterprises",
            "environment",
            "environmentUrl",
            "kind",
            "problems",
            "tenants"
        ]
    );
    assert_eq!(text(&answer, "kind").as_deref(), Some("mail"));
    assert_eq!(text(&answer, "environment").as_deref(), Some("prod"));
    assert_eq!(
        text(&answer, "environmentUrl").as_deref(),
        Some("https://api.piaozone.com")
    );
    let enterprises = items(&answer, "enterprises");
    assert_eq!(enterprises.len(), 1);
    let e = &enterprises[0];
    assert_eq!(
        keys(e),
        [
            "clientId",
            "clientSecret",
            "encryptKey",
            "missing",
            "missingReasons",
            "name",
            "taxId"
        ]
    );
    assert_eq!(
        text(e, "name").as_deref(),
        Some("深圳市云帆数科技术有限公司")
    );
    assert_eq!(text(e, "taxId").as_deref(), Some("91440300MA5G8TQK2M"));
    assert_eq!(text(e, "clientId").as_deref(), Some("c7f3a1d09b2e4c58a6d1"));
    assert_eq!(
        text(e, "clientSecret").as_deref(),
        Some("5e8b0c2f9a714d3eb6c7a2f41d9e0b63")
    );
    assert_eq!(text(e, "encryptKey").as_deref(), Some("Kq7Zp2Lm9Xw4Rt6B"));
    assert!(strings(&get(e, "missing")).is_empty());
    let tenants = items(&answer, "tenants");
    assert_eq!(tenants.len(), 1);
    assert_eq!(
        text(&tenants[0], "clientId").as_deref(),
        Some("TN_8d2f6a0c4e1b")
    );
    assert_eq!(
        text(&tenants[0], "clientSecret").as_deref(),
        Some("a4c91e7f0b2d48e6953c1f7a8b0d2e64")
    );
    assert_eq!(
        text(&tenants[0], "encryptKey").as_deref(),
        Some("Yh3Nc8Vb1Qs5Dw9E")
    );
    assert!(items(&answer, "problems").is_empty());
}

#[wasm_bindgen_test]
fn problems_carry_code_tax_id_field_and_a_localised_message() {
    let answer = read(PROBLEMS);
    let problems = items(&answer, "problems");
    let codes: Vec<String> = problems.iter().filter_map(|p| text(p, "problem")).collect();
    assert_eq!(
        codes,
        ["tax-id", "whitespace", "tenant-credential", "tax-id"]
    );
    assert_eq!(
        text(&problems[0], "taxId").as_deref(),
        Some("91440300MA5G8TQK2N")
    );
    assert_eq!(text(&problems[2], "field").as_deref(), Some("clientId"));
    assert!(text(&problems[2], "message").is_some_and(|m| m.contains("TN_")));
    for p in &problems {
        assert_eq!(keys(p), ["field", "message", "problem", "taxId"]);
    }
}

#[wasm_bindgen_test]
fn missing_values_are_listed_by_name_and_explained() {
    let answer = read(MISSING);
    let enterprises = items(&answer, "enterprises");
    assert_eq!(
        strings(&get(&enterprises[0], "missing")),
        ["clientSecret", "encryptKey"]
    );
    assert!(
        get(&enterprises[0], "clientSecret").is_undefined(),
        "a masked secret is absent, not empty"
    );
    let reasons = items(&enterprises[0], "missingReasons");
    assert_eq!(text(&reasons[0], "reason").as_deref(), Some("masked"));
    assert!(text(&reasons[0], "message").is_some_and(|m| m.contains("ClientSecret")));
}

#[wasm_bindgen_test]
fn a_token_sample_gives_context_and_token() {
    let answer = read(TOKEN);
    assert_eq!(text(&answer, "kind").as_deref(), Some("token-sample"));
    assert_eq!(text(&answer, "environment").as_deref(), Some("unknown"));
    let context = get(&answer, "context");
    assert_eq!(
        keys(&context),
        ["accountId", "appTokenUrl", "loginUrl", "origin", "prefix"]
    );
    assert_eq!(
        text(&context, "prefix").as_deref(),
        Some("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/")
    );
    assert_eq!(
        text(&context, "accountId").as_deref(),
        Some("1933358424373855232")
    );
    let token = get(&answer, "token");
    assert_eq!(
        keys(&token),
        [
            "accountId",
            "appId",
            "appSecret",
            "missing",
            "tenantId",
            "user",
            "userType"
        ]
    );
    assert_eq!(
        text(&token, "appSecret").as_deref(),
        Some("Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz")
    );
    assert_eq!(text(&token, "userType").as_deref(), Some("Mobile"));
    assert!(
        get(&token, "accountId").is_string(),
        "accountId is always a string"
    );
}

#[wasm_bindgen_test]
fn a_console_url_and_a_user_language_body() {
    let answer = read("https://h.example.com/ierp/index.html?formId=pc_main_console");
    assert_eq!(text(&answer, "kind").as_deref(), Some("console-url"));
    let context = get(&answer, "context");
    assert_eq!(
        keys(&context),
        ["appTokenUrl", "loginUrl", "origin", "prefix"]
    );
    assert_eq!(
        text(&context, "loginUrl").as_deref(),
        Some("https://h.example.com/ierp/api/login.do")
    );

    let answer = read(r#"{"accountId":1933358424373855232}"#);
    assert_eq!(text(&answer, "kind").as_deref(), Some("user-language"));
    let context = get(&answer, "context");
    assert_eq!(keys(&context), ["accountId"]);
    assert_eq!(
        text(&context, "accountId").as_deref(),
        Some("1933358424373855232")
    );
}

#[wasm_bindgen_test]
fn bad_pastes_throw_localised_errors_with_codes() {
    let (zh, code) = thrown(JsValue::from_str("   "), "zh-CN");
    assert_eq!(code, "paste-empty");
    assert!(zh.contains("粘贴"));
    let (en, code) = thrown(JsValue::from_str("hello there"), "en");
    assert_eq!(code, "paste-unknown");
    assert!(en.contains("not recognised"));
    let (_, code) = thrown(
        JsValue::from_str(include_str!("paste_samples/duplicate_conflict.txt")),
        "zh-CN",
    );
    assert_eq!(code, "paste-conflicting-tax-id");
    let (_, code) = thrown(
        JsValue::from_str(include_str!("paste_samples/no_credentials.txt")),
        "zh-CN",
    );
    assert_eq!(code, "paste-no-credentials");
    let (_, code) = thrown(JsValue::from_str("a\0b\0c"), "zh-CN");
    assert_eq!(code, "paste-binary");
    let (_, code) = thrown(
        JsValue::from_str("https://h.example.com/ierp/login.html"),
        "zh-CN",
    );
    assert_eq!(code, "console-not-index-page");
    let (_, code) = thrown(JsValue::UNDEFINED, "zh-CN");
    assert_eq!(code, "paste-empty", "a non-string is nothing pasted");
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn ten_megabytes_are_refused_before_copying() {
    let big = js_sys::JsString::from("x").repeat(10 * 1024 * 1024);
    let (message, code) = thrown(big.into(), "en");
    assert_eq!(code, "paste-too-large");
    assert!(message.contains("too large"));
    set_locale("zh-CN");
}
