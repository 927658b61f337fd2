//! `getUserLanguage.do` → 数据中心 id (`accountId`), read digit-exact from the raw response text.
//!
//! The console asks `…/getUserLanguage.do` once, often on the login page, and the answer holds
//! `accountId`, sometimes as a 19-digit JSON number that a JavaScript number would round. So
//! the raw text is parsed here, never with `JSON.parse`, and every body is treated as hostile:
//! the size is capped before parsing, nesting is bounded, and nothing in here panics.
//!
//! Which `accountId` counts when the body holds several: the key is matched exactly
//! (`accountId`), the JSON is searched breadth-first and the shallowest level that has the key
//! with a value decides. `null` and blank strings say "no value here" and the search goes on
//! deeper (if nothing else turns up, their error is reported). On the deciding level every
//! occurrence must be a valid id and all must agree: two different ids are `Ambiguous`, an
//! invalid one is that value's error, and deeper levels are not consulted (the shallowest
//! answer is the response's own).

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::fmt;
use thiserror::Error;
use url::Url;

use crate::console::{is_http, ConsoleContext};
use crate::i18n::{Locale, Localised};

/// Largest body accepted, in UTF-8 bytes. Real answers are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 512 * 1024;
/// Deepest nesting of arrays/objects accepted (serde_json itself stops at 128).
pub const MAX_DEPTH: usize = 64;
/// Longest id accepted; Kingdee's are 19 digits.
pub const MAX_ACCOUNT_ID_LEN: usize = 64;
/// The key the id sits under.
const ACCOUNT_ID_KEY: &str = "accountId";
/// The request's last path segment, matched ignoring ASCII case.
const USER_LANGUAGE_SEGMENT: &str = "getUserLanguage.do";

/// A 数据中心 id: 1–64 ASCII letters, digits, `_` or `-`. Always a string, also in JS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct AccountId(#[serde(deserialize_with = "deserialize_account_id")] String);

impl AccountId {
    /// Validates an id given as text (surrounding whitespace trimmed).
    pub fn parse(text: &str) -> Result<AccountId, UserLanguageError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UserLanguageError::EmptyAccountId);
        }
        if text.len() > MAX_ACCOUNT_ID_LEN {
            return Err(UserLanguageError::AccountIdTooLong { len: text.len() });
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(UserLanguageError::AccountIdBadCharacters);
        }
        Ok(AccountId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Ids coming back from storage or JS are validated like fresh ones.
fn deserialize_account_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    AccountId::parse(&text)
        .map(|id| id.0)
        .map_err(de::Error::custom)
}

/// A `getUserLanguage.do` answer seen by a page: where, from which page directory, which id.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// The page's (and request's) origin.
    pub origin: String,
    /// The request's path without query (`/ierp/auth/getUserLanguage.do`).
    pub request_path: String,
    /// The page's path up to and including its last `/` (`/ierp/` for `/ierp/login.html`).
    pub page_dir: String,
    pub account_id: AccountId,
    /// Milliseconds since the epoch, set by the caller that has a clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_at: Option<f64>,
}

/// Why a response gives no 数据中心 id.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UserLanguageError {
    #[error("the body is {len} bytes, more than the {max} accepted")]
    TooLarge { len: usize, max: usize },
    #[error("the body is empty")]
    EmptyBody,
    #[error("the JSON nests deeper than {max} levels")]
    TooDeep { max: usize },
    #[error("the body is not valid JSON (line {line}, column {column})")]
    Malformed { line: usize, column: usize },
    #[error("the JSON has no accountId")]
    MissingAccountId,
    #[error("accountId is empty")]
    EmptyAccountId,
    #[error("accountId is {len} characters long, more than {MAX_ACCOUNT_ID_LEN}")]
    AccountIdTooLong { len: usize },
    #[error("accountId has characters other than letters, digits, _ and -")]
    AccountIdBadCharacters,
    #[error("accountId is a number that is not a whole non-negative 64-bit integer")]
    AccountIdNotInteger,
    #[error("accountId is {kind}, not a string or a number")]
    AccountIdWrongType { kind: &'static str },
    #[error("the JSON holds different accountId values at the same level")]
    Ambiguous,
    #[error("the page address is not an http(s) URL")]
    BadPageUrl,
    #[error("the request address is not an http(s) URL")]
    BadRequestUrl,
    #[error("the request goes to {request_origin}, not the page's origin {page_origin}")]
    CrossOrigin {
        page_origin: String,
        request_origin: String,
    },
    #[error("the request is not getUserLanguage.do")]
    NotUserLanguageRequest,
}

impl Localised for UserLanguageError {
    fn message(&self, locale: Locale) -> String {
        use UserLanguageError as E;
        match self {
            E::TooLarge { len, max } => match locale {
                Locale::ZhCn => format!("getUserLanguage.do 响应过大（{len} 字节，上限 {max} 字节），已忽略"),
                Locale::En => format!("The getUserLanguage.do response is too large ({len} bytes, limit {max}); ignored"),
            },
            E::EmptyBody => locale.pick("getUserLanguage.do 响应为空", "The getUserLanguage.do response is empty").into(),
            E::TooDeep { max } => match locale {
                Locale::ZhCn => format!("getUserLanguage.do 响应嵌套超过 {max} 层，已忽略"),
                Locale::En => format!("The getUserLanguage.do response nests deeper than {max} levels; ignored"),
            },
            E::Malformed { line, column } => match locale {
                Locale::ZhCn => format!("getUserLanguage.do 响应不是有效的 JSON（第 {line} 行第 {column} 列）"),
                Locale::En => format!("The getUserLanguage.do response is not valid JSON (line {line}, column {column})"),
            },
            E::MissingAccountId => locale
                .pick("getUserLanguage.do 响应里没有 accountId（数据中心 id）", "The getUserLanguage.do response has no accountId (数据中心 id)")
                .into(),
            E::EmptyAccountId => locale.pick("accountId（数据中心 id）为空", "accountId (数据中心 id) is empty").into(),
            E::AccountIdTooLong { len } => match locale {
                Locale::ZhCn => format!("accountId（数据中心 id）长达 {len} 个字符，不像数据中心 id"),
                Locale::En => format!("accountId (数据中心 id) is {len} characters long: not a 数据中心 id"),
            },
            E::AccountIdBadCharacters => locale
                .pick(
                    "accountId（数据中心 id）含有字母、数字、_、- 以外的字符",
                    "accountId (数据中心 id) has characters other than letters, digits, _ and -",
                )
                .into(),
            E::AccountIdNotInteger => locale
                .pick(
                    "accountId（数据中心 id）是小数、负数或超出范围的数字",
                    "accountId (数据中心 id) is a fraction, a negative or an out-of-range number",
                )
                .into(),
            E::AccountIdWrongType { kind } => match locale {
                Locale::ZhCn => format!("accountId（数据中心 id）的值是 {kind}，应为字符串或数字"),
                Locale::En => format!("accountId (数据中心 id) is {kind}, not a string or a number"),
            },
            E::Ambiguous => locale
                .pick(
                    "getUserLanguage.do 响应在同一层里有多个不同的 accountId，无法确定数据中心 id",
                    "The getUserLanguage.do response holds different accountId values at the same level; the 数据中心 id is unclear",
                )
                .into(),
            E::BadPageUrl => locale.pick("页面地址不是 http(s) 地址", "The page address is not an http(s) URL").into(),
            E::BadRequestUrl => locale.pick("请求地址不是 http(s) 地址", "The request address is not an http(s) URL").into(),
            E::CrossOrigin { page_origin, request_origin } => match locale {
                Locale::ZhCn => format!("请求发往 {request_origin}，不是页面所在的 {page_origin}，已忽略"),
                Locale::En => format!("The request goes to {request_origin}, not the page's own {page_origin}; ignored"),
            },
            E::NotUserLanguageRequest => locale
                .pick("这个请求不是 getUserLanguage.do", "This request is not getUserLanguage.do")
                .into(),
        }
    }

    fn code(&self) -> &'static str {
        use UserLanguageError as E;
        match self {
            E::TooLarge { .. } => "user-language-too-large",
            E::EmptyBody => "user-language-empty-body",
            E::TooDeep { .. } => "user-language-too-deep",
            E::Malformed { .. } => "user-language-malformed",
            E::MissingAccountId => "account-id-missing",
            E::EmptyAccountId => "account-id-empty",
            E::AccountIdTooLong { .. } => "account-id-too-long",
            E::AccountIdBadCharacters => "account-id-bad-characters",
            E::AccountIdNotInteger => "account-id-not-integer",
            E::AccountIdWrongType { .. } => "account-id-wrong-type",
            E::Ambiguous => "account-id-ambiguous",
            E::BadPageUrl => "user-language-bad-page-url",
            E::BadRequestUrl => "user-language-bad-request-url",
            E::CrossOrigin { .. } => "user-language-cross-origin",
            E::NotUserLanguageRequest => "user-language-not-request",
        }
    }
}

/// Finds the 数据中心 id in a `getUserLanguage.do` body (see the module docs for the rule).
pub fn extract_account_id(body: &str) -> Result<AccountId, UserLanguageError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(UserLanguageError::TooLarge {
            len: body.len(),
            max: MAX_BODY_BYTES,
        });
    }
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    if body.trim().is_empty() {
        return Err(UserLanguageError::EmptyBody);
    }
    if nesting_depth(body) > MAX_DEPTH {
        return Err(UserLanguageError::TooDeep { max: MAX_DEPTH });
    }
    let root: Node = serde_json::from_str(body).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            UserLanguageError::TooDeep { max: MAX_DEPTH }
        } else {
            UserLanguageError::Malformed {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    shallowest_account_id(&root)
}

/// Checks a `getUserLanguage.do` response seen by a page and reads its id.
///
/// `request_url` may be relative; it is resolved against `page_url`. The request must be
/// http(s), same origin as the page, and its last path segment `getUserLanguage.do` (ASCII
/// case ignored), in whatever directory. `seen_at` is left `None` for the caller to stamp.
pub fn observe(
    page_url: &str,
    request_url: &str,
    body: &str,
) -> Result<Observation, UserLanguageError> {
    let page = Url::parse(page_url.trim())
        .ok()
        .filter(is_http)
        .ok_or(UserLanguageError::BadPageUrl)?;
    let request = Url::options()
        .base_url(Some(&page))
        .parse(request_url.trim())
        .ok()
        .filter(is_http)
        .ok_or(UserLanguageError::BadRequestUrl)?;
    let page_origin = page.origin().ascii_serialization();
    let request_origin = request.origin().ascii_serialization();
    if page_origin != request_origin {
        return Err(UserLanguageError::CrossOrigin {
            page_origin,
            request_origin,
        });
    }
    let last_segment = request.path().rsplit('/').next().unwrap_or_default();
    if !last_segment.eq_ignore_ascii_case(USER_LANGUAGE_SEGMENT) {
        return Err(UserLanguageError::NotUserLanguageRequest);
    }
    let account_id = extract_account_id(body)?;
    let page_path = page.path();
    let page_dir = &page_path[..page_path.rfind('/').map_or(0, |i| i + 1)];
    Ok(Observation {
        origin: page_origin,
        request_path: request.path().to_owned(),
        page_dir: if page_dir.is_empty() {
            "/".to_owned()
        } else {
            page_dir.to_owned()
        },
        account_id,
        seen_at: None,
    })
}

/// The observation that gives a console its 数据中心 id, if any.
///
/// It must share the console's origin and its request path must start with the console's
/// prefix path. Among those, one seen from the console's own directory (`page_dir` equal to
/// the prefix path) wins; then the newest: highest `seen_at` (missing or not finite counts as
/// oldest), and on a tie the later in the slice (storage keeps them newest last).
pub fn observation_for_console<'a>(
    ctx: &ConsoleContext,
    observations: &'a [Observation],
) -> Option<&'a Observation> {
    let prefix_path = ctx.prefix_path();
    let rank = |o: &Observation| {
        let seen = o
            .seen_at
            .filter(|t| t.is_finite())
            .unwrap_or(f64::NEG_INFINITY);
        (o.page_dir == prefix_path, seen)
    };
    let mut best: Option<&Observation> = None;
    for candidate in observations {
        if candidate.origin != ctx.origin || !candidate.request_path.starts_with(prefix_path) {
            continue;
        }
        let replaces = match best {
            None => true,
            Some(held) => {
                let ((c_dir, c_seen), (h_dir, h_seen)) = (rank(candidate), rank(held));
                // `is_ge` on time: a later entry with the same time is the newer one.
                (c_dir && !h_dir) || (c_dir == h_dir && c_seen.total_cmp(&h_seen).is_ge())
            }
        };
        if replaces {
            best = Some(candidate);
        }
    }
    best
}

/// The deepest array/object nesting in `text`, counted without parsing (strings skipped), so
/// depth bombs are refused before any recursion.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Breadth-first, level by level: the first level holding the key decides.
fn shallowest_account_id(root: &Node) -> Result<AccountId, UserLanguageError> {
    let mut level = vec![root];
    // The first `null`/blank value met, reported only if no real value exists anywhere.
    let mut absent: Option<UserLanguageError> = None;
    while !level.is_empty() {
        let mut found = Vec::new();
        let mut next = Vec::new();
        for node in level {
            match node {
                Node::Object(entries) => {
                    for (key, value) in entries {
                        if key == ACCOUNT_ID_KEY {
                            match value {
                                Node::Null => {
                                    absent.get_or_insert(UserLanguageError::AccountIdWrongType {
                                        kind: "null",
                                    });
                                }
                                Node::Text(text) if text.trim().is_empty() => {
                                    absent.get_or_insert(UserLanguageError::EmptyAccountId);
                                }
                                _ => found.push(value),
                            }
                        }
                        next.push(value);
                    }
                }
                Node::Array(items) => next.extend(items),
                _ => {}
            }
        }
        if let Some((first, rest)) = found.split_first() {
            let id = account_id_from(first)?;
            for other in rest {
                if account_id_from(other)? != id {
                    return Err(UserLanguageError::Ambiguous);
                }
            }
            return Ok(id);
        }
        level = next;
    }
    Err(absent.unwrap_or(UserLanguageError::MissingAccountId))
}

fn account_id_from(node: &Node) -> Result<AccountId, UserLanguageError> {
    match node {
        Node::Text(text) => AccountId::parse(text),
        Node::Unsigned(n) => AccountId::parse(&n.to_string()),
        Node::OtherNumber => Err(UserLanguageError::AccountIdNotInteger),
        Node::Bool => Err(UserLanguageError::AccountIdWrongType { kind: "boolean" }),
        Node::Null => Err(UserLanguageError::AccountIdWrongType { kind: "null" }),
        Node::Object(_) => Err(UserLanguageError::AccountIdWrongType { kind: "object" }),
        Node::Array(_) => Err(UserLanguageError::AccountIdWrongType { kind: "array" }),
    }
}

/// Just enough JSON to find the key: document order kept (serde_json's `Value` sorts keys),
/// duplicate keys kept, and integers kept as `u64` so no digit is ever lost to a float.
enum Node {
    Text(String),
    Unsigned(u64),
    /// Negative, fractional, exponent-form or beyond `u64`.
    OtherNumber,
    Bool,
    Null,
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }
    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        Ok(Node::Unsigned(n))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::OtherNumber)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::OtherNumber)
    }
    fn visit_str<E>(self, text: &str) -> Result<Node, E> {
        Ok(Node::Text(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Node, E> {
        Ok(Node::Text(text))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Node>()? {
            entries.push(entry);
        }
        Ok(Node::Object(entries))
    }
}
