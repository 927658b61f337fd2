//! Collector: turns the page (this document, its open shadow roots and same-origin child frames
//! that run no helper of their own) into the plain-data snapshot the Rust core recognises
//! (docs/PROTOCOL.md "Snapshot"). Every label candidate is kept with the rule that produced it
//! (labels.js); which one wins is Rust's decision. It knows nothing of any particular console.
import {
  CAPTION_SKIP, CONTROL_SELECTOR, clean, controlsIn, fits, frameVisible, helperlessChildDocs, isChecked, isHelperUi, isVisible,
  kindOf, shadowRootsUnder, textOf, valueOf,
} from './dom.js';
import { labelCandidates } from './labels.js';
import { asCollection, noteCaption, spent } from './memo.js';

// Bounds: a console page has tens of controls; these only stop pathological pages.
const MAX_CONTROLS = 400;
const MAX_HEADINGS = 40;
const MAX_HEADING_SCAN = 1000; // title-like elements looked at per root (`[class*=title]` is common)
const MAX_TEXTS = 300;
const MAX_TEXT_SCAN = 20000; // elements looked at per root for labelled texts
// A value longer than this is sent cut, flagged `truncated` (Rust never fills or compares it):
// a page's 600 KB textarea would otherwise travel, and be parsed, with every snapshot.
const MAX_VALUE_CHARS = 4096;
// A title holds a few words: a title-like element over these is a wrapper, never read. Pages
// nest `[class*=title]` deeply; reading each level's text is quadratic in the page's text.
const MAX_TITLE_NODES = 64;
const MAX_TITLE_CHARS = 1000;
// One collection's share of the page's main thread: past it, what was collected is returned,
// flagged `overBudget`, and the agent looks less often.
const BUDGET_MS = 50;

// --- roots: document, open shadow roots, same-origin child frames ------------------------------

/** Every root (document or shadow root) this frame's helper is responsible for. */
function rootsToCollect(doc) {
  const docs = [doc, ...helperlessChildDocs(doc, [])];
  const roots = [];
  for (const d of docs) {
    roots.push(d);
    if (d.documentElement) for (const sr of shadowRootsUnder(d.documentElement, 1, [])) roots.push(sr);
  }
  return roots;
}

// --- containers and headings ---------------------------------------------------------------------

const CONTAINER_SELECTOR = 'form,dialog,[role=dialog],[role=tabpanel],fieldset,table,[role=form]';
function containerElement(el) {
  let n = el;
  while (n) {
    const c = n.parentElement ? n.parentElement.closest(CONTAINER_SELECTOR) : null;
    if (c) return c;
    const root = n.getRootNode();
    n = root && root.host ? root.host : null; // leave a shadow root through its host
    if (n && n.matches(CONTAINER_SELECTOR)) return n;
  }
  return null;
}

/** Every enclosing container, nearest first (a dialog's title also speaks for its inner form). */
function containerElements(el) {
  const out = [];
  for (let c = containerElement(el); c && out.length < 8; c = containerElement(c)) out.push(c);
  return out;
}

const HEADING_SELECTOR = 'h1,h2,h3,h4,h5,h6,[role=heading],legend,caption,' +
  '[role=tab][aria-selected=true],dialog,[role=dialog],[class*=title i]';
function headingsIn(root, containerId, out) {
  let looked = 0;
  for (const h of root.querySelectorAll(HEADING_SELECTOR)) {
    if (out.length >= MAX_HEADINGS || looked++ >= MAX_HEADING_SCAN || spent()) return;
    if (isHelperUi(h)) continue;
    let text;
    let from = [h]; // the nodes the text comes from
    if (h.matches('dialog,[role=dialog]')) {
      const lb = h.getAttribute('aria-labelledby');
      const root2 = h.getRootNode();
      const named = lb && root2.getElementById ? lb.split(/\s+/).map((i) => root2.getElementById(i)).filter(Boolean) : [];
      text = h.getAttribute('aria-label') || named.map((n) => textOf(n)).join(' ') || '';
      from = h.getAttribute('aria-label') ? [] : named;
    } else {
      if (!fits(h, MAX_TITLE_NODES, MAX_TITLE_CHARS)) continue; // a wrapper, not a title
      if (h.querySelector(CONTROL_SELECTOR)) continue; // a wrapper, not a title
      text = textOf(h);
    }
    text = clean(text);
    if (!text || text.length > 60 || !isVisible(h)) continue;
    for (const n of from) noteCaption(n);
    const c = h.matches('dialog,[role=dialog]') ? h : containerElement(h);
    // A heading belongs to its container: a dialog's title that repeats a row of the page is
    // the dialog's heading too, so only the same words in the same container are one heading.
    const container = c ? containerId(c) : undefined;
    if (out.some((x) => x.text === text && x.container === container)) continue;
    out.push(c ? { text, container } : { text });
  }
}

// --- label/value pairs of plain text (where a secret shown as text is captured) -----------------------

/** A text leaf worth pairing: an element with text and no element children, not ours. */
function textLeaf(n) {
  if (n.firstElementChild || n.matches(CAPTION_SKIP) || n.matches(CONTROL_SELECTOR)) return '';
  const t = clean(n.textContent);
  return t && t.length <= 4096 ? t : '';
}

/** Whether two leaves sit close in the tree (a caption and the value beside it). */
function near(a, b) {
  let common = a.parentElement, hops = 0;
  while (common && !common.contains(b) && hops < 4) { common = common.parentElement; hops++; }
  return !!common && common.contains(b);
}

function textItem(label, valueNode, register, containerId) {
  const item = { label, id: register(valueNode, 't') };
  const ks = containerElements(valueNode);
  if (ks.length) {
    item.container = containerId(ks[0]);
    item.containers = ks.map(containerId);
  }
  return item;
}

/** Every caption/value pair of neighbouring visible text leaves, values included (bar actions). */
function textPairs(root, register, containerId, out) {
  const walker = (root.ownerDocument || root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  const leaves = [];
  let walked = 0;
  for (let n = walker.nextNode(); n && leaves.length < MAX_TEXTS * 2; n = walker.nextNode()) {
    if ((++walked & 255) === 0 && spent()) break;
    const t = textLeaf(n);
    if (t && isVisible(n)) leaves.push({ n, t });
  }
  for (let i = 0; i + 1 < leaves.length && out.length < MAX_TEXTS; i++) {
    const a = leaves[i], b = leaves[i + 1];
    if (a.t.length > 60 || !near(a.n, b.n)) continue;
    out.push({ ...textItem(a.t, b.n, register, containerId), value: b.t });
  }
}

/**
 * For recognition: only texts whose caption contains one of `labels` (the worker's list, from
 * the form specs), paired with the next visible leaf — and never their values.
 */
function labelledTexts(root, labels, register, containerId, out) {
  const walker = (root.ownerDocument || root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let pending = null;
  let scanned = 0;
  for (let n = walker.nextNode(); n && scanned < MAX_TEXT_SCAN && out.length < MAX_TEXTS; n = walker.nextNode(), scanned++) {
    if ((scanned & 255) === 255 && spent()) break;
    const t = textLeaf(n);
    if (!t) continue;
    if (pending) {
      if (isVisible(n)) {
        if (near(pending.n, n)) out.push(textItem(pending.t, n, register, containerId));
        pending = null;
      }
      if (out.length >= MAX_TEXTS) break;
    }
    const key = t.toLowerCase();
    if (t.length <= 60 && labels.some((l) => key.includes(l)) && isVisible(n)) pending = { n, t };
  }
}

// --- the snapshot --------------------------------------------------------------------------------

const ids = new WeakMap(); // element → stable id across collections (c4 stays c4)
let nextId = 0;
let nextContainer = 0;
const containerIds = new WeakMap();

/**
 * Collects a snapshot. Returns `{snapshot, elementFor(id)}`: ids map to elements only within this
 * collection (weakly), so a plan made from this snapshot acts on exactly these elements.
 */
export function collect(options = {}) {
  const { value, captions, overBudget } = asCollection(BUDGET_MS, () => collectNow(options));
  return overBudget ? { ...value, captions, overBudget: true } : { ...value, captions };
}

function collectNow(options) {
  const doc = options.document || document;
  const elements = new Map();
  const register = (el, prefix) => {
    let id = ids.get(el);
    if (!id || id[0] !== prefix) { id = prefix + nextId++; ids.set(el, id); }
    elements.set(id, new WeakRef(el));
    return id;
  };
  const containerId = (c) => {
    let id = containerIds.get(c);
    if (!id) { id = 'k' + nextContainer++; containerIds.set(c, id); }
    return id;
  };

  const roots = rootsToCollect(doc);
  const controls = [];
  const headings = [];
  // `texts: true`: every caption/value pair, values included (a bar action reads one);
  // `textLabels: [...]`: only texts so labelled, without values (recognition).
  const labels = Array.isArray(options.textLabels)
    ? options.textLabels.filter((l) => typeof l === 'string' && l.trim()).map((l) => clean(l).toLowerCase()) : [];
  const texts = options.texts || labels.length ? [] : undefined;
  for (const root of roots) {
    if (spent()) break;
    for (const el of controlsIn(root, MAX_CONTROLS - controls.length)) {
      if (spent()) break;
      controls.push(describe(el, register, containerId));
    }
    headingsIn(root, containerId, headings);
    if (options.texts) textPairs(root, register, containerId, texts);
    else if (labels.length) labelledTexts(root, labels, register, containerId, texts);
  }
  const snapshot = {
    url: String(doc.location && doc.location.href),
    frame: doc.defaultView && doc.defaultView === doc.defaultView.top ? 'top' : 'child',
    title: clean(doc.title),
    headings,
    controls,
  };
  if (texts) snapshot.texts = texts;
  return {
    snapshot,
    elementFor(id) {
      const ref = elements.get(id);
      const el = ref && ref.deref();
      return el && el.isConnected ? el : null;
    },
    roots,
  };
}

function describe(el, register, containerId) {
  const kind = kindOf(el);
  const value = kind === 'password' ? el.value : valueOf(el);
  const c = {
    id: register(el, 'c'),
    tag: el.localName,
    type: el.localName === 'input' ? (el.getAttribute('type') || 'text').toLowerCase() : '',
    kind,
    value: value.length > MAX_VALUE_CHARS ? value.slice(0, MAX_VALUE_CHARS) : value,
    checked: isChecked(el),
    disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
    readOnly: !!el.readOnly || el.getAttribute('aria-readonly') === 'true',
    visible: isVisible(el) && frameVisible(el.ownerDocument),
    labels: labelCandidates(el),
  };
  if (value.length > MAX_VALUE_CHARS) c.truncated = true;
  if (el.localName === 'input' && el.name) c.name = el.name;
  else if (kind === 'radio') {
    // ARIA radios have no name: their radiogroup groups them.
    const group = el.closest('[role=radiogroup]');
    if (group) c.name = 'radiogroup:' + containerId(group);
  } else if (typeof el.name === 'string' && el.name) c.name = el.name;
  if (kind === 'select') {
    c.options = Array.from(el.options).slice(0, 200)
      .map((o) => ({ value: o.value, text: clean(o.text), selected: o.selected }));
  }
  const ks = containerElements(el);
  if (ks.length) {
    c.container = containerId(ks[0]);
    c.containers = ks.map(containerId);
  }
  return c;
}
