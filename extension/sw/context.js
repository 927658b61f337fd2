//! Console context and 数据中心 id: takes getUserLanguage.do bodies from the context agent,
//! lets the core judge them, remembers accepted observations per origin for the browser
//! session, and answers the popup with the core's status for a tab.
//!
//! The page URL is always the browser's word for the sending frame (`sender.url`, see
//! `pageUrlOf`), never a URL the page could claim. Once a document has given an accepted id, later messages from
//! that same document cannot replace it: a hostile page that replays what it saw with another
//! id changes nothing.
import { fromExtensionPage, pageUrlOf } from './senders.js';

/** Observations kept per origin, newest last. */
const MAX_OBSERVATIONS = 20;
/** Documents remembered as having given their id (a bounded ring, oldest dropped). */
const MAX_DOCUMENTS = 500;
const DOCUMENTS_KEY = 'acceptedDocuments';

const observationsKey = (origin) => `obs:${origin}`;

// Read-modify-write of session storage, one at a time: two frames may answer together.
let queue = Promise.resolve();
function serialised(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** Stores an accepted observation unless its document already gave one. */
function remember(observation, documentId) {
  return serialised(async () => {
    const key = observationsKey(observation.origin);
    const stored = await chrome.storage.session.get([key, DOCUMENTS_KEY]);
    const documents = Array.isArray(stored[DOCUMENTS_KEY]) ? stored[DOCUMENTS_KEY] : [];
    if (documentId) {
      const earlier = documents.find((entry) => entry.documentId === documentId);
      if (earlier) {
        return earlier.accountId === observation.accountId
          ? { ok: true, accountId: earlier.accountId }
          : { ok: false, error: 'this page already gave its 数据中心 id' };
      }
      documents.push({ documentId, accountId: observation.accountId });
    }
    const same = (entry) => entry?.accountId === observation.accountId
      && entry?.requestPath === observation.requestPath && entry?.pageDir === observation.pageDir;
    const observations = (Array.isArray(stored[key]) ? stored[key] : []).filter((entry) => !same(entry));
    observations.push(observation);
    await chrome.storage.session.set({
      [key]: observations.slice(-MAX_OBSERVATIONS),
      [DOCUMENTS_KEY]: documents.slice(-MAX_DOCUMENTS),
    });
    return { ok: true, accountId: observation.accountId };
  });
}

/**
 * Stores a context the user pasted (a 获取token示例's prefix and accountId, a pasted
 * getUserLanguage.do body), as the core wrote it: an observation marked `pasted`, with an
 * expiry. It replaces an earlier pasted one for the same console; the core counts it only where
 * the console's own answer was not seen, and only until it expires.
 */
export function rememberPasted(observation) {
  return serialised(async () => {
    const key = observationsKey(observation.origin);
    const stored = (await chrome.storage.session.get(key))[key];
    const kept = (Array.isArray(stored) ? stored : [])
      .filter((entry) => !(entry?.pasted && entry.pageDir === observation.pageDir));
    kept.push(observation);
    await chrome.storage.session.set({ [key]: kept.slice(-MAX_OBSERVATIONS) });
  });
}

/** 清除所有密钥 forgets everything pasted, contexts included, for every console. */
export function forgetPasted() {
  return serialised(async () => {
    const all = await chrome.storage.session.get(null);
    const updates = {};
    for (const [key, entries] of Object.entries(all)) {
      if (!key.startsWith('obs:') || !Array.isArray(entries) || !entries.some((e) => e?.pasted)) continue;
      updates[key] = entries.filter((entry) => !entry?.pasted);
    }
    if (Object.keys(updates).length) await chrome.storage.session.set(updates);
  });
}

/** The 数据中心 id the core gives the console at `url` (seen or pasted), if any. */
export async function accountIdFor(url, core) {
  const origin = url ? webOrigin(url) : null;
  if (origin === null) return null;
  const key = observationsKey(origin);
  const observations = (await chrome.storage.session.get(key))[key] ?? [];
  const status = core.popupStatus(url, true, observations);
  return typeof status?.accountId === 'string' ? status.accountId : null;
}

/** The tab's address if the browser lets us read it (host access or activeTab). */
async function readableTabUrl(tabId) {
  const tab = await chrome.tabs.get(tabId);
  return tab.url || tab.pendingUrl || null;
}

function webOrigin(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export const handlers = {
  /** `{requestUrl, body}` from the context agent → `{ok}`. */
  'user-language': async (message, sender, core) => {
    const pageUrl = pageUrlOf(sender);
    if (pageUrl === null) return { ok: false, error: 'not a content script in a web page' };
    const { requestUrl, body } = message;
    if (typeof requestUrl !== 'string' || typeof body !== 'string') {
      return { ok: false, error: 'malformed message' };
    }
    const observation = core.observeUserLanguage(pageUrl, requestUrl, body);
    return remember(observation, sender.documentId);
  },

  /** `{tabId}` from the popup → the core's popup status for that tab, plus `origin`. */
  'popup-status': async (message, sender, core) => {
    if (!fromExtensionPage(sender)) return { ok: false, error: 'not an extension page' };
    if (!Number.isInteger(message.tabId)) return { ok: false, error: 'malformed message' };
    // null when the browser hides the address, i.e. we have no access: the core says so.
    const url = await readableTabUrl(message.tabId);
    const origin = url === null ? null : webOrigin(url);
    const hasAccess = origin !== null
      && (await chrome.permissions.contains({ origins: [`${origin}/*`] }));
    const key = origin === null ? null : observationsKey(origin);
    const observations = key === null ? [] : ((await chrome.storage.session.get(key))[key] ?? []);
    return { ok: true, origin, ...core.popupStatus(url, hasAccess, observations) };
  },
};
