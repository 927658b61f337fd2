//! `plan_undo`: the steps that bring back exactly what the page held before a plan ran, through
//! the same framework-safe step kinds. Only steps that ran (a result exists) and changed
//! something are undone, in reverse order; each undo step records what the fill left as its
//! own `previous`, so an undo can itself be undone.

use super::outcomes::{result_for, ReadBack, StepResult};
use super::{FillPlan, FillStep, PlanRow, PlanText, Purpose, Reason, StepAction};
use crate::i18n::{Locale, Localised};

/// What the control showed after the step, as text (for the undo step's `previous`).
fn left_text(result: &StepResult, step: &FillStep) -> PlanText {
    match &result.read_back {
        ReadBack::Text(t) => t.clone(),
        _ => step.value.clone().unwrap_or_default(),
    }
}

/// Whether running `step` changed nothing: the page still shows what it held (the step failed,
/// or the page reverted it).
fn changed_nothing(step: &FillStep, result: &StepResult) -> bool {
    if result.read_back == ReadBack::Nothing {
        // Nothing read back (the control vanished): undo only what reported success.
        return !result.ok;
    }
    let previous = step.previous.as_ref().map(PlanText::as_str).unwrap_or("");
    match step.action {
        StepAction::Check => result.read_back.checked() == step.previous_checked,
        // A typed text compares exactly: rewriting ` 123 ` as `123` is a change to undo.
        StepAction::Set => result.read_back.text().is_some_and(|t| t == previous),
        // What a lookup or dropdown shows is read back cleaned of spacing.
        _ => result
            .read_back
            .text()
            .is_some_and(|t| t.trim() == previous.trim()),
    }
}

/// The step that restores what `step` replaced, or why it cannot.
fn restore(step: &FillStep, result: &StepResult) -> Result<FillStep, Reason> {
    let previous = step.previous.clone().unwrap_or_default();
    let mut undo = FillStep::new(&step.field, &step.control_id, step.action, step.secret);
    match step.action {
        StepAction::Set => {
            undo.value = Some(previous);
            undo.previous = Some(left_text(result, step));
        }
        StepAction::Lookup | StepAction::Clear | StepAction::Select
            if previous.as_str().trim().is_empty() =>
        {
            undo.action = StepAction::Clear;
            undo.previous = Some(left_text(result, step));
        }
        StepAction::Lookup | StepAction::Clear => {
            undo.action = StepAction::Lookup;
            undo.query = Some(previous.as_str().trim().to_string());
            undo.match_text = Some(previous.as_str().trim().to_string());
            undo.value = Some(previous);
            undo.previous = Some(left_text(result, step));
        }
        StepAction::Select => {
            // A listed select went back by option value; a custom one by its shown text.
            undo.option_value = step
                .option_value
                .as_ref()
                .map(|_| previous.as_str().to_string());
            undo.value = Some(previous);
            undo.previous = Some(left_text(result, step));
        }
        StepAction::Check => match (&step.restore_control_id, step.previous_checked) {
            // A radio: re-check the one that was chosen before.
            (Some(before), _) => {
                undo.control_id = before.clone();
                undo.checked = Some(true);
                undo.previous_checked = Some(false);
                undo.restore_control_id = Some(step.control_id.clone());
                undo.radio = true;
            }
            // No radio of the group was chosen before; a person cannot unchoose one either.
            (None, _) if step.radio => return Err(Reason::CannotRestore),
            (None, Some(previous_checked)) => {
                undo.checked = Some(previous_checked);
                undo.previous_checked = step.checked;
            }
            (None, None) => return Err(Reason::CannotRestore),
        },
    }
    Ok(undo)
}

/// Plans the undo of `plan` given the results of running it.
pub fn plan_undo(plan: &FillPlan, results: &[StepResult], locale: Locale) -> FillPlan {
    let mut steps = Vec::new();
    let mut rows = Vec::new();
    for row in &plan.rows {
        let ran = plan
            .step(&row.field)
            .and_then(|step| result_for(step, results).map(|result| (step, result)));
        let decision = match ran {
            Some((step, result)) if !changed_nothing(step, result) => restore(step, result),
            _ => Err(Reason::Untouched),
        };
        let mut undo_row = PlanRow {
            field: row.field.clone(),
            planned: false,
            outcome: None,
            code: None,
            message: None,
            control_id: row.control_id.clone(),
            rule: row.rule,
        };
        match decision {
            Ok(step) => {
                undo_row.planned = true;
                steps.push(step);
            }
            Err(reason) => {
                undo_row.outcome = Some(reason.outcome());
                undo_row.code = Some(reason.code().to_string());
                undo_row.message = Some(reason.message(locale));
            }
        }
        rows.push(undo_row);
    }
    steps.reverse();
    FillPlan {
        purpose: Purpose::Undo,
        form: plan.form.clone(),
        spec: plan.spec.clone(),
        container: plan.container.clone(),
        steps,
        rows,
    }
}
