//! Snapshots as the content script sends them: lenient reading, and no panic on anything a
//! hostile page or a different collector could produce.

mod forms_support;

use fapiao_helper::fill::{fill_outcomes, plan_fill, plan_undo, FillPlan, StepResult};
use fapiao_helper::forms::{diagnose, recognise};
use fapiao_helper::i18n::Locale;
use fapiao_helper::snapshot::{ControlKind, LabelRule, Snapshot};
use forms_support::*;
use proptest::prelude::*;
use serde_json::{json, Value};

#[test]
fn the_protocols_example_snapshot_reads_and_is_recognised() {
    let snapshot = Snapshot::from_json(
        &json!({
            "url": "https://host/ierp/index.html?formId=x", "frame": "top", "title": "金蝶云",
            "headings": ["发票回调配置", {"text": "发票回调配置", "container": "k3"}],
            "controls": [
                {"id": "c1", "tag": "input", "type": "text", "kind": "text", "value": "", "checked": false,
                 "disabled": false, "readOnly": false, "visible": true, "options": [],
                 "labels": [{"rule": "form-item", "text": "请求地址："}], "container": "k3"},
                {"id": "c2", "kind": "text", "labels": [{"rule": "label-for", "text": "* 数据中心id"}], "container": "k3"},
                {"id": "c3", "kind": "lookup", "labels": [{"rule": "aria-labelledby", "text": "第三方应用"}], "container": "k3"}
            ],
            "texts": [{"label": "x-acgw-identity", "value": "abc", "id": "t4"}]
        })
        .to_string(),
    )
    .expect("reads");
    assert_eq!(snapshot.headings[1].container.as_deref(), Some("k3"));
    assert_eq!(snapshot.controls[2].kind, ControlKind::Lookup);
    assert!(snapshot.controls[1].visible, "visible defaults to true");
    assert_eq!(snapshot.texts_labelled("X-ACGW-IDENTITY：").count(), 1);
    let recognition = recognise(&snapshot);
    assert_eq!(recognition.forms.len(), 1);
    assert_eq!(recognition.forms[0].container.as_deref(), Some("k3"));
}

#[test]
fn unknown_fields_kinds_and_rules_are_tolerated() {
    let snapshot = Snapshot::from_json(
        &json!({
            "controls": [
                {"id": "a", "kind": "date-picker", "extra": {"nested": [1, 2]}, "labels": [{"rule": "data-label", "text": "请求地址"}]},
                {"id": "b", "kind": "TEXT", "labels": [{"rule": "LABEL-FOR", "text": "网关"}]}
            ],
            "newTopLevelThing": true
        })
        .to_string(),
    )
    .expect("reads");
    assert_eq!(snapshot.controls[0].kind, ControlKind::Other);
    assert_eq!(snapshot.controls[0].labels[0].rule, LabelRule::Other);
    assert_eq!(snapshot.controls[1].kind, ControlKind::Text);
    assert_eq!(snapshot.controls[1].labels[0].rule, LabelRule::LabelFor);
}

#[test]
fn nulls_numbers_and_junk_items_read_as_defaults_or_are_dropped() {
    let snapshot = Snapshot::from_json(
        &json!({
            "url": null, "title": 42, "headings": [null, 7, "发票回调配置", {"container": "k"}],
            "controls": [
                null, "junk", {"kind": "text"},
                {"id": 12, "value": null, "checked": "true", "disabled": 1, "visible": null,
                 "labels": [null, {"rule": null, "text": null}, {"rule": "form-item", "text": "请求地址"}],
                 "options": "none", "container": null, "name": ""}
            ],
            "texts": {"not": "a list"}
        })
        .to_string(),
    )
    .expect("reads");
    assert_eq!(snapshot.title, "42");
    assert_eq!(
        snapshot.headings.len(),
        2,
        "strings and objects kept, null and numbers dropped: {:?}",
        snapshot.headings
    );
    assert_eq!(
        snapshot.controls.len(),
        1,
        "items without an id are dropped"
    );
    let control = &snapshot.controls[0];
    assert_eq!(control.id, "12");
    assert!(control.checked && control.disabled && control.visible);
    assert_eq!(control.labels.len(), 2);
    assert_eq!(control.container, None);
    assert_eq!(control.name, None);
    assert!(snapshot.texts.is_empty());
}

#[test]
fn a_snapshot_that_is_not_an_object_is_an_error_not_a_panic() {
    for text in ["", "null", "[]", "\"x\"", "{", "1e999999"] {
        assert!(
            Snapshot::from_json(text).is_err() || text == "[]",
            "{text:?}"
        );
    }
}

#[test]
fn debug_output_of_a_snapshot_never_shows_control_or_text_values() {
    let mut snapshot = page()
        .with(control("p", ControlKind::Password).value(KEY))
        .snapshot();
    snapshot.texts.push(fapiao_helper::snapshot::TextItem {
        label: "x-acgw-identity".into(),
        value: GATEWAY.into(),
        id: "t".into(),
        ..Default::default()
    });
    let debug = format!("{snapshot:?}");
    assert!(!debug.contains(KEY) && !debug.contains(GATEWAY));
}

#[test]
fn a_huge_snapshot_is_capped_and_still_recognised_quickly() {
    let mut page = callback_page();
    for i in 0..20_000 {
        let mut c = text(&format!("n{i}"), "备注");
        for j in 0..30 {
            c = c.label(LabelRule::Other, &format!("说明{j}"));
        }
        page = page.with(c);
    }
    let snapshot = page.snapshot();
    let started = std::time::Instant::now();
    let recognition = recognise(&snapshot);
    assert_eq!(recognition.forms.len(), 1);
    // Generous: a debug build on a shared machine; the release WASM is far faster.
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_label_longer_than_any_label_is_ignored() {
    let long = format!("请求地址{}", "很长的说明".repeat(40));
    let snapshot = page()
        .heading("发票回调配置")
        .with(text("a", &long))
        .with(text("b", "数据中心id"))
        .snapshot();
    assert!(recognise(&snapshot).forms.is_empty());
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "text",
            "lookup",
            "radio",
            "checkbox",
            "select",
            "password",
            "form-item",
            "label-for",
            "placeholder",
            "请求地址",
            "数据中心id",
            "第三方应用",
            "第三方应用密码",
            "网关",
            "发票回调配置",
            "k1",
            "c1",
            "",
        ])
        .prop_map(|s| json!(s)),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "kind",
                        "labels",
                        "rule",
                        "text",
                        "value",
                        "container",
                        "containers",
                        "name",
                        "options",
                        "selected",
                        "checked",
                        "disabled",
                        "readOnly",
                        "visible",
                        "controls",
                        "headings",
                        "texts",
                        "title",
                    ]),
                    inner
                ),
                0..8
            )
            .prop_map(|pairs| Value::Object(
                pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_json_reads_without_panic_and_everything_downstream_runs(value in arbitrary_json()) {
        let wrapped = json!({ "controls": [value.clone(), {"id": "z", "labels": [value.clone()]}], "headings": [value.clone()], "texts": value });
        for candidate in [value, wrapped] {
            if let Ok(snapshot) = Snapshot::from_json(&candidate.to_string()) {
                let recognition = recognise(&snapshot);
                let _ = diagnose(&snapshot, &recognition);
                for form in &recognition.forms {
                    let _ = plan_fill(&snapshot, &form.form, form.container.as_deref(), &values(true), &[], Locale::En);
                }
            }
        }
    }

    #[test]
    fn arbitrary_plans_and_results_from_the_content_script_never_panic(plan in arbitrary_json(), results in arbitrary_json()) {
        let plan: Result<FillPlan, _> = serde_json::from_value(plan);
        let results: Vec<StepResult> = serde_json::from_value(results).unwrap_or_default();
        if let Ok(plan) = plan {
            let _ = fill_outcomes(&plan, &results, Locale::ZhCn);
            let _ = plan_undo(&plan, &results, Locale::En);
        }
    }

    #[test]
    fn generated_pages_with_real_labels_plan_fill_and_undo_without_panic(
        controls in prop::collection::vec(
            (
                prop::sample::select(vec![ControlKind::Text, ControlKind::Lookup, ControlKind::Select, ControlKind::Radio, ControlKind::Checkbox, ControlKind::Password]),
                prop::sample::select(vec!["请求地址", "数据中心id", "第三方应用", "第三方应用密码", "网关", "是否使用原授权", "url", "Client id", "授权全部API", "系统编码"]),
                prop::sample::select(vec![LabelRule::FormItem, LabelRule::LabelFor, LabelRule::Placeholder, LabelRule::WrappingLabel]),
                "[a-z0-9 ]{0,8}",
                any::<(bool, bool, bool)>(),
            ),
            0..14,
        ),
    ) {
        let mut page = page().heading("发票回调配置").heading("发票云授权配置").heading("第三方应用");
        for (i, (kind, label, rule, value, (disabled, checked, named))) in controls.into_iter().enumerate() {
            let mut c = control(&format!("c{i}"), kind).label(rule, label).value(&value).checked(checked);
            if disabled { c = ControlExt::disabled(c); }
            if named { c = c.named("g"); }
            if kind == ControlKind::Select { c = c.options(&[("", "", true), ("0", "否", false), ("1", "是", false), ("x", "invoiceupload x", false)]); }
            page = page.with(c);
        }
        let mut sim = SimulatedPage::new(page.snapshot());
        let recognition = recognise(&sim.snapshot);
        for form in recognition.forms.clone() {
            let overwrite = vec!["请求地址".to_string(), "是否使用原授权".to_string()];
            let plan = plan_fill(&sim.snapshot, &form.form, form.container.as_deref(), &values(true), &overwrite, Locale::ZhCn);
            prop_assert!(plan.is_ok());
            if let Ok(plan) = plan {
                prop_assert_eq!(plan.rows.len(), form.fields.len());
                let results = sim.run(&plan);
                let report = fill_outcomes(&plan, &results, Locale::ZhCn);
                prop_assert_eq!(report.rows.len(), plan.rows.len());
                let undo = plan_undo(&plan, &results, Locale::ZhCn);
                let _ = sim.run(&undo);
            }
        }
    }
}
