//! When the service worker may hand a held secret to a content script (DESIGN.md security
//! model): only for a trusted click, on a form that takes that secret, in the field that takes
//! it, before it expires, to a frame of the same origin as its top page, on the console it came
//! from — or on another console the user confirmed in the popup.
//!
//! Every input here comes from the browser (`sender.url`, `sender.origin`, `sender.tab.url`) or
//! from the worker's own recognition; nothing is taken from what a page claims. The policy never
//! sees the value: it decides on [`SecretMeta`] alone.

use thiserror::Error;
use url::Url;

use super::{SecretKind, SecretMeta, SecretScope};
use crate::console::is_insecure_origin;
use crate::i18n::{Locale, Localised};

/// Who is asking, as the browser and the worker know it.
#[derive(Debug, Clone, Copy)]
pub struct ReleaseRequest<'a> {
    /// The form the worker's recognition found in the requesting frame.
    pub form: &'a str,
    /// The requesting frame's origin (`sender.origin`; for `about:blank` frames the inherited one).
    pub frame_origin: &'a str,
    /// The address of the tab's top page (`sender.tab.url`): its console is the requester's.
    pub top_url: &'a str,
    /// The content script saw an `isTrusted` click on the bar's button.
    pub trusted_click: bool,
    pub now_ms: u64,
}

/// Why a secret was not handed out. Messages name the kind and consoles, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error("not a trusted click")]
    UntrustedClick,
    #[error("form does not take this secret")]
    FormTakesNoSecret { kind: SecretKind },
    #[error("no secret of this kind is held")]
    NotHeld { kind: SecretKind },
    #[error("the secret has expired")]
    Expired { kind: SecretKind },
    #[error("the requesting page is not a web page")]
    NotWebPage,
    #[error("the requesting frame is not of its top page's origin")]
    FrameFromOtherOrigin,
    #[error("the secret belongs to another console")]
    OtherConsole {
        kind: SecretKind,
        secret_prefix: String,
    },
    #[error("the console is on plain http and the user has not confirmed it")]
    InsecureConsole { kind: SecretKind },
}

impl Localised for Refusal {
    fn message(&self, locale: Locale) -> String {
        match self {
            Refusal::UntrustedClick => locale
                .pick("只有您亲手点击才会填入密钥", "Secrets are filled only when you click yourself")
                .into(),
            Refusal::FormTakesNoSecret { kind } => match locale {
                Locale::ZhCn => format!("这个表单不需要{}", kind.name(locale)),
                Locale::En => format!("This form does not take the {}", kind.name(locale)),
            },
            Refusal::NotHeld { kind } => match locale {
                Locale::ZhCn => format!("还没有记住{}：请先在第三方应用页面生成或记住它", kind.name(locale)),
                Locale::En => format!("No {} is held yet: generate or remember it on the 第三方应用 page first", kind.name(locale)),
            },
            Refusal::Expired { kind } => match locale {
                Locale::ZhCn => format!("{}已过期，已被忘记：请重新生成或记住", kind.name(locale)),
                Locale::En => format!("The {} expired and was forgotten: generate or remember it again", kind.name(locale)),
            },
            Refusal::NotWebPage => locale
                .pick("这个页面不是网页控制台，不会填入密钥", "This is not a web console page: no secret is filled here")
                .into(),
            Refusal::FrameFromOtherOrigin => locale
                .pick(
                    "这个表单位于来自其他站点的框架中，不会填入密钥",
                    "This form sits in a frame from another site: no secret is filled there",
                )
                .into(),
            Refusal::InsecureConsole { kind } => match locale {
                Locale::ZhCn => format!(
                    "这个控制台使用不加密的 http:// 地址，{}会以明文经过网络：请在扩展弹出窗口中确认后再填充",
                    kind.name(locale)
                ),
                Locale::En => format!(
                    "This console uses plain http://, so the {} would cross the network unencrypted: confirm in the extension's popup, then fill again",
                    kind.name(locale)
                ),
            },
            Refusal::OtherConsole { kind, secret_prefix } => match locale {
                Locale::ZhCn => format!(
                    "{}来自另一个控制台（{secret_prefix}）：请在扩展弹出窗口中确认后再填充",
                    kind.name(locale)
                ),
                Locale::En => format!(
                    "The {} came from another console ({secret_prefix}): confirm in the extension's popup, then fill again",
                    kind.name(locale)
                ),
            },
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Refusal::UntrustedClick => "secret-untrusted-click",
            Refusal::FormTakesNoSecret { .. } => "secret-form-takes-none",
            Refusal::NotHeld { .. } => "secret-not-held",
            Refusal::Expired { .. } => "secret-expired",
            Refusal::NotWebPage => "secret-not-web-page",
            Refusal::FrameFromOtherOrigin => "secret-frame-other-origin",
            Refusal::OtherConsole { .. } => "secret-other-console",
            Refusal::InsecureConsole { .. } => "secret-insecure-console",
        }
    }
}

/// Decides whether the secret of `kind` described by `held` may go to `request`; on yes, the
/// one field of the requesting form it may be filled into.
pub fn may_release(
    kind: SecretKind,
    held: Option<&SecretMeta>,
    request: &ReleaseRequest<'_>,
) -> Result<&'static str, Refusal> {
    if !request.trusted_click {
        return Err(Refusal::UntrustedClick);
    }
    let field = kind
        .field_in(request.form)
        .ok_or(Refusal::FormTakesNoSecret { kind })?;
    let held = match held {
        Some(meta) if meta.kind == kind => meta,
        _ => return Err(Refusal::NotHeld { kind }),
    };
    if held.lifetime().is_expired(request.now_ms) {
        return Err(Refusal::Expired { kind });
    }
    let requester = SecretScope::of_page(request.top_url).map_err(|_| Refusal::NotWebPage)?;
    if normalised_origin(request.frame_origin).as_deref() != Some(requester.origin.as_str()) {
        return Err(Refusal::FrameFromOtherOrigin);
    }
    let same_console = held.origin == requester.origin && held.prefix == requester.prefix;
    if !same_console && !held.allowed_prefixes.contains(&requester.prefix) {
        return Err(Refusal::OtherConsole {
            kind,
            secret_prefix: held.prefix.clone(),
        });
    }
    // Plain http off this machine: the user is warned in the popup and confirms first.
    if is_insecure_origin(&requester.origin) && !held.insecure_allowed.contains(&requester.prefix) {
        return Err(Refusal::InsecureConsole { kind });
    }
    Ok(field)
}

/// What the popup's confirmation for a plain-http console grants: the tab's console prefix,
/// when that console is insecure (`None`: nothing to confirm).
pub fn insecure_console_grant(tab_url: &str) -> Option<String> {
    let tab = SecretScope::of_page(tab_url).ok()?;
    is_insecure_origin(&tab.origin).then_some(tab.prefix)
}

/// Whether a control may receive a secret: only a real `<input>` that takes text (a password
/// box above all) or a `<textarea>`. A contenteditable element, a custom widget or a checkbox is
/// markup the page draws itself and may copy anywhere; the user types a secret there by hand.
/// A snapshot without a tag (hand-built ones; the collector always sends it) is judged by the
/// executor, which refuses a secret step into anything but an input or textarea as well.
pub fn is_secret_input(tag: &str, input_type: &str) -> bool {
    let tag = tag.trim();
    if tag.is_empty() || tag.eq_ignore_ascii_case("textarea") {
        return true;
    }
    if !tag.eq_ignore_ascii_case("input") {
        return false;
    }
    let kind = input_type.trim();
    ["", "text", "password", "search", "url", "email", "tel"]
        .iter()
        .any(|t| kind.eq_ignore_ascii_case(t))
}

/// The console a secret captured or generated by a frame belongs to: its top page's, and only
/// when the frame is of that same origin (a frame of another site inside a console neither
/// plants nor receives secrets there).
pub fn remember_scope(frame_origin: &str, top_url: &str) -> Result<SecretScope, Refusal> {
    let scope = SecretScope::of_page(top_url).map_err(|_| Refusal::NotWebPage)?;
    if normalised_origin(frame_origin).as_deref() == Some(scope.origin.as_str()) {
        Ok(scope)
    } else {
        Err(Refusal::FrameFromOtherOrigin)
    }
}

/// What the popup's confirmation grants: the console prefix of the tab at `tab_url`, when it
/// is another console than the secret's own (`None`: nothing to confirm, or not a web page).
pub fn cross_console_grant(held: &SecretMeta, tab_url: &str) -> Option<String> {
    let tab = SecretScope::of_page(tab_url).ok()?;
    (tab.prefix != held.prefix).then_some(tab.prefix)
}

/// `scheme://host[:port]` as the URL parser writes it; `None` for opaque origins (`null`,
/// sandboxed frames, `data:`), which never receive a secret.
fn normalised_origin(origin: &str) -> Option<String> {
    let url = Url::parse(origin.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    Some(url.origin().ascii_serialization())
}
