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
pub mod registration;
pub mod reply;
pub mod secrets;
pub mod standalone;

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

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

/// Rust value → plain JS object, through JSON text (`JSON.parse` of serde_json's output): one
/// serialiser for every export, so each type's `Serialize` is compiled once. `None` is `null`,
/// maps are objects, numbers are JS numbers (ids are strings in the types themselves). The text
/// may hold a secret (a record's `value`): it is written into a buffer zeroed as it grows and
/// once read.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let mut text = ZeroingBuf::default();
    serde_json::to_writer(&mut text, value).map_err(|_| js_error("unserialisable value"))?;
    let text = std::str::from_utf8(&text.0).map_err(|_| js_error("unserialisable value"))?;
    js_sys::JSON::parse(text)
}

/// JS value → Rust value, through `JSON.stringify` and serde_json (the one deserialiser):
/// `undefined` reads as `null` (an omitted `Option` argument is `None`), fields holding
/// `undefined` are absent. The text may hold a secret (a stored record): it is zeroed once read.
pub(crate) fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, FromJsError> {
    let text = json_text(&value)?;
    serde_json::from_str(&text).map_err(|_| FromJsError)
}

/// `JSON.stringify(value)`, zeroed on drop; `undefined` (and what stringifies to nothing) is
/// `null`. A value JSON cannot hold (a BigInt, a cycle) is refused.
pub(crate) fn json_text(value: &JsValue) -> Result<Zeroizing<String>, FromJsError> {
    if value.is_undefined() {
        return Ok(Zeroizing::new("null".to_owned()));
    }
    let text = js_sys::JSON::stringify(value).map_err(|_| FromJsError)?;
    Ok(Zeroizing::new(
        text.as_string().unwrap_or_else(|| "null".to_owned()),
    ))
}

/// A JS value that is not the shape the export expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FromJsError;

impl std::fmt::Display for FromJsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the argument is not in the expected shape")
    }
}

/// A plain JS `Error` (not localised: a caller's mistake, never the user's).
pub(crate) fn js_error(message: &str) -> JsValue {
    JsValue::from(js_sys::Error::new(message))
}

/// A byte buffer that zeroes what it leaves behind when it grows, and itself when dropped.
#[derive(Default)]
struct ZeroingBuf(Vec<u8>);

impl std::io::Write for ZeroingBuf {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let need = self.0.len() + bytes.len();
        if need > self.0.capacity() {
            let mut grown = Vec::with_capacity(need.max(self.0.capacity() * 2).max(256));
            grown.extend_from_slice(&self.0);
            self.0.zeroize();
            self.0 = grown;
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for ZeroingBuf {
    fn drop(&mut self) {
        self.0.zeroize();
    }
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
