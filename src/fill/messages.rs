//! Why a field ended as it did: a stable code per reason, the outcome it maps to, and the
//! sentence the bar shows (zh_CN first). No message ever quotes a value the page or the user
//! holds; the only text quoted is a spec's own constant code (`invoiceupload`).

use super::{Outcome, Withheld};
use crate::forms::{CredentialKind, CredentialLevel, SecretKind, ValidationError};
use crate::i18n::{Locale, Localised};

/// The reason behind a field's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Filled,
    Restored,
    Unchanged,
    /// Undo: the fill did not change this field, so there is nothing to restore.
    Untouched,
    Conflict,
    /// A choice (是否使用原授权) already made on the page, differently: left alone, and why the
    /// usual choice is the helper's. Code `conflict`.
    ChoiceConflict {
        field: &'static str,
        wanted: &'static str,
    },
    NoPrefix,
    NoAccountId,
    NoSecret(SecretKind),
    /// The worker holds the secret but its policy withheld it from this fill.
    Withheld(SecretKind, Withheld),
    /// Nothing pasted yet for this value (the 授权邮件 in the popup, and the enterprise chosen).
    NoCredential(CredentialKind),
    /// The pasted credentials are held, but the mail did not say which environment they are
    /// for: the url is the user's choice. Code `user-input`.
    UnknownEnvironment,
    /// The worker holds the credential but its policy withheld it (another console, expired…).
    CredentialWithheld(CredentialKind, Withheld),
    /// A credential of the other level than the form takes (a tenant's in an enterprise form,
    /// or the reverse): never filled. Code `invalid-value`.
    WrongLevel(CredentialLevel),
    UserInput,
    InvalidValue(ValidationError),
    NotFound,
    Disabled,
    ReadOnly,
    /// The snapshot listed the control's options and none is the wanted one.
    NoMatchingOption {
        code: Option<&'static str>,
    },
    /// The executor saw no options appear after typing.
    NoOptions,
    /// Options appeared, none carrying the code exactly.
    NoMatch {
        code: Option<&'static str>,
    },
    Timeout,
    ControlMissing,
    DidNotStick,
    NoResult,
    ExecutorError,
    /// Undo cannot bring back a state the page held (e.g. no radio was chosen before).
    CannotRestore,
    /// A secret's field is not a real `<input>`/`<textarea>` (a contenteditable, a custom widget):
    /// the page could read or keep anything typed there, so no secret goes in.
    NotSecretInput,
}

impl Reason {
    /// The bar's `data-outcome` for this reason.
    pub fn outcome(&self) -> Outcome {
        match self {
            Reason::Filled | Reason::Restored => Outcome::Filled,
            Reason::Unchanged | Reason::Untouched => Outcome::Unchanged,
            Reason::Conflict | Reason::ChoiceConflict { .. } => Outcome::Conflict,
            Reason::NoPrefix
            | Reason::NoAccountId
            | Reason::NoSecret(_)
            | Reason::Withheld(..)
            | Reason::NoCredential(_)
            | Reason::UnknownEnvironment
            | Reason::CredentialWithheld(..)
            | Reason::WrongLevel(_)
            | Reason::UserInput
            | Reason::InvalidValue(_) => Outcome::NoValue,
            Reason::NotFound => Outcome::NotFound,
            Reason::Disabled
            | Reason::ReadOnly
            | Reason::NoMatchingOption { .. }
            | Reason::NoOptions
            | Reason::NoMatch { .. }
            | Reason::Timeout
            | Reason::ControlMissing
            | Reason::DidNotStick
            | Reason::NoResult
            | Reason::ExecutorError
            | Reason::CannotRestore
            | Reason::NotSecretInput => Outcome::Failed,
        }
    }

    /// Reads an executor's error code (`content/execute.js`); unknown codes are generic.
    pub fn from_executor(error: Option<&str>) -> Reason {
        match error.map(str::trim) {
            Some("not-found") => Reason::ControlMissing,
            Some("disabled") => Reason::Disabled,
            Some("read-only") => Reason::ReadOnly,
            Some("no-options") => Reason::NoOptions,
            Some("no-match") => Reason::NoMatch { code: None },
            Some("timeout") => Reason::Timeout,
            _ => Reason::ExecutorError,
        }
    }
}

impl Localised for Reason {
    fn message(&self, locale: Locale) -> String {
        let with_code = |zh: &str, en: &str, code: &Option<&'static str>| match code {
            Some(code) => locale.pick(zh, en).replace("{code}", code),
            None => locale
                .pick(zh, en)
                .replace("{code}", locale.pick("所需", "the required")),
        };
        match self {
            Reason::Filled => locale.pick("已填入。", "Filled.").to_string(),
            Reason::Restored => locale.pick("已恢复为填充前的值。", "Restored to what it held before.").to_string(),
            Reason::Unchanged => locale.pick("页面上已是正确的值，未改动。", "Already holds the right value; not touched.").to_string(),
            Reason::Untouched => locale.pick("填充时未改动此项，无需恢复。", "The fill did not change this field; nothing to restore.").to_string(),
            Reason::Conflict => locale
                .pick(
                    "页面已有不同的值，未覆盖。确认无误后可点“覆盖”。",
                    "Holds a different value; left alone. Choose Overwrite if you are sure.",
                )
                .to_string(),
            Reason::NoPrefix => locale
                .pick("还不知道控制台地址前缀：请在控制台页面中使用助手。", "The console prefix is not known yet: use the helper on the console page.")
                .to_string(),
            Reason::NoAccountId => locale
                .pick(
                    "还没有数据中心 id：请重新登录或刷新控制台，让助手看到 getUserLanguage.do。",
                    "No 数据中心 id yet: log in again or reload the console so the helper can see getUserLanguage.do.",
                )
                .to_string(),
            Reason::NoSecret(SecretKind::AccessTokenKey) => locale
                .pick(
                    "还没有第三方应用密码：请先在第三方应用的 AccessToken认证 中生成密钥。",
                    "No third-party app key yet: generate one in the app's AccessToken认证 dialog first.",
                )
                .to_string(),
            Reason::NoSecret(SecretKind::Gateway) => locale
                .pick(
                    "还没有网关（x-acgw-identity）：请先在第三方应用详情中查看认证凭证，再点“记住网关”。",
                    "No gateway (x-acgw-identity) yet: reveal 认证凭证 in the app's details, then choose Remember gateway.",
                )
                .to_string(),
            Reason::Withheld(kind, why) => withheld_message(*kind, *why, locale),
            Reason::ChoiceConflict { field, wanted } => choice_conflict_message(field, wanted, locale),
            Reason::NoCredential(kind) => no_credential_message(*kind, locale),
            Reason::UnknownEnvironment => locale
                .pick(
                    "授权邮件没有写明是正式环境还是测试环境，助手不替您选择 url：正式环境填 https://api.piaozone.com，测试环境填 https://api-dev.piaozone.com/test，须与授权信息的环境一致。",
                    "The activation e-mail does not say whether it is for production or test, so the helper does not choose the url: production is https://api.piaozone.com, test is https://api-dev.piaozone.com/test; it must match the credentials' environment.",
                )
                .to_string(),
            Reason::CredentialWithheld(kind, why) => credential_withheld_message(*kind, *why, locale),
            Reason::WrongLevel(CredentialLevel::Enterprise) => locale
                .pick(
                    "此表单只填企业级授权信息，助手不会把租户级授权（TN_ 开头）填到这里。",
                    "This form takes enterprise-level credentials only; the helper never puts tenant-level ones (TN_…) here.",
                )
                .to_string(),
            Reason::WrongLevel(CredentialLevel::Tenant) => locale
                .pick(
                    "此表单只填租户级授权信息（授权账号以 TN_ 开头），助手不会把企业级授权填到这里。",
                    "This form takes tenant-level credentials only (the ClientID starts with TN_); the helper never puts enterprise-level ones here.",
                )
                .to_string(),
            Reason::UserInput => locale.pick("此项需要您自己填写。", "Only you know this value; fill it in yourself.").to_string(),
            Reason::InvalidValue(error) => format!(
                "{}{}",
                locale.pick("助手持有的值不符合此项要求，未填入：", "The helper's value does not fit this field, so it was not filled: "),
                error.message(locale)
            ),
            Reason::NotFound => locale.pick("页面上没有找到此项。", "Not found on this page.").to_string(),
            Reason::Disabled => locale.pick("此项已禁用，无法填写。", "This field is disabled; it cannot be filled.").to_string(),
            Reason::ReadOnly => locale.pick("此项只读，无法填写。", "This field is read-only; it cannot be filled.").to_string(),
            Reason::NoMatchingOption { code } => with_code(
                "没有与 {code} 完全一致的选项。",
                "No option matches {code} exactly.",
                code,
            ),
            Reason::NoOptions => locale
                .pick("输入后没有出现可选项：请检查此项是否可选，或稍后重试。", "No options appeared after typing: check the field, or try again.")
                .to_string(),
            Reason::NoMatch { code } => with_code(
                "下拉中没有编码完全为 {code} 的选项：若是第三方应用，请先在第三方应用列表点“同步应用”。",
                "No option carries exactly {code}: for the third-party app, use 同步应用 in the app list first.",
                code,
            ),
            Reason::Timeout => locale.pick("等待页面响应超时。", "Timed out waiting for the page.").to_string(),
            Reason::ControlMissing => locale
                .pick("填写时此项已不在页面上（页面可能已刷新）。", "The field was gone when filling (the page may have re-rendered).")
                .to_string(),
            Reason::DidNotStick => locale
                .pick("填入后页面没有保留这个值。", "The page did not keep the value.")
                .to_string(),
            Reason::NoResult => locale.pick("没有收到此项的执行结果。", "No result came back for this field.").to_string(),
            Reason::ExecutorError => locale.pick("填写此项时出错。", "Something went wrong filling this field.").to_string(),
            Reason::CannotRestore => locale
                .pick("无法恢复此项原来的状态，请手动检查。", "Cannot bring back this field's earlier state; check it by hand.")
                .to_string(),
            Reason::NotSecretInput => locale
                .pick(
                    "这一项不是普通的输入框，助手不会把密钥填进去：请自己在控制台的输入框中输入。",
                    "This field is not a plain input box: the helper never puts a secret there. Type it into the console's input box yourself.",
                )
                .to_string(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Reason::Filled => "filled",
            Reason::Restored => "restored",
            Reason::Unchanged => "unchanged",
            Reason::Untouched => "untouched",
            Reason::Conflict | Reason::ChoiceConflict { .. } => "conflict",
            Reason::NoPrefix => "no-prefix",
            Reason::NoAccountId => "no-account-id",
            Reason::NoSecret(SecretKind::AccessTokenKey) => "no-access-token-key",
            Reason::NoSecret(SecretKind::Gateway) => "no-gateway",
            Reason::Withheld(_, Withheld::OtherConsole) => "secret-other-console",
            Reason::Withheld(_, Withheld::Expired) => "secret-expired",
            Reason::Withheld(_, Withheld::FrameFromOtherOrigin) => "secret-frame-other-origin",
            Reason::Withheld(_, Withheld::NotWebPage) => "secret-not-web-page",
            Reason::Withheld(_, Withheld::PageMoved) => "secret-page-moved",
            Reason::Withheld(_, Withheld::InsecureConsole) => "secret-insecure-console",
            Reason::NoCredential(_) => "no-credential",
            Reason::UnknownEnvironment => "user-input",
            Reason::CredentialWithheld(_, why) => why.code(),
            Reason::WrongLevel(_) => "invalid-value",
            Reason::UserInput => "user-input",
            Reason::InvalidValue(_) => "invalid-value",
            Reason::NotFound => "not-found",
            Reason::Disabled => "disabled",
            Reason::ReadOnly => "read-only",
            Reason::NoMatchingOption { .. } => "no-matching-option",
            Reason::NoOptions => "no-options",
            Reason::NoMatch { .. } => "no-match",
            Reason::Timeout => "timeout",
            Reason::ControlMissing => "control-missing",
            Reason::DidNotStick => "did-not-stick",
            Reason::NoResult => "no-result",
            Reason::ExecutorError => "executor-error",
            Reason::CannotRestore => "cannot-restore",
            Reason::NotSecretInput => "secret-not-input",
        }
    }
}

/// Why a choice on the page was left alone, and what the usual one means.
fn choice_conflict_message(field: &str, wanted: &str, locale: Locale) -> String {
    match (field, locale) {
        ("是否使用原授权", Locale::ZhCn) => "页面上已选择了其他选项，助手未改动。新用户一般选“否”（任选一个企业的授权即可用于整个租户）；选“是”时，需在费报的“发票云配置”中为每个企业分别配置授权。确认要改为“否”请点“覆盖”。".to_string(),
        ("是否使用原授权", Locale::En) => "Another choice is already made here; the helper left it alone. New customers usually choose 否 (no): one enterprise's credentials then serve the whole tenant; 是 (yes) needs each enterprise's credentials in 费报's 发票云配置. Choose Overwrite to switch to 否.".to_string(),
        (_, Locale::ZhCn) => format!("页面上已选择了其他选项，助手未改动（通常应为“{wanted}”）。确认要改请点“覆盖”。"),
        (_, Locale::En) => format!("Another choice is already made here; the helper left it alone (usually {wanted}). Choose Overwrite to change it."),
    }
}

/// What to paste for a value the helper does not hold yet.
fn no_credential_message(kind: CredentialKind, locale: Locale) -> String {
    let (zh, en) = match kind.level() {
        Some(CredentialLevel::Tenant) => (
            "还没有租户级授权信息（授权账号以 TN_ 开头）：请在扩展弹出窗口中粘贴含租户授权的授权邮件，再点填充。",
            "No tenant-level credentials yet (the ClientID starts with TN_): paste the activation e-mail (授权邮件) holding them in the extension's popup, then fill again.",
        ),
        _ if kind == CredentialKind::EnvironmentUrl => (
            "还不知道发票云环境：请在扩展弹出窗口中粘贴授权邮件，再点填充。",
            "The 发票云 environment is not known yet: paste the activation e-mail (授权邮件) in the extension's popup, then fill again.",
        ),
        _ => (
            "还没有企业的授权信息：请在扩展弹出窗口中粘贴授权邮件并选择企业，再点填充。",
            "No enterprise credentials yet: paste the activation e-mail (授权邮件) in the extension's popup and choose the enterprise, then fill again.",
        ),
    };
    locale.pick(zh, en).to_string()
}

/// What the bar says about a pasted credential the worker withheld: why, and what to do.
fn credential_withheld_message(kind: CredentialKind, why: Withheld, locale: Locale) -> String {
    let (zh, en) = match kind.level() {
        Some(CredentialLevel::Tenant) => ("租户授权信息", "The tenant's credentials"),
        _ => ("授权信息", "The pasted credentials"),
    };
    match (why, locale) {
        (Withheld::OtherConsole, Locale::ZhCn) => format!("{zh}是在另一个控制台粘贴的：请在扩展弹出窗口中确认后再点填充。"),
        (Withheld::OtherConsole, Locale::En) => format!("{en} were pasted for another console: confirm in the extension's popup, then fill again."),
        (Withheld::Expired, Locale::ZhCn) => format!("{zh}已过期并已被忘记：请在扩展弹出窗口中重新粘贴授权邮件。"),
        (Withheld::Expired, Locale::En) => format!("{en} expired and were forgotten: paste the activation e-mail in the popup again."),
        (Withheld::InsecureConsole, Locale::ZhCn) => {
            format!("注意：这个控制台使用不加密的 http:// 地址，{zh}会以明文经过网络。请在扩展弹出窗口中确认后再点填充。")
        }
        (Withheld::InsecureConsole, Locale::En) => format!(
            "Warning: this console uses plain http://, so {} would cross the network unencrypted. Confirm in the extension's popup, then fill again.",
            en.to_lowercase()
        ),
        (Withheld::FrameFromOtherOrigin, Locale::ZhCn) => format!("此表单位于来自其他站点的框架中，不会填入{zh}。"),
        (Withheld::FrameFromOtherOrigin, Locale::En) => {
            format!("This form sits in a frame from another site: {} are not filled there.", en.to_lowercase())
        }
        (Withheld::NotWebPage, Locale::ZhCn) => format!("这个页面不是网页控制台，不会填入{zh}。"),
        (Withheld::NotWebPage, Locale::En) => format!("This is not a web console page: {} are not filled here.", en.to_lowercase()),
        (Withheld::PageMoved, Locale::ZhCn) => format!("这个页面改过自己的地址，已不是它加载时的控制台，不会填入{zh}：请直接打开控制台。"),
        (Withheld::PageMoved, Locale::En) => format!(
            "This page changed its address away from the one it loaded with: {} are not filled here. Open the console itself.",
            en.to_lowercase()
        ),
    }
}

/// What the bar says about a secret the worker withheld: which, why, and what to do. Never
/// which console it came from beyond "another" (the popup shows that), never the value.
fn withheld_message(kind: SecretKind, why: Withheld, locale: Locale) -> String {
    let (zh, en) = match kind {
        SecretKind::AccessTokenKey => ("第三方应用密码", "The third-party app key"),
        SecretKind::Gateway => ("网关（x-acgw-identity）", "The gateway (x-acgw-identity)"),
    };
    match (why, locale) {
        (Withheld::OtherConsole, Locale::ZhCn) => format!("{zh}属于另一个控制台：请在扩展弹出窗口中确认后再点填充。"),
        (Withheld::OtherConsole, Locale::En) => {
            format!("{en} is held for another console: confirm in the extension's popup, then fill again.")
        }
        (Withheld::Expired, Locale::ZhCn) => format!("{zh}已过期并已被忘记：请重新生成或记住后再填充。"),
        (Withheld::Expired, Locale::En) => format!("{en} expired and was forgotten: generate or remember it again, then fill."),
        (Withheld::FrameFromOtherOrigin, Locale::ZhCn) => {
            format!("此表单位于来自其他站点的框架中，不会填入{zh}。")
        }
        (Withheld::FrameFromOtherOrigin, Locale::En) => {
            format!("This form sits in a frame from another site: {} is not filled there.", en.to_lowercase())
        }
        (Withheld::NotWebPage, Locale::ZhCn) => format!("这个页面不是网页控制台，不会填入{zh}。"),
        (Withheld::NotWebPage, Locale::En) => {
            format!("This is not a web console page: {} is not filled here.", en.to_lowercase())
        }
        (Withheld::InsecureConsole, Locale::ZhCn) => {
            format!("注意：这个控制台使用不加密的 http:// 地址，{zh}会以明文经过网络。请在扩展弹出窗口中确认后再点填充。")
        }
        (Withheld::InsecureConsole, Locale::En) => format!(
            "Warning: this console uses plain http://, so {} would cross the network unencrypted. Confirm in the extension's popup, then fill again.",
            en.to_lowercase()
        ),
        (Withheld::PageMoved, Locale::ZhCn) => {
            format!("这个页面改过自己的地址，已不是它加载时的控制台，不会填入{zh}：请直接打开控制台。")
        }
        (Withheld::PageMoved, Locale::En) => format!(
            "This page changed its address away from the one it loaded with: {} is not filled here. Open the console itself.",
            en.to_lowercase()
        ),
    }
}
