//! The content scripts' registration: which granted match patterns they are registered for.

use wasm_bindgen::prelude::*;

use crate::registration;

/// `contentScriptMatches(granted, staticMatches) -> string[]`: the granted web patterns the
/// manifest's static content scripts do not already cover.
#[wasm_bindgen(js_name = contentScriptMatches)]
pub fn content_script_matches(granted: Vec<String>, static_matches: Vec<String>) -> Vec<String> {
    registration::content_script_matches(&granted, &static_matches)
}
