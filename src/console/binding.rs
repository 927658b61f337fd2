//! Which console a document may act for: the one of the address it loaded with (recorded by
//! the worker from the browser's `sender.url` when our content script said hello at
//! `document_start`, before any page script ran), never one it moved onto afterwards with
//! `history.replaceState`; and for a frame, its tab's console only when the frame is of the
//! tab's origin (a frame of another origin gets no console context at all).
//!
//! What this cannot stop: every page of the console's origin can script the console itself
//! (same-origin policy), so scoping by prefix keeps other paths from being *treated as* the
//! console, not from reaching into it.

use thiserror::Error;
use url::Url;

use super::ConsoleContext;
use crate::i18n::{Locale, Localised};
use crate::secret::SecretScope;

/// One document as the browser describes it.
#[derive(Debug, Clone, Copy)]
pub struct SeenDocument<'a> {
    /// Its address now (`sender.tab.url` for a top page, `sender.url` for a frame).
    pub url: &'a str,
    /// The address it loaded with; `None` when the worker never heard its hello.
    pub load_url: Option<&'a str>,
}

/// Who is asking: the sending frame, and its tab's top document when the sender is a frame.
#[derive(Debug, Clone, Copy)]
pub struct Requester<'a> {
    /// `sender.origin` (an `about:blank` frame reports its creator's).
    pub frame_origin: &'a str,
    pub frame: SeenDocument<'a>,
    /// `None` when the sender is the top frame itself.
    pub top: Option<SeenDocument<'a>>,
}

/// The page a requester acts for: its address, the scope its secrets belong to, and its console
/// (`None` for a page that is no console, which still has a scope for its secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub page_url: String,
    pub scope: SecretScope,
    pub console: Option<ConsoleContext>,
}

/// Why a requester gets no console context.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlaceError {
    #[error("the requesting page is not a web page")]
    NotWebPage,
    #[error("the requesting frame is not of its tab's origin")]
    FrameOfOtherOrigin,
    #[error("the page's load address is unknown")]
    Unbound,
    #[error("the page moved from {loaded} onto {claimed}")]
    Moved { loaded: String, claimed: String },
}

impl Localised for PlaceError {
    fn message(&self, locale: Locale) -> String {
        match self {
            PlaceError::NotWebPage => locale
                .pick("这个页面不是网页控制台", "This is not a web console page")
                .into(),
            PlaceError::FrameOfOtherOrigin => locale
                .pick(
                    "这个表单位于来自其他站点的框架中：助手不会把控制台的信息或密钥给它",
                    "This form sits in a frame from another site: the helper gives it none of the console's values or secrets",
                )
                .into(),
            PlaceError::Unbound => locale
                .pick(
                    "助手不知道这个页面是从哪个地址加载的：请重新加载页面",
                    "The helper does not know which address this page loaded from: reload the page",
                )
                .into(),
            PlaceError::Moved { loaded, claimed } => match locale {
                Locale::ZhCn => format!(
                    "这个页面从 {loaded} 加载，之后把地址改成了 {claimed}：助手不会把那个控制台的信息或密钥给它"
                ),
                Locale::En => format!(
                    "This page loaded from {loaded} and then changed its address to {claimed}: the helper gives it none of that console's values or secrets"
                ),
            },
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PlaceError::NotWebPage => "place-not-web-page",
            PlaceError::FrameOfOtherOrigin => "place-frame-other-origin",
            PlaceError::Unbound => "place-unbound",
            PlaceError::Moved { .. } => "place-moved",
        }
    }
}

impl PlaceError {
    /// The release policy's refusal code a fill row shows for a secret withheld for this reason.
    pub fn secret_refusal_code(&self) -> &'static str {
        match self {
            PlaceError::FrameOfOtherOrigin => "secret-frame-other-origin",
            PlaceError::NotWebPage => "secret-not-web-page",
            PlaceError::Unbound | PlaceError::Moved { .. } => "secret-page-moved",
        }
    }
}

/// Decides the page `requester` acts for (see the module docs).
pub fn place_of(requester: &Requester<'_>) -> Result<Place, PlaceError> {
    let frame_origin = web_origin(requester.frame_origin).ok_or(PlaceError::NotWebPage)?;
    let document = match &requester.top {
        None => &requester.frame,
        Some(top) => {
            let top_origin = Url::parse(top.url.trim())
                .ok()
                .filter(|url| matches!(url.scheme(), "http" | "https"))
                .map(|url| url.origin().ascii_serialization())
                .ok_or(PlaceError::NotWebPage)?;
            if top_origin != frame_origin {
                return Err(PlaceError::FrameOfOtherOrigin);
            }
            // A same-origin frame works for its tab's console (a tab's form in a frame with a
            // non-console address); a console framed by a non-console page works for itself.
            let is_console = |url: &str| ConsoleContext::from_url(url).is_ok();
            if !is_console(top.url) && is_console(requester.frame.url) {
                &requester.frame
            } else {
                top
            }
        }
    };
    let place = bound(document)?;
    if place.scope.origin != frame_origin {
        return Err(PlaceError::FrameOfOtherOrigin);
    }
    Ok(place)
}

/// The document's page, when its address now is still in the scope it loaded with: a console
/// changing its own formId or hash stays; a page moving onto another prefix does not.
fn bound(document: &SeenDocument<'_>) -> Result<Place, PlaceError> {
    let claimed = SecretScope::of_page(document.url).map_err(|_| PlaceError::NotWebPage)?;
    let load_url = document.load_url.ok_or(PlaceError::Unbound)?;
    let loaded = SecretScope::of_page(load_url).map_err(|_| PlaceError::Unbound)?;
    if loaded != claimed {
        return Err(PlaceError::Moved {
            loaded: loaded.prefix,
            claimed: claimed.prefix,
        });
    }
    Ok(Place {
        page_url: document.url.trim().to_owned(),
        console: ConsoleContext::from_url(document.url).ok(),
        scope: claimed,
    })
}

/// `scheme://host[:port]` of an http(s) origin; `None` for opaque ones (`null`, `data:`).
fn web_origin(origin: &str) -> Option<String> {
    let url = Url::parse(origin.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.origin().ascii_serialization())
}
