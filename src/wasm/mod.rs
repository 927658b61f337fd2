//! The only `#[wasm_bindgen]` surface: thin adapters from JS values to the pure core.
//!
//! Shared edge helpers live here: the locale every message is written in (set once per JS
//! realm by `setLocale`), Rust → plain JS objects, and localised errors. Nothing here panics:
//! a panic would abort the whole module in the service worker.
pub mod checklist;
pub mod context;
pub mod credentials;
pub mod forms;
pub mod paste;
pub mod secrets;
pub mod standalone;

use std::cell::Cell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::i18n::{Locale, Localised};

thread_local! {
    /// Chinese until told otherwise: the users are Kingdee implementers in China.
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::ZhCn) };
}

/// `setLocale(tag)`: called once by each JS caller with `chrome.i18n.getUILanguage()`.
#[wasm_bindgen(js_name = setLocale)]
pub fn set_locale(tag: &str) {
    LOCALE.with(|locale| locale.set(Locale::from_tag(tag)));
}

/// The locale messages are written in.
pub(crate) fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

/// Rust value → plain JS object (maps as objects, `u64` as numbers only where safe; ids are
/// strings in the types themselves).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(JsError::new(&e.to_string())))
}

/// A domain error → a JS `Error` whose `message` is localised and whose `code` property is the
/// stable kebab-case code, for callers that must branch on the kind.
pub(crate) fn localised_error(error: &dyn Localised) -> JsValue {
    let js_error = js_sys::Error::new(&error.message(locale()));
    // Setting a property on a fresh Error cannot fail; if it ever did, the message still stands.
    let _ = js_sys::Reflect::set(
        &js_error,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code()),
    );
    js_error.into()
}
