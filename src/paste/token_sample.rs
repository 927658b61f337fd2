//! A 获取token示例 (星瀚 ≥6.0, 第三方应用 list) → the console's prefix, 数据中心 id and the app's
//! credentials.
//!
//! The console shows two requests: `POST {prefix}api/getAppToken.do` with `appId`, `appSecret`
//! (some clients spell it `appSecuret`), `tenantid`, `accountId`, `language`, and
//! `POST {prefix}api/login.do` with `user`, `apptoken`, `tenantid`, `accountId`, `usertype`.
//! People paste them as URL lines with JSON bodies, curl commands, or `key: value` lines, with
//! comments. So keys are found wherever they stand (quoted or not, `:` or `=`), not by parsing
//! JSON; values that appear twice must agree, and both URLs must be on the same console.

use super::environment::urls;
use super::problems;
use super::{Paste, PasteContext, PasteError, PasteKind};
use crate::console::ConsoleContext;
use crate::secret::Secret;
use crate::user_language::AccountId;

/// What a 获取token示例 holds. Any value may be missing (a sample pasted in part); `missing`
/// names them.
#[derive(Debug, Default)]
pub struct TokenSample {
    pub app_id: Option<String>,
    pub tenant_id: Option<String>,
    pub user: Option<String>,
    pub user_type: Option<String>,
    pub account_id: Option<AccountId>,
    pub app_secret: Option<Secret>,
    /// JS names (`appId`, `tenantId`, `user`, `userType`, `accountId`, `appSecret`).
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    AppId,
    AppSecret,
    TenantId,
    AccountId,
    User,
    UserType,
}

impl Key {
    fn js_name(self) -> &'static str {
        match self {
            Key::AppId => "appId",
            Key::AppSecret => "appSecret",
            Key::TenantId => "tenantId",
            Key::AccountId => "accountId",
            Key::User => "user",
            Key::UserType => "userType",
        }
    }
}

const KEYS: &[(&str, Key)] = &[
    ("appid", Key::AppId),
    ("appsecret", Key::AppSecret),
    ("appsecuret", Key::AppSecret),
    ("tenantid", Key::TenantId),
    ("accountid", Key::AccountId),
    ("usertype", Key::UserType),
    ("user", Key::User),
];

const APP_TOKEN_FILE: &str = "getapptoken.do";
const LOGIN_FILE: &str = "login.do";

/// Whether a text is (part of) a 获取token示例: cheap substring tests only.
pub(crate) fn looks_like(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains(APP_TOKEN_FILE)
        || lower.contains("/login.do")
        || (lower.contains("appid")
            && ["appsecret", "appsecuret", "usertype", "tenantid"]
                .iter()
                .any(|k| lower.contains(k)))
}

/// A lone getAppToken.do / login.do address.
pub(crate) fn is_token_endpoint(url: &str) -> bool {
    endpoint_prefix(url).is_some()
}

pub(crate) fn read(text: &str) -> Result<Paste, PasteError> {
    let text = without_comments(text);
    let console = console_of(&text)?;
    let mut values: [Option<String>; 6] = Default::default();
    for (key, value) in key_values(&text) {
        let slot = &mut values[key as usize];
        match slot {
            Some(old) if *old != value => {
                return Err(PasteError::TokenConflict { key: key.js_name() })
            }
            Some(_) => {}
            None => *slot = Some(value),
        }
    }
    let found_any = values.iter().any(Option::is_some);
    if !found_any && console.is_none() {
        return Err(PasteError::TokenEmpty);
    }
    let mut paste = Paste::of_kind(PasteKind::TokenSample);
    let [app_id, app_secret, tenant_id, account_id, user, user_type] = values;
    let account_id = account_id.and_then(|id| AccountId::parse(&id).ok());
    // A masked secret (`******`) is no secret to hold.
    let app_secret = app_secret.filter(|s| !s.contains("***") && !s.contains('•'));
    if app_secret.as_deref().is_some_and(problems::whitespace_in) {
        paste.problems.push(problems::whitespace("appSecret"));
    }
    if found_any {
        let mut sample = TokenSample {
            app_id,
            tenant_id,
            user,
            user_type,
            account_id: account_id.clone(),
            app_secret: app_secret.map(Secret::new),
            missing: Vec::new(),
        };
        sample.missing = [
            (Key::AppId, sample.app_id.is_none()),
            (Key::TenantId, sample.tenant_id.is_none()),
            (Key::User, sample.user.is_none()),
            (Key::UserType, sample.user_type.is_none()),
            (Key::AccountId, sample.account_id.is_none()),
            (Key::AppSecret, sample.app_secret.is_none()),
        ]
        .iter()
        .filter(|(_, missing)| *missing)
        .map(|(key, _)| key.js_name())
        .collect();
        paste.token = Some(sample);
    }
    paste.context = Some(PasteContext {
        console,
        account_id,
    });
    Ok(paste)
}

/// The one `accountId` of a text that holds no other known key (a devtools Preview copy).
pub(crate) fn account_id_only(text: &str) -> Option<AccountId> {
    let found = key_values(&without_comments(text));
    let mut ids = found.iter().filter(|(key, _)| *key == Key::AccountId);
    let (_, first) = ids.next()?;
    let agreed = ids.all(|(_, other)| other == first);
    let only = found.iter().all(|(key, _)| *key == Key::AccountId);
    (agreed && only)
        .then(|| AccountId::parse(first).ok())
        .flatten()
}

/// The console both request URLs name (they must agree), if the sample gives one.
fn console_of(text: &str) -> Result<Option<ConsoleContext>, PasteError> {
    let mut app_token: Option<String> = None;
    let mut login: Option<String> = None;
    for url in urls(text) {
        let Some((prefix, is_login)) = endpoint_prefix(&url) else {
            continue;
        };
        let slot = if is_login { &mut login } else { &mut app_token };
        match slot {
            Some(old) if *old != prefix => {
                return Err(PasteError::TokenConflict {
                    key: if is_login {
                        "login.do"
                    } else {
                        "getAppToken.do"
                    },
                })
            }
            _ => *slot = Some(prefix),
        }
    }
    if let (Some(a), Some(l)) = (&app_token, &login) {
        if a != l {
            return Err(PasteError::TokenPrefixMismatch {
                app_token: a.clone(),
                login: l.clone(),
            });
        }
    }
    let Some(prefix) = app_token.or(login) else {
        return Ok(None);
    };
    // The console module owns what a prefix is; ask it about the page that prefix serves.
    ConsoleContext::from_url(&format!("{prefix}index.html?formId=pc_main_console"))
        .map(Some)
        .map_err(PasteError::Console)
}

/// `https://h/ierp/api/getAppToken.do?x` → (`https://h/ierp/`, false); `…/api/login.do` → true.
fn endpoint_prefix(url: &str) -> Option<(String, bool)> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let path = parsed.path();
    let lower = path.to_ascii_lowercase();
    let (file, is_login) = if lower.ends_with(&format!("/{APP_TOKEN_FILE}")) {
        (APP_TOKEN_FILE, false)
    } else if lower.ends_with(&format!("/{LOGIN_FILE}")) {
        (LOGIN_FILE, true)
    } else {
        return None;
    };
    let mut dir_end = path.len() - file.len();
    if lower[..dir_end].ends_with("/api/") {
        dir_end -= "api/".len();
    } else if is_login {
        // `login.do` outside `api/` is some other login page, not the token sample's.
        return None;
    }
    let origin = parsed.origin().ascii_serialization();
    Some((format!("{origin}{}", &path[..dir_end]), is_login))
}

/// `// …` to the end of the line (not the `//` of `http://`), `# …` lines and `/* … */`.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("/*") {
        out.push_str(&rest[..open]);
        rest = match rest[open + 2..].find("*/") {
            Some(close) => &rest[open + 2 + close + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out.lines()
        .map(|line| {
            if line.trim_start().starts_with('#') {
                return "";
            }
            let mut from = 0;
            while let Some(at) = line[from..].find("//") {
                let at = from + at;
                if at > 0 && line.as_bytes()[at - 1] == b':' {
                    from = at + 2;
                    continue;
                }
                return &line[..at];
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `key: value` / `"key": "value"` / `key=value` of the known keys, in order.
fn key_values(text: &str) -> Vec<(Key, String)> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let lower = lower.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let key = boundary
            .then(|| {
                KEYS.iter()
                    .find(|(name, _)| lower[i..].starts_with(name.as_bytes()))
            })
            .flatten();
        let Some((name, key)) = key else {
            i += 1;
            continue;
        };
        let mut j = i + name.len();
        if bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            i += 1;
            continue;
        }
        if matches!(bytes.get(j), Some(b'"' | b'\'')) {
            j += 1;
        }
        j = skip_blank(bytes, j);
        let separator = if text[j..].starts_with('：') {
            Some('：'.len_utf8())
        } else if matches!(bytes.get(j), Some(b':' | b'=')) {
            Some(1)
        } else {
            None
        };
        let Some(separator) = separator else {
            i = j.max(i + 1);
            continue;
        };
        j = skip_blank(bytes, j + separator);
        let (value, next) = value_at(text, j);
        if let Some(value) = value {
            found.push((*key, value));
        }
        i = next.max(i + 1);
    }
    found
}

fn skip_blank(bytes: &[u8], mut j: usize) -> usize {
    while bytes.get(j).is_some_and(|b| *b == b' ' || *b == b'\t') {
        j += 1;
    }
    j
}

/// A quoted string (to its closing quote on the same line) or a bare token.
fn value_at(text: &str, at: usize) -> (Option<String>, usize) {
    let rest = &text[at..];
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '“'));
    if let Some(q) = quote {
        let close = if q == '“' { '”' } else { q };
        let body = &rest[q.len_utf8()..];
        let end = body.find([close, '\n']).unwrap_or(body.len());
        let value = body[..end].trim();
        let next = at + q.len_utf8() + end + 1;
        return (usable(value), next.min(text.len()));
    }
    let end = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '}' | '&' | ';' | ')' | ']' | '，' | '"' | '\'')
        })
        .unwrap_or(rest.len());
    (usable(&rest[..end]), at + end)
}

fn usable(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()
        && !value.eq_ignore_ascii_case("null")
        && !value.eq_ignore_ascii_case("undefined"))
    .then(|| value.to_owned())
}
