//! Who sent a runtime message, by the browser's word (`sender`), never by the message's.
//! Only this extension can message the worker at all; these tell its pages from its
//! content scripts, so a content script (which a hostile page could drive) cannot ask for
//! what only the popup may see.

const EXTENSION_ORIGIN = new URL(chrome.runtime.getURL('')).origin;

/** The popup, side panel, options or another page of this extension. */
export function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && sender.origin === EXTENSION_ORIGIN
    && typeof sender.url === 'string' && sender.url.startsWith(`${EXTENSION_ORIGIN}/`);
}

/** One of our content scripts in a web page's frame. */
export function fromContentScript(sender) {
  return sender.id === chrome.runtime.id && sender.tab !== undefined
    && typeof sender.frameId === 'number' && typeof sender.url === 'string'
    && /^https?:/i.test(sender.url);
}
