//! Which environment a mail states for itself.
//!
//! Three strong statements: an `环境：` line (or a table's 环境 column), the subject (a
//! `主题：` line or the paste's first line), and the piaozone endpoint the mail gives
//! (`https://api.piaozone.com` = prod, `https://api-dev.piaozone.com/test` = test). If they
//! agree, that is the environment; if they disagree, it is `unknown` (a wrong guess would fill
//! prod credentials next to a test URL). Only without any of them do prose lines count, and
//! then only phrases naming one environment (`测试环境`), never a line naming both, and never
//! when different lines name different ones. 演示 and 沙箱 are test.

use super::lines::Line;
use super::Environment;

/// Statements gathered while reading a mail.
#[derive(Default)]
pub(crate) struct Statements {
    strong: Vec<Environment>,
    prose: Vec<Environment>,
    endpoints: Vec<(Environment, String)>,
}

impl Statements {
    /// An `环境：` value, a 环境 column cell or a `主题：` value: any environment word counts.
    pub fn stated(&mut self, value: &str) {
        if let Some(env) = classify(value, false) {
            self.strong.push(env);
        }
    }

    /// The paste's first line, read like a subject but only by whole phrases (`测试环境`).
    pub fn subject_line(&mut self, text: &str) {
        if let Some(env) = classify(&without_urls(text), true) {
            self.strong.push(env);
        }
    }

    /// Any other line: its piaozone endpoints, and (weakly) its phrases.
    pub fn prose(&mut self, line: &Line) {
        let text: String = line.chars.iter().collect();
        for url in urls(&text) {
            if let Some(env) = endpoint_environment(&url) {
                self.endpoints.push((env, url));
            }
        }
        if let Some(env) = classify(&without_urls(&text), true) {
            self.prose.push(env);
        }
    }

    /// The decision, and the endpoint URL the mail gives for it.
    pub fn decide(&self) -> (Environment, Option<String>) {
        let mut strong = self.strong.clone();
        if let Some(env) = agreed(self.endpoints.iter().map(|(e, _)| *e)) {
            strong.push(env);
        }
        let env = if strong.is_empty() {
            agreed(self.prose.iter().copied()).unwrap_or_default()
        } else {
            agreed(strong.into_iter()).unwrap_or_default()
        };
        let url = self
            .endpoints
            .iter()
            .find(|(e, _)| *e == env && env != Environment::Unknown)
            .map(|(_, url)| url.clone());
        (env, url)
    }
}

fn agreed(mut envs: impl Iterator<Item = Environment>) -> Option<Environment> {
    let first = envs.next()?;
    envs.all(|e| e == first).then_some(first)
}

const PROD_PHRASES: &[&str] = &[
    "正式环境",
    "生产环境",
    "线上环境",
    "正式版",
    "正式订单",
    "【正式】",
    "【生产】",
    "（正式）",
    "（生产）",
    "[正式]",
    "(正式)",
    "production environment",
    "prod environment",
];
const TEST_PHRASES: &[&str] = &[
    "测试环境",
    "演示环境",
    "沙箱",
    "体验环境",
    "开发环境",
    "测试订单",
    "【测试】",
    "【演示】",
    "（测试）",
    "（演示）",
    "[测试]",
    "(测试)",
    "test environment",
    "sandbox",
    "demo environment",
];
const PROD_WORDS: &[&str] = &["正式", "生产", "线上", "prod", "production", "live"];
const TEST_WORDS: &[&str] = &[
    "测试", "演示", "沙箱", "体验", "test", "dev", "sandbox", "demo", "uat", "sit", "staging",
];

/// One environment named (and not the other), or `None`.
fn classify(text: &str, phrases_only: bool) -> Option<Environment> {
    let lower = text.to_lowercase();
    let (prod, test) = if phrases_only {
        (
            PROD_PHRASES.iter().any(|p| lower.contains(p)),
            TEST_PHRASES.iter().any(|p| lower.contains(p)),
        )
    } else {
        (names(&lower, PROD_WORDS), names(&lower, TEST_WORDS))
    };
    match (prod, test) {
        (true, false) => Some(Environment::Prod),
        (false, true) => Some(Environment::Test),
        _ => None,
    }
}

/// Chinese words anywhere; ASCII words as whole words (`test`, not `latest`).
fn names(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        if w.is_ascii() {
            lower
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|token| token == *w)
        } else {
            lower.contains(w)
        }
    })
}

/// The http(s) URLs in a text, each up to whitespace, CJK or closing punctuation.
pub(crate) fn urls(text: &str) -> Vec<String> {
    url_ranges(text)
        .into_iter()
        .map(|(start, end)| text[start..end].to_owned())
        .collect()
}

/// Byte ranges of the URLs in `text`, in order, not overlapping.
fn url_ranges(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower[from..].find("http") {
        let start = from + rel;
        let rest = &lower[start..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let len = text[start..]
                .find(|c: char| {
                    c.is_whitespace()
                        || !c.is_ascii()
                        || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']' | '`' | ',' | ';')
                })
                .unwrap_or(text.len() - start);
            let url = text[start..start + len].trim_end_matches(['.', ',', ':', ';']);
            found.push((start, start + url.len()));
            from = start + len.max(1);
        } else {
            from = start + 4;
        }
    }
    found
}

fn without_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in url_ranges(text) {
        out.push_str(&text[at..start]);
        out.push(' ');
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// `https://api.piaozone.com[/]` → prod; `https://api-dev.piaozone.com/test[/]` → test. Any
/// other piaozone address (a download, the docs, the image service) states nothing.
pub(crate) fn endpoint_environment(url: &str) -> Option<Environment> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let path = parsed.path().trim_end_matches('/');
    match (host, path) {
        ("api.piaozone.com", "") => Some(Environment::Prod),
        ("api-dev.piaozone.com", "/test") => Some(Environment::Test),
        _ => None,
    }
}
