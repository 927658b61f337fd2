//! Why a paste holds nothing, or a choice or copy cannot be made.

use thiserror::Error;

use crate::i18n::{Locale, Localised};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CredentialsError {
    /// A mail's credentials belong to the console of the popup's tab; this tab is no web page.
    #[error("the tab is not a web page")]
    NoConsole,
    /// The browser hides the tab's address: the helper has no access to that site yet.
    #[error("the tab's address is unknown")]
    TabUnknown,
    /// A 获取token示例 whose prefix is not a console address.
    #[error("the token sample names no console")]
    TokenWithoutConsole,
    /// The paste read fine but holds nothing the helper keeps (no credentials, no context).
    #[error("nothing to hold")]
    NothingToHold,
    #[error("no such enterprise")]
    NoSuchEnterprise,
    #[error("nothing held")]
    NothingHeld,
    #[error("unknown value")]
    UnknownValue,
    #[error("held for another console")]
    OtherConsole { scope: String },
}

impl Localised for CredentialsError {
    fn message(&self, locale: Locale) -> String {
        match self {
            CredentialsError::NoConsole => locale
                .pick(
                    "请在控制台（或影像系统）的标签页上打开助手再粘贴：粘贴的内容属于该页面所在的控制台",
                    "Open the helper on the console's (or the image system's) tab, then paste: what you paste is kept for that tab's console",
                )
                .into(),
            CredentialsError::TabUnknown => locale
                .pick(
                    "助手还读不到这个标签页的地址：请先点击“允许访问此站点”，再粘贴",
                    "The helper cannot read this tab's address yet: allow access to this site, then paste again",
                )
                .into(),
            CredentialsError::TokenWithoutConsole => locale
                .pick(
                    "这段获取token示例里没有可识别的控制台地址（前缀）",
                    "This 获取token示例 holds no console address (prefix) the helper recognises",
                )
                .into(),
            CredentialsError::NothingToHold => locale
                .pick(
                    "读到了内容，但其中没有需要助手保存的授权信息",
                    "The text was read, but it holds no credentials for the helper to keep",
                )
                .into(),
            CredentialsError::NoSuchEnterprise => locale
                .pick("粘贴的内容里没有这个税号的企业", "No enterprise with this 税号 was pasted")
                .into(),
            CredentialsError::NothingHeld => locale
                .pick("还没有保存这个值：请先粘贴授权邮件", "This value is not held: paste the activation e-mail first")
                .into(),
            CredentialsError::UnknownValue => locale.pick("未知的值", "Unknown value").into(),
            CredentialsError::OtherConsole { scope } => match locale {
                Locale::ZhCn => format!("这些授权信息属于另一个控制台（{scope}）：请先确认"),
                Locale::En => format!("These credentials belong to another console ({scope}): confirm first"),
            },
        }
    }

    fn code(&self) -> &'static str {
        match self {
            CredentialsError::NoConsole => "paste-no-console",
            CredentialsError::TabUnknown => "paste-tab-unknown",
            CredentialsError::TokenWithoutConsole => "paste-token-no-console",
            CredentialsError::NothingToHold => "paste-nothing-to-hold",
            CredentialsError::NoSuchEnterprise => "credential-no-such-enterprise",
            CredentialsError::NothingHeld => "credential-not-held",
            CredentialsError::UnknownValue => "credential-unknown-value",
            CredentialsError::OtherConsole { .. } => "secret-other-console",
        }
    }
}
