//! The console a secret belongs to: origin + prefix, read from the address of the page that
//! produced or requests it (never from anything the page says about itself).

use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::Url;

use crate::console::ConsoleContext;

/// Origin plus path prefix. For a console page (DESIGN.md "Console pages") this is exactly the
/// console's prefix; for any other web page the directory of its path, by the same rule, so a
/// form the helper recognises outside `index.html?formId=…` still binds its secrets narrowly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretScope {
    pub origin: String,
    pub prefix: String,
}

/// Why a page cannot own or receive a secret.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScopeError {
    #[error("the page address is not an http(s) URL")]
    NotWebPage,
}

impl SecretScope {
    /// The scope of the page at `page_url` (the browser's `sender.url` / `sender.tab.url`).
    pub fn of_page(page_url: &str) -> Result<SecretScope, ScopeError> {
        if let Ok(console) = ConsoleContext::from_url(page_url) {
            return Ok(SecretScope {
                origin: console.origin,
                prefix: console.prefix,
            });
        }
        let url = Url::parse(page_url.trim()).map_err(|_| ScopeError::NotWebPage)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ScopeError::NotWebPage);
        }
        let origin = url.origin().ascii_serialization();
        let path = url.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        Ok(SecretScope {
            prefix: format!("{origin}{dir}"),
            origin,
        })
    }

    /// The `chrome.storage.session` key of this scope's secret of `kind`.
    pub fn storage_key(&self, kind: super::SecretKind) -> String {
        format!("secret:{}:{}", kind.code(), self.prefix)
    }
}
