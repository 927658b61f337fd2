//! Which granted match patterns the dynamic content scripts are registered for.

use fapiao_helper::registration::{content_script_matches, covers, is_web_pattern};

fn strings(patterns: &[&str]) -> Vec<String> {
    patterns.iter().map(|p| (*p).to_owned()).collect()
}

#[test]
fn every_granted_web_origin_is_registered_when_nothing_is_static() {
    let granted = strings(&["https://erp.example.com/*", "http://10.0.0.5:8022/*"]);
    assert_eq!(content_script_matches(&granted, &[]), granted);
}

#[test]
fn patterns_the_static_scripts_cover_are_left_out() {
    let granted = strings(&[
        "http://127.0.0.1/*",
        "http://localhost/*",
        "https://erp.example.com/*",
    ]);
    let static_matches = strings(&["http://127.0.0.1/*", "http://localhost/*"]);
    assert_eq!(
        content_script_matches(&granted, &static_matches),
        strings(&["https://erp.example.com/*"])
    );
}

#[test]
fn non_web_patterns_are_never_registered() {
    let granted = strings(&[
        "file:///*",
        "chrome://extensions/*",
        "<all_urls>",
        "ftp://x/*",
    ]);
    assert_eq!(
        content_script_matches(&granted, &[]),
        strings(&["<all_urls>"])
    );
    assert!(!is_web_pattern("https://"));
    assert!(!is_web_pattern("https://host"));
    assert!(is_web_pattern("*://*/*"));
}

#[test]
fn all_urls_covers_everything_and_is_covered_only_by_itself() {
    assert!(covers("<all_urls>", "https://a.example/*"));
    assert!(covers("<all_urls>", "<all_urls>"));
    assert!(!covers("*://*/*", "<all_urls>"));
}

#[test]
fn a_wildcard_scheme_covers_http_and_https_but_not_another_wildcard_scheme_from_one() {
    assert!(covers("*://erp.example.com/*", "https://erp.example.com/*"));
    assert!(covers("*://erp.example.com/*", "*://erp.example.com/*"));
    assert!(!covers(
        "https://erp.example.com/*",
        "*://erp.example.com/*"
    ));
    assert!(!covers(
        "http://erp.example.com/*",
        "https://erp.example.com/*"
    ));
}

#[test]
fn a_port_in_the_outer_pattern_must_match_and_none_matches_every_port() {
    assert!(covers("http://localhost/*", "http://localhost:8080/*"));
    assert!(covers("http://localhost:*/*", "http://localhost:8080/*"));
    assert!(covers("http://localhost:8080/*", "http://localhost:8080/*"));
    assert!(!covers(
        "http://localhost:8080/*",
        "http://localhost:9090/*"
    ));
    assert!(!covers("http://localhost:8080/*", "http://localhost/*"));
    assert!(covers("http://[::1]/*", "http://[::1]:8080/*"));
}

#[test]
fn a_subdomain_wildcard_covers_the_domain_and_everything_under_it() {
    assert!(covers("https://*.example.com/*", "https://example.com/*"));
    assert!(covers(
        "https://*.example.com/*",
        "https://erp.example.com/*"
    ));
    assert!(covers(
        "https://*.example.com/*",
        "https://*.erp.example.com/*"
    ));
    assert!(covers("https://*.example.com/*", "https://*.example.com/*"));
    assert!(!covers(
        "https://*.example.com/*",
        "https://badexample.com/*"
    ));
    assert!(!covers(
        "https://erp.example.com/*",
        "https://*.example.com/*"
    ));
    assert!(covers("https://*/*", "https://anything.example/*"));
}

#[test]
fn a_path_covers_only_itself_unless_it_is_everything() {
    assert!(covers("https://a.example/*", "https://a.example/ierp/*"));
    assert!(covers(
        "https://a.example/ierp/*",
        "https://a.example/ierp/*"
    ));
    assert!(!covers(
        "https://a.example/ierp/*",
        "https://a.example/ierp/x/*"
    ));
}
