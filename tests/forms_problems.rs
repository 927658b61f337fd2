//! The bar's problems: what is wrong with the value a recognised form holds on the page, one
//! code per row, each with a message saying what to fix — and never quoting the page's value.

mod forms_support;

use fapiao_helper::forms::problems::{
    has_doubled_separator, problem_of, problems, repair_url, url_environment, HeldFacts,
};
use fapiao_helper::forms::{recognise, FieldSpec, FormSpec};
use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::paste::Environment;
use fapiao_helper::snapshot::{ControlKind, LabelRule};
use forms_support::*;
use proptest::prelude::*;

const VALID_TAX_ID: &str = "91440300MA5G7K2P0C";

fn spec(id: &str) -> &'static FormSpec {
    FormSpec::find(id).expect("a known spec")
}

fn field(spec_id: &str, label: &str) -> (&'static FormSpec, &'static FieldSpec) {
    let s = spec(spec_id);
    (s, s.field(label).expect("a field of the spec"))
}

fn held(env: &str) -> HeldFacts {
    HeldFacts {
        environment: Some(env.into()),
    }
}

/// The problem code of `value` in `label` of `spec_id`, with nothing pasted.
fn code(spec_id: &str, label: &str, value: &str) -> Option<&'static str> {
    code_with(spec_id, label, value, &HeldFacts::default())
}

fn code_with(spec_id: &str, label: &str, value: &str, facts: &HeldFacts) -> Option<&'static str> {
    let (s, f) = field(spec_id, label);
    problem_of(s, f, value, facts).map(|p| p.code())
}

fn message(spec_id: &str, label: &str, value: &str, facts: &HeldFacts, locale: Locale) -> String {
    let (s, f) = field(spec_id, label);
    problem_of(s, f, value, facts)
        .expect("a problem")
        .message(locale)
}

#[test]
fn a_tenant_client_id_in_any_enterprise_form_is_tenant_credential() {
    for (form, label) in [
        ("invoice-cloud-auth", "Client id"),
        ("expense-invoice-cloud", "发票云授权标识"),
        ("image-enterprise-auth", "授权客户ID"),
        ("multi-image-system", "发票云授权码"),
    ] {
        assert_eq!(
            code(form, label, "TN_8a9f2c71d3"),
            Some("tenant-credential"),
            "{form} {label}"
        );
        assert_eq!(
            code(form, label, "tn_8a9f2c71d3"),
            Some("tenant-credential"),
            "lowercase: {form}"
        );
        assert_eq!(
            code(form, label, " TN_8a9f2c71d3"),
            Some("tenant-credential"),
            "the level first: {form}"
        );
        assert_eq!(code(form, label, "8a9f2c71d3e04b"), None, "{form} {label}");
    }
}

#[test]
fn an_enterprise_client_id_in_the_tenant_form_is_enterprise_credential() {
    assert_eq!(
        code("tenant-auth", "授权账号", "8a9f2c71d3e04b"),
        Some("enterprise-credential")
    );
    assert_eq!(code("tenant-auth", "授权账号", "TN_8a9f2c71d3"), None);
    assert_eq!(
        code("tenant-auth", "授权账号", ""),
        None,
        "an empty field is no problem yet"
    );
}

#[test]
fn a_url_of_the_other_environment_than_the_pasted_mail_is_environment_mismatch() {
    let url = |v: &str, env: &str| code_with("invoice-cloud-auth", "url", v, &held(env));
    assert_eq!(
        url("https://api-dev.piaozone.com/test", "prod"),
        Some("environment-mismatch")
    );
    assert_eq!(
        url("https://api.piaozone.com", "test"),
        Some("environment-mismatch")
    );
    assert_eq!(
        url("https://api.piaozone.com/", "test"),
        Some("environment-mismatch")
    );
    assert_eq!(url("https://api.piaozone.com", "prod"), None);
    assert_eq!(url("https://api-dev.piaozone.com/test", "test"), None);
    assert_eq!(
        url("https://api-dev.piaozone.com/test", "unknown"),
        None,
        "an unknown environment says nothing"
    );
    assert_eq!(
        code(
            "invoice-cloud-auth",
            "url",
            "https://api-dev.piaozone.com/test"
        ),
        None,
        "nothing pasted"
    );
    assert_eq!(
        url("http://10.0.0.5:8080/fpy", "prod"),
        None,
        "a private deployment says nothing"
    );
}

#[test]
fn the_mismatch_message_names_both_environments_and_the_right_url() {
    let zh = message(
        "invoice-cloud-auth",
        "url",
        "https://api-dev.piaozone.com/test",
        &held("prod"),
        Locale::ZhCn,
    );
    assert!(
        zh.contains("测试环境")
            && zh.contains("正式环境")
            && zh.contains("https://api.piaozone.com"),
        "{zh}"
    );
    let en = message(
        "invoice-cloud-auth",
        "url",
        "https://api.piaozone.com",
        &held("test"),
        Locale::En,
    );
    assert!(
        en.contains("https://api-dev.piaozone.com/test") && en.contains("production"),
        "{en}"
    );
}

#[test]
fn url_environment_goes_by_the_host() {
    assert_eq!(
        url_environment("https://api.piaozone.com"),
        Some(Environment::Prod)
    );
    assert_eq!(
        url_environment("https://API.piaozone.com/x"),
        Some(Environment::Prod)
    );
    assert_eq!(
        url_environment("https://api-dev.piaozone.com/test/"),
        Some(Environment::Test)
    );
    assert_eq!(url_environment("https://kdimage-demo.piaozone.com/"), None);
    assert_eq!(url_environment("not a url"), None);
}

#[test]
fn spaces_anywhere_in_ids_keys_and_urls_are_whitespace() {
    for (form, label, value) in [
        ("invoice-cloud-auth", "Client id", "8a9f2c71d3e04b "),
        ("invoice-cloud-auth", "Client id", "8a9f 2c71d3e04b"),
        ("invoice-cloud-auth", "Client Secret", " s3cr3tValue"),
        ("invoice-cloud-auth", "Encrypt Key", "k3y\u{3000}value"),
        ("invoice-cloud-auth", "Encrypt Key", "k3y\u{200B}value"),
        ("invoice-cloud-auth", "url", "https://api.piaozone.com "),
        ("tenant-auth", "授权账号", "TN_8a9f 2c71"),
        ("tenant-auth", "加密key", "abc\u{a0}def"),
        ("expense-invoice-cloud", "接入标识", "abc def"),
        ("enterprise-info", "税号", "91440300MA5G7K2P0C "),
        ("invoice-cloud-auth", "代理", " 10.0.0.8:3128"),
    ] {
        assert_eq!(
            code(form, label, value),
            Some("whitespace"),
            "{form} {label} {value:?}"
        );
    }
    assert_eq!(
        code("enterprise-info", "企业名称", "金蝶 演示"),
        None,
        "a name may hold a space"
    );
    assert_eq!(
        code("invoice-cloud-auth", "Client Secret", "s3cr3tValue"),
        None
    );
}

#[test]
fn a_tax_id_failing_gb_32100_is_tax_id() {
    for (form, label) in [
        ("enterprise-info", "税号"),
        ("expense-invoice-cloud", "企业税号"),
        ("image-enterprise-auth", "企业税号"),
    ] {
        assert_eq!(code(form, label, VALID_TAX_ID), None, "{form}");
        assert_eq!(
            code(form, label, "91440300MA5G7K2P0D"),
            Some("tax-id"),
            "check character: {form}"
        );
        assert_eq!(
            code(form, label, "91440300MA5G7K2P0"),
            Some("tax-id"),
            "17 characters: {form}"
        );
        assert_eq!(
            code(form, label, "91440300ma5g7k2p0c"),
            Some("tax-id"),
            "lowercase: {form}"
        );
        assert_eq!(
            code(form, label, "91440300MA5G7K2POC"),
            Some("tax-id"),
            "an O: {form}"
        );
        assert_eq!(
            code(form, label, "440300123456789"),
            Some("tax-id"),
            "an old 15-digit number: {form}"
        );
    }
    let zh = message(
        "enterprise-info",
        "税号",
        "91440300MA5G7K2P0D",
        &HeldFacts::default(),
        Locale::ZhCn,
    );
    assert!(
        zh.contains("校验") || zh.contains("核对") || zh.contains("第"),
        "{zh}"
    );
}

#[test]
fn urls_that_are_no_http_address_are_malformed_url() {
    for value in [
        "api.piaozone.com",
        "htps://api.piaozone.com",
        "https//api.piaozone.com",
        "https://",
        "ftp://api.piaozone.com",
        "https:/api.piaozone.com",
    ] {
        assert_eq!(
            code("invoice-cloud-auth", "url", value),
            Some("malformed-url"),
            "{value}"
        );
    }
    assert_eq!(
        code("invoice-cloud-auth", "url", "https:://api.piaozone.com"),
        Some("malformed-url"),
        "doubled outside the 影像系统"
    );
    assert_eq!(
        code("invoice-cloud-auth", "url", "http://10.0.0.5:8080/fpy/"),
        None
    );
    assert_eq!(
        code("business-system-code", "回调地址", "callback"),
        Some("malformed-url")
    );
}

#[test]
fn a_malformed_url_offers_the_repaired_one_when_there_is_one() {
    let zh = message(
        "invoice-cloud-auth",
        "url",
        "https//api.piaozone.com",
        &HeldFacts::default(),
        Locale::ZhCn,
    );
    assert!(zh.contains("https://api.piaozone.com"), "{zh}");
    let en = message(
        "invoice-cloud-auth",
        "url",
        "api.piaozone.com",
        &HeldFacts::default(),
        Locale::En,
    );
    assert!(en.contains("http(s)") || en.contains("http://"), "{en}");
}

#[test]
fn image_system_urls_with_a_doubled_colon_or_slash_are_doubled_separator_with_the_repair() {
    for (value, repaired) in [
        (
            "http:://kdimage-demo.piaozone.com/",
            "http://kdimage-demo.piaozone.com/",
        ),
        ("http:///api.piaozone.com/", "http://api.piaozone.com/"),
        ("http://10.0.0.5::8080/api/", "http://10.0.0.5:8080/api/"),
        ("http://10.0.0.5:8080//api/", "http://10.0.0.5:8080/api/"),
    ] {
        assert_eq!(
            code("multi-image-system", "影像IP/域名", value),
            Some("doubled-separator"),
            "{value}"
        );
        let zh = message(
            "multi-image-system",
            "影像IP/域名",
            value,
            &HeldFacts::default(),
            Locale::ZhCn,
        );
        assert!(zh.contains(repaired), "{zh}");
        assert_eq!(repair_url(value).as_deref(), Some(repaired));
    }
    assert_eq!(
        code(
            "multi-image-system",
            "影像IP/域名",
            "http://kdimage-demo.piaozone.com/"
        ),
        None
    );
}

#[test]
fn doubled_separators_are_told_from_the_scheme_s_own() {
    assert!(!has_doubled_separator("https://api.piaozone.com/test"));
    assert!(has_doubled_separator("https:://api.piaozone.com"));
    assert!(has_doubled_separator("https:///api.piaozone.com"));
    assert!(has_doubled_separator("https://api.piaozone.com//test"));
    assert!(has_doubled_separator("http://h::80/"));
}

#[test]
fn the_eas_prefix_must_be_host_port_ormrpc_services() {
    let c = |v: &str| code("eas-business-system", "前缀地址", v);
    assert_eq!(c("http://10.0.0.5:6888/ormrpc/services/"), None);
    assert_eq!(c("http://eas.example.com:6888/ormrpc/services/"), None);
    assert_eq!(
        c("http://10.0.0.5:6888/ormrpc/services"),
        Some("eas-prefix"),
        "no trailing /"
    );
    assert_eq!(
        c("http://10.0.0.5/ormrpc/services/"),
        Some("eas-prefix"),
        "no port"
    );
    assert_eq!(c("http://10.0.0.5:6888/"), Some("eas-prefix"));
    assert_eq!(c("10.0.0.5:6888"), Some("eas-prefix"));
    assert_eq!(
        c("http://10.0.0.5:6888 /ormrpc/services/"),
        Some("whitespace")
    );
    assert_eq!(
        c("http://10.0.0.5:6888//ormrpc/services/"),
        Some("doubled-separator")
    );
    let zh = message(
        "eas-business-system",
        "前缀地址",
        "http://10.0.0.5:6888/",
        &HeldFacts::default(),
        Locale::ZhCn,
    );
    assert!(
        zh.contains("http://10.0.0.5:6888/ormrpc/services/"),
        "the repaired prefix is offered: {zh}"
    );
}

#[test]
fn the_proxy_must_be_ip_port() {
    let c = |v: &str| code("invoice-cloud-auth", "代理", v);
    assert_eq!(c("10.0.0.8:3128"), None);
    assert_eq!(c("proxy.example.com:8080"), None);
    assert_eq!(c(""), None, "no proxy: empty is right");
    for bad in [
        "10.0.0.8",
        "http://10.0.0.8:3128",
        "10.0.0.8:",
        "10.0.0.8:99999",
        "10.0.0.8：3128",
    ] {
        assert_eq!(c(bad), Some("proxy-format"), "{bad}");
    }
}

#[test]
fn business_system_codes_are_letters_and_digits() {
    assert_eq!(code("business-system-code", "编码", "EAS01"), None);
    assert_eq!(
        code("business-system-code", "编码", "EAS_01"),
        Some("code-format")
    );
    assert_eq!(
        code("business-system-code", "编码", "业务系统"),
        Some("code-format")
    );
    assert_eq!(
        code("business-system-code", "名称", "eas-system"),
        Some("code-format")
    );
    assert_eq!(
        code("third-party-app", "系统编码", "fpy.app"),
        Some("code-format")
    );
    assert_eq!(code("third-party-app", "系统编码", "fpyapp"), None);
}

#[test]
fn choices_and_empty_values_have_no_problem() {
    assert_eq!(code("invoice-cloud-auth", "是否使用原授权", "TN_ x"), None);
    assert_eq!(code("invoice-cloud-auth", "Client id", ""), None);
}

#[test]
fn every_message_is_localised() {
    let facts = held("prod");
    for (form, label, value) in [
        ("invoice-cloud-auth", "Client id", "TN_1"),
        ("tenant-auth", "授权账号", "abc"),
        (
            "invoice-cloud-auth",
            "url",
            "https://api-dev.piaozone.com/test",
        ),
        ("invoice-cloud-auth", "Client Secret", "a b"),
        ("enterprise-info", "税号", "123"),
        ("invoice-cloud-auth", "url", "x"),
        ("multi-image-system", "影像IP/域名", "http:://a/"),
        ("eas-business-system", "前缀地址", "http://a/"),
        ("invoice-cloud-auth", "代理", "x"),
        ("business-system-code", "编码", "a-b"),
    ] {
        let zh = message(form, label, value, &facts, Locale::ZhCn);
        let en = message(form, label, value, &facts, Locale::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_ne!(zh, en);
        assert!(
            en.split_whitespace().filter(|w| w.is_ascii()).count() >= 5,
            "an English sentence: {en}"
        );
    }
}

/// The auth form as the demo draws it, with these values.
fn auth_page(values: [&str; 5]) -> fapiao_helper::snapshot::Snapshot {
    let labels = ["url", "代理", "Client id", "Client Secret", "Encrypt Key"];
    let kinds = [
        ControlKind::Text,
        ControlKind::Text,
        ControlKind::Text,
        ControlKind::Password,
        ControlKind::Password,
    ];
    let mut p = page().heading_in("发票云授权配置", "pg");
    for (i, ((label, kind), value)) in labels.iter().zip(kinds).zip(values).enumerate() {
        p = p.with(
            control(&format!("c{i}"), kind)
                .label(LabelRule::FormItem, label)
                .containers(&["f", "pg"])
                .value(value),
        );
    }
    p.with(
        control("c9", ControlKind::Select)
            .label(LabelRule::FormItem, "是否使用原授权")
            .containers(&["f", "pg"]),
    )
    .snapshot()
}

#[test]
fn a_recognised_form_s_problems_come_per_row_in_field_order() {
    let snapshot = auth_page([
        "https://api-dev.piaozone.com/test",
        "10.0.0.8",
        "TN_8a9f2c71d3",
        "s3cr3t value",
        "okKey",
    ]);
    let form = recognise(&snapshot)
        .forms
        .into_iter()
        .next()
        .expect("the auth form");
    let rows = problems(&snapshot, &form, &held("prod"), Locale::ZhCn);
    let codes: Vec<(&str, &str)> = rows.iter().map(|r| (r.field, r.problem)).collect();
    assert_eq!(
        codes,
        [
            ("url", "environment-mismatch"),
            ("代理", "proxy-format"),
            ("Client id", "tenant-credential"),
            ("Client Secret", "whitespace")
        ]
    );
    for r in &rows {
        assert!(
            !r.message.contains("s3cr3t") && !r.message.contains("TN_8a9f2c71d3"),
            "never the page's value: {}",
            r.message
        );
    }
    let clean = auth_page([
        "https://api.piaozone.com",
        "",
        "8a9f2c71d3e04b",
        "s3cr3tvalue",
        "okKey",
    ]);
    let form = recognise(&clean)
        .forms
        .into_iter()
        .next()
        .expect("the auth form");
    assert!(problems(&clean, &form, &held("prod"), Locale::En).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any value in any field: no panic, and a message never holds the value itself (a secret
    /// may sit in any field), except a URL field's repaired address.
    #[test]
    fn no_panic_and_no_echo_of_secrets(value in "[ -~\u{3000}\u{200B}中文TN_:/]{0,40}", pick in 0usize..64) {
        let specs: Vec<&FormSpec> = fapiao_helper::forms::SPECS.iter().collect();
        let s = specs[pick % specs.len()];
        let f = &s.fields[pick % s.fields.len()];
        if let Some(problem) = problem_of(s, f, &value, &held("prod")) {
            let message = problem.message(Locale::En);
            if f.is_secret() && value.trim().chars().count() >= 6 {
                prop_assert!(!message.contains(value.trim()), "{message}");
            }
        }
    }

    /// A repaired address is itself no problem of its own kind.
    #[test]
    fn a_repaired_url_is_a_good_url(value in "(https?)(:{1,3})(/{0,4})[a-z]{1,8}(\\.[a-z]{2,4})(:{0,2}[0-9]{2,4})?(/{1,3}[a-z]{0,5}){0,3}") {
        if let Some(repaired) = repair_url(&value) {
            prop_assert!(!has_doubled_separator(&repaired), "{repaired}");
            prop_assert_eq!(code("multi-image-system", "影像IP/域名", &repaired), None);
        }
    }
}
