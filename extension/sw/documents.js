//! Where each document loaded from, by the browser's word: our isolated content script says
//! hello at document_start, before any page script can rewrite the address
//! (`history.replaceState`), and this records `sender.documentId → sender.url` (the first word
//! wins; a document's id never changes while it lives) and, for a tab's top frame, which
//! document is the tab's top now (the core's `documentHello` keeps the record, bounded). The core
//! then decides, from these and the addresses the browser reports later, which console a
//! requester may act for (`placeSender`).
//!
//! Kept in `chrome.storage.session` (the worker sleeps between messages), bounded.
import { frameOriginOf, fromOurFrame } from './senders.js';
import { serialisedQueue } from './shared.js';
import { loadCore } from './core.js';

const KEY = 'documentLoads';

// Read-modify-write one at a time, and reads wait for writes begun before them: a frame's
// hello and its first recognise arrive together.
const serialised = serialisedQueue();

const load = async () => (await chrome.storage.session.get(KEY))[KEY];

/** What the core reads of a message's sender: the browser's word, nothing the page says. */
const senderFacts = (sender) => ({
  frameOrigin: frameOriginOf(sender),
  url: typeof sender.url === 'string' ? sender.url : undefined,
  frameId: sender.frameId,
  documentId: sender.documentId,
  tabId: Number.isInteger(sender.tab?.id) ? sender.tab.id : undefined,
  tabUrl: sender.tab?.url,
});

/**
 * Records the sender's document (at document_start, and again when it is shown from the
 * back/forward cache), as the core's `documentHello` notes it: the first hello of a document
 * wins, a top frame names its tab's top document.
 */
function bind(sender, core) {
  if (!fromOurFrame(sender) || typeof sender.documentId !== 'string' || typeof sender.url !== 'string') {
    return Promise.resolve({ ok: false });
  }
  return serialised(async () => {
    await chrome.storage.session.set({ [KEY]: core.documentHello(await load(), senderFacts(sender)) });
    return { ok: true };
  });
}

/**
 * The core's placement of `sender` (`placeSender`: the console its document loaded as, its
 * tab's for a frame of the same origin): `{ok, pageUrl, prefix, console?}` or `{ok: false,
 * code, secretRefusal, message}`. Waits for hellos begun before it.
 */
export function placeOf(sender, core) {
  return serialised(async () => core.placeSender(await load(), senderFacts(sender)));
}

chrome.tabs?.onRemoved.addListener((tabId) => {
  serialised(async () => {
    const loads = await load();
    // Nothing of that tab held: no need to wake the core.
    if (!(String(tabId) in (loads?.tops ?? {}))) return;
    const left = (await loadCore()).documentsForgetTab(loads, tabId);
    if (left !== undefined) await chrome.storage.session.set({ [KEY]: left });
  }).catch(() => {});
});

export const handlers = {
  /** `{}` from the context agent at document_start (and on a back/forward-cache restore). */
  'document-hello': async (message, sender, core) => bind(sender, core),
};
