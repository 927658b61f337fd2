//! The WASM exports that place a requester and judge a plain-http console, in headless Chromium:
//! plain objects with camelCase fields, refusals with the code a fill row shows, and no guess
//! when a document's load address is unknown.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::context::{console_insecure, requester_place};
use fapiao_helper::wasm::secrets::{insecure_console_grant, release_decision};
use fapiao_helper::wasm::set_locale;
use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("test JSON: {e:?}"))
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn place(facts: &str) -> JsValue {
    requester_place(js(facts)).unwrap_or_else(|_| panic!("requesterPlace threw"))
}

#[wasm_bindgen_test]
fn a_console_top_page_is_placed_on_its_console() {
    let reply = place(&format!(
        r#"{{"frameOrigin":"http://127.0.0.1:8080","frameUrl":"{CONSOLE}#x","frameLoadUrl":"{CONSOLE}","isTop":true,"topUrl":"{CONSOLE}#x"}}"#
    ));
    assert_eq!(get(&reply, "ok").as_bool(), Some(true));
    assert_eq!(
        get(&reply, "prefix").as_string().as_deref(),
        Some("http://127.0.0.1:8080/ierp/")
    );
    assert_eq!(
        get(&get(&reply, "console"), "appTokenUrl")
            .as_string()
            .as_deref(),
        Some("http://127.0.0.1:8080/ierp/api/getAppToken.do")
    );
}

#[wasm_bindgen_test]
fn a_page_that_moved_onto_the_console_is_refused_in_the_users_language() {
    set_locale("en");
    let reply = place(&format!(
        r#"{{"frameOrigin":"http://127.0.0.1:8080","frameUrl":"{CONSOLE}","frameLoadUrl":"http://127.0.0.1:8080/evil/page.html","isTop":true,"topUrl":"{CONSOLE}"}}"#
    ));
    assert_eq!(get(&reply, "ok").as_bool(), Some(false));
    assert_eq!(
        get(&reply, "code").as_string().as_deref(),
        Some("place-moved")
    );
    assert_eq!(
        get(&reply, "secretRefusal").as_string().as_deref(),
        Some("secret-page-moved")
    );
    assert!(get(&reply, "message")
        .as_string()
        .is_some_and(|m| m.contains("changed its address")));
    assert!(get(&reply, "console").is_undefined());
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn an_unknown_load_address_and_a_foreign_frame_get_nothing() {
    let unbound = place(&format!(
        r#"{{"frameOrigin":"http://127.0.0.1:8080","frameUrl":"{CONSOLE}","isTop":true,"topUrl":"{CONSOLE}"}}"#
    ));
    assert_eq!(
        get(&unbound, "code").as_string().as_deref(),
        Some("place-unbound")
    );
    let foreign = place(&format!(
        r#"{{"frameOrigin":"http://localhost:8080","frameUrl":"http://localhost:8080/f.html","frameLoadUrl":"http://localhost:8080/f.html","isTop":false,"topUrl":"{CONSOLE}","topLoadUrl":"{CONSOLE}"}}"#
    ));
    assert_eq!(
        get(&foreign, "secretRefusal").as_string().as_deref(),
        Some("secret-frame-other-origin")
    );
}

#[wasm_bindgen_test]
fn a_plain_http_console_off_this_machine_is_insecure_and_refused_until_confirmed() {
    let insecure = "http://erp.example.com/ierp/index.html?formId=x";
    assert!(console_insecure(insecure));
    assert!(!console_insecure(CONSOLE));
    assert!(!console_insecure(
        "https://erp.example.com/ierp/index.html?formId=x"
    ));
    assert_eq!(
        insecure_console_grant(insecure).as_deref(),
        Some("http://erp.example.com/ierp/")
    );
    assert_eq!(insecure_console_grant(CONSOLE), None);
    let meta = js(
        r#"{"kind":"gateway","origin":"http://erp.example.com","prefix":"http://erp.example.com/ierp/","createdAt":1,"expiresAt":9999999999999,"masked":"••••abcd"}"#,
    );
    let requester = js(&format!(
        r#"{{"form":"发票回调配置","frameOrigin":"http://erp.example.com","topUrl":"{insecure}","trustedClick":true,"nowMs":2}}"#
    ));
    let refused = release_decision("gateway", meta, requester.clone()).expect("a decision");
    assert_eq!(
        get(&refused, "code").as_string().as_deref(),
        Some("secret-insecure-console")
    );
    let allowed = js(
        r#"{"kind":"gateway","origin":"http://erp.example.com","prefix":"http://erp.example.com/ierp/","createdAt":1,"expiresAt":9999999999999,"masked":"••••abcd","insecureAllowed":["http://erp.example.com/ierp/"]}"#,
    );
    let released = release_decision("gateway", allowed, requester).expect("a decision");
    assert_eq!(get(&released, "ok").as_bool(), Some(true));
}
