//! The forms' exports: form recognition, fill plans, outcomes, undo and diagnose. Arguments and
//! results are plain JS objects (docs/PROTOCOL.md, "Fill plan and outcomes"); errors are
//! localised `Error`s with a `code`.
//!
//! A snapshot may also be given as its JSON text. Reading a large snapshot field by field across
//! the JS boundary costs far more than recognising it: for 400 controls `recogniseForms` takes
//! about 20 ms given the object and 2.5 ms given `JSON.stringify(snapshot)` (stringify, parse and
//! recognition together; recognition alone is well under a millisecond). The worker stringifies
//! a snapshot once per message and hands the text to every call.

use std::cell::OnceCell;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{from_value, json_text, locale, localised_error, to_js};
use crate::fill::{self, FillPlan, FillValues, StepResult};
use crate::forms::{self, Recognition};
use crate::i18n::{Locale, Localised};
use crate::secret::Secret;
use crate::snapshot::{Snapshot, SnapshotError};

/// An argument that is not the shape the protocol says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
enum FormsInputError {
    #[error("the {0} argument is not in the expected shape")]
    Malformed(&'static str),
}

impl Localised for FormsInputError {
    fn message(&self, locale: Locale) -> String {
        let FormsInputError::Malformed(what) = self;
        match locale {
            Locale::ZhCn => format!("参数 {what} 的格式不正确。"),
            Locale::En => format!("The {what} argument is not in the expected shape."),
        }
    }

    fn code(&self) -> &'static str {
        "malformed-argument"
    }
}

fn read<T: DeserializeOwned>(value: JsValue, what: &'static str) -> Result<T, JsValue> {
    from_value(value).map_err(|_| localised_error(&FormsInputError::Malformed(what)))
}

/// `undefined`/`null` read as the type's default (an omitted `overwrite`, `values`, …).
fn read_or_default<T: DeserializeOwned + Default>(
    value: JsValue,
    what: &'static str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        read(value, what)
    }
}

/// A snapshot from a plain object or from its JSON text (the same lenient shape either way). A
/// text over `MAX_SNAPSHOT_BYTES` is refused before it is parsed.
fn read_snapshot(value: JsValue) -> Result<Snapshot, JsValue> {
    let malformed = || localised_error(&FormsInputError::Malformed("snapshot"));
    let text = match value.as_string() {
        Some(text) => zeroize::Zeroizing::new(text),
        None => json_text(&value).map_err(|_| malformed())?,
    };
    Snapshot::from_json(&text).map_err(|e| match e {
        SnapshotError::TooLarge { .. } => localised_error(&e),
        SnapshotError::Unreadable => malformed(),
    })
}

/// A snapshot parsed once for every call of one message (`recogniseParsed`, `planFillParsed`):
/// the worker's recognise answers each form with a predicted fill, and parsing the same text
/// for each form made one message cost a parse per form. Its recognition is also computed once,
/// on first use, and every plan of the message takes it. The caller frees it (`free()`).
#[wasm_bindgen(js_name = ParsedSnapshot)]
pub struct ParsedSnapshot {
    snapshot: Snapshot,
    recognition: OnceCell<Recognition>,
}

impl ParsedSnapshot {
    fn recognition(&self) -> &Recognition {
        self.recognition
            .get_or_init(|| forms::recognise(&self.snapshot))
    }
}

/// `parseSnapshot(snapshot) -> ParsedSnapshot` (an object or its JSON text; over 1 MiB refused).
#[wasm_bindgen(js_name = parseSnapshot)]
pub fn parse_snapshot(snapshot: JsValue) -> Result<ParsedSnapshot, JsValue> {
    Ok(ParsedSnapshot {
        snapshot: read_snapshot(snapshot)?,
        recognition: OnceCell::new(),
    })
}

/// `recogniseParsed(parsed) -> {forms}`: `recogniseForms` on a snapshot already parsed.
#[wasm_bindgen(js_name = recogniseParsed)]
pub fn recognise_parsed(parsed: &ParsedSnapshot) -> Result<JsValue, JsValue> {
    to_js(parsed.recognition())
}

/// `planFillParsed(parsed, form, values, overwrite) -> FillPlan`: `planFill` on a snapshot
/// already parsed.
#[wasm_bindgen(js_name = planFillParsed)]
pub fn plan_fill_parsed(
    parsed: &ParsedSnapshot,
    form: JsValue,
    values: JsValue,
    overwrite: JsValue,
) -> Result<JsValue, JsValue> {
    plan_fill_on(
        &parsed.snapshot,
        parsed.recognition(),
        form,
        values,
        overwrite,
    )
}

/// `predictFillParsed(parsed, form, values) -> [{field, planned, outcome?, code?, message?}]`:
/// the rows a fill of `form` would give now, for the bar's prediction (no value, no control).
#[wasm_bindgen(js_name = predictFillParsed)]
pub fn predict_fill_parsed(
    parsed: &ParsedSnapshot,
    form: JsValue,
    values: JsValue,
) -> Result<JsValue, JsValue> {
    let plan = plan_on(
        &parsed.snapshot,
        parsed.recognition(),
        form,
        values,
        JsValue::UNDEFINED,
    )?;
    to_js(&plan.prediction())
}

/// The form to fill: its name, or a `RecognisedForm` object (its `form` and `container`).
#[derive(Deserialize)]
#[serde(untagged)]
enum FormRef {
    Name(String),
    Object {
        #[serde(default)]
        form: Option<String>,
        #[serde(default)]
        spec: Option<String>,
        #[serde(default)]
        container: Option<String>,
    },
}

/// `recogniseForms(snapshot) -> {forms: RecognisedForm[]}` (`snapshot`: an object or its JSON text).
#[wasm_bindgen(js_name = recogniseForms)]
pub fn recognise_forms(snapshot: JsValue) -> Result<JsValue, JsValue> {
    let snapshot = read_snapshot(snapshot)?;
    to_js(&forms::recognise(&snapshot))
}

/// `planFill(snapshot, form, values, overwrite) -> FillPlan` (`snapshot`: an object or its JSON text).
#[wasm_bindgen(js_name = planFill)]
pub fn plan_fill(
    snapshot: JsValue,
    form: JsValue,
    values: JsValue,
    overwrite: JsValue,
) -> Result<JsValue, JsValue> {
    let snapshot = read_snapshot(snapshot)?;
    let recognition = forms::recognise(&snapshot);
    plan_fill_on(&snapshot, &recognition, form, values, overwrite)
}

/// A plan on `snapshot` from its recognition (computed once by the caller).
fn plan_fill_on(
    snapshot: &Snapshot,
    recognition: &Recognition,
    form: JsValue,
    values: JsValue,
    overwrite: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&plan_on(snapshot, recognition, form, values, overwrite)?)
}

/// The plan itself, for `plan_fill_on` and the prediction.
fn plan_on(
    snapshot: &Snapshot,
    recognition: &Recognition,
    form: JsValue,
    values: JsValue,
    overwrite: JsValue,
) -> Result<FillPlan, JsValue> {
    let (name, container) = match read::<FormRef>(form, "form")? {
        FormRef::Name(name) => (name, None),
        FormRef::Object {
            form,
            spec,
            container,
        } => (
            form.or(spec)
                .ok_or_else(|| localised_error(&FormsInputError::Malformed("form")))?,
            container,
        ),
    };
    let values = read_or_default::<FillValues>(values, "values")?.merged();
    let overwrite: Vec<String> = read_or_default(overwrite, "overwrite")?;
    fill::plan_fill_recognised(
        snapshot,
        recognition,
        &name,
        container.as_deref(),
        &values,
        &overwrite,
        locale(),
    )
    .map_err(|e| localised_error(&e))
}

/// `fillOutcomes(plan, results) -> {purpose, form, spec, rows}`.
#[wasm_bindgen(js_name = fillOutcomes)]
pub fn fill_outcomes(plan: JsValue, results: JsValue) -> Result<JsValue, JsValue> {
    let plan: FillPlan = read(plan, "plan")?;
    let results: Vec<StepResult> = read_or_default(results, "results")?;
    to_js(&fill::fill_outcomes(&plan, &results, locale()))
}

/// `planUndo(plan, results) -> FillPlan` (purpose `"undo"`).
#[wasm_bindgen(js_name = planUndo)]
pub fn plan_undo(plan: JsValue, results: JsValue) -> Result<JsValue, JsValue> {
    let plan: FillPlan = read(plan, "plan")?;
    let results: Vec<StepResult> = read_or_default(results, "results")?;
    to_js(&fill::plan_undo(&plan, &results, locale()))
}

/// `formTextLabels() -> string[]`: the labels of texts that recognise a form (`x-acgw-identity`):
/// the collector sends labelled texts for recognition only when their label is one of these,
/// and never their values.
#[wasm_bindgen(js_name = formTextLabels)]
pub fn form_text_labels() -> Result<JsValue, JsValue> {
    to_js(&forms::FormSpec::shown_text_labels())
}

/// `diagnose(snapshot, held?) -> object`: forms, labels, kinds, rules; never a value. `held`:
/// the secret values the worker holds (strings); page text holding one of them is left out.
#[wasm_bindgen(js_name = diagnose)]
pub fn diagnose(snapshot: JsValue, held: JsValue) -> Result<JsValue, JsValue> {
    let snapshot = read_snapshot(snapshot)?;
    let held: Vec<String> = read_or_default(held, "held")?;
    let held: Vec<Secret> = held
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(Secret::new)
        .collect();
    let recognition = forms::recognise(&snapshot);
    to_js(&forms::diagnose_holding(&snapshot, &recognition, &held))
}

/// A recognised form as the worker holds it (the `recogniseParsed` answer's entry): its spec and
/// which control holds each field.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FormControls {
    spec: String,
    #[serde(default)]
    fields: Vec<FieldControl>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FieldControl {
    field: String,
    #[serde(default)]
    control_id: Option<String>,
}

/// `formProblemsParsed(parsed, form, held) -> [{field, problem, message}]`: what is wrong with
/// the values `form` (a `recogniseParsed` entry) holds in the parsed snapshot; `held` is
/// `{environment?}` of the pasted credentials (no secret). Messages never quote a value.
#[wasm_bindgen(js_name = formProblemsParsed)]
pub fn form_problems_parsed(
    parsed: &ParsedSnapshot,
    form: JsValue,
    held: JsValue,
) -> Result<JsValue, JsValue> {
    let form: FormControls = read(form, "form")?;
    let held: forms::problems::HeldFacts = read_or_default(held, "held")?;
    let Some(spec) = forms::FormSpec::find(&form.spec) else {
        return to_js(&Vec::<forms::problems::RowProblem>::new());
    };
    let pairs: Vec<(&str, &str)> = form
        .fields
        .iter()
        .filter_map(|f| Some((f.field.as_str(), f.control_id.as_deref()?)))
        .collect();
    to_js(&forms::problems::problems_of_fields(
        &parsed.snapshot,
        spec,
        &pairs,
        &held,
        locale(),
    ))
}

/// `connectionWatch() -> {buttons, forms, watchMs}`: what the content script watches for after
/// a click: the 连接测试 button texts (lowercase, no whitespace), the spec ids of forms with
/// 连接测试, how long an answer is awaited.
#[wasm_bindgen(js_name = connectionWatch)]
pub fn connection_watch() -> Result<JsValue, JsValue> {
    to_js(&forms::connection::watch_setup())
}

/// `connectionAnswer(messages) -> {cause, message} | undefined`: the console's 连接测试 answer
/// among texts that appeared after the click (`[{text, role?, live?, classes?}]`), explained.
#[wasm_bindgen(js_name = connectionAnswer)]
pub fn connection_answer(messages: JsValue) -> Result<JsValue, JsValue> {
    let messages: Vec<forms::connection::PageMessage> = read_or_default(messages, "messages")?;
    match forms::connection::read_answer(&messages, locale()) {
        Some(answer) => to_js(&answer),
        None => Ok(JsValue::UNDEFINED),
    }
}
