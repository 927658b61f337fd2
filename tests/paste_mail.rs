//! 授权邮件 / 出库邮件 pastes → environment, enterprises, tenants and problems. Each sample in
//! tests/paste_samples/ is a shape mails arrive in; the inline ones are the edge cases.
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::paste::{read_paste, Enterprise, Environment, Paste, PasteKind, Tenant};

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("paste_samples/", $name, ".txt"))
    };
}

fn mail(text: &str) -> Paste {
    match read_paste(text) {
        Ok(paste) => {
            assert_eq!(paste.kind, PasteKind::Mail, "{text:.80}");
            paste
        }
        Err(e) => panic!(
            "{text:.120}\nshould read, got {e}: {}",
            e.message(Locale::ZhCn)
        ),
    }
}

/// (name, 税号, ClientID, ClientSecret, EncryKey) of a complete enterprise.
fn assert_enterprise(e: &Enterprise, name: &str, tax_id: &str, id: &str, secret: &str, key: &str) {
    assert_eq!(e.name, name);
    assert_eq!(e.tax_id, tax_id);
    assert_eq!(e.client_id.as_deref(), Some(id), "{name}");
    assert_eq!(
        e.client_secret.as_ref().map(|s| s.expose()),
        Some(secret),
        "{name}"
    );
    assert_eq!(
        e.encrypt_key.as_ref().map(|s| s.expose()),
        Some(key),
        "{name}"
    );
    assert!(e.missing.is_empty(), "{name}: {:?}", e.missing);
}

fn assert_tenant(t: &Tenant, id: &str, secret: &str, key: &str) {
    assert_eq!(t.client_id.as_deref(), Some(id));
    assert_eq!(t.client_secret.as_ref().map(|s| s.expose()), Some(secret));
    assert_eq!(t.encrypt_key.as_ref().map(|s| s.expose()), Some(key));
    assert!(t.missing.is_empty(), "{:?}", t.missing);
}

const YUNFAN: (&str, &str, &str, &str, &str) = (
    "深圳市云帆数科技术有限公司",
    "91440300MA5G8TQK2M",
    "c7f3a1d09b2e4c58a6d1",
    "5e8b0c2f9a714d3eb6c7a2f41d9e0b63",
    "Kq7Zp2Lm9Xw4Rt6B",
);
const XINGHE: (&str, &str, &str, &str, &str) = (
    "北京星河智联科技有限公司",
    "91110108MA01R2XL7U",
    "b1e0f6c3d2a94e87",
    "0f4d8e2c6a1b47f3a9e5c2d8b7f1e0a3",
    "Wm5Tq8Zr2Lp6Ns4C",
);
const PUJIANG: (&str, &str, &str, &str, &str) = (
    "上海浦江供应链管理有限公司",
    "91310115MA1K4PQ53Y",
    "f3a92d7b1c0e46d5",
    "9c2e7a1f4b8d40e6a3f5c7d9b1e0a2c4",
    "Rb7Xk3Jm9Vc1Hd5F",
);
const XIXI: (&str, &str, &str, &str, &str) = (
    "杭州西溪贸易有限公司",
    "91330106MA2H3WQN0U",
    "4d8e1b6f2a9c43e0",
    "e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0",
    "Pz4Gy8Ku2Qn6Ts0A",
);

fn is(e: &Enterprise, (name, tax_id, id, secret, key): (&str, &str, &str, &str, &str)) {
    assert_enterprise(e, name, tax_id, id, secret, key);
}

#[test]
fn production_outbound_mail_with_enterprise_and_tenant_sections() {
    let p = mail(sample!("prod_outbound_kv"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(
        p.environment_url.as_deref(),
        Some("https://api.piaozone.com")
    );
    assert_eq!(
        p.enterprises.len(),
        1,
        "the greeting and the signature are not enterprises"
    );
    is(&p.enterprises[0], YUNFAN);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_8d2f6a0c4e1b",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    );
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn test_mail_with_three_enterprises_chinese_labels_and_full_width_colons() {
    let p = mail(sample!("test_multi_fullwidth"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(
        p.environment_url.as_deref(),
        Some("https://api-dev.piaozone.com/test")
    );
    assert_eq!(p.enterprises.len(), 3);
    is(&p.enterprises[0], XINGHE);
    is(&p.enterprises[1], PUJIANG);
    is(&p.enterprises[2], XIXI);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_5c1a9e3f7b2d",
        "2b6f0d4a8c1e45f9b3a7d1c5e9f0b2d6",
        "Lx1Mv5Cq9Bw3Nr7S",
    );
}

#[test]
fn forwarded_reply_with_nested_quotes_snake_case_labels_and_a_wrapped_secret() {
    let p = mail(sample!("quoted_reply_wrapped"));
    assert_eq!(
        p.environment,
        Environment::Test,
        "演示环境 is a test environment"
    );
    assert_eq!(p.enterprises.len(), 1);
    assert_enterprise(
        &p.enterprises[0],
        "成都锦城物流有限公司",
        "91510100MA6CW4YE17",
        "7be02c4f91ad4e3b85f6c1d0a9e27b4f",
        "3f9c0e7a2b5d48e19c6f0a3b7d2e5c8f1a4b9e0d6c3f7a2b5d8e1c4f7a0b3e6d",
        "Hc6Vm1Qp8Zt3Wx5K",
    );
}

#[test]
fn html_table_with_tabs_a_numbering_column_and_a_tenant_row() {
    let p = mail(sample!("html_table_tabs"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], YUNFAN);
    assert_enterprise(
        &p.enterprises[1],
        "广州市天河区星光商行",
        "92440101MA9UJ1B2XW",
        "a0d9e8c7b6f54a3e21d0",
        "8c7b6a5f4e3d42c1b0a9f8e7d6c5b4a3",
        "Nu2Hy6Tb0Wc4Fk8M",
    );
    assert_eq!(p.tenants.len(), 1);
    assert_eq!(p.tenants[0].name.as_deref(), Some("租户（集团）"));
    assert_tenant(
        &p.tenants[0],
        "TN_77ab12cd34ef",
        "d4c3b2a1f0e94d8c7b6a5f4e3d2c1b0a",
        "Qe9Rs3Ud7Ig1Oh5J",
    );
}

#[test]
fn space_aligned_table_in_english_with_names_holding_spaces() {
    let p = mail(sample!("table_spaces_english"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 2);
    assert_enterprise(
        &p.enterprises[0],
        "Acme Trading Co., Ltd",
        "9144030071526726XG",
        "5a4b3c2d1e0f9a8b",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "Ab3De6Gh9Jk2Mn5P",
    );
    assert_eq!(p.enterprises[1].name, "Shenzhen Cloudsail Ltd");
}

#[test]
fn markdown_table_and_tenant_labels_in_code_marks() {
    let p = mail(sample!("markdown_table"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], XINGHE);
    is(&p.enterprises[1], PUJIANG);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_5c1a9e3f7b2d",
        "2b6f0d4a8c1e45f9b3a7d1c5e9f0b2d6",
        "Lx1Mv5Cq9Bw3Nr7S",
    );
}

#[test]
fn transposed_table_one_enterprise_per_column() {
    let p = mail(sample!("transposed_table"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], XINGHE);
    is(&p.enterprises[1], PUJIANG);
}

#[test]
fn labels_and_values_on_alternate_lines() {
    let p = mail(sample!("label_next_line"));
    assert_eq!(
        p.environment,
        Environment::Test,
        "沙箱 is a test environment"
    );
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], XIXI);
}

#[test]
fn several_values_per_line_with_a_numbered_name_heading_and_tenant_prefixed_labels() {
    let p = mail(sample!("inline_pairs"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], YUNFAN);
    assert_enterprise(
        &p.enterprises[1],
        "成都锦城物流有限公司",
        "91510100MA6CW4YE17",
        "7be02c4f91ad4e3b",
        "3f9c0e7a2b5d48e19c6f0a3b7d2e5c8f",
        "Hc6Vm1Qp8Zt3Wx5K",
    );
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_8d2f6a0c4e1b",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    );
}

#[test]
fn expense_module_names_for_the_three_values() {
    let p = mail(sample!("expense_names"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], PUJIANG);
}

#[test]
fn markdown_bullets_bold_labels_with_aliases_and_bullet_tenant_lines() {
    let p = mail(sample!("bullets_markdown"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], XINGHE);
    assert_eq!(p.tenants.len(), 1);
}

#[test]
fn outlook_forward_with_equals_signs_and_the_subject_saying_sandbox() {
    let p = mail(sample!("outlook_forward"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 1);
    assert_eq!(p.enterprises[0].name, "成都锦城物流有限公司");
    assert_eq!(p.enterprises[0].tax_id, "91510100MA6CW4YE17");
}

#[test]
fn prose_naming_both_environments_does_not_decide() {
    let p = mail(sample!("both_envs_prose"));
    assert_eq!(
        p.environment,
        Environment::Test,
        "the mail's own 测试环境 line decides"
    );
    is(&p.enterprises[0], XIXI);
}

#[test]
fn a_mail_that_states_no_environment_is_unknown() {
    let p = mail(sample!("no_environment"));
    assert_eq!(p.environment, Environment::Unknown);
    assert_eq!(p.environment_url, None);
    is(&p.enterprises[0], XIXI);
}

#[test]
fn an_environment_line_contradicting_the_endpoint_is_unknown() {
    let p = mail(sample!("conflicting_statements"));
    assert_eq!(p.environment, Environment::Unknown);
}

#[test]
fn the_same_enterprise_in_a_summary_table_and_in_detail_is_one() {
    let p = mail(sample!("duplicate_same"));
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], YUNFAN);
}

#[test]
fn problems_name_the_tax_id_as_pasted_and_the_field() {
    let p = mail(sample!("problems"));
    assert_eq!(p.enterprises.len(), 3);
    let problems: Vec<(&str, Option<&str>, Option<&str>)> = p
        .problems
        .iter()
        .map(|pr| (pr.code(), pr.tax_id.as_deref(), pr.field))
        .collect();
    assert_eq!(
        problems,
        [
            ("tax-id", Some("91440300MA5G8TQK2N"), Some("taxId")),
            (
                "whitespace",
                Some("91440300MA5G8TQK2N"),
                Some("clientSecret")
            ),
            (
                "tenant-credential",
                Some("91510100MA6CW4YE17"),
                Some("clientId")
            ),
            ("tax-id", Some("440301123456789"), Some("taxId")),
        ]
    );
    // The enterprise listed with a TN_ ClientID stays an enterprise: the problem says so.
    assert_eq!(
        p.enterprises[1].client_id.as_deref(),
        Some("TN_8d2f6a0c4e1b")
    );
    assert!(p.tenants.is_empty());
    // The spaced secret is kept as pasted, not silently repaired.
    assert_eq!(
        p.enterprises[0].client_secret.as_ref().map(|s| s.expose()),
        Some("5e8b0c2f 9a714d3eb6c7a2f41d9e0b63")
    );
    for problem in &p.problems {
        for locale in [Locale::ZhCn, Locale::En] {
            let message = problem.message(locale);
            assert!(!message.is_empty());
            assert!(
                !message.contains("9a714d3eb6c7a2f41d9e0b63"),
                "a message never holds a secret"
            );
        }
    }
    assert!(p.problems[0]
        .message(Locale::ZhCn)
        .contains("深圳市云帆数科技术有限公司"));
    assert!(p.problems[2]
        .message(Locale::ZhCn)
        .contains("维护租户授权信息"));
    assert!(p.problems[3]
        .message(Locale::ZhCn)
        .contains("旧纳税人识别号"));
}

#[test]
fn values_that_cannot_be_read_are_listed_with_why() {
    let p = mail(sample!("missing_values"));
    assert_eq!(p.enterprises.len(), 2);
    let reasons = |e: &Enterprise| -> Vec<(&str, &str)> {
        e.missing
            .iter()
            .map(|m| (m.field.as_str(), m.reason.code()))
            .collect()
    };
    assert_eq!(
        reasons(&p.enterprises[0]),
        [("clientSecret", "masked"), ("encryptKey", "empty")]
    );
    assert_eq!(
        reasons(&p.enterprises[1]),
        [("clientSecret", "unreadable"), ("encryptKey", "not-found")]
    );
    assert!(
        p.enterprises[0].client_secret.is_none(),
        "a masked value is never held"
    );
    for m in &p.enterprises[1].missing {
        assert!(m
            .message(Locale::ZhCn)
            .contains(m.field.label(Locale::ZhCn)));
        assert!(m.message(Locale::En).contains(m.field.label(Locale::En)));
    }
}

#[test]
fn an_enterprise_without_a_tax_id_says_so() {
    let p = mail("环境：正式\nClientID：c7f3a1d09b2e4c58a6d1\nClientSecret：5e8b0c2f9a714d3eb6c7a2f41d9e0b63\nEncryKey：Kq7Zp2Lm9Xw4Rt6B\n");
    assert_eq!(p.enterprises.len(), 1);
    let missing: Vec<&str> = p.enterprises[0]
        .missing
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    assert_eq!(missing, ["name", "taxId"]);
    assert_eq!(p.enterprises[0].tax_id, "");
}

#[test]
fn windows_line_endings_nbsp_and_zero_width_characters_are_ignored() {
    let text = "环境：测试环境\r\n企业名称：\u{a0}杭州西溪贸易有限公司\r\n税号：\u{200b}91330106MA2H3WQN0U\r\nClientID：4d8e1b6f2a9c43e0\u{feff}\r\nClientSecret：e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\r\nEncryKey：Pz4Gy8Ku2Qn6Ts0A\r\n";
    let p = mail(text);
    is(&p.enterprises[0], XIXI);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn a_tenant_block_before_the_enterprises_without_headings() {
    let text = "Environment: Production\n\nClientID: TN_8d2f6a0c4e1b\nClientSecret: a4c91e7f0b2d48e6953c1f7a8b0d2e64\nEncryKey: Yh3Nc8Vb1Qs5Dw9E\n\n企业名称: 深圳市云帆数科技术有限公司\n税号: 91440300MA5G8TQK2M\nClientID: c7f3a1d09b2e4c58a6d1\nClientSecret: 5e8b0c2f9a714d3eb6c7a2f41d9e0b63\nEncryKey: Kq7Zp2Lm9Xw4Rt6B\n";
    let p = mail(text);
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], YUNFAN);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_8d2f6a0c4e1b",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    );
    assert!(p.problems.is_empty());
}

#[test]
fn a_warning_about_tenants_in_prose_is_not_a_tenant_heading() {
    let text = "请注意：不要配置成租户的授权信息\n企业名称：杭州西溪贸易有限公司\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\nClientSecret：e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\nEncryKey：Pz4Gy8Ku2Qn6Ts0A\n";
    let p = mail(text);
    assert_eq!(p.enterprises.len(), 1);
    assert!(p.tenants.is_empty());
}

#[test]
fn under_a_tenant_heading_a_block_is_the_tenant_even_without_tn_prefix() {
    let text = "租户级授权信息\n授权账号：8d2f6a0c4e1b\n授权密钥：a4c91e7f0b2d48e6953c1f7a8b0d2e64\n加密key：Yh3Nc8Vb1Qs5Dw9E\n";
    let p = mail(text);
    assert!(p.enterprises.is_empty());
    assert_eq!(p.tenants.len(), 1);
    assert_eq!(p.tenants[0].client_id.as_deref(), Some("8d2f6a0c4e1b"));
}

#[test]
fn an_environment_column_states_the_environment() {
    let text = "企业名称\t税号\tClientID\tClientSecret\tEncryKey\t环境\n杭州西溪贸易有限公司\t91330106MA2H3WQN0U\t4d8e1b6f2a9c43e0\te7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\tPz4Gy8Ku2Qn6Ts0A\t测试\n";
    let p = mail(text);
    assert_eq!(p.environment, Environment::Test);
    is(&p.enterprises[0], XIXI);
}

#[test]
fn prose_in_one_environment_decides_when_nothing_else_does() {
    let text = "您好，贵司发票云生产环境已开通。\n企业名称：杭州西溪贸易有限公司\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\nClientSecret：e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\nEncryKey：Pz4Gy8Ku2Qn6Ts0A\n";
    assert_eq!(mail(text).environment, Environment::Prod);
    let both = "测试通过后再切到正式环境，测试环境的授权如下。\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\n";
    assert_eq!(mail(both).environment, Environment::Unknown);
}

#[test]
fn other_piaozone_addresses_state_no_environment() {
    let text = "补丁下载：https://api-dev.piaozone.com/invoice-client/imc/imc_galaxy.zip\n影像：http://kdimage-demo.piaozone.com/\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\n";
    let p = mail(text);
    assert_eq!(p.environment, Environment::Unknown);
    assert_eq!(p.environment_url, None);
}

#[test]
fn secrets_never_show_in_debug_output() {
    let p = mail(sample!("prod_outbound_kv"));
    let debug = format!("{p:?}");
    for secret in [
        "5e8b0c2f9a714d3eb6c7a2f41d9e0b63",
        "Kq7Zp2Lm9Xw4Rt6B",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(
        debug.contains("c7f3a1d09b2e4c58a6d1"),
        "a ClientID is not a secret"
    );
}

#[test]
fn a_table_copied_one_cell_per_line() {
    let p = mail(sample!("vertical_cells"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], XINGHE);
    is(&p.enterprises[1], PUJIANG);
}

#[test]
fn enumerated_enterprise_labels_and_a_name_and_tax_id_on_one_line() {
    let text = "授权环境：生产\n企业1：杭州西溪贸易有限公司  税号：91330106MA2H3WQN0U\nClient ID: 4d8e1b6f2a9c43e0\nClient Secret: e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\nEncrypt Key: Pz4Gy8Ku2Qn6Ts0A\n企业2：上海浦江供应链管理有限公司  税号：91310115MA1K4PQ53Y\nClient ID: f3a92d7b1c0e46d5\nClient Secret: 9c2e7a1f4b8d40e6a3f5c7d9b1e0a2c4\nEncrypt Key: Rb7Xk3Jm9Vc1Hd5F\n";
    let p = mail(text);
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 2);
    is(&p.enterprises[0], XIXI);
    is(&p.enterprises[1], PUJIANG);
}

#[test]
fn a_table_with_tenant_columns_beside_the_enterprise_ones() {
    let text = "企业名称\t税号\tClientID\tClientSecret\tEncryKey\t租户ClientID\t租户ClientSecret\t租户EncryKey\n杭州西溪贸易有限公司\t91330106MA2H3WQN0U\t4d8e1b6f2a9c43e0\te7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\tPz4Gy8Ku2Qn6Ts0A\tTN_5c1a9e3f7b2d\t2b6f0d4a8c1e45f9b3a7d1c5e9f0b2d6\tLx1Mv5Cq9Bw3Nr7S\n";
    let p = mail(text);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], XIXI);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_5c1a9e3f7b2d",
        "2b6f0d4a8c1e45f9b3a7d1c5e9f0b2d6",
        "Lx1Mv5Cq9Bw3Nr7S",
    );
}

#[test]
fn a_space_aligned_header_with_aliases_in_brackets() {
    let text = "企业名称  税号  Client ID（授权账号）  Client Secret（授权密钥）  Encrypt Key（加密key）\n杭州西溪贸易有限公司  91330106MA2H3WQN0U  4d8e1b6f2a9c43e0  e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0  Pz4Gy8Ku2Qn6Ts0A\n";
    let p = mail(text);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], XIXI);
}

#[test]
fn values_in_brackets_quotes_or_followed_by_notes_and_two_column_lines() {
    let text = "企业名称：深圳市云帆数科（集团）有限公司\n税号\t91440300MA5G8TQK2M\nClientID：【c7f3a1d09b2e4c58a6d1】\nClientSecret: \"5e8b0c2f9a714d3eb6c7a2f41d9e0b63\"\nEncryKey：Kq7Zp2Lm9Xw4Rt6B（请勿泄露）\n";
    let p = mail(text);
    assert_enterprise(
        &p.enterprises[0],
        "深圳市云帆数科（集团）有限公司",
        YUNFAN.1,
        YUNFAN.2,
        YUNFAN.3,
        YUNFAN.4,
    );
}

#[test]
fn a_bracketed_subject_an_abbreviated_label_and_a_pipe_table_without_outer_pipes() {
    let text = "【测试】发票云授权信息\nCompany: 杭州西溪贸易有限公司\nTax No.: 91330106MA2H3WQN0U\nClientID/授权账号：4d8e1b6f2a9c43e0\nClient-Secret: e7b3c9a1d5f240e8b6c2a4f9d1e7b3c0\nEncry Key: Pz4Gy8Ku2Qn6Ts0A\n";
    let p = mail(text);
    assert_eq!(p.environment, Environment::Test);
    is(&p.enterprises[0], XIXI);

    let table = "企业名称 | 税号 | ClientID | ClientSecret | EncryKey\n上海浦江供应链管理有限公司 | 91310115MA1K4PQ53Y | f3a92d7b1c0e46d5 | 9c2e7a1f4b8d40e6a3f5c7d9b1e0a2c4 | Rb7Xk3Jm9Vc1Hd5F\n";
    let p = mail(table);
    is(&p.enterprises[0], PUJIANG);
}

#[test]
fn prose_ending_in_a_company_name_does_not_name_an_enterprise() {
    let text =
        "本邮件由金蝶软件（中国）有限公司\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\n";
    let p = mail(text);
    assert_eq!(p.enterprises[0].name, "");
    let headed = "杭州西溪贸易有限公司\n税号：91330106MA2H3WQN0U\nClientID：4d8e1b6f2a9c43e0\n";
    assert_eq!(mail(headed).enterprises[0].name, "杭州西溪贸易有限公司");
}

#[test]
fn enterprise_and_tenant_sections_with_snake_case_labels_and_a_tenant_name() {
    let p = mail(sample!("sections_snake_case"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], YUNFAN);
    assert_eq!(p.tenants.len(), 1);
    assert_eq!(p.tenants[0].name.as_deref(), Some("云帆数科集团"));
    assert_tenant(
        &p.tenants[0],
        "TN_8d2f6a0c4e1b",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    );
}

fn reasons(e: &Enterprise) -> Vec<(&'static str, &'static str)> {
    e.missing
        .iter()
        .map(|m| (m.field.as_str(), m.reason.code()))
        .collect()
}

#[test]
fn a_space_aligned_table_reads_an_empty_cell_as_empty_and_goes_on() {
    // Columns are found at their header's position (CJK counted two columns wide, as the
    // table looks in a monospace view): an empty cell is that enterprise's empty value, the
    // next cells stay in their columns and the following rows are still read.
    let p = mail(sample!("table_spaces_empty_cell"));
    assert_eq!(p.environment, Environment::Test);
    assert_eq!(p.enterprises.len(), 3, "{:?}", p.enterprises);
    let first = &p.enterprises[0];
    assert_eq!(
        (first.name.as_str(), first.tax_id.as_str()),
        (YUNFAN.0, YUNFAN.1)
    );
    assert_eq!(first.client_id.as_deref(), Some(YUNFAN.2));
    assert_eq!(
        first.client_secret.as_ref().map(|s| s.expose()),
        Some(YUNFAN.3)
    );
    assert!(first.encrypt_key.is_none());
    assert_eq!(reasons(first), [("encryptKey", "empty")]);
    is(&p.enterprises[1], XINGHE);
    let third = &p.enterprises[2];
    assert_eq!(third.name, "广州市天河区星光商行");
    assert_eq!(third.tax_id, "92440101MA9UJ1B2XW");
    assert!(third.client_id.is_none());
    assert_eq!(
        third.client_secret.as_ref().map(|s| s.expose()),
        Some("8c7b6a5f4e3d42c1b0a9f8e7d6c5b4a3")
    );
    assert_eq!(
        third.encrypt_key.as_ref().map(|s| s.expose()),
        Some("Nu2Hy6Tb0Wc4Fk8M")
    );
    assert_eq!(reasons(third), [("clientId", "empty")]);
}

#[test]
fn an_english_space_aligned_table_with_an_empty_cell_keeps_names_whole() {
    // A name of two words and one empty cell make as many words as there are columns: only
    // the positions tell the name from the cells.
    let text = "Company Name          Tax ID               Client ID           Client Secret                       Encrypt Key\n\
                Acme Trading          9144030071526726XG   5a4b3c2d1e0f9a8b                                        Ab3De6Gh9Jk2Mn5P\n\
                Shenzhen Cloudsail    91440300MA5G8TQK2M   c7f3a1d09b2e4c58    5e8b0c2f9a714d3eb6c7a2f41d9e0b63    Kq7Zp2Lm9Xw4Rt6B\n";
    let p = mail(text);
    assert_eq!(p.enterprises.len(), 2, "{:?}", p.enterprises);
    let acme = &p.enterprises[0];
    assert_eq!(acme.name, "Acme Trading");
    assert_eq!(acme.tax_id, "9144030071526726XG");
    assert_eq!(acme.client_id.as_deref(), Some("5a4b3c2d1e0f9a8b"));
    assert!(acme.client_secret.is_none());
    assert_eq!(
        acme.encrypt_key.as_ref().map(|s| s.expose()),
        Some("Ab3De6Gh9Jk2Mn5P")
    );
    assert_eq!(reasons(acme), [("clientSecret", "empty")]);
    assert_eq!(p.enterprises[1].name, "Shenzhen Cloudsail");
    assert!(p.enterprises[1].missing.is_empty());
}

#[test]
fn a_mail_thread_with_a_token_sample_reads_both() {
    // An implementer pastes the whole thread: the 授权邮件 and the 获取token示例 are both what
    // they pasted it for, so the answer is a mail that also carries the token sample.
    let p = mail(sample!("thread_mail_and_token"));
    assert_eq!(p.environment, Environment::Prod);
    assert_eq!(p.enterprises.len(), 1);
    is(&p.enterprises[0], YUNFAN);
    assert_eq!(p.tenants.len(), 1);
    assert_tenant(
        &p.tenants[0],
        "TN_8d2f6a0c4e1b",
        "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
        "Yh3Nc8Vb1Qs5Dw9E",
    );
    let token = p.token.as_ref().expect("the token sample is kept");
    assert_eq!(token.app_id.as_deref(), Some("invoiceupload"));
    assert_eq!(token.tenant_id.as_deref(), Some("ierp"));
    assert_eq!(token.user.as_deref(), Some("13800138000"));
    assert_eq!(
        token.app_secret.as_ref().map(|s| s.expose()),
        Some("Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz")
    );
    let context = p.context.as_ref().expect("the token sample's context");
    assert_eq!(
        context.console.as_ref().map(|c| c.prefix.as_str()),
        Some("https://cosmic.example.com/ierp/")
    );
    assert_eq!(
        context.account_id.as_ref().map(|id| id.as_str()),
        Some("1933358424373855232")
    );
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn a_mail_with_a_wrong_token_sample_is_refused_and_a_mere_login_link_is_no_sample() {
    use fapiao_helper::paste::PasteError;
    let mail_text = sample!("inline_pairs");
    let conflicting = format!(
        "{mail_text}\n获取token示例：\nPOST https://cosmic.example.com/ierp/api/getAppToken.do\n{{\"appId\": \"invoiceupload\", \"accountId\": \"1933358424373855232\"}}\nPOST https://cosmic.example.com/ierp/api/login.do\n{{\"user\": \"13800138000\", \"accountId\": \"1933358424373855299\"}}\n"
    );
    assert!(matches!(
        read_paste(&conflicting),
        Err(PasteError::TokenConflict { key: "accountId" })
    ));
    let linked = format!("{mail_text}\n单点登录：https://sso.example.com/portal/login.do\n");
    let p = mail(&linked);
    assert_eq!(p.enterprises.len(), 2);
    assert!(p.token.is_none() && p.context.is_none());
}
