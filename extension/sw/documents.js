//! Where each document loaded from, by the browser's word: our isolated content script says
//! hello at document_start, before any page script can rewrite the address
//! (`history.replaceState`), and this records `sender.documentId → sender.url` (the first word
//! wins; a document's id never changes while it lives) and, for a tab's top frame, which
//! document is the tab's top now. The core then decides, from these and the addresses the
//! browser reports later, which console a requester may act for (`requesterPlace`).
//!
//! Kept in `chrome.storage.session` (the worker sleeps between messages), bounded.
import { frameOriginOf, fromOurFrame } from './senders.js';
import { isObject, serialisedQueue } from './shared.js';

const KEY = 'documentLoads';
/** Documents remembered (a ring; the oldest go first). */
const MAX_DOCUMENTS = 1000;

// Read-modify-write one at a time, and reads wait for writes begun before them: a frame's
// hello and its first recognise arrive together.
const serialised = serialisedQueue();

async function load() {
  const stored = (await chrome.storage.session.get(KEY))[KEY];
  return {
    docs: Array.isArray(stored?.docs) ? stored.docs : [],
    tops: isObject(stored?.tops) ? stored.tops : {},
  };
}

/** Records the sender's document (at document_start, and again when it is shown from the back/forward cache). */
function bind(sender) {
  if (!fromOurFrame(sender) || typeof sender.documentId !== 'string' || typeof sender.url !== 'string') {
    return Promise.resolve({ ok: false });
  }
  return serialised(async () => {
    const state = await load();
    if (!state.docs.some(([id]) => id === sender.documentId)) state.docs.push([sender.documentId, sender.url]);
    if (sender.frameId === 0 && Number.isInteger(sender.tab.id)) state.tops[sender.tab.id] = sender.documentId;
    await chrome.storage.session.set({ [KEY]: { docs: state.docs.slice(-MAX_DOCUMENTS), tops: state.tops } });
    return { ok: true };
  });
}

/** The address the document `documentId` loaded with, if it said hello. */
const loadUrlOf = (state, documentId) => state.docs.find(([id]) => id === documentId)?.[1] ?? null;

/**
 * What the core needs to place `sender`: its origin, its address now and at load, and for a
 * frame the tab's top document's (`requesterPlace` in src/wasm/context.rs).
 */
export function requesterFacts(sender) {
  return serialised(async () => {
    const state = await load();
    const isTop = sender.frameId === 0;
    const frameOrigin = frameOriginOf(sender);
    const topUrl = sender.tab?.url ?? null;
    const topDocument = Number.isInteger(sender.tab?.id) ? state.tops[sender.tab.id] : undefined;
    return {
      frameOrigin,
      // The top page's address now is the tab's (a console's SPA routing changes it there).
      frameUrl: isTop ? (topUrl ?? String(sender.url ?? '')) : String(sender.url ?? ''),
      frameLoadUrl: loadUrlOf(state, sender.documentId),
      isTop,
      topUrl,
      topLoadUrl: isTop ? loadUrlOf(state, sender.documentId) : (topDocument ? loadUrlOf(state, topDocument) : null),
    };
  });
}

/** The core's placement of `sender`: `{ok, pageUrl, prefix, console?}` or `{ok: false, code, secretRefusal, message}`. */
export async function placeOf(sender, core) {
  return core.requesterPlace(await requesterFacts(sender));
}

chrome.tabs?.onRemoved.addListener((tabId) => {
  serialised(async () => {
    const state = await load();
    if (!(tabId in state.tops)) return;
    delete state.tops[tabId];
    await chrome.storage.session.set({ [KEY]: state });
  }).catch(() => {});
});

export const handlers = {
  /** `{}` from the context agent at document_start (and on a back/forward-cache restore). */
  'document-hello': async (message, sender) => bind(sender),
};
