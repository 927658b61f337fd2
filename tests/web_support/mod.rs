//! Reading and writing plain JS values in the wasm-bindgen tests, shared by every `tests/web*.rs`
//! (each is its own test crate and uses only some of these).
#![allow(dead_code)]

use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

/// A JS value from JSON text written in the test.
pub fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("test JSON: {e:?}"))
}

/// A JS value as JSON text ("" when it has none), for assertions on what it holds.
pub fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A property of a JS object (`undefined` when absent).
pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string property of a JS object.
pub fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}
