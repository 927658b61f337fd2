//! The checklist exports in headless Chromium: `checklist` answers the documented plain object
//! (the standalone page and the side panel draw it), an unknown product throws a coded error,
//! the worker's progress objects go round trip (fill report → save → done; ticks), and the
//! setup record carries no secret of the pasted records.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::checklist::{
    checklist_export, checklist_fill_reported, checklist_key, checklist_of, checklist_panel,
    checklist_saved, checklist_signals, checklist_tick,
};
use fapiao_helper::wasm::credentials::credentials_from_paste;
use fapiao_helper::wasm::paste::read_paste;
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::get;

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const MAIL: &str = include_str!("paste_samples/prod_outbound_kv.txt");

fn items(object: &JsValue, key: &str) -> Vec<JsValue> {
    get(object, key)
        .dyn_into::<Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::UNDEFINED)
}

fn step<'a>(steps: &'a [JsValue], id: &str) -> Option<&'a JsValue> {
    steps
        .iter()
        .find(|s| get(s, "id").as_string().as_deref() == Some(id))
}

#[wasm_bindgen_test]
fn checklist_answers_the_steps_of_a_product_as_plain_objects() {
    set_locale("zh-CN");
    let list = checklist_of("flagship", None).unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&list, "product").as_string().as_deref(),
        Some("flagship")
    );
    let steps = items(&list, "steps");
    let callback = step(&steps, "invoice-callback")
        .cloned()
        .unwrap_or(JsValue::UNDEFINED);
    let mut keys: Vec<String> = callback
        .dyn_ref::<Object>()
        .map(|o| {
            Object::keys(o)
                .iter()
                .filter_map(|k| k.as_string())
                .collect()
        })
        .unwrap_or_default();
    keys.sort();
    assert_eq!(keys, ["id", "kind", "menuPath", "required", "title", "why"]);
    assert_eq!(get(&callback, "kind").as_string().as_deref(), Some("form"));
    assert_eq!(items(&callback, "menuPath").len(), 3);
    let manual = step(&steps, "openapi-api1")
        .cloned()
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(get(&manual, "kind").as_string().as_deref(), Some("manual"));

    let english = checklist_of("eas", Some("en".into())).unwrap_or(JsValue::UNDEFINED);
    let title = get(&items(&english, "steps")[1], "title")
        .as_string()
        .unwrap_or_default();
    assert!(
        title.contains("多影像系统配置") && title.contains("image host"),
        "{title}"
    );
}

#[wasm_bindgen_test]
fn an_unknown_product_throws_a_coded_error() {
    let error = checklist_of("cosmic-9", None)
        .err()
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("unknown-product")
    );
}

#[wasm_bindgen_test]
fn a_clean_fill_and_the_save_mark_the_step_and_the_panel_shows_it() {
    assert_eq!(
        checklist_key(CONSOLE).as_deref(),
        Some("progress:http://127.0.0.1:8080/ierp/")
    );
    assert_eq!(checklist_key("http://127.0.0.1:8080/other/page.html"), None);
    let signals = checklist_signals().unwrap_or(JsValue::UNDEFINED);
    assert!(items(&signals, "saveButtons")
        .iter()
        .any(|b| b.as_string().as_deref() == Some("保存")));

    let report = parse(
        r#"{"purpose":"fill","form":"发票回调配置","spec":"invoice-callback","rows":[
            {"field":"请求地址","outcome":"filled","code":"filled","message":""},
            {"field":"网关","outcome":"unchanged","code":"unchanged","message":""}]}"#,
    );
    let pending = checklist_fill_reported(JsValue::UNDEFINED, report).unwrap_or(JsValue::UNDEFINED);
    let unsaved = checklist_panel(
        Some(CONSOLE.into()),
        JsValue::UNDEFINED,
        parse(r#"{"texts":["发票服务"]}"#),
        None,
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&unsaved, "product").as_string().as_deref(),
        Some("flagship")
    );
    let steps = items(&get(&unsaved, "checklist"), "steps");
    assert_eq!(
        step(&steps, "invoice-callback").map(|s| get(s, "done").as_bool()),
        Some(Some(false))
    );

    let saved = checklist_saved(JsValue::UNDEFINED, pending, "invoice-callback", "保存")
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&saved, "verdict").as_string().as_deref(),
        Some("counted")
    );
    let panel = checklist_panel(
        Some(CONSOLE.into()),
        get(&saved, "progress"),
        parse(r#"{"forms":["invoice-callback"]}"#),
        Some("1".into()),
    )
    .unwrap_or(JsValue::UNDEFINED);
    let steps = items(&get(&panel, "checklist"), "steps");
    assert_eq!(
        step(&steps, "invoice-callback").map(|s| get(s, "done").as_bool()),
        Some(Some(true))
    );
    assert_eq!(
        step(&steps, "account-id").map(|s| get(s, "done").as_bool()),
        Some(Some(true))
    );

    let again = checklist_saved(
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        "invoice-callback",
        "保存",
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&again, "verdict").as_string().as_deref(),
        Some("no-fill")
    );
}

#[wasm_bindgen_test]
fn ticks_are_for_manual_steps_only_and_a_page_that_is_no_console_has_no_step_done() {
    let ticked =
        checklist_tick(JsValue::UNDEFINED, "openapi-api1", true).unwrap_or(JsValue::UNDEFINED);
    let refused = checklist_tick(JsValue::UNDEFINED, "invoice-callback", true)
        .err()
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        get(&refused, "code").as_string().as_deref(),
        Some("not-manual-step")
    );
    let panel = checklist_panel(
        Some("https://example.com/".into()),
        ticked,
        JsValue::UNDEFINED,
        Some("1".into()),
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(get(&panel, "console").as_bool(), Some(false));
    assert!(get(&panel, "checklist").is_null() || get(&panel, "checklist").is_undefined());
}

#[wasm_bindgen_test]
fn the_setup_record_names_the_enterprises_and_holds_no_secret() {
    set_locale("zh-CN");
    let parsed = read_paste(MAIL.into()).unwrap_or(JsValue::UNDEFINED);
    let options = parse(&format!(r#"{{"tabUrl":"{CONSOLE}","nowMs":1000}}"#));
    let held = credentials_from_paste(parsed, options).unwrap_or(JsValue::UNDEFINED);
    let credentials = get(&held, "credentials");
    let records = Object::new();
    let _ = Reflect::set(
        &records,
        &get(&credentials, "key"),
        &get(&credentials, "record"),
    );
    let record_text = JSON::stringify(&get(&credentials, "record"))
        .map(String::from)
        .unwrap_or_default();

    let exported = checklist_export(
        Some(CONSOLE.into()),
        Some("1742050739649250304".into()),
        records.into(),
        JsValue::UNDEFINED,
        Some("cosmic-6".into()),
        2000.0,
    )
    .unwrap_or(JsValue::UNDEFINED);
    let json = get(&exported, "json").as_string().unwrap_or_default();
    let markdown = get(&exported, "markdown").as_string().unwrap_or_default();
    assert!(
        json.contains("1742050739649250304") && json.contains("\"taxId\""),
        "{json}"
    );
    assert!(markdown.contains("http://127.0.0.1:8080/ierp/"));
    // The mail's secrets are in the stored record the worker hands over, and not in the export.
    for secret in [
        "5e8b0c2f9a714d3eb6c7a2f41d9e0b63",
        "Kq7Zp2Lm9Xw4Rt6B",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    ] {
        assert!(record_text.contains(secret), "the sample holds its secrets");
        assert!(
            !json.contains(secret) && !markdown.contains(secret),
            "a secret reached the record"
        );
    }
    assert!(json.contains("91440300MA5G8TQK2M"));
}
