//! Why a paste gives nothing: one localised error per kind of bad input.

use thiserror::Error;

use crate::console::ConsoleError;
use crate::i18n::{Locale, Localised};
use crate::user_language::UserLanguageError;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasteError {
    #[error("the paste is empty")]
    Empty,
    #[error("the paste is {len} bytes, more than the {max} read")]
    TooLarge { len: usize, max: usize },
    #[error("the paste is binary data, not text")]
    Binary,
    #[error("the paste is none of the known kinds")]
    UnknownShape,
    #[error("the e-mail holds no credentials")]
    NoCredentials,
    #[error("the e-mail's credential labels have no readable values")]
    CredentialsUnreadable,
    #[error("税号 {tax_id} is listed twice with different values")]
    ConflictingTaxId { tax_id: String },
    #[error("tenant ClientID {client_id} is listed twice with different values")]
    ConflictingTenant { client_id: String },
    #[error("not a console address: {0}")]
    Console(ConsoleError),
    #[error("not a getUserLanguage.do body: {0}")]
    UserLanguage(UserLanguageError),
    #[error("the sample's getAppToken.do and login.do are on different consoles")]
    TokenPrefixMismatch { app_token: String, login: String },
    #[error("the sample gives two different values for {key}")]
    TokenConflict { key: &'static str },
    #[error("the sample holds no value")]
    TokenEmpty,
}

impl Localised for PasteError {
    fn message(&self, locale: Locale) -> String {
        use PasteError as E;
        match self {
            E::Empty => locale
                .pick("粘贴框是空的：请粘贴授权邮件、获取token示例、控制台地址或 getUserLanguage.do 的响应", "The paste box is empty: paste an activation e-mail, a 获取token示例, a console address or a getUserLanguage.do response")
                .into(),
            E::TooLarge { len, max } => match locale {
                Locale::ZhCn => format!("粘贴的内容太大（{len} 字节，上限 {max} 字节），没有读取：请只复制授权邮件正文或示例本身"),
                Locale::En => format!("The paste is too large ({len} bytes, limit {max}) and was not read: copy only the e-mail's text or the sample itself"),
            },
            E::Binary => locale
                .pick("粘贴的是二进制数据，不是文字：请从邮件或页面中复制文字", "The paste is binary data, not text: copy the text from the e-mail or the page")
                .into(),
            E::UnknownShape => locale
                .pick(
                    "无法识别粘贴的内容：它不是授权邮件、获取token示例、控制台地址（…/index.html?formId=…）或 getUserLanguage.do 的响应",
                    "The paste is not recognised: it is neither an activation e-mail, a 获取token示例, a console address (…/index.html?formId=…) nor a getUserLanguage.do response",
                )
                .into(),
            E::NoCredentials => locale
                .pick(
                    "这封邮件里没有授权信息（ClientID、ClientSecret、EncryKey）：请粘贴列出企业和租户授权的那封授权邮件/出库邮件",
                    "This e-mail holds no credentials (ClientID, ClientSecret, EncryKey): paste the activation e-mail that lists the enterprise and tenant credentials",
                )
                .into(),
            E::CredentialsUnreadable => locale
                .pick(
                    "邮件里有 ClientID/ClientSecret/EncryKey 的字样，但没有可读的值（被打码、为空或写着“见附件”）：请从原始邮件或附件复制",
                    "The e-mail names ClientID/ClientSecret/EncryKey but gives no readable value (masked, empty or “see attachment”): copy them from the original e-mail or its attachment",
                )
                .into(),
            E::ConflictingTaxId { tax_id } => match locale {
                Locale::ZhCn => format!("税号 {tax_id} 出现了两次，值却不同：无法判断哪个是对的，没有读取。请只粘贴一封邮件，或核对后删去错误的一组"),
                Locale::En => format!("税号 {tax_id} appears twice with different values: which is right cannot be told, so nothing was read. Paste one e-mail only, or remove the wrong entry"),
            },
            E::ConflictingTenant { client_id } => match locale {
                Locale::ZhCn => format!("租户 ClientID {client_id} 出现了两次，密钥却不同：没有读取。请只粘贴一封邮件"),
                Locale::En => format!("Tenant ClientID {client_id} appears twice with different keys: nothing was read. Paste one e-mail only"),
            },
            E::Console(inner) => inner.message(locale),
            E::UserLanguage(inner) => inner.message(locale),
            E::TokenPrefixMismatch { app_token, login } => match locale {
                Locale::ZhCn => format!("获取token示例里的 getAppToken.do（{app_token}）和 login.do（{login}）不在同一个控制台：请复制同一个控制台的示例"),
                Locale::En => format!("The 获取token示例's getAppToken.do ({app_token}) and login.do ({login}) are on different consoles: copy one console's sample"),
            },
            E::TokenConflict { key } => match locale {
                Locale::ZhCn => format!("获取token示例里 {key} 出现了两个不同的值：请复制同一个示例，不要拼接"),
                Locale::En => format!("The 获取token示例 gives two different values for {key}: copy one sample, not pieces of several"),
            },
            E::TokenEmpty => locale
                .pick(
                    "这像是获取token示例，但没有读到任何值（appId、appSecret、accountId…）：请在第三方应用列表点“获取token示例”，复制整段",
                    "This looks like a 获取token示例 but holds no value (appId, appSecret, accountId…): click 获取token示例 in the 第三方应用 list and copy all of it",
                )
                .into(),
        }
    }

    fn code(&self) -> &'static str {
        use PasteError as E;
        match self {
            E::Empty => "paste-empty",
            E::TooLarge { .. } => "paste-too-large",
            E::Binary => "paste-binary",
            E::UnknownShape => "paste-unknown",
            E::NoCredentials => "paste-no-credentials",
            E::CredentialsUnreadable => "paste-credentials-unreadable",
            E::ConflictingTaxId { .. } => "paste-conflicting-tax-id",
            E::ConflictingTenant { .. } => "paste-conflicting-tenant",
            // The inner error's own code is the specific one (`console-missing-form-id`, …).
            E::Console(inner) => inner.code(),
            E::UserLanguage(inner) => inner.code(),
            E::TokenPrefixMismatch { .. } => "token-prefix-mismatch",
            E::TokenConflict { .. } => "token-conflict",
            E::TokenEmpty => "token-empty",
        }
    }
}
