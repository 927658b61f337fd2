//! `fill_outcomes`: what the executor read back after the page settled, turned into the bar's
//! rows. A step counts as `filled` only if the value read back is the value planned: a
//! framework that silently reverted it (a React input set the naive way, a lookup that kept
//! its old entry) is `failed`, not a success.

use serde::{Deserialize, Deserializer, Serialize};

use super::compare::{lookup_holds, same_choice, same_text, yes_no};
use super::{FillPlan, FillStep, Outcome, PlanText, Purpose, Reason, StepAction};
use crate::forms::{FormSpec, ValueSource};
use crate::i18n::{Locale, Localised};
use crate::snapshot::LabelRule;

/// What the executor reports for one step.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResult {
    #[serde(default)]
    pub control_id: String,
    #[serde(default)]
    pub ok: bool,
    #[serde(default, deserialize_with = "read_back")]
    pub read_back: ReadBack,
    #[serde(default)]
    pub error: Option<String>,
}

/// A value read back: the control's text, or its checked state.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ReadBack {
    Text(PlanText),
    Checked(bool),
    #[default]
    Nothing,
}

impl ReadBack {
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            ReadBack::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }

    pub(crate) fn checked(&self) -> Option<bool> {
        match self {
            ReadBack::Checked(c) => Some(*c),
            ReadBack::Text(t) => yes_no(t.as_str()),
            ReadBack::Nothing => None,
        }
    }
}

fn read_back<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ReadBack, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Flag(bool),
        Text(PlanText),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Repr::deserialize(deserializer)? {
        Repr::Flag(flag) => ReadBack::Checked(flag),
        Repr::Text(text) => ReadBack::Text(text),
        Repr::Other(_) => ReadBack::Nothing,
    })
}

/// One row of the bar: a field and its outcome, with the reason's code and sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeRow {
    pub field: String,
    pub outcome: Outcome,
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<LabelRule>,
}

/// Every field's outcome after a plan ran.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FillReport {
    pub purpose: Purpose,
    pub form: String,
    pub spec: String,
    pub rows: Vec<OutcomeRow>,
}

/// Whether the value read back is what the step meant to leave.
pub(crate) fn sticks(step: &FillStep, read_back: &ReadBack) -> bool {
    let wanted = step.value.as_ref().map(PlanText::as_str).unwrap_or("");
    match step.action {
        StepAction::Set => read_back.text().is_some_and(|t| same_text(t, wanted)),
        StepAction::Lookup => {
            let code = step.match_text.as_deref().unwrap_or(wanted);
            read_back.text().is_some_and(|t| {
                lookup_holds(t, code, step.display.as_deref()) || same_text(t, wanted)
            })
        }
        StepAction::Select => read_back.text().is_some_and(|t| {
            same_choice(t, wanted)
                || same_text(t, wanted)
                || step.option_value.as_deref().is_some_and(|v| t == v)
        }),
        StepAction::Check => read_back.checked() == step.checked,
        StepAction::Clear => read_back.text().is_some_and(|t| t.trim().is_empty()),
    }
}

/// The reason a step ended with, given its result.
fn judge(
    step: &FillStep,
    result: Option<&StepResult>,
    purpose: Purpose,
    lookup_code: Option<&'static str>,
) -> Reason {
    let Some(result) = result else {
        return Reason::NoResult;
    };
    if !result.ok {
        return match Reason::from_executor(result.error.as_deref()) {
            Reason::NoMatch { .. } => Reason::NoMatch { code: lookup_code },
            other => other,
        };
    }
    if !sticks(step, &result.read_back) {
        return Reason::DidNotStick;
    }
    match purpose {
        Purpose::Fill => Reason::Filled,
        Purpose::Undo => Reason::Restored,
    }
}

/// The result of `step`: the last one reported for its control.
pub(crate) fn result_for<'a>(step: &FillStep, results: &'a [StepResult]) -> Option<&'a StepResult> {
    results
        .iter()
        .rev()
        .find(|r| r.control_id == step.control_id)
}

/// Turns a plan and the executor's results into one row per field, in the plan's order.
pub fn fill_outcomes(plan: &FillPlan, results: &[StepResult], locale: Locale) -> FillReport {
    let spec = FormSpec::find(&plan.spec);
    let rows = plan
        .rows
        .iter()
        .map(|row| {
            let reason = if row.planned {
                match plan.step(&row.field) {
                    Some(step) => {
                        let code =
                            spec.and_then(|s| s.field(&row.field))
                                .and_then(|f| match f.source {
                                    ValueSource::Lookup { code, .. } => Some(code),
                                    _ => None,
                                });
                        Some(judge(step, result_for(step, results), plan.purpose, code))
                    }
                    None => Some(Reason::NoResult),
                }
            } else {
                None
            };
            match reason {
                Some(reason) => OutcomeRow {
                    field: row.field.clone(),
                    outcome: reason.outcome(),
                    code: reason.code().to_string(),
                    message: reason.message(locale),
                    control_id: row.control_id.clone(),
                    rule: row.rule,
                },
                None => OutcomeRow {
                    field: row.field.clone(),
                    outcome: row.outcome.unwrap_or(Outcome::Failed),
                    code: row
                        .code
                        .clone()
                        .unwrap_or_else(|| Reason::NoResult.code().to_string()),
                    message: row
                        .message
                        .clone()
                        .unwrap_or_else(|| Reason::NoResult.message(locale)),
                    control_id: row.control_id.clone(),
                    rule: row.rule,
                },
            }
        })
        .collect();
    FillReport {
        purpose: plan.purpose,
        form: plan.form.clone(),
        spec: plan.spec.clone(),
        rows,
    }
}
