//! The bar's secret actions on a trusted click (生成密钥, 记住此密钥, 记住网关): which form the
//! click belongs to (recognised again in the fresh snapshot: nothing the page sent earlier is
//! trusted), whether that form offers the action, and what the action reads from the page (the
//! key typed into 认证密钥, the texts that may hold `x-acgw-identity`).

use thiserror::Error;

use super::SecretKind;
use crate::fill::FillPlan;
use crate::forms::{self, Offer, RecognisedForm};
use crate::gateway::TextCandidate;
use crate::i18n::{Locale, Localised};
use crate::snapshot::Snapshot;

/// The field a generated or typed AccessToken key goes into, on the AccessToken认证 dialog.
pub const KEY_FIELD: &str = "认证密钥";

/// One of the bar's secret actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarAction {
    GenerateKey,
    RememberKey,
    RememberGateway,
}

impl BarAction {
    /// The action of the content script's `action` code.
    pub fn from_code(code: &str) -> Option<BarAction> {
        match code {
            "generate-key" => Some(BarAction::GenerateKey),
            "remember-key" => Some(BarAction::RememberKey),
            "remember-gateway" => Some(BarAction::RememberGateway),
            _ => None,
        }
    }
}

/// The form the click names: its spec id or its name, and its container when known.
#[derive(Debug, Clone, Copy, Default)]
pub struct WantedForm<'a> {
    pub spec: Option<&'a str>,
    pub form: Option<&'a str>,
    pub container: Option<&'a str>,
}

/// Why an action does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ActionRefusal {
    #[error("the form is no longer on the page")]
    FormGone,
    #[error("this form does not offer that action")]
    NotHere,
    #[error("no step of the fill plan fills the key field")]
    KeyFieldMissing,
}

impl Localised for ActionRefusal {
    fn message(&self, locale: Locale) -> String {
        match self {
            ActionRefusal::FormGone => locale.pick(
                "页面上已找不到这个表单，请重新打开后再试",
                "The form is no longer on the page: open it again and retry",
            ),
            ActionRefusal::NotHere => locale.pick(
                "这个表单不支持此操作",
                "This form does not offer that action",
            ),
            ActionRefusal::KeyFieldMissing => locale.pick(
                "没有找到“认证密钥”输入框，未生成密钥",
                "No 认证密钥 input was found: no key was generated",
            ),
        }
        .into()
    }

    fn code(&self) -> &'static str {
        match self {
            ActionRefusal::FormGone => "form-gone",
            ActionRefusal::NotHere => "action-not-here",
            ActionRefusal::KeyFieldMissing => "key-field-missing",
        }
    }
}

/// What an action reads from the page, besides its form.
#[derive(Debug)]
pub enum ActionInput<'s> {
    /// A fresh key, to be filled into these fields only.
    GenerateKey { fields: &'static [&'static str] },
    /// The text the user typed into [`KEY_FIELD`] (empty when none was found).
    RememberKey { typed: &'s str },
    /// Every labelled text and control value that may hold `x-acgw-identity`.
    RememberGateway { candidates: Vec<TextCandidate> },
}

/// The recognised form named by `wanted`: of its spec (or, without one, of its name), the one
/// in its container when that is known and still there, else the first.
pub fn recognised_again(snapshot: &Snapshot, wanted: &WantedForm<'_>) -> Option<RecognisedForm> {
    let forms = forms::recognise(snapshot).forms;
    let same = |form: &RecognisedForm| match wanted.spec.filter(|spec| !spec.is_empty()) {
        Some(spec) => form.spec == spec,
        None => Some(form.form.as_str()) == wanted.form,
    };
    let in_container = forms.iter().position(|form| {
        same(form) && wanted.container.is_some() && form.container.as_deref() == wanted.container
    });
    let at = in_container.or_else(|| forms.iter().position(same))?;
    forms.into_iter().nth(at)
}

/// A generated key is kept only when its plan has a step for one of `fields` (a key that goes
/// into no input would be held for nothing).
pub fn key_step_planned(plan: &FillPlan, fields: &[&str]) -> Result<(), ActionRefusal> {
    if plan
        .steps
        .iter()
        .any(|step| fields.contains(&step.field.as_str()))
    {
        Ok(())
    } else {
        Err(ActionRefusal::KeyFieldMissing)
    }
}

/// The form `action` acts on and what it reads, or why it does nothing.
pub fn prepare<'s>(
    action: BarAction,
    snapshot: &'s Snapshot,
    wanted: &WantedForm<'_>,
) -> Result<(RecognisedForm, ActionInput<'s>), ActionRefusal> {
    let form = recognised_again(snapshot, wanted).ok_or(ActionRefusal::FormGone)?;
    let input = match action {
        BarAction::GenerateKey => {
            offered(&form, Offer::GenerateKey)?;
            ActionInput::GenerateKey {
                fields: &[KEY_FIELD],
            }
        }
        BarAction::RememberKey => {
            let takes_key = SecretKind::targets_of(form.spec)
                .iter()
                .any(|&(kind, field)| kind == SecretKind::AccessTokenKey && field == KEY_FIELD);
            if !takes_key {
                return Err(ActionRefusal::NotHere);
            }
            ActionInput::RememberKey {
                typed: typed_key(snapshot, &form),
            }
        }
        BarAction::RememberGateway => {
            offered(&form, Offer::RememberGateway)?;
            ActionInput::RememberGateway {
                candidates: gateway_candidates(snapshot),
            }
        }
    };
    Ok((form, input))
}

fn offered(form: &RecognisedForm, offer: Offer) -> Result<(), ActionRefusal> {
    if form.offers.contains(&offer) {
        Ok(())
    } else {
        Err(ActionRefusal::NotHere)
    }
}

/// The value of the control the form's [`KEY_FIELD`] was found in.
fn typed_key<'s>(snapshot: &'s Snapshot, form: &RecognisedForm) -> &'s str {
    form.fields
        .iter()
        .find(|field| field.field == KEY_FIELD && field.found)
        .and_then(|field| field.control_id.as_deref())
        .and_then(|id| snapshot.controls.iter().find(|control| control.id == id))
        .map_or("", |control| control.value.as_str())
}

/// `{label, value}` texts that may hold `x-acgw-identity`: the labelled texts, then each
/// control's value under each of its label candidates.
fn gateway_candidates(snapshot: &Snapshot) -> Vec<TextCandidate> {
    let texts = snapshot.texts.iter().map(|item| TextCandidate {
        label: item.label.clone(),
        value: item.value.clone(),
    });
    let controls = snapshot.controls.iter().flat_map(|control| {
        control.labels.iter().map(|label| TextCandidate {
            label: label.text.clone(),
            value: control.value.clone(),
        })
    });
    texts.chain(controls).collect()
}
