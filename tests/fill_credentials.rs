//! Fill plans of the forms that take what a pasted 授权邮件 holds: 发票云授权配置 (发票服务授权配置),
//! 维护租户授权信息, 费报 发票云配置, 企业基础信息, 影像 企业授权配置 and 对接业务系统配置. Which
//! credential goes where (tenant creds only to 维护租户授权信息), the environment's url, choices
//! left alone, and what each row says when nothing is held.

mod forms_support;

use fapiao_helper::fill::{environment_url, plan_fill, FillPlan, FillValues, Outcome, StepAction};
use fapiao_helper::forms::{CredentialLevel, FormSpec, ValueSource, SPECS};
use fapiao_helper::i18n::Locale;
use fapiao_helper::snapshot::{Control, ControlKind, LabelRule, Snapshot};
use forms_support::*;

const PROD_URL: &str = "https://api.piaozone.com";
const TEST_URL: &str = "https://api-dev.piaozone.com/test";
const NAME: &str = "金蝶演示科技有限公司";
const TAX_ID: &str = "91440300MA5DEMO01X";
const CLIENT_ID: &str = "a1b2c3d4e5f6a7b8c9d0";
const CLIENT_SECRET: &str = "S3cr3tEnterprise9f8e7d6c5b4a";
const ENCRYPT_KEY: &str = "Kx7Pq2Lm9Nz4Rt6W";
const TENANT_ID: &str = "TN_8f2c4e6a1b3d5f7e";
const TENANT_SECRET: &str = "TenantSecret0a9b8c7d6e5f4";
const TENANT_KEY: &str = "Tk3Jh8Gf5Ds2Aq7Z";

/// Values as the worker sends them for a console where a prod mail was pasted and its one
/// enterprise chosen: context, the enterprise's values and the tenant's.
fn mail_values(environment: &str) -> serde_json::Value {
    serde_json::json!({
        "prefix": PREFIX, "accountId": ACCOUNT_ID, "environment": environment,
        "enterpriseName": NAME, "taxId": TAX_ID,
        "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET, "encryptKey": ENCRYPT_KEY,
        "tenantClientId": TENANT_ID, "tenantSecret": TENANT_SECRET, "tenantEncryptKey": TENANT_KEY,
    })
}

fn values_of(json: serde_json::Value) -> FillValues {
    serde_json::from_value(json).expect("values")
}

fn held() -> FillValues {
    values_of(mail_values("prod"))
}

/// `mail_values` with some keys removed.
fn held_without(keys: &[&str]) -> FillValues {
    let mut json = mail_values("prod");
    for key in keys {
        json.as_object_mut().expect("object").remove(*key);
    }
    values_of(json)
}

fn plan_of(snapshot: &Snapshot, form: &str, values: &FillValues) -> FillPlan {
    plan_fill(snapshot, form, None, values, &[], Locale::ZhCn).expect("a plan")
}

fn outcome(plan: &FillPlan, field: &str) -> Option<Outcome> {
    plan.row(field).and_then(|r| r.outcome)
}

fn code(plan: &FillPlan, field: &str) -> Option<String> {
    plan.row(field).and_then(|r| r.code.clone())
}

fn message(plan: &FillPlan, field: &str) -> String {
    plan.row(field)
        .and_then(|r| r.message.clone())
        .unwrap_or_default()
}

fn value(plan: &FillPlan, field: &str) -> Option<String> {
    plan.step(field)
        .and_then(|s| s.value.as_ref())
        .map(|v| v.as_str().to_string())
}

fn password(id: &str, caption: &str) -> Control {
    let mut c = control(id, ControlKind::Password).label(LabelRule::FormItem, caption);
    c.tag = "input".into();
    c.input_type = "password".into();
    c
}

fn yes_no_select(id: &str, caption: &str, selected: Option<&str>) -> Control {
    let options = [("", "请选择"), ("1", "是"), ("0", "否")];
    let listed: Vec<(&str, &str, bool)> = options
        .iter()
        .map(|(v, t)| (*v, *t, selected == Some(*t)))
        .collect();
    control(id, ControlKind::Select)
        .label(LabelRule::FormItem, caption)
        .options(&listed)
}

/// 发票云授权配置 as the demo draws it, with 是否使用原授权 on `choice` (None: nothing chosen).
fn cloud_auth_page(title: &str, choice: Option<&str>) -> Snapshot {
    page()
        .heading_in(title, "a")
        .with_all([
            text("a-url", "url").container("a"),
            text("a-proxy", "代理").container("a"),
            yes_no_select("a-orig", "是否使用原授权", choice).container("a"),
            text("a-id", "Client id").container("a"),
            password("a-secret", "Client Secret").container("a"),
            password("a-key", "Encrypt Key").container("a"),
        ])
        .snapshot()
}

fn tenant_page() -> Snapshot {
    page()
        .heading_in("维护租户授权信息", "t")
        .with_all([
            text("t-name", "租户名称").container("t"),
            text("t-id", "授权账号").container("t"),
            password("t-secret", "授权密钥").container("t"),
            password("t-key", "加密key").container("t"),
            text("t-mark", "发票云租户授权标识").container("t"),
        ])
        .snapshot()
}

fn expense_page() -> Snapshot {
    page()
        .heading_in("发票云配置", "e")
        .with_all([
            control("e-org", ControlKind::Lookup)
                .label(LabelRule::FormItem, "组织")
                .container("e"),
            text("e-tax", "企业税号").container("e"),
            text("e-name", "企业工商登记名").container("e"),
            text("e-id", "发票云授权标识").container("e"),
            password("e-secret", "客户端标识").container("e"),
            password("e-key", "接入标识").container("e"),
        ])
        .snapshot()
}

fn enterprise_info_page(name: &str) -> Snapshot {
    page()
        .heading_in("企业基础信息", "i")
        .with_all([
            text("i-name", "企业名称").value(name).container("i"),
            text("i-tax", "税号").container("i"),
            control("i-channel", ControlKind::Select)
                .label(LabelRule::FormItem, "开收票通道")
                .options(&[
                    ("", "请选择", true),
                    ("lqpt", "乐企", false),
                    ("xdz", "新电子服务平台", false),
                ])
                .container("i"),
        ])
        .snapshot()
}

fn image_auth_page() -> Snapshot {
    page()
        .heading_in("企业授权配置", "m")
        .with_all([
            text("m-tax", "企业税号").container("m"),
            text("m-name", "名称").container("m"),
            text("m-id", "授权客户ID").container("m"),
            password("m-secret", "secret").container("m"),
            password("m-key", "encrypt_key").container("m"),
        ])
        .snapshot()
}

fn eas_page() -> Snapshot {
    page()
        .heading_in("对接业务系统配置", "s")
        .with_all([
            control("s-system", ControlKind::Select)
                .label(LabelRule::FormItem, "业务系统")
                .options(&[
                    ("", "请选择", true),
                    ("EAS", "EAS", false),
                    ("XH", "星瀚", false),
                ])
                .container("s"),
            text("s-prefix", "前缀地址").container("s"),
            text("s-dc", "EAS数据中心编码").container("s"),
            text("s-si", "EASSI名称").container("s"),
            text("s-user", "EAS用户名").container("s"),
            password("s-pass", "EAS密码").container("s"),
        ])
        .snapshot()
}

#[test]
fn the_auth_form_gets_the_prod_url_the_enterprise_creds_and_no_for_the_original_authorisation() {
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &held(),
    );
    assert_eq!(plan.form, "发票云授权配置");
    assert_eq!(value(&plan, "url").as_deref(), Some(PROD_URL));
    assert_eq!(value(&plan, "Client id").as_deref(), Some(CLIENT_ID));
    assert_eq!(
        value(&plan, "Client Secret").as_deref(),
        Some(CLIENT_SECRET)
    );
    assert_eq!(value(&plan, "Encrypt Key").as_deref(), Some(ENCRYPT_KEY));
    let choice = plan.step("是否使用原授权").expect("a choice step");
    assert_eq!(
        (choice.action, choice.option_value.as_deref()),
        (StepAction::Select, Some("0"))
    );
    assert!(
        plan.step("Client Secret").is_some_and(|s| s.secret)
            && plan.step("Encrypt Key").is_some_and(|s| s.secret)
    );
    assert!(
        plan.step("Client id").is_some_and(|s| !s.secret),
        "an id is no secret"
    );
    // 代理 is the user's: usually empty, never filled.
    assert_eq!(outcome(&plan, "代理"), Some(Outcome::NoValue));
    assert_eq!(code(&plan, "代理").as_deref(), Some("user-input"));
    let debug = format!("{plan:?} {:?}", held());
    for secret in [CLIENT_SECRET, ENCRYPT_KEY, TENANT_SECRET, TENANT_KEY] {
        assert!(!debug.contains(secret), "Debug never shows a pasted secret");
    }
}

#[test]
fn the_flagship_name_of_the_auth_form_is_kept_and_a_test_mail_gives_the_test_url() {
    let plan = plan_of(
        &cloud_auth_page("发票服务授权配置", None),
        "发票服务授权配置",
        &values_of(mail_values("test")),
    );
    assert_eq!(plan.form, "发票服务授权配置");
    assert_eq!(value(&plan, "url").as_deref(), Some(TEST_URL));
    assert_eq!(environment_url("prod"), Some(PROD_URL));
    assert_eq!(environment_url("test"), Some(TEST_URL));
    assert_eq!(environment_url("unknown"), None);
}

#[test]
fn a_mail_of_unknown_environment_leaves_the_url_to_the_user_and_says_both_addresses() {
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values_of(mail_values("unknown")),
    );
    assert_eq!(outcome(&plan, "url"), Some(Outcome::NoValue));
    assert_eq!(code(&plan, "url").as_deref(), Some("user-input"));
    assert!(
        message(&plan, "url").contains(PROD_URL) && message(&plan, "url").contains(TEST_URL),
        "{}",
        message(&plan, "url")
    );
    assert_eq!(
        value(&plan, "Client id").as_deref(),
        Some(CLIENT_ID),
        "the creds still go in"
    );
}

#[test]
fn an_unknown_environment_without_any_credential_is_still_nothing_pasted() {
    let values = values_of(serde_json::json!({ "prefix": PREFIX, "environment": "unknown" }));
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values,
    );
    assert_eq!(code(&plan, "url").as_deref(), Some("no-credential"));
    assert!(message(&plan, "url").contains("授权邮件"));
}

#[test]
fn a_url_the_worker_gives_wins_over_the_environment_code() {
    let mut json = mail_values("prod");
    json["environmentUrl"] = serde_json::json!("https://api.piaozone.com");
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values_of(json),
    );
    assert_eq!(value(&plan, "url").as_deref(), Some(PROD_URL));
}

#[test]
fn a_choice_already_made_is_a_conflict_that_explains_the_usual_no() {
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", Some("是")),
        "发票云授权配置",
        &held(),
    );
    assert!(plan.step("是否使用原授权").is_none());
    assert_eq!(outcome(&plan, "是否使用原授权"), Some(Outcome::Conflict));
    assert_eq!(code(&plan, "是否使用原授权").as_deref(), Some("conflict"));
    let zh = message(&plan, "是否使用原授权");
    assert!(
        zh.contains("否") && zh.contains("费报") && zh.contains("覆盖"),
        "{zh}"
    );
    let en = plan_fill(
        &cloud_auth_page("发票云授权配置", Some("是")),
        "发票云授权配置",
        None,
        &held(),
        &[],
        Locale::En,
    )
    .expect("plan");
    assert!(
        message(&en, "是否使用原授权").contains("Overwrite"),
        "{}",
        message(&en, "是否使用原授权")
    );
    // Already 否: unchanged. Overwrite chosen: the step is planned.
    let right = plan_of(
        &cloud_auth_page("发票云授权配置", Some("否")),
        "发票云授权配置",
        &held(),
    );
    assert_eq!(outcome(&right, "是否使用原授权"), Some(Outcome::Unchanged));
    let overwrite = plan_fill(
        &cloud_auth_page("发票云授权配置", Some("是")),
        "发票云授权配置",
        None,
        &held(),
        &["是否使用原授权".into()],
        Locale::ZhCn,
    )
    .expect("plan");
    assert_eq!(
        overwrite
            .step("是否使用原授权")
            .and_then(|s| s.option_value.as_deref()),
        Some("0")
    );
}

#[test]
fn nothing_pasted_says_to_paste_the_mail_in_the_popup_on_every_credential_row() {
    let context_only = values(false);
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &context_only,
    );
    for field in ["url", "Client id", "Client Secret", "Encrypt Key"] {
        assert_eq!(outcome(&plan, field), Some(Outcome::NoValue), "{field}");
        assert_eq!(
            code(&plan, field).as_deref(),
            Some("no-credential"),
            "{field}"
        );
        assert!(
            message(&plan, field).contains("授权邮件")
                && message(&plan, field).contains("弹出窗口"),
            "{field}: {}",
            message(&plan, field)
        );
    }
    assert!(message(&plan, "Client id").contains("选择企业"));
    let en = plan_fill(
        &tenant_page(),
        "维护租户授权信息",
        None,
        &context_only,
        &[],
        Locale::En,
    )
    .expect("plan");
    assert!(
        message(&en, "授权账号").contains("TN_") && message(&en, "授权账号").contains("popup"),
        "{}",
        message(&en, "授权账号")
    );
}

#[test]
fn tenant_creds_fill_only_the_tenant_form_and_enterprise_creds_never_go_there() {
    let tenant = plan_of(&tenant_page(), "维护租户授权信息", &held());
    assert_eq!(value(&tenant, "授权账号").as_deref(), Some(TENANT_ID));
    assert_eq!(value(&tenant, "授权密钥").as_deref(), Some(TENANT_SECRET));
    assert_eq!(value(&tenant, "加密key").as_deref(), Some(TENANT_KEY));
    assert!(
        tenant.step("授权密钥").is_some_and(|s| s.secret)
            && tenant.step("加密key").is_some_and(|s| s.secret)
    );
    assert_eq!(code(&tenant, "租户名称").as_deref(), Some("user-input"));
    assert_eq!(
        code(&tenant, "发票云租户授权标识").as_deref(),
        Some("user-input")
    );

    // Only the enterprise's creds held: the tenant form stays empty, never gets them.
    let only_enterprise = held_without(&["tenantClientId", "tenantSecret", "tenantEncryptKey"]);
    let plan = plan_of(&tenant_page(), "维护租户授权信息", &only_enterprise);
    assert!(plan.steps.is_empty(), "{:?}", plan.steps);
    assert_eq!(code(&plan, "授权账号").as_deref(), Some("no-credential"));

    // Only the tenant's creds held: no enterprise form gets them.
    let only_tenant = held_without(&["clientId", "clientSecret", "encryptKey"]);
    for (snapshot, form, fields) in [
        (
            cloud_auth_page("发票云授权配置", None),
            "发票云授权配置",
            ["Client id", "Client Secret", "Encrypt Key"],
        ),
        (
            expense_page(),
            "发票云配置",
            ["发票云授权标识", "客户端标识", "接入标识"],
        ),
        (
            image_auth_page(),
            "企业授权配置",
            ["授权客户ID", "secret", "encrypt_key"],
        ),
    ] {
        let plan = plan_of(&snapshot, form, &only_tenant);
        for field in fields {
            assert!(plan.step(field).is_none(), "{form} {field}");
            assert_eq!(
                code(&plan, field).as_deref(),
                Some("no-credential"),
                "{form} {field}"
            );
        }
        let all = format!(
            "{:?}",
            plan.steps
                .iter()
                .map(|s| s.value.as_ref().map(|v| v.as_str().to_string()))
                .collect::<Vec<_>>()
        );
        for tenant_value in [TENANT_ID, TENANT_SECRET, TENANT_KEY] {
            assert!(
                !all.contains(tenant_value),
                "{form}: a tenant value in a step"
            );
        }
    }
}

#[test]
fn a_tn_id_held_as_the_enterprise_s_fills_none_of_its_set_and_says_why() {
    let mut json = mail_values("prod");
    json["clientId"] = serde_json::json!("TN_wrongly_listed_as_enterprise");
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values_of(json),
    );
    for field in ["Client id", "Client Secret", "Encrypt Key"] {
        assert!(plan.step(field).is_none(), "{field}");
        assert_eq!(
            code(&plan, field).as_deref(),
            Some("invalid-value"),
            "{field}"
        );
        assert!(
            message(&plan, field).contains("租户级"),
            "{field}: {}",
            message(&plan, field)
        );
    }
    assert_eq!(
        value(&plan, "url").as_deref(),
        Some(PROD_URL),
        "the url is no credential of either level"
    );

    let mut json = mail_values("prod");
    json["tenantClientId"] = serde_json::json!("not_a_tenant_id");
    let plan = plan_of(&tenant_page(), "维护租户授权信息", &values_of(json));
    for field in ["授权账号", "授权密钥", "加密key"] {
        assert_eq!(
            code(&plan, field).as_deref(),
            Some("invalid-value"),
            "{field}"
        );
    }
}

#[test]
fn a_withheld_credential_says_why_and_stays_no_value() {
    let mut json = mail_values("prod");
    for key in ["clientSecret", "encryptKey"] {
        json.as_object_mut().expect("object").remove(key);
    }
    json["secretRefusals"] = serde_json::json!({ "clientSecret": "secret-other-console", "encryptKey": "secret-expired" });
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values_of(json),
    );
    assert_eq!(outcome(&plan, "Client Secret"), Some(Outcome::NoValue));
    assert_eq!(
        code(&plan, "Client Secret").as_deref(),
        Some("secret-other-console")
    );
    assert!(message(&plan, "Client Secret").contains("另一个控制台"));
    assert_eq!(
        code(&plan, "Encrypt Key").as_deref(),
        Some("secret-expired")
    );
    assert!(message(&plan, "Encrypt Key").contains("重新粘贴"));
    assert_eq!(value(&plan, "Client id").as_deref(), Some(CLIENT_ID));
}

#[test]
fn a_credential_secret_goes_only_into_a_real_input() {
    let mut snapshot = cloud_auth_page("发票云授权配置", None);
    let secret = snapshot
        .controls
        .iter_mut()
        .find(|c| c.id == "a-secret")
        .expect("control");
    secret.tag = "div".into();
    secret.input_type = String::new();
    secret.kind = ControlKind::Text;
    let plan = plan_of(&snapshot, "发票云授权配置", &held());
    assert!(plan.step("Client Secret").is_none());
    assert_eq!(
        code(&plan, "Client Secret").as_deref(),
        Some("secret-not-input")
    );
}

#[test]
fn the_expense_form_takes_the_same_three_values_under_its_own_names_and_the_enterprise() {
    let plan = plan_of(&expense_page(), "发票云配置", &held());
    assert_eq!(plan.form, "发票云配置");
    assert_eq!(value(&plan, "企业税号").as_deref(), Some(TAX_ID));
    assert_eq!(value(&plan, "企业工商登记名").as_deref(), Some(NAME));
    assert_eq!(value(&plan, "发票云授权标识").as_deref(), Some(CLIENT_ID));
    assert_eq!(value(&plan, "客户端标识").as_deref(), Some(CLIENT_SECRET));
    assert_eq!(value(&plan, "接入标识").as_deref(), Some(ENCRYPT_KEY));
    assert_eq!(code(&plan, "组织").as_deref(), Some("user-input"));
}

#[test]
fn enterprise_info_takes_the_exact_name_and_tax_id_and_the_new_channel() {
    let plan = plan_of(&enterprise_info_page(""), "企业基础信息", &held());
    assert_eq!(value(&plan, "企业名称").as_deref(), Some(NAME));
    assert_eq!(value(&plan, "税号").as_deref(), Some(TAX_ID));
    let channel = plan.step("开收票通道").expect("channel");
    assert_eq!(channel.option_value.as_deref(), Some("xdz"));
    // A name that differs (the org's short name from 引入组织) is a conflict, not replaced.
    let plan = plan_of(&enterprise_info_page("金蝶演示"), "企业基础信息", &held());
    assert_eq!(outcome(&plan, "企业名称"), Some(Outcome::Conflict));
}

#[test]
fn the_image_forms_take_the_enterprise_creds_the_data_centre_and_eas_but_never_the_password() {
    let plan = plan_of(&image_auth_page(), "企业授权配置", &held());
    assert_eq!(value(&plan, "企业税号").as_deref(), Some(TAX_ID));
    assert_eq!(value(&plan, "名称").as_deref(), Some(NAME));
    assert_eq!(value(&plan, "授权客户ID").as_deref(), Some(CLIENT_ID));
    assert_eq!(value(&plan, "secret").as_deref(), Some(CLIENT_SECRET));
    assert_eq!(value(&plan, "encrypt_key").as_deref(), Some(ENCRYPT_KEY));

    let plan = plan_of(&eas_page(), "对接业务系统配置", &held());
    assert_eq!(
        plan.step("业务系统")
            .and_then(|s| s.option_value.as_deref()),
        Some("EAS")
    );
    assert_eq!(value(&plan, "EAS数据中心编码").as_deref(), Some(ACCOUNT_ID));
    assert_eq!(value(&plan, "EASSI名称").as_deref(), Some("eas"));
    for field in ["前缀地址", "EAS用户名", "EAS密码"] {
        assert!(plan.step(field).is_none(), "{field}");
        assert_eq!(code(&plan, field).as_deref(), Some("user-input"), "{field}");
    }
}

#[test]
fn every_form_takes_credentials_of_its_own_level_only() {
    for spec in SPECS {
        for field in spec.fields {
            if let ValueSource::Credential { credential } = field.source {
                if let Some(level) = credential.level() {
                    assert_eq!(spec.credentials, Some(level), "{} {}", spec.id, field.label);
                }
            }
        }
    }
    let tenant_forms: Vec<&str> = SPECS
        .iter()
        .filter(|s| s.credentials == Some(CredentialLevel::Tenant))
        .map(|s| s.id)
        .collect();
    assert_eq!(tenant_forms, ["tenant-auth"]);
    let takes = FormSpec::find("维护租户授权信息")
        .expect("spec")
        .credentials_taken();
    assert!(
        takes
            .iter()
            .all(|c| c.level() == Some(CredentialLevel::Tenant)),
        "{takes:?}"
    );
}

#[test]
fn values_from_the_worker_ignore_what_they_do_not_know() {
    let values = values_of(serde_json::json!({
        "clientId": 12, "clientSecret": {"x": 1}, "environment": ["prod"], "secretRefusals": {"clientSecret": "nonsense", "bogus": "secret-expired"},
        "somethingNew": "x",
    }));
    let plan = plan_of(
        &cloud_auth_page("发票云授权配置", None),
        "发票云授权配置",
        &values,
    );
    assert_eq!(value(&plan, "Client id").as_deref(), Some("12"));
    assert_eq!(
        code(&plan, "Client Secret").as_deref(),
        Some("no-credential")
    );
    assert_eq!(code(&plan, "url").as_deref(), Some("no-credential"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn secret() -> impl Strategy<Value = String> {
        "[A-Za-z0-9]{12,40}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the mail held and the page shows, no row ever carries a secret, a plan's
        /// Debug never shows one, and the tenant's values reach no enterprise form (nor the reverse).
        #[test]
        fn no_row_shows_a_secret_and_no_value_crosses_levels(
            client_secret in secret(), encrypt_key in secret(), tenant_secret in secret(), tenant_key in secret(),
            client_id in "[a-zA-Z0-9_]{0,20}", tenant_id in "(TN_)?[a-z0-9]{0,16}", on_page in "[ -~]{0,24}",
            environment in prop_oneof![Just("prod"), Just("test"), Just("unknown"), Just("")],
        ) {
            let values = values_of(serde_json::json!({
                "environment": environment, "clientId": client_id, "clientSecret": client_secret, "encryptKey": encrypt_key,
                "tenantClientId": tenant_id, "tenantSecret": tenant_secret, "tenantEncryptKey": tenant_key,
            }));
            let mut pages = vec![
                (cloud_auth_page("发票云授权配置", None), "发票云授权配置"),
                (tenant_page(), "维护租户授权信息"),
                (expense_page(), "发票云配置"),
                (image_auth_page(), "企业授权配置"),
            ];
            for (snapshot, _) in &mut pages {
                for control in &mut snapshot.controls {
                    control.value = on_page.clone();
                }
            }
            for (snapshot, form) in &pages {
                let plan = plan_of(snapshot, form, &values);
                let rows = serde_json::to_string(&plan.rows).expect("rows");
                let debug = format!("{plan:?}");
                for s in [&client_secret, &encrypt_key, &tenant_secret, &tenant_key] {
                    prop_assert!(!rows.contains(s.as_str()), "{form}: a secret in a row");
                    prop_assert!(!debug.contains(s.as_str()), "{form}: a secret in Debug");
                }
                let stepped: Vec<&str> = plan.steps.iter().filter_map(|s| s.value.as_ref().map(|v| v.as_str())).collect();
                let (foreign, own_level) = if *form == "维护租户授权信息" {
                    ([client_secret.as_str(), encrypt_key.as_str()], [tenant_secret.as_str(), tenant_key.as_str()])
                } else {
                    ([tenant_secret.as_str(), tenant_key.as_str()], [client_secret.as_str(), encrypt_key.as_str()])
                };
                prop_assert!(stepped.iter().all(|v| !foreign.contains(v)), "{form}: another level's secret in a step");
                prop_assert!(plan.steps.iter().filter(|s| own_level.contains(&s.value.as_ref().map(|v| v.as_str()).unwrap_or(""))).all(|s| s.secret));
            }
        }
    }
}
