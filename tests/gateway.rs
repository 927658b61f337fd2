//! Capturing x-acgw-identity and checking a typed key: accept anything token-like, and say
//! which when what the page shows is not the credential.

use fapiao_helper::gateway::{
    check_gateway, check_user_key, pick_gateway, GatewayError, TextCandidate, UserKeyError,
};
use fapiao_helper::i18n::{Locale, Localised};

const BASE64: &str = "eyJhcHBJZCI6Imludm9pY2V1cGxvYWQiLCJ0cyI6MTcwMH0=";
const BASE64URL: &str = "dGhpcy1pcy1hLXRlc3QtdG9rZW5fd2l0aC11cmwtc2FmZQ";
const HEX: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpbnZvaWNlIn0.c2lnbmF0dXJlLXBhcnQ";

fn candidate(label: &str, value: &str) -> TextCandidate {
    TextCandidate {
        label: label.into(),
        value: value.into(),
    }
}

#[test]
fn token_shaped_values_are_accepted_as_they_are() {
    for value in [BASE64, BASE64URL, HEX, JWT, "abcdefghijklmnop"] {
        assert_eq!(
            check_gateway(value).map(|s| s.expose().to_owned()),
            Ok(value.to_owned()),
            "{value}"
        );
    }
}

#[test]
fn surrounding_whitespace_and_nbsp_are_trimmed() {
    assert_eq!(
        check_gateway(&format!(" \n\t{HEX}\u{a0} ")).map(|s| s.expose().to_owned()),
        Ok(HEX.to_owned())
    );
}

#[test]
fn a_label_and_button_words_collected_with_the_value_are_dropped() {
    for text in [
        format!("x-acgw-identity：{BASE64} 复制"),
        format!("X-ACGW-IDENTITY: {BASE64}"),
        format!("{BASE64}\n复制"),
        format!("查看 {BASE64} Copy"),
    ] {
        assert_eq!(
            check_gateway(&text).map(|s| s.expose().to_owned()),
            Ok(BASE64.to_owned()),
            "{text}"
        );
    }
}

#[test]
fn empty_text_is_empty() {
    for text in [
        "",
        "   ",
        "\u{a0}",
        "x-acgw-identity:",
        "x-acgw-identity： ",
    ] {
        assert_eq!(
            check_gateway(text).map(|_| ()),
            Err(GatewayError::Empty),
            "{text:?}"
        );
    }
}

#[test]
fn masked_text_is_still_masked() {
    for text in [
        "******",
        "********************",
        "●●●●●●",
        "••••••••",
        "abcd****wxyz",
        "****** 查看",
        "xxxxxxxxxxxxxxxx",
        "＊＊＊＊",
    ] {
        assert_eq!(
            check_gateway(text).map(|_| ()),
            Err(GatewayError::StillMasked),
            "{text:?}"
        );
    }
}

#[test]
fn placeholders_are_placeholders() {
    for text in [
        "请输入",
        "请输入登录密码",
        "点击查看",
        "查看",
        "复制",
        "Click to view",
        "--",
        "暂无",
        "null",
        "undefined",
        "加载中...",
    ] {
        assert_eq!(
            check_gateway(text).map(|_| ()),
            Err(GatewayError::Placeholder),
            "{text:?}"
        );
    }
}

#[test]
fn whitespace_inside_is_refused() {
    assert_eq!(
        check_gateway("abcdefgh ijklmnopqrst").map(|_| ()),
        Err(GatewayError::InnerWhitespace)
    );
}

#[test]
fn characters_outside_token_alphabets_are_refused() {
    for text in [
        "认证凭证已隐藏请联系管理员查看详情",
        "abcdefghijklmnop<script>",
        "abcdefghijklmnop\"quote\"",
        "abc,def;ghi!jklmnop",
    ] {
        assert_eq!(
            check_gateway(text).map(|_| ()),
            Err(GatewayError::UnexpectedCharacters),
            "{text:?}"
        );
    }
}

#[test]
fn short_and_huge_values_are_refused() {
    assert_eq!(
        check_gateway("abc123").map(|_| ()),
        Err(GatewayError::TooShort)
    );
    assert_eq!(
        check_gateway("abcdefghijklmno").map(|_| ()),
        Err(GatewayError::TooShort)
    );
    assert_eq!(
        check_gateway(&"a".repeat(4097)).map(|_| ()),
        Err(GatewayError::TooLong)
    );
}

#[test]
fn the_labelled_candidate_is_picked() {
    let candidates = [
        candidate("系统编码", "invoiceupload_sys_code"),
        candidate("x-acgw-identity", BASE64),
        candidate("其他", HEX),
    ];
    assert_eq!(
        pick_gateway(&candidates).map(|s| s.expose().to_owned()),
        Ok(BASE64.to_owned())
    );
}

#[test]
fn a_label_with_colon_and_spacing_still_counts() {
    let candidates = [candidate(" X-ACGW-IDENTITY： ", HEX)];
    assert_eq!(
        pick_gateway(&candidates).map(|s| s.expose().to_owned()),
        Ok(HEX.to_owned())
    );
}

#[test]
fn a_value_that_carries_its_own_label_counts() {
    let candidates = [candidate("认证凭证", &format!("x-acgw-identity {JWT}"))];
    assert_eq!(
        pick_gateway(&candidates).map(|s| s.expose().to_owned()),
        Ok(JWT.to_owned())
    );
}

#[test]
fn the_first_valid_of_several_labelled_candidates_wins() {
    let candidates = [
        candidate("x-acgw-identity", "点击查看"),
        candidate("x-acgw-identity", HEX),
    ];
    assert_eq!(
        pick_gateway(&candidates).map(|s| s.expose().to_owned()),
        Ok(HEX.to_owned())
    );
}

#[test]
fn unlabelled_token_like_texts_are_never_taken() {
    let candidates = [candidate("系统编码", BASE64), candidate("", HEX)];
    assert_eq!(
        pick_gateway(&candidates).map(|_| ()),
        Err(GatewayError::NotFound)
    );
    assert_eq!(pick_gateway(&[]).map(|_| ()), Err(GatewayError::NotFound));
}

#[test]
fn still_masked_is_the_reason_told_before_others() {
    let candidates = [
        candidate("x-acgw-identity", "abc"),
        candidate("x-acgw-identity", "******"),
        candidate("x-acgw-identity", "查看"),
    ];
    assert_eq!(
        pick_gateway(&candidates).map(|_| ()),
        Err(GatewayError::StillMasked)
    );
}

#[test]
fn gateway_reasons_are_localised_and_carry_no_part_of_the_value() {
    let value = "abcd sEcReTpart9876 xyz";
    let error = check_gateway(value).map(|_| ()).expect_err("has spaces");
    for text in [
        error.message(Locale::ZhCn),
        error.message(Locale::En),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(!text.contains("sEcReT") && !text.contains("9876"), "{text}");
    }
    for error in [
        GatewayError::NotFound,
        GatewayError::Empty,
        GatewayError::StillMasked,
        GatewayError::Placeholder,
        GatewayError::InnerWhitespace,
        GatewayError::UnexpectedCharacters,
        GatewayError::TooShort,
        GatewayError::TooLong,
    ] {
        assert_ne!(error.message(Locale::ZhCn), error.message(Locale::En));
        assert!(error.code().starts_with("gateway-"));
    }
}

#[test]
fn a_typed_key_is_trimmed_and_accepted() {
    assert_eq!(
        check_user_key("  MyOwnKey_2024!  ").map(|s| s.expose().to_owned()),
        Ok("MyOwnKey_2024!".to_owned())
    );
}

#[test]
fn a_typed_key_is_refused_with_its_reason() {
    let cases: [(&str, UserKeyError); 7] = [
        ("", UserKeyError::Empty),
        ("   ", UserKeyError::Empty),
        ("••••••••", UserKeyError::StillMasked),
        ("my own key", UserKeyError::InnerWhitespace),
        ("密钥密钥密钥密钥密钥", UserKeyError::UnexpectedCharacters),
        ("short", UserKeyError::TooShort),
        (&"k".repeat(129), UserKeyError::TooLong),
    ];
    for (text, reason) in cases {
        assert_eq!(
            check_user_key(text).map(|_| ()),
            Err(reason.clone()),
            "{text:?}"
        );
        assert!(reason.code().starts_with("user-key-"));
        assert_ne!(reason.message(Locale::ZhCn), reason.message(Locale::En));
    }
}

#[test]
fn a_generated_key_passes_the_typed_key_check() {
    assert!(check_user_key("Zq8RtLm2Wx9Pa4Kd7Hs3Jn6Vb1Cf5GyE").is_ok());
}
