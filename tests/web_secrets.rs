//! The bar's secret actions at the WASM surface (`barSecretAction` in `src/wasm/secrets.rs`), in
//! headless Chromium through wasm-bindgen-test: a generated key comes from
//! `crypto.getRandomValues` and has the contract's shape, it and every remembered secret leave
//! only as the session record bound to the requester's console (plain objects with camelCase
//! fields), refusals are localised and never carry the value they refused. The rules behind them
//! (key alphabet, gateway and typed-key checks, masks, scopes, lifetimes) are tested natively
//! against the core (`tests/keygen.rs`, `gateway.rs`, `secret.rs`, `secret_policy.rs`,
//! `secret_actions.rs`).
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::secrets::bar_secret_action;
use fapiao_helper::wasm::set_locale;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js, stringify, text};

wasm_bindgen_test_configure!(run_in_browser);

const ORIGIN: &str = "http://127.0.0.1:8080";
const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const PREFIX: &str = "http://127.0.0.1:8080/ierp/";
const GATEWAY: &str = "eyJhcHAiOiJpbnZvaWNldXBsb2FkIn0.c2lnbmF0dXJlLTAxMjM0NQ";
const NOW: f64 = 1_750_000_000_000.0;

fn number(object: &JsValue, key: &str) -> f64 {
    get(object, key).as_f64().unwrap_or(f64::NAN)
}

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

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object()
        && JsValue::from(Object::get_prototype_of(value))
            == JsValue::from(Object::get_prototype_of(&Object::new()))
}

fn ok(result: Result<JsValue, JsValue>) -> JsValue {
    result.unwrap_or_else(|e| panic!("expected a value, got {e:?}"))
}

fn thrown<T: std::fmt::Debug>(result: Result<T, JsValue>) -> (String, String) {
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

fn is_key_shaped(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The AccessToken认证 dialog as the collector sends it, `typed` in its 认证密钥.
fn key_dialog(typed: &str) -> JsValue {
    js(&format!(
        r#"{{"url":"{CONSOLE}","frame":"top","title":"控制台",
        "headings":[{{"text":"AccessToken认证","container":"dlg"}}],
        "controls":[{{"id":"k","tag":"input","kind":"password","value":"{typed}",
          "labels":[{{"rule":"form-item","text":"认证密钥"}}],"container":"f1","containers":["f1","dlg"]}}]}}"#
    ))
}

/// The 第三方应用 page, showing `texts` (`[{label, value}]` JSON items) beside its fields.
fn app_page(texts: &str) -> JsValue {
    js(&format!(
        r#"{{"url":"{CONSOLE}","frame":"top","title":"第三方应用",
        "headings":[{{"text":"第三方应用"}}],
        "controls":[
          {{"id":"code","tag":"input","kind":"text","value":"","labels":[{{"rule":"form-item","text":"系统编码"}}]}},
          {{"id":"name","tag":"input","kind":"text","value":"","labels":[{{"rule":"form-item","text":"系统名称"}}]}}],
        "texts":[{texts}]}}"#
    ))
}

const KEY_FORM: &str = r#"{"spec":"access-token-auth"}"#;
const APP_FORM: &str = r#"{"spec":"third-party-app"}"#;

/// The requester: its frame's origin, placed (as `placeSender` answers) on the console.
fn ask(frame_origin: &str, ttl_minutes: Option<f64>) -> JsValue {
    let ttl = ttl_minutes
        .map(|t| format!(r#","ttlMinutes":{t}"#))
        .unwrap_or_default();
    js(&format!(
        r#"{{"frameOrigin":"{frame_origin}","nowMs":{NOW}{ttl},
        "place":{{"ok":true,"pageUrl":"{CONSOLE}","prefix":"{PREFIX}"}}}}"#
    ))
}

fn generate(ttl_minutes: Option<f64>) -> Result<JsValue, JsValue> {
    bar_secret_action(
        "generate-key",
        key_dialog(""),
        js(KEY_FORM),
        ask(ORIGIN, ttl_minutes),
    )
}

fn generated_value(done: &JsValue) -> String {
    assert_eq!(get(done, "ok").as_bool(), Some(true), "{}", stringify(done));
    text(&get(done, "record"), "value").unwrap_or_default()
}

/// Replaces `crypto.getRandomValues` (an own property shadowing the prototype's) while alive.
struct CryptoOverride(JsValue);

impl CryptoOverride {
    fn new(body: &str) -> CryptoOverride {
        let crypto =
            Reflect::get(&js_sys::global(), &"crypto".into()).unwrap_or(JsValue::UNDEFINED);
        let replacement = Function::new_with_args("a", body);
        assert!(Reflect::set(&crypto, &"getRandomValues".into(), &replacement).unwrap_or(false));
        CryptoOverride(crypto)
    }
}

impl Drop for CryptoOverride {
    fn drop(&mut self) {
        if let Some(crypto) = self.0.dyn_ref::<Object>() {
            let _ = Reflect::delete_property(crypto, &"getRandomValues".into());
        }
    }
}

#[wasm_bindgen_test]
fn generated_keys_are_32_letters_and_digits_and_differ_between_clicks() {
    let a = generated_value(&ok(generate(None)));
    let b = generated_value(&ok(generate(None)));
    assert!(is_key_shaped(&a), "{a}");
    assert!(is_key_shaped(&b), "{b}");
    assert_ne!(a, b);
}

#[wasm_bindgen_test]
fn the_key_is_made_from_the_bytes_crypto_get_random_values_gives() {
    let key = {
        let _zeros = CryptoOverride::new(
            "globalThis.__randomCalls = (globalThis.__randomCalls || 0) + 1; a.fill(0); return a;",
        );
        generated_value(&ok(generate(None)))
    };
    assert_eq!(key, "A".repeat(32), "byte 0 is the alphabet's first letter");
    let calls = Reflect::get(&js_sys::global(), &"__randomCalls".into())
        .ok()
        .and_then(|v| v.as_f64());
    assert_eq!(calls, Some(1.0));
    // Restored: real randomness again.
    let after = generated_value(&ok(generate(None)));
    assert!(is_key_shaped(&after) && after != key);
}

#[wasm_bindgen_test]
fn without_a_random_source_no_key_is_made_and_the_error_is_localised() {
    let _broken = CryptoOverride::new("throw new Error('no entropy');");
    set_locale("zh-CN");
    let (message, code) = thrown(generate(None));
    assert_eq!(code, "keygen-no-randomness");
    assert!(message.contains("安全随机数"), "{message}");
    set_locale("en");
    let (message, _) = thrown(generate(None));
    assert!(message.contains("secure random"), "{message}");
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn a_generated_key_leaves_only_as_a_session_record_bound_to_its_console() {
    let made = ok(generate(Some(5.0)));
    assert!(is_plain_object(&made));
    assert_eq!(
        keys(&made),
        ["fill", "key", "ok", "plan", "recognised", "record"]
    );
    assert_eq!(
        text(&made, "key").as_deref(),
        Some(&*format!("secret:accessTokenKey:{PREFIX}"))
    );
    assert_eq!(stringify(&get(&made, "fill")), r#"["认证密钥"]"#);
    assert_eq!(
        text(&get(&made, "recognised"), "spec").as_deref(),
        Some("access-token-auth")
    );
    let record = get(&made, "record");
    assert_eq!(
        keys(&record),
        [
            "allowedPrefixes",
            "createdAt",
            "expiresAt",
            "kind",
            "masked",
            "origin",
            "prefix",
            "value"
        ]
    );
    assert_eq!(text(&record, "kind").as_deref(), Some("accessTokenKey"));
    assert_eq!(text(&record, "origin").as_deref(), Some(ORIGIN));
    assert_eq!(text(&record, "prefix").as_deref(), Some(PREFIX));
    let value = text(&record, "value").unwrap_or_default();
    assert!(is_key_shaped(&value), "{value}");
    let masked = text(&record, "masked").unwrap_or_default();
    assert_eq!(masked, format!("••••{}", &value[28..]));
    assert_eq!(number(&record, "createdAt"), NOW);
    assert_eq!(
        number(&record, "expiresAt") - number(&record, "createdAt"),
        5.0 * 60_000.0
    );
    // The recognition sent back holds no value of the page or the key.
    assert!(!stringify(&get(&made, "recognised")).contains(&value));
    let default = get(&ok(generate(None)), "record");
    assert_eq!(
        number(&default, "expiresAt") - number(&default, "createdAt"),
        30.0 * 60_000.0
    );
}

#[wasm_bindgen_test]
fn a_frame_of_another_origin_is_refused_in_the_users_language_without_a_value() {
    set_locale("zh-CN");
    let refused = ok(bar_secret_action(
        "generate-key",
        key_dialog(""),
        js(KEY_FORM),
        ask("http://localhost:8080", None),
    ));
    assert_eq!(keys(&refused), ["code", "message", "ok"]);
    assert_eq!(get(&refused, "ok").as_bool(), Some(false));
    assert_eq!(
        text(&refused, "code").as_deref(),
        Some("secret-frame-other-origin")
    );
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("其他站点"));
    set_locale("en");
    let refused = ok(bar_secret_action(
        "remember-gateway",
        app_page(&format!(
            r#"{{"label":"x-acgw-identity","value":"{GATEWAY}","id":"t1"}}"#
        )),
        js(APP_FORM),
        ask("null", None),
    ));
    assert_eq!(
        text(&refused, "code").as_deref(),
        Some("secret-frame-other-origin")
    );
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("another site"));
    assert!(!stringify(&refused).contains(GATEWAY));
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn a_requester_placed_on_no_console_gets_the_placements_own_refusal() {
    let moved = js(&format!(
        r#"{{"frameOrigin":"{ORIGIN}","nowMs":{NOW},"place":{{"ok":false,"code":"place-moved",
        "secretRefusal":"secret-page-moved","message":"moved"}}}}"#
    ));
    let refused = ok(bar_secret_action(
        "generate-key",
        key_dialog(""),
        js(KEY_FORM),
        moved,
    ));
    assert_eq!(
        stringify(&refused),
        r#"{"ok":false,"code":"place-moved","message":"moved"}"#
    );
}

#[wasm_bindgen_test]
fn the_gateway_is_picked_by_its_label_and_a_masked_one_is_refused_with_a_reason() {
    let texts = format!(
        r#"{{"label":"系统编码","value":"invoiceupload","id":"t0"}},{{"label":"x-acgw-identity：","value":"{GATEWAY}","id":"t1"}},{{"label":"x","value":"y","id":"t2"}}"#
    );
    let made = ok(bar_secret_action(
        "remember-gateway",
        app_page(&texts),
        js(APP_FORM),
        ask(ORIGIN, None),
    ));
    let record = get(&made, "record");
    assert_eq!(text(&record, "kind").as_deref(), Some("gateway"));
    assert_eq!(text(&record, "value").as_deref(), Some(GATEWAY));
    assert_eq!(
        text(&made, "key").as_deref(),
        Some(&*format!("secret:gateway:{PREFIX}"))
    );
    assert!(get(&made, "plan").is_undefined() && get(&made, "fill").is_undefined());

    let masked = || app_page(r#"{"label":"x-acgw-identity","value":"******","id":"t1"}"#);
    set_locale("zh-CN");
    let refused = ok(bar_secret_action(
        "remember-gateway",
        masked(),
        js(APP_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(
        text(&refused, "code").as_deref(),
        Some("gateway-still-masked")
    );
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("仍是隐藏的"));
    set_locale("en");
    let refused = ok(bar_secret_action(
        "remember-gateway",
        masked(),
        js(APP_FORM),
        ask(ORIGIN, None),
    ));
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("still masked"));
    // A page showing no x-acgw-identity at all is nothing found.
    let none = ok(bar_secret_action(
        "remember-gateway",
        app_page(r#"{"label":"系统编码","value":"invoiceupload","id":"t0"}"#),
        js(APP_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(text(&none, "code").as_deref(), Some("gateway-not-found"));
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn a_typed_key_is_trimmed_and_checked_and_a_refusal_never_echoes_it() {
    let made = ok(bar_secret_action(
        "remember-key",
        key_dialog("  My-Own_Key.2024  "),
        js(KEY_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(
        text(&get(&made, "record"), "value").as_deref(),
        Some("My-Own_Key.2024")
    );
    set_locale("zh-CN");
    let short = ok(bar_secret_action(
        "remember-key",
        key_dialog("q7Wz9"),
        js(KEY_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(keys(&short), ["code", "message", "ok"]);
    assert_eq!(text(&short, "code").as_deref(), Some("user-key-too-short"));
    assert!(text(&short, "message").unwrap_or_default().contains("太短"));
    assert!(!stringify(&short).contains("q7Wz9"));
    set_locale("en");
    let spaced = ok(bar_secret_action(
        "remember-key",
        key_dialog("abc def ghi jkl mno"),
        js(KEY_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(get(&spaced, "ok").as_bool(), Some(false));
    assert!(!stringify(&spaced).contains("abc def"));
    assert!(
        text(&spaced, "message").is_some_and(|m| m.is_ascii()),
        "an English message"
    );
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn an_action_the_form_does_not_offer_makes_no_secret() {
    let refused = ok(bar_secret_action(
        "remember-gateway",
        key_dialog(""),
        js(KEY_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(text(&refused, "code").as_deref(), Some("action-not-here"));
    let gone = ok(bar_secret_action(
        "generate-key",
        app_page(""),
        js(KEY_FORM),
        ask(ORIGIN, None),
    ));
    assert_eq!(text(&gone, "code").as_deref(), Some("form-gone"));
}
