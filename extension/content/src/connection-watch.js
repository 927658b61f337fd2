//! Reading the console's answer to its own 连接测试: after the person's click on a button whose
//! text is one the worker names (the core's list), new text that appears in the page for a few
//! seconds (a toast, a message box, a dialog, a status line) is handed to the worker, which
//! decides whether it is the answer and what it means. Nothing is watched otherwise, and this
//! file knows no words: the button texts and the wait come from the worker.
import { isHelperUi } from './dom.js';
import { boundTo, later, scope } from './lifetime.js';

/** A clicked element's text longer than this is a container, not a button. */
const MAX_BUTTON_CHARS = 40;
/** Ancestors of the click target looked at for the button (icon → span → button). */
const MAX_BUTTON_DEPTH = 5;
/** New text is sent in batches this far apart (a toast fills in after its box is added). */
const FLUSH_MS = 120;
const MAX_TEXT_CHARS = 600;
const MAX_PER_BATCH = 30;
/** Batches sent per watch: a page churning text after the click costs the worker this much at most. */
const MAX_BATCHES = 40;
/** Ancestors read for a message's hints (role, aria-live, class names). */
const HINT_DEPTH = 4;

/** Text as the core compares button labels: no whitespace, lowercase. */
const key = (text) => String(text || '').replace(/\s+/g, '').toLowerCase();

/** The element of a trusted click whose own text is one of `labels` (already keyed), or null. */
export function testButton(event, labels) {
  if (!event.isTrusted || !Array.isArray(labels) || !labels.length) return null;
  const path = event.composedPath();
  for (let i = 0; i < path.length && i < MAX_BUTTON_DEPTH; i++) {
    const n = path[i];
    if (!n || n.nodeType !== Node.ELEMENT_NODE) continue;
    if (isHelperUi(n)) return null;
    const text = n.textContent || '';
    if (text.length > MAX_BUTTON_CHARS) return null;
    if (labels.includes(key(text))) return n;
  }
  return null;
}

/** `{role, live, classes}` of an element and its nearest ancestors: what tells a message box. */
function hintsOf(el) {
  const roles = [];
  const classes = [];
  let live = '';
  for (let a = el, i = 0; a && a.nodeType === Node.ELEMENT_NODE && i < HINT_DEPTH; a = a.parentElement, i++) {
    const role = a.getAttribute('role');
    if (role) roles.push(role);
    if (!live) live = a.getAttribute('aria-live') || '';
    const cls = typeof a.className === 'string' ? a.className : (a.getAttribute('class') || '');
    if (cls) classes.push(cls);
  }
  return { role: roles.join(' ').slice(0, 200), live: live.slice(0, 50), classes: classes.join(' ').slice(0, 500) };
}

/** Drawn on the page (a toast fading in counts: its opacity is not looked at). */
function shown(el) {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/**
 * Watches `doc` for `ms`: every element added and every text changed, read a moment later
 * (text, hints), deduplicated, is passed to `onTexts(messages)`. Returns `stop()`.
 */
export function watch(doc, ms, onTexts) {
  // The watch's life: `stop()` or the helper's teardown.
  const { signal, end } = scope();
  const fresh = new Set();
  const sent = new Set();
  let timer = 0;
  let batches = 0;
  let stopped = false;
  const isOurs = (n) => isHelperUi(n);
  const note = (el) => {
    if (el && el.nodeType === Node.ELEMENT_NODE && !isOurs(el)) fresh.add(el);
  };
  const observer = boundTo(signal, new MutationObserver((records) => {
    for (const m of records) {
      if (m.type === 'characterData') note(m.target.parentElement);
      else {
        for (const n of m.addedNodes) {
          if (n.nodeType === Node.ELEMENT_NODE) note(n);
          else if (n.nodeType === Node.TEXT_NODE) note(m.target);
        }
      }
    }
    if (fresh.size && !timer) timer = later(signal, flush, FLUSH_MS);
  }));
  function flush() {
    timer = 0;
    if (stopped) return;
    const messages = [];
    for (const el of fresh) {
      if (messages.length >= MAX_PER_BATCH) break;
      if (!shown(el)) continue;
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
      if (!text || text.length > MAX_TEXT_CHARS || sent.has(text)) continue;
      sent.add(text);
      messages.push({ text, ...hintsOf(el) });
    }
    fresh.clear();
    if (!messages.length) return;
    onTexts(messages);
    if (++batches >= MAX_BATCHES) stop();
  }
  const stop = () => {
    if (stopped) return;
    stopped = true;
    end();
  };
  try {
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  } catch {
    end();
    return () => {};
  }
  later(signal, () => { flush(); stop(); }, Math.max(1000, Math.min(Number(ms) || 10_000, 60_000)));
  return stop;
}
