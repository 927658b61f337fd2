//! Placing a requester and judging a plain-http console at the WASM surface, in headless
//! Chromium: `documentHello` notes where documents loaded, `placeSender` answers plain objects
//! with camelCase fields, refusals carry the code a fill row shows and make no guess when a
//! document's load address is unknown; and a plain-http console off this machine is warned of in
//! `secretsStatus` and gets no secret from `secretsForFill` until `secretsConfirm` allowed it.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::context::{document_hello, place_sender};
use fapiao_helper::wasm::secrets::{secrets_confirm, secrets_for_fill, secrets_status};
use fapiao_helper::wasm::set_locale;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js, stringify};

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const ORIGIN: &str = "http://127.0.0.1:8080";

/// The loads after each `(documentId, url, frameId)` said hello in tab 1.
fn loads(hellos: &[(&str, &str, i32)]) -> JsValue {
    hellos
        .iter()
        .fold(JsValue::UNDEFINED, |loads, (id, url, frame)| {
            document_hello(
                loads,
                js(&format!(
                    r#"{{"documentId":"{id}","url":"{url}","frameId":{frame},"tabId":1}}"#
                )),
            )
            .unwrap_or_else(|_| panic!("documentHello threw"))
        })
}

fn place(loads: JsValue, sender: &str) -> JsValue {
    place_sender(loads, js(sender)).unwrap_or_else(|_| panic!("placeSender threw"))
}

#[wasm_bindgen_test]
fn a_console_top_page_is_placed_on_its_console() {
    let reply = place(
        loads(&[("d1", CONSOLE, 0)]),
        &format!(
            r#"{{"frameOrigin":"{ORIGIN}","url":"{CONSOLE}#x","frameId":0,"documentId":"d1","tabId":1,"tabUrl":"{CONSOLE}#x"}}"#
        ),
    );
    assert_eq!(get(&reply, "ok").as_bool(), Some(true));
    assert_eq!(
        get(&reply, "pageUrl").as_string().as_deref(),
        Some(&*format!("{CONSOLE}#x"))
    );
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
    let reply = place(
        loads(&[("d1", "http://127.0.0.1:8080/evil/page.html", 0)]),
        &format!(
            r#"{{"frameOrigin":"{ORIGIN}","url":"{CONSOLE}","frameId":0,"documentId":"d1","tabId":1,"tabUrl":"{CONSOLE}"}}"#
        ),
    );
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
    let unbound = place(
        loads(&[]),
        &format!(
            r#"{{"frameOrigin":"{ORIGIN}","url":"{CONSOLE}","frameId":0,"documentId":"d9","tabId":1,"tabUrl":"{CONSOLE}"}}"#
        ),
    );
    assert_eq!(
        get(&unbound, "code").as_string().as_deref(),
        Some("place-unbound")
    );
    let foreign = place(
        loads(&[
            ("top", CONSOLE, 0),
            ("f", "http://localhost:8080/f.html", 3),
        ]),
        &format!(
            r#"{{"frameOrigin":"http://localhost:8080","url":"http://localhost:8080/f.html","frameId":3,"documentId":"f","tabId":1,"tabUrl":"{CONSOLE}"}}"#
        ),
    );
    assert_eq!(get(&foreign, "ok").as_bool(), Some(false));
    assert_eq!(
        get(&foreign, "secretRefusal").as_string().as_deref(),
        Some("secret-frame-other-origin")
    );
}

#[wasm_bindgen_test]
fn a_plain_http_console_off_this_machine_is_insecure_and_refused_until_confirmed() {
    let insecure = "http://erp.example.com/ierp/index.html?formId=x";
    let prefix = "http://erp.example.com/ierp/";
    let key = format!("secret:gateway:{prefix}");
    let entries = |extra: &str| {
        js(&format!(
            r#"[["{key}",{{"kind":"gateway","origin":"http://erp.example.com","prefix":"{prefix}","createdAt":1,"expiresAt":9999999999999,"masked":"••••abcd"{extra}}}]]"#
        ))
    };
    let warned = |url: &str| {
        get(
            &secrets_status(entries(""), Some(url.into())).expect("a status"),
            "insecureConsole",
        )
        .as_bool()
    };
    assert_eq!(warned(insecure), Some(true));
    assert_eq!(warned(CONSOLE), Some(false));
    assert_eq!(
        warned("https://erp.example.com/ierp/index.html?formId=x"),
        Some(false)
    );

    // The popup's plain-http confirm grants the tab's console, and only a plain-http one.
    let patch =
        secrets_confirm(entries(""), vec!["gateway".into()], insecure, true).expect("a patch");
    assert_eq!(
        stringify(&patch),
        format!(r#"{{"{key}":{{"insecureAllowed":["{prefix}"]}}}}"#)
    );
    let none = secrets_confirm(entries(""), vec!["gateway".into()], CONSOLE, true).expect("none");
    assert_eq!(stringify(&none), "{}");

    let fill = |extra: &str| {
        let ask = js(&format!(
            r#"{{"form":"发票回调配置","frameOrigin":"http://erp.example.com","nowMs":2,
            "place":{{"ok":true,"pageUrl":"{insecure}","prefix":"{prefix}"}}}}"#
        ));
        secrets_for_fill(entries(extra), js("[]"), ask).expect("an answer")
    };
    let refused = fill("");
    assert_eq!(
        get(&get(&refused, "refusals"), "gateway")
            .as_string()
            .as_deref(),
        Some("secret-insecure-console")
    );
    assert!(get(&get(&refused, "keys"), "gateway").is_undefined());
    let released = fill(&format!(r#","insecureAllowed":["{prefix}"]"#));
    assert_eq!(
        get(&get(&released, "keys"), "gateway").as_string(),
        Some(key.clone())
    );
}
