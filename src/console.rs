//! Console URL → `ConsoleContext`: the prefix every 发票云 setting is built from.
//!
//! Contract (DESIGN.md "Console pages"): a console page is one whose path ends in `index.html`
//! — or is the directory itself, ending in `/` — and that has a `formId` query parameter. The
//! prefix is the origin plus everything before `index.html`, with its trailing `/`.
//!
//! Leniency is on case, exactness is on structure: the scheme and host are normalised by the
//! URL parser, `index.html` and the `formId` parameter name are matched ignoring ASCII case
//! (some servers and proxies rewrite case; a different file name is a different page), but the
//! last segment must be exactly that file or empty, and `formId` must be a real query parameter
//! with a non-empty value (one such is enough). The fragment is ignored: Kingdee's own routing
//! never puts `formId` only there. Anything else is an error, never a guess.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::Url;

use crate::i18n::{Locale, Localised};

pub mod binding;
pub mod loads;
pub mod observations;

/// The file a Kingdee console is served as; also accepted as an empty last segment.
const CONSOLE_FILE: &str = "index.html";
/// The query parameter naming the form a console page shows (`pc_main_console`, …).
const FORM_ID_PARAM: &str = "formId";

/// Where a console lives, and the two endpoints 发票云 needs from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleContext {
    /// `scheme://host[:port]`, lowercase, default port omitted.
    pub origin: String,
    /// The origin plus the directory of `index.html`, ending in `/`.
    pub prefix: String,
    /// `<prefix>api/getAppToken.do`
    pub app_token_url: String,
    /// `<prefix>api/login.do`
    pub login_url: String,
}

/// Why a URL is not a console page.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConsoleError {
    #[error("the address is empty")]
    Empty,
    #[error("the address cannot be read as a URL")]
    Unparseable,
    #[error("scheme `{scheme}` is not http or https")]
    NotHttp { scheme: String },
    #[error("the page is `{file}`, not index.html")]
    NotIndexPage { file: String },
    #[error("the address has no formId parameter")]
    MissingFormId,
    #[error("the formId parameter is empty")]
    EmptyFormId,
}

impl Localised for ConsoleError {
    fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (ConsoleError::Empty, Locale::ZhCn) => "地址为空，不是金蝶控制台页面".into(),
            (ConsoleError::Empty, Locale::En) => "The address is empty: not a Kingdee console page".into(),
            (ConsoleError::Unparseable, Locale::ZhCn) => "无法识别这个地址，不是金蝶控制台页面".into(),
            (ConsoleError::Unparseable, Locale::En) => "This address cannot be read: not a Kingdee console page".into(),
            (ConsoleError::NotHttp { scheme }, Locale::ZhCn) => {
                format!("“{scheme}:” 页面不是金蝶控制台，控制台地址以 http:// 或 https:// 开头")
            }
            (ConsoleError::NotHttp { scheme }, Locale::En) => {
                format!("A “{scheme}:” page is not a Kingdee console: consoles start with http:// or https://")
            }
            (ConsoleError::NotIndexPage { file }, Locale::ZhCn) => {
                format!("当前页面是 {file}，不是控制台：控制台地址形如 …/index.html?formId=…")
            }
            (ConsoleError::NotIndexPage { file }, Locale::En) => {
                format!("This page is {file}, not a console: a console address looks like …/index.html?formId=…")
            }
            (ConsoleError::MissingFormId, Locale::ZhCn) => {
                "地址里没有 formId 参数，不是控制台：控制台地址形如 …/index.html?formId=…".into()
            }
            (ConsoleError::MissingFormId, Locale::En) => {
                "The address has no formId parameter, so it is not a console: a console address looks like …/index.html?formId=…".into()
            }
            (ConsoleError::EmptyFormId, Locale::ZhCn) => "地址里的 formId 参数为空，不是控制台页面".into(),
            (ConsoleError::EmptyFormId, Locale::En) => "The formId parameter is empty: not a console page".into(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ConsoleError::Empty => "console-empty",
            ConsoleError::Unparseable => "console-unparseable",
            ConsoleError::NotHttp { .. } => "console-not-http",
            ConsoleError::NotIndexPage { .. } => "console-not-index-page",
            ConsoleError::MissingFormId => "console-missing-form-id",
            ConsoleError::EmptyFormId => "console-empty-form-id",
        }
    }
}

impl ConsoleContext {
    /// Reads a console page's address (surrounding whitespace ignored).
    pub fn from_url(raw: &str) -> Result<ConsoleContext, ConsoleError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ConsoleError::Empty);
        }
        let url = Url::parse(raw).map_err(|_| ConsoleError::Unparseable)?;
        if !is_http(&url) {
            return Err(ConsoleError::NotHttp {
                scheme: url.scheme().to_owned(),
            });
        }
        let dir = console_dir(url.path())?;
        if !has_form_id(&url)? {
            return Err(ConsoleError::MissingFormId);
        }
        let origin = url.origin().ascii_serialization();
        let prefix = format!("{origin}{dir}");
        Ok(ConsoleContext {
            app_token_url: format!("{prefix}api/getAppToken.do"),
            login_url: format!("{prefix}api/login.do"),
            origin,
            prefix,
        })
    }

    /// The path part of the prefix (`/ierp/`), to match requests and pages of this console.
    pub fn prefix_path(&self) -> &str {
        match self.prefix.strip_prefix(self.origin.as_str()) {
            Some(path) if path.starts_with('/') => path,
            _ => "/",
        }
    }
}

/// Whether `origin` (`scheme://host[:port]`) is plain `http:` on a host that is not this
/// machine: what a page there receives crosses the network unencrypted. Loopback (127.0.0.0/8,
/// ::1, `localhost` and its subdomains) never leaves the machine.
pub fn is_insecure_origin(origin: &str) -> bool {
    let Ok(url) = Url::parse(origin.trim()) else {
        return false;
    };
    if url.scheme() != "http" {
        return false;
    }
    match url.host() {
        Some(url::Host::Ipv4(ip)) => !ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => !ip.is_loopback(),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            !(name == "localhost" || name.ends_with(".localhost"))
        }
        None => false,
    }
}

/// Only web pages can be consoles; `url` lowercases the scheme.
pub(crate) fn is_http(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// The directory of a console page's path (with its trailing `/`), or why it is not one.
fn console_dir(path: &str) -> Result<&str, ConsoleError> {
    // `url` always gives http(s) URLs a path starting with `/`.
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    let (dir, file) = path.split_at(cut);
    if file.is_empty() || file.eq_ignore_ascii_case(CONSOLE_FILE) {
        Ok(if dir.is_empty() { "/" } else { dir })
    } else {
        // Shown in the popup: keep a long (or hostile) file name to a readable length.
        Err(ConsoleError::NotIndexPage {
            file: file.chars().take(80).collect(),
        })
    }
}

/// Whether a `formId` query parameter (name matched ignoring ASCII case) has a value; present
/// but blank everywhere is its own error, so the user learns what is wrong with the address.
fn has_form_id(url: &Url) -> Result<bool, ConsoleError> {
    let mut seen_blank = false;
    for (name, value) in url.query_pairs() {
        if name.eq_ignore_ascii_case(FORM_ID_PARAM) {
            if !value.trim().is_empty() {
                return Ok(true);
            }
            seen_blank = true;
        }
    }
    if seen_blank {
        Err(ConsoleError::EmptyFormId)
    } else {
        Ok(false)
    }
}
