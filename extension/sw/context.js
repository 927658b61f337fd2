//! Console context and 数据中心 id: takes getUserLanguage.do bodies from the context agent,
//! lets the core judge them, remembers accepted observations per origin for the browser
//! session, and answers the popup with the core's status for a tab.
//!
//! The page URL is always the browser's word for the sending frame (`sender.url`, see
//! `pageUrlOf`), never a URL the page could claim. Once a document has given an accepted id, later messages from
//! that same document cannot replace it: a hostile page that replays what it saw with another
//! id changes nothing.
import { pageUrlOf, requireExtensionPage } from './senders.js';
import {
  OBSERVATIONS_PREFIX, malformed, observationsKey, observationsOf, refusedBy, serialisedQueue, sessionValue, text, webOrigin,
} from './shared.js';

const DOCUMENTS_KEY = 'acceptedDocuments';

// Read-modify-write of session storage, one at a time: two frames may answer together.
const serialised = serialisedQueue();

/**
 * Stores an accepted observation as the core's `acceptObservation` rules: a document gives its
 * id once (a replay with another one is refused), a repeat replaces its entry, both lists bounded.
 */
function remember(observation, documentId, core) {
  return serialised(async () => {
    const key = observationsKey(observation.origin);
    const stored = await chrome.storage.session.get([key, DOCUMENTS_KEY]);
    const accepted = core.acceptObservation(stored[key], stored[DOCUMENTS_KEY], observation, documentId || undefined);
    if (!accepted.ok) return refusedBy(accepted, 'worker_failed');
    if (accepted.observations) {
      await chrome.storage.session.set({ [key]: accepted.observations, [DOCUMENTS_KEY]: accepted.documents });
    }
    return { ok: true, accountId: accepted.accountId };
  });
}

/**
 * Stores a context the user pasted (a 获取token示例's prefix and accountId, a pasted
 * getUserLanguage.do body), as the core wrote it: an observation marked `pasted`, with an
 * expiry, in place of an earlier pasted one for the same console (`acceptPasted`). The core
 * counts it only where the console's own answer was not seen, and only until it expires.
 */
export function rememberPasted(observation, core) {
  return serialised(async () => {
    const key = observationsKey(observation.origin);
    await chrome.storage.session.set({ [key]: core.acceptPasted(await sessionValue(key), observation) });
  });
}

/** 清除所有密钥 forgets everything pasted, contexts included, for every console. */
export function forgetPasted(core) {
  return serialised(async () => {
    const all = await chrome.storage.session.get(null);
    const updates = {};
    for (const [key, entries] of Object.entries(all)) {
      if (!key.startsWith(OBSERVATIONS_PREFIX) || !Array.isArray(entries)) continue;
      const own = core.ownObservations(entries);
      if (own.length !== entries.length) updates[key] = own;
    }
    if (Object.keys(updates).length) await chrome.storage.session.set(updates);
  });
}

/** The 数据中心 id the core gives the console at `url` (seen or pasted), if any. */
export async function accountIdFor(url, core) {
  if (!url) return null;
  const { accountId } = core.consoleValues(url, await observationsOf(url));
  return typeof accountId === 'string' ? accountId : null;
}

export const handlers = {
  /** `{requestUrl, body}` from the context agent → `{ok}`. */
  'user-language': async (message, sender, core) => {
    const pageUrl = pageUrlOf(sender);
    if (pageUrl === null) return { ok: false, code: 'not-content-script', error: text('worker_not_content_script') };
    const { requestUrl, body } = message;
    if (typeof requestUrl !== 'string' || typeof body !== 'string') {
      return malformed();
    }
    const observation = core.observeUserLanguage(pageUrl, requestUrl, body);
    return remember(observation, sender.documentId, core);
  },

  /** `{tabId}` from the popup → the core's popup status for that tab, plus `origin`. */
  'popup-status': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return malformed();
    // null when the browser hides the address, i.e. we have no access: the core says so.
    const tab = await chrome.tabs.get(message.tabId);
    const url = tab.url || tab.pendingUrl || null;
    const origin = url === null ? null : webOrigin(url);
    const hasAccess = origin !== null
      && (await chrome.permissions.contains({ origins: [`${origin}/*`] }));
    return { ok: true, origin, ...core.popupStatus(url, hasAccess, await observationsOf(url)) };
  },
};
