//! The WASM surface of the forms (`src/wasm/forms.rs`), exercised in headless Chromium through
//! wasm-bindgen-test: what the service worker receives from `recogniseForms`, `planFill`,
//! `fillOutcomes`, `planUndo` and `diagnose` — plain JS objects with camelCase fields,
//! localised `Error`s with a `code` — and that no value reaches a place it must not (outcome
//! rows, recognition, diagnose).
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::forms::{
    diagnose, fill_outcomes, form_text_labels, plan_fill, plan_undo, recognise_forms,
};
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js, stringify, text};

wasm_bindgen_test_configure!(run_in_browser);

const PREFIX: &str = "http://127.0.0.1:8080/ierp/";
const ACCOUNT_ID: &str = "1742050739649250304";
const KEY: &str = "Zq8RkP2vLm4Xw9Tn3Bc7Hd1Jf6Gs5Ay0";
const GATEWAY: &str = "eyJhcHAiOiJpbnZvaWNldXBsb2FkIn0.c2lnbmF0dXJlLTAxMjM0NQ";
/// What the user had typed into 第三方应用密码 before the helper came: a secret too.
const TYPED: &str = "Typed-Secret-Value-9f8e7d";

fn items(value: &JsValue) -> Vec<JsValue> {
    assert!(Array::is_array(value), "{value:?} is an array");
    Array::from(value).iter().collect()
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

/// The thrown value: a JS `Error` with a message and a code.
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

/// 发票回调配置 as the collector sends it: 请求地址 holds text with spaces around it, 第三方应用密码
/// what the user typed.
fn callback_snapshot() -> JsValue {
    js(&format!(
        r#"{{"url":"{PREFIX}index.html?formId=x","frame":"top","title":"控制台",
        "headings":[{{"text":"发票回调配置","container":"k1"}}],
        "controls":[
          {{"id":"c1","tag":"input","kind":"text","value":"  abc ","labels":[{{"rule":"form-item","text":"请求地址："}}],"container":"k1"}},
          {{"id":"c2","tag":"input","kind":"text","value":"","labels":[{{"rule":"label-for","text":"数据中心id"}}],"container":"k1"}},
          {{"id":"c3","tag":"input","kind":"lookup","value":"","labels":[{{"rule":"form-item","text":"* 第三方应用"}}],"container":"k1"}},
          {{"id":"c4","tag":"input","kind":"password","value":"{TYPED}","labels":[{{"rule":"form-item","text":"第三方应用密码"}}],"container":"k1"}},
          {{"id":"c5","tag":"input","kind":"text","value":"","labels":[{{"rule":"aria-label","text":"网关"}}],"container":"k1"}}
        ]}}"#
    ))
}

fn all_values() -> JsValue {
    js(&format!(
        r#"{{"prefix":"{PREFIX}","accountId":"{ACCOUNT_ID}","accessTokenKey":"{KEY}","gateway":"{GATEWAY}"}}"#
    ))
}

fn row<'a>(rows: &'a [JsValue], field: &str) -> &'a JsValue {
    rows.iter()
        .find(|r| text(r, "field").as_deref() == Some(field))
        .unwrap_or_else(|| panic!("row {field}"))
}

fn step<'a>(steps: &'a [JsValue], field: &str) -> &'a JsValue {
    steps
        .iter()
        .find(|s| text(s, "field").as_deref() == Some(field))
        .unwrap_or_else(|| panic!("step {field}"))
}

#[wasm_bindgen_test]
fn recognise_forms_answers_plain_objects_with_camel_case_fields_and_no_values() {
    let recognition = ok(recognise_forms(callback_snapshot()));
    assert!(is_plain_object(&recognition));
    let forms = items(&get(&recognition, "forms"));
    assert_eq!(forms.len(), 1);
    let form = &forms[0];
    assert!(is_plain_object(form));
    assert_eq!(text(form, "form").as_deref(), Some("发票回调配置"));
    assert_eq!(text(form, "spec").as_deref(), Some("invoice-callback"));
    assert_eq!(text(form, "container").as_deref(), Some("k1"));
    assert_eq!(get(form, "headingMatched").as_bool(), Some(true));
    let offers: Vec<String> = items(&get(form, "offers"))
        .iter()
        .filter_map(JsValue::as_string)
        .collect();
    assert_eq!(offers, ["fill", "undo"]);
    let fields = items(&get(form, "fields"));
    assert_eq!(fields.len(), 5);
    assert_eq!(
        keys(&fields[0]),
        [
            "controlId",
            "field",
            "found",
            "kind",
            "label",
            "rule",
            "secret"
        ]
    );
    assert_eq!(text(&fields[0], "rule").as_deref(), Some("form-item"));
    assert_eq!(text(&fields[2], "kind").as_deref(), Some("lookup"));
    assert_eq!(get(&fields[3], "secret").as_bool(), Some(true));
    let json = stringify(&recognition);
    for value in [TYPED, "abc"] {
        assert!(!json.contains(value), "recognition carries {value}: {json}");
    }
}

#[wasm_bindgen_test]
fn an_unrelated_form_is_recognised_as_nothing() {
    let snapshot = js(r#"{"controls":[
        {"id":"p1","kind":"text","labels":[{"rule":"form-item","text":"姓名"}]},
        {"id":"p2","kind":"text","labels":[{"rule":"form-item","text":"工号"}]},
        {"id":"p3","kind":"text","labels":[{"rule":"form-item","text":"手机号"}]}]}"#);
    let recognition = ok(recognise_forms(snapshot));
    assert_eq!(items(&get(&recognition, "forms")).len(), 0);
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_shape_throw_a_localised_error_with_a_code() {
    set_locale("zh-CN");
    let (message, code) = thrown(recognise_forms(JsValue::from_f64(3.0)));
    assert_eq!(code, "malformed-argument");
    assert_eq!(message, "参数 snapshot 的格式不正确。");
    set_locale("en-US");
    let (message, code) = thrown(recognise_forms(JsValue::from_str("snapshot")));
    assert_eq!(code, "malformed-argument");
    assert_eq!(
        message,
        "The snapshot argument is not in the expected shape."
    );
    let (message, code) = thrown(fill_outcomes(JsValue::NULL, Array::new().into()));
    assert_eq!(code, "malformed-argument");
    assert!(message.contains("plan"), "{message}");
    let (_, code) = thrown(plan_fill(
        callback_snapshot(),
        JsValue::from_f64(1.0),
        all_values(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(code, "malformed-argument");
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn plan_fill_errors_name_the_problem_in_the_users_language() {
    set_locale("zh-CN");
    let (message, code) = thrown(plan_fill(
        callback_snapshot(),
        "人员".into(),
        all_values(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(code, "unknown-form");
    assert_eq!(message, "助手不认识这个表单。");
    let empty = js(r#"{"controls":[]}"#);
    let (message, code) = thrown(plan_fill(
        empty.clone(),
        "发票回调配置".into(),
        all_values(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(code, "form-not-on-page");
    assert!(message.contains("“发票回调配置”"), "{message}");
    set_locale("en");
    let (message, _) = thrown(plan_fill(
        empty,
        "发票回调配置".into(),
        all_values(),
        JsValue::UNDEFINED,
    ));
    assert!(
        message.starts_with("The form 发票回调配置 is no longer on this page"),
        "{message}"
    );
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn plan_fill_gives_steps_and_rows_and_only_the_target_steps_carry_secrets() {
    set_locale("zh-CN");
    // The form as the worker passes it: the RecognisedForm object of recogniseForms.
    let form = items(&get(&ok(recognise_forms(callback_snapshot())), "forms"))[0].clone();
    let overwrite: JsValue = Array::of1(&"请求地址".into()).into();
    let plan = ok(plan_fill(
        callback_snapshot(),
        form,
        all_values(),
        overwrite,
    ));
    assert!(is_plain_object(&plan));
    assert_eq!(text(&plan, "purpose").as_deref(), Some("fill"));
    assert_eq!(text(&plan, "spec").as_deref(), Some("invoice-callback"));
    let steps = items(&get(&plan, "steps"));
    let url = step(&steps, "请求地址");
    assert_eq!(text(url, "controlId").as_deref(), Some("c1"));
    assert_eq!(text(url, "action").as_deref(), Some("set"));
    assert_eq!(text(url, "value").as_deref(), Some(PREFIX));
    assert_eq!(
        text(url, "previous").as_deref(),
        Some("  abc "),
        "the page's text exactly, for undo"
    );
    assert_eq!(get(url, "secret").as_bool(), Some(false));
    let app = step(&steps, "第三方应用");
    assert_eq!(text(app, "action").as_deref(), Some("lookup"));
    assert_eq!(text(app, "match").as_deref(), Some("invoiceupload"));
    let gateway = step(&steps, "网关");
    assert_eq!(get(gateway, "secret").as_bool(), Some(true));
    assert_eq!(text(gateway, "value").as_deref(), Some(GATEWAY));
    // The user's own 第三方应用密码 is not overwritten unless chosen; its row says conflict.
    assert!(steps
        .iter()
        .all(|s| text(s, "field").as_deref() != Some("第三方应用密码")));
    let rows = items(&get(&plan, "rows"));
    assert_eq!(rows.len(), 5);
    assert_eq!(
        text(row(&rows, "第三方应用密码"), "outcome").as_deref(),
        Some("conflict")
    );
    assert_eq!(get(row(&rows, "请求地址"), "planned").as_bool(), Some(true));
    let rows_json = stringify(&get(&plan, "rows"));
    for value in [KEY, GATEWAY, TYPED, PREFIX, ACCOUNT_ID] {
        assert!(!rows_json.contains(value), "rows carry {value}");
    }
    // Only the gateway's own step holds the gateway; the key is in no step at all.
    let steps_json = stringify(&get(&plan, "steps"));
    assert!(!steps_json.contains(KEY));
    assert_eq!(steps_json.matches(GATEWAY).count(), 1);
}

#[wasm_bindgen_test]
fn a_withheld_secret_row_says_why_in_the_users_language_and_stays_no_value() {
    let values = js(&format!(
        r#"{{"prefix":"{PREFIX}","accountId":"{ACCOUNT_ID}","secretRefusals":{{"gateway":"secret-other-console","accessTokenKey":"secret-expired"}}}}"#
    ));
    set_locale("zh-CN");
    let plan = ok(plan_fill(
        callback_snapshot(),
        "发票回调配置".into(),
        values.clone(),
        JsValue::UNDEFINED,
    ));
    let rows = items(&get(&plan, "rows"));
    let gateway = row(&rows, "网关");
    assert_eq!(text(gateway, "outcome").as_deref(), Some("no-value"));
    assert_eq!(
        text(gateway, "code").as_deref(),
        Some("secret-other-console")
    );
    let zh = text(gateway, "message").unwrap_or_default();
    assert!(
        zh.contains("另一个控制台") && zh.contains("弹出窗口"),
        "{zh}"
    );
    set_locale("en");
    let plan = ok(plan_fill(
        callback_snapshot(),
        "发票回调配置".into(),
        values,
        JsValue::UNDEFINED,
    ));
    let rows = items(&get(&plan, "rows"));
    let en = text(row(&rows, "网关"), "message").unwrap_or_default();
    assert!(
        en.contains("another console") && en.contains("popup"),
        "{en}"
    );
    let key = row(&rows, "第三方应用密码");
    assert_eq!(text(key, "outcome").as_deref(), Some("no-value"));
    assert_eq!(text(key, "code").as_deref(), Some("secret-expired"));
    assert!(text(key, "message").unwrap_or_default().contains("expired"));
    assert!(!stringify(&get(&plan, "rows")).contains(TYPED));
    set_locale("zh-CN");
}

/// What the executor would answer for every step of `plan`: each stuck, except the gateway,
/// whose control came back holding the user's own secret text.
fn results_for(plan: &JsValue) -> JsValue {
    let out = Array::new();
    for s in items(&get(plan, "steps")) {
        let field = text(&s, "field").unwrap_or_default();
        let control = text(&s, "controlId").unwrap_or_default();
        let read_back = match field.as_str() {
            "第三方应用" => "invoiceupload 第三方发票上传".to_string(),
            "网关" => TYPED.to_string(),
            _ => text(&s, "value").unwrap_or_default(),
        };
        out.push(&js(&format!(
            r#"{{"controlId":{},"ok":true,"readBack":{}}}"#,
            JSON::stringify(&control.into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
            JSON::stringify(&read_back.into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
        )));
    }
    out.into()
}

#[wasm_bindgen_test]
fn fill_outcomes_rows_name_each_outcome_and_never_a_value() {
    set_locale("zh-CN");
    let overwrite: JsValue = Array::of2(&"请求地址".into(), &"第三方应用密码".into()).into();
    let plan = ok(plan_fill(
        callback_snapshot(),
        "发票回调配置".into(),
        all_values(),
        overwrite,
    ));
    let report = ok(fill_outcomes(plan.clone(), results_for(&plan)));
    assert!(is_plain_object(&report));
    assert_eq!(text(&report, "purpose").as_deref(), Some("fill"));
    let rows = items(&get(&report, "rows"));
    let outcome = |field: &str| text(row(&rows, field), "outcome");
    assert_eq!(outcome("请求地址").as_deref(), Some("filled"));
    assert_eq!(outcome("第三方应用").as_deref(), Some("filled"));
    assert_eq!(outcome("第三方应用密码").as_deref(), Some("filled"));
    assert_eq!(outcome("网关").as_deref(), Some("failed"));
    assert_eq!(
        text(row(&rows, "网关"), "code").as_deref(),
        Some("did-not-stick")
    );
    let json = stringify(&report);
    for value in [KEY, GATEWAY, TYPED, PREFIX, ACCOUNT_ID, "abc"] {
        assert!(!json.contains(value), "outcomes carry {value}: {json}");
    }
}

#[wasm_bindgen_test]
fn plan_undo_restores_the_pages_earlier_text_exactly_and_its_rows_hold_no_value() {
    let overwrite: JsValue = Array::of1(&"请求地址".into()).into();
    let plan = ok(plan_fill(
        callback_snapshot(),
        "发票回调配置".into(),
        all_values(),
        overwrite,
    ));
    let undo = ok(plan_undo(plan.clone(), results_for(&plan)));
    assert_eq!(text(&undo, "purpose").as_deref(), Some("undo"));
    let steps = items(&get(&undo, "steps"));
    let url = step(&steps, "请求地址");
    assert_eq!(
        text(url, "value").as_deref(),
        Some("  abc "),
        "spaces included"
    );
    assert_eq!(text(url, "previous").as_deref(), Some(PREFIX));
    assert_eq!(
        text(step(&steps, "第三方应用"), "action").as_deref(),
        Some("clear")
    );
    let rows_json = stringify(&get(&undo, "rows"));
    for value in [KEY, GATEWAY, TYPED, PREFIX, "abc"] {
        assert!(!rows_json.contains(value), "undo rows carry {value}");
    }
}

#[wasm_bindgen_test]
fn diagnose_describes_forms_labels_and_rules_but_never_a_value() {
    let description = ok(diagnose(callback_snapshot(), JsValue::UNDEFINED));
    assert!(is_plain_object(&description));
    let json = stringify(&description);
    assert!(json.contains("发票回调配置"), "{json}");
    assert!(
        json.contains("form-item") && json.contains("label-for") && json.contains("aria-label"),
        "{json}"
    );
    for value in [TYPED, "abc", "formId=x"] {
        assert!(!json.contains(value), "diagnose carries {value}: {json}");
    }
}

#[wasm_bindgen_test]
fn a_view_mode_page_is_recognised_by_its_heading_and_a_shown_text_label() {
    let labels: Vec<String> = items(&ok(form_text_labels()))
        .iter()
        .filter_map(JsValue::as_string)
        .collect();
    assert_eq!(labels, ["x-acgw-identity"]);
    // As the agent sends it for recognition: the label and where it is, never the value.
    let snapshot = js(r#"{"headings":[{"text":"第三方应用","container":"k1"}],
        "controls":[{"id":"c0","kind":"text","labels":[{"rule":"placeholder","text":"搜索菜单"}]}],
        "texts":[{"label":"x-acgw-identity：","id":"t3","container":"k2","containers":["k2","k1"]}]}"#);
    let forms = items(&get(&ok(recognise_forms(snapshot)), "forms"));
    assert_eq!(forms.len(), 1);
    assert_eq!(text(&forms[0], "form").as_deref(), Some("第三方应用"));
    assert_eq!(stringify(&get(&forms[0], "texts")), r#"["t3"]"#);
    assert!(items(&get(&forms[0], "fields"))
        .iter()
        .all(|f| get(f, "found").as_bool() == Some(false)));
    let offers = stringify(&get(&forms[0], "offers"));
    assert!(offers.contains("remember-gateway"), "{offers}");
}
