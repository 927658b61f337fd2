//! Recognition: which forms a snapshot shows, by which rule each field was found, and that
//! unrelated or half-drawn forms get no bar.

mod forms_support;

use fapiao_helper::forms::{recognise, FormSpec, Offer, RecognisedForm, Recognition, SPECS};
use fapiao_helper::snapshot::{ControlKind, LabelRule, Snapshot, TextItem};
use forms_support::*;

fn only_form(snapshot: &Snapshot) -> RecognisedForm {
    let recognition = recognise(snapshot);
    assert_eq!(
        recognition.forms.len(),
        1,
        "forms: {:?}",
        names(&recognition)
    );
    recognition.forms.into_iter().next().expect("one form")
}

fn names(recognition: &Recognition) -> Vec<String> {
    recognition.forms.iter().map(|f| f.form.clone()).collect()
}

fn found_id(form: &RecognisedForm, field: &str) -> Option<String> {
    form.field(field).and_then(|f| f.control_id.clone())
}

fn found_rule(form: &RecognisedForm, field: &str) -> Option<LabelRule> {
    form.field(field).and_then(|f| f.rule)
}

#[test]
fn the_callback_form_is_recognised_with_every_field_and_its_rule() {
    let form = only_form(&callback_page().snapshot());
    assert_eq!(form.form, "发票回调配置");
    assert_eq!(form.spec, "invoice-callback");
    assert_eq!(form.container.as_deref(), Some("k1"));
    assert!(form.heading_matched);
    let fields: Vec<&str> = form.fields.iter().map(|f| f.field).collect();
    assert_eq!(
        fields,
        [
            "请求地址",
            "数据中心id",
            "第三方应用",
            "第三方应用密码",
            "网关"
        ]
    );
    assert_eq!(found_id(&form, "请求地址").as_deref(), Some("k1-url"));
    assert_eq!(found_id(&form, "第三方应用").as_deref(), Some("k1-app"));
    assert_eq!(found_id(&form, "第三方应用密码").as_deref(), Some("k1-pwd"));
    assert!(form
        .fields
        .iter()
        .all(|f| f.found && f.rule == Some(LabelRule::FormItem)));
    assert!(form.field("第三方应用密码").is_some_and(|f| f.secret));
    assert!(form.field("请求地址").is_some_and(|f| !f.secret));
}

#[test]
fn each_association_rule_alone_finds_the_fields() {
    let rules = [
        LabelRule::LabelFor,
        LabelRule::WrappingLabel,
        LabelRule::AriaLabelledby,
        LabelRule::AriaLabel,
        LabelRule::FormItem,
        LabelRule::TableLeft,
        LabelRule::TableAbove,
        LabelRule::Placeholder,
    ];
    for rule in rules {
        let labelled =
            |id: &str, kind: ControlKind, text: &str| control(id, kind).label(rule, text);
        let snapshot = page()
            .with(labelled("a", ControlKind::Text, "请求地址"))
            .with(labelled("b", ControlKind::Text, "数据中心id"))
            .with(labelled("c", ControlKind::Lookup, "第三方应用"))
            .with(labelled("d", ControlKind::Password, "第三方应用密码"))
            .with(labelled("e", ControlKind::Text, "网关"))
            .snapshot();
        let form = only_form(&snapshot);
        assert_eq!(form.form, "发票回调配置", "{rule:?}");
        assert_eq!(
            form.fields.iter().filter(|f| f.found).count(),
            5,
            "{rule:?}"
        );
        assert_eq!(found_rule(&form, "网关"), Some(rule), "{rule:?}");
    }
}

#[test]
fn placeholders_in_the_usual_please_enter_form_still_name_the_field() {
    let snapshot = page()
        .with(control("a", ControlKind::Text).label(LabelRule::Placeholder, "请输入请求地址"))
        .with(control("b", ControlKind::Text).label(LabelRule::Placeholder, "请输入数据中心id"))
        .with(control("c", ControlKind::Lookup).label(LabelRule::Placeholder, "请选择第三方应用"))
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "第三方应用").as_deref(), Some("c"));
    assert_eq!(found_rule(&form, "请求地址"), Some(LabelRule::Placeholder));
}

#[test]
fn a_tooltip_alone_names_a_field_and_a_caption_wins_over_it() {
    let snapshot = page()
        .with(control("a", ControlKind::Text).label(LabelRule::Title, "请求地址"))
        .with(control("b", ControlKind::Text).label(LabelRule::Title, "请输入数据中心id"))
        .with(
            control("c", ControlKind::Lookup)
                .label(LabelRule::FormItem, "第三方应用")
                .label(LabelRule::Title, "网关"),
        )
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "请求地址").as_deref(), Some("a"));
    assert_eq!(found_rule(&form, "请求地址"), Some(LabelRule::Title));
    assert_eq!(found_id(&form, "数据中心id").as_deref(), Some("b"));
    assert_eq!(found_rule(&form, "第三方应用"), Some(LabelRule::FormItem));
    assert_eq!(found_id(&form, "网关"), None, "c is 第三方应用, not 网关");
}

#[test]
fn label_variants_as_consoles_draw_them_all_match() {
    let variants = [
        [
            "请求地址：",
            "数据中心id：",
            "第三方应用：",
            "第三方应用密码：",
            "网关：",
        ],
        [
            "* 请求地址",
            "* 数据中心id",
            "* 第三方应用",
            "* 第三方应用密码",
            "* 网关",
        ],
        [
            "请求地址:",
            "数据中心ID:",
            "第三方应用:",
            "第三方应用密码:",
            "网关:",
        ],
        [
            "请求地址\u{a0}",
            "\u{a0}数据中心id",
            "第三方应用\u{3000}",
            "第三方应用密码\u{a0}：",
            "网\u{200b}关",
        ],
        [
            "【请求地址】",
            "【数据中心id】",
            "【第三方应用】",
            "【第三方应用密码】",
            "【网关】",
        ],
        [
            "Request URL",
            "Data center ID",
            "Third-party app",
            "Third-party app password",
            "Gateway",
        ],
        [
            "ＲＥＱＵＥＳＴ ＵＲＬ：",
            "DATA CENTER ID",
            "third party app",
            "Third-party app secret",
            "x-acgw-identity",
        ],
    ];
    for labels in variants {
        let kinds = [
            ControlKind::Text,
            ControlKind::Text,
            ControlKind::Lookup,
            ControlKind::Password,
            ControlKind::Text,
        ];
        let snapshot =
            page()
                .with_all(
                    labels.iter().zip(kinds).enumerate().map(|(i, (l, k))| {
                        control(&format!("c{i}"), k).label(LabelRule::FormItem, l)
                    }),
                )
                .snapshot();
        let form = only_form(&snapshot);
        let found: Vec<bool> = form.fields.iter().map(|f| f.found).collect();
        assert_eq!(found, [true; 5], "{labels:?}");
    }
}

#[test]
fn a_password_field_label_never_claims_the_app_lookup_and_the_reverse() {
    // 第三方应用 is a prefix of 第三方应用密码: each control gets its own field.
    let form = only_form(&callback_page().snapshot());
    assert_eq!(found_id(&form, "第三方应用").as_deref(), Some("k1-app"));
    assert_eq!(found_id(&form, "第三方应用密码").as_deref(), Some("k1-pwd"));
}

#[test]
fn the_stronger_rule_of_one_control_decides_its_field() {
    // A sloppy layout: the form item caption says 请求地址 but the input's own label says 网关.
    let snapshot = page()
        .with(
            control("a", ControlKind::Text)
                .label(LabelRule::FormItem, "请求地址")
                .label(LabelRule::LabelFor, "网关"),
        )
        .with(text("b", "数据中心id"))
        .with(control("c", ControlKind::Lookup).label(LabelRule::FormItem, "第三方应用"))
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "网关").as_deref(), Some("a"));
    assert_eq!(found_id(&form, "请求地址"), None);
}

#[test]
fn when_two_controls_claim_a_field_the_better_association_wins() {
    let snapshot = page()
        .with(control("weak", ControlKind::Text).label(LabelRule::Placeholder, "请求地址"))
        .with(control("strong", ControlKind::Text).label(LabelRule::LabelFor, "请求地址"))
        .with(text("b", "数据中心id"))
        .with(control("c", ControlKind::Lookup).label(LabelRule::FormItem, "第三方应用"))
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "请求地址").as_deref(), Some("strong"));
}

#[test]
fn unrelated_forms_get_no_recognition() {
    let person = page()
        .heading("人员")
        .with_all(
            ["工号", "姓名", "手机号码", "邮箱", "所属部门", "岗位"]
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("p{i}"), l)),
        )
        .snapshot();
    let business_unit = page()
        .heading("业务单元")
        .with_all(
            ["编码", "名称", "职能类型", "上级组织", "税号"]
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("b{i}"), l)),
        )
        .snapshot();
    let login = page()
        .title("金蝶云·星瀚 登录")
        .with(control("u", ControlKind::Text).label(LabelRule::Placeholder, "用户名/手机号"))
        .with(control("p", ControlKind::Password).label(LabelRule::Placeholder, "密码"))
        .snapshot();
    let search = page()
        .with(control("q", ControlKind::Text).label(LabelRule::AriaLabel, "搜索"))
        .snapshot();
    let api_tool = page()
        .heading("接口调试")
        .with(text("m", "请求方式"))
        .with(text("u", "请求地址"))
        .with(text("h", "请求头"))
        .with(control("g", ControlKind::Text).label(LabelRule::FormItem, "网关"))
        .snapshot();
    for (name, snapshot) in [
        ("人员", person),
        ("业务单元", business_unit),
        ("登录", login),
        ("搜索", search),
        ("接口调试", api_tool),
    ] {
        assert!(
            recognise(&snapshot).forms.is_empty(),
            "{name}: {:?}",
            names(&recognise(&snapshot))
        );
    }
}

#[test]
fn two_of_five_fields_without_a_heading_is_not_the_form() {
    let snapshot = page()
        .with(text("a", "请求地址"))
        .with(text("b", "数据中心id"))
        .snapshot();
    assert!(recognise(&snapshot).forms.is_empty());
}

#[test]
fn two_of_five_fields_under_the_forms_heading_is_the_form_with_three_not_found() {
    let snapshot = page()
        .heading("发票回调配置")
        .with(text("a", "请求地址"))
        .with(text("b", "数据中心id"))
        .snapshot();
    let form = only_form(&snapshot);
    let missing: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| !f.found)
        .map(|f| f.field)
        .collect();
    assert_eq!(missing, ["第三方应用", "第三方应用密码", "网关"]);
}

#[test]
fn a_heading_alone_never_recognises_a_form() {
    let snapshot = page()
        .heading("发票回调配置")
        .with(text("a", "备注"))
        .snapshot();
    assert!(recognise(&snapshot).forms.is_empty());
    let one_generic = page()
        .heading("发票回调配置")
        .with(text("a", "请求地址"))
        .snapshot();
    assert!(
        recognise(&one_generic).forms.is_empty(),
        "needs a distinctive field too"
    );
}

#[test]
fn three_fields_need_one_distinctive_field() {
    // url, 代理 are generic; without a distinctive field the auth form is not claimed.
    let snapshot = page()
        .with(text("a", "url"))
        .with(text("b", "代理"))
        .with(text("c", "备注"))
        .snapshot();
    assert!(recognise(&snapshot).forms.is_empty());
}

#[test]
fn the_same_form_in_two_containers_is_two_forms() {
    let snapshot = page()
        .heading_in("发票回调配置", "k1")
        .heading_in("发票回调配置", "k2")
        .with_all(callback_controls("k1"))
        .with_all(callback_controls("k2"))
        .snapshot();
    let recognition = recognise(&snapshot);
    assert_eq!(recognition.forms.len(), 2);
    let containers: Vec<Option<&str>> = recognition
        .forms
        .iter()
        .map(|f| f.container.as_deref())
        .collect();
    assert_eq!(containers, [Some("k1"), Some("k2")]);
    assert_eq!(
        found_id(&recognition.forms[1], "网关").as_deref(),
        Some("k2-gw")
    );
    assert_eq!(
        recognition
            .find("发票回调配置", Some("k2"))
            .map(|f| f.container.clone()),
        Some(Some("k2".into()))
    );
}

#[test]
fn a_form_split_over_two_panels_is_one_form() {
    let controls = callback_controls("k1");
    let snapshot = page()
        .with_all(
            controls
                .into_iter()
                .enumerate()
                .map(|(i, c)| c.container(if i < 3 { "panel-a" } else { "panel-b" })),
        )
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(form.fields.iter().filter(|f| f.found).count(), 5);
    assert_eq!(form.container, None, "spans two containers");
}

#[test]
fn the_third_party_app_form_is_not_confused_with_the_callback_forms_field() {
    // The 第三方应用 detail page: its heading names a form that is also a callback field label.
    let detail = page()
        .heading("第三方应用")
        .with(text("a", "系统编码"))
        .with(text("b", "系统名称"))
        .with(control("c", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "授权全部API"))
        .with(control("d", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "允许全部IP访问"))
        .snapshot();
    assert_eq!(only_form(&detail).form, "第三方应用");
    // The callback page under a tab strip that also shows a 第三方应用 tab.
    let callback = callback_page().heading("第三方应用").snapshot();
    assert_eq!(names(&recognise(&callback)), ["发票回调配置"]);
}

#[test]
fn the_access_token_dialog_is_recognised_by_its_title_and_the_digest_dialog_is_not() {
    let access = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["f1", "dlg"]),
        )
        .snapshot();
    assert_eq!(only_form(&access).form, "AccessToken认证");
    let digest = page()
        .heading_in("摘要认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["f1", "dlg"]),
        )
        .snapshot();
    assert!(recognise(&digest).forms.is_empty());
    let untitled = page()
        .with(control("k", ControlKind::Password).label(LabelRule::FormItem, "认证密钥"))
        .snapshot();
    assert!(recognise(&untitled).forms.is_empty());
}

/// The 第三方应用 page's 访问策略 rows (titled, outside any container) and a dialog titled `title`
/// holding 认证密钥.
fn policy_rows_and_dialog(title: &str) -> Snapshot {
    page()
        .title("第三方应用")
        .heading("AccessToken认证")
        .heading("摘要认证")
        .heading_in(title, "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["dlg"]),
        )
        .snapshot()
}

#[test]
fn a_dialog_titled_like_a_row_of_the_page_is_that_form_whatever_other_rows_say() {
    assert_eq!(
        only_form(&policy_rows_and_dialog("AccessToken认证")).form,
        "AccessToken认证"
    );
}

#[test]
fn the_digest_dialog_stays_ruled_out_beside_an_access_token_row() {
    assert!(recognise(&policy_rows_and_dialog("摘要认证"))
        .forms
        .is_empty());
}

#[test]
fn a_dialog_with_a_title_of_its_own_is_not_named_by_text_elsewhere_on_the_page() {
    // Only the title can tell the two 认证密钥 dialogs apart: a dialog titled something else is
    // not AccessToken认证 because a row of the page says so.
    assert!(recognise(&policy_rows_and_dialog("编辑认证"))
        .forms
        .is_empty());
}

#[test]
fn a_page_level_title_still_rules_out_a_page_level_form() {
    let digest = page()
        .heading("摘要认证")
        .heading("AccessToken认证")
        .with(control("k", ControlKind::Password).label(LabelRule::FormItem, "认证密钥"))
        .snapshot();
    assert!(recognise(&digest).forms.is_empty());
}

#[test]
fn the_access_token_dialog_offers_to_generate_a_key_and_to_remember_a_typed_one() {
    let access = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["f1", "dlg"]),
        )
        .snapshot();
    let json = serde_json::to_value(recognise(&access)).expect("serialises");
    assert_eq!(
        json["forms"][0]["offers"],
        serde_json::json!(["fill", "undo", "generate-key", "remember-key"])
    );
    // No other form offers to remember a key: only this dialog's field takes one the user typed.
    for spec in SPECS.iter().filter(|s| s.id != "access-token-auth") {
        assert!(!spec.offers.contains(&Offer::RememberKey), "{}", spec.name);
    }
    let callback =
        serde_json::to_value(recognise(&callback_page().snapshot())).expect("serialises");
    assert_eq!(
        callback["forms"][0]["offers"],
        serde_json::json!(["fill", "undo"])
    );
}

/// A page with a console's search box (an unrelated control) and a text labelled `label` in
/// container `k2` (inside the tab pane `tab`), under `heading` in container `heading_in`.
fn view_mode_page(heading: &str, heading_in: &str, label: &str) -> Snapshot {
    let mut snapshot = page()
        .heading_in(heading, heading_in)
        .with(
            control("search", ControlKind::Text)
                .label(LabelRule::Placeholder, "搜索菜单")
                .containers(&["top"]),
        )
        .snapshot();
    snapshot.texts.push(TextItem {
        label: label.into(),
        id: "t7".into(),
        container: Some("k2".into()),
        containers: vec!["k2".into(), "tab".into()],
        ..Default::default()
    });
    snapshot
}

#[test]
fn a_detail_page_in_view_mode_is_recognised_by_its_heading_and_the_x_acgw_identity_text() {
    let form = only_form(&view_mode_page("第三方应用", "tab", "x-acgw-identity："));
    assert_eq!(form.form, "第三方应用");
    assert!(
        form.fields.iter().all(|f| !f.found),
        "no field is a control in view mode"
    );
    assert_eq!(form.texts, ["t7"]);
    assert_eq!(form.container.as_deref(), Some("k2"));
    let json = serde_json::to_value(&form).expect("serialises");
    assert_eq!(
        json["offers"],
        serde_json::json!(["fill", "undo", "remember-gateway"])
    );
    assert_eq!(json["texts"], serde_json::json!(["t7"]));
}

#[test]
fn a_shown_text_alone_or_under_another_heading_recognises_nothing() {
    assert!(recognise(&view_mode_page("人员", "tab", "x-acgw-identity"))
        .forms
        .is_empty());
    assert!(
        recognise(&view_mode_page("第三方应用", "tab", "x-acgw-identity-test"))
            .forms
            .is_empty()
    );
    assert!(
        recognise(&view_mode_page(
            "第三方应用",
            "elsewhere",
            "x-acgw-identity"
        ))
        .forms
        .is_empty(),
        "a heading of another pane"
    );
    let mut untitled = view_mode_page("第三方应用", "tab", "x-acgw-identity");
    untitled.headings.clear();
    assert!(recognise(&untitled).forms.is_empty());
}

#[test]
fn a_form_found_by_its_controls_is_not_recognised_twice_by_its_text() {
    let mut snapshot = page()
        .heading_in("第三方应用", "k2")
        .with_all([
            text("a", "系统编码").container("k2"),
            text("b", "系统名称").container("k2"),
        ])
        .with(
            control("c", ControlKind::Checkbox)
                .label(LabelRule::FormItem, "授权全部API")
                .container("k2"),
        )
        .snapshot();
    snapshot.texts.push(TextItem {
        label: "x-acgw-identity".into(),
        id: "t1".into(),
        container: Some("k2".into()),
        ..Default::default()
    });
    let form = only_form(&snapshot);
    assert!(form.texts.is_empty());
    assert_eq!(form.fields.iter().filter(|f| f.found).count(), 3);
}

#[test]
fn only_the_shown_text_labels_of_the_specs_are_asked_of_the_collector() {
    assert_eq!(FormSpec::shown_text_labels(), ["x-acgw-identity"]);
}

#[test]
fn a_dialog_title_speaks_for_the_form_nested_in_that_dialog_only() {
    // With ancestry sent, the title of `dlg` reaches `f1` inside it, and nothing outside.
    let inside = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["f1", "dlg"]),
        )
        .snapshot();
    assert_eq!(only_form(&inside).form, "AccessToken认证");
    let elsewhere = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .containers(&["f2", "page"]),
        )
        .snapshot();
    assert!(recognise(&elsewhere).forms.is_empty());
}

#[test]
fn without_ancestry_a_dialog_title_still_reaches_a_form_in_another_container() {
    // Collectors that send only `container`: the title (container `dlg`) and the form inside
    // it (container `f1`) look unrelated; the helper then lets every heading speak.
    let snapshot = page()
        .heading_in("AccessToken认证", "dlg")
        .with(
            control("k", ControlKind::Password)
                .label(LabelRule::FormItem, "认证密钥")
                .container("f1"),
        )
        .snapshot();
    assert_eq!(only_form(&snapshot).form, "AccessToken认证");
}

#[test]
fn the_star_and_the_service_names_of_the_auth_form_both_work_and_the_alias_is_kept() {
    let controls = || {
        vec![
            text("u", "url"),
            text("p", "代理"),
            control("o", ControlKind::Select)
                .label(LabelRule::FormItem, "是否使用原授权")
                .options(&[("", "", true), ("1", "是", false), ("0", "否", false)]),
            text("i", "Client id"),
            control("s", ControlKind::Password).label(LabelRule::FormItem, "Client Secret"),
            control("e", ControlKind::Password).label(LabelRule::FormItem, "Encrypt Key"),
        ]
    };
    let xinghan = page()
        .heading("发票云授权配置")
        .with_all(controls())
        .snapshot();
    assert_eq!(only_form(&xinghan).form, "发票云授权配置");
    let flagship = page()
        .heading("发票服务授权配置")
        .with_all(controls())
        .snapshot();
    assert_eq!(only_form(&flagship).form, "发票服务授权配置");
    let untitled = page().with_all(controls()).snapshot();
    assert_eq!(only_form(&untitled).form, "发票云授权配置");
}

#[test]
fn expense_invoice_cloud_and_tenant_auth_and_image_auth_are_told_apart() {
    let expense = page()
        .with_all(
            [
                "组织",
                "企业税号",
                "企业工商登记名",
                "发票云授权标识",
                "客户端标识",
                "接入标识",
            ]
            .iter()
            .enumerate()
            .map(|(i, l)| text(&format!("e{i}"), l)),
        )
        .snapshot();
    assert_eq!(only_form(&expense).form, "发票云配置");
    let tenant = page()
        .with_all(
            ["授权账号", "授权密钥", "加密key", "租户名称"]
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("t{i}"), l)),
        )
        .snapshot();
    assert_eq!(only_form(&tenant).form, "维护租户授权信息");
    let image = page()
        .with_all(
            ["企业税号", "名称", "授权客户ID", "secret", "encrypt_key"]
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("i{i}"), l)),
        )
        .snapshot();
    assert_eq!(only_form(&image).form, "企业授权配置");
}

#[test]
fn two_different_forms_on_one_page_are_both_recognised_in_page_order() {
    let snapshot = page()
        .with_all(
            ["授权账号", "授权密钥", "加密key"]
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("t{i}"), l).container("k9")),
        )
        .with_all(callback_controls("k1"))
        .snapshot();
    assert_eq!(
        names(&recognise(&snapshot)),
        ["维护租户授权信息", "发票回调配置"]
    );
}

#[test]
fn hidden_text_inputs_and_hidden_checkboxes_are_never_matched() {
    let mut controls = callback_controls("k1");
    controls[0] = controls[0].clone().hidden();
    let form = only_form(&page().with_all(controls).snapshot());
    assert!(!form.field("请求地址").is_some_and(|f| f.found));
    // A custom checkbox whose native input is hidden while its drawn box shows is reported
    // visible by the collector; one reported hidden is in a hidden copy of the form.
    let detail = |hidden: bool| {
        let check = |id: &str, label: &str| {
            let c = control(id, ControlKind::Checkbox).label(LabelRule::WrappingLabel, label);
            if hidden {
                c.hidden()
            } else {
                c
            }
        };
        page()
            .with(text("a", "系统编码"))
            .with(check("c", "授权全部API"))
            .with(check("d", "允许全部IP访问"))
            .snapshot()
    };
    assert_eq!(only_form(&detail(false)).form, "第三方应用");
    assert!(recognise(&detail(true)).forms.is_empty());
}

#[test]
fn a_hidden_trap_input_does_not_take_a_field_from_the_visible_one() {
    let snapshot = callback_page()
        .with(
            control("trap", ControlKind::Password)
                .label(LabelRule::LabelFor, "第三方应用密码")
                .container("k1")
                .hidden(),
        )
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "第三方应用密码").as_deref(), Some("k1-pwd"));
}

#[test]
fn a_checkbox_never_holds_a_text_field_and_a_text_never_holds_a_checkbox_field() {
    let snapshot = page()
        .with(control("x", ControlKind::Checkbox).label(LabelRule::WrappingLabel, "请求地址"))
        .with(text("b", "数据中心id"))
        .with(control("c", ControlKind::Lookup).label(LabelRule::FormItem, "第三方应用"))
        .with(text("d", "网关"))
        .snapshot();
    let form = only_form(&snapshot);
    assert!(!form.field("请求地址").is_some_and(|f| f.found));
}

#[test]
fn radios_of_one_group_are_one_field() {
    let radio = |id: &str, text: &str| {
        control(id, ControlKind::Radio)
            .label(LabelRule::WrappingLabel, text)
            .label(LabelRule::FormItem, "是否使用原授权")
            .named("useOld")
    };
    let snapshot = page()
        .heading("发票云授权配置")
        .with(text("u", "url"))
        .with(radio("yes", "是"))
        .with(radio("no", "否"))
        .with(text("i", "Client id"))
        .snapshot();
    let form = only_form(&snapshot);
    let field = form.field("是否使用原授权").expect("field");
    assert!(field.found);
    assert_eq!(field.group, ["yes", "no"]);
}

#[test]
fn the_title_counts_as_a_heading() {
    let snapshot = page()
        .title("发票回调配置 - 金蝶云")
        .with(text("a", "请求地址"))
        .with(text("b", "数据中心id"))
        .snapshot();
    assert!(only_form(&snapshot).heading_matched);
}

#[test]
fn duplicate_control_ids_and_empty_ids_are_ignored_not_trusted() {
    let snapshot = callback_page()
        .with(text("k1-url", "网关"))
        .with(text("", "网关"))
        .snapshot();
    let form = only_form(&snapshot);
    assert_eq!(found_id(&form, "网关").as_deref(), Some("k1-gw"));
}

#[test]
fn every_spec_is_recognised_from_its_own_labels_under_its_heading() {
    for spec in SPECS {
        let snapshot = page()
            .heading(spec.name)
            .with_all(spec.fields.iter().enumerate().map(|(i, f)| {
                let kind = match f.kind {
                    fapiao_helper::forms::FieldKind::Checkbox => ControlKind::Checkbox,
                    fapiao_helper::forms::FieldKind::Password => ControlKind::Password,
                    fapiao_helper::forms::FieldKind::Lookup => ControlKind::Lookup,
                    _ => ControlKind::Text,
                };
                control(&format!("f{i}"), kind).label(LabelRule::FormItem, f.label)
            }))
            .snapshot();
        let form = only_form(&snapshot);
        assert_eq!(form.spec, spec.id, "{}", spec.name);
        assert!(form.fields.iter().all(|f| f.found), "{}", spec.name);
    }
}

#[test]
fn no_synonym_is_shared_by_two_forms_that_could_be_confused() {
    // A key appearing in two specs is allowed only when neither spec can be recognised from it
    // alone; list them so a new spec that adds an overlap is a conscious choice.
    let mut shared = Vec::new();
    for (i, a) in SPECS.iter().enumerate() {
        for b in &SPECS[i + 1..] {
            for fa in a.fields {
                let (ka, sa) = fa.keys();
                for fb in b.fields {
                    let (kb, sb) = fb.keys();
                    let a_keys: Vec<&String> = std::iter::once(&ka).chain(&sa).collect();
                    if std::iter::once(&kb).chain(&sb).any(|k| a_keys.contains(&k)) {
                        shared.push(format!("{}:{} ~ {}:{}", a.id, fa.label, b.id, fb.label));
                    }
                }
            }
        }
    }
    assert_eq!(
        shared,
        [
            "invoice-cloud-auth:Encrypt Key ~ image-enterprise-auth:encrypt_key",
            "expense-invoice-cloud:企业税号 ~ image-enterprise-auth:企业税号",
            "enterprise-info:企业名称 ~ image-enterprise-auth:名称",
            "enterprise-info:税号 ~ image-enterprise-auth:企业税号",
            "business-system-code:名称 ~ image-enterprise-auth:名称",
        ]
    );
}

#[test]
fn form_names_aliases_and_ids_find_their_spec() {
    assert_eq!(
        FormSpec::find("发票服务授权配置").map(|s| s.id),
        Some("invoice-cloud-auth")
    );
    assert_eq!(
        FormSpec::find("invoice-callback").map(|s| s.name),
        Some("发票回调配置")
    );
    assert!(FormSpec::find("人员").is_none());
}
