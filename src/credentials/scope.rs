//! Whose credentials: a console's (origin + prefix), or for a page that is no console (the
//! 影像系统) its whole origin.

use serde::{Deserialize, Serialize};

use super::CredentialsError;
use crate::console::ConsoleContext;
use crate::secret::SecretScope;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialScope {
    pub origin: String,
    /// The console prefix; `None` for a page that is no console (the scope is its origin).
    #[serde(default)]
    pub prefix: Option<String>,
}

impl CredentialScope {
    /// The scope of the page at `page_url` (the browser's word for the tab or the requester).
    pub fn of_page(page_url: &str) -> Result<CredentialScope, CredentialsError> {
        if let Ok(console) = ConsoleContext::from_url(page_url) {
            return Ok(CredentialScope {
                origin: console.origin,
                prefix: Some(console.prefix),
            });
        }
        // Only http(s) pages have an origin to bind to.
        let page = SecretScope::of_page(page_url).map_err(|_| CredentialsError::NoConsole)?;
        Ok(CredentialScope {
            origin: page.origin,
            prefix: None,
        })
    }

    /// The console named by a prefix (`https://host/ierp/`), as a 获取token示例 gives it.
    pub fn of_prefix(prefix: &str) -> Option<(CredentialScope, ConsoleContext)> {
        let prefix = prefix.trim();
        if !prefix.ends_with('/') {
            return None;
        }
        let console =
            ConsoleContext::from_url(&format!("{prefix}index.html?formId=pc_main_console")).ok()?;
        (console.prefix == prefix).then(|| {
            (
                CredentialScope {
                    origin: console.origin.clone(),
                    prefix: Some(console.prefix.clone()),
                },
                console,
            )
        })
    }

    /// The prefix, or the origin for a page that is no console: distinct, since a prefix always
    /// ends in `/` and an origin never does.
    pub fn key(&self) -> &str {
        self.prefix.as_deref().unwrap_or(&self.origin)
    }

    /// The `chrome.storage.session` key of this scope's credentials.
    pub fn storage_key(&self) -> String {
        format!("{}{}", super::STORAGE_PREFIX, self.key())
    }

    /// Whether a record of `self` counts as the requester's own: the same scope, or an
    /// origin-wide one (pasted on a page of the origin that is no console, such as its login
    /// page) for a console of that origin.
    pub fn serves(&self, requester: &CredentialScope) -> bool {
        self == requester || (self.prefix.is_none() && self.origin == requester.origin)
    }
}
