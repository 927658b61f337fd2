//! Bad pastes: each gives its own localised error, never a half-read result; any input up to
//! the cap answers without panicking and in bounded time; over the cap is refused at once.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::paste::{read_paste, PasteError, MAX_PASTE_BYTES};
use proptest::prelude::*;

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("paste_samples/", $name, ".txt"))
    };
}

fn error(text: &str) -> PasteError {
    match read_paste(text) {
        Ok(paste) => panic!("{text:.120}\nshould fail, got {paste:?}"),
        Err(e) => e,
    }
}

/// The contract allows 5 s for any paste in the release WASM. Debug builds (what `cargo test`
/// runs) are about ten times slower and share two cores with other builds: a generous bound
/// there still catches anything quadratic (that takes minutes at 1 MB).
const BUDGET: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(8)
} else {
    Duration::from_secs(1)
};

fn timed(text: &str) -> Duration {
    let start = Instant::now();
    let _ = read_paste(text);
    start.elapsed()
}

#[test]
fn empty_and_blank_pastes() {
    assert_eq!(error(""), PasteError::Empty);
    assert_eq!(error(" \n\t\r\n\u{3000}"), PasteError::Empty);
}

#[test]
fn a_paste_of_no_known_kind() {
    assert_eq!(
        error("hello world, nothing to see here"),
        PasteError::UnknownShape
    );
    assert_eq!(
        error("今天天气不错，我们下午三点开会。"),
        PasteError::UnknownShape
    );
}

#[test]
fn a_mail_without_credentials() {
    assert_eq!(error(sample!("no_credentials")), PasteError::NoCredentials);
    // 税号 alone is no credential either: nothing to fill.
    assert_eq!(
        error("企业名称：杭州西溪贸易有限公司\n税号：91330106MA2H3WQN0U\n"),
        PasteError::NoCredentials
    );
}

#[test]
fn a_mail_whose_credentials_are_all_unreadable() {
    let e = error("发票云授权\nClientID：见附件\nClientSecret：******\nEncryKey：\n");
    assert_eq!(e, PasteError::CredentialsUnreadable);
}

#[test]
fn the_same_tax_id_twice_with_different_values() {
    let e = error(sample!("duplicate_conflict"));
    assert_eq!(
        e,
        PasteError::ConflictingTaxId {
            tax_id: "91440300MA5G8TQK2M".into()
        }
    );
    assert!(e.message(Locale::ZhCn).contains("91440300MA5G8TQK2M"));
    assert!(
        !e.message(Locale::ZhCn).contains("5e8b0c2f"),
        "never a secret in an error"
    );
    let renamed = "税号：91330106MA2H3WQN0U\n企业名称：甲公司\nClientID：4d8e1b6f2a9c43e0\n\n税号：91330106MA2H3WQN0U\n企业名称：乙公司\nClientID：4d8e1b6f2a9c43e0\n";
    assert_eq!(error(renamed).code(), "paste-conflicting-tax-id");
}

#[test]
fn the_same_tenant_twice_with_different_keys() {
    let text = "租户ClientID：TN_8d2f6a0c4e1b\n租户ClientSecret：a4c91e7f0b2d48e6953c1f7a8b0d2e64\n\n租户ClientID：TN_8d2f6a0c4e1b\n租户ClientSecret：ffffffffffffffffffffffffffffffff\n";
    assert_eq!(error(text).code(), "paste-conflicting-tenant");
}

#[test]
fn ten_megabytes_are_refused_before_any_work() {
    let big = "ClientID：abcdefgh\n".repeat(10 * 1024 * 1024 / 18);
    let start = Instant::now();
    let e = error(&big);
    assert!(
        start.elapsed() < Duration::from_millis(50),
        "{:?}",
        start.elapsed()
    );
    assert!(matches!(
        e,
        PasteError::TooLarge {
            max: MAX_PASTE_BYTES,
            ..
        }
    ));
    assert!(e.message(Locale::ZhCn).contains("太大"));
    assert!(e.message(Locale::En).contains("too large"));
    let just_over = "x".repeat(MAX_PASTE_BYTES + 1);
    assert_eq!(error(&just_over).code(), "paste-too-large");
}

#[test]
fn binary_junk_is_refused() {
    assert_eq!(error("PK\u{3}\u{4}\u{14}\0\0\0\u{8}\0"), PasteError::Binary);
    let junk: String = (0u32..4000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x2000))
        .collect();
    assert!(matches!(
        error(&junk),
        PasteError::Binary | PasteError::UnknownShape
    ));
    let replacement = "\u{fffd}".repeat(200);
    assert_eq!(error(&replacement), PasteError::Binary);
}

#[test]
fn every_error_has_a_code_and_two_languages() {
    let errors = [
        PasteError::Empty,
        PasteError::TooLarge { len: 2, max: 1 },
        PasteError::Binary,
        PasteError::UnknownShape,
        PasteError::NoCredentials,
        PasteError::CredentialsUnreadable,
        PasteError::ConflictingTaxId { tax_id: "X".into() },
        PasteError::ConflictingTenant {
            client_id: "TN_X".into(),
        },
        PasteError::TokenPrefixMismatch {
            app_token: "a".into(),
            login: "b".into(),
        },
        PasteError::TokenConflict { key: "accountId" },
        PasteError::TokenEmpty,
    ];
    let mut codes: Vec<&str> = errors.iter().map(Localised::code).collect();
    for e in &errors {
        assert_ne!(e.message(Locale::ZhCn), e.message(Locale::En), "{e:?}");
        assert!(!e.message(Locale::ZhCn).is_empty());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
}

/// Worst cases near the cap: label-dense lines, one huge line, a huge table, many URLs.
#[test]
fn adversarial_pastes_near_the_cap_answer_in_bounded_time() {
    let fill = |unit: &str| unit.repeat((MAX_PASTE_BYTES - 16) / unit.len());
    let cases = [
        fill("ClientID：a1b2c3d4 ClientSecret：e5f6a7b8 EncryKey：c9d0e1f2 租户ClientID：TN_x1y2z3\n"),
        fill("授权账号授权密钥加密key企业名称税号"),
        fill("client id client_secret encrypt-key "),
        fill("企业名称\t税号\tClientID\tClientSecret\tEncryKey\n"),
        format!("企业名称\t税号\tClientID\tClientSecret\tEncryKey\n{}", fill("某某有限公司\t91440300MA5G8TQK2M\tc7f3a1d09b2e\t5e8b0c2f9a71\tKq7Zp2Lm9Xw4\n")),
        fill("https://api.piaozone.com https://api-dev.piaozone.com/test "),
        fill("> > > > > > > > "),
        fill("ClientID：\n"),
        fill("((((((((【【【【【"),
        fill("appId: a, appSecret: b, user: c, usertype: d, tenantid: e, accountId: 1, "),
        fill("深圳市某某有限公司\n"),
        format!("{{{}", fill("\"accountId\":\"1\",")),
        fill("a"),
        fill("测"),
    ];
    for case in &cases {
        assert!(case.len() <= MAX_PASTE_BYTES);
        let took = timed(case);
        assert!(took < BUDGET, "{:.60}… took {took:?}", case);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Mail-like soup: labels, separators, values, quotes, tables and junk in any order.
    #[test]
    fn mail_like_soup_never_panics_and_never_returns_an_empty_mail(
        parts in prop::collection::vec(prop::sample::select(vec![
            "ClientID", "client_id", "授权账号", "授权码", "ClientSecret", "授权密钥", "客户端标识",
            "EncryKey", "加密key", "接入标识", "税号", "企业名称", "租户", "租户ClientID", "环境",
            "测试环境", "正式环境", "：", ":", "=", "\t", "  ", " ", "\n", "\n\n", "> ", "|", "---",
            "TN_", "91440300MA5G8TQK2M", "c7f3a1d09b2e4c58", "****", "（", "）", "【", "】",
            "深圳市某某有限公司", "https://api.piaozone.com", "https://api-dev.piaozone.com/test",
            "appId", "appSecret", "getAppToken.do", "{", "}", "\"", "1.", "、", "\u{a0}", "\u{200b}",
        ]), 0..120)
    ) {
        let text: String = parts.concat();
        if let Ok(paste) = read_paste(&text) {
            // A mail is only answered with something to hold.
            if paste.kind.as_str() == "mail" {
                prop_assert!(!paste.enterprises.is_empty() || !paste.tenants.is_empty());
            }
        }
    }

    /// Token-sample soup: keys, quotes (also typographic), comments and URLs in any order.
    #[test]
    fn token_like_soup_never_panics(
        parts in prop::collection::vec(prop::sample::select(vec![
            "appId", "appSecret", "appSecuret", "tenantid", "accountId", "user", "usertype", ":",
            "=", "：", "\"", "'", "“", "”", "{", "}", ",", " ", "\n", "//", "/*", "*/", "#",
            "https://h.example.com/ierp/api/getAppToken.do", "http://h:1/x/api/login.do",
            "1933358424373855232", "invoiceupload", "null", "测试", "curl -d '",
        ]), 0..80)
    ) {
        let _ = read_paste(&parts.concat());
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,400}") {
        let _ = read_paste(&text);
    }

    #[test]
    fn any_bytes_read_lossily_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_paste(&String::from_utf8_lossy(&bytes));
    }
}
