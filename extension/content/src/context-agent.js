// ISOLATED world, document_start: the receiving end of main-hook.js's private channel.
// Everything arriving from the MAIN world is treated as forged until checked: shape, size,
// same origin as this document, last path segment getUserLanguage.do. The service worker
// (Rust) has the last word on the body; the first body it accepts ends listening for this
// page load. No window 'message' listener exists here, so postMessage forgeries reach nothing.
// Its listeners and timer live as long as the helper (lifetime.js): a message that fails because
// the extension is gone tears it down.
import { later, signal, teardown } from './lifetime.js';

const HELLO = 'fapiao-helper:hello';
const ACK = 'fapiao-helper:ack';
const DATA = 'fapiao-helper:user-language';
const BODY_CAP = 512 * 1024; // as main-hook.js and the core
const DETAIL_CAP = 6 * BODY_CAP + 8192; // JSON escaping may grow a body up to 6×
const URL_CAP = 8192;
const MAX_TRIES = 8; // bodies forwarded per page load before giving up

let channel = null;
let tries = 0;
let done = false;

/** A failed message that says the extension is gone (reloaded, updated, disabled). */
const contextGone = (e) => /context invalidated/i.test(String(e && e.message));

// Tell the worker this document exists now, before any page script runs: the browser's
// sender.url of this message is the address the document loaded with, which a page's later
// history.replaceState cannot change (the worker binds the document to that console). Again
// when the browser shows the document from its back/forward cache (it is the tab's top again).
const hello = () => chrome.runtime.sendMessage({ type: 'document-hello' }).catch((e) => { if (contextGone(e)) teardown(); });

/** Starts the agent: runs at document_start, in the same turn as main-hook.js. */
export function startContextAgent() {
  hello();
  addEventListener('pageshow', (event) => { if (event.isTrusted && event.persisted) hello(); }, { signal });

  // Handshake: the mirror of main-hook.js.
  const el = document.createElement('fapiao-helper-channel');
  const onAck = () => { channel = el; };
  el.addEventListener(ACK, onAck);
  (document.documentElement || document).appendChild(el);
  el.dispatchEvent(new CustomEvent(HELLO, { bubbles: true }));
  el.remove();
  el.removeEventListener(ACK, onAck);
  if (channel) {
    channel.addEventListener(DATA, onData, { signal });
  } else {
    const onHello = (event) => {
      document.removeEventListener(HELLO, onHello, true);
      channel = event.target;
      channel.addEventListener(DATA, onData, { signal });
      channel.dispatchEvent(new CustomEvent(ACK));
    };
    document.addEventListener(HELLO, onHello, { capture: true, signal });
    // The hook is injected in the same turn; a later hello can only come from the page.
    later(signal, () => document.removeEventListener(HELLO, onHello, true), 0);
  }
}

function onData(event) {
  if (done) return;
  const detail = event.detail;
  if (typeof detail !== 'string' || detail.length > DETAIL_CAP) return;
  let message;
  try { message = JSON.parse(detail); } catch { return; }
  if (message === null || typeof message !== 'object') return;
  const { url, body } = message;
  if (typeof url !== 'string' || url.length > URL_CAP || !isOwnUserLanguage(url)) return;
  if (body === null) {
    readItself(url);
  } else if (typeof body === 'string' && body.length <= BODY_CAP) {
    forward(url, body);
  }
}

function isOwnUserLanguage(url) {
  let parsed;
  try { parsed = new URL(url, location.href); } catch { return false; }
  const path = parsed.pathname;
  // self.origin, not location.origin: an about:blank frame a page borrows for its fetch
  // reports 'null' as location.origin but has its creator's origin.
  return parsed.origin === self.origin
    && path.slice(path.lastIndexOf('/') + 1).toLowerCase() === 'getuserlanguage.do';
}

// The page read the answer as parsed JSON or binary: fetch the same URL ourselves
// (same origin, the page's cookies) and read the raw text, digit-exact.
async function readItself(url) {
  if (tries >= MAX_TRIES) return;
  tries += 1;
  try {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || new URL(response.url).origin !== self.origin) return;
    const body = await response.text();
    if (body.length <= BODY_CAP) forward(response.url, body, true);
  } catch { /* nothing to read */ }
}

async function forward(requestUrl, body, counted = false) {
  if (done || (!counted && tries >= MAX_TRIES)) return;
  if (!counted) tries += 1;
  try {
    const reply = await chrome.runtime.sendMessage({ type: 'user-language', requestUrl, body });
    if (reply && reply.ok === true) done = true;
  } catch (e) {
    // The worker refused: nothing to do. The extension is gone: neither is anything else.
    if (contextGone(e)) teardown();
  }
}
