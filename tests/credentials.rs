//! Pasted credentials held per console (src/credentials/): what a paste leaves with the helper
//! and for whom, which record a tab or a fill draws from, masking, the enterprise choice,
//! expiry, and the release policy for fills.
// Native only: proptest needs an OS random source (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::credentials::{
    credential_for_copy, from_paste, release, view, CredentialScope, Environment, FillRequest,
    HeldCredentials, PasteResult, ValueKey,
};
use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::status::{popup_status_with_pasted, PopupState};
use fapiao_helper::user_language::Observation;
use serde_json::json;

const CONSOLE: &str = "https://cosmic.example.com/ierp/index.html?formId=pc_main_console";
const PREFIX: &str = "https://cosmic.example.com/ierp/";
const OTHER_CONSOLE: &str = "https://cosmic.example.com/other/index.html?formId=x";
const IMAGE_SYSTEM: &str = "https://image.example.com/imgsys/main.html";
const NOW: u64 = 1_750_000_000_000;
const MINUTE: u64 = 60_000;
const SECRET: &str = "5e8b0c2f9a714d3eb6c7a2f41d9e0b63";
const KEY: &str = "Kq7Zp2Lm9Xw4Rt6B";
const TENANT_SECRET: &str = "a4c91e7f0b2d48e6953c1f7a8b0d2e64";

fn parsed(value: serde_json::Value) -> PasteResult {
    serde_json::from_value(value).expect("test paste")
}

fn mail(enterprises: usize) -> PasteResult {
    let list: Vec<_> = (0..enterprises)
        .map(|i| {
            json!({"name": format!("企业{i}"), "taxId": format!("9144030000000000{i:02}"), "clientId": format!("client{i}"),
                   "clientSecret": format!("{SECRET}{i}"), "encryptKey": KEY, "missing": []})
        })
        .collect();
    parsed(json!({
        "kind": "mail", "environment": "prod", "environmentUrl": "https://api.piaozone.com",
        "enterprises": list,
        "tenants": [{"clientId": "TN_8d2f6a0c4e1b", "clientSecret": TENANT_SECRET, "encryptKey": "Yh3Nc8Vb1Qs5Dw9E", "missing": []}],
        "problems": []
    }))
}

/// Held for `tab`, through the session-store form and back, as the worker does.
fn held(paste: PasteResult, tab: &str, now: u64) -> (String, HeldCredentials) {
    let outcome = from_paste(paste, Some(tab), now, None).expect("held");
    let record = outcome.credentials.expect("credentials");
    let key = record.storage_key();
    let stored = serde_json::to_value(record.session_record()).expect("record");
    (key, serde_json::from_value(stored).expect("read back"))
}

fn request<'a>(form: &'a str, page_url: &'a str, origin: &'a str) -> FillRequest<'a> {
    FillRequest {
        form,
        frame_origin: origin,
        page_url: Some(page_url),
        place_refusal: None,
        trusted_click: true,
        now_ms: NOW + MINUTE,
    }
}

#[test]
fn a_mail_is_held_for_the_tabs_console_with_the_session_expiry() {
    let (key, record) = held(mail(1), CONSOLE, NOW);
    assert_eq!(key, format!("cred:{PREFIX}"));
    assert_eq!(record.prefix.as_deref(), Some(PREFIX));
    assert_eq!(record.expires_at, NOW + 30 * MINUTE);
    assert_eq!(record.environment, Environment::Prod);
}

#[test]
fn a_page_that_is_no_console_holds_for_its_origin() {
    let (key, record) = held(mail(1), IMAGE_SYSTEM, NOW);
    assert_eq!(key, "cred:https://image.example.com");
    assert_eq!(record.prefix, None);
}

#[test]
fn a_tab_that_is_no_web_page_holds_nothing() {
    let error = from_paste(mail(1), Some("chrome://newtab/"), NOW, None).expect_err("refused");
    assert_eq!(error.code(), "paste-no-console");
    assert!(!error.message(Locale::En).is_empty());
    let hidden = from_paste(mail(1), None, NOW, None).expect_err("tab address unknown");
    assert_eq!(
        hidden.code(),
        "paste-tab-unknown",
        "the browser hides the address: no access yet"
    );
}

#[test]
fn one_enterprise_is_chosen_several_wait_for_the_user() {
    assert_eq!(
        held(mail(1), CONSOLE, NOW).1.selected.as_deref(),
        Some("914403000000000000")
    );
    let (_, mut record) = held(mail(3), CONSOLE, NOW);
    assert_eq!(record.selected, None);
    record.select("914403000000000002").expect("chosen");
    assert_eq!(
        record.selected_enterprise().map(|e| e.client_id.as_deref()),
        Some(Some("client2"))
    );
    assert_eq!(
        record.select("nope").expect_err("unknown").code(),
        "credential-no-such-enterprise"
    );
    assert_eq!(
        record.selected.as_deref(),
        Some("914403000000000002"),
        "a failed choice keeps the earlier one"
    );
}

#[test]
fn the_view_masks_secrets_and_shows_ids_whole() {
    let records = vec![held(mail(1), CONSOLE, NOW)];
    let shown = view(
        &records,
        Some(CONSOLE),
        Some("1742050739649250304"),
        NOW + MINUTE,
        Locale::ZhCn,
    );
    assert!(shown.held && shown.same_scope && !shown.confirmable);
    let text = |id: &str| {
        shown
            .credentials
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.held, c.text.clone()))
    };
    assert_eq!(text("clientId"), Some((true, "client0".to_owned())));
    assert_eq!(
        text("tenantClientId"),
        Some((true, "TN_8d2f6a0c4e1b".to_owned()))
    );
    let masked = text("clientSecret").expect("row").1;
    assert!(
        masked.ends_with("b630") && masked.len() < SECRET.len(),
        "{masked}"
    );
    let everything = serde_json::to_string(&shown).expect("json");
    for secret in [SECRET, KEY, TENANT_SECRET] {
        assert!(
            !everything.contains(secret),
            "the view never holds {secret}"
        );
    }
    assert!(
        everything.contains("1742050739649250304"),
        "EAS数据中心编码 is the accountId"
    );
}

#[test]
fn without_a_choice_the_enterprise_credentials_are_not_held() {
    let records = vec![held(mail(2), CONSOLE, NOW)];
    let shown = view(&records, Some(CONSOLE), None, NOW, Locale::En);
    for id in ["clientId", "clientSecret", "encryptKey"] {
        assert!(
            !shown.credentials.iter().any(|c| c.id == id && c.held),
            "{id}"
        );
    }
    assert!(shown
        .credentials
        .iter()
        .any(|c| c.id == "tenantClientId" && c.held));
}

#[test]
fn another_consoles_record_is_shown_as_such_and_confirmable() {
    let records = vec![held(mail(1), CONSOLE, NOW)];
    let shown = view(&records, Some(OTHER_CONSOLE), None, NOW, Locale::En);
    assert!(shown.held && !shown.same_scope && shown.confirmable);
}

#[test]
fn an_origin_wide_record_serves_a_console_of_that_origin() {
    let records = vec![held(
        mail(1),
        "https://cosmic.example.com/ierp/login.html",
        NOW,
    )];
    let shown = view(&records, Some(CONSOLE), None, NOW, Locale::En);
    assert!(shown.same_scope);
}

#[test]
fn expired_records_are_listed_for_removal_and_never_shown() {
    let records = vec![held(mail(1), CONSOLE, NOW)];
    let shown = view(&records, Some(CONSOLE), None, NOW + 31 * MINUTE, Locale::En);
    assert!(!shown.held);
    assert_eq!(shown.expired, vec![format!("cred:{PREFIX}")]);
    assert_eq!(shown.next_expiry, None, "nothing left to wait for");
}

#[test]
fn the_next_expiry_is_the_earliest_of_the_records_still_held() {
    let records = vec![
        held(mail(1), CONSOLE, NOW),
        held(mail(1), OTHER_CONSOLE, NOW + 5 * MINUTE),
        held(mail(1), IMAGE_SYSTEM, NOW + 10 * MINUTE),
    ];
    let shown = view(&records, None, None, NOW + MINUTE, Locale::En);
    assert_eq!(shown.next_expiry, Some(NOW + 30 * MINUTE));
    let later = view(&records, None, None, NOW + 30 * MINUTE, Locale::En);
    assert_eq!(later.expired, vec![format!("cred:{PREFIX}")]);
    assert_eq!(
        later.next_expiry,
        Some(NOW + 35 * MINUTE),
        "an expired record is removed, not waited for"
    );
}

#[test]
fn a_fill_on_the_same_console_receives_the_chosen_enterprise() {
    let records = vec![held(mail(1), CONSOLE, NOW).1];
    let released = release(
        &records,
        &request("invoice-cloud-auth", CONSOLE, "https://cosmic.example.com"),
    );
    assert_eq!(released.value(ValueKey::ClientId), Some("client0"));
    assert_eq!(
        released.value(ValueKey::ClientSecret),
        Some(format!("{SECRET}0").as_str())
    );
    assert_eq!(released.value(ValueKey::EncryptKey), Some(KEY));
    assert_eq!(released.value(ValueKey::Environment), Some("prod"));
    assert_eq!(released.value(ValueKey::TaxId), Some("914403000000000000"));
    // The enterprise form never receives the tenant's secrets.
    assert_eq!(released.value(ValueKey::TenantSecret), None);
}

#[test]
fn tenant_secrets_go_only_to_the_tenant_form() {
    let records = vec![held(mail(1), CONSOLE, NOW).1];
    let released = release(
        &records,
        &request("tenant-auth", CONSOLE, "https://cosmic.example.com"),
    );
    assert_eq!(released.value(ValueKey::TenantSecret), Some(TENANT_SECRET));
    assert_eq!(released.value(ValueKey::ClientSecret), None);
    let callback = release(
        &records,
        &request("invoice-callback", CONSOLE, "https://cosmic.example.com"),
    );
    assert_eq!(callback.value(ValueKey::TenantSecret), None);
    assert_eq!(callback.value(ValueKey::ClientSecret), None);
}

#[test]
fn another_console_gets_nothing_until_confirmed() {
    let (_, mut record) = held(mail(1), CONSOLE, NOW);
    let other_origin = "https://cosmic.example.com";
    {
        let records = std::slice::from_ref(&record);
        let refused = release(
            records,
            &request("invoice-cloud-auth", OTHER_CONSOLE, other_origin),
        );
        assert_eq!(refused.value(ValueKey::ClientSecret), None);
        assert_eq!(refused.value(ValueKey::ClientId), None);
        assert_eq!(
            refused.refusal(ValueKey::ClientSecret),
            Some("secret-other-console")
        );
    }
    record.allow(
        &CredentialScope::of_page(OTHER_CONSOLE).expect("scope"),
        false,
    );
    let records = [record];
    let allowed = release(
        &records,
        &request("invoice-cloud-auth", OTHER_CONSOLE, other_origin),
    );
    assert_eq!(
        allowed.value(ValueKey::ClientSecret),
        Some(format!("{SECRET}0").as_str())
    );
}

#[test]
fn expired_untrusted_foreign_frames_and_moved_pages_get_no_secret() {
    let records = vec![held(mail(1), CONSOLE, NOW).1];
    let origin = "https://cosmic.example.com";
    let mut late = request("invoice-cloud-auth", CONSOLE, origin);
    late.now_ms = NOW + 40 * MINUTE;
    assert_eq!(
        release(&records, &late).refusal(ValueKey::ClientSecret),
        Some("secret-expired")
    );
    assert_eq!(release(&records, &late).value(ValueKey::ClientId), None);

    let mut untrusted = request("invoice-cloud-auth", CONSOLE, origin);
    untrusted.trusted_click = false;
    let released = release(&records, &untrusted);
    assert_eq!(
        released.refusal(ValueKey::ClientSecret),
        Some("secret-untrusted-click")
    );
    assert_eq!(released.value(ValueKey::ClientId), Some("client0"));

    let foreign = release(
        &records,
        &request("invoice-cloud-auth", CONSOLE, "https://evil.example.net"),
    );
    assert_eq!(
        foreign.refusal(ValueKey::ClientSecret),
        Some("secret-frame-other-origin")
    );

    let moved = FillRequest {
        page_url: None,
        place_refusal: Some("secret-page-moved"),
        ..request("invoice-cloud-auth", CONSOLE, origin)
    };
    let moved = release(&records, &moved);
    assert_eq!(
        moved.refusal(ValueKey::ClientSecret),
        Some("secret-page-moved")
    );
    assert_eq!(moved.value(ValueKey::ClientId), None);
}

#[test]
fn a_plain_http_console_off_this_machine_needs_the_popups_confirm() {
    let console = "http://10.0.0.5:8022/ierp/index.html?formId=pc_main_console";
    let origin = "http://10.0.0.5:8022";
    let (_, mut record) = held(mail(1), console, NOW);
    {
        let records = std::slice::from_ref(&record);
        let refused = release(records, &request("invoice-cloud-auth", console, origin));
        assert_eq!(
            refused.refusal(ValueKey::ClientSecret),
            Some("secret-insecure-console")
        );
    }
    record.allow(&CredentialScope::of_page(console).expect("scope"), true);
    let records = [record];
    assert!(
        release(&records, &request("invoice-cloud-auth", console, origin))
            .value(ValueKey::ClientSecret)
            .is_some()
    );
}

#[test]
fn copy_gives_the_whole_value_of_the_record_shown() {
    let records = vec![held(mail(1), CONSOLE, NOW)];
    let copied = credential_for_copy(&records, Some(CONSOLE), Some("42"), "clientSecret", NOW)
        .expect("copied");
    assert_eq!(copied, format!("{SECRET}0"));
    assert_eq!(
        credential_for_copy(
            &records,
            Some(CONSOLE),
            Some("42"),
            "manual:eas-account-id",
            NOW
        )
        .expect("id"),
        "42"
    );
    assert_eq!(
        credential_for_copy(&records, Some(CONSOLE), None, "manual:image-host-prod", NOW)
            .expect("host"),
        "http://api.piaozone.com/"
    );
    assert!(credential_for_copy(&records, Some(CONSOLE), None, "nonsense", NOW).is_err());
    assert!(credential_for_copy(&[], Some(CONSOLE), None, "clientSecret", NOW).is_err());
}

fn token(prefix: &str, app_id: &str) -> PasteResult {
    parsed(json!({
        "kind": "token-sample", "environment": "unknown", "enterprises": [], "tenants": [],
        "context": {"origin": "https://cosmic.example.com", "prefix": prefix, "accountId": "1933358424373855232"},
        "token": {"appId": app_id, "appSecret": "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz", "accountId": "1933358424373855232"},
        "problems": []
    }))
}

#[test]
fn a_token_sample_holds_its_consoles_key_and_context() {
    let outcome = from_paste(
        token(PREFIX, "invoiceupload"),
        Some("chrome://newtab/"),
        NOW,
        None,
    )
    .expect("held");
    let key = outcome.access_key.expect("the AccessToken key");
    assert_eq!(key.storage_key(), format!("secret:accessTokenKey:{PREFIX}"));
    assert_eq!(key.value().expose(), "Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz");
    let observation = outcome.observation.expect("context");
    assert!(observation.pasted);
    assert_eq!(
        observation.observation.account_id.as_str(),
        "1933358424373855232"
    );

    let other_app =
        from_paste(token(PREFIX, "otherapp"), Some(CONSOLE), NOW, None).expect("context only");
    assert!(other_app.access_key.is_none() && other_app.observation.is_some());
    assert!(from_paste(
        token("not a prefix", "invoiceupload"),
        Some(CONSOLE),
        NOW,
        None
    )
    .is_err());
}

#[test]
fn a_pasted_context_makes_its_console_ready_only_where_none_was_seen() {
    let outcome =
        from_paste(token(PREFIX, "invoiceupload"), Some(CONSOLE), NOW, None).expect("held");
    let pasted = vec![outcome.observation.expect("context").observation];
    let status = popup_status_with_pasted(Some(CONSOLE), true, &[], &pasted, Locale::En);
    assert_eq!(status.state, PopupState::Ready);
    assert_eq!(
        status.account_id.map(|a| a.as_str().to_owned()).as_deref(),
        Some("1933358424373855232")
    );

    let seen: Observation = serde_json::from_value(json!({
        "origin": "https://cosmic.example.com", "requestPath": "/ierp/auth/getUserLanguage.do", "pageDir": "/ierp/",
        "accountId": "1742050739649250304", "seenAt": 1.0
    }))
    .expect("observation");
    let status = popup_status_with_pasted(Some(CONSOLE), true, &[seen], &pasted, Locale::En);
    assert_eq!(
        status.account_id.map(|a| a.as_str().to_owned()).as_deref(),
        Some("1742050739649250304")
    );

    let other = popup_status_with_pasted(Some(OTHER_CONSOLE), true, &[], &pasted, Locale::En);
    assert_eq!(
        other.state,
        PopupState::Waiting,
        "another prefix's pasted context does not count"
    );
}

#[test]
fn the_session_record_round_trips_and_is_the_only_serialisation() {
    let (_, record) = held(mail(2), CONSOLE, NOW);
    let text = serde_json::to_string(&record.session_record()).expect("json");
    assert!(
        text.contains(SECRET),
        "the session record carries the values"
    );
    assert!(
        !format!("{record:?}").contains(SECRET),
        "Debug never shows a secret"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any values a forged or odd paste result carries: no panic, and the view never holds
        /// the secret whole (only values of at least 8 characters can be told from their mask).
        #[test]
        fn any_paste_is_held_or_refused_without_panic_and_never_shown_whole(
            name in ".{0,40}", tax_id in "[0-9A-Z]{0,20}", secret in "[A-Za-z0-9]{8,40}",
            tab in prop_oneof![Just(CONSOLE.to_owned()), Just(IMAGE_SYSTEM.to_owned()), ".{0,60}"],
            now in 0u64..u64::MAX / 2,
        ) {
            let paste = parsed(json!({
                "kind": "mail", "environment": "whatever",
                "enterprises": [{"name": name, "taxId": tax_id, "clientId": "x", "clientSecret": secret, "missing": [1, {"a": 2}]}],
                "tenants": [], "problems": [{"problem": "tax-id", "message": "m"}]
            }));
            if let Ok(outcome) = from_paste(paste, Some(&tab), now, Some(f64::NAN)) {
                if let Some(mut record) = outcome.credentials {
                    let _ = record.select(&tax_id);
                    let stored = serde_json::to_value(record.session_record()).expect("record");
                    let back: HeldCredentials = serde_json::from_value(stored).expect("read back");
                    let key = back.storage_key();
                    let records = vec![(key, back)];
                    let shown = serde_json::to_string(&view(&records, Some(&tab), None, now, Locale::En)).expect("json");
                    prop_assert!(!shown.contains(&secret));
                }
            }
        }
    }
}
