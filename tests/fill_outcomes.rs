//! Outcomes: what the executor read back becomes the bar's rows; and undo brings the page back
//! to exactly what it held, through the same kinds of steps.

mod forms_support;

use fapiao_helper::fill::{
    fill_outcomes, plan_fill, plan_undo, FillPlan, FillReport, Outcome, Purpose, StepAction,
    StepResult,
};
use fapiao_helper::i18n::Locale;
use fapiao_helper::snapshot::{Control, ControlKind, LabelRule, Snapshot};
use forms_support::*;
use proptest::prelude::*;

fn plan_on(snapshot: &Snapshot, form: &str, with_secrets: bool, overwrite: &[&str]) -> FillPlan {
    let overwrite: Vec<String> = overwrite.iter().map(|s| s.to_string()).collect();
    plan_fill(
        snapshot,
        form,
        None,
        &values(with_secrets),
        &overwrite,
        Locale::ZhCn,
    )
    .expect("plan")
}

fn outcomes(report: &FillReport) -> Vec<(String, Outcome)> {
    report
        .rows
        .iter()
        .map(|r| (r.field.clone(), r.outcome))
        .collect()
}

fn outcome(report: &FillReport, field: &str) -> Option<Outcome> {
    report
        .rows
        .iter()
        .find(|r| r.field == field)
        .map(|r| r.outcome)
}

fn code(report: &FillReport, field: &str) -> Option<String> {
    report
        .rows
        .iter()
        .find(|r| r.field == field)
        .map(|r| r.code.clone())
}

fn results(json: serde_json::Value) -> Vec<StepResult> {
    serde_json::from_value(json).expect("results")
}

/// The lookup offers the near miss first, as Kingdee's list does when sorted by code.
fn callback_sim(snapshot: Snapshot) -> SimulatedPage {
    let mut sim = SimulatedPage::new(snapshot);
    sim.lookup_options.insert(
        "k1-app".into(),
        vec![
            "invoiceupload2 第三方发票上传2".into(),
            "invoiceupload 第三方发票上传".into(),
        ],
    );
    sim
}

#[test]
fn a_full_fill_reports_filled_for_every_field_that_stuck() {
    let mut sim = callback_sim(callback_page().snapshot());
    let plan = plan_on(&sim.snapshot, "发票回调配置", true, &[]);
    let results = sim.run(&plan);
    let report = fill_outcomes(&plan, &results, Locale::ZhCn);
    assert!(
        report.rows.iter().all(|r| r.outcome == Outcome::Filled),
        "{:?}",
        outcomes(&report)
    );
    assert_eq!(
        sim.control("k1-app").value,
        "invoiceupload 第三方发票上传",
        "the exact code, not the near miss"
    );
    assert_eq!(sim.control("k1-url").value, PREFIX);
    assert_eq!(report.purpose, Purpose::Fill);
}

#[test]
fn without_secrets_the_secret_rows_keep_their_no_value() {
    let mut sim = callback_sim(callback_page().snapshot());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::En);
    assert_eq!(
        outcomes(&report),
        [
            ("请求地址".to_string(), Outcome::Filled),
            ("数据中心id".to_string(), Outcome::Filled),
            ("第三方应用".to_string(), Outcome::Filled),
            ("第三方应用密码".to_string(), Outcome::NoValue),
            ("网关".to_string(), Outcome::NoValue),
        ]
    );
}

#[test]
fn a_value_the_framework_reverted_is_failed_did_not_stick() {
    let mut sim = callback_sim(callback_page().snapshot());
    sim.stubborn.push("k1-url".into());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::ZhCn);
    assert_eq!(outcome(&report, "请求地址"), Some(Outcome::Failed));
    assert_eq!(code(&report, "请求地址").as_deref(), Some("did-not-stick"));
    assert_eq!(outcome(&report, "数据中心id"), Some(Outcome::Filled));
}

#[test]
fn a_lookup_with_only_near_misses_fails_naming_the_code_and_the_sync_hint() {
    let mut sim = SimulatedPage::new(callback_page().snapshot());
    sim.lookup_options.insert(
        "k1-app".into(),
        vec!["invoiceupload2 第三方发票上传2".into()],
    );
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::ZhCn);
    let row = report
        .rows
        .iter()
        .find(|r| r.field == "第三方应用")
        .expect("row");
    assert_eq!(
        (row.outcome, row.code.as_str()),
        (Outcome::Failed, "no-match")
    );
    assert!(
        row.message.contains("invoiceupload") && row.message.contains("同步应用"),
        "{}",
        row.message
    );
    assert!(sim.control("k1-app").value.is_empty());
}

#[test]
fn a_lookup_with_no_options_at_all_says_so() {
    let mut sim = SimulatedPage::new(callback_page().snapshot());
    sim.lookup_options.insert("k1-app".into(), Vec::new());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::En);
    assert_eq!(code(&report, "第三方应用").as_deref(), Some("no-options"));
}

#[test]
fn a_lookup_that_shows_only_the_name_after_choosing_counts_as_filled() {
    let plan = plan_on(&callback_page().snapshot(), "发票回调配置", false, &[]);
    let report = fill_outcomes(
        &plan,
        &results(serde_json::json!([
            { "controlId": "k1-url", "ok": true, "readBack": PREFIX },
            { "controlId": "k1-acct", "ok": true, "readBack": ACCOUNT_ID },
            { "controlId": "k1-app", "ok": true, "readBack": "第三方发票上传" },
        ])),
        Locale::ZhCn,
    );
    assert_eq!(outcome(&report, "第三方应用"), Some(Outcome::Filled));
}

#[test]
fn a_lookup_that_ended_on_the_near_miss_did_not_stick() {
    let plan = plan_on(&callback_page().snapshot(), "发票回调配置", false, &[]);
    let report = fill_outcomes(
        &plan,
        &results(
            serde_json::json!([{ "controlId": "k1-app", "ok": true, "readBack": "invoiceupload2 第三方发票上传2" }]),
        ),
        Locale::ZhCn,
    );
    assert_eq!(
        code(&report, "第三方应用").as_deref(),
        Some("did-not-stick")
    );
}

#[test]
fn missing_results_and_executor_errors_map_to_failed_with_their_reason() {
    let plan = plan_on(&callback_page().snapshot(), "发票回调配置", false, &[]);
    let report = fill_outcomes(
        &plan,
        &results(serde_json::json!([
            { "controlId": "k1-url", "ok": false, "readBack": null, "error": "not-found" },
            { "controlId": "k1-acct", "ok": false, "readBack": "", "error": "something-new" },
        ])),
        Locale::ZhCn,
    );
    assert_eq!(
        code(&report, "请求地址").as_deref(),
        Some("control-missing")
    );
    assert_eq!(
        code(&report, "数据中心id").as_deref(),
        Some("executor-error")
    );
    assert_eq!(code(&report, "第三方应用").as_deref(), Some("no-result"));
    assert!(report
        .rows
        .iter()
        .take(3)
        .all(|r| r.outcome == Outcome::Failed));
}

#[test]
fn rows_without_steps_keep_the_plans_outcome() {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().value("https://elsewhere/ierp/");
    controls[1] = controls[1].clone().value(ACCOUNT_ID);
    let snapshot = page().with_all(controls).snapshot();
    let mut sim = callback_sim(snapshot);
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::ZhCn);
    assert_eq!(outcome(&report, "请求地址"), Some(Outcome::Conflict));
    assert_eq!(outcome(&report, "数据中心id"), Some(Outcome::Unchanged));
    assert_eq!(
        sim.control("k1-url").value,
        "https://elsewhere/ierp/",
        "a conflict is left alone"
    );
}

#[test]
fn outcome_rows_serialise_with_the_bars_outcome_names() {
    let mut sim = callback_sim(
        page()
            .with(text("x", "请求地址").value("https://other/"))
            .with_all(callback_controls("k1").split_off(1))
            .snapshot(),
    );
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let report = fill_outcomes(&plan, &sim.run(&plan), Locale::ZhCn);
    let json = serde_json::to_value(&report).expect("json");
    let names: Vec<String> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["outcome"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(
        names,
        ["conflict", "filled", "filled", "no-value", "no-value"]
    );
    let allowed = [
        "filled",
        "unchanged",
        "conflict",
        "no-value",
        "not-found",
        "failed",
    ];
    assert!(names.iter().all(|n| allowed.contains(&n.as_str())));
}

#[test]
fn no_secret_appears_in_outcomes_or_undo_rows_even_when_a_secret_failed() {
    let mut sim = callback_sim(callback_page().snapshot());
    sim.stubborn.push("k1-pwd".into());
    let plan = plan_on(&sim.snapshot, "发票回调配置", true, &[]);
    let results = sim.run(&plan);
    let report =
        serde_json::to_string(&fill_outcomes(&plan, &results, Locale::ZhCn)).expect("json");
    assert!(!report.contains(KEY) && !report.contains(GATEWAY));
    assert!(report.contains("did-not-stick"));
    let undo = plan_undo(&plan, &results, Locale::En);
    let rows = serde_json::to_string(&undo.rows).expect("json");
    assert!(!rows.contains(KEY) && !rows.contains(GATEWAY));
}

// --- undo -------------------------------------------------------------------------------------

fn values_of(snapshot: &Snapshot) -> Vec<(String, String, bool)> {
    snapshot
        .controls
        .iter()
        .map(|c| (c.id.clone(), c.value.clone(), c.checked))
        .collect()
}

#[test]
fn undo_after_a_fill_restores_exactly_what_the_page_held() {
    let mut controls = callback_controls("k1");
    controls[1] = controls[1].clone().value("999");
    let mut sim = callback_sim(page().with_all(controls).snapshot());
    let before = values_of(&sim.snapshot);
    let plan = plan_on(&sim.snapshot, "发票回调配置", true, &["数据中心id"]);
    let results = sim.run(&plan);
    assert_ne!(values_of(&sim.snapshot), before);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    assert_eq!(undo.purpose, Purpose::Undo);
    assert_eq!(
        undo.steps.first().map(|s| s.field.as_str()),
        Some("网关"),
        "undone in reverse order"
    );
    let app = undo.step("第三方应用").expect("lookup undo");
    assert_eq!(app.action, StepAction::Clear, "the lookup was empty before");
    let undo_results = sim.run(&undo);
    assert_eq!(values_of(&sim.snapshot), before);
    let report = fill_outcomes(&undo, &undo_results, Locale::ZhCn);
    assert!(
        report.rows.iter().all(|r| r.outcome == Outcome::Filled),
        "{:?}",
        outcomes(&report)
    );
    assert_eq!(code(&report, "数据中心id").as_deref(), Some("restored"));
}

#[test]
fn undo_brings_back_the_spaces_around_a_value_the_fill_rewrote_trimmed() {
    let padded = format!(" {ACCOUNT_ID}  ");
    let mut controls = callback_controls("k1");
    controls[1] = controls[1].clone().value(&padded);
    let mut sim = callback_sim(page().with_all(controls).snapshot());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let step = plan
        .step("数据中心id")
        .expect("the padded id is rewritten trimmed");
    assert_eq!(step.value.as_ref().map(|v| v.as_str()), Some(ACCOUNT_ID));
    assert_eq!(
        step.previous.as_ref().map(|v| v.as_str()),
        Some(padded.as_str())
    );
    let results = sim.run(&plan);
    assert_eq!(sim.control("k1-acct").value, ACCOUNT_ID);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    let back = undo
        .step("数据中心id")
        .expect("a change of spacing alone is still a change to undo");
    assert_eq!(
        back.value.as_ref().map(|v| v.as_str()),
        Some(padded.as_str())
    );
    sim.run(&undo);
    assert_eq!(
        sim.control("k1-acct").value,
        padded,
        "exactly, spaces included"
    );
}

#[test]
fn undo_of_an_undo_fills_again() {
    let mut sim = callback_sim(callback_page().snapshot());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let results = sim.run(&plan);
    let filled = values_of(&sim.snapshot);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    let undo_results = sim.run(&undo);
    let redo = plan_undo(&undo, &undo_results, Locale::ZhCn);
    sim.run(&redo);
    assert_eq!(values_of(&sim.snapshot), filled);
}

#[test]
fn undo_touches_nothing_the_fill_did_not_change() {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().value("https://elsewhere/");
    let mut sim = callback_sim(page().with_all(controls).snapshot());
    sim.stubborn.push("k1-acct".into());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &[]);
    let results = sim.run(&plan);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    assert!(
        undo.step("请求地址").is_none(),
        "a conflict was never touched"
    );
    assert!(undo.step("第三方应用").is_some());
    let rows: Vec<(String, Option<String>)> = undo
        .rows
        .iter()
        .map(|r| (r.field.clone(), r.code.clone()))
        .collect();
    assert_eq!(
        rows[0],
        ("请求地址".to_string(), Some("untouched".to_string()))
    );
    // The stubborn field's step ran but the page still holds what it held: nothing to undo.
    assert!(undo.step("数据中心id").is_none());
    assert_eq!(
        undo.row("数据中心id")
            .and_then(|r| r.code.clone())
            .as_deref(),
        Some("untouched")
    );
}

fn radio(id: &str, text: &str, checked: bool) -> Control {
    control(id, ControlKind::Radio)
        .label(LabelRule::WrappingLabel, text)
        .label(LabelRule::FormItem, "是否使用原授权")
        .named("useOld")
        .checked(checked)
}

fn auth_snapshot(yes_checked: bool, select: Option<Control>) -> Snapshot {
    let page = page()
        .heading("发票云授权配置")
        .with(text("u", "url"))
        .with(text("i", "Client id"));
    match select {
        Some(select) => page.with(select),
        None => page
            .with(radio("yes", "是", yes_checked))
            .with(radio("no", "否", false)),
    }
    .snapshot()
}

#[test]
fn undo_of_a_radio_overwrite_rechecks_the_radio_chosen_before() {
    let mut sim = SimulatedPage::new(auth_snapshot(true, None));
    let plan = plan_on(&sim.snapshot, "发票云授权配置", false, &["是否使用原授权"]);
    let results = sim.run(&plan);
    assert!(sim.control("no").checked && !sim.control("yes").checked);
    assert_eq!(
        outcome(
            &fill_outcomes(&plan, &results, Locale::ZhCn),
            "是否使用原授权"
        ),
        Some(Outcome::Filled)
    );
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    sim.run(&undo);
    assert!(sim.control("yes").checked && !sim.control("no").checked);
}

#[test]
fn undo_cannot_unchoose_a_radio_when_none_was_chosen_and_says_so() {
    let mut sim = SimulatedPage::new(auth_snapshot(false, None));
    let plan = plan_on(&sim.snapshot, "发票云授权配置", false, &[]);
    let results = sim.run(&plan);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    assert!(undo.step("是否使用原授权").is_none());
    assert_eq!(
        undo.row("是否使用原授权")
            .and_then(|r| r.code.clone())
            .as_deref(),
        Some("cannot-restore")
    );
    assert_eq!(
        undo.row("是否使用原授权").and_then(|r| r.outcome),
        Some(Outcome::Failed)
    );
}

#[test]
fn undo_of_a_native_select_goes_back_to_the_previous_option() {
    let select = control("o", ControlKind::Select)
        .label(LabelRule::FormItem, "是否使用原授权")
        .options(&[("", "请选择", false), ("1", "是", true), ("0", "否", false)]);
    let mut sim = SimulatedPage::new(auth_snapshot(false, Some(select)));
    let plan = plan_on(&sim.snapshot, "发票云授权配置", false, &["是否使用原授权"]);
    let results = sim.run(&plan);
    assert_eq!(sim.control("o").value, "0");
    assert_eq!(
        outcome(
            &fill_outcomes(&plan, &results, Locale::ZhCn),
            "是否使用原授权"
        ),
        Some(Outcome::Filled)
    );
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    let undo_results = sim.run(&undo);
    assert_eq!(sim.control("o").value, "1");
    assert_eq!(
        outcome(
            &fill_outcomes(&undo, &undo_results, Locale::ZhCn),
            "是否使用原授权"
        ),
        Some(Outcome::Filled)
    );
}

#[test]
fn undo_of_a_ticked_checkbox_unticks_it() {
    let snapshot = page()
        .with(text("a", "系统编码"))
        .with(control("c", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "授权全部API"))
        .with(control("d", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "允许全部IP访问"))
        .snapshot();
    let mut sim = SimulatedPage::new(snapshot);
    let before = values_of(&sim.snapshot);
    let plan = plan_on(&sim.snapshot, "第三方应用", false, &[]);
    let results = sim.run(&plan);
    assert!(sim.control("c").checked && sim.control("d").checked);
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    sim.run(&undo);
    assert_eq!(values_of(&sim.snapshot), before);
}

#[test]
fn undo_with_a_lookup_that_held_another_entry_looks_it_up_again() {
    let mut controls = callback_controls("k1");
    controls[2] = controls[2].clone().value("otherapp 其他应用");
    let mut sim = callback_sim(page().with_all(controls).snapshot());
    sim.lookup_options
        .get_mut("k1-app")
        .expect("options")
        .push("otherapp 其他应用".into());
    let plan = plan_on(&sim.snapshot, "发票回调配置", false, &["第三方应用"]);
    let results = sim.run(&plan);
    assert_eq!(sim.control("k1-app").value, "invoiceupload 第三方发票上传");
    let undo = plan_undo(&plan, &results, Locale::ZhCn);
    let step = undo.step("第三方应用").expect("undo step");
    assert_eq!(
        (step.action, step.match_text.as_deref()),
        (StepAction::Lookup, Some("otherapp 其他应用"))
    );
    let undo_results = sim.run(&undo);
    assert_eq!(sim.control("k1-app").value, "otherapp 其他应用");
    assert_eq!(
        outcome(
            &fill_outcomes(&undo, &undo_results, Locale::ZhCn),
            "第三方应用"
        ),
        Some(Outcome::Filled)
    );
}

proptest! {
    /// Whatever the page held in the five callback fields, fill (overwriting everything) then
    /// undo leaves it exactly as it was.
    #[test]
    fn fill_then_undo_is_the_identity_on_what_the_page_held(
        held in prop::collection::vec(prop::option::of("[a-zA-Z0-9:/._ -]{0,20}"), 5)
    ) {
        let controls: Vec<Control> = callback_controls("k1")
            .into_iter()
            .zip(&held)
            .map(|(c, v)| match v { Some(v) => c.value(v.trim()), None => c })
            .collect();
        let mut sim = callback_sim(page().with_all(controls).snapshot());
        let app_held = sim.control("k1-app").value.clone();
        if !app_held.is_empty() {
            sim.lookup_options.get_mut("k1-app").expect("options").push(app_held);
        }
        let before = values_of(&sim.snapshot);
        let plan = plan_on(&sim.snapshot, "发票回调配置", true, &["请求地址", "数据中心id", "第三方应用", "第三方应用密码", "网关"]);
        let results = sim.run(&plan);
        let undo = plan_undo(&plan, &results, Locale::ZhCn);
        sim.run(&undo);
        prop_assert_eq!(values_of(&sim.snapshot), before);
    }
}
