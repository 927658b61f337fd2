//! Issue 4's exports: the console context, `getUserLanguage.do` observations and the popup
//! status. Arguments and results are plain JS objects; `accountId` is always a string.

use wasm_bindgen::prelude::*;

use super::{locale, localised_error, to_js};
use crate::console::ConsoleContext;
use crate::status;
use crate::user_language::{self, Observation, UserLanguageError, MAX_BODY_BYTES};

/// `consoleContext(url) -> {origin, prefix, appTokenUrl, loginUrl}`; throws if not a console.
#[wasm_bindgen(js_name = consoleContext)]
pub fn console_context(url: &str) -> Result<JsValue, JsValue> {
    let context = ConsoleContext::from_url(url).map_err(|e| localised_error(&e))?;
    to_js(&context)
}

/// `observeUserLanguage(pageUrl, requestUrl, body) -> {origin, requestPath, pageDir, accountId,
/// seenAt}`, stamped with `Date.now()`; throws when the request or the body does not qualify.
#[wasm_bindgen(js_name = observeUserLanguage)]
pub fn observe_user_language(
    page_url: &str,
    request_url: &str,
    body: JsValue,
) -> Result<JsValue, JsValue> {
    // Anything but a string (a forged message's object, `undefined`) has no body to read.
    let Some(body) = body.dyn_ref::<js_sys::JsString>() else {
        return Err(localised_error(&UserLanguageError::EmptyBody));
    };
    // A UTF-16 length over the cap means at least as many UTF-8 bytes: refuse before copying
    // a hostile megabyte string into WASM memory.
    let units = body.length() as usize;
    if units > MAX_BODY_BYTES {
        return Err(localised_error(&UserLanguageError::TooLarge {
            len: units,
            max: MAX_BODY_BYTES,
        }));
    }
    let body = String::from(body);
    let mut observation =
        user_language::observe(page_url, request_url, &body).map_err(|e| localised_error(&e))?;
    observation.seen_at = Some(js_sys::Date::now());
    to_js(&observation)
}

/// `popupStatus(tabUrl, hasAccess, observations) -> {state, context?, accountId?, message}`.
///
/// Entries of `observations` that do not read as an observation (old shapes, tampering) are
/// skipped rather than failing the popup; a non-array counts as none.
#[wasm_bindgen(js_name = popupStatus)]
pub fn popup_status(
    tab_url: Option<String>,
    has_access: bool,
    observations: JsValue,
) -> Result<JsValue, JsValue> {
    let observations: Vec<Observation> = if js_sys::Array::is_array(&observations) {
        js_sys::Array::from(&observations)
            .iter()
            .filter_map(|entry| serde_wasm_bindgen::from_value(entry).ok())
            .collect()
    } else {
        Vec::new()
    };
    let status = status::popup_status(tab_url.as_deref(), has_access, &observations, locale());
    to_js(&status)
}
