//! The console's 连接测试 answer → its cause (DOMAIN.md's table), case-insensitively; text that
//! is no answer (the button, a spinner, page content) is none.

use fapiao_helper::forms::connection::{
    classify, is_test_button, read_answer, watch_setup, ConnectionCause, PageMessage,
};
use fapiao_helper::i18n::{Locale, Localised};
use proptest::prelude::*;

use ConnectionCause::*;

fn toast(text: &str) -> PageMessage {
    PageMessage {
        text: text.into(),
        classes: "kd-message-box kd-message-content".into(),
        ..PageMessage::default()
    }
}

fn plain(text: &str) -> PageMessage {
    PageMessage {
        text: text.into(),
        ..PageMessage::default()
    }
}

#[test]
fn each_console_message_names_its_cause() {
    for (text, cause) in [
        ("非法的客户id，请联系管理员", Credentials),
        ("非法的客户ID，请联系管理员", Credentials),
        ("非法的客户Id", Credentials),
        ("签名认证不通过", Credentials),
        ("应用id不能为空", Credentials),
        ("应用ID不能为空", Credentials),
        ("基础授权信息有误，请联系管理员", Credentials),
        ("Invalid client id", Credentials),
        ("与发票云建立连接失败: connect timed out", Network),
        ("与发票云建立连接失败", Network),
        ("连接超时", Network),
        ("Read timed out", Network),
        ("java.net.UnknownHostException: api.piaozone.com", Network),
        ("Connection refused", Network),
        ("无特性分组", NoFeature),
        ("测试失败：无特性分组，请检查许可", NoFeature),
        ("连接成功", Ok),
        ("连接测试成功", Ok),
        ("Connection successful", Ok),
    ] {
        assert_eq!(classify(text), Some(cause), "{text}");
    }
}

#[test]
fn a_refusal_inside_a_connection_failure_is_the_credentials() {
    assert_eq!(
        classify("与发票云建立连接失败：非法的客户ID"),
        Some(Credentials)
    );
    assert_eq!(
        classify("与发票云建立连接失败：签名认证不通过"),
        Some(Credentials)
    );
}

#[test]
fn other_words_name_no_cause() {
    for text in [
        "保存成功",
        "Saved successfully",
        "请填写必填项",
        "发票云授权配置",
        "",
    ] {
        assert_eq!(classify(text), None, "{text}");
    }
}

#[test]
fn an_unrecognised_message_box_is_unknown_but_other_page_text_is_no_answer() {
    let answer = read_answer(&[toast("服务器内部错误 500")], Locale::ZhCn).expect("an answer");
    assert_eq!(answer.cause, Unknown);
    assert_eq!(
        read_answer(&[plain("服务器内部错误 500")], Locale::ZhCn),
        None
    );
    let alert = PageMessage {
        text: "Internal error".into(),
        role: "alert".into(),
        ..PageMessage::default()
    };
    assert_eq!(
        read_answer(&[alert], Locale::En).map(|a| a.cause),
        Some(Unknown)
    );
    let live = PageMessage {
        text: "Internal error".into(),
        live: "polite".into(),
        ..PageMessage::default()
    };
    assert_eq!(
        read_answer(&[live], Locale::En).map(|a| a.cause),
        Some(Unknown)
    );
}

#[test]
fn a_known_answer_counts_wherever_it_appears() {
    assert_eq!(
        read_answer(&[plain("非法的客户ID，请联系管理员")], Locale::ZhCn).map(|a| a.cause),
        Some(Credentials)
    );
}

#[test]
fn the_spinner_the_button_and_long_content_are_no_answer() {
    assert_eq!(read_answer(&[toast("正在测试连接…")], Locale::ZhCn), None);
    assert_eq!(read_answer(&[toast("Loading")], Locale::ZhCn), None);
    assert_eq!(read_answer(&[toast("连接测试")], Locale::ZhCn), None);
    assert_eq!(
        read_answer(&[toast(&"非法的客户id".repeat(100))], Locale::ZhCn),
        None
    );
}

#[test]
fn the_last_answer_among_the_new_texts_wins() {
    let answer = read_answer(
        &[
            toast("正在测试…"),
            toast("连接超时"),
            plain("保存"),
            toast("连接成功"),
        ],
        Locale::ZhCn,
    )
    .expect("an answer");
    assert_eq!(answer.cause, Ok);
}

#[test]
fn each_cause_explains_itself_and_its_fix_in_both_languages() {
    for cause in [Ok, Credentials, Network, NoFeature, Unknown] {
        let zh = cause.message(Locale::ZhCn);
        let en = cause.message(Locale::En);
        assert_ne!(zh, en);
        assert!(!zh.is_empty() && !en.is_empty());
    }
    assert!(Credentials
        .message(Locale::ZhCn)
        .contains("https://api-dev.piaozone.com/test"));
    assert!(Credentials.message(Locale::ZhCn).contains("TN_"));
    assert!(
        Network.message(Locale::ZhCn).contains("白名单")
            && Network.message(Locale::ZhCn).contains("代理")
    );
    assert!(Network.message(Locale::En).contains("whitelist"));
    assert!(
        NoFeature.message(Locale::ZhCn).contains("发票云授权配置")
            && NoFeature.message(Locale::ZhCn).contains("许可")
    );
    assert_eq!(
        [Ok, Credentials, Network, NoFeature, Unknown].map(|c| c.code()),
        ["ok", "credentials", "network", "no-feature", "unknown"]
    );
}

#[test]
fn the_test_buttons_are_told_by_their_text() {
    for text in [
        "连接测试",
        " 连接测试 ",
        "连 接 测 试",
        "测试连接",
        "Test connection",
        "TEST CONNECTION",
    ] {
        assert!(is_test_button(text), "{text}");
    }
    for text in ["保存", "连接测试结果", "", "Test"] {
        assert!(!is_test_button(text), "{text}");
    }
    let setup = watch_setup();
    assert!(
        setup.buttons.iter().any(|b| b == "连接测试")
            && setup.buttons.iter().any(|b| b == "testconnection")
    );
    assert!(
        setup.forms.contains(&"invoice-cloud-auth")
            && setup.forms.contains(&"tenant-auth")
            && setup.forms.contains(&"expense-invoice-cloud")
    );
}

proptest! {
    /// Any text: no panic; a message that holds a known answer's words is classified.
    #[test]
    fn any_text_reads_without_panic(text in "\\PC{0,200}") {
        let _ = read_answer(&[toast(&text), plain(&text)], Locale::En);
        let _ = classify(&text);
    }

    #[test]
    fn matching_ignores_case_and_spacing(prefix in "[a-z ]{0,10}", upper in any::<bool>()) {
        let word = if upper { "ILLEGAL CLIENT" } else { "illegal client" };
        prop_assert_eq!(classify(&format!("{prefix}{word}")), Some(Credentials));
        prop_assert_eq!(classify(&format!("{prefix} 非法的客户ID")), Some(Credentials));
    }
}
