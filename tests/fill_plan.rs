//! Fill plans: which step each field gets, and every reason a field gets none.

mod forms_support;

use fapiao_helper::fill::{plan_fill, FillError, FillPlan, FillValues, Outcome, StepAction};
use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::snapshot::{Control, ControlKind, LabelRule, Snapshot};
use forms_support::*;

fn plan(snapshot: &Snapshot, values: &FillValues, overwrite: &[&str]) -> FillPlan {
    let overwrite: Vec<String> = overwrite.iter().map(|s| s.to_string()).collect();
    plan_fill(
        snapshot,
        "发票回调配置",
        None,
        values,
        &overwrite,
        Locale::ZhCn,
    )
    .expect("a plan")
}

fn outcome(plan: &FillPlan, field: &str) -> Option<Outcome> {
    plan.row(field).and_then(|r| r.outcome)
}

fn code(plan: &FillPlan, field: &str) -> Option<String> {
    plan.row(field).and_then(|r| r.code.clone())
}

/// The callback page with one control replaced.
fn callback_with(index: usize, edit: impl FnOnce(Control) -> Control) -> Snapshot {
    let mut controls = callback_controls("k1");
    controls[index] = edit(controls[index].clone());
    page()
        .heading_in("发票回调配置", "k1")
        .with_all(controls)
        .snapshot()
}

#[test]
fn an_empty_callback_form_gets_three_steps_and_two_no_values_without_secrets() {
    let plan = plan(&callback_page().snapshot(), &values(false), &[]);
    assert_eq!(plan.form, "发票回调配置");
    assert_eq!(plan.steps.len(), 3);
    let url = plan.step("请求地址").expect("url step");
    assert_eq!(
        (url.action, url.control_id.as_str()),
        (StepAction::Set, "k1-url")
    );
    assert_eq!(url.value.as_ref().map(|v| v.as_str()), Some(PREFIX));
    assert_eq!(url.previous.as_ref().map(|v| v.as_str()), Some(""));
    assert!(!url.secret);
    let account = plan.step("数据中心id").expect("account step");
    assert_eq!(account.value.as_ref().map(|v| v.as_str()), Some(ACCOUNT_ID));
    let app = plan.step("第三方应用").expect("lookup step");
    assert_eq!(app.action, StepAction::Lookup);
    assert_eq!(app.query.as_deref(), Some("invoiceupload"));
    assert_eq!(app.match_text.as_deref(), Some("invoiceupload"));
    assert_eq!(app.display.as_deref(), Some("第三方发票上传"));
    assert_eq!(outcome(&plan, "第三方应用密码"), Some(Outcome::NoValue));
    assert_eq!(
        code(&plan, "第三方应用密码").as_deref(),
        Some("no-access-token-key")
    );
    assert_eq!(code(&plan, "网关").as_deref(), Some("no-gateway"));
    assert!(plan
        .rows
        .iter()
        .filter(|r| r.planned)
        .all(|r| r.outcome.is_none()));
}

#[test]
fn with_secrets_all_five_fields_get_steps_and_secret_steps_are_marked() {
    let plan = plan(&callback_page().snapshot(), &values(true), &[]);
    assert_eq!(plan.steps.len(), 5);
    let key = plan.step("第三方应用密码").expect("key step");
    assert!(key.secret);
    assert_eq!(key.action, StepAction::Set);
    assert_eq!(key.value.as_ref().map(|v| v.as_str()), Some(KEY));
    assert!(plan.step("网关").is_some_and(|s| s.secret));
    assert!(
        !format!("{plan:?}").contains(KEY),
        "Debug of a plan never shows a secret"
    );
    assert!(!format!("{plan:?}").contains(GATEWAY));
}

#[test]
fn values_are_trimmed_and_empty_values_are_missing() {
    let mut values = values(false);
    values.prefix = Some(format!("  {PREFIX}\n"));
    values.account_id = Some("   ".into());
    let plan = plan(&callback_page().snapshot(), &values, &[]);
    assert_eq!(
        plan.step("请求地址")
            .and_then(|s| s.value.as_ref())
            .map(|v| v.as_str()),
        Some(PREFIX)
    );
    assert_eq!(code(&plan, "数据中心id").as_deref(), Some("no-account-id"));
}

/// Values as the worker sends them: context, and why it withheld each secret.
fn withheld_values(refusals: serde_json::Value) -> FillValues {
    serde_json::from_value(serde_json::json!({
        "prefix": PREFIX, "accountId": ACCOUNT_ID, "secretRefusals": refusals,
    }))
    .expect("values")
}

#[test]
fn a_secret_held_for_another_console_says_to_confirm_in_the_popup_and_stays_no_value() {
    let values = withheld_values(
        serde_json::json!({ "accessTokenKey": "secret-other-console", "gateway": "secret-expired" }),
    );
    let snapshot = callback_page().snapshot();
    let zh =
        plan_fill(&snapshot, "发票回调配置", None, &values, &[], Locale::ZhCn).expect("a plan");
    let en = plan_fill(&snapshot, "发票回调配置", None, &values, &[], Locale::En).expect("a plan");
    assert_eq!(outcome(&zh, "第三方应用密码"), Some(Outcome::NoValue));
    assert_eq!(
        code(&zh, "第三方应用密码").as_deref(),
        Some("secret-other-console")
    );
    let message =
        |p: &FillPlan, f: &str| p.row(f).and_then(|r| r.message.clone()).unwrap_or_default();
    assert!(
        message(&zh, "第三方应用密码").contains("另一个控制台"),
        "{}",
        message(&zh, "第三方应用密码")
    );
    assert!(message(&zh, "第三方应用密码").contains("弹出窗口中确认"));
    assert!(
        message(&en, "第三方应用密码").contains("another console"),
        "{}",
        message(&en, "第三方应用密码")
    );
    assert!(message(&en, "第三方应用密码").contains("popup"));
    assert_eq!(outcome(&zh, "网关"), Some(Outcome::NoValue));
    assert_eq!(code(&zh, "网关").as_deref(), Some("secret-expired"));
    assert!(message(&zh, "网关").contains("已过期"));
    assert!(message(&en, "网关").contains("expired"));
    assert_eq!(zh.steps.len(), 3, "the other fields are planned as usual");
}

#[test]
fn refusals_that_are_unknown_or_not_a_reason_to_tell_read_as_the_plain_no_value() {
    for refusals in [
        serde_json::json!({ "accessTokenKey": "secret-not-held", "gateway": "made-up" }),
        serde_json::json!({ "someOtherKind": "secret-expired", "gateway": 7 }),
        serde_json::json!("secret-other-console"),
        serde_json::json!(null),
    ] {
        let plan = plan(
            &callback_page().snapshot(),
            &withheld_values(refusals.clone()),
            &[],
        );
        assert_eq!(
            code(&plan, "第三方应用密码").as_deref(),
            Some("no-access-token-key"),
            "{refusals}"
        );
        assert_eq!(
            code(&plan, "网关").as_deref(),
            Some("no-gateway"),
            "{refusals}"
        );
    }
}

#[test]
fn a_held_value_wins_over_a_stale_refusal() {
    let mut values = withheld_values(serde_json::json!({ "gateway": "secret-other-console" }));
    values.gateway = Some(fapiao_helper::secret::Secret::new(GATEWAY.into()));
    let plan = plan(&callback_page().snapshot(), &values, &[]);
    assert!(plan.step("网关").is_some_and(|s| s.secret));
}

#[test]
fn no_context_at_all_gives_no_value_rows_with_reasons() {
    let plan = plan(&callback_page().snapshot(), &FillValues::default(), &[]);
    assert_eq!(code(&plan, "请求地址").as_deref(), Some("no-prefix"));
    assert_eq!(code(&plan, "数据中心id").as_deref(), Some("no-account-id"));
    assert!(
        plan.step("第三方应用").is_some(),
        "the lookup's code is the spec's own constant"
    );
}

#[test]
fn a_field_already_holding_the_value_is_unchanged() {
    let snapshot = callback_with(0, |c| c.value(PREFIX));
    let plan = plan(&snapshot, &values(false), &[]);
    assert_eq!(outcome(&plan, "请求地址"), Some(Outcome::Unchanged));
    assert!(plan.step("请求地址").is_none());
}

#[test]
fn the_right_value_with_stray_whitespace_is_rewritten_trimmed_without_a_conflict() {
    let snapshot = callback_with(3, |c| c.value(&format!("{KEY} ")));
    let plan = plan(&snapshot, &values(true), &[]);
    let step = plan.step("第三方应用密码").expect("a trimming step");
    assert_eq!(step.value.as_ref().map(|v| v.as_str()), Some(KEY));
    let locked = callback_with(3, |c| ControlExt::read_only(c.value(&format!(" {KEY}"))));
    assert_eq!(
        outcome(&plan_with_secrets(&locked), "第三方应用密码"),
        Some(Outcome::Unchanged)
    );
}

fn plan_with_secrets(snapshot: &Snapshot) -> FillPlan {
    plan(snapshot, &values(true), &[])
}

#[test]
fn a_url_without_its_trailing_slash_is_a_conflict_not_unchanged() {
    let snapshot = callback_with(0, |c| c.value(PREFIX.trim_end_matches('/')));
    assert_eq!(
        outcome(&plan(&snapshot, &values(false), &[]), "请求地址"),
        Some(Outcome::Conflict)
    );
}

#[test]
fn a_different_value_is_a_conflict_left_alone_unless_overwrite_is_chosen() {
    let snapshot = callback_with(1, |c| c.value("999"));
    let left_alone = plan(&snapshot, &values(false), &[]);
    assert_eq!(outcome(&left_alone, "数据中心id"), Some(Outcome::Conflict));
    assert!(left_alone.step("数据中心id").is_none());
    let message = left_alone
        .row("数据中心id")
        .and_then(|r| r.message.clone())
        .expect("message");
    assert!(message.contains("不同的值"), "{message}");
    let overwritten = plan(&snapshot, &values(false), &["数据中心id"]);
    let step = overwritten.step("数据中心id").expect("overwrite step");
    assert_eq!(step.previous.as_ref().map(|v| v.as_str()), Some("999"));
    assert_eq!(step.value.as_ref().map(|v| v.as_str()), Some(ACCOUNT_ID));
}

#[test]
fn overwrite_applies_only_to_the_fields_named() {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().value("https://other/");
    controls[1] = controls[1].clone().value("999");
    let snapshot = page().with_all(controls).snapshot();
    let plan = plan(&snapshot, &values(false), &["请求地址"]);
    assert!(plan.step("请求地址").is_some());
    assert_eq!(outcome(&plan, "数据中心id"), Some(Outcome::Conflict));
}

#[test]
fn disabled_and_read_only_inputs_fail_with_their_reason() {
    let disabled = plan(&callback_with(0, ControlExt::disabled), &values(false), &[]);
    assert_eq!(
        (
            outcome(&disabled, "请求地址"),
            code(&disabled, "请求地址").as_deref()
        ),
        (Some(Outcome::Failed), Some("disabled"))
    );
    let read_only = plan(
        &callback_with(1, ControlExt::read_only),
        &values(false),
        &[],
    );
    assert_eq!(code(&read_only, "数据中心id").as_deref(), Some("read-only"));
}

#[test]
fn a_disabled_field_that_already_holds_the_value_is_unchanged() {
    let snapshot = callback_with(1, |c| ControlExt::disabled(c).value(ACCOUNT_ID));
    assert_eq!(
        outcome(&plan(&snapshot, &values(false), &[]), "数据中心id"),
        Some(Outcome::Unchanged)
    );
}

#[test]
fn a_read_only_lookup_input_is_still_driven_like_a_person_would() {
    let snapshot = callback_with(2, ControlExt::read_only);
    assert!(plan(&snapshot, &values(false), &[])
        .step("第三方应用")
        .is_some());
}

#[test]
fn a_lookup_showing_the_code_or_its_name_is_unchanged() {
    for shown in [
        "invoiceupload",
        "invoiceupload 第三方发票上传",
        "第三方发票上传",
        "第三方发票上传(invoiceupload)",
    ] {
        let snapshot = callback_with(2, |c| c.value(shown));
        assert_eq!(
            outcome(&plan(&snapshot, &values(false), &[]), "第三方应用"),
            Some(Outcome::Unchanged),
            "{shown}"
        );
    }
}

#[test]
fn a_lookup_showing_a_near_miss_code_is_a_conflict() {
    for shown in [
        "invoiceupload2",
        "invoiceupload2 第三方发票上传2",
        "xinvoiceupload",
        "第三方发票上传（副本）",
    ] {
        let snapshot = callback_with(2, |c| c.value(shown));
        assert_eq!(
            outcome(&plan(&snapshot, &values(false), &[]), "第三方应用"),
            Some(Outcome::Conflict),
            "{shown}"
        );
    }
}

#[test]
fn a_lookup_drawn_as_a_native_select_picks_the_exact_code_not_a_longer_one() {
    let snapshot = callback_with(2, |c| {
        let mut c = c.options(&[
            ("", "请选择", true),
            ("a2", "invoiceupload2 第三方发票上传2", false),
            ("a1", "invoiceupload 第三方发票上传", false),
        ]);
        c.kind = ControlKind::Select;
        c
    });
    let plan = plan(&snapshot, &values(false), &[]);
    let step = plan.step("第三方应用").expect("select step");
    assert_eq!(step.action, StepAction::Select);
    assert_eq!(step.option_value.as_deref(), Some("a1"));
}

#[test]
fn a_native_select_without_the_code_fails_naming_the_code() {
    let snapshot = callback_with(2, |c| {
        let mut c = c.options(&[
            ("", "请选择", true),
            ("a2", "invoiceupload2 第三方发票上传2", false),
        ]);
        c.kind = ControlKind::Select;
        c
    });
    let plan = plan(&snapshot, &values(false), &[]);
    assert_eq!(
        code(&plan, "第三方应用").as_deref(),
        Some("no-matching-option")
    );
    assert!(plan
        .row("第三方应用")
        .and_then(|r| r.message.clone())
        .is_some_and(|m| m.contains("invoiceupload")));
}

#[test]
fn a_missing_field_is_not_found() {
    let mut controls = callback_controls("k1");
    controls.remove(4);
    let plan = plan(
        &page().heading("发票回调配置").with_all(controls).snapshot(),
        &values(true),
        &[],
    );
    assert_eq!(outcome(&plan, "网关"), Some(Outcome::NotFound));
    assert_eq!(plan.rows.len(), 5);
}

#[test]
fn a_secret_is_typed_only_into_its_own_field_even_if_drawn_as_a_lookup() {
    let snapshot = callback_with(4, |mut c| {
        c.kind = ControlKind::Lookup;
        c
    });
    let plan = plan(&snapshot, &values(true), &[]);
    let step = plan.step("网关").expect("gateway step");
    assert_eq!(step.action, StepAction::Set);
    assert_eq!(step.control_id, "k1-gw");
}

#[test]
fn an_invalid_held_value_is_not_filled() {
    let mut values = values(false);
    values.prefix = Some("cosmic-sandbox.piaozone.com/bsqcjsfwbj".into());
    values.account_id = Some("17420 50739".into());
    let plan = plan(&callback_page().snapshot(), &values, &[]);
    assert_eq!(code(&plan, "请求地址").as_deref(), Some("invalid-value"));
    assert_eq!(outcome(&plan, "数据中心id"), Some(Outcome::NoValue));
}

#[test]
fn the_plan_for_a_missing_form_is_an_error_in_both_languages() {
    let unrelated = page().with(text("a", "姓名")).snapshot();
    let error = plan_fill(
        &unrelated,
        "发票回调配置",
        None,
        &values(false),
        &[],
        Locale::ZhCn,
    )
    .expect_err("no form");
    assert_eq!(error, FillError::FormNotOnPage("发票回调配置".into()));
    assert!(error.message(Locale::ZhCn).contains("发票回调配置"));
    assert!(error.message(Locale::En).contains("no longer"));
    let unknown =
        plan_fill(&unrelated, "人员", None, &values(false), &[], Locale::En).expect_err("unknown");
    assert_eq!(unknown.code(), "unknown-form");
}

#[test]
fn the_container_picks_one_of_two_copies() {
    let snapshot = page()
        .with_all(callback_controls("k1"))
        .with_all(callback_controls("k2"))
        .snapshot();
    let plan = plan_fill(
        &snapshot,
        "发票回调配置",
        Some("k2"),
        &values(false),
        &[],
        Locale::ZhCn,
    )
    .expect("plan");
    assert_eq!(plan.container.as_deref(), Some("k2"));
    assert!(plan.steps.iter().all(|s| s.control_id.starts_with("k2-")));
}

fn auth_page(use_old: Control) -> Snapshot {
    page()
        .heading("发票云授权配置")
        .with(text("u", "url"))
        .with(text("p", "代理"))
        .with(use_old)
        .with(text("i", "Client id"))
        .with(control("s", ControlKind::Password).label(LabelRule::FormItem, "Client Secret"))
        .with(control("e", ControlKind::Password).label(LabelRule::FormItem, "Encrypt Key"))
        .snapshot()
}

fn auth_plan(snapshot: &Snapshot, overwrite: &[&str]) -> FillPlan {
    let overwrite: Vec<String> = overwrite.iter().map(|s| s.to_string()).collect();
    plan_fill(
        snapshot,
        "发票云授权配置",
        None,
        &values(true),
        &overwrite,
        Locale::En,
    )
    .expect("plan")
}

#[test]
fn a_native_select_gets_the_choice_by_its_text() {
    let select = control("o", ControlKind::Select)
        .label(LabelRule::FormItem, "是否使用原授权")
        .options(&[("", "请选择", true), ("1", "是", false), ("0", "否", false)]);
    let plan = auth_plan(&auth_page(select), &[]);
    let step = plan.step("是否使用原授权").expect("select step");
    assert_eq!(
        (step.action, step.option_value.as_deref()),
        (StepAction::Select, Some("0"))
    );
    assert_eq!(step.previous.as_ref().map(|v| v.as_str()), Some(""));
    assert_eq!(code(&plan, "Client id").as_deref(), Some("no-credential"));
    assert_eq!(code(&plan, "代理").as_deref(), Some("user-input"));
}

#[test]
fn a_select_already_on_the_other_choice_is_a_conflict() {
    let select = control("o", ControlKind::Select)
        .label(LabelRule::FormItem, "是否使用原授权")
        .options(&[("1", "是", true), ("0", "否", false)]);
    assert_eq!(
        outcome(
            &auth_plan(&auth_page(select.clone()), &[]),
            "是否使用原授权"
        ),
        Some(Outcome::Conflict)
    );
    assert!(auth_plan(&auth_page(select), &["是否使用原授权"])
        .step("是否使用原授权")
        .is_some());
}

#[test]
fn a_custom_dropdown_is_chosen_by_text() {
    let dropdown = control("o", ControlKind::Lookup).label(LabelRule::FormItem, "是否使用原授权");
    let step_plan = auth_plan(&auth_page(dropdown.clone()), &[]);
    let step = step_plan.step("是否使用原授权").expect("step");
    assert_eq!(
        (step.action, step.value.as_ref().map(|v| v.as_str())),
        (StepAction::Select, Some("否"))
    );
    let already = auth_plan(&auth_page(dropdown.value(" 否 ")), &[]);
    assert_eq!(
        outcome(&already, "是否使用原授权"),
        Some(Outcome::Unchanged)
    );
}

#[test]
fn a_yes_no_checkbox_is_unticked_for_no_only_with_overwrite() {
    let ticked = control("o", ControlKind::Checkbox)
        .label(LabelRule::WrappingLabel, "是否使用原授权")
        .checked(true);
    assert_eq!(
        outcome(
            &auth_plan(&auth_page(ticked.clone()), &[]),
            "是否使用原授权"
        ),
        Some(Outcome::Conflict)
    );
    let plan = auth_plan(&auth_page(ticked), &["是否使用原授权"]);
    let step = plan.step("是否使用原授权").expect("step");
    assert_eq!(
        (step.action, step.checked, step.previous_checked),
        (StepAction::Check, Some(false), Some(true))
    );
    let unticked =
        control("o", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "是否使用原授权");
    assert_eq!(
        outcome(&auth_plan(&auth_page(unticked), &[]), "是否使用原授权"),
        Some(Outcome::Unchanged)
    );
}

fn radios(checked: Option<&str>) -> Vec<Control> {
    ["是", "否"]
        .iter()
        .map(|t| {
            control(if *t == "是" { "yes" } else { "no" }, ControlKind::Radio)
                .label(LabelRule::WrappingLabel, t)
                .label(LabelRule::FormItem, "是否使用原授权：")
                .named("useOld")
                .checked(checked == Some(*t))
        })
        .collect()
}

fn radio_page(checked: Option<&str>) -> Snapshot {
    page()
        .heading("发票云授权配置")
        .with(text("u", "url"))
        .with_all(radios(checked))
        .with(text("i", "Client id"))
        .snapshot()
}

#[test]
fn a_radio_group_checks_the_radio_whose_own_text_is_the_choice() {
    let plan = auth_plan(&radio_page(None), &[]);
    let step = plan.step("是否使用原授权").expect("radio step");
    assert_eq!(
        (step.control_id.as_str(), step.checked, step.radio),
        ("no", Some(true), true)
    );
    assert_eq!(step.restore_control_id, None);
    assert_eq!(
        outcome(&auth_plan(&radio_page(Some("否")), &[]), "是否使用原授权"),
        Some(Outcome::Unchanged)
    );
    assert_eq!(
        outcome(&auth_plan(&radio_page(Some("是")), &[]), "是否使用原授权"),
        Some(Outcome::Conflict)
    );
    let overwrite = auth_plan(&radio_page(Some("是")), &["是否使用原授权"]);
    assert_eq!(
        overwrite
            .step("是否使用原授权")
            .and_then(|s| s.restore_control_id.clone())
            .as_deref(),
        Some("yes")
    );
}

#[test]
fn a_radios_choice_text_beside_it_counts_as_its_own_text() {
    let radio = |id: &str, text: &str| {
        control(id, ControlKind::Radio)
            .label(LabelRule::FormItem, "是否使用原授权")
            .label(LabelRule::OptionText, text)
            .named("g")
    };
    let snapshot = page()
        .heading("发票云授权配置")
        .with(text("u", "url"))
        .with(radio("y", "是"))
        .with(radio("n", "否"))
        .with(text("i", "Client id"))
        .snapshot();
    assert_eq!(
        auth_plan(&snapshot, &[])
            .step("是否使用原授权")
            .map(|s| s.control_id.clone())
            .as_deref(),
        Some("n")
    );
}

#[test]
fn checkboxes_of_the_third_party_app_are_ticked_and_user_fields_are_left_to_the_user() {
    let snapshot = page()
        .heading("第三方应用")
        .with(text("a", "系统编码"))
        .with(text("b", "系统名称"))
        .with(control("c", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "授权全部API"))
        .with(
            control("d", ControlKind::Checkbox)
                .label(LabelRule::WrappingLabel, "允许全部IP访问")
                .checked(true),
        )
        .snapshot();
    let plan = plan_fill(
        &snapshot,
        "第三方应用",
        None,
        &values(true),
        &[],
        Locale::ZhCn,
    )
    .expect("plan");
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.step("授权全部API").and_then(|s| s.checked), Some(true));
    assert_eq!(outcome(&plan, "允许全部IP访问"), Some(Outcome::Unchanged));
    assert_eq!(code(&plan, "系统编码").as_deref(), Some("user-input"));
}

#[test]
fn the_access_token_dialog_gets_the_held_key() {
    let snapshot = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .container("dlg"),
        )
        .snapshot();
    let plan = plan_fill(
        &snapshot,
        "AccessToken认证",
        None,
        &values(true),
        &[],
        Locale::ZhCn,
    )
    .expect("plan");
    assert!(plan.step("认证密钥").is_some_and(|s| s.secret));
    let without = plan_fill(
        &snapshot,
        "AccessToken认证",
        None,
        &values(false),
        &[],
        Locale::En,
    )
    .expect("plan");
    assert_eq!(
        code(&without, "认证密钥").as_deref(),
        Some("no-access-token-key")
    );
}

#[test]
fn plans_serialise_in_the_protocols_camel_case_shape() {
    let plan = plan(&callback_page().snapshot(), &values(false), &[]);
    let json = serde_json::to_value(&plan).expect("json");
    assert_eq!(json["purpose"], "fill");
    assert_eq!(json["spec"], "invoice-callback");
    let lookup = json["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["action"] == "lookup"))
        .expect("lookup");
    assert_eq!(lookup["controlId"], "k1-app");
    assert_eq!(lookup["match"], "invoiceupload");
    assert!(lookup.get("optionValue").is_none());
    let gateway = json["rows"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["field"] == "网关"))
        .expect("row");
    assert_eq!(gateway["outcome"], "no-value");
    assert_eq!(gateway["planned"], false);
    let back: FillPlan = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, plan);
}

#[test]
fn messages_exist_in_both_languages_for_every_row() {
    let snapshot = callback_with(1, |c| c.value("999"));
    for locale in [Locale::ZhCn, Locale::En] {
        let overwrite: Vec<String> = Vec::new();
        let plan = plan_fill(
            &snapshot,
            "发票回调配置",
            None,
            &values(false),
            &overwrite,
            locale,
        )
        .expect("plan");
        for row in plan.rows.iter().filter(|r| !r.planned) {
            let message = row.message.clone().expect("message");
            assert!(!message.is_empty());
            let has_cjk = message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if locale == Locale::En {
                assert!(
                    message.is_ascii() || message.contains("数据中心") || message.contains("认证"),
                    "{message}"
                );
            } else {
                assert!(has_cjk, "{message}");
            }
        }
    }
}

/// The callback page with 网关 drawn as `tag` (`type` for an input) instead of a plain input.
fn callback_with_gateway_as(tag: &str, input_type: &str, kind: ControlKind) -> Snapshot {
    callback_with(4, |c| {
        let mut c = Control { kind, ..c };
        c.tag = tag.into();
        c.input_type = input_type.into();
        c
    })
}

#[test]
fn a_secret_is_never_planned_into_a_contenteditable_or_other_element() {
    for (tag, input_type, kind) in [
        ("div", "", ControlKind::Textarea),
        ("span", "", ControlKind::Text),
        ("input", "hidden", ControlKind::Text),
    ] {
        let plan = plan(
            &callback_with_gateway_as(tag, input_type, kind),
            &values(true),
            &[],
        );
        assert!(plan.step("网关").is_none(), "{tag} {input_type}");
        assert_eq!(outcome(&plan, "网关"), Some(Outcome::Failed), "{tag}");
        assert_eq!(
            code(&plan, "网关").as_deref(),
            Some("secret-not-input"),
            "{tag}"
        );
        let row = plan.row("网关").expect("row");
        assert!(
            row.message.as_deref().is_some_and(|m| m.contains("输入框")),
            "{tag}"
        );
        assert!(!format!("{plan:?}").contains(GATEWAY), "{tag}");
        // The other secret, in its real password input, still goes.
        assert!(plan.step("第三方应用密码").is_some_and(|s| s.secret));
    }
}

#[test]
fn a_secret_goes_into_a_real_password_text_input_or_textarea() {
    for (tag, input_type, kind) in [
        ("input", "password", ControlKind::Password),
        ("INPUT", "text", ControlKind::Text),
        ("input", "", ControlKind::Text),
        ("textarea", "", ControlKind::Textarea),
    ] {
        let plan = plan(
            &callback_with_gateway_as(tag, input_type, kind),
            &values(true),
            &[],
        );
        assert!(
            plan.step("网关").is_some_and(|s| s.secret),
            "{tag} {input_type}"
        );
    }
}

#[test]
fn a_non_secret_value_still_goes_into_a_contenteditable() {
    let plan = plan(
        &callback_with(0, |mut c| {
            c.tag = "div".into();
            c
        }),
        &values(false),
        &[],
    );
    assert!(plan.step("请求地址").is_some());
}

#[test]
fn a_page_that_moved_onto_the_console_says_so_for_its_secrets() {
    let values = withheld_values(
        serde_json::json!({ "accessTokenKey": "secret-page-moved", "gateway": "secret-page-moved" }),
    );
    let en = plan_fill(
        &callback_page().snapshot(),
        "发票回调配置",
        None,
        &values,
        &[],
        Locale::En,
    )
    .expect("plan");
    assert_eq!(outcome(&en, "网关"), Some(Outcome::NoValue));
    assert_eq!(code(&en, "网关").as_deref(), Some("secret-page-moved"));
    assert!(en
        .row("网关")
        .and_then(|r| r.message.as_deref())
        .is_some_and(|m| m.contains("changed its address")));
}

/// 第三方应用 twice in one page without containers, as the Cosmic runtime leaves a closed tab:
/// the old instance first in page order and hidden, the live one after it.
fn reopened_third_party_app(live_has_ip_checkbox: bool) -> Snapshot {
    let mut page = page()
        .heading("第三方应用")
        .with(text("old-a", "系统编码").hidden())
        .with(text("old-b", "系统名称").hidden())
        .with(
            control("old-c", ControlKind::Checkbox)
                .label(LabelRule::FormItem, "授权全部API")
                .hidden(),
        )
        .with(
            control("old-d", ControlKind::Checkbox)
                .label(LabelRule::FormItem, "允许全部IP访问")
                .hidden(),
        )
        .with(text("a", "系统编码"))
        .with(text("b", "系统名称"))
        .with(control("c", ControlKind::Checkbox).label(LabelRule::FormItem, "授权全部API"));
    if live_has_ip_checkbox {
        page = page
            .with(control("d", ControlKind::Checkbox).label(LabelRule::FormItem, "允许全部IP访问"));
    }
    page.snapshot()
}

#[test]
fn a_reopened_forms_hidden_old_copy_gets_no_step_the_live_copy_does() {
    let plan = plan_fill(
        &reopened_third_party_app(true),
        "第三方应用",
        None,
        &values(true),
        &[],
        Locale::ZhCn,
    )
    .expect("plan");
    let ticked: Vec<&str> = plan.steps.iter().map(|s| s.control_id.as_str()).collect();
    assert_eq!(ticked, ["c", "d"]);
}

#[test]
fn a_field_whose_only_control_is_in_the_hidden_copy_is_not_found() {
    let plan = plan_fill(
        &reopened_third_party_app(false),
        "第三方应用",
        None,
        &values(true),
        &[],
        Locale::ZhCn,
    )
    .expect("plan");
    assert_eq!(outcome(&plan, "允许全部IP访问"), Some(Outcome::NotFound));
    assert!(
        plan.steps.iter().all(|s| !s.control_id.starts_with("old-")),
        "{:?}",
        plan.steps
    );
    assert_eq!(
        plan.step("授权全部API").map(|s| s.control_id.as_str()),
        Some("c")
    );
}

#[test]
fn a_secret_withheld_from_a_plain_http_console_warns_in_its_row() {
    let values = withheld_values(serde_json::json!({ "gateway": "secret-insecure-console" }));
    let zh = plan(&callback_page().snapshot(), &values, &[]);
    assert_eq!(outcome(&zh, "网关"), Some(Outcome::NoValue));
    assert_eq!(
        code(&zh, "网关").as_deref(),
        Some("secret-insecure-console")
    );
    assert!(zh
        .row("网关")
        .and_then(|r| r.message.as_deref())
        .is_some_and(|m| m.contains("http://") && m.contains("确认")));
}

#[test]
fn a_plan_takes_the_recognition_it_is_given_and_recognises_nothing_again() {
    use fapiao_helper::fill::plan_fill_recognised;
    use fapiao_helper::forms::{recognise, Recognition};
    let snapshot = callback_page().snapshot();
    let overwrite: Vec<String> = Vec::new();
    let plan_on = |recognition: &Recognition| {
        plan_fill_recognised(
            &snapshot,
            recognition,
            "发票回调配置",
            None,
            &values(false),
            &overwrite,
            Locale::ZhCn,
        )
    };
    // The page's own recognition gives exactly the plan `plan_fill` makes.
    let recognised = plan_on(&recognise(&snapshot)).expect("a plan");
    assert_eq!(recognised, plan(&snapshot, &values(false), &[]));
    // A recognition that found nothing is taken at its word: the form is not on the page.
    assert!(matches!(
        plan_on(&Recognition::default()),
        Err(FillError::FormNotOnPage(_))
    ));
}

#[test]
fn the_prediction_keeps_what_happens_to_each_field_and_nothing_of_the_page() {
    let mut plan = plan(&callback_page().snapshot(), &values(true), &[]);
    let expected: Vec<(String, bool, Option<Outcome>)> = plan
        .rows
        .iter()
        .map(|r| (r.field.clone(), r.planned, r.outcome))
        .collect();
    assert!(plan.rows.iter().any(|r| r.control_id.is_some()));
    plan.rows[0].message = Some(String::new());
    plan.rows[0].code = Some(String::new());
    let rows = plan.prediction();
    let got: Vec<(String, bool, Option<Outcome>)> = rows
        .iter()
        .map(|r| (r.field.clone(), r.planned, r.outcome))
        .collect();
    assert_eq!(got, expected);
    assert!(rows
        .iter()
        .all(|r| r.control_id.is_none() && r.rule.is_none()));
    assert_eq!(
        (rows[0].code.as_deref(), rows[0].message.as_deref()),
        (None, None)
    );
    let json = serde_json::to_string(&rows).expect("json");
    assert!(!json.contains("controlId") && !json.contains("\"rule\""));
    assert!(
        !json.contains(KEY) && !json.contains(GATEWAY),
        "a prediction carries no value"
    );
}
