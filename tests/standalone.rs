//! The standalone page's answers (`standalone_view`, `standalone_value`) for each kind of paste,
//! from `readPaste`'s JSON shape: the same choices and masking as the popup, with no console.

use fapiao_helper::credentials::PasteResult;
use fapiao_helper::i18n::Locale;
use fapiao_helper::standalone::{context_values, standalone_value, standalone_view};
use serde_json::json;

fn paste(value: serde_json::Value) -> PasteResult {
    serde_json::from_value(value).expect("readPaste's shape")
}

fn mail(enterprises: serde_json::Value) -> PasteResult {
    paste(json!({
        "kind": "mail", "environment": "prod", "environmentUrl": "https://api.piaozone.com",
        "enterprises": enterprises,
        "tenants": [{"clientId": "TN_8d2f6a0c4e1b", "clientSecret": "a4c91e7f0b2d48e6953c1f7a8b0d2e64", "encryptKey": "Yh3Nc8Vb1Qs5Dw9E", "missing": []}],
        "problems": [{"problem": "tax-id", "taxId": "91440300MA5G8TQK2N", "message": "税号校验位不对"}],
    }))
}

fn one() -> serde_json::Value {
    json!([{"name": "深圳市云帆数科技术有限公司", "taxId": "91440300MA5G8TQK2M", "clientId": "c7f3a1d09b2e4c58a6d1",
            "clientSecret": "5e8b0c2f9a714d3eb6c7a2f41d9e0b63", "encryptKey": "Kq7Zp2Lm9Xw4Rt6B", "missing": []}])
}

fn two() -> serde_json::Value {
    json!([
        {"name": "甲公司", "taxId": "91440300MA5G8TQK2M", "clientId": "a1b2c3d4e5f60718293a", "clientSecret": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "missing": []},
        {"name": "乙公司", "taxId": "91510100MA6CW4YE17", "clientId": "7be02c4f91ad4e3b", "clientSecret": "3f9c0e7a2b5d48e19c6f0a3b7d2e5c8f", "missing": []},
    ])
}

fn credential<'a>(view: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    view["credentials"]
        .as_array()
        .expect("credential rows")
        .iter()
        .find(|c| c["id"] == id)
        .expect("that credential's row")
}

fn view_json(paste: PasteResult, selected: Option<&str>) -> serde_json::Value {
    serde_json::to_value(standalone_view(paste, selected, Locale::ZhCn))
        .expect("the view serialises")
}

#[test]
fn a_console_url_gives_the_prefix_and_both_urls() {
    let values = context_values(&paste(json!({
        "kind": "console-url", "context": {"origin": "http://10.0.0.5:8022", "prefix": "http://10.0.0.5:8022/ierp/"},
    })));
    assert_eq!(values.prefix.as_deref(), Some("http://10.0.0.5:8022/ierp/"));
    assert_eq!(
        values.app_token_url.as_deref(),
        Some("http://10.0.0.5:8022/ierp/api/getAppToken.do")
    );
    assert_eq!(
        values.login_url.as_deref(),
        Some("http://10.0.0.5:8022/ierp/api/login.do")
    );
    assert_eq!(values.account_id, None);
}

#[test]
fn a_user_language_body_gives_the_account_id_digit_for_digit() {
    let values = context_values(&paste(
        json!({"kind": "user-language", "context": {"accountId": "1742050739649250304"}}),
    ));
    assert_eq!(values.account_id.as_deref(), Some("1742050739649250304"));
    assert_eq!(values.prefix, None);
}

#[test]
fn a_token_sample_gives_all_four_taking_the_account_id_from_the_token_when_the_context_lacks_it() {
    let values = context_values(&paste(json!({
        "kind": "token-sample", "context": {"origin": "https://a.example.com", "prefix": "https://a.example.com/k3/ierp/"},
        "token": {"appId": "invoiceupload", "accountId": "1933358424373855232", "appSecret": "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"},
    })));
    assert_eq!(
        values.prefix.as_deref(),
        Some("https://a.example.com/k3/ierp/")
    );
    assert_eq!(
        values.login_url.as_deref(),
        Some("https://a.example.com/k3/ierp/api/login.do")
    );
    assert_eq!(values.account_id.as_deref(), Some("1933358424373855232"));
}

#[test]
fn an_account_id_the_console_would_refuse_is_not_shown() {
    let values = context_values(&paste(
        json!({"kind": "user-language", "context": {"accountId": "12 34; drop"}}),
    ));
    assert_eq!(values.account_id, None);
}

#[test]
fn the_only_enterprise_is_chosen_ids_whole_secrets_masked() {
    let view = view_json(mail(one()), None);
    assert_eq!(view["selected"], "91440300MA5G8TQK2M");
    assert_eq!(view["enterprises"][0]["selected"], true);
    assert_eq!(
        credential(&view, "clientId")["text"],
        "c7f3a1d09b2e4c58a6d1"
    );
    let secret = credential(&view, "clientSecret")["text"]
        .as_str()
        .expect("masked text");
    assert!(
        secret.ends_with("0b63") && !secret.contains("5e8b0c2f"),
        "{secret}"
    );
    assert_eq!(
        credential(&view, "tenantClientId")["text"],
        "TN_8d2f6a0c4e1b"
    );
    assert_eq!(view["problems"][0]["problem"], "tax-id");
    assert_eq!(view["environment"], "prod");
    assert!(
        !view
            .to_string()
            .contains("5e8b0c2f9a714d3eb6c7a2f41d9e0b63"),
        "no secret whole in the view"
    );
}

#[test]
fn of_several_enterprises_none_is_chosen_until_one_is_named() {
    let view = view_json(mail(two()), None);
    assert!(view["selected"].is_null());
    assert_eq!(credential(&view, "clientId")["held"], false);
    let chosen = view_json(mail(two()), Some("91510100MA6CW4YE17"));
    assert_eq!(chosen["selected"], "91510100MA6CW4YE17");
    assert_eq!(credential(&chosen, "clientId")["text"], "7be02c4f91ad4e3b");
    let unknown = view_json(mail(two()), Some("91000000000000000X"));
    assert!(
        unknown["selected"].is_null(),
        "a 税号 not in the mail chooses nothing"
    );
}

#[test]
fn copy_gives_the_whole_value_of_the_chosen_enterprise_only() {
    assert_eq!(
        standalone_value(mail(one()), None, "clientSecret").expect("a value to copy"),
        "5e8b0c2f9a714d3eb6c7a2f41d9e0b63"
    );
    assert_eq!(
        standalone_value(mail(two()), Some("91440300MA5G8TQK2M"), "clientSecret")
            .expect("a value to copy"),
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    );
    assert!(
        standalone_value(mail(two()), None, "clientSecret").is_err(),
        "none chosen: nothing to copy"
    );
    assert!(standalone_value(mail(one()), None, "no-such-value").is_err());
    assert_eq!(
        standalone_value(mail(one()), None, "tenantEncryptKey").expect("a value to copy"),
        "Yh3Nc8Vb1Qs5Dw9E"
    );
}

#[test]
fn a_token_sample_shows_its_app_values_with_the_secret_masked_and_copies_it_whole() {
    let sample = || {
        paste(json!({
            "kind": "token-sample", "context": {"origin": "https://a.example.com", "prefix": "https://a.example.com/ierp/", "accountId": "1933358424373855232"},
            "token": {"appId": "invoiceupload", "tenantId": "demo", "user": "13800138000", "appSecret": "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"},
        }))
    };
    let view = view_json(sample(), None);
    assert_eq!(view["token"]["appId"], "invoiceupload");
    assert_eq!(view["token"]["tenantId"], "demo");
    let masked = view["token"]["appSecret"].as_str().expect("masked secret");
    assert!(
        masked.ends_with("k0Lz") && !masked.contains("Xy7Qw2"),
        "{masked}"
    );
    assert!(!view
        .to_string()
        .contains("Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"));
    assert_eq!(
        standalone_value(sample(), None, "appSecret").expect("the app secret"),
        "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz"
    );
    assert!(
        standalone_value(mail(one()), None, "appSecret").is_err(),
        "a mail holds no app secret"
    );
}
