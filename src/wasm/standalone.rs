//! The standalone page's exports (`crate::standalone`) and the toolbar badge (`crate::badge`).

use wasm_bindgen::prelude::*;

use super::{locale, localised_error, to_js};
use crate::credentials::PasteResult;

fn paste_of(parsed: JsValue) -> Result<PasteResult, JsValue> {
    super::from_value(parsed).map_err(|e| JsValue::from(JsError::new(&e.to_string())))
}

/// `standaloneView(parsed, selectedTaxId?) -> {kind, environment, environmentUrl?, context:
/// {prefix?, appTokenUrl?, loginUrl?, accountId?}, enterprises: [{name, taxId, selected}],
/// selected, credentials: [{id, held, secret, text}], manual, problems}`: what the standalone
/// page shows for a `readPaste` answer, secrets masked.
#[wasm_bindgen(js_name = standaloneView)]
pub fn standalone_view(
    parsed: JsValue,
    selected_tax_id: Option<String>,
) -> Result<JsValue, JsValue> {
    let paste = paste_of(parsed)?;
    to_js(&crate::standalone::standalone_view(
        paste,
        selected_tax_id.as_deref(),
        locale(),
    ))
}

/// `standaloneValue(parsed, selectedTaxId?, id) -> string`: the whole value behind a 复制 of
/// the standalone page (the page writes it to the clipboard on the user's click).
#[wasm_bindgen(js_name = standaloneValue)]
pub fn standalone_value(
    parsed: JsValue,
    selected_tax_id: Option<String>,
    id: &str,
) -> Result<String, JsValue> {
    let paste = paste_of(parsed)?;
    crate::standalone::standalone_value(paste, selected_tax_id.as_deref(), id)
        .map_err(|e| localised_error(&e))
}

/// `badgeFor(state?, formsCount) -> {text, colour, title}`: the toolbar badge of a tab.
#[wasm_bindgen(js_name = badgeFor)]
pub fn badge_for(state: Option<String>, forms_count: f64) -> Result<JsValue, JsValue> {
    let state = state.as_deref().and_then(crate::badge::state_from_code);
    let forms = if forms_count.is_finite() && forms_count > 0.0 {
        forms_count.min(f64::from(u32::MAX)) as u32
    } else {
        0
    };
    to_js(&crate::badge::badge_for(state, forms, locale()))
}
