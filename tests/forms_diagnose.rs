//! Diagnose ("诊断此页"): it describes forms, labels, kinds and rules, and never a value.

mod forms_support;

use fapiao_helper::forms::{diagnose, diagnose_holding, recognise};
use fapiao_helper::secret::Secret;
use fapiao_helper::snapshot::{ControlKind, LabelRule, Snapshot, TextItem};
use forms_support::*;
use proptest::prelude::*;

fn diagnose_text(snapshot: &Snapshot) -> String {
    serde_json::to_string(&diagnose(snapshot, &recognise(snapshot))).expect("json")
}

#[test]
fn diagnose_lists_forms_fields_rules_and_every_controls_labels() {
    let snapshot = callback_page()
        .with(text("x", "备注").label(LabelRule::Placeholder, "请输入备注"))
        .snapshot();
    let report = diagnose(&snapshot, &recognise(&snapshot));
    assert_eq!(report["forms"][0]["form"], "发票回调配置");
    assert_eq!(report["forms"][0]["fields"][0]["rule"], "form-item");
    assert_eq!(report["forms"][0]["fields"][0]["label"], "请求地址");
    let controls = report["controls"].as_array().expect("controls");
    assert_eq!(controls.len(), 6);
    assert_eq!(controls[2]["kind"], "lookup");
    assert_eq!(controls[0]["matches"][0]["field"], "请求地址");
    assert_eq!(controls[5]["labels"][1]["rule"], "placeholder");
    assert_eq!(controls[5]["labels"][1]["text"], "请输入备注");
    assert_eq!(report["page"]["headings"][0]["text"], "发票回调配置");
}

#[test]
fn diagnose_of_a_page_with_filled_fields_holds_none_of_their_values() {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().value(PREFIX);
    controls[1] = controls[1].clone().value(ACCOUNT_ID);
    controls[3] = controls[3].clone().value(KEY);
    controls[4] = controls[4].clone().value(GATEWAY);
    let mut snapshot = page().with_all(controls).snapshot();
    snapshot.texts.push(TextItem {
        label: "x-acgw-identity".into(),
        value: GATEWAY.into(),
        id: "t1".into(),
        ..Default::default()
    });
    snapshot.url = format!("https://h.example/ierp/index.html?formId=x&token={KEY}");
    let text = diagnose_text(&snapshot);
    for secret in [PREFIX, ACCOUNT_ID, KEY, GATEWAY, "token="] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("x-acgw-identity"), "the text's label is kept");
    for key in ["\"value\"", "\"length\"", "\"len\"", "\"valueLength\""] {
        assert!(
            !text.contains(key),
            "no {key} key: values and their lengths stay out"
        );
    }
}

#[test]
fn a_label_that_repeats_the_value_is_left_out() {
    let snapshot = page()
        .with(
            control("a", ControlKind::Text)
                .label(LabelRule::AriaLabel, "Zq8RkP2vLm4X")
                .value("Zq8RkP2vLm4X"),
        )
        .snapshot();
    let report = diagnose(&snapshot, &recognise(&snapshot));
    assert_eq!(
        report["controls"][0]["labels"][0]["omitted"],
        "equals-value"
    );
    assert!(!diagnose_text(&snapshot).contains("Zq8RkP2vLm4X"));
}

#[test]
fn select_options_are_counted_not_listed() {
    let snapshot = page()
        .with(
            control("s", ControlKind::Select)
                .label(LabelRule::FormItem, "是否使用原授权")
                .options(&[("1", "是secretish", true), ("0", "否", false)]),
        )
        .snapshot();
    let text = diagnose_text(&snapshot);
    assert!(!text.contains("secretish"));
    assert!(text.contains("\"optionCount\":2"));
}

#[test]
fn a_password_control_does_not_even_say_whether_it_holds_something() {
    let snapshot = page()
        .with(
            control("p", ControlKind::Password)
                .label(LabelRule::FormItem, "网关")
                .value("x"),
        )
        .snapshot();
    let report = diagnose(&snapshot, &recognise(&snapshot));
    assert!(report["controls"][0]["hasValue"].is_null());
}

fn label_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "请求地址",
            "数据中心id",
            "第三方应用",
            "第三方应用密码",
            "网关",
            "url",
            "Client Secret",
            "授权账号",
            "认证密钥",
            "姓名",
        ])
        .prop_map(str::to_string),
        "[\\p{Han}]{1,8}[:：]?",
    ]
}

fn kind() -> impl Strategy<Value = ControlKind> {
    prop::sample::select(vec![
        ControlKind::Text,
        ControlKind::Password,
        ControlKind::Textarea,
        ControlKind::Select,
        ControlKind::Lookup,
        ControlKind::Checkbox,
        ControlKind::Radio,
        ControlKind::Other,
    ])
}

fn rule() -> impl Strategy<Value = LabelRule> {
    prop::sample::select(vec![
        LabelRule::LabelFor,
        LabelRule::WrappingLabel,
        LabelRule::AriaLabelledby,
        LabelRule::AriaLabel,
        LabelRule::FormItem,
        LabelRule::TableLeft,
        LabelRule::TableAbove,
        LabelRule::OptionText,
        LabelRule::Placeholder,
        LabelRule::Other,
    ])
}

/// Values look like secrets: long random letters and digits, never a label.
fn secret_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{12,24}"
}

proptest! {
    #[test]
    fn random_values_never_appear_in_diagnose(
        controls in prop::collection::vec(
            (kind(), prop::collection::vec((rule(), label_text()), 0..4), secret_value(), prop::option::of("k[0-3]"), any::<bool>()),
            0..12,
        ),
        headings in prop::collection::vec(label_text(), 0..3),
        text_values in prop::collection::vec(secret_value(), 0..3),
    ) {
        let mut page = page();
        for h in &headings {
            page = page.heading(h);
        }
        let mut values = Vec::new();
        for (i, (kind, labels, value, container, visible)) in controls.into_iter().enumerate() {
            let mut c = control(&format!("c{i}"), kind).value(&value);
            for (rule, text) in labels {
                c = c.label(rule, &text);
            }
            if let Some(container) = container {
                c = c.container(&container);
            }
            if !visible {
                c = c.hidden();
            }
            if kind == ControlKind::Select {
                c = c.options(&[(value.as_str(), value.as_str(), true)]);
            }
            values.push(value);
            page = page.with(c);
        }
        let mut snapshot = page.snapshot();
        for (i, value) in text_values.iter().enumerate() {
            snapshot.texts.push(TextItem { label: "x-acgw-identity".into(), value: value.clone(), id: format!("t{i}"), ..Default::default() });
        }
        let text = diagnose_text(&snapshot);
        for value in values.iter().chain(&text_values) {
            prop_assert!(!text.contains(value.as_str()), "{} leaked", value);
        }
    }
}

/// A revealed x-acgw-identity, as the 认证凭证 row shows it once the password is entered.
const REVEALED: &str = "eyJ0ZXN0IjoiZGlhZ25vc2UifQ.c2lnbmF0dXJlLWRpYWdub3Nl";

#[test]
fn a_revealed_gateway_shown_as_a_caption_heading_or_title_is_left_out() {
    let mut snapshot = callback_page()
        .title(REVEALED)
        .heading(REVEALED)
        .heading_in(&format!("x-acgw-identity: {REVEALED} 复制"), "k1")
        .with(text("n1", REVEALED))
        .with(text("n2", &format!("网关：{REVEALED}")))
        .with(
            control("n3", ControlKind::Text)
                .label(LabelRule::AriaLabel, &format!("网关 {REVEALED}")),
        )
        .snapshot();
    snapshot.texts.push(TextItem {
        label: REVEALED.into(),
        value: "x".into(),
        id: "t1".into(),
        ..Default::default()
    });
    let report = diagnose(&snapshot, &recognise(&snapshot));
    let text = report.to_string();
    assert!(
        !text.contains(REVEALED) && !text.contains(&REVEALED[..20]),
        "{text}"
    );
    let headings = report["page"]["headings"].as_array().expect("headings");
    assert_eq!(
        headings.iter().filter(|h| h["omitted"] == "secret").count(),
        2
    );
    assert!(report["page"]["title"].is_null());
    assert!(
        text.contains("请求地址"),
        "the rest of the page is still described"
    );
}

#[test]
fn a_field_label_holding_a_revealed_gateway_in_a_note_is_left_out_of_the_forms_too() {
    let mut controls = callback_controls("k1");
    controls[4] = text("k1-gw", &format!("网关（{REVEALED}）")).container("k1");
    let snapshot = page()
        .heading_in("发票回调配置", "k1")
        .with_all(controls)
        .snapshot();
    let recognition = recognise(&snapshot);
    assert!(
        recognition.forms[0].field("网关").is_some_and(|f| f.found),
        "the label's core still names the field"
    );
    let text = diagnose(&snapshot, &recognition).to_string();
    assert!(!text.contains(&REVEALED[..20]), "{text}");
}

#[test]
fn a_held_secret_shown_as_text_is_left_out_even_when_no_gateway_check_would_catch_it() {
    let typed = "Kd#2024!hid";
    let snapshot = callback_page()
        .heading(&format!("密钥 {typed}"))
        .with(text("n1", &format!("认证密钥：{typed}")))
        .snapshot();
    assert!(
        diagnose(&snapshot, &recognise(&snapshot))
            .to_string()
            .contains(typed),
        "not a gateway token by shape"
    );
    let held = [Secret::new(typed.into()), Secret::new(KEY.into())];
    let text = diagnose_holding(&snapshot, &recognise(&snapshot), &held).to_string();
    assert!(!text.contains(typed), "{text}");
    assert!(text.contains("认证密钥") || text.contains("请求地址"));
}

#[test]
fn ordinary_labels_and_titles_are_kept() {
    let snapshot = callback_page()
        .title("发票回调配置 - 金蝶云星瀚")
        .heading("AccessToken认证")
        .snapshot();
    let held = [Secret::new(KEY.into())];
    let report = diagnose_holding(&snapshot, &recognise(&snapshot), &held);
    assert_eq!(report["page"]["title"], "发票回调配置 - 金蝶云星瀚");
    assert!(report["page"]["headings"]
        .as_array()
        .expect("headings")
        .iter()
        .all(|h| h["text"].is_string()));
    assert!(report["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .all(|c| c["labels"][0]["text"].is_string()));
}

proptest! {
    /// A secret the helper holds, anywhere in a caption, heading or title, never reaches the report.
    #[test]
    fn a_held_secret_in_any_page_text_never_appears(
        secret in "[!-~]{8,40}",
        before in "[\\p{Han}]{0,6}[:： ]?",
        after in "[ ]?[\\p{Han}]{0,4}",
    ) {
        prop_assume!(!secret.contains("***") && !secret.to_ascii_lowercase().contains("xxxxxx"));
        let shown = format!("{before}{secret}{after}");
        let mut snapshot = callback_page().title(&shown).heading(&shown).with(text("n1", &shown)).snapshot();
        snapshot.texts.push(TextItem { label: shown.clone(), value: String::new(), id: "t1".into(), ..Default::default() });
        let held = [Secret::new(secret.clone())];
        let text = diagnose_holding(&snapshot, &recognise(&snapshot), &held).to_string();
        // The report is JSON: compare with the secret as JSON writes it.
        let escaped = serde_json::to_string(&secret).expect("json");
        prop_assert!(!text.contains(&escaped[1..escaped.len() - 1]), "{}", text);
    }
}
