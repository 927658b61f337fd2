//! 统一社会信用代码 (GB 32100-2015), the 税号 发票云 activates an enterprise under.
//!
//! 18 characters from `0-9 A-H J-N P-R T-U W-Y` (no I, O, S, V, Z: they read like digits), the
//! last a check character: 31 minus the weighted sum of the first 17 modulo 31. Only the
//! structure the standard fixes for every code is checked (length, character set, check
//! character); the registration-authority and region parts are not, so no real code is refused.
//!
//! Old 15/17/20-character 纳税人识别号 are refused too, with their own reason: they were
//! replaced by the 统一社会信用代码 (三证合一, fully by 2018) and 发票云 activates by the
//! new code, so an old one pasted or typed is the wrong number, not a format to accept.

use thiserror::Error;

use crate::i18n::{Locale, Localised};

/// The standard's alphabet, in value order (index = value 0..=30).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1..=17 (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// A 统一社会信用代码 is always this long.
pub const TAX_ID_LEN: usize = 18;

/// Why a 税号 is not a valid 统一社会信用代码.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TaxIdError {
    #[error("the 税号 is empty")]
    Empty,
    #[error("the 税号 contains spaces")]
    Whitespace,
    #[error("the 税号 is an old {len}-character 纳税人识别号")]
    Legacy { len: usize },
    #[error("the 税号 has {len} characters, not 18")]
    WrongLength { len: usize },
    #[error("the 税号 has lowercase letters")]
    Lowercase,
    #[error("character {position} (`{found}`) is not allowed in a 统一社会信用代码")]
    BadCharacter { position: usize, found: char },
    #[error("the check character is `{found}`, the first 17 characters give `{expected}`")]
    CheckDigit { expected: char, found: char },
}

/// Checks `tax_id` exactly as given (no trimming, no case folding: the page or the mail must
/// hold the code itself).
pub fn check_tax_id(tax_id: &str) -> Result<(), TaxIdError> {
    if tax_id.is_empty() {
        return Err(TaxIdError::Empty);
    }
    if tax_id.chars().any(char::is_whitespace) {
        return Err(TaxIdError::Whitespace);
    }
    let len = tax_id.chars().count();
    if len != TAX_ID_LEN {
        let alnum = tax_id.chars().all(|c| c.is_ascii_alphanumeric());
        return Err(if alnum && matches!(len, 15 | 17 | 20) {
            TaxIdError::Legacy { len }
        } else {
            TaxIdError::WrongLength { len }
        });
    }
    if tax_id.chars().any(|c| c.is_ascii_lowercase()) {
        return Err(TaxIdError::Lowercase);
    }
    let mut values = [0u32; TAX_ID_LEN];
    for (i, c) in tax_id.chars().enumerate() {
        values[i] = value_of(c).ok_or(TaxIdError::BadCharacter {
            position: i + 1,
            found: c,
        })?;
    }
    let sum: u32 = WEIGHTS.iter().zip(&values).map(|(w, v)| w * v).sum();
    let expected = (31 - sum % 31) % 31;
    if values[TAX_ID_LEN - 1] != expected {
        return Err(TaxIdError::CheckDigit {
            expected: char::from(ALPHABET[expected as usize]),
            found: tax_id.chars().last().unwrap_or_default(),
        });
    }
    Ok(())
}

/// The standard's value of one character, `None` outside its alphabet.
fn value_of(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    ALPHABET.iter().position(|&a| a == byte).map(|i| i as u32)
}

impl Localised for TaxIdError {
    fn message(&self, locale: Locale) -> String {
        use TaxIdError as E;
        match self {
            E::Empty => locale.pick("税号为空", "The 税号 (tax id) is empty").into(),
            E::Whitespace => locale
                .pick(
                    "税号中有空格：统一社会信用代码是连续的 18 位，请删除空格",
                    "The 税号 (tax id) contains spaces: a 统一社会信用代码 is 18 characters with no spaces; remove them",
                )
                .into(),
            E::Legacy { len } => match locale {
                Locale::ZhCn => format!(
                    "这是 {len} 位的旧纳税人识别号，发票云按 18 位统一社会信用代码授权：请换成营业执照上的统一社会信用代码"
                ),
                Locale::En => format!(
                    "This is an old {len}-character taxpayer number; 发票云 activates by the 18-character 统一社会信用代码: use the code on the business licence"
                ),
            },
            E::WrongLength { len } => match locale {
                Locale::ZhCn => format!("税号有 {len} 位，统一社会信用代码应为 18 位：请对照授权邮件或营业执照核对"),
                Locale::En => format!(
                    "The 税号 (tax id) has {len} characters; a 统一社会信用代码 has 18: check it against the activation e-mail or the business licence"
                ),
            },
            E::Lowercase => locale
                .pick(
                    "税号中有小写字母：统一社会信用代码只用大写字母，请改为大写",
                    "The 税号 (tax id) has lowercase letters: a 统一社会信用代码 uses capitals only; change them to uppercase",
                )
                .into(),
            E::BadCharacter { position, found } => match locale {
                Locale::ZhCn => format!(
                    "税号第 {position} 位“{found}”不是统一社会信用代码允许的字符（数字和除 I、O、S、V、Z 外的大写字母）：请核对，常见的是把 0 写成 O、1 写成 I"
                ),
                Locale::En => format!(
                    "Character {position} of the 税号 (tax id), “{found}”, is not allowed in a 统一社会信用代码 (digits and capitals except I, O, S, V, Z): check it; 0 typed as O and 1 as I are common"
                ),
            },
            E::CheckDigit { expected, found } => match locale {
                Locale::ZhCn => format!(
                    "税号校验位不对：按前 17 位应为“{expected}”，实际是“{found}”，说明有字符抄错：请对照授权邮件或营业执照逐位核对"
                ),
                Locale::En => format!(
                    "The 税号 (tax id) fails its check character: the first 17 give “{expected}”, it ends in “{found}”, so a character was copied wrong: compare it with the activation e-mail or the business licence"
                ),
            },
        }
    }

    fn code(&self) -> &'static str {
        use TaxIdError as E;
        match self {
            E::Empty => "tax-id-empty",
            E::Whitespace => "tax-id-whitespace",
            E::Legacy { .. } => "tax-id-legacy",
            E::WrongLength { .. } => "tax-id-length",
            E::Lowercase => "tax-id-lowercase",
            E::BadCharacter { .. } => "tax-id-character",
            E::CheckDigit { .. } => "tax-id-check-digit",
        }
    }
}
