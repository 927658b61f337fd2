//! Recognition of the forms that take the pasted 授权邮件, drawn as the demo console draws them:
//! each form's page a container (`role=form`) holding its title and a KDesign `<form>` with
//! form-item captions, beside a menu whose items are page-level titles naming other forms.

mod forms_support;

use fapiao_helper::forms::{recognise, RecognisedForm};
use fapiao_helper::snapshot::{Control, ControlKind, LabelRule, Snapshot};
use forms_support::*;

/// The menu's item titles: page-level headings, whatever tab is open.
const MENU: [&str; 9] = [
    "发票回调配置",
    "发票服务授权配置",
    "发票云授权配置",
    "数电配置",
    "企业信息",
    "发票云配置",
    "对接业务系统配置",
    "企业授权配置",
    "第三方应用",
];

/// A demo tab: its page container `pg` titled `title`, the form `f` inside it, the menu around.
fn demo_page(title: &str, fields: &[(&str, ControlKind)]) -> Snapshot {
    let mut page = page();
    for item in MENU {
        page = page.heading(item);
    }
    page = page.heading_in(title, "pg");
    let controls: Vec<Control> = fields
        .iter()
        .enumerate()
        .map(|(i, (label, kind))| {
            control(&format!("c{i}"), *kind)
                .label(LabelRule::FormItem, label)
                .containers(&["f", "pg"])
        })
        .collect();
    page.with_all(controls).snapshot()
}

fn only(snapshot: &Snapshot) -> RecognisedForm {
    let recognition = recognise(snapshot);
    assert_eq!(
        recognition.forms.len(),
        1,
        "{:?}",
        recognition
            .forms
            .iter()
            .map(|f| &f.form)
            .collect::<Vec<_>>()
    );
    recognition.forms.into_iter().next().expect("one form")
}

const T: ControlKind = ControlKind::Text;
const P: ControlKind = ControlKind::Password;
const L: ControlKind = ControlKind::Lookup;

const AUTH: [(&str, ControlKind); 6] = [
    ("url", T),
    ("代理", T),
    ("是否使用原授权", L),
    ("Client id", T),
    ("Client Secret", P),
    ("Encrypt Key", P),
];

#[test]
fn the_forms_own_title_names_it_though_the_menu_names_its_other_product_s_name() {
    let flagship = only(&demo_page("发票服务授权配置", &AUTH));
    assert_eq!(flagship.form, "发票服务授权配置");
    assert!(flagship.heading_matched);
    let xinghan = only(&demo_page("发票云授权配置", &AUTH));
    assert_eq!(xinghan.form, "发票云授权配置");
}

#[test]
fn every_field_of_the_auth_form_is_found_by_its_caption() {
    let form = only(&demo_page("发票云授权配置", &AUTH));
    assert!(form.fields.iter().all(|f| f.found), "{:?}", form.fields);
    assert!(form.field("Client Secret").is_some_and(|f| f.secret));
    assert!(form.field("Encrypt Key").is_some_and(|f| f.secret));
    assert!(form.field("Client id").is_some_and(|f| !f.secret));
}

#[test]
fn the_expense_form_is_told_from_the_auth_form_by_its_labels_not_its_title() {
    let expense = [
        ("组织", L),
        ("企业税号", T),
        ("企业工商登记名", T),
        ("发票云授权标识", T),
        ("客户端标识", P),
        ("接入标识", P),
    ];
    let form = only(&demo_page("发票云配置", &expense));
    assert_eq!(form.form, "发票云配置");
    assert_eq!(form.spec, "expense-invoice-cloud");
    // The auth form's labels under a page titled 发票云配置 (its list's name) are still the auth form.
    assert_eq!(
        only(&demo_page("发票云配置", &AUTH)).spec,
        "invoice-cloud-auth"
    );
}

#[test]
fn the_tenant_form_is_recognised_in_its_own_tab_and_holds_only_tenant_fields() {
    let tenant = [
        ("租户名称", T),
        ("授权账号", T),
        ("授权密钥", P),
        ("加密key", P),
        ("发票云租户授权标识", T),
    ];
    let form = only(&demo_page("维护租户授权信息", &tenant));
    assert_eq!(form.form, "维护租户授权信息");
    assert!(form.fields.iter().all(|f| f.found));
}

#[test]
fn enterprise_info_and_the_image_enterprise_auth_are_not_taken_for_each_other() {
    let info = [
        ("组织编码", T),
        ("企业名称", T),
        ("税号", T),
        ("开收票通道", L),
    ];
    assert_eq!(
        only(&demo_page("企业基础信息", &info)).spec,
        "enterprise-info"
    );
    let image = [
        ("企业税号", T),
        ("名称", T),
        ("授权客户ID", T),
        ("secret", P),
        ("encrypt_key", P),
    ];
    assert_eq!(
        only(&demo_page("企业授权配置", &image)).spec,
        "image-enterprise-auth"
    );
    let eas = [
        ("业务系统", L),
        ("前缀地址", T),
        ("EAS数据中心编码", T),
        ("EASSI名称", T),
        ("EAS用户名", T),
        ("EAS密码", P),
    ];
    assert_eq!(
        only(&demo_page("对接业务系统配置", &eas)).spec,
        "eas-business-system"
    );
}
