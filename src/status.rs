//! What the popup says about a tab: its console context, its 数据中心 id, and which state it is
//! in (DESIGN.md "Popup": `data-state` is one of `ready`, `waiting`, `not-console`, `no-access`).
//!
//! Precedence, first match wins:
//! 1. the tab's address is unknown (`None`) → `no-access`: the browser hides a tab's address
//!    from the extension exactly when it has no access to that tab (no host grant, and the
//!    popup was not opened from the toolbar on it, which would grant `activeTab`);
//! 2. not a console page → `not-console`, whatever the access: asking for access to a page
//!    that is not a console would be asking for nothing;
//! 3. a console without host access → `no-access` (the context is still shown: it comes from
//!    the address alone; an id remembered from an earlier grant is included too);
//! 4. a console with an observation that serves it → `ready`; what the console itself answered
//!    (`getUserLanguage.do`) wins over a pasted context (a 获取token示例 or a body the user
//!    pasted), which counts only for a console where none was seen;
//! 5. otherwise → `waiting`.

use serde::Serialize;

use crate::console::{ConsoleContext, ConsoleError};
use crate::i18n::{Locale, Localised};
use crate::user_language::{observation_for_console, AccountId, Observation};

/// The popup's `data-state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PopupState {
    Ready,
    Waiting,
    NotConsole,
    NoAccess,
}

impl PopupState {
    /// The `data-state` string.
    pub fn as_str(self) -> &'static str {
        match self {
            PopupState::Ready => "ready",
            PopupState::Waiting => "waiting",
            PopupState::NotConsole => "not-console",
            PopupState::NoAccess => "no-access",
        }
    }
}

/// Everything the popup shows for one tab.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupStatus {
    pub state: PopupState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<ConsoleContext>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// A sentence for the user, in the requested locale.
    pub message: String,
}

/// Decides the popup's state for a tab (see the module docs for the precedence).
pub fn popup_status(
    tab_url: Option<&str>,
    has_access: bool,
    observations: &[Observation],
    locale: Locale,
) -> PopupStatus {
    popup_status_with_pasted(tab_url, has_access, observations, &[], locale)
}

/// [`popup_status`] with the contexts the user pasted for the tab's origin (live ones only: the
/// caller drops expired ones), used only where the console's own answer was not seen.
pub fn popup_status_with_pasted(
    tab_url: Option<&str>,
    has_access: bool,
    observations: &[Observation],
    pasted: &[Observation],
    locale: Locale,
) -> PopupStatus {
    let context = match tab_url.map(ConsoleContext::from_url) {
        None => return unreadable_tab(locale),
        Some(Err(error)) => return not_console(not_console_message(&error, locale)),
        Some(Ok(context)) => context,
    };
    let account_id = account_id_for(&context, observations, pasted);
    let state = match (has_access, &account_id) {
        (false, _) => PopupState::NoAccess,
        (true, Some(_)) => PopupState::Ready,
        (true, None) => PopupState::Waiting,
    };
    PopupStatus {
        state,
        message: state_message(state, locale).to_owned(),
        context: Some(context),
        account_id,
    }
}

/// The console's 数据中心 id: what the console itself answered (`getUserLanguage.do`), else a
/// context the user pasted (live ones only).
pub fn account_id_for(
    context: &ConsoleContext,
    observations: &[Observation],
    pasted: &[Observation],
) -> Option<AccountId> {
    observation_for_console(context, observations)
        .or_else(|| observation_for_console(context, pasted))
        .map(|o| o.account_id.clone())
}

/// The console values a fill of a page at `page_url` receives: its prefix and 数据中心 id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
}

/// [`ConsoleValues`] of the page at `page_url` (none for a page that is no console).
pub fn console_values(
    page_url: &str,
    observations: &[Observation],
    pasted: &[Observation],
) -> ConsoleValues {
    match ConsoleContext::from_url(page_url) {
        Ok(context) => ConsoleValues {
            account_id: account_id_for(&context, observations, pasted),
            prefix: Some(context.prefix),
        },
        Err(_) => ConsoleValues::default(),
    }
}

fn not_console(message: String) -> PopupStatus {
    PopupStatus {
        state: PopupState::NotConsole,
        context: None,
        account_id: None,
        message,
    }
}

/// The tab's address is hidden from us, which the browser does exactly when we have no access.
fn unreadable_tab(locale: Locale) -> PopupStatus {
    PopupStatus {
        state: PopupState::NoAccess,
        context: None,
        account_id: None,
        message: locale
            .pick(
                "助手还没有访问这个标签页的权限，读不到它的地址。如果这是金蝶控制台，请在该页面上点击浏览器工具栏里的助手图标，再允许访问此站点。",
                "The helper has no access to this tab and cannot read its address. If it is a Kingdee console, click the helper's icon in the toolbar on that page, then allow access to this site.",
            )
            .to_owned(),
    }
}

/// Says why this page is not a console, so a person on the login page knows where to go.
fn not_console_message(error: &ConsoleError, locale: Locale) -> String {
    let lead = locale.pick(
        "这不是金蝶控制台页面。",
        "This is not a Kingdee console page. ",
    );
    format!("{lead}{}", error.message(locale))
}

fn state_message(state: PopupState, locale: Locale) -> &'static str {
    match state {
        PopupState::Ready => locale.pick(
            "已读取控制台信息，可复制下面的值。",
            "Console details are ready; copy the values below.",
        ),
        PopupState::Waiting => locale.pick(
            "请重新加载控制台或重新登录，以便助手读取数据中心 id",
            "Reload the console or log in again so the helper can see the 数据中心 id",
        ),
        PopupState::NoAccess => locale.pick(
            "助手还没有访问这个站点的权限。点击“允许访问此站点”，然后重新加载控制台。",
            "The helper has no access to this site yet. Allow access to this site, then reload the console.",
        ),
        // Only reached through `not_console`, which carries its own reason.
        PopupState::NotConsole => locale.pick("这不是金蝶控制台页面。", "This is not a Kingdee console page."),
    }
}
