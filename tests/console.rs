//! `ConsoleContext::from_url`: the contract of DESIGN.md "Console pages".
// Native only: proptest needs an OS random source (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::console::{ConsoleContext, ConsoleError};
use fapiao_helper::i18n::{Locale, Localised};
use proptest::prelude::*;

fn ctx(url: &str) -> ConsoleContext {
    match ConsoleContext::from_url(url) {
        Ok(ctx) => ctx,
        Err(e) => panic!("{url} should be a console: {e}"),
    }
}

fn err(url: &str) -> ConsoleError {
    match ConsoleContext::from_url(url) {
        Ok(ctx) => panic!("{url} should not be a console, got {ctx:?}"),
        Err(e) => e,
    }
}

/// Checks prefix and both endpoints together: they must always agree.
fn assert_prefix(url: &str, origin: &str, prefix: &str) {
    let c = ctx(url);
    assert_eq!(c.origin, origin, "origin of {url}");
    assert_eq!(c.prefix, prefix, "prefix of {url}");
    assert_eq!(
        c.app_token_url,
        format!("{prefix}api/getAppToken.do"),
        "getAppToken of {url}"
    );
    assert_eq!(
        c.login_url,
        format!("{prefix}api/login.do"),
        "login of {url}"
    );
    assert!(c.prefix.starts_with(&c.origin));
    assert!(c.prefix.ends_with('/'));
}

#[test]
fn sandbox_console_gives_prefix_and_both_endpoints() {
    let c = ctx("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/index.html?formId=pc_main_console");
    assert_eq!(c.origin, "https://cosmic-sandbox.piaozone.com");
    assert_eq!(c.prefix, "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/");
    assert_eq!(
        c.app_token_url,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/getAppToken.do"
    );
    assert_eq!(
        c.login_url,
        "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/login.do"
    );
    assert_eq!(c.prefix_path(), "/bsqcjsfwbj/");
}

#[test]
fn prefix_keeps_a_non_default_port() {
    assert_prefix(
        "https://erp.example.com:8443/ierp/index.html?formId=pc_main_console",
        "https://erp.example.com:8443",
        "https://erp.example.com:8443/ierp/",
    );
}

#[test]
fn default_ports_are_dropped_from_the_prefix() {
    assert_prefix(
        "https://erp.example.com:443/ierp/index.html?formId=x",
        "https://erp.example.com",
        "https://erp.example.com/ierp/",
    );
    assert_prefix(
        "http://erp.example.com:80/ierp/index.html?formId=x",
        "http://erp.example.com",
        "http://erp.example.com/ierp/",
    );
}

#[test]
fn plain_http_consoles_keep_http() {
    assert_prefix(
        "http://kingdee.local/ierp/index.html?formId=pc_main_console",
        "http://kingdee.local",
        "http://kingdee.local/ierp/",
    );
}

#[test]
fn ipv4_hosts_with_ports_are_consoles() {
    assert_prefix(
        "http://10.0.0.5:8022/ierp/index.html?formId=pc_main_console",
        "http://10.0.0.5:8022",
        "http://10.0.0.5:8022/ierp/",
    );
    assert_prefix(
        "http://127.0.0.1:41234/ierp/index.html?formId=pc_main_console",
        "http://127.0.0.1:41234",
        "http://127.0.0.1:41234/ierp/",
    );
}

#[test]
fn ipv6_hosts_keep_their_brackets() {
    assert_prefix(
        "http://[::1]:8080/ierp/index.html?formId=pc_main_console",
        "http://[::1]:8080",
        "http://[::1]:8080/ierp/",
    );
    assert_prefix(
        "https://[2001:db8::1]/kd/index.html?formId=a",
        "https://[2001:db8::1]",
        "https://[2001:db8::1]/kd/",
    );
}

#[test]
fn deeper_paths_keep_every_directory() {
    assert_prefix(
        "https://h.example.com/a/b/c/ierp/index.html?formId=pc_main_console",
        "https://h.example.com",
        "https://h.example.com/a/b/c/ierp/",
    );
    assert_eq!(
        ctx("https://h.example.com/a/b/c/ierp/index.html?formId=x").prefix_path(),
        "/a/b/c/ierp/"
    );
}

#[test]
fn index_at_the_root_gives_the_origin_with_a_slash() {
    assert_prefix("https://h/index.html?formId=x", "https://h", "https://h/");
    assert_eq!(ctx("https://h/index.html?formId=x").prefix_path(), "/");
}

#[test]
fn a_bare_origin_with_form_id_is_the_root_directory() {
    assert_prefix(
        "https://h.example.com?formId=x",
        "https://h.example.com",
        "https://h.example.com/",
    );
    assert_prefix(
        "https://h.example.com/?formId=x",
        "https://h.example.com",
        "https://h.example.com/",
    );
}

#[test]
fn a_directory_url_without_index_html_is_a_console() {
    assert_prefix(
        "http://10.0.0.5:8022/ierp/?formId=pc_main_console",
        "http://10.0.0.5:8022",
        "http://10.0.0.5:8022/ierp/",
    );
}

#[test]
fn other_query_parameters_and_the_hash_are_ignored() {
    assert_prefix(
        "https://h.example.com/ierp/index.html?lang=zh_CN&formId=pc_main_console&t=1#/home?x=1",
        "https://h.example.com",
        "https://h.example.com/ierp/",
    );
    assert_prefix(
        "https://h.example.com/ierp/index.html?formId=bos_portal#anchor",
        "https://h.example.com",
        "https://h.example.com/ierp/",
    );
}

#[test]
fn any_form_id_value_makes_a_console() {
    for form in [
        "pc_main_console",
        "bos_portal",
        "home_page",
        "fpy_config",
        "%E5%8F%91",
    ] {
        let url = format!("https://h.example.com/ierp/index.html?formId={form}");
        assert_eq!(ctx(&url).prefix, "https://h.example.com/ierp/", "{url}");
    }
}

#[test]
fn surrounding_whitespace_is_ignored() {
    assert_prefix(
        "  \t https://h.example.com/ierp/index.html?formId=pc_main_console \n",
        "https://h.example.com",
        "https://h.example.com/ierp/",
    );
}

#[test]
fn uppercase_scheme_and_host_are_normalised_but_path_case_is_kept() {
    assert_prefix(
        "HTTPS://Cosmic.Example.COM/IERP/index.html?formId=pc_main_console",
        "https://cosmic.example.com",
        "https://cosmic.example.com/IERP/",
    );
}

#[test]
fn index_html_and_form_id_match_ignoring_case() {
    assert_prefix(
        "https://h/ierp/INDEX.HTML?formId=x",
        "https://h",
        "https://h/ierp/",
    );
    assert_prefix(
        "https://h/ierp/Index.Html?FORMID=x",
        "https://h",
        "https://h/ierp/",
    );
}

#[test]
fn user_info_never_reaches_the_prefix() {
    assert_prefix(
        "https://user:pw@h.example.com/ierp/index.html?formId=x",
        "https://h.example.com",
        "https://h.example.com/ierp/",
    );
}

#[test]
fn a_context_serialises_with_camel_case_fields() {
    let c = ctx("https://h.example.com/ierp/index.html?formId=x");
    let json = serde_json::to_value(&c).unwrap_or_default();
    assert_eq!(json["origin"], "https://h.example.com");
    assert_eq!(json["prefix"], "https://h.example.com/ierp/");
    assert_eq!(
        json["appTokenUrl"],
        "https://h.example.com/ierp/api/getAppToken.do"
    );
    assert_eq!(json["loginUrl"], "https://h.example.com/ierp/api/login.do");
    assert_eq!(json.as_object().map(|o| o.len()), Some(4));
}

#[test]
fn a_page_without_form_id_is_not_a_console() {
    assert_eq!(
        err("https://h.example.com/ierp/index.html"),
        ConsoleError::MissingFormId
    );
    assert_eq!(
        err("https://h.example.com/ierp/index.html?formid_x=1&form=2"),
        ConsoleError::MissingFormId
    );
    assert_eq!(
        err("https://h.example.com/ierp/"),
        ConsoleError::MissingFormId
    );
}

#[test]
fn form_id_only_in_the_hash_is_not_a_console() {
    assert_eq!(
        err("https://h.example.com/ierp/index.html#/x?formId=pc_main_console"),
        ConsoleError::MissingFormId
    );
}

#[test]
fn an_empty_form_id_is_not_a_console() {
    assert_eq!(
        err("https://h.example.com/ierp/index.html?formId="),
        ConsoleError::EmptyFormId
    );
    assert_eq!(
        err("https://h.example.com/ierp/index.html?formId"),
        ConsoleError::EmptyFormId
    );
    assert_eq!(
        err("https://h.example.com/ierp/index.html?formId=&formId="),
        ConsoleError::EmptyFormId
    );
    assert_eq!(
        err("https://h.example.com/ierp/index.html?formId=%20"),
        ConsoleError::EmptyFormId
    );
}

#[test]
fn a_later_non_empty_form_id_counts() {
    assert_prefix(
        "https://h/ierp/index.html?formId=&formId=pc_main_console",
        "https://h",
        "https://h/ierp/",
    );
}

#[test]
fn another_file_is_not_a_console_even_with_form_id() {
    for (url, file) in [
        (
            "https://h.example.com/ierp/login.html?formId=x",
            "login.html",
        ),
        ("https://h.example.com/ierp/index.htm?formId=x", "index.htm"),
        (
            "https://h.example.com/ierp/myindex.html?formId=x",
            "myindex.html",
        ),
        (
            "https://h.example.com/ierp/index.html.bak?formId=x",
            "index.html.bak",
        ),
        ("https://h.example.com/ierp?formId=x", "ierp"),
    ] {
        assert_eq!(
            err(url),
            ConsoleError::NotIndexPage {
                file: file.to_owned()
            },
            "{url}"
        );
    }
}

#[test]
fn a_login_page_is_not_a_console() {
    assert!(matches!(
        err("http://127.0.0.1:8080/ierp/login.html"),
        ConsoleError::NotIndexPage { .. }
    ));
}

#[test]
fn non_http_schemes_are_not_consoles() {
    for (url, scheme) in [
        ("file:///C:/ierp/index.html?formId=x", "file"),
        ("chrome://extensions/?formId=x", "chrome"),
        (
            "chrome-extension://abc/index.html?formId=x",
            "chrome-extension",
        ),
        ("ftp://h/ierp/index.html?formId=x", "ftp"),
        ("about:blank", "about"),
        ("data:text/html,index.html?formId=x", "data"),
    ] {
        assert_eq!(
            err(url),
            ConsoleError::NotHttp {
                scheme: scheme.to_owned()
            },
            "{url}"
        );
    }
}

#[test]
fn garbage_and_empty_text_are_errors_not_guesses() {
    assert_eq!(err(""), ConsoleError::Empty);
    assert_eq!(err("   \n"), ConsoleError::Empty);
    for url in [
        "not a url",
        "/ierp/index.html?formId=x",
        "h.example.com/ierp/index.html?formId=x",
        "https://",
        "http://[::1/index.html?formId=x",
        "https://exa mple.com/index.html?formId=x",
    ] {
        assert_eq!(err(url), ConsoleError::Unparseable, "{url}");
    }
}

#[test]
fn every_error_has_a_chinese_and_an_english_message_and_a_code() {
    let errors = [
        err(""),
        err("nope"),
        err("ftp://h/index.html?formId=x"),
        err("https://h/login.html?formId=x"),
        err("https://h/index.html"),
        err("https://h/index.html?formId="),
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    for e in &errors {
        let zh = e.message(Locale::ZhCn);
        let en = e.message(Locale::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(
            en.is_ascii() || en.contains('…') || en.contains('“'),
            "{en}"
        );
        assert_ne!(zh, en);
        assert!(e.code().starts_with("console-"));
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "codes are distinct");
}

#[test]
fn a_not_index_message_names_the_file() {
    let e = err("https://h/ierp/login.html?formId=x");
    assert!(e.message(Locale::ZhCn).contains("login.html"));
    assert!(e.message(Locale::En).contains("login.html"));
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".*") {
        let _ = ConsoleContext::from_url(&text);
    }

    #[test]
    fn any_console_shaped_url_keeps_its_directory(
        host in "[a-z][a-z0-9-]{0,20}(\\.[a-z]{2,6}){0,2}",
        port in proptest::option::of(1024u16..65535),
        dirs in proptest::collection::vec("[A-Za-z0-9_-]{1,12}", 0..5),
        form in "[a-z_]{1,20}",
        file in prop_oneof![Just("index.html"), Just("")],
    ) {
        let authority = match port { Some(p) => format!("{host}:{p}"), None => host.clone() };
        let dir: String = dirs.iter().map(|d| format!("/{d}")).collect::<String>() + "/";
        let url = format!("https://{authority}{dir}{file}?formId={form}");
        let c = ConsoleContext::from_url(&url);
        prop_assert!(c.is_ok(), "{} -> {:?}", url, c);
        if let Ok(c) = c {
            prop_assert_eq!(c.prefix_path(), dir.as_str());
            prop_assert_eq!(c.prefix, format!("https://{authority}{dir}"));
        }
    }
}
