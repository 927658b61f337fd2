//! The module service worker: loads the Rust core once when a message first needs it, routes
//! runtime messages by `type` to the handler table, and keeps the dynamic content scripts in
//! step with the sites the user granted. MV3 stops idle workers, so every listener is
//! registered synchronously at top level and no state lives only in memory (the memoised
//! core is a cache, rebuilt on the next wake).
import { loadCore, setCoreLocale } from './core.js';
import { handlers } from './handlers.js';
import { failed } from './shared.js';
import { syncContentScripts } from './registration.js';
import { restoreContext, watchSettings } from './settings.js';
import { watchTabs } from './badge.js';
import { watchFirstRun } from './firstrun.js';

// Secrets and observations live here; content scripts must never read them.
chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

/** Runs one handler; every failure becomes a reply, never an unhandled rejection. */
async function route(handler, message, sender) {
  try {
    return await handler(message, sender, await loadCore());
  } catch (error) {
    return failed(error);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const type = message?.type;
  // Only our own extension can message us (no externally_connectable); unknown types are
  // left to other listeners (the offscreen document, the popup).
  if (sender.id !== chrome.runtime.id || typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
    return false;
  }
  route(handlers[type], message, sender).then(sendResponse);
  return true; // the reply is asynchronous
});

chrome.runtime.onInstalled.addListener(() => syncContentScripts());
chrome.runtime.onStartup.addListener(() => syncContentScripts());
chrome.runtime.onStartup.addListener(() => restoreContext().catch(() => {}));
watchSettings(setCoreLocale);
watchTabs(loadCore);
watchFirstRun();
chrome.permissions.onAdded.addListener(() => syncContentScripts());
chrome.permissions.onRemoved.addListener(() => syncContentScripts());
