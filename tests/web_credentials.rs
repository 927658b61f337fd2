//! The WASM surface of pasted credentials (`src/wasm/credentials.rs`) in headless Chromium: a
//! `readPaste`-shaped object becomes the session record the worker stores (camelCase, values
//! included only there), the popup's view never holds a secret whole, the choice and the confirm
//! come back as records, a fill receives only what the policy releases, and `popupStatus`
//! counts a live pasted context.
#![cfg(target_arch = "wasm32")]

use fapiao_helper::wasm::context::popup_status;
use fapiao_helper::wasm::credentials::{
    allow_credentials, credential_for_copy, credentials_for_fill, credentials_from_paste,
    credentials_view, select_enterprise,
};
use fapiao_helper::wasm::set_locale;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{get, js, stringify};

wasm_bindgen_test_configure!(run_in_browser);

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const OTHER: &str = "http://127.0.0.1:8080/other/index.html?formId=x";
const PREFIX: &str = "http://127.0.0.1:8080/ierp/";
const SECRET: &str = "5e8b0c2f9a714d3eb6c7a2f41d9e0b63";
const KEY: &str = "Kq7Zp2Lm9Xw4Rt6B";
const NOW: f64 = 1_750_000_000_000.0;

fn ok(result: Result<JsValue, JsValue>) -> JsValue {
    result.unwrap_or_else(|e| panic!("expected a value, got {e:?}"))
}

fn mail(enterprises: &str) -> JsValue {
    js(&format!(
        r#"{{"kind":"mail","environment":"test","environmentUrl":"https://api-dev.piaozone.com/test","enterprises":[{enterprises}],
            "tenants":[{{"clientId":"TN_8d2f6a0c4e1b","clientSecret":"a4c91e7f0b2d48e6953c1f7a8b0d2e64","encryptKey":"Yh3Nc8Vb1Qs5Dw9E","missing":[]}}],"problems":[]}}"#
    ))
}

fn enterprise(tax_id: &str) -> String {
    format!(
        r#"{{"name":"企业{tax_id}","taxId":"{tax_id}","clientId":"id{tax_id}","clientSecret":"{SECRET}","encryptKey":"{KEY}","missing":[]}}"#
    )
}

fn place(tab: &str) -> JsValue {
    js(&format!(r#"{{"tabUrl":"{tab}","nowMs":{NOW}}}"#))
}

/// `{[key]: record}` as the worker keeps them.
fn records_of(write: &JsValue) -> JsValue {
    let records = Object::new();
    let _ = Reflect::set(&records, &get(write, "key"), &get(write, "record"));
    records.into()
}

#[wasm_bindgen_test]
fn a_mail_becomes_one_session_record_for_the_tabs_console() {
    let held = ok(credentials_from_paste(
        mail(&enterprise("914403000000000000")),
        place(CONSOLE),
    ));
    assert_eq!(get(&held, "ok"), JsValue::TRUE);
    let write = get(&held, "credentials");
    assert_eq!(
        get(&write, "key").as_string().as_deref(),
        Some(format!("cred:{PREFIX}").as_str())
    );
    let record = get(&write, "record");
    assert_eq!(get(&record, "prefix").as_string().as_deref(), Some(PREFIX));
    assert_eq!(
        get(&record, "selected").as_string().as_deref(),
        Some("914403000000000000")
    );
    assert!(
        stringify(&record).contains(SECRET),
        "the stored record carries the value"
    );
    let message = stringify(&get(&held, "message"));
    assert!(!message.contains(SECRET));
}

#[wasm_bindgen_test]
fn a_non_web_tab_gets_a_localised_refusal() {
    set_locale("en");
    let refused = ok(credentials_from_paste(
        mail(&enterprise("1")),
        place("chrome://newtab/"),
    ));
    assert_eq!(get(&refused, "ok"), JsValue::FALSE);
    assert_eq!(
        get(&refused, "code").as_string().as_deref(),
        Some("paste-no-console")
    );
    assert!(get(&refused, "message")
        .as_string()
        .unwrap_or_default()
        .contains("console"));
    set_locale("zh-CN");
}

#[wasm_bindgen_test]
fn the_view_masks_and_the_choice_and_confirm_come_back_as_records() {
    let held = ok(credentials_from_paste(
        mail(&format!("{},{}", enterprise("1"), enterprise("2"))),
        place(CONSOLE),
    ));
    let write = get(&held, "credentials");
    let view = ok(credentials_view(
        records_of(&write),
        Some(CONSOLE.into()),
        Some("42".into()),
        NOW,
    ));
    let text = stringify(&view);
    assert!(
        !text.contains(SECRET) && !text.contains(KEY),
        "no secret whole: {text}"
    );
    assert_eq!(Array::from(&get(&view, "enterprises")).length(), 2);
    assert!(get(&view, "selected").is_null() || get(&view, "selected").is_undefined());

    let chosen = ok(select_enterprise(get(&write, "record"), "2"));
    assert_eq!(
        get(&get(&chosen, "record"), "selected")
            .as_string()
            .as_deref(),
        Some("2")
    );
    let view = ok(credentials_view(
        records_of(&chosen),
        Some(CONSOLE.into()),
        None,
        NOW,
    ));
    let secret_row = Array::from(&get(&view, "credentials"))
        .iter()
        .find(|c| get(c, "id").as_string().as_deref() == Some("clientSecret"));
    let masked = secret_row
        .map(|c| get(&c, "text").as_string().unwrap_or_default())
        .unwrap_or_default();
    assert!(masked.ends_with("0b63") && masked != SECRET, "{masked}");

    let copied = ok(credential_for_copy(
        records_of(&chosen),
        Some(CONSOLE.into()),
        None,
        "clientSecret",
        NOW,
    ));
    assert_eq!(get(&copied, "value").as_string().as_deref(), Some(SECRET));

    let other_view = ok(credentials_view(
        records_of(&chosen),
        Some(OTHER.into()),
        None,
        NOW,
    ));
    assert_eq!(get(&other_view, "confirmable"), JsValue::TRUE);
    let allowed = ok(allow_credentials(get(&chosen, "record"), OTHER, false));
    let other_view = ok(credentials_view(
        records_of(&allowed),
        Some(OTHER.into()),
        None,
        NOW,
    ));
    assert_eq!(get(&other_view, "allowed"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn a_fill_gets_only_what_the_policy_releases() {
    let held = ok(credentials_from_paste(
        mail(&enterprise("1")),
        place(CONSOLE),
    ));
    let records = records_of(&get(&held, "credentials"));
    let requester = |form: &str, page: &str| {
        js(&format!(
            r#"{{"form":"{form}","frameOrigin":"http://127.0.0.1:8080","pageUrl":"{page}","trustedClick":true,"nowMs":{}}}"#,
            NOW + 1000.0
        ))
    };
    let released = ok(credentials_for_fill(
        records.clone(),
        requester("invoice-cloud-auth", CONSOLE),
    ));
    let values = get(&released, "values");
    assert_eq!(
        get(&values, "clientSecret").as_string().as_deref(),
        Some(SECRET)
    );
    assert_eq!(
        get(&values, "environment").as_string().as_deref(),
        Some("test")
    );
    assert!(
        get(&values, "tenantSecret").is_undefined(),
        "the enterprise form never gets the tenant's secret"
    );

    let refused = ok(credentials_for_fill(
        records,
        requester("invoice-cloud-auth", OTHER),
    ));
    assert!(!stringify(&refused).contains(SECRET));
    assert_eq!(
        get(&get(&refused, "refusals"), "clientSecret")
            .as_string()
            .as_deref(),
        Some("secret-other-console")
    );
}

#[wasm_bindgen_test]
fn a_live_pasted_context_makes_the_console_ready() {
    let token = js(&format!(
        r#"{{"kind":"token-sample","environment":"unknown","enterprises":[],"tenants":[],"problems":[],
            "context":{{"origin":"http://127.0.0.1:8080","prefix":"{PREFIX}","accountId":"1933358424373855232"}},
            "token":{{"appId":"invoiceupload","appSecret":"Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"}}}}"#
    ));
    let now = js_sys::Date::now();
    let held = ok(credentials_from_paste(
        token,
        js(&format!(r#"{{"tabUrl":"{CONSOLE}","nowMs":{now}}}"#)),
    ));
    assert_eq!(
        get(&get(&held, "accessKey"), "key").as_string().as_deref(),
        Some(format!("secret:accessTokenKey:{PREFIX}").as_str())
    );
    let observations = Array::of1(&get(&held, "observation"));
    let status = ok(popup_status(
        Some(CONSOLE.into()),
        true,
        observations.into(),
    ));
    assert_eq!(get(&status, "state").as_string().as_deref(), Some("ready"));
    assert_eq!(
        get(&status, "accountId").as_string().as_deref(),
        Some("1933358424373855232")
    );
}
