//! `getUserLanguage.do` bodies → 数据中心 id, observations and which one serves a console.
// Native only: proptest needs an OS random source (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::console::ConsoleContext;
use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::user_language::{
    extract_account_id, observation_for_console, observe, AccountId, Observation,
    UserLanguageError as E, MAX_BODY_BYTES,
};
use proptest::prelude::*;

fn id(body: &str) -> String {
    match extract_account_id(body) {
        Ok(id) => id.to_string(),
        Err(e) => panic!("{body:.200} should give an id: {e}"),
    }
}

fn fails(body: &str) -> E {
    match extract_account_id(body) {
        Ok(id) => panic!("{body:.200} should fail, gave {id}"),
        Err(e) => e,
    }
}

// ---- extract_account_id: where the id sits and how it is written ----

#[test]
fn a_top_level_string_id_is_read() {
    assert_eq!(
        id(r#"{"accountId":"1742050739649250304"}"#),
        "1742050739649250304"
    );
}

#[test]
fn a_nineteen_digit_number_comes_out_digit_exact() {
    assert_eq!(
        id(r#"{"status":true,"data":{"accountId":1742050739649250304,"language":"zh_CN"}}"#),
        "1742050739649250304"
    );
    // As a float this would be 1742050739649250300.
    assert_eq!(
        id(r#"{"accountId":1742050739649250303}"#),
        "1742050739649250303"
    );
}

#[test]
fn the_largest_u64_is_still_exact() {
    assert_eq!(
        id(r#"{"accountId":18446744073709551615}"#),
        "18446744073709551615"
    );
}

#[test]
fn an_id_nested_deep_in_objects_and_arrays_is_found() {
    assert_eq!(
        id(r#"{"data":{"user":{"profile":[{"x":1},{"accountId":"A_1-b"}]}}}"#),
        "A_1-b"
    );
    assert_eq!(id(r#"[[[{"accountId":42}]]]"#), "42");
}

#[test]
fn the_shallowest_id_wins_over_deeper_ones() {
    assert_eq!(
        id(
            r#"{"data":{"accountId":"999","inner":{"accountId":"111"}},"other":{"x":{"accountId":"222"}}}"#
        ),
        "999"
    );
    // Document order does not matter: the shallow one comes last here.
    assert_eq!(
        id(r#"{"a":{"b":{"accountId":"deep"}},"accountId":"top"}"#),
        "top"
    );
}

#[test]
fn equal_ids_on_the_same_level_agree() {
    assert_eq!(id(r#"{"a":{"accountId":"7"},"b":{"accountId":7}}"#), "7");
}

#[test]
fn different_ids_on_the_same_level_are_ambiguous() {
    assert_eq!(
        fails(r#"{"a":{"accountId":"1"},"b":{"accountId":"2"}}"#),
        E::Ambiguous
    );
    assert_eq!(fails(r#"{"accountId":"1","accountId":"2"}"#), E::Ambiguous);
}

#[test]
fn an_invalid_shallow_id_is_an_error_even_if_a_deeper_one_is_valid() {
    assert_eq!(
        fails(r#"{"accountId":"1 2","data":{"accountId":"123"}}"#),
        E::AccountIdBadCharacters
    );
    assert_eq!(
        fails(r#"{"accountId":false,"data":{"accountId":"123"}}"#),
        E::AccountIdWrongType { kind: "boolean" }
    );
}

#[test]
fn a_null_or_blank_shallow_id_means_look_deeper() {
    assert_eq!(
        id(r#"{"accountId":null,"data":{"accountId":"123"}}"#),
        "123"
    );
    assert_eq!(id(r#"{"accountId":" ","data":{"accountId":456}}"#), "456");
    assert_eq!(id(r#"{"a":{"accountId":null},"b":{"accountId":"7"}}"#), "7");
}

#[test]
fn only_null_or_blank_ids_report_the_first_of_them() {
    assert_eq!(
        fails(r#"{"accountId":null,"data":{"accountId":""}}"#),
        E::AccountIdWrongType { kind: "null" }
    );
    assert_eq!(
        fails(r#"{"data":{"accountId":""},"x":[{"accountId":null}]}"#),
        E::EmptyAccountId
    );
}

#[test]
fn whitespace_around_a_string_id_is_trimmed() {
    assert_eq!(
        id(r#"{"accountId":"  1742050739649250304\n"}"#),
        "1742050739649250304"
    );
}

#[test]
fn whitespace_and_a_byte_order_mark_around_the_json_are_fine() {
    assert_eq!(id("\u{feff}  \n{\"accountId\": \"9\"}\r\n"), "9");
}

#[test]
fn the_key_must_be_spelt_exactly() {
    assert_eq!(
        fails(r#"{"accountid":"1","AccountId":"2","account_id":"3"}"#),
        E::MissingAccountId
    );
}

#[test]
fn an_id_that_only_appears_as_a_value_is_not_a_key() {
    assert_eq!(
        fails(r#"{"key":"accountId","list":["accountId"]}"#),
        E::MissingAccountId
    );
}

#[test]
fn escaped_strings_and_unicode_elsewhere_do_not_disturb_the_search() {
    assert_eq!(
        id(r#"{"msg":"数据中心 \"{[\\","data":{"accountId":"\u0031\u0032"}}"#),
        "12"
    );
}

// ---- extract_account_id: absurd values ----

#[test]
fn an_empty_or_blank_id_is_refused() {
    assert_eq!(fails(r#"{"accountId":""}"#), E::EmptyAccountId);
    assert_eq!(fails(r#"{"accountId":"   \t"}"#), E::EmptyAccountId);
}

#[test]
fn an_overlong_id_is_refused() {
    let long = "1".repeat(65);
    assert_eq!(
        fails(&format!(r#"{{"accountId":"{long}"}}"#)),
        E::AccountIdTooLong { len: 65 }
    );
    let max = "1".repeat(64);
    assert_eq!(id(&format!(r#"{{"accountId":"{max}"}}"#)), max);
}

#[test]
fn ids_with_odd_characters_are_refused() {
    for value in [
        "12 34",
        "1;DROP",
        "<script>",
        "数据中心",
        "1.5",
        "a/b",
        "１２３",
    ] {
        let body = serde_json::json!({ "accountId": value }).to_string();
        assert_eq!(fails(&body), E::AccountIdBadCharacters, "{value}");
    }
}

#[test]
fn non_integer_numbers_are_refused() {
    for number in [
        "-1",
        "1.5",
        "1.0",
        "1e3",
        "1E3",
        "-0",
        "18446744073709551616",
        "1742050739649250304.0",
    ] {
        assert_eq!(
            fails(&format!(r#"{{"accountId":{number}}}"#)),
            E::AccountIdNotInteger,
            "{number}"
        );
    }
}

#[test]
fn booleans_null_objects_and_arrays_are_refused() {
    for (value, kind) in [
        ("true", "boolean"),
        ("false", "boolean"),
        ("null", "null"),
        (r#"{"id":"1"}"#, "object"),
        (r#"["1"]"#, "array"),
    ] {
        assert_eq!(
            fails(&format!(r#"{{"accountId":{value}}}"#)),
            E::AccountIdWrongType { kind },
            "{value}"
        );
    }
}

// ---- extract_account_id: hostile bodies ----

#[test]
fn a_body_over_the_cap_is_refused_before_parsing() {
    let filler = "x".repeat(MAX_BODY_BYTES);
    let body = format!(r#"{{"accountId":"1","pad":"{filler}"}}"#);
    assert_eq!(
        fails(&body),
        E::TooLarge {
            len: body.len(),
            max: MAX_BODY_BYTES
        }
    );
}

#[test]
fn a_body_just_under_the_cap_is_read() {
    let prefix = r#"{"accountId":"1","pad":""#;
    let filler = "x".repeat(MAX_BODY_BYTES - prefix.len() - 2);
    let body = format!("{prefix}{filler}\"}}");
    assert_eq!(body.len(), MAX_BODY_BYTES);
    assert_eq!(id(&body), "1");
}

#[test]
fn empty_bodies_are_their_own_error() {
    assert_eq!(fails(""), E::EmptyBody);
    assert_eq!(fails(" \n\t"), E::EmptyBody);
}

#[test]
fn malformed_json_is_an_error_with_a_position() {
    for body in [
        "{",
        "{\"accountId\":}",
        "accountId=1",
        "{\"accountId\":\"1\"} trailing",
        "<html>",
        "{'accountId':'1'}",
        "{\"accountId\":01}",
    ] {
        assert!(matches!(fails(body), E::Malformed { .. }), "{body}");
    }
}

#[test]
fn a_depth_bomb_is_refused() {
    let bomb = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(fails(&bomb), E::TooDeep { max: 64 });
    let unclosed = "{\"a\":".repeat(10_000);
    assert_eq!(fails(&unclosed), E::TooDeep { max: 64 });
}

#[test]
fn brackets_inside_strings_do_not_count_as_depth() {
    let body = format!(r#"{{"s":"{}","accountId":"5"}}"#, "[".repeat(1000));
    assert_eq!(id(&body), "5");
}

#[test]
fn moderate_nesting_is_fine() {
    let body = format!(
        "{}{{\"accountId\":\"3\"}}{}",
        "[".repeat(60),
        "]".repeat(60)
    );
    assert_eq!(id(&body), "3");
}

#[test]
fn a_json_without_the_key_is_missing() {
    assert_eq!(
        fails(r#"{"status":true,"data":{"language":"zh_CN"}}"#),
        E::MissingAccountId
    );
    assert_eq!(fails("42"), E::MissingAccountId);
    assert_eq!(fails("\"accountId\""), E::MissingAccountId);
    assert_eq!(fails("[]"), E::MissingAccountId);
}

#[test]
fn every_error_has_both_languages_and_a_distinct_code() {
    let errors = [
        E::TooLarge { len: 1, max: 0 },
        E::EmptyBody,
        E::TooDeep { max: 64 },
        E::Malformed { line: 1, column: 2 },
        E::MissingAccountId,
        E::EmptyAccountId,
        E::AccountIdTooLong { len: 65 },
        E::AccountIdBadCharacters,
        E::AccountIdNotInteger,
        E::AccountIdWrongType { kind: "null" },
        E::Ambiguous,
        E::BadPageUrl,
        E::BadRequestUrl,
        E::CrossOrigin {
            page_origin: "https://a".into(),
            request_origin: "https://b".into(),
        },
        E::NotUserLanguageRequest,
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    for e in &errors {
        let (zh, en) = (e.message(Locale::ZhCn), e.message(Locale::En));
        assert!(!zh.is_empty() && !en.is_empty());
        assert_ne!(zh, en, "{e:?}");
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
}

// ---- AccountId ----

#[test]
fn an_account_id_serialises_as_a_plain_string() {
    let id = extract_account_id(r#"{"accountId":1742050739649250304}"#);
    assert_eq!(
        id.map(|id| serde_json::to_string(&id).unwrap_or_default()),
        Ok("\"1742050739649250304\"".to_owned())
    );
}

#[test]
fn an_account_id_is_validated_when_deserialised() {
    assert!(serde_json::from_str::<AccountId>("\"1742050739649250304\"").is_ok());
    assert!(serde_json::from_str::<AccountId>("\"\"").is_err());
    assert!(serde_json::from_str::<AccountId>("\"a b\"").is_err());
    assert!(serde_json::from_str::<AccountId>("17").is_err());
}

// ---- observe ----

const PAGE: &str = "http://127.0.0.1:8080/ierp/login.html";
const BODY: &str = r#"{"data":{"accountId":1742050739649250304}}"#;

#[test]
fn a_login_page_request_becomes_an_observation() {
    let obs = observe(
        PAGE,
        "http://127.0.0.1:8080/ierp/auth/getUserLanguage.do?_=1",
        BODY,
    );
    assert_eq!(
        obs,
        Ok(Observation {
            origin: "http://127.0.0.1:8080".into(),
            request_path: "/ierp/auth/getUserLanguage.do".into(),
            page_dir: "/ierp/".into(),
            account_id: AccountId::parse("1742050739649250304").unwrap_or_else(|e| panic!("{e}")),
            seen_at: None,
        })
    );
}

#[test]
fn a_relative_request_url_is_resolved_against_the_page() {
    let obs = observe(PAGE, "auth/getUserLanguage.do?_=2", BODY);
    assert_eq!(
        obs.map(|o| o.request_path),
        Ok("/ierp/auth/getUserLanguage.do".into())
    );
    let obs = observe(PAGE, "/ierp/getUserLanguage.do", BODY);
    assert_eq!(
        obs.map(|o| o.request_path),
        Ok("/ierp/getUserLanguage.do".into())
    );
}

#[test]
fn the_segment_is_matched_ignoring_case_in_any_directory() {
    for url in [
        "http://127.0.0.1:8080/ierp/GETUSERLANGUAGE.DO",
        "http://127.0.0.1:8080/getUserLanguage.do",
        "http://127.0.0.1:8080/ierp/a/b/c/getuserlanguage.do#x",
    ] {
        assert!(observe(PAGE, url, BODY).is_ok(), "{url}");
    }
}

#[test]
fn the_page_dir_is_the_page_path_up_to_its_last_slash() {
    let dir = |page: &str| observe(page, "/ierp/getUserLanguage.do", BODY).map(|o| o.page_dir);
    assert_eq!(
        dir("https://h/ierp/index.html?formId=x"),
        Ok("/ierp/".into())
    );
    assert_eq!(dir("https://h/ierp/?formId=x"), Ok("/ierp/".into()));
    assert_eq!(dir("https://h"), Ok("/".into()));
    assert_eq!(dir("https://h/a/b/login.html#x"), Ok("/a/b/".into()));
}

#[test]
fn origins_are_normalised_before_comparing() {
    let obs = observe(
        "HTTP://Host.Example:80/ierp/login.html",
        "http://host.example/ierp/getUserLanguage.do",
        BODY,
    );
    assert_eq!(obs.map(|o| o.origin), Ok("http://host.example".into()));
}

#[test]
fn a_request_to_another_origin_is_refused() {
    for url in [
        "http://127.0.0.1:9090/ierp/getUserLanguage.do",
        "https://127.0.0.1:8080/ierp/getUserLanguage.do",
        "http://localhost:8080/ierp/getUserLanguage.do",
        "//evil.example/ierp/getUserLanguage.do",
    ] {
        assert!(
            matches!(observe(PAGE, url, BODY), Err(E::CrossOrigin { .. })),
            "{url}"
        );
    }
}

#[test]
fn other_requests_are_not_user_language() {
    for url in [
        "/ierp/getUserLanguage.do/",
        "/ierp/getUserLanguage.doX",
        "/ierp/xgetUserLanguage.do",
        "/ierp/api/login.do",
        "/ierp/index.html?x=getUserLanguage.do",
        "/ierp/getUserLanguage.do%00",
    ] {
        assert_eq!(
            observe(PAGE, url, BODY),
            Err(E::NotUserLanguageRequest),
            "{url}"
        );
    }
}

#[test]
fn non_http_pages_and_requests_are_refused() {
    assert_eq!(
        observe("file:///ierp/login.html", "/ierp/getUserLanguage.do", BODY),
        Err(E::BadPageUrl)
    );
    assert_eq!(
        observe("not a url", "/getUserLanguage.do", BODY),
        Err(E::BadPageUrl)
    );
    assert_eq!(
        observe(PAGE, "data:text/plain,getUserLanguage.do", BODY),
        Err(E::BadRequestUrl)
    );
    assert_eq!(observe(PAGE, "http://[::1", BODY), Err(E::BadRequestUrl));
}

#[test]
fn a_bad_body_on_the_right_request_is_the_body_error() {
    let url = "/ierp/getUserLanguage.do";
    assert_eq!(observe(PAGE, url, "{}"), Err(E::MissingAccountId));
    assert!(matches!(
        observe(PAGE, url, "<html>"),
        Err(E::Malformed { .. })
    ));
}

#[test]
fn an_observation_round_trips_through_json_with_camel_case_fields() {
    let obs = observe(PAGE, "/ierp/auth/getUserLanguage.do", BODY).map(|mut o| {
        o.seen_at = Some(1_700_000_000_000.0);
        o
    });
    let Ok(obs) = obs else { panic!("{obs:?}") };
    let json = serde_json::to_value(&obs).unwrap_or_default();
    assert_eq!(json["origin"], "http://127.0.0.1:8080");
    assert_eq!(json["requestPath"], "/ierp/auth/getUserLanguage.do");
    assert_eq!(json["pageDir"], "/ierp/");
    assert_eq!(json["accountId"], "1742050739649250304");
    assert_eq!(json["seenAt"], 1_700_000_000_000.0);
    let back: Result<Observation, _> = serde_json::from_value(json);
    assert_eq!(back.ok(), Some(obs));
}

#[test]
fn an_observation_without_seen_at_deserialises() {
    let obs: Result<Observation, _> = serde_json::from_str(
        r#"{"origin":"https://h","requestPath":"/getUserLanguage.do","pageDir":"/","accountId":"1"}"#,
    );
    assert_eq!(obs.map(|o| o.seen_at).ok(), Some(None));
}

#[test]
fn a_stored_observation_with_a_bad_id_does_not_deserialise() {
    let obs: Result<Observation, _> = serde_json::from_str(
        r#"{"origin":"https://h","requestPath":"/getUserLanguage.do","pageDir":"/","accountId":"<img>"}"#,
    );
    assert!(obs.is_err());
}

// ---- observation_for_console ----

fn console(url: &str) -> ConsoleContext {
    ConsoleContext::from_url(url).unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn seen(
    origin: &str,
    request_path: &str,
    page_dir: &str,
    id: &str,
    at: Option<f64>,
) -> Observation {
    Observation {
        origin: origin.into(),
        request_path: request_path.into(),
        page_dir: page_dir.into(),
        account_id: AccountId::parse(id).unwrap_or_else(|e| panic!("{e}")),
        seen_at: at,
    }
}

fn chosen<'a>(ctx: &ConsoleContext, obs: &'a [Observation]) -> Option<&'a str> {
    observation_for_console(ctx, obs).map(|o| o.account_id.as_str())
}

#[test]
fn a_login_page_observation_serves_the_console_later() {
    let ctx = console("http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console");
    let obs = observe(
        PAGE,
        "http://127.0.0.1:8080/ierp/auth/getUserLanguage.do?_=1",
        BODY,
    )
    .map(|o| vec![o])
    .unwrap_or_default();
    assert_eq!(chosen(&ctx, &obs), Some("1742050739649250304"));
}

#[test]
fn observations_of_another_origin_or_prefix_do_not_serve() {
    let ctx = console("http://127.0.0.1:8080/ierp/index.html?formId=x");
    let obs = [
        seen(
            "http://127.0.0.1:9090",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "1",
            None,
        ),
        seen(
            "http://127.0.0.1:8080",
            "/other/getUserLanguage.do",
            "/other/",
            "2",
            None,
        ),
        seen(
            "http://127.0.0.1:8080",
            "/getUserLanguage.do",
            "/",
            "3",
            None,
        ),
        seen(
            "http://127.0.0.1:8080",
            "/ierpx/getUserLanguage.do",
            "/ierpx/",
            "4",
            None,
        ),
    ];
    assert_eq!(chosen(&ctx, &obs), None);
    assert_eq!(chosen(&ctx, &[]), None);
}

#[test]
fn a_root_console_takes_any_observation_of_its_origin() {
    let ctx = console("https://h/index.html?formId=x");
    let obs = [seen(
        "https://h",
        "/a/b/getUserLanguage.do",
        "/a/",
        "9",
        None,
    )];
    assert_eq!(chosen(&ctx, &obs), Some("9"));
}

#[test]
fn one_from_the_console_directory_beats_a_newer_one_from_elsewhere() {
    let ctx = console("https://h/ierp/index.html?formId=x");
    let obs = [
        seen(
            "https://h",
            "/ierp/auth/getUserLanguage.do",
            "/ierp/",
            "own",
            Some(1.0),
        ),
        seen(
            "https://h",
            "/ierp/auth/getUserLanguage.do",
            "/",
            "root-page",
            Some(5.0),
        ),
    ];
    assert_eq!(chosen(&ctx, &obs), Some("own"));
}

#[test]
fn among_equals_the_highest_seen_at_wins() {
    let ctx = console("https://h/ierp/index.html?formId=x");
    let obs = [
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "newest",
            Some(9.0),
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "older",
            Some(3.0),
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "unknown-time",
            None,
        ),
    ];
    assert_eq!(chosen(&ctx, &obs), Some("newest"));
}

#[test]
fn without_times_the_last_in_the_slice_wins() {
    let ctx = console("https://h/ierp/index.html?formId=x");
    let obs = [
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "first",
            None,
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "last",
            None,
        ),
    ];
    assert_eq!(chosen(&ctx, &obs), Some("last"));
    let same_time = [
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "first",
            Some(2.0),
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "last",
            Some(2.0),
        ),
    ];
    assert_eq!(chosen(&ctx, &same_time), Some("last"));
}

#[test]
fn a_not_finite_time_counts_as_oldest() {
    let ctx = console("https://h/ierp/index.html?formId=x");
    let obs = [
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "real",
            Some(1.0),
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "nan",
            Some(f64::NAN),
        ),
        seen(
            "https://h",
            "/ierp/getUserLanguage.do",
            "/ierp/",
            "inf",
            Some(f64::INFINITY),
        ),
    ];
    assert_eq!(chosen(&ctx, &obs), Some("real"));
}

// ---- never panic ----

/// Random JSON-ish values, nested, with `accountId` keys sprinkled in.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u64>().prop_map(|n| serde_json::json!(n)),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        ".{0,80}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(8, 256, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![Just("accountId".to_owned()), "[a-zA-Z]{0,10}"],
                    inner
                ),
                0..8
            )
            .prop_map(|entries| serde_json::Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_text_never_panics(body in ".{0,2000}") {
        let _ = extract_account_id(&body);
    }

    #[test]
    fn random_bytes_as_lossy_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = extract_account_id(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_nested_json_never_panics_and_finds_a_top_level_string(value in json_value(), account in "[0-9]{1,19}") {
        let text = value.to_string();
        let _ = extract_account_id(&text);
        let wrapped = format!(r#"{{"accountId":"{account}","rest":{text}}}"#);
        prop_assert_eq!(extract_account_id(&wrapped).map(|a| a.to_string()), Ok(account));
    }

    #[test]
    fn any_u64_comes_out_exact(n in any::<u64>()) {
        prop_assert_eq!(extract_account_id(&format!(r#"{{"d":{{"accountId":{n}}}}}"#)).map(|a| a.to_string()), Ok(n.to_string()));
    }

    #[test]
    fn mixed_brackets_never_panic(body in "[\\[\\]{}\",:a-z0-9\\\\ ]{0,3000}") {
        let _ = extract_account_id(&body);
    }

    #[test]
    fn observe_never_panics(page in ".{0,60}", request in ".{0,60}", body in ".{0,100}") {
        let _ = observe(&page, &request, &body);
    }
}

// ---- the Cosmic web client's own requests (DOMAIN.md) ----

const COSMIC_CONSOLE: &str = "https://cosmic.example.com/ierp/index.html?formId=pc_main_console";
const COSMIC_BODY: &str = r#"{"language":"zh_CN","defaultLang":"zh_CN","accountId":"1899704355817275392","direction":{"zh_CN":"ltr","en_US":"ltr"},"userId":"1899704355817275392_1"}"#;
/// What the login page's `auth/getAllDatacenters.do` lists: every data centre, each with its id.
const ALL_DATACENTRES: &str = r#"[{"accountId":"1899704355817275393","accountName":"开发环境","isDefault":true},{"accountId":"2041156722106613760","accountName":"测试环境","isDefault":false}]"#;

#[test]
fn the_web_clients_answer_under_api_login_gives_its_account_id_not_the_user_id() {
    let obs = observe(
        COSMIC_CONSOLE,
        "/ierp/api/login/getUserLanguage.do",
        COSMIC_BODY,
    );
    let obs = obs.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(obs.account_id.as_str(), "1899704355817275392");
    assert_eq!(obs.request_path, "/ierp/api/login/getUserLanguage.do");
    let ctx = ConsoleContext::from_url(COSMIC_CONSOLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        observation_for_console(&ctx, std::slice::from_ref(&obs)),
        Some(&obs)
    );
}

#[test]
fn a_user_id_that_begins_with_an_account_id_is_never_taken_for_one() {
    let body = r#"{"language":"zh_CN","userId":"1899704355817275392_1","data":{"userId":"1899704355817275392_1"}}"#;
    assert_eq!(fails(body), E::MissingAccountId);
}

#[test]
fn the_login_pages_list_of_every_data_centre_is_never_an_observation() {
    let login = "https://cosmic.example.com/ierp/login.html";
    for url in [
        "/ierp/auth/getAllDatacenters.do",
        "/ierp/auth/getAllDatacenters.do?_=1",
    ] {
        assert_eq!(
            observe(login, url, ALL_DATACENTRES),
            Err(E::NotUserLanguageRequest),
            "{url}"
        );
    }
    // One data centre listed is still not the user's: the request decides, not the body's shape.
    let one = r#"[{"accountId":"1899704355817275393","accountName":"开发环境","isDefault":true}]"#;
    assert_eq!(
        observe(login, "/ierp/auth/getAllDatacenters.do", one),
        Err(E::NotUserLanguageRequest)
    );
    // Sent as if it were getUserLanguage.do, a list of several is ambiguous, never the first.
    assert_eq!(
        observe(login, "/ierp/auth/getUserLanguage.do", ALL_DATACENTRES),
        Err(E::Ambiguous)
    );
}
