//! The WASM surface of the bar's problems and the 连接测试 answer (`src/wasm/forms.rs`), in
//! headless Chromium: what the worker receives from `formProblemsParsed`, `connectionWatch` and
//! `connectionAnswer` — plain objects with camelCase fields, localised words, and never a value
//! from the page in a problem's message.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::forms::{
    connection_answer, connection_watch, form_problems_parsed, parse_snapshot, recognise_parsed,
};
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js};

wasm_bindgen_test_configure!(run_in_browser);

/// A secret the user typed with a space in it.
const TYPED_SECRET: &str = "Typed Secret-9f8e7d";

fn text(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_default()
}

fn ok(result: Result<JsValue, JsValue>) -> JsValue {
    result.unwrap_or_else(|e| panic!("threw {e:?}"))
}

fn auth_snapshot() -> JsValue {
    js(&format!(
        r#"{{"url":"http://127.0.0.1:8080/ierp/index.html?formId=x","frame":"top",
        "headings":[{{"text":"发票云授权配置","container":"pg"}}],
        "controls":[
          {{"id":"c1","tag":"input","kind":"text","value":"https://api-dev.piaozone.com/test","labels":[{{"rule":"label-for","text":"url"}}],"container":"pg"}},
          {{"id":"c2","tag":"input","kind":"text","value":"","labels":[{{"rule":"label-for","text":"代理"}}],"container":"pg"}},
          {{"id":"c3","tag":"input","kind":"text","value":"TN_8a9f2c71d3","labels":[{{"rule":"label-for","text":"Client id"}}],"container":"pg"}},
          {{"id":"c4","tag":"input","kind":"password","value":"{TYPED_SECRET}","labels":[{{"rule":"label-for","text":"Client Secret"}}],"container":"pg"}},
          {{"id":"c5","tag":"input","kind":"password","value":"","labels":[{{"rule":"label-for","text":"Encrypt Key"}}],"container":"pg"}}
        ]}}"#
    ))
}

#[wasm_bindgen_test]
fn form_problems_come_per_field_with_codes_and_no_value() {
    set_locale("zh-CN");
    let parsed = parse_snapshot(auth_snapshot()).unwrap_or_else(|e| panic!("{e:?}"));
    let forms = get(&ok(recognise_parsed(&parsed)), "forms");
    let form = Array::from(&forms).get(0);
    let problems = Array::from(&ok(form_problems_parsed(
        &parsed,
        form,
        js(r#"{"environment":"prod"}"#),
    )));
    let codes: Vec<(String, String)> = problems
        .iter()
        .map(|p| (text(&p, "field"), text(&p, "problem")))
        .collect();
    assert_eq!(
        codes,
        [
            ("url".to_string(), "environment-mismatch".to_string()),
            ("Client id".to_string(), "tenant-credential".to_string()),
            ("Client Secret".to_string(), "whitespace".to_string()),
        ]
    );
    let all = JSON::stringify(&problems.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    assert!(
        !all.contains(TYPED_SECRET) && !all.contains("TN_8a9f2c71d3"),
        "{all}"
    );
    assert!(all.contains("正式环境"), "localised: {all}");
}

#[wasm_bindgen_test]
fn connection_watch_and_answer_are_plain_objects() {
    set_locale("en");
    let watch = ok(connection_watch());
    assert!(Array::from(&get(&watch, "buttons"))
        .iter()
        .any(|b| b.as_string().as_deref() == Some("连接测试")));
    assert!(get(&watch, "watchMs")
        .as_f64()
        .is_some_and(|ms| ms >= 2000.0));
    let answer = ok(connection_answer(js(
        r#"[{"text":"非法的客户ID，请联系管理员","classes":"kd-message"}]"#,
    )));
    assert_eq!(text(&answer, "cause"), "credentials");
    assert!(text(&answer, "message").contains("https://api.piaozone.com"));
    assert!(ok(connection_answer(js(r#"[{"text":"hello"}]"#))).is_undefined());
    assert!(connection_answer(js(r#""not a list""#)).is_err());
}
