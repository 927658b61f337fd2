//! Whatever the user pastes into the paste box → what it holds, and which kind of text it was.
//!
//! One entry point, [`read_paste`], takes a 授权邮件 / 出库邮件, a 获取token示例, a console URL
//! or a `getUserLanguage.do` body. The text is hostile or just messy: it is size-capped before
//! any work, binary junk is refused, and every reader is a single pass over lines (no regex, no
//! backtracking), so any input up to the cap answers quickly. A paste either reads as one kind,
//! with what could not be read listed per enterprise, or is a specific [`PasteError`]: nothing
//! half-parsed comes back as if it were right. A mail thread that also holds a 获取token示例 is
//! a mail carrying the sample's `token` and `context` (see `with_mail`).

mod environment;
mod error;
mod groups;
mod labels;
mod lines;
mod mail;
mod problems;
mod table;
mod token_sample;
mod values;

use crate::console::ConsoleContext;
use crate::i18n::Locale;
use crate::secret::Secret;
use crate::user_language::{self, AccountId};

pub use error::PasteError;
pub use problems::{Problem, ProblemKind};
pub use token_sample::TokenSample;

/// Largest paste read, in UTF-8 bytes. A real mail with a hundred enterprises is ~50 KB.
pub const MAX_PASTE_BYTES: usize = 1024 * 1024;

/// Which kind of text the paste was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteKind {
    Mail,
    TokenSample,
    ConsoleUrl,
    UserLanguage,
}

impl PasteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PasteKind::Mail => "mail",
            PasteKind::TokenSample => "token-sample",
            PasteKind::ConsoleUrl => "console-url",
            PasteKind::UserLanguage => "user-language",
        }
    }
}

/// The 发票云 environment a mail's credentials belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    Prod,
    Test,
    #[default]
    Unknown,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Prod => "prod",
            Environment::Test => "test",
            Environment::Unknown => "unknown",
        }
    }
}

/// A value of an enterprise or tenant, by the name the JS shape gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialField {
    Name,
    TaxId,
    ClientId,
    ClientSecret,
    EncryptKey,
}

impl CredentialField {
    pub const ALL: [CredentialField; 5] = [
        CredentialField::Name,
        CredentialField::TaxId,
        CredentialField::ClientId,
        CredentialField::ClientSecret,
        CredentialField::EncryptKey,
    ];

    /// The camelCase name used in the JS shape (`missing`, `problems[].field`).
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialField::Name => "name",
            CredentialField::TaxId => "taxId",
            CredentialField::ClientId => "clientId",
            CredentialField::ClientSecret => "clientSecret",
            CredentialField::EncryptKey => "encryptKey",
        }
    }

    /// How the mails call it, for messages.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            CredentialField::Name => locale.pick("企业名称", "company name"),
            CredentialField::TaxId => locale.pick("税号", "税号 (tax id)"),
            CredentialField::ClientId => "ClientID",
            CredentialField::ClientSecret => "ClientSecret",
            CredentialField::EncryptKey => "EncryKey",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Why a value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    /// No label for it near the enterprise's other values.
    NotFound,
    /// Its label is there with nothing after it.
    Empty,
    /// Shown masked (`****`), as some forwarded mails and screenshots-to-text do.
    Masked,
    /// Something is there, but not a value of that kind (`见附件`, `xxxx`, Chinese text).
    Unreadable,
}

impl MissingReason {
    pub fn code(self) -> &'static str {
        match self {
            MissingReason::NotFound => "not-found",
            MissingReason::Empty => "empty",
            MissingReason::Masked => "masked",
            MissingReason::Unreadable => "unreadable",
        }
    }
}

/// One value an enterprise or tenant lacks, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    pub field: CredentialField,
    pub reason: MissingReason,
}

impl Missing {
    /// A sentence saying which value is missing, why, and what to do.
    pub fn message(&self, locale: Locale) -> String {
        let label = self.field.label(locale);
        match (self.reason, locale) {
            (MissingReason::NotFound, Locale::ZhCn) => {
                format!("没有找到{label}：粘贴的文字里这一组没有它，请把授权邮件中这一部分完整复制过来")
            }
            (MissingReason::NotFound, Locale::En) => format!(
                "No {label} found: this entry of the pasted text has none; copy this part of the activation e-mail whole"
            ),
            (MissingReason::Empty, Locale::ZhCn) => format!("{label} 后面是空的：请从原邮件复制它的值"),
            (MissingReason::Empty, Locale::En) => {
                format!("{label} is empty after its label: copy its value from the original e-mail")
            }
            (MissingReason::Masked, Locale::ZhCn) => {
                format!("{label} 被打码（****）显示：请从原始授权邮件复制完整的值")
            }
            (MissingReason::Masked, Locale::En) => {
                format!("{label} is masked (****): copy the full value from the original activation e-mail")
            }
            (MissingReason::Unreadable, Locale::ZhCn) => {
                format!("{label} 的内容不像一个值（可能是“见附件”之类的说明）：请粘贴实际的值")
            }
            (MissingReason::Unreadable, Locale::En) => format!(
                "What follows {label} is not a value (perhaps a note such as “see attachment”): paste the actual value"
            ),
        }
    }
}

/// An enterprise (税号) of a mail with its enterprise-level credentials.
#[derive(Debug)]
pub struct Enterprise {
    /// As written in the mail (exact: 发票云 matches it); empty when missing.
    pub name: String,
    /// As written in the mail; empty when missing.
    pub tax_id: String,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub encrypt_key: Option<Secret>,
    /// In [`CredentialField::ALL`] order.
    pub missing: Vec<Missing>,
}

/// A tenant (租户) of a mail: its credentials are the `TN_` ones, for 维护租户授权信息 only.
#[derive(Debug)]
pub struct Tenant {
    pub name: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub encrypt_key: Option<Secret>,
    /// Only the three credentials are ever listed: a tenant's name is optional.
    pub missing: Vec<Missing>,
}

/// What a paste says about a console: its URLs (console URL, 获取token示例) and/or its
/// 数据中心 id (`getUserLanguage.do` body, 获取token示例).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteContext {
    pub console: Option<ConsoleContext>,
    pub account_id: Option<AccountId>,
}

/// Everything a paste held.
#[derive(Debug)]
pub struct Paste {
    pub kind: PasteKind,
    pub environment: Environment,
    /// The piaozone endpoint the mail gives for its environment, as written.
    pub environment_url: Option<String>,
    pub enterprises: Vec<Enterprise>,
    pub tenants: Vec<Tenant>,
    pub context: Option<PasteContext>,
    pub token: Option<TokenSample>,
    pub problems: Vec<Problem>,
}

impl Paste {
    fn of_kind(kind: PasteKind) -> Paste {
        Paste {
            kind,
            environment: Environment::Unknown,
            environment_url: None,
            enterprises: Vec::new(),
            tenants: Vec::new(),
            context: None,
            token: None,
            problems: Vec::new(),
        }
    }
}

/// Reads any paste. See the module docs; the error says, localised, why a paste gives nothing.
pub fn read_paste(text: &str) -> Result<Paste, PasteError> {
    // First and cheapest: nothing below runs on an oversized paste.
    if text.len() > MAX_PASTE_BYTES {
        return Err(PasteError::TooLarge {
            len: text.len(),
            max: MAX_PASTE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if looks_binary(text) {
        return Err(PasteError::Binary);
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(PasteError::Empty);
    }
    if is_single_url(trimmed) {
        return read_url(trimmed);
    }
    if token_sample::looks_like(trimmed) {
        return with_mail(token_sample::read(trimmed), text);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let account_id =
            user_language::extract_account_id(trimmed).map_err(PasteError::UserLanguage)?;
        let mut paste = Paste::of_kind(PasteKind::UserLanguage);
        paste.context = Some(PasteContext {
            console: None,
            account_id: Some(account_id),
        });
        return Ok(paste);
    }
    match mail::read(text) {
        // A getUserLanguage.do answer copied from devtools' Preview (`accountId: "…"` lines,
        // not JSON) is still that answer.
        Err(PasteError::UnknownShape) => match token_sample::account_id_only(trimmed) {
            Some(account_id) => {
                let mut paste = Paste::of_kind(PasteKind::UserLanguage);
                paste.context = Some(PasteContext {
                    console: None,
                    account_id: Some(account_id),
                });
                Ok(paste)
            }
            None => Err(PasteError::UnknownShape),
        },
        other => other,
    }
}

/// A 获取token示例 that may stand in a 授权邮件 (a whole mail thread pasted): when the text also
/// reads as a mail, the answer is that mail (kind `mail`) carrying the sample's `token`,
/// `context` and problems too, so neither the enterprises nor the app values are dropped. A
/// part that is wrong (two consoles, two accountIds; one 税号 with two ClientIDs) is still
/// refused whole, as alone; a sample holding nothing (a mail that merely links a `login.do`)
/// leaves the mail as it is.
fn with_mail(token: Result<Paste, PasteError>, text: &str) -> Result<Paste, PasteError> {
    let token = match token {
        Err(PasteError::TokenEmpty) => None,
        Err(e) => return Err(e),
        Ok(token) => Some(token),
    };
    match (mail::read(text), token) {
        (Ok(mut paste), Some(token)) => {
            paste.token = token.token;
            paste.context = token.context;
            paste.problems.extend(token.problems);
            Ok(paste)
        }
        (Ok(paste), None) => Ok(paste),
        // The mail part names one enterprise or tenant twice, differently: refused as alone.
        (
            Err(e @ (PasteError::ConflictingTaxId { .. } | PasteError::ConflictingTenant { .. })),
            _,
        ) => Err(e),
        (Err(_), Some(token)) => Ok(token),
        (Err(_), None) => Err(PasteError::TokenEmpty),
    }
}

/// A lone URL: a console page, or a getAppToken.do / login.do address (a token sample's part).
fn read_url(url: &str) -> Result<Paste, PasteError> {
    if token_sample::is_token_endpoint(url) {
        return token_sample::read(url);
    }
    let console = ConsoleContext::from_url(url).map_err(PasteError::Console)?;
    let mut paste = Paste::of_kind(PasteKind::ConsoleUrl);
    paste.context = Some(PasteContext {
        console: Some(console),
        account_id: None,
    });
    Ok(paste)
}

fn is_single_url(text: &str) -> bool {
    !text.contains(char::is_whitespace) && {
        let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    }
}

/// Text pasted from a binary file: NULs, or more control characters and U+FFFD (what a lone
/// surrogate or invalid byte becomes) than any mail has.
fn looks_binary(text: &str) -> bool {
    let mut odd = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{fffd}' {
            odd += 1;
        }
    }
    odd >= 8 && odd * 100 >= total
}
