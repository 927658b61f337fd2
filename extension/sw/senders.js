//! Who sent a runtime message, by the browser's word (`sender`), never by the message's.
//! Only this extension can message the worker at all; these tell its pages from its
//! content scripts, so a content script (which a hostile page could drive) cannot ask for
//! what only the popup may see.

import { senderRefused } from './shared.js';

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

/**
 * One of our content scripts in any frame of a tab: a web page, or a frame a console builds
 * with a script (about:blank, srcdoc), which holds forms too and whose origin the browser still
 * reports as `sender.origin`. What it may have is decided from the browser's addresses, never
 * from the frame's.
 */
export function fromOurFrame(sender) {
  return fromContentScript(sender) || (sender.id === chrome.runtime.id && sender.tab !== undefined
    && typeof sender.frameId === 'number' && /^about:(blank|srcdoc)$/i.test(String(sender.url ?? '')));
}

/**
 * The sending frame's origin by the browser's word (`'null'` for sandboxed frames stays
 * `'null'`: they get nothing); only a browser too old to say falls back to an http(s) frame's
 * own URL.
 */
export function frameOriginOf(sender) {
  if (typeof sender.origin === 'string') return sender.origin;
  if (/^https?:/i.test(String(sender.url ?? ''))) return new URL(sender.url).origin;
  return 'null';
}

/** Throws (the route replies with its code) unless an extension page sent the message. */
export function requireExtensionPage(sender) {
  if (!fromExtensionPage(sender)) throw senderRefused('not-extension-page', 'worker_not_extension_page');
}

/** Throws unless one of our content scripts sent it, from any frame of a tab. */
export function requireOurFrame(sender) {
  if (!fromOurFrame(sender)) throw senderRefused('not-content-script', 'worker_not_content_script');
}

/**
 * The address of the page one of our content scripts runs in, by the browser's word: the
 * frame's own http(s) URL; for an about:blank or srcdoc frame (pages borrow one to get an
 * unwrapped `fetch`), which inherits its creator's origin, the tab's address when it has that
 * same origin. Anything else has no page address we could trust: null.
 */
export function pageUrlOf(sender) {
  const ours = sender.id === chrome.runtime.id && sender.tab !== undefined
    && typeof sender.frameId === 'number';
  if (!ours) return null;
  if (fromContentScript(sender)) return sender.url;
  if (!/^about:(blank|srcdoc)$/i.test(String(sender.url ?? ''))) return null;
  const tabUrl = sender.tab.url;
  if (typeof sender.origin !== 'string' || typeof tabUrl !== 'string') return null;
  try {
    return new URL(tabUrl).origin === sender.origin && /^https?:/i.test(tabUrl) ? tabUrl : null;
  } catch {
    return null;
  }
}
