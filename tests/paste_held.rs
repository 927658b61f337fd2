//! What a mixed paste (a 授权邮件 thread that also holds its 获取token示例) leaves with the
//! helper: `readPaste` answers `kind: "mail"` with `token` and `context` beside the
//! enterprises, and `credentialsFromPaste` keeps all three parts, each for its console.
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::credentials::{from_paste, PasteKind, PasteResult};
use serde_json::json;

const TAB: &str = "https://cosmic.example.com/ierp/index.html?formId=pc_main_console";
const PREFIX: &str = "https://cosmic.example.com/ierp/";
const NOW: u64 = 1_750_000_000_000;

/// The answer `readPaste` gives for tests/paste_samples/thread_mail_and_token.txt.
fn thread(app_id: &str) -> PasteResult {
    serde_json::from_value(json!({
        "kind": "mail", "environment": "prod", "environmentUrl": "https://api.piaozone.com",
        "enterprises": [{"name": "深圳市云帆数科技术有限公司", "taxId": "91440300MA5G8TQK2M",
            "clientId": "c7f3a1d09b2e4c58a6d1", "clientSecret": "5e8b0c2f9a714d3eb6c7a2f41d9e0b63",
            "encryptKey": "Kq7Zp2Lm9Xw4Rt6B", "missing": []}],
        "tenants": [{"clientId": "TN_8d2f6a0c4e1b", "clientSecret": "a4c91e7f0b2d48e6953c1f7a8b0d2e64",
            "encryptKey": "Yh3Nc8Vb1Qs5Dw9E", "missing": []}],
        "context": {"origin": "https://cosmic.example.com", "prefix": PREFIX, "accountId": "1933358424373855232"},
        "token": {"appId": app_id, "appSecret": "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz",
            "tenantId": "ierp", "user": "13800138000", "userType": "Mobile",
            "accountId": "1933358424373855232", "missing": []},
        "problems": []
    }))
    .expect("a readPaste answer")
}

#[test]
fn a_mail_with_its_token_sample_keeps_credentials_key_and_context() {
    let outcome = from_paste(thread("invoiceupload"), Some(TAB), NOW, None).expect("held");
    assert_eq!(outcome.kind, PasteKind::Mail);
    let credentials = outcome.credentials.expect("the mail's credentials");
    assert_eq!(credentials.enterprises.len(), 1);
    assert_eq!(credentials.tenants.len(), 1);
    let key = outcome.access_key.expect("the sample's AccessToken key");
    assert_eq!(key.storage_key(), format!("secret:accessTokenKey:{PREFIX}"));
    assert_eq!(key.value().expose(), "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz");
    let observation = outcome.observation.expect("the sample's context");
    assert!(observation.pasted);
    assert_eq!(
        observation.observation.account_id.as_str(),
        "1933358424373855232"
    );
}

#[test]
fn another_apps_sample_in_a_mail_keeps_its_context_only() {
    let outcome = from_paste(thread("otherapp"), Some(TAB), NOW, None).expect("held");
    assert!(outcome.credentials.is_some());
    assert!(outcome.access_key.is_none());
    assert!(outcome.observation.is_some());
}
