//! Fill plans and outcomes: which control of a recognised form gets which value and how, what
//! happened to each field once the content script ran the plan, and how to undo it.
//!
//! Rust decides; `content/execute.js` only performs the plan's plain steps and reads back. The
//! shapes are the contract in docs/PROTOCOL.md ("Fill plan and outcomes"). Outcome rows never
//! carry a value: secrets travel only inside a step's `value`/`previous`, on their way to the
//! one control that takes them.

mod compare;
mod messages;
mod outcomes;
mod plan;
mod text;
mod undo;
mod values;

use serde::{Deserialize, Serialize};

pub use messages::Reason;
pub use outcomes::{fill_outcomes, FillReport, OutcomeRow, StepResult};
pub use plan::{plan_fill, plan_fill_recognised, FillError};
pub use text::PlanText;
pub use undo::plan_undo;
pub use values::{environment_url, FillValues, Refusals, Withheld};

use crate::snapshot::LabelRule;

/// What happened to a field: exactly the bar's `data-outcome` values (DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Filled,
    Unchanged,
    Conflict,
    NoValue,
    NotFound,
    Failed,
}

/// What a plan is for: a fill, or the undo of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    #[default]
    Fill,
    Undo,
}

/// What the executor does to one control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepAction {
    /// Native value setter + `input`/`change`.
    Set,
    /// Type `query`, choose the option carrying `match` exactly.
    Lookup,
    /// Choose the option `optionValue` (native) or with text `value`.
    Select,
    /// Make the checked state `checked`.
    Check,
    /// Empty the control.
    Clear,
}

/// One step of a plan (docs/PROTOCOL.md). Optional parts are absent from the JSON when unused.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillStep {
    pub field: String,
    pub control_id: String,
    pub action: StepAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<PlanText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PlanText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_checked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_control_id: Option<String>,
    /// A radio: it is unchecked only by checking another (`restoreControlId`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub radio: bool,
    #[serde(default)]
    pub secret: bool,
}

impl FillStep {
    /// A step with only its field, control and action set.
    pub(crate) fn new(field: &str, control_id: &str, action: StepAction, secret: bool) -> FillStep {
        FillStep {
            field: field.to_string(),
            control_id: control_id.to_string(),
            action,
            value: None,
            previous: None,
            query: None,
            match_text: None,
            display: None,
            option_value: None,
            checked: None,
            previous_checked: None,
            restore_control_id: None,
            radio: false,
            secret,
        }
    }
}

/// Secret steps print no text at all; others print everything (tests read them).
impl std::fmt::Debug for FillStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = |t: &Option<PlanText>| match t {
            Some(_) if self.secret => Some("<redacted>".to_string()),
            Some(t) => Some(t.as_str().to_string()),
            None => None,
        };
        f.debug_struct("FillStep")
            .field("field", &self.field)
            .field("control_id", &self.control_id)
            .field("action", &self.action)
            .field("value", &text(&self.value))
            .field("previous", &text(&self.previous))
            .field(
                "query",
                if self.secret {
                    &None::<String>
                } else {
                    &self.query
                },
            )
            .field(
                "match",
                if self.secret {
                    &None::<String>
                } else {
                    &self.match_text
                },
            )
            .field("option_value", &self.option_value)
            .field("checked", &self.checked)
            .field("previous_checked", &self.previous_checked)
            .field("restore_control_id", &self.restore_control_id)
            .field("radio", &self.radio)
            .field("secret", &self.secret)
            .finish()
    }
}

/// One row per field of the form, in spec order: either a planned step decides its outcome
/// (`planned`), or the outcome is already final.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    pub field: String,
    #[serde(default)]
    pub planned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<LabelRule>,
}

/// A plan: steps to run in order, and a row per field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillPlan {
    #[serde(default)]
    pub purpose: Purpose,
    pub form: String,
    pub spec: String,
    #[serde(default)]
    pub container: Option<String>,
    #[serde(default)]
    pub steps: Vec<FillStep>,
    #[serde(default)]
    pub rows: Vec<PlanRow>,
}

impl FillPlan {
    /// The row of a field.
    pub fn row(&self, field: &str) -> Option<&PlanRow> {
        self.rows.iter().find(|r| r.field == field)
    }

    /// The step of a field (the first, should a field ever need two).
    pub fn step(&self, field: &str) -> Option<&FillStep> {
        self.steps.iter().find(|s| s.field == field)
    }

    /// The rows as the bar's prediction shows them: what will happen to each field, without
    /// the control or the rule that found it (and no step, so no value).
    pub fn prediction(self) -> Vec<PlanRow> {
        self.rows
            .into_iter()
            .map(|row| PlanRow {
                control_id: None,
                rule: None,
                code: row.code.filter(|c| !c.is_empty()),
                message: row.message.filter(|m| !m.is_empty()),
                ..row
            })
            .collect()
    }
}
