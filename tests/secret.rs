//! The `Secret` type leaks nothing by accident: formatting, masking, storage records.

use fapiao_helper::secret::{
    masked, ttl_minutes_from_setting, HeldSecret, Lifetime, Secret, SecretKind, SecretMeta,
    SecretScope, DEFAULT_TTL_MINUTES, MAX_TTL_MINUTES,
};

const VALUE: &str = "Zq8RtLm2Wx9Pa4Kd7Hs3Jn6Vb1Cf5GyE";

fn held(value: &str) -> HeldSecret {
    HeldSecret::remember(
        SecretKind::AccessTokenKey,
        "https://cosmic.example.com/ierp/index.html?formId=pc_main_console",
        Secret::new(value.to_owned()),
        1_000,
        None,
    )
    .expect("a console page is a scope")
}

fn every_window_of(value: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = value.chars().collect();
    chars.windows(width).map(|w| w.iter().collect()).collect()
}

#[test]
fn debug_shows_nothing_of_the_value() {
    let secret = Secret::new(VALUE.to_owned());
    let shown = format!("{secret:?} {secret:#?}");
    for window in every_window_of(VALUE, 4) {
        assert!(!shown.contains(&window), "{shown} leaks {window}");
    }
}

#[test]
fn display_shows_nothing_of_the_value() {
    let secret = Secret::new(VALUE.to_owned());
    let shown = format!("{secret} {secret:>40}");
    for window in every_window_of(VALUE, 2) {
        assert!(!shown.contains(&window), "{shown} leaks {window}");
    }
}

#[test]
fn a_held_secret_debugs_without_its_value() {
    let shown = format!("{:?}", held(VALUE));
    assert!(
        !shown.contains(&VALUE[..8]) && !shown.contains(&VALUE[VALUE.len() - 4..]),
        "{shown}"
    );
    assert!(
        shown.contains("AccessTokenKey"),
        "metadata stays visible: {shown}"
    );
}

#[test]
fn expose_reads_the_value_on_purpose() {
    assert_eq!(Secret::new(VALUE.to_owned()).expose(), VALUE);
}

#[test]
fn masked_shows_bullets_and_the_last_four_characters() {
    let secret = Secret::new(VALUE.to_owned());
    assert_eq!(secret.masked(), "••••5GyE");
    assert!(!secret.masked().contains(&VALUE[..VALUE.len() - 4]));
}

#[test]
fn masked_never_shows_more_than_half_of_a_short_value() {
    assert_eq!(masked("abcdefgh"), "••••efgh");
    assert_eq!(masked("abcdef"), "••••def");
    assert_eq!(masked("ab"), "••••b");
    assert_eq!(masked("a"), "••••");
    assert_eq!(masked(""), "••••");
}

#[test]
fn masked_counts_characters_not_bytes() {
    assert_eq!(masked("密钥密钥密钥密钥尾巴结束"), "••••尾巴结束");
}

#[test]
fn duplicate_is_an_explicit_equal_copy() {
    let secret = Secret::new(VALUE.to_owned());
    let copy = secret.duplicate();
    assert_eq!(copy.expose(), secret.expose());
}

#[test]
fn same_value_compares_whole_values() {
    let secret = Secret::new(VALUE.to_owned());
    assert!(secret.same_value(VALUE));
    assert!(!secret.same_value(&VALUE[..31]));
    assert!(!secret.same_value(&format!("{}X", &VALUE[..31])));
    assert!(!secret.same_value(""));
}

#[test]
fn char_count_counts_characters() {
    assert_eq!(Secret::new("密钥ab".to_owned()).char_count(), 4);
}

#[test]
fn the_session_record_is_the_only_serialisation_and_holds_value_and_metadata() {
    let record = serde_json::to_value(held(VALUE).session_record()).expect("serialises");
    assert_eq!(record["kind"], "accessTokenKey");
    assert_eq!(record["origin"], "https://cosmic.example.com");
    assert_eq!(record["prefix"], "https://cosmic.example.com/ierp/");
    assert_eq!(record["createdAt"], 1_000);
    assert_eq!(record["expiresAt"], 1_000 + 30 * 60_000);
    assert_eq!(record["masked"], "••••5GyE");
    assert_eq!(record["allowedPrefixes"], serde_json::json!([]));
    assert_eq!(record["value"], VALUE);
}

#[test]
fn metadata_read_back_from_a_record_has_no_value() {
    let record = serde_json::to_value(held(VALUE).session_record()).expect("serialises");
    let meta: SecretMeta = serde_json::from_value(record).expect("reads back");
    assert_eq!(meta, held(VALUE).meta());
    let again = serde_json::to_string(&meta).expect("meta serialises");
    assert!(!again.contains(&VALUE[..VALUE.len() - 4]), "{again}");
}

#[test]
fn the_storage_key_names_kind_and_console() {
    assert_eq!(
        held(VALUE).storage_key(),
        "secret:accessTokenKey:https://cosmic.example.com/ierp/"
    );
}

#[test]
fn a_console_page_scopes_to_its_prefix() {
    let scope =
        SecretScope::of_page("http://10.0.0.5:8022/ierp/index.html?formId=pc_main_console#/x")
            .expect("scope");
    assert_eq!(scope.origin, "http://10.0.0.5:8022");
    assert_eq!(scope.prefix, "http://10.0.0.5:8022/ierp/");
}

#[test]
fn another_web_page_scopes_to_its_directory() {
    let scope = SecretScope::of_page("https://Host.example.com/a/b/app.html?x=1").expect("scope");
    assert_eq!(scope.origin, "https://host.example.com");
    assert_eq!(scope.prefix, "https://host.example.com/a/b/");
    let root = SecretScope::of_page("https://host.example.com").expect("scope");
    assert_eq!(root.prefix, "https://host.example.com/");
}

#[test]
fn pages_that_are_not_web_pages_have_no_scope() {
    for url in [
        "",
        "about:blank",
        "chrome-extension://abc/popup.html",
        "file:///tmp/index.html?formId=x",
        "data:text/html,hi",
        "not a url",
    ] {
        assert!(SecretScope::of_page(url).is_err(), "{url}");
    }
}

#[test]
fn the_default_lifetime_is_thirty_minutes() {
    assert_eq!(DEFAULT_TTL_MINUTES, 30);
    let lifetime = Lifetime::starting(5_000, None);
    assert_eq!(lifetime.expires_at - lifetime.created_at, 30 * 60_000);
}

#[test]
fn the_lifetime_setting_is_clamped_and_rounded() {
    assert_eq!(ttl_minutes_from_setting(Some(5.0)), 5);
    assert_eq!(ttl_minutes_from_setting(Some(5.4)), 5);
    assert_eq!(ttl_minutes_from_setting(Some(0.2)), 1);
    assert_eq!(ttl_minutes_from_setting(Some(1e12)), MAX_TTL_MINUTES);
    for nonsense in [
        None,
        Some(0.0),
        Some(-3.0),
        Some(f64::NAN),
        Some(f64::INFINITY),
    ] {
        assert_eq!(
            ttl_minutes_from_setting(nonsense),
            DEFAULT_TTL_MINUTES,
            "{nonsense:?}"
        );
    }
}

#[test]
fn a_secret_expires_at_the_instant_its_lifetime_ends() {
    let lifetime = Lifetime::starting(0, Some(1.0));
    assert!(!lifetime.is_expired(59_999));
    assert!(lifetime.is_expired(60_000));
    assert!(lifetime.is_expired(u64::MAX));
}

#[test]
fn a_lifetime_near_the_end_of_time_does_not_overflow() {
    assert_eq!(Lifetime::starting(u64::MAX - 1, None).expires_at, u64::MAX);
}

#[test]
fn kinds_have_stable_codes() {
    for kind in SecretKind::ALL {
        assert_eq!(SecretKind::from_code(kind.code()), Some(kind));
        assert_eq!(serde_json::to_value(kind).expect("serialises"), kind.code());
    }
    assert_eq!(SecretKind::from_code("password"), None);
}
