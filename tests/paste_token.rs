//! 获取token示例, console URL and getUserLanguage.do pastes: one reader says which kind it was.
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::paste::{read_paste, Environment, Paste, PasteKind};

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("paste_samples/", $name, ".txt"))
    };
}

fn read(text: &str) -> Paste {
    read_paste(text).unwrap_or_else(|e| {
        panic!(
            "{text:.120}\nshould read, got {}: {}",
            e.code(),
            e.message(Locale::ZhCn)
        )
    })
}

fn error_code(text: &str) -> &'static str {
    match read_paste(text) {
        Ok(paste) => panic!("{text:.120}\nshould fail, got {paste:?}"),
        Err(e) => e.code(),
    }
}

fn prefix(p: &Paste) -> Option<&str> {
    p.context
        .as_ref()?
        .console
        .as_ref()
        .map(|c| c.prefix.as_str())
}

fn account_id(p: &Paste) -> Option<&str> {
    p.context
        .as_ref()?
        .account_id
        .as_ref()
        .map(|id| id.as_str())
}

#[test]
fn console_sample_with_url_lines_and_json_bodies() {
    let p = read(sample!("token_url_json"));
    assert_eq!(p.kind, PasteKind::TokenSample);
    assert_eq!(p.environment, Environment::Unknown);
    let console = p
        .context
        .as_ref()
        .and_then(|c| c.console.as_ref())
        .expect("console");
    assert_eq!(console.origin, "https://cosmic-sandbox.piaozone.com");
    assert_eq!(
        console.prefix,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/"
    );
    assert_eq!(
        console.app_token_url,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/getAppToken.do"
    );
    assert_eq!(
        console.login_url,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/login.do"
    );
    assert_eq!(account_id(&p), Some("1933358424373855232"));
    let token = p.token.as_ref().expect("token");
    assert_eq!(token.app_id.as_deref(), Some("invoiceupload"));
    assert_eq!(token.tenant_id.as_deref(), Some("bsqcjsfwbj"));
    assert_eq!(token.user.as_deref(), Some("13800138000"));
    assert_eq!(token.user_type.as_deref(), Some("Mobile"));
    assert_eq!(
        token.account_id.as_ref().map(|id| id.as_str()),
        Some("1933358424373855232")
    );
    assert_eq!(
        token.app_secret.as_ref().map(|s| s.expose()),
        Some("Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz")
    );
    assert!(token.missing.is_empty());
    assert!(p.enterprises.is_empty() && p.tenants.is_empty() && p.problems.is_empty());
    assert!(
        !format!("{p:?}").contains("Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"),
        "the app secret is redacted"
    );
}

#[test]
fn curl_commands_with_the_app_secuuret_spelling_and_a_numeric_account_id() {
    let p = read(sample!("token_curl"));
    assert_eq!(p.kind, PasteKind::TokenSample);
    assert_eq!(prefix(&p), Some("http://10.0.0.5:8022/ierp/"));
    assert_eq!(
        account_id(&p),
        Some("1528346577123456789"),
        "digit for digit, never through a float"
    );
    let token = p.token.as_ref().expect("token");
    assert_eq!(token.app_id.as_deref(), Some("myerp"));
    assert_eq!(
        token.app_secret.as_ref().map(|s| s.expose()),
        Some("Pw9Ok8Ij7Uh6Yg5Tf")
    );
    assert_eq!(token.user.as_deref(), Some("apiuser"));
    assert_eq!(token.user_type.as_deref(), Some("UserName"));
}

#[test]
fn comments_of_every_kind_are_skipped() {
    let p = read(sample!("token_commented"));
    assert_eq!(
        prefix(&p),
        Some("https://erp.example.com.cn:8443/kingdee/prod/")
    );
    let token = p.token.as_ref().expect("token");
    assert_eq!(
        token.app_secret.as_ref().map(|s| s.expose()),
        Some("Mn3Bv6Cx9Za2Sd5Fg8Hj")
    );
    assert_eq!(token.tenant_id.as_deref(), Some("kd-prod"));
    assert_eq!(token.user.as_deref(), Some("13900000000"));
    assert!(token.missing.is_empty(), "{:?}", token.missing);
}

#[test]
fn key_value_lines_without_json() {
    let p = read(sample!("token_key_value"));
    assert_eq!(prefix(&p), Some("https://cosmic.example.com/ierp/"));
    let token = p.token.as_ref().expect("token");
    assert_eq!(
        token.app_secret.as_ref().map(|s| s.expose()),
        Some("Qa1Ws2Ed3Rf4Tg5Yh6Uj")
    );
    assert_eq!(token.user.as_deref(), Some("18600000000"));
    assert!(token.missing.is_empty());
}

#[test]
fn only_the_app_token_request_lists_what_is_missing() {
    let p = read(sample!("token_app_token_only"));
    let token = p.token.as_ref().expect("token");
    assert_eq!(token.missing, ["user", "userType"]);
    assert_eq!(token.app_id.as_deref(), Some("invoiceupload"));
}

#[test]
fn two_consoles_or_two_account_ids_are_refused() {
    assert_eq!(
        error_code(sample!("token_two_consoles")),
        "token-prefix-mismatch"
    );
    assert_eq!(
        error_code(sample!("token_account_conflict")),
        "token-conflict"
    );
}

#[test]
fn a_masked_app_secret_is_not_held() {
    let p = read("POST https://h.example.com/ierp/api/getAppToken.do\n{\"appId\":\"invoiceupload\",\"appSecret\":\"********\",\"tenantid\":\"t\",\"accountId\":\"123\"}");
    let token = p.token.as_ref().expect("token");
    assert!(token.app_secret.is_none());
    assert!(token.missing.contains(&"appSecret"));
}

#[test]
fn a_spaced_app_secret_is_a_whitespace_problem() {
    let p = read("{\"appId\": \"invoiceupload\", \"appSecret\": \"Xy7Qw2Er5 Ty8Ui1Op4\", \"tenantid\": \"t\", \"accountId\": \"123\"}");
    assert_eq!(p.kind, PasteKind::TokenSample);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].code(), "whitespace");
    assert_eq!(p.problems[0].field, Some("appSecret"));
    assert!(
        p.context.as_ref().is_some_and(|c| c.console.is_none()),
        "no URL, no console"
    );
}

#[test]
fn a_lone_get_app_token_address_gives_the_console() {
    let p = read("  https://cosmic.example.com/ierp/api/getAppToken.do  ");
    assert_eq!(p.kind, PasteKind::TokenSample);
    assert_eq!(prefix(&p), Some("https://cosmic.example.com/ierp/"));
    assert!(p.token.is_none());
}

#[test]
fn a_console_url_gives_the_prefix_and_both_urls() {
    let p =
        read("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/index.html?formId=pc_main_console\n");
    assert_eq!(p.kind, PasteKind::ConsoleUrl);
    let console = p
        .context
        .as_ref()
        .and_then(|c| c.console.as_ref())
        .expect("console");
    assert_eq!(
        console.prefix,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/"
    );
    assert_eq!(
        console.app_token_url,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/getAppToken.do"
    );
    assert_eq!(account_id(&p), None);
}

#[test]
fn a_url_that_is_no_console_says_why() {
    assert_eq!(
        error_code("https://example.com/ierp/login.html"),
        "console-not-index-page"
    );
    assert_eq!(
        error_code("https://example.com/ierp/index.html"),
        "console-missing-form-id"
    );
    let Err(e) = read_paste("https://example.com/ierp/index.html") else {
        panic!("not a console")
    };
    assert!(e.message(Locale::ZhCn).contains("formId"));
}

#[test]
fn a_user_language_body_gives_the_account_id_digit_for_digit() {
    let p = read(
        r#"{"language":"zh_CN","defaultLang":"zh_CN","accountId":1933358424373855232,"userId":"1933358424373855232_1"}"#,
    );
    assert_eq!(p.kind, PasteKind::UserLanguage);
    assert_eq!(account_id(&p), Some("1933358424373855232"));
    assert!(p.context.as_ref().is_some_and(|c| c.console.is_none()));
}

#[test]
fn json_without_an_account_id_is_the_user_language_error() {
    assert_eq!(error_code(r#"{"language":"zh_CN"}"#), "account-id-missing");
    assert_eq!(error_code(r#"{"accountId": }"#), "user-language-malformed");
}

#[test]
fn a_devtools_preview_copy_of_user_language_is_read_too() {
    let p =
        read("accountId: \"1933358424373855232\"\ndefaultLang: \"zh_CN\"\nlanguage: \"zh_CN\"\n");
    assert_eq!(p.kind, PasteKind::UserLanguage);
    assert_eq!(account_id(&p), Some("1933358424373855232"));
}
