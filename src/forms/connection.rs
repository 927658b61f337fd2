//! What the console's own 连接测试 answer means (DOMAIN.md "Connection-test errors → cause"):
//! the text of a toast, message box or dialog the page showed after the user clicked 连接测试
//! → the cause and its fix. The helper never calls the service itself; it only reads the words
//! the console put on the page.
//!
//! The content script watches for new text only while an answer is awaited, and knows nothing
//! of these words: it sends what appeared, with the hints that tell a message box from other
//! page text (role, aria-live, class names), and the table below decides.

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Localised};

/// Button texts that start a 连接测试 (compared without whitespace, case-insensitively).
pub const TEST_BUTTON_LABELS: &[&str] = &[
    "连接测试",
    "测试连接",
    "Test connection",
    "Connection test",
    "Test the connection",
];

/// Forms whose console page has 连接测试 (spec ids): the bar that shows the answer is one of these.
pub const FORMS_WITH_TEST: &[&str] = &[
    "invoice-cloud-auth",
    "tenant-auth",
    "expense-invoice-cloud",
    "image-enterprise-auth",
];

/// How long after the click an answer is awaited (ms): the console's timeout for an unreachable
/// service is a few seconds; later text is no answer of this click.
pub const WATCH_MS: u32 = 15_000;

/// Texts longer than this are page content, not a message.
const MAX_MESSAGE_CHARS: usize = 500;

/// Why a 连接测试 ended as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConnectionCause {
    Ok,
    /// The service refused the id or signature: credentials of the other environment than the
    /// url, or the tenant's where the enterprise's belong (or the reverse).
    Credentials,
    /// The server could not reach the url: whitelist, proxy, network.
    Network,
    /// 无特性分组: the 发票云授权配置 or the licence is missing (费报/应付: its 发票云配置).
    NoFeature,
    Unknown,
}

/// Words of each answer, lowercase, without whitespace; the first row whose word the message
/// contains decides. A refusal of the id or signature comes before a generic failure: "与发票云
/// 建立连接失败：非法的客户id" is the service answering, not an unreachable network.
const CAUSES: &[(ConnectionCause, &[&str])] = &[
    (
        ConnectionCause::NoFeature,
        &["无特性分组", "特性分组", "nofeaturegroup", "featuregroup"],
    ),
    (
        ConnectionCause::Credentials,
        &[
            "非法的客户id",
            "非法客户id",
            "签名认证不通过",
            "签名验证不通过",
            "签名校验失败",
            "签名错误",
            "应用id不能为空",
            "客户id不能为空",
            "clientid不能为空",
            "基础授权信息有误",
            "授权信息有误",
            "授权信息错误",
            "illegalclient",
            "invalidclient",
            "clientidisempty",
            "signature",
            "unauthorized",
        ],
    ),
    (
        ConnectionCause::Network,
        &[
            "建立连接失败",
            "连接超时",
            "请求超时",
            "超时",
            "无法连接",
            "连接被拒绝",
            "网络异常",
            "网络不通",
            "无法访问",
            "timedout",
            "timeout",
            "cannotconnect",
            "couldnotconnect",
            "unabletoconnect",
            "connectionrefused",
            "unknownhost",
            "unreachable",
            "noroutetohost",
            "connectexception",
        ],
    ),
    (
        ConnectionCause::Ok,
        &[
            "连接成功",
            "测试成功",
            "连接测试成功",
            "连接正常",
            "测试通过",
            "connectionsuccessful",
            "connectedsuccessfully",
            "connectionsucceeded",
            "testsucceeded",
            "testsuccessful",
        ],
    ),
];

/// Words of a message that is not the answer yet (a spinner's text).
const PENDING: &[&str] = &[
    "正在",
    "测试中",
    "连接中",
    "请稍候",
    "loading",
    "testing",
    "connecting",
];

/// Class-name words of a message box, toast or dialog (KDesign `kd-message-box`, Element
/// `el-message`, antd `ant-notification`, …): with role or aria-live, what tells the console's
/// answer from other page text when its words are in no table.
const MESSAGE_HINTS: &[&str] = &[
    "message", "toast", "notif", "notice", "alert", "modal", "dialog", "tips", "popup", "snackbar",
];

/// Roles of a message.
const MESSAGE_ROLES: &[&str] = &["alert", "alertdialog", "status", "dialog", "log"];

fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The cause a message's words name, or `None` when they name none.
pub fn classify(text: &str) -> Option<ConnectionCause> {
    let key = key(text);
    CAUSES
        .iter()
        .find(|(_, words)| words.iter().any(|w| key.contains(w)))
        .map(|(cause, _)| *cause)
}

/// Whether a clicked button's text is one that starts a 连接测试.
pub fn is_test_button(text: &str) -> bool {
    let key = key(text);
    !key.is_empty() && TEST_BUTTON_LABELS.iter().any(|l| self::key(l) == key)
}

/// Text that appeared on the page while an answer was awaited, as the content script saw it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageMessage {
    pub text: String,
    /// `role` of the element or its nearest ancestors.
    pub role: String,
    /// `aria-live` of the element or its nearest ancestors.
    pub live: String,
    /// Class names of the element and its nearest ancestors.
    pub classes: String,
}

impl PageMessage {
    fn looks_like_message(&self) -> bool {
        let role = self.role.to_ascii_lowercase();
        let classes = self.classes.to_ascii_lowercase();
        role.split_whitespace().any(|r| MESSAGE_ROLES.contains(&r))
            || matches!(
                self.live.trim().to_ascii_lowercase().as_str(),
                "polite" | "assertive"
            )
            || MESSAGE_HINTS.iter().any(|h| classes.contains(h))
    }
}

/// The console's answer to a 连接测试, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionAnswer {
    pub cause: ConnectionCause,
    /// The cause and the fix, in the user's language.
    pub message: String,
}

/// The answer among texts that appeared after a 连接测试 click (in page order; the last answer
/// wins): a text naming a cause, or an unrecognised one in a message box (`unknown`). Text that
/// is neither, the button's own label or a spinner's words are no answer.
pub fn read_answer(messages: &[PageMessage], locale: Locale) -> Option<ConnectionAnswer> {
    messages[..messages.len().min(50)]
        .iter()
        .rev()
        .find_map(|m| {
            let text = m.text.trim();
            if text.is_empty() || text.chars().count() > MAX_MESSAGE_CHARS || is_test_button(text) {
                return None;
            }
            if let Some(cause) = classify(text) {
                return Some(cause);
            }
            let key = key(text);
            if PENDING.iter().any(|p| key.contains(p)) {
                return None;
            }
            m.looks_like_message().then_some(ConnectionCause::Unknown)
        })
        .map(|cause| ConnectionAnswer {
            cause,
            message: cause.message(locale),
        })
}

impl Localised for ConnectionCause {
    fn message(&self, locale: Locale) -> String {
        let (zh, en) = match self {
            ConnectionCause::Ok => (
                "连接测试通过：url 与授权信息匹配。别忘了保存。",
                "Connection test passed: the url and the credentials match. Remember to save.",
            ),
            ConnectionCause::Credentials => (
                "发票云拒绝了授权信息：url 与授权信息不是同一环境，或填了租户级授权。正式环境 url（https://api.piaozone.com）配正式环境的授权，测试环境 url（https://api-dev.piaozone.com/test）配测试环境的授权；此处填企业级授权（ClientID 不以 TN_ 开头，租户级只填在「维护租户授权信息」），并检查 ID 和密钥中没有空格。",
                "发票云 refused the credentials: the url and the credentials are of different environments, or tenant-level credentials were used. Production url (https://api.piaozone.com) with production credentials, test url (https://api-dev.piaozone.com/test) with test credentials; use the enterprise-level credentials here (a ClientID not starting with TN_; tenant ones go only into 维护租户授权信息), and check ids and keys for spaces.",
            ),
            ConnectionCause::Network => (
                "服务器连不上发票云：请在服务器上检查能否访问 url；内网部署请把发票云域名（api.piaozone.com / api-dev.piaozone.com）加入白名单；需要代理时在「代理」填 ip:端口，不需要时留空。",
                "The server cannot reach 发票云: check from the server that the url is reachable; on an intranet, add the 发票云 domains (api.piaozone.com / api-dev.piaozone.com) to the whitelist; set 代理 to ip:port when a proxy is needed, leave it empty otherwise.",
            ),
            ConnectionCause::NoFeature => (
                "无特性分组：缺少发票云授权配置或许可授权（许可授权）。请先填好并保存「发票云授权配置」，确认已导入许可；费报/应付请填写本模块的「发票云配置」。",
                "无特性分组 (no feature group): the 发票云授权配置 or the licence (许可授权) is missing. Fill and save 发票云授权配置 first and check the licence is imported; for 费报/应付, fill the module's own 发票云配置.",
            ),
            ConnectionCause::Unknown => (
                "没能识别连接测试的结果：请看控制台提示的原文；常见原因是 url 与授权信息的环境不一致、填了租户级授权、或服务器连不上发票云。",
                "The 连接测试 answer was not recognised: read the console's message; the usual causes are a url and credentials of different environments, tenant-level credentials, or a server that cannot reach 发票云.",
            ),
        };
        locale.pick(zh, en).to_string()
    }

    fn code(&self) -> &'static str {
        match self {
            ConnectionCause::Ok => "ok",
            ConnectionCause::Credentials => "credentials",
            ConnectionCause::Network => "network",
            ConnectionCause::NoFeature => "no-feature",
            ConnectionCause::Unknown => "unknown",
        }
    }
}

/// What the content script needs to watch for an answer: the button texts, the forms with
/// 连接测试, how long to wait.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchSetup {
    /// [`TEST_BUTTON_LABELS`] as the content script compares them: lowercase, no whitespace.
    pub buttons: Vec<String>,
    pub forms: &'static [&'static str],
    pub watch_ms: u32,
}

pub fn watch_setup() -> WatchSetup {
    WatchSetup {
        buttons: TEST_BUTTON_LABELS.iter().map(|l| key(l)).collect(),
        forms: FORMS_WITH_TEST,
        watch_ms: WATCH_MS,
    }
}
