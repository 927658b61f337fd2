//! 统一社会信用代码 (GB 32100-2015) checks: real codes pass, each kind of mistake has its reason.
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::validate::tax_id::{check_tax_id, TaxIdError as E};
use proptest::prelude::*;

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[test]
fn published_codes_pass() {
    for code in [
        "9144030071526726XG",
        "914403001922038216",
        "91110000802100433B",
        "91440300MA5G8TQK2M",
        "92440101MA9UJ1B2XW",
    ] {
        assert_eq!(check_tax_id(code), Ok(()), "{code}");
    }
}

#[test]
fn one_changed_character_fails_the_check_character() {
    assert_eq!(
        check_tax_id("9144030071526726XH"),
        Err(E::CheckDigit {
            expected: 'G',
            found: 'H'
        })
    );
    assert!(matches!(
        check_tax_id("9144030071526727XG"),
        Err(E::CheckDigit { .. })
    ));
}

#[test]
fn letters_the_standard_leaves_out_are_refused_with_their_position() {
    assert_eq!(
        check_tax_id("91440300MA5G8TQKIM"),
        Err(E::BadCharacter {
            position: 17,
            found: 'I'
        })
    );
    assert_eq!(
        check_tax_id("9144O30071526726XG"),
        Err(E::BadCharacter {
            position: 5,
            found: 'O'
        })
    );
    assert!(matches!(
        check_tax_id("91440300MA5G8TQK2-"),
        Err(E::BadCharacter { position: 18, .. })
    ));
}

#[test]
fn lowercase_spaces_and_length_have_their_own_reasons() {
    assert_eq!(check_tax_id("9144030071526726xg"), Err(E::Lowercase));
    assert_eq!(check_tax_id("914403007152 6726XG"), Err(E::Whitespace));
    assert_eq!(check_tax_id(" 9144030071526726XG"), Err(E::Whitespace));
    assert_eq!(check_tax_id(""), Err(E::Empty));
    assert_eq!(
        check_tax_id("9144030071526726X"),
        Err(E::Legacy { len: 17 })
    );
    assert_eq!(
        check_tax_id("91440300715267"),
        Err(E::WrongLength { len: 14 })
    );
    assert_eq!(
        check_tax_id("税号9144030071526726XG"),
        Err(E::WrongLength { len: 20 })
    );
}

#[test]
fn old_taxpayer_numbers_are_refused_as_legacy() {
    assert_eq!(check_tax_id("440301123456789"), Err(E::Legacy { len: 15 }));
    // An 18-character old number (an ID card's) cannot be told from a code: it is checked as one.
    assert!(check_tax_id("44030119800101123X").is_err());
    assert_eq!(
        check_tax_id("44030119800101123456"),
        Err(E::Legacy { len: 20 })
    );
}

#[test]
fn every_reason_is_localised_with_a_stable_code() {
    let errors = [
        E::Empty,
        E::Whitespace,
        E::Legacy { len: 15 },
        E::WrongLength { len: 3 },
        E::Lowercase,
        E::BadCharacter {
            position: 3,
            found: 'O',
        },
        E::CheckDigit {
            expected: 'A',
            found: 'B',
        },
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    for e in &errors {
        assert!(e.code().starts_with("tax-id-"));
        let (zh, en) = (e.message(Locale::ZhCn), e.message(Locale::En));
        assert!(zh.contains("税号") || zh.contains("纳税人识别号"), "{e:?}");
        assert!(
            en.contains("统一社会信用代码") || en.contains("tax id"),
            "{e:?}: {en}"
        );
        assert_ne!(zh, en);
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
}

fn with_check(body: &str) -> String {
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: usize = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| ALPHABET.find(c).unwrap_or(0) * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    format!("{body}{}", &ALPHABET[check..=check])
}

proptest! {
    #[test]
    fn any_code_with_its_check_character_passes(body in "[0-9A-HJ-NP-RTUW-Y]{17}") {
        prop_assert_eq!(check_tax_id(&with_check(&body)), Ok(()));
    }

    #[test]
    fn any_single_substitution_is_caught(body in "[0-9A-HJ-NP-RTUW-Y]{17}", at in 0usize..18, by in 0usize..31) {
        let good = with_check(&body);
        let mut chars: Vec<char> = good.chars().collect();
        let replacement = ALPHABET.chars().nth(by).unwrap_or('0');
        prop_assume!(chars[at] != replacement);
        chars[at] = replacement;
        let bad: String = chars.into_iter().collect();
        prop_assert!(check_tax_id(&bad).is_err());
    }

    #[test]
    fn never_panics(text in "\\PC{0,40}") {
        let _ = check_tax_id(&text);
    }
}
