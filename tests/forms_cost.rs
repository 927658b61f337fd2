//! What a page built to make the worker work gets: a value the collector cut is never filled,
//! compared or restored; a snapshot over 1 MiB is refused with a reason; a page with a hundred
//! copies of a form is recognised as a few.

mod forms_support;

use std::time::Instant;

use fapiao_helper::fill::{plan_fill, Outcome, StepAction};
use fapiao_helper::forms::{recognise, MAX_FORMS};
use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::snapshot::{Snapshot, SnapshotError, MAX_SNAPSHOT_BYTES};
use forms_support::*;
use proptest::prelude::*;
use serde_json::json;

/// The callback page whose 请求地址 arrived cut at 4 KiB.
fn with_truncated_url() -> Snapshot {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().value(&"x".repeat(4096));
    controls[0].truncated = true;
    page()
        .heading_in("发票回调配置", "k1")
        .with_all(controls)
        .snapshot()
}

#[test]
fn the_collectors_truncated_flag_is_read() {
    let snapshot = Snapshot::from_json(
        &json!({"controls": [{"id": "c1", "kind": "textarea", "value": "abc", "truncated": true}, {"id": "c2"}]}).to_string(),
    )
    .expect("reads");
    assert!(snapshot.controls[0].truncated);
    assert!(!snapshot.controls[1].truncated);
}

#[test]
fn a_cut_value_is_never_filled_compared_or_restored() {
    let snapshot = with_truncated_url();
    let form = recognise(&snapshot)
        .forms
        .into_iter()
        .next()
        .expect("the form is still recognised");
    assert!(
        !form.field("请求地址").expect("a row").found,
        "the cut control is not the field"
    );
    let plan = plan_fill(
        &snapshot,
        "发票回调配置",
        None,
        &values(false),
        &["请求地址".to_string()],
        Locale::ZhCn,
    )
    .expect("a plan");
    assert!(
        plan.steps.iter().all(|s| s.control_id != "k1-url"),
        "no step touches the cut control"
    );
    assert_eq!(
        plan.row("请求地址").and_then(|r| r.outcome),
        Some(Outcome::NotFound)
    );
    assert!(
        plan.steps.iter().any(|s| s.action == StepAction::Set),
        "the other fields are still filled"
    );
}

#[test]
fn a_snapshot_over_a_mebibyte_is_refused_with_a_reason_in_both_languages() {
    let text =
        json!({"controls": [{"id": "c1", "value": "y".repeat(MAX_SNAPSHOT_BYTES)}]}).to_string();
    let error = Snapshot::from_json(&text).expect_err("refused");
    assert!(matches!(error, SnapshotError::TooLarge { .. }));
    assert_eq!(error.code(), "snapshot-too-large");
    assert!(error.message(Locale::ZhCn).contains("快照过大"));
    assert!(error.message(Locale::En).contains("too large"));
    let just_under =
        json!({"controls": [{"id": "c1", "value": "y".repeat(MAX_SNAPSHOT_BYTES - 100)}]})
            .to_string();
    assert!(Snapshot::from_json(&just_under).is_ok());
}

/// `copies` copies of the callback form, each in its own container with its own title.
fn copies(copies: usize) -> Snapshot {
    let mut page = page();
    for i in 0..copies {
        let k = format!("k{i}");
        page = page
            .heading_in("发票回调配置", &k)
            .with_all(callback_controls(&k));
    }
    page.snapshot()
}

#[test]
fn a_page_with_a_hundred_copies_of_a_form_is_recognised_as_a_few_quickly() {
    let snapshot = copies(130);
    let started = Instant::now();
    let recognition = recognise(&snapshot);
    assert_eq!(recognition.forms.len(), MAX_FORMS);
    assert!(
        started.elapsed().as_millis() < 2000,
        "{:?}",
        started.elapsed()
    );
    // Two copies are still two forms.
    assert_eq!(recognise(&copies(2)).forms.len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever else the cut control says (its label, kind, visibility), no step acts on it.
    #[test]
    fn no_plan_ever_steps_on_a_cut_control(index in 0usize..5, hidden in any::<bool>(), overwrite in any::<bool>()) {
        let mut controls = callback_controls("k1");
        controls[index] = controls[index].clone().value("cut");
        if hidden { controls[index] = controls[index].clone().hidden(); }
        controls[index].truncated = true;
        let cut = controls[index].id.clone();
        let snapshot = page().heading_in("发票回调配置", "k1").with_all(controls).snapshot();
        let overwrite: Vec<String> = if overwrite { CALLBACK_FIELDS.iter().map(|f| f.to_string()).collect() } else { Vec::new() };
        if let Ok(plan) = plan_fill(&snapshot, "发票回调配置", None, &values(true), &overwrite, Locale::En) {
            prop_assert!(plan.steps.iter().all(|s| s.control_id != cut));
        }
    }
}

const CALLBACK_FIELDS: [&str; 5] = [
    "请求地址",
    "数据中心id",
    "第三方应用",
    "第三方应用密码",
    "网关",
];
