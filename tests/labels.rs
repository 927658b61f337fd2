//! Label normalisation and matching: every way a console draws one label reads as one key, and
//! labels that merely contain each other never match.

use fapiao_helper::labels::{clean_label, label_key, LabelKeys, MatchQuality};
use proptest::prelude::*;

fn matches(raw: &str, field: &str, synonyms: &[&str]) -> Option<MatchQuality> {
    let synonyms: Vec<String> = synonyms.iter().map(|s| label_key(s)).collect();
    LabelKeys::new(raw, false).matches(&label_key(field), &synonyms)
}

#[test]
fn colon_suffixes_full_width_and_ascii_are_dropped() {
    assert_eq!(clean_label("请求地址："), "请求地址");
    assert_eq!(clean_label("请求地址:"), "请求地址");
    assert_eq!(clean_label("请求地址 ： "), "请求地址");
    assert_eq!(clean_label("请求地址︰"), "请求地址");
}

#[test]
fn required_marks_at_either_edge_are_dropped() {
    for raw in [
        "* 请求地址",
        "*请求地址",
        "请求地址 *",
        "＊请求地址",
        "请求地址*：",
        "* 请求地址 :",
        "✱ 请求地址",
    ] {
        assert_eq!(clean_label(raw), "请求地址", "{raw:?}");
    }
}

#[test]
fn nbsp_ideographic_and_runs_of_spaces_collapse() {
    assert_eq!(clean_label("\u{a0}请求地址\u{a0}"), "请求地址");
    assert_eq!(clean_label("\u{3000}请求地址\u{3000}："), "请求地址");
    assert_eq!(clean_label("Client \u{a0}\t\n id"), "Client id");
}

#[test]
fn zero_width_characters_vanish() {
    assert_eq!(clean_label("请求\u{200b}地址\u{feff}"), "请求地址");
    assert_eq!(label_key("网\u{200d}关"), label_key("网关"));
}

#[test]
fn wrapping_brackets_of_every_kind_are_unwrapped() {
    for raw in [
        "【请求地址】",
        "[请求地址]",
        "（请求地址）",
        "(请求地址)",
        "〖请求地址〗",
        "「请求地址」",
        "【请求地址】：",
    ] {
        assert_eq!(clean_label(raw), "请求地址", "{raw:?}");
    }
}

#[test]
fn brackets_that_do_not_wrap_the_whole_label_stay() {
    assert_eq!(clean_label("(a)(b)"), "(a)(b)");
    assert_eq!(clean_label("Client id（授权码）"), "Client id(授权码)");
}

#[test]
fn trailing_help_marks_are_dropped() {
    assert_eq!(clean_label("是否使用原授权？"), "是否使用原授权");
    assert_eq!(clean_label("是否使用原授权 (?)"), "是否使用原授权");
    assert_eq!(clean_label("网关 ⓘ"), "网关");
}

#[test]
fn full_width_ascii_becomes_half_width_and_case_folds_in_the_key() {
    assert_eq!(clean_label("Ｃｌｉｅｎｔ　ｉｄ："), "Client id");
    assert_eq!(label_key("ＣＬＩＥＮＴ ＩＤ"), "clientid");
    assert_eq!(label_key("数据中心ID"), label_key("数据中心id"));
}

#[test]
fn keys_ignore_spaces_underscores_and_hyphens() {
    assert_eq!(label_key("Client ID"), label_key("ClientID"));
    assert_eq!(label_key("client_id"), label_key("Client id"));
    assert_eq!(label_key("encrypt_key"), label_key("Encrypt Key"));
}

#[test]
fn a_label_containing_a_field_label_does_not_match_it() {
    assert_eq!(matches("第三方应用密码", "第三方应用", &[]), None);
    assert_eq!(matches("第三方应用", "第三方应用密码", &[]), None);
    assert_eq!(matches("网关地址", "网关", &[]), None);
    assert_eq!(
        matches("EAS数据中心编码", "数据中心id", &["数据中心"]),
        None
    );
}

#[test]
fn exact_beats_synonym_beats_core() {
    assert_eq!(
        matches("请求地址：", "请求地址", &["Request URL"]),
        Some(MatchQuality::Exact)
    );
    assert_eq!(
        matches("Request URL:", "请求地址", &["Request URL"]),
        Some(MatchQuality::Synonym)
    );
    assert_eq!(
        matches("Client id（授权码）", "Client id", &[]),
        Some(MatchQuality::Core)
    );
    assert!(
        MatchQuality::Exact > MatchQuality::Synonym && MatchQuality::Synonym > MatchQuality::Core
    );
}

#[test]
fn a_placeholder_lead_in_is_a_core_only_for_placeholders() {
    let synonyms: Vec<String> = Vec::new();
    let placeholder = LabelKeys::new("请输入请求地址", true);
    assert_eq!(
        placeholder.matches(&label_key("请求地址"), &synonyms),
        Some(MatchQuality::Core)
    );
    let caption = LabelKeys::new("请输入请求地址", false);
    assert_eq!(caption.matches(&label_key("请求地址"), &synonyms), None);
    let english = LabelKeys::new("Enter request URL…", true);
    assert_eq!(
        english.matches(&label_key("请求地址"), &[label_key("Request URL")]),
        Some(MatchQuality::Core)
    );
}

#[test]
fn an_empty_or_decoration_only_label_matches_nothing() {
    for raw in ["", "   ", "*", "：", "【】", "\u{200b}"] {
        assert_eq!(label_key(raw), "", "{raw:?}");
        assert_eq!(matches(raw, "请求地址", &[]), None);
    }
}

proptest! {
    #[test]
    fn cleaning_is_idempotent(raw in "\\PC{0,40}") {
        let once = clean_label(&raw);
        prop_assert_eq!(clean_label(&once), once.clone());
    }

    #[test]
    fn decorations_around_a_label_never_change_its_key(
        lead in prop::sample::select(vec!["", "*", "* ", "＊", "\u{a0}", "\u{3000}", "【"]),
        trail in prop::sample::select(vec!["", ":", "：", " ：", "*", "?", "\u{a0}"]),
        label in prop::sample::select(vec!["请求地址", "数据中心id", "第三方应用", "第三方应用密码", "网关", "Client Secret"]),
    ) {
        let raw = if lead == "【" { format!("【{label}】{trail}") } else { format!("{lead}{label}{trail}") };
        prop_assert_eq!(label_key(&raw), label_key(label));
    }

    #[test]
    fn normalising_arbitrary_text_never_panics(raw in any::<String>()) {
        let keys = LabelKeys::new(&raw, true);
        let _ = keys.matches("请求地址", &[]);
    }
}
