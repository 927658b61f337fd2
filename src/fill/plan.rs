//! `plan_fill`: from a fresh snapshot, the form the user clicked 填充 on and the values the
//! worker holds, the steps a careful person would take — and, for every field not touched, why.
//!
//! Order of judgement per field: not found → no value (or an invalid one) → already right
//! (`unchanged`) → cannot be edited (`failed`) → holds something else (`conflict`, unless the
//! user chose to overwrite it) → a step. A checkbox that is unticked, a select on its empty
//! placeholder option and an empty text count as empty.

use std::collections::HashMap;

use super::compare::{lookup_holds, same_choice, same_text, yes_no};
use super::values::SourcedValue;
use super::{FillPlan, FillStep, FillValues, PlanRow, PlanText, Purpose, Reason, StepAction};
use crate::forms::{
    recognise, validate, CredentialKind, CredentialLevel, FieldKind, FieldMatch, FieldSpec,
    FormSpec, Recognition, Validation, ValueSource,
};
use crate::i18n::{Locale, Localised};
use crate::snapshot::{Control, ControlKind, Snapshot};

/// Why no plan could be made at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    #[error("the helper knows no form named {0:?}")]
    UnknownForm(String),
    #[error("the form {0} is not (or no longer) on this page")]
    FormNotOnPage(String),
}

impl Localised for FillError {
    fn message(&self, locale: Locale) -> String {
        match self {
            FillError::UnknownForm(_) => locale.pick("助手不认识这个表单。", "The helper does not know this form.").to_string(),
            FillError::FormNotOnPage(name) => match locale {
                Locale::ZhCn => format!("页面上已找不到“{name}”表单：请等页面加载完成后重试。"),
                Locale::En => format!("The form {name} is no longer on this page: wait for the page to finish loading and try again."),
            },
        }
    }

    fn code(&self) -> &'static str {
        match self {
            FillError::UnknownForm(_) => "unknown-form",
            FillError::FormNotOnPage(_) => "form-not-on-page",
        }
    }
}

/// What became of one field while planning.
enum Decision {
    Step(Box<FillStep>),
    Final(Reason),
}

/// Why a source has no value (the no-value reasons): for a secret, the worker's reason for
/// withholding it when it gave one.
fn missing(source: ValueSource, values: &FillValues) -> Reason {
    match source {
        ValueSource::ConsolePrefix => Reason::NoPrefix,
        ValueSource::AccountId => Reason::NoAccountId,
        ValueSource::Secret { secret } => match values.withheld(secret) {
            Some(why) => Reason::Withheld(secret, why),
            None => Reason::NoSecret(secret),
        },
        ValueSource::Credential { credential } => match values.credential_withheld(credential) {
            Some(why) => Reason::CredentialWithheld(credential, why),
            // A mail was read but said nothing of its environment: the url is the user's call.
            None if credential == CredentialKind::EnvironmentUrl
                && values.environment.is_some()
                && values.holds_mail_credentials()
                && !values.environment_known() =>
            {
                Reason::UnknownEnvironment
            }
            None => Reason::NoCredential(credential),
        },
        ValueSource::UserInput
        | ValueSource::Constant { .. }
        | ValueSource::Lookup { .. }
        | ValueSource::Checked { .. } => Reason::UserInput,
    }
}

/// The ClientID of each level, and the check it must pass: a secret or key is filled only with
/// an id of its own level, since the three are one set.
fn client_id_of(level: CredentialLevel) -> (CredentialKind, Validation) {
    match level {
        CredentialLevel::Enterprise => (
            CredentialKind::EnterpriseClientId,
            Validation::EnterpriseClientId,
        ),
        CredentialLevel::Tenant => (CredentialKind::TenantClientId, Validation::TenantClientId),
    }
}

/// Whether a credential may go into this form at all: only the level the form takes (tenant
/// creds only to 维护租户授权信息, enterprise creds never there), and only as a set whose
/// ClientID is of that level (a mail listing a `TN_` id as an enterprise's fills none of it).
fn credential_refusal(form: &FormSpec, source: ValueSource, values: &FillValues) -> Option<Reason> {
    let ValueSource::Credential { credential } = source else {
        return None;
    };
    let level = credential.level()?;
    if form.credentials != Some(level) {
        return Some(Reason::WrongLevel(form.credentials.unwrap_or(level)));
    }
    let (id_kind, id_check) = client_id_of(level);
    let id = values.credential(id_kind)?.trim();
    if id.is_empty() {
        return None;
    }
    validate(id_check, id).err().map(Reason::InvalidValue)
}

/// Everything a decision needs about one field.
struct FieldContext<'a> {
    spec: &'a FieldSpec,
    control: &'a Control,
    value: SourcedValue<'a>,
    overwrite: bool,
}

impl FieldContext<'_> {
    fn step(&self, action: StepAction) -> FillStep {
        FillStep::new(
            self.spec.label,
            &self.control.id,
            action,
            self.value.secret || self.spec.is_secret(),
        )
    }

    /// Guards shared by every kind once the value is known not to be there already.
    fn blocked(&self, typing: bool, current_is_empty: bool) -> Option<Reason> {
        if self.control.disabled {
            Some(Reason::Disabled)
        } else if typing && self.control.read_only {
            // Lookups and dropdowns are often read-only inputs that open a list on click.
            Some(Reason::ReadOnly)
        } else if !current_is_empty && !self.overwrite {
            Some(self.conflict())
        } else {
            None
        }
    }

    /// The page holds another value: a fixed choice (是否使用原授权) says what the usual one
    /// means; anything else is a plain conflict.
    fn conflict(&self) -> Reason {
        match (self.spec.kind, self.spec.source) {
            (FieldKind::Select | FieldKind::Radio, ValueSource::Constant { value }) => {
                Reason::ChoiceConflict {
                    field: self.spec.label,
                    wanted: value,
                }
            }
            _ => Reason::Conflict,
        }
    }

    fn lookup_code(&self) -> Option<&'static str> {
        match self.spec.source {
            ValueSource::Lookup { code, .. } => Some(code),
            _ => None,
        }
    }

    fn lookup_name(&self) -> Option<&'static str> {
        match self.spec.source {
            ValueSource::Lookup { name, .. } => Some(name),
            _ => None,
        }
    }

    /// A text typed into a text-like control. The right value with stray whitespace around it
    /// (a pasted secret with a trailing space) is rewritten trimmed: consoles keep the spaces.
    fn set_text(&self) -> Decision {
        let current = self.control.value.as_str();
        if current == self.value.text {
            return Decision::Final(Reason::Unchanged);
        }
        let only_whitespace_differs = same_text(current, self.value.text);
        if only_whitespace_differs && (self.control.disabled || self.control.read_only) {
            return Decision::Final(Reason::Unchanged);
        }
        if !only_whitespace_differs {
            if let Some(reason) = self.blocked(true, current.trim().is_empty()) {
                return Decision::Final(reason);
            }
        }
        let mut step = self.step(StepAction::Set);
        step.value = Some(PlanText::new(self.value.text));
        step.previous = Some(PlanText::new(current));
        Decision::Step(Box::new(step))
    }

    /// A lookup driven like a person: type the code, choose the option carrying it exactly.
    fn lookup(&self) -> Decision {
        let current = self.control.value.as_str();
        let holds = match self.lookup_code() {
            Some(code) => lookup_holds(current, code, self.lookup_name()),
            None => same_text(current, self.value.text),
        };
        if holds {
            return Decision::Final(Reason::Unchanged);
        }
        if let Some(reason) = self.blocked(false, current.trim().is_empty()) {
            return Decision::Final(reason);
        }
        let mut step = self.step(StepAction::Lookup);
        step.value = Some(PlanText::new(self.value.text));
        step.query = Some(self.value.text.to_string());
        step.match_text = Some(self.value.text.to_string());
        step.display = self.lookup_name().map(str::to_string);
        step.previous = Some(PlanText::new(current));
        Decision::Step(Box::new(step))
    }

    /// A checkbox: ticked or not. Unticking a ticked box is overwriting the page's choice.
    fn check(&self) -> Decision {
        let desired = match self.spec.source {
            ValueSource::Checked { checked } => Some(checked),
            _ => yes_no(self.value.text),
        };
        let Some(desired) = desired else {
            return Decision::Final(Reason::NoMatchingOption { code: None });
        };
        if self.control.checked == desired {
            return Decision::Final(Reason::Unchanged);
        }
        if let Some(reason) = self.blocked(true, !self.control.checked) {
            return Decision::Final(reason);
        }
        let mut step = self.step(StepAction::Check);
        step.checked = Some(desired);
        step.previous_checked = Some(self.control.checked);
        Decision::Step(Box::new(step))
    }

    /// A radio group: check the radio whose own text (or value) is the wanted choice.
    fn radio(&self, group: &[&Control]) -> Decision {
        let own_text_is = |radio: &Control| {
            same_choice(&radio.value, self.value.text)
                || radio
                    .labels
                    .iter()
                    .any(|l| l.rule.is_own_text() && same_choice(&l.text, self.value.text))
        };
        let Some(target) = group.iter().find(|r| own_text_is(r)) else {
            return Decision::Final(Reason::NoMatchingOption { code: None });
        };
        if target.checked {
            return Decision::Final(Reason::Unchanged);
        }
        let current = group.iter().find(|r| r.checked);
        if target.disabled {
            return Decision::Final(Reason::Disabled);
        }
        if current.is_some() && !self.overwrite {
            return Decision::Final(self.conflict());
        }
        let mut step = FillStep::new(self.spec.label, &target.id, StepAction::Check, false);
        step.checked = Some(true);
        step.previous_checked = Some(false);
        step.restore_control_id = current.map(|c| c.id.clone());
        step.radio = true;
        Decision::Step(Box::new(step))
    }

    /// A select whose options the snapshot lists (a native `<select>`).
    fn select_listed(&self) -> Decision {
        let options = &self.control.options;
        let target = match self.lookup_code() {
            Some(code) => options
                .iter()
                .find(|o| o.value.trim() == code || lookup_holds(&o.text, code, None)),
            None => options.iter().find(|o| {
                same_choice(&o.text, self.value.text) || o.value.trim() == self.value.text
            }),
        };
        let Some(target) = target else {
            return Decision::Final(Reason::NoMatchingOption {
                code: self.lookup_code(),
            });
        };
        let current = options
            .iter()
            .find(|o| o.selected)
            .or_else(|| options.iter().find(|o| o.value == self.control.value));
        if current.is_some_and(|c| c.value == target.value && c.text == target.text) {
            return Decision::Final(Reason::Unchanged);
        }
        let current_is_empty = current.is_none_or(|c| c.value.trim().is_empty());
        if let Some(reason) = self.blocked(false, current_is_empty) {
            return Decision::Final(reason);
        }
        let mut step = self.step(StepAction::Select);
        step.value = Some(PlanText::new(target.text.trim()));
        step.option_value = Some(target.value.clone());
        step.previous = Some(PlanText::new(
            current.map(|c| c.value.as_str()).unwrap_or(""),
        ));
        Decision::Step(Box::new(step))
    }

    /// A custom dropdown: its value is the text it shows.
    fn select_shown(&self) -> Decision {
        let current = self.control.value.as_str();
        if same_choice(current, self.value.text) {
            return Decision::Final(Reason::Unchanged);
        }
        if let Some(reason) = self.blocked(false, current.trim().is_empty()) {
            return Decision::Final(reason);
        }
        let mut step = self.step(StepAction::Select);
        step.value = Some(PlanText::new(self.value.text));
        step.previous = Some(PlanText::new(current));
        Decision::Step(Box::new(step))
    }

    fn decide(&self, group: &[&Control]) -> Decision {
        // A secret is only ever typed into its own input, whatever the control claims to be,
        // and only into a real one: a contenteditable or widget is page-owned markup.
        if self.value.secret {
            if !crate::secret::policy::is_secret_input(&self.control.tag, &self.control.input_type)
            {
                return Decision::Final(Reason::NotSecretInput);
            }
            return self.set_text();
        }
        match self.control.kind {
            ControlKind::Checkbox => self.check(),
            ControlKind::Radio => self.radio(group),
            ControlKind::Select if !self.control.options.is_empty() => self.select_listed(),
            ControlKind::Select if self.spec.kind == FieldKind::Lookup => self.lookup(),
            ControlKind::Select => self.select_shown(),
            // A custom dropdown of fixed choices is drawn as a combobox too: choose by text.
            ControlKind::Lookup
                if matches!(self.spec.kind, FieldKind::Select | FieldKind::Radio) =>
            {
                self.select_shown()
            }
            ControlKind::Lookup => self.lookup(),
            ControlKind::Text
            | ControlKind::Password
            | ControlKind::Textarea
            | ControlKind::Other => match self.spec.kind {
                FieldKind::Lookup => self.lookup(),
                FieldKind::Select | FieldKind::Radio => self.select_shown(),
                _ => self.set_text(),
            },
        }
    }
}

/// Decides one field of the recognised form.
fn decide_field(
    form: &FormSpec,
    spec: &FieldSpec,
    found: &FieldMatch,
    controls: &HashMap<&str, &Control>,
    values: &FillValues,
    overwrite: &[String],
) -> Decision {
    let Some(control) = found.control_id.as_deref().and_then(|id| controls.get(id)) else {
        return Decision::Final(Reason::NotFound);
    };
    if let Some(refusal) = credential_refusal(form, spec.source, values) {
        return Decision::Final(refusal);
    }
    let Some(value) = values.value_for(spec.source) else {
        return Decision::Final(missing(spec.source, values));
    };
    if !matches!(spec.source, ValueSource::Checked { .. }) && spec.validation != Validation::None {
        if let Err(error) = validate(spec.validation, value.text) {
            return Decision::Final(Reason::InvalidValue(error));
        }
    }
    let group: Vec<&Control> = found
        .group
        .iter()
        .filter_map(|id| controls.get(id.as_str()).copied())
        .collect();
    let context = FieldContext {
        spec,
        control,
        value,
        overwrite: overwrite.iter().any(|o| o.trim() == spec.label),
    };
    context.decide(&group)
}

/// Plans filling `form` (a name, alias or spec id; `container` picks one of two copies) on the
/// page `snapshot` shows now, with `values`; `overwrite` lists fields whose different values
/// the user chose to replace.
pub fn plan_fill(
    snapshot: &Snapshot,
    form: &str,
    container: Option<&str>,
    values: &FillValues,
    overwrite: &[String],
    locale: Locale,
) -> Result<FillPlan, FillError> {
    let recognition = recognise(snapshot);
    plan_fill_recognised(
        snapshot,
        &recognition,
        form,
        container,
        values,
        overwrite,
        locale,
    )
}

/// [`plan_fill`] on a snapshot already recognised: `recognition` must be `recognise(snapshot)`.
/// The worker recognises a page once and plans a fill for each of its forms from that.
pub fn plan_fill_recognised(
    snapshot: &Snapshot,
    recognition: &Recognition,
    form: &str,
    container: Option<&str>,
    values: &FillValues,
    overwrite: &[String],
    locale: Locale,
) -> Result<FillPlan, FillError> {
    let spec = FormSpec::find(form).ok_or_else(|| FillError::UnknownForm(form.to_string()))?;
    let found = recognition
        .find(spec.id, container)
        .ok_or_else(|| FillError::FormNotOnPage(spec.name.to_string()))?;
    let controls: HashMap<&str, &Control> = snapshot
        .controls
        .iter()
        .rev()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let mut steps = Vec::new();
    let mut rows = Vec::new();
    for (field, matched) in spec.fields.iter().zip(&found.fields) {
        let mut row = PlanRow {
            field: field.label.to_string(),
            planned: false,
            outcome: None,
            code: None,
            message: None,
            control_id: matched.control_id.clone(),
            rule: matched.rule,
        };
        match decide_field(spec, field, matched, &controls, values, overwrite) {
            Decision::Step(step) => {
                row.planned = true;
                steps.push(*step);
            }
            Decision::Final(reason) => {
                row.outcome = Some(reason.outcome());
                row.code = Some(reason.code().to_string());
                row.message = Some(reason.message(locale));
            }
        }
        rows.push(row);
    }
    Ok(FillPlan {
        purpose: Purpose::Fill,
        form: found.form.clone(),
        spec: spec.id.to_string(),
        container: found.container.clone(),
        steps,
        rows,
    })
}
