//! The WASM surface of the secrets (`src/wasm/secrets.rs`), exercised in headless Chromium through
//! wasm-bindgen-test: the generated key comes from `crypto.getRandomValues` and has the contract's
//! shape, records and decisions are plain objects with camelCase fields, refusals are localised,
//! masks show at most the last four characters, and no answer but the session record itself
//! ever holds a secret.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::secrets::{
    check_gateway, check_user_key, cross_console_grant, generate_access_token_key, mask_secret,
    release_decision, remember_gateway, remember_generated_key, remember_user_key, secret_lifetime,
    secret_scope, secret_storage_key, secret_targets,
};
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ORIGIN: &str = "http://127.0.0.1:8080";
const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const PREFIX: &str = "http://127.0.0.1:8080/ierp/";
const OTHER_CONSOLE: &str = "http://127.0.0.1:8080/other/index.html?formId=x";
const GATEWAY: &str = "eyJhcHAiOiJpbnZvaWNldXBsb2FkIn0.c2lnbmF0dXJlLTAxMjM0NQ";
const NOW: f64 = 1_750_000_000_000.0;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("test JSON: {e:?}"))
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

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

fn origin(frame_origin: &str, top_url: &str, ttl_minutes: Option<f64>) -> JsValue {
    let ttl = ttl_minutes
        .map(|t| format!(r#","ttlMinutes":{t}"#))
        .unwrap_or_default();
    js(&format!(
        r#"{{"frameOrigin":"{frame_origin}","topUrl":"{top_url}","nowMs":{NOW}{ttl}}}"#
    ))
}

fn is_key_shaped(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_alphanumeric())
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
fn generated_keys_are_32_letters_and_digits_and_differ_between_calls() {
    let a = generate_access_token_key().unwrap_or_else(|e| panic!("{e:?}"));
    let b = generate_access_token_key().unwrap_or_else(|e| panic!("{e:?}"));
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
        generate_access_token_key().unwrap_or_else(|e| panic!("{e:?}"))
    };
    assert_eq!(key, "A".repeat(32), "byte 0 is the alphabet's first letter");
    let calls = Reflect::get(&js_sys::global(), &"__randomCalls".into())
        .ok()
        .and_then(|v| v.as_f64());
    assert_eq!(calls, Some(1.0));
    // Restored: real randomness again.
    let after = generate_access_token_key().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(is_key_shaped(&after) && after != key);
}

#[wasm_bindgen_test]
fn without_a_random_source_no_key_is_made_and_the_error_is_localised() {
    let _broken = CryptoOverride::new("throw new Error('no entropy');");
    set_locale("zh-CN");
    let (message, code) = thrown(generate_access_token_key());
    assert_eq!(code, "keygen-no-randomness");
    assert!(message.contains("安全随机数"), "{message}");
    set_locale("en");
    let (message, _) = thrown(generate_access_token_key());
    assert!(message.contains("secure random"), "{message}");
    let (_, code) = thrown(remember_generated_key(origin(ORIGIN, CONSOLE, None)));
    assert_eq!(code, "keygen-no-randomness");
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn a_remembered_generated_key_is_a_session_record_bound_to_its_console() {
    let made = ok(remember_generated_key(origin(ORIGIN, CONSOLE, Some(5.0))));
    assert!(is_plain_object(&made));
    assert_eq!(get(&made, "ok").as_bool(), Some(true));
    assert_eq!(
        text(&made, "key").as_deref(),
        Some(&*format!("secret:accessTokenKey:{PREFIX}"))
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
    let default = get(
        &ok(remember_generated_key(origin(ORIGIN, CONSOLE, None))),
        "record",
    );
    assert_eq!(
        number(&default, "expiresAt") - number(&default, "createdAt"),
        30.0 * 60_000.0
    );
}

#[wasm_bindgen_test]
fn a_frame_of_another_origin_is_refused_in_the_users_language_without_a_value() {
    set_locale("zh-CN");
    let refused = ok(remember_generated_key(origin(
        "http://localhost:8080",
        CONSOLE,
        None,
    )));
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
    let refused = ok(remember_gateway(
        js(&format!(
            r#"[{{"label":"x-acgw-identity","value":"{GATEWAY}"}}]"#
        )),
        origin("null", CONSOLE, None),
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
fn the_gateway_is_picked_by_its_label_and_a_masked_one_is_refused_with_a_reason() {
    let candidates = js(&format!(
        r#"[{{"label":"系统编码","value":"invoiceupload"}},{{"label":"x-acgw-identity：","value":"{GATEWAY}"}},{{"label":"x","value":"y"}}]"#
    ));
    let made = ok(remember_gateway(candidates, origin(ORIGIN, CONSOLE, None)));
    let record = get(&made, "record");
    assert_eq!(text(&record, "kind").as_deref(), Some("gateway"));
    assert_eq!(text(&record, "value").as_deref(), Some(GATEWAY));
    assert_eq!(
        text(&made, "key").as_deref(),
        Some(&*format!("secret:gateway:{PREFIX}"))
    );

    set_locale("zh-CN");
    let masked = js(r#"[{"label":"x-acgw-identity","value":"******"}]"#);
    let refused = ok(remember_gateway(
        masked.clone(),
        origin(ORIGIN, CONSOLE, None),
    ));
    assert_eq!(
        text(&refused, "code").as_deref(),
        Some("gateway-still-masked")
    );
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("仍是隐藏的"));
    set_locale("en");
    let refused = ok(remember_gateway(masked, origin(ORIGIN, CONSOLE, None)));
    assert!(text(&refused, "message")
        .unwrap_or_default()
        .contains("still masked"));
    // Candidates that are not a list are nothing found, not a crash.
    let none = ok(remember_gateway(
        JsValue::from_f64(4.0),
        origin(ORIGIN, CONSOLE, None),
    ));
    assert_eq!(text(&none, "code").as_deref(), Some("gateway-not-found"));
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn a_typed_key_is_trimmed_and_checked_and_checks_never_echo_the_value() {
    let made = ok(remember_user_key(
        "  My-Own_Key.2024  ",
        origin(ORIGIN, CONSOLE, None),
    ));
    assert_eq!(
        text(&get(&made, "record"), "value").as_deref(),
        Some("My-Own_Key.2024")
    );
    set_locale("zh-CN");
    let short = ok(remember_user_key("q7Wz9", origin(ORIGIN, CONSOLE, None)));
    assert_eq!(text(&short, "code").as_deref(), Some("user-key-too-short"));
    assert!(text(&short, "message").unwrap_or_default().contains("太短"));
    assert!(!stringify(&short).contains("q7Wz9"));
    let good = ok(check_user_key("My-Own_Key.2024"));
    assert_eq!(keys(&good), ["ok"]);
    let good = ok(check_gateway(GATEWAY));
    assert_eq!(keys(&good), ["ok"]);
    set_locale("en");
    let bad = ok(check_gateway("abc def ghi jkl mno"));
    assert_eq!(get(&bad, "ok").as_bool(), Some(false));
    assert!(!stringify(&bad).contains("abc def"));
    assert!(
        text(&bad, "message").is_some_and(|m| m.is_ascii()),
        "an English message"
    );
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn masking_shows_only_the_last_four_characters_and_never_more_than_half() {
    assert_eq!(mask_secret("Zq8RkP2vLm4Xw9Tn3Bc7Hd1Jf6Gs5Ay0"), "••••5Ay0");
    assert_eq!(
        mask_secret(GATEWAY),
        format!("••••{}", &GATEWAY[GATEWAY.len() - 4..])
    );
    assert_eq!(mask_secret("abcdef"), "••••def");
    assert_eq!(mask_secret("ab"), "••••b");
    assert_eq!(mask_secret(""), "••••");
    assert_eq!(mask_secret("密钥一二三四五六"), "••••三四五六");
}

#[wasm_bindgen_test]
fn scopes_lifetimes_storage_keys_and_targets_are_plain_data() {
    let scope = ok(secret_scope(CONSOLE));
    assert!(is_plain_object(&scope));
    assert_eq!(text(&scope, "origin").as_deref(), Some(ORIGIN));
    assert_eq!(text(&scope, "prefix").as_deref(), Some(PREFIX));
    let (_, code) = thrown(secret_scope("chrome://extensions/"));
    assert!(!code.is_empty());
    let lifetime = ok(secret_lifetime(NOW, Some(10.0)));
    assert_eq!(keys(&lifetime), ["createdAt", "expiresAt"]);
    assert_eq!(number(&lifetime, "expiresAt") - NOW, 600_000.0);
    assert_eq!(
        secret_storage_key("gateway", CONSOLE).unwrap_or_else(|e| panic!("{e:?}")),
        format!("secret:gateway:{PREFIX}")
    );
    assert!(secret_storage_key("password", CONSOLE).is_err());
    let targets = ok(secret_targets("发票回调配置"));
    assert_eq!(
        stringify(&targets),
        r#"[{"kind":"accessTokenKey","field":"第三方应用密码"},{"kind":"gateway","field":"网关"}]"#
    );
    assert_eq!(
        stringify(&ok(secret_targets("access-token-auth"))),
        r#"[{"kind":"accessTokenKey","field":"认证密钥"}]"#
    );
    assert_eq!(Array::from(&ok(secret_targets("摘要认证"))).length(), 0);
}

fn requester(form: &str, top_url: &str, trusted: bool, now_ms: f64) -> JsValue {
    js(&format!(
        r#"{{"form":"{form}","frameOrigin":"{ORIGIN}","topUrl":"{top_url}","trustedClick":{trusted},"nowMs":{now_ms}}}"#
    ))
}

#[wasm_bindgen_test]
fn release_decisions_follow_the_policy_and_never_carry_the_value() {
    let record = get(
        &ok(remember_generated_key(origin(ORIGIN, CONSOLE, None))),
        "record",
    );
    let value = text(&record, "value").unwrap_or_default();
    // Even handed the whole record (value included), no answer repeats the value.
    let allowed = ok(release_decision(
        "accessTokenKey",
        record.clone(),
        requester("发票回调配置", CONSOLE, true, NOW + 1.0),
    ));
    assert_eq!(keys(&allowed), ["field", "ok"]);
    assert_eq!(text(&allowed, "field").as_deref(), Some("第三方应用密码"));

    set_locale("zh-CN");
    let cases = [
        (
            requester("发票回调配置", OTHER_CONSOLE, true, NOW + 1.0),
            "secret-other-console",
            "另一个控制台",
        ),
        (
            requester("发票回调配置", CONSOLE, true, NOW + 31.0 * 60_000.0),
            "secret-expired",
            "已过期",
        ),
        (
            requester("发票回调配置", CONSOLE, false, NOW + 1.0),
            "secret-untrusted-click",
            "亲手点击",
        ),
        (
            requester("摘要认证", CONSOLE, true, NOW + 1.0),
            "secret-form-takes-none",
            "不需要",
        ),
    ];
    for (who, code, words) in cases {
        let refused = ok(release_decision("accessTokenKey", record.clone(), who));
        assert_eq!(text(&refused, "code").as_deref(), Some(code));
        let message = text(&refused, "message").unwrap_or_default();
        assert!(message.contains(words), "{code}: {message}");
        assert!(
            !stringify(&refused).contains(&value),
            "{code} carries the value"
        );
    }
    let none = ok(release_decision(
        "gateway",
        JsValue::NULL,
        requester("发票回调配置", CONSOLE, true, NOW),
    ));
    assert_eq!(text(&none, "code").as_deref(), Some("secret-not-held"));
    set_locale("en");
    let other = ok(release_decision(
        "accessTokenKey",
        record.clone(),
        requester("发票回调配置", OTHER_CONSOLE, true, NOW + 1.0),
    ));
    assert!(text(&other, "message")
        .unwrap_or_default()
        .contains("another console"));
    set_locale("zh-CN");
    assert!(release_decision(
        "password",
        record,
        requester("发票回调配置", CONSOLE, true, NOW)
    )
    .is_err());
}

#[wasm_bindgen_test]
fn a_cross_console_grant_names_the_other_console_only() {
    let record = get(
        &ok(remember_generated_key(origin(ORIGIN, CONSOLE, None))),
        "record",
    );
    assert_eq!(
        cross_console_grant(record.clone(), OTHER_CONSOLE).as_deref(),
        Some("http://127.0.0.1:8080/other/")
    );
    assert_eq!(cross_console_grant(record, CONSOLE), None);
    assert_eq!(cross_console_grant(JsValue::NULL, OTHER_CONSOLE), None);
}
