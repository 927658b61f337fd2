//! 发票云配置助手 core: every decision the extension makes, as pure Rust.
//!
//! Nothing here touches the DOM or a Chrome API: the content scripts turn the page into plain
//! data (`snapshot`), the service worker hands that data to these functions through the thin
//! `wasm` surface, and applies the answers. See ARCHITECTURE.md for the map.

pub mod badge;
pub mod checklist;
pub mod console;
pub mod credentials;
pub mod fill;
pub mod forms;
pub mod gateway;
pub mod i18n;
pub mod keygen;
pub mod labels;
mod order;
pub mod paste;
pub mod registration;
pub mod secret;
pub mod snapshot;
pub mod standalone;
pub mod status;
pub mod user_language;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
