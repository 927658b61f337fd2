//! The bar's secret actions: the form is recognised again in the click's snapshot, the action
//! must be one it offers, and what it reads from the page (the typed key, the gateway texts).

mod forms_support;

use fapiao_helper::fill::{plan_fill, FillValues};
use fapiao_helper::i18n::Locale;
use fapiao_helper::i18n::Localised;
use fapiao_helper::secret::actions::{
    key_step_planned, prepare, recognised_again, ActionInput, ActionRefusal, BarAction, WantedForm,
    KEY_FIELD,
};
use fapiao_helper::secret::Secret;
use fapiao_helper::snapshot::{ControlKind, LabelRule, Snapshot, TextItem};
use forms_support::*;

fn access_token_dialog(typed: &str) -> Snapshot {
    page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, KEY_FIELD)
                .value(typed)
                .containers(&["f1", "dlg"]),
        )
        .snapshot()
}

fn by_spec(spec: &str) -> WantedForm<'_> {
    WantedForm {
        spec: Some(spec),
        ..WantedForm::default()
    }
}

#[test]
fn generate_key_fills_only_the_key_field_of_the_access_token_dialog() {
    let snapshot = access_token_dialog("");
    let (form, input) = prepare(
        BarAction::GenerateKey,
        &snapshot,
        &by_spec("access-token-auth"),
    )
    .expect("offered");
    assert_eq!(form.form, "AccessToken认证");
    assert!(matches!(input, ActionInput::GenerateKey { fields } if fields == [KEY_FIELD]));
}

#[test]
fn a_generated_key_is_kept_only_when_its_plan_fills_the_key_field() {
    let snapshot = access_token_dialog("");
    let (form, input) = prepare(
        BarAction::GenerateKey,
        &snapshot,
        &by_spec("access-token-auth"),
    )
    .expect("offered");
    let ActionInput::GenerateKey { fields } = input else {
        panic!("a key to generate");
    };
    let values = FillValues {
        access_token_key: Some(Secret::new("Kq7Zp2Lm9Xw4Rt6B".into())),
        ..FillValues::default()
    };
    let overwrite: Vec<String> = fields.iter().map(|&f| f.to_owned()).collect();
    let mut plan = plan_fill(
        &snapshot,
        &form.form,
        form.container.as_deref(),
        &values,
        &overwrite,
        Locale::En,
    )
    .expect("a plan");
    assert_eq!(key_step_planned(&plan, fields), Ok(()));
    plan.steps.retain(|step| step.field != KEY_FIELD);
    let refusal = key_step_planned(&plan, fields).expect_err("no step for the key");
    assert_eq!(refusal, ActionRefusal::KeyFieldMissing);
    assert_eq!(refusal.code(), "key-field-missing");
    assert_eq!(
        refusal.message(Locale::En),
        "No 认证密钥 input was found: no key was generated"
    );
}

#[test]
fn remember_key_reads_what_was_typed_into_the_key_field() {
    let snapshot = access_token_dialog("Typed0123456789");
    let wanted = WantedForm {
        form: Some("AccessToken认证"),
        ..WantedForm::default()
    };
    let (_, input) = prepare(BarAction::RememberKey, &snapshot, &wanted).expect("offered");
    assert!(matches!(
        input,
        ActionInput::RememberKey {
            typed: "Typed0123456789"
        }
    ));
}

#[test]
fn an_action_the_form_does_not_offer_does_nothing() {
    let snapshot = access_token_dialog("");
    let refused = prepare(
        BarAction::RememberGateway,
        &snapshot,
        &by_spec("access-token-auth"),
    )
    .expect_err("the dialog offers no 记住网关");
    assert_eq!(refused, ActionRefusal::NotHere);
    assert_eq!(refused.code(), "action-not-here");
    let callback = callback_page().snapshot();
    let refused = prepare(
        BarAction::RememberKey,
        &callback,
        &by_spec("invoice-callback"),
    )
    .expect_err("the callback form takes no typed key");
    assert_eq!(refused, ActionRefusal::NotHere);
}

#[test]
fn a_form_no_longer_on_the_page_is_gone() {
    let snapshot = access_token_dialog("");
    let refused = prepare(
        BarAction::GenerateKey,
        &snapshot,
        &by_spec("invoice-callback"),
    )
    .expect_err("no callback form here");
    assert_eq!(refused, ActionRefusal::FormGone);
    assert_eq!(refused.code(), "form-gone");
    let nameless = WantedForm::default();
    assert!(recognised_again(&snapshot, &nameless).is_none());
}

#[test]
fn the_form_in_the_named_container_is_chosen_else_the_first_of_its_kind() {
    let snapshot = page()
        .heading_in("发票回调配置", "k1")
        .heading_in("发票回调配置", "k2")
        .with_all(callback_controls("k1"))
        .with_all(callback_controls("k2"))
        .snapshot();
    let in_k2 = WantedForm {
        container: Some("k2"),
        ..by_spec("invoice-callback")
    };
    let chosen = recognised_again(&snapshot, &in_k2).expect("recognised");
    assert_eq!(chosen.container.as_deref(), Some("k2"));
    let gone_container = WantedForm {
        container: Some("k9"),
        ..by_spec("invoice-callback")
    };
    let chosen = recognised_again(&snapshot, &gone_container).expect("recognised");
    assert_eq!(chosen.container.as_deref(), Some("k1"));
}

#[test]
fn remember_gateway_reads_labelled_texts_then_each_controls_labels() {
    let mut snapshot = page()
        .title("第三方应用")
        .heading("第三方应用")
        .with(control("code", ControlKind::Text).label(LabelRule::FormItem, "第三方应用编码"))
        .with(control("name", ControlKind::Text).label(LabelRule::FormItem, "第三方应用名称"))
        .with(
            control("gw", ControlKind::Text)
                .label(LabelRule::FormItem, "x-acgw-identity")
                .value("from-control"),
        )
        .snapshot();
    snapshot.texts.push(
        serde_json::from_value::<TextItem>(serde_json::json!({
            "label": "x-acgw-identity", "value": "from-text", "id": "t1"
        }))
        .expect("a text item"),
    );
    let form =
        recognised_again(&snapshot, &by_spec("third-party-app")).expect("the 第三方应用 page");
    let wanted = WantedForm {
        spec: Some(form.spec),
        ..WantedForm::default()
    };
    let (_, input) = prepare(BarAction::RememberGateway, &snapshot, &wanted).expect("offered");
    let ActionInput::RememberGateway { candidates } = input else {
        panic!("a gateway action reads candidates");
    };
    let first = candidates.first().expect("candidates");
    assert_eq!(
        (first.label.as_str(), first.value.as_str()),
        ("x-acgw-identity", "from-text")
    );
    assert!(candidates
        .iter()
        .any(|c| c.label == "x-acgw-identity" && c.value == "from-control"));
}

#[test]
fn action_codes_are_the_bars() {
    assert_eq!(
        BarAction::from_code("generate-key"),
        Some(BarAction::GenerateKey)
    );
    assert_eq!(
        BarAction::from_code("remember-key"),
        Some(BarAction::RememberKey)
    );
    assert_eq!(
        BarAction::from_code("remember-gateway"),
        Some(BarAction::RememberGateway)
    );
    assert_eq!(BarAction::from_code("copy"), None);
}
