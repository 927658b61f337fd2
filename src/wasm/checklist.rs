//! The checklists (`crate::checklist`): each product's steps for the standalone page and the side
//! panel, a console's progress (the worker stores the objects these return, unread), product
//! detection and the non-secret setup record.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::credentials::{millis, records_of};
use super::{locale, localised_error, to_js};
use crate::checklist::{
    self, after_fill, after_save, checklist_view, detect_product, ConsoleFacts, EnterpriseEntry,
    FillReported, PageSignals, PendingFills, Product, Progress, SaveVerdict, SetupFacts,
};
use crate::console::ConsoleContext;
use crate::i18n::Locale;

/// A stored object, or its default when absent or unreadable (storage is ours, but a record of
/// an older build must not break the panel).
fn stored<T: DeserializeOwned + Default>(value: JsValue) -> T {
    if value.is_undefined() || value.is_null() {
        return T::default();
    }
    super::from_value(value).unwrap_or_default()
}

fn locale_of(tag: Option<String>) -> Locale {
    tag.as_deref().map_or_else(locale, Locale::from_tag)
}

/// `checklist(product, locale?) -> {product, name, steps: [{id, title, why, menuPath, required,
/// kind: 'form'|'manual'|'value'}]}`: a product's steps, with no console.
#[wasm_bindgen(js_name = checklist)]
pub fn checklist_of(product: &str, locale_tag: Option<String>) -> Result<JsValue, JsValue> {
    let product = Product::parse(product).map_err(|e| localised_error(&e))?;
    to_js(&checklist_view(product, None, locale_of(locale_tag)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Signals {
    /// Texts whose presence on a page tells the product (the worker reports those it finds).
    words: Vec<&'static str>,
    /// Button texts (keyed: no whitespace, lowercase) whose click may save a form.
    save_buttons: Vec<String>,
}

/// `checklistSignals() -> {words, saveButtons}`: what the worker looks for on a page.
#[wasm_bindgen(js_name = checklistSignals)]
pub fn checklist_signals() -> Result<JsValue, JsValue> {
    to_js(&Signals {
        words: checklist::signal_words(),
        save_buttons: checklist::all_save_words(),
    })
}

/// `checklistKey(url) -> string | undefined`: the session key of a console's progress
/// (`progress:<prefix>`); none for a page that is no console.
#[wasm_bindgen(js_name = checklistKey)]
pub fn checklist_key(url: &str) -> Option<String> {
    ConsoleContext::from_url(url)
        .ok()
        .map(|c| format!("progress:{}", c.prefix))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProductOption {
    value: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PanelView {
    /// Whether the tab is a console (else no step is done, and nothing is kept).
    console: bool,
    products: Vec<ProductOption>,
    product: Option<Product>,
    detected: Option<Product>,
    chosen: Option<Product>,
    /// The progress to keep (the detection noted), for the worker to store when it changed.
    progress: Progress,
    changed: bool,
    checklist: Option<checklist::ChecklistView>,
}

/// `checklistView(tabUrl?, progress?, signals?, accountId?) -> {console, products, product,
/// detected, chosen, progress, changed, checklist}`: the side panel's checklist for a tab.
#[wasm_bindgen(js_name = checklistView)]
pub fn checklist_panel(
    tab_url: Option<String>,
    progress: JsValue,
    signals: JsValue,
    account_id: Option<String>,
) -> Result<JsValue, JsValue> {
    let console = tab_url
        .as_deref()
        .is_some_and(|u| ConsoleContext::from_url(u).is_ok());
    let before: Progress = if console {
        stored(progress)
    } else {
        Progress::default()
    };
    let signals: PageSignals = stored(signals);
    let detected = detect_product(&signals);
    let mut after = before.clone();
    if detected.is_some() {
        after.detected = detected;
    }
    let product = after.product(detected);
    let facts = ConsoleFacts {
        progress: Some(&after),
        account_id_known: console && account_id.is_some_and(|a| !a.is_empty()),
    };
    let view = PanelView {
        console,
        products: Product::ALL
            .iter()
            .map(|p| ProductOption {
                value: p.code(),
                name: p.name(locale()),
            })
            .collect(),
        product,
        detected,
        chosen: after.chosen,
        changed: console && after != before,
        checklist: product.map(|p| checklist_view(p, Some(&facts), locale())),
        progress: after,
    };
    to_js(&view)
}

/// `checklistChoose(progress?, product?) -> progress`: the person's choice ('' gives it back to
/// detection).
#[wasm_bindgen(js_name = checklistChoose)]
pub fn checklist_choose(progress: JsValue, product: Option<String>) -> Result<JsValue, JsValue> {
    let mut progress: Progress = stored(progress);
    let product = match product.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(Product::parse(code).map_err(|e| localised_error(&e))?),
    };
    progress.choose(product);
    to_js(&progress)
}

/// `checklistTick(progress?, step, done) -> progress`: a manual step ticked or unticked; a form
/// or value step is refused (`not-manual-step`).
#[wasm_bindgen(js_name = checklistTick)]
pub fn checklist_tick(progress: JsValue, step: &str, done: bool) -> Result<JsValue, JsValue> {
    let mut progress: Progress = stored(progress);
    progress.tick(step, done).map_err(|e| localised_error(&e))?;
    to_js(&progress)
}

/// `checklistFillReported(pending?, report) -> pending`: a document's fills after a
/// `fillOutcomes` report (a fill remembers whether it was clean, an undo that it is not).
#[wasm_bindgen(js_name = checklistFillReported)]
pub fn checklist_fill_reported(pending: JsValue, report: JsValue) -> Result<JsValue, JsValue> {
    let pending: PendingFills = stored(pending);
    let report: FillReported =
        super::from_value(report).map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
    to_js(&after_fill(pending, &report))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    progress: Progress,
    pending: PendingFills,
    #[serde(flatten)]
    verdict: SaveVerdict,
}

/// `checklistSaved(progress?, pending?, spec, button) -> {progress, pending, verdict, step?}`:
/// the person clicked `button` (its text) of the form `spec`.
#[wasm_bindgen(js_name = checklistSaved)]
pub fn checklist_saved(
    progress: JsValue,
    pending: JsValue,
    spec: &str,
    button: &str,
) -> Result<JsValue, JsValue> {
    let mut progress: Progress = stored(progress);
    let mut pending: PendingFills = stored(pending);
    let verdict = after_save(&mut progress, &mut pending, spec, button);
    to_js(&Saved {
        progress,
        pending,
        verdict,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Exported {
    json: String,
    markdown: String,
    /// A file name without extension (the console's host and the date are the user's to add).
    file_name: String,
}

/// `checklistExport(tabUrl?, accountId?, credentialRecords, progress?, product?, nowMs) ->
/// {json, markdown, fileName}`: the non-secret setup record of the tab's console.
#[wasm_bindgen(js_name = checklistExport)]
pub fn checklist_export(
    tab_url: Option<String>,
    account_id: Option<String>,
    records: JsValue,
    progress: JsValue,
    product: Option<String>,
    now_ms: f64,
) -> Result<JsValue, JsValue> {
    let console = tab_url
        .as_deref()
        .and_then(|u| ConsoleContext::from_url(u).ok());
    let progress: Progress = if console.is_some() {
        stored(progress)
    } else {
        Progress::default()
    };
    let product = product.as_deref().and_then(Product::from_code);
    let records = records_of(&records);
    let view = crate::credentials::view(
        &records,
        tab_url.as_deref(),
        account_id.as_deref(),
        millis(now_ms),
        locale(),
    );
    let account_id = if console.is_some() {
        account_id.filter(|a| !a.is_empty())
    } else {
        None
    };
    let host = console
        .as_ref()
        .map(|c| {
            c.origin
                .split("://")
                .nth(1)
                .unwrap_or("console")
                .replace([':', '/'], "-")
        })
        .unwrap_or_else(|| "console".to_string());
    let record = checklist::setup_record(
        SetupFacts {
            console,
            facts: ConsoleFacts {
                progress: Some(&progress),
                account_id_known: account_id.is_some(),
            },
            account_id,
            environment: if view.held {
                view.environment.code()
            } else {
                "unknown"
            },
            enterprises: view
                .enterprises
                .iter()
                .map(|e| EnterpriseEntry {
                    tax_id: e.tax_id.clone(),
                    name: e.name.clone(),
                })
                .collect(),
            product,
        },
        locale(),
    );
    to_js(&Exported {
        json: record.json(),
        markdown: record.markdown(locale()),
        file_name: format!("fapiao-setup-{host}"),
    })
}
