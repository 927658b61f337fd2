//! Loose shape checks for the two secrets a person brings in: the gateway credential
//! `x-acgw-identity` read from the 认证凭证 text on a trusted 记住网关 click, and an
//! AccessToken key the user typed themselves (记住此密钥).
//!
//! Loose on purpose: Kingdee does not document the credential's format, so anything that looks
//! like a token (base64, base64url, hex, JWT-like `.` segments) is accepted. The checks exist
//! to catch what a page shows *instead of* the credential — still masked, empty, a placeholder
//! such as 点击查看, a label or button text glued on — and to say which, in words. No error
//! carries any part of the value.

use serde::Deserialize;
use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::i18n::{Locale, Localised};
use crate::secret::Secret;

/// The header name the console labels the credential with.
pub const IDENTITY_LABEL: &str = "x-acgw-identity";
/// Shorter than this is not a credential (placeholders and masks are usually shorter).
pub const GATEWAY_MIN_CHARS: usize = 16;
/// Longer than this is page text, not a header value.
pub const GATEWAY_MAX_CHARS: usize = 4096;
/// A key the user types for AccessToken认证: at least this long…
pub const USER_KEY_MIN_CHARS: usize = 8;
/// …and at most this long.
pub const USER_KEY_MAX_CHARS: usize = 128;

/// Characters that pages use to draw a masked value.
const MASK_CHARS: &[char] = &['•', '●', '∙', '·', '◦', '○', '◉', '⁕', '＊', '※', '█'];
/// Button texts that sit next to the value and get collected with it.
const BUTTON_WORDS: &[&str] = &[
    "复制",
    "已复制",
    "复制成功",
    "查看",
    "隐藏",
    "显示",
    "copy",
    "copied",
    "view",
    "show",
    "hide",
    "reveal",
];
/// Texts a page shows where the value will be (compared after removing whitespace, lowercase).
const PLACEHOLDERS: &[&str] = &[
    "请输入",
    "点击查看",
    "查看",
    "点击显示",
    "显示",
    "未设置",
    "暂无",
    "无",
    "空",
    "加载中",
    "输入密码后查看",
    "null",
    "undefined",
    "none",
    "n/a",
    "na",
    "-",
    "--",
    "—",
    "empty",
    "loading",
    "clicktoview",
    "clicktoshow",
    "hidden",
    "notset",
    "pleaseenter",
];
/// Placeholder beginnings (`请输入登录密码`, `Please enter …`, `点击查看凭证`).
const PLACEHOLDER_STARTS: &[&str] = &["请输入", "请点击", "点击", "pleaseenter", "clickto"];

/// Why a captured `x-acgw-identity` text is not a credential.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GatewayError {
    #[error("no text labelled x-acgw-identity was found")]
    NotFound,
    #[error("the value is empty")]
    Empty,
    #[error("the value is still masked")]
    StillMasked,
    #[error("the value is a placeholder")]
    Placeholder,
    #[error("the value contains whitespace")]
    InnerWhitespace,
    #[error("the value has characters a credential does not have")]
    UnexpectedCharacters,
    #[error("the value is too short")]
    TooShort,
    #[error("the value is too long")]
    TooLong,
}

impl Localised for GatewayError {
    fn message(&self, locale: Locale) -> String {
        let text = match self {
            GatewayError::NotFound => locale.pick(
                "在此页面上没有找到 x-acgw-identity：请打开第三方应用详情的“认证凭证”",
                "No x-acgw-identity was found on this page: open 认证凭证 in the 第三方应用 details",
            ),
            GatewayError::Empty => locale.pick(
                "x-acgw-identity 是空的：请先点“查看”并输入登录密码",
                "x-acgw-identity is empty: click 查看 and enter your login password first",
            ),
            GatewayError::StillMasked => locale.pick(
                "x-acgw-identity 仍是隐藏的（***）：请先点“查看”并输入登录密码，再点“记住网关”",
                "x-acgw-identity is still masked (***): click 查看, enter your login password, then Remember gateway",
            ),
            GatewayError::Placeholder => locale.pick(
                "找到的是提示文字，不是 x-acgw-identity 的值：请先点“查看”并输入登录密码",
                "What was found is a prompt, not the x-acgw-identity value: click 查看 and enter your login password first",
            ),
            GatewayError::InnerWhitespace => locale.pick(
                "找到的文字中间有空格，不像 x-acgw-identity 的值",
                "The text found has spaces inside: it does not look like an x-acgw-identity value",
            ),
            GatewayError::UnexpectedCharacters => locale.pick(
                "找到的文字含有凭证不会有的字符，不像 x-acgw-identity 的值",
                "The text found has characters a credential does not have: it does not look like an x-acgw-identity value",
            ),
            GatewayError::TooShort => locale.pick(
                "找到的文字太短，不像 x-acgw-identity 的值（至少 16 个字符）",
                "The text found is too short for an x-acgw-identity value (at least 16 characters)",
            ),
            GatewayError::TooLong => locale.pick(
                "找到的文字太长，不像 x-acgw-identity 的值",
                "The text found is too long for an x-acgw-identity value",
            ),
        };
        text.into()
    }

    fn code(&self) -> &'static str {
        match self {
            GatewayError::NotFound => "gateway-not-found",
            GatewayError::Empty => "gateway-empty",
            GatewayError::StillMasked => "gateway-still-masked",
            GatewayError::Placeholder => "gateway-placeholder",
            GatewayError::InnerWhitespace => "gateway-inner-whitespace",
            GatewayError::UnexpectedCharacters => "gateway-unexpected-characters",
            GatewayError::TooShort => "gateway-too-short",
            GatewayError::TooLong => "gateway-too-long",
        }
    }
}

/// Why a typed AccessToken key is not worth remembering.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UserKeyError {
    #[error("the key is empty")]
    Empty,
    #[error("the key is masked")]
    StillMasked,
    #[error("the key contains whitespace")]
    InnerWhitespace,
    #[error("the key has characters other than ASCII letters, digits and punctuation")]
    UnexpectedCharacters,
    #[error("the key is too short")]
    TooShort,
    #[error("the key is too long")]
    TooLong,
}

impl Localised for UserKeyError {
    fn message(&self, locale: Locale) -> String {
        let text = match self {
            UserKeyError::Empty => locale.pick(
                "认证密钥是空的：请先输入或生成密钥",
                "The key is empty: type or generate one first",
            ),
            UserKeyError::StillMasked => locale.pick(
                "认证密钥显示为隐藏字符，读不到真实的值",
                "The key shows as mask characters: its real value cannot be read",
            ),
            UserKeyError::InnerWhitespace => locale.pick(
                "认证密钥中间有空格：请去掉空格",
                "The key has spaces inside: remove them",
            ),
            UserKeyError::UnexpectedCharacters => locale.pick(
                "认证密钥只能包含英文字母、数字和英文标点",
                "The key may hold only ASCII letters, digits and punctuation",
            ),
            UserKeyError::TooShort => locale.pick(
                "认证密钥太短：至少 8 个字符",
                "The key is too short: at least 8 characters",
            ),
            UserKeyError::TooLong => locale.pick(
                "认证密钥太长：最多 128 个字符",
                "The key is too long: at most 128 characters",
            ),
        };
        text.into()
    }

    fn code(&self) -> &'static str {
        match self {
            UserKeyError::Empty => "user-key-empty",
            UserKeyError::StillMasked => "user-key-still-masked",
            UserKeyError::InnerWhitespace => "user-key-inner-whitespace",
            UserKeyError::UnexpectedCharacters => "user-key-unexpected-characters",
            UserKeyError::TooShort => "user-key-too-short",
            UserKeyError::TooLong => "user-key-too-long",
        }
    }
}

/// A text the content script found next to a label on the trusted 记住网关 click. The value may
/// be the credential, so it is zeroed when dropped.
#[derive(Debug, Clone, Default, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct TextCandidate {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub value: String,
}

/// The credential among `candidates`: the first text labelled `x-acgw-identity` (or starting
/// with it) that passes [`check_gateway`]. When none passes, the most useful reason: still
/// masked before a placeholder before any other, so the user is told to reveal it first.
pub fn pick_gateway(candidates: &[TextCandidate]) -> Result<Secret, GatewayError> {
    let mut best: Option<GatewayError> = None;
    for candidate in candidates
        .iter()
        .filter(|c| mentions_identity(&c.label) || mentions_identity(&c.value))
    {
        match check_gateway(&candidate.value) {
            Ok(secret) => return Ok(secret),
            Err(error) => {
                if best.as_ref().is_none_or(|b| rank(&error) < rank(b)) {
                    best = Some(error);
                }
            }
        }
    }
    Err(best.unwrap_or(GatewayError::NotFound))
}

/// Checks one captured text: trims it, drops a leading `x-acgw-identity:` and button words
/// (复制, 查看, …) collected with it, and returns the credential or why it is not one.
pub fn check_gateway(text: &str) -> Result<Secret, GatewayError> {
    let tokens: Vec<&str> = without_label(text.trim()).split_whitespace().collect();
    if tokens.is_empty() {
        return Err(GatewayError::Empty);
    }
    let kept: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| !is_button_word(t))
        .collect();
    if kept.is_empty() {
        return Err(GatewayError::Placeholder);
    }
    if kept.iter().any(|t| looks_masked(t)) {
        return Err(GatewayError::StillMasked);
    }
    if is_placeholder(&kept.concat()) {
        return Err(GatewayError::Placeholder);
    }
    let [token] = kept.as_slice() else {
        return Err(GatewayError::InnerWhitespace);
    };
    if !token.chars().all(is_token_char) {
        return Err(GatewayError::UnexpectedCharacters);
    }
    let count = token.chars().count();
    if count < GATEWAY_MIN_CHARS {
        return Err(GatewayError::TooShort);
    }
    if count > GATEWAY_MAX_CHARS {
        return Err(GatewayError::TooLong);
    }
    Ok(Secret::new((*token).to_owned()))
}

/// Checks a key the user typed into 认证密钥 (surrounding whitespace trimmed).
pub fn check_user_key(text: &str) -> Result<Secret, UserKeyError> {
    let key = text.trim();
    if key.is_empty() {
        return Err(UserKeyError::Empty);
    }
    if looks_masked(key) {
        return Err(UserKeyError::StillMasked);
    }
    if key.chars().any(char::is_whitespace) {
        return Err(UserKeyError::InnerWhitespace);
    }
    if !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(UserKeyError::UnexpectedCharacters);
    }
    let count = key.chars().count();
    if count < USER_KEY_MIN_CHARS {
        return Err(UserKeyError::TooShort);
    }
    if count > USER_KEY_MAX_CHARS {
        return Err(UserKeyError::TooLong);
    }
    Ok(Secret::new(key.to_owned()))
}

/// Order in which reasons are worth telling: what the user can fix by revealing comes first.
fn rank(error: &GatewayError) -> u8 {
    match error {
        GatewayError::StillMasked => 0,
        GatewayError::Placeholder => 1,
        GatewayError::Empty => 2,
        _ => 3,
    }
}

/// Whether a text names the credential (ignoring case, spaces and colons around it).
fn mentions_identity(text: &str) -> bool {
    text.to_ascii_lowercase().contains(IDENTITY_LABEL)
}

/// `x-acgw-identity: value` → `value`; anything else unchanged.
fn without_label(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    match lower.find(IDENTITY_LABEL) {
        Some(0) => text[IDENTITY_LABEL.len()..]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '=')),
        _ => text,
    }
}

fn is_button_word(token: &str) -> bool {
    let lower = token.to_lowercase();
    BUTTON_WORDS.contains(&lower.as_str())
}

/// Runs of `*`/`x` or any bullet-like character: how consoles draw a hidden value.
fn looks_masked(text: &str) -> bool {
    text.contains("***")
        || text.contains(MASK_CHARS)
        || text.to_ascii_lowercase().contains("xxxxxx")
}

fn is_placeholder(joined: &str) -> bool {
    let normal: String = joined
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let normal = normal.trim_end_matches(['.', '…', '。']);
    PLACEHOLDERS.contains(&normal)
        || PLACEHOLDER_STARTS
            .iter()
            .any(|start| normal.starts_with(start))
}

/// base64 / base64url / hex / JWT-like dotted segments.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_' | '.' | '~')
}
