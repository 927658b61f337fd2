//! The DOM helpers every part of the isolated-world script shares: what a control is and which
//! kind, what it holds and shows, whether it is drawn, the text a person reads, the widget around
//! it, and the roots one frame's helper reads (its document, open shadow roots, same-origin
//! frames without a helper of their own). Inside a collection (collect.js) the answers are
//! memoised for that collection only (memo.js); outside one, every call asks the page afresh.
import { runsHere } from './api.js';
import { memoized, spent } from './memo.js';

// Bounds: a console page has tens of controls; these only stop pathological pages.
const MAX_SHADOW_ROOTS = 200;
const MAX_SHADOW_DEPTH = 6;
const MAX_SHADOW_PROBE = 5000; // elements looked at for shadow roots per root
const MAX_FRAMES = 20;

// Past these a caption's text is read without layout (textContent): it is too long to name a
// field anyway, and innerText of a large subtree costs the page a long task.
const MAX_CAPTION_NODES = 400;
const MAX_CAPTION_CHARS = 4096;

export const CONTROL_SELECTOR = [
  'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])' +
    ':not([type=image]):not([type=file])',
  'textarea', 'select', '[contenteditable]:not([contenteditable=false])', '[role=combobox]',
  // Checkboxes, switches and radios drawn without a native input (KDesign/antd switches,
  // Kingdee's own check boxes): their state is `aria-checked`.
  '[role=checkbox]', '[role=switch]', '[role=radio]',
].join(',');
export const HELPER_SELECTOR = '[data-fapiao-helper]';
export const CAPTION_SKIP = 'script,style,template,noscript,button,[role=button],option,' + HELPER_SELECTOR;

/**
 * Whether `el`'s subtree has at most `maxNodes` nodes and `maxChars` characters of text: a
 * walk that stops at the bound, so asking costs no more than the bound, however large the
 * subtree.
 */
export function fits(el, maxNodes, maxChars) {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let nodes = 0, chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++nodes > maxNodes) return false;
    if (n.nodeType === Node.TEXT_NODE && (chars += n.data.length) > maxChars) return false;
  }
  return true;
}

// --- controls and what they hold ---------------------------------------------------------------

export const clean = (s) => String(s ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();

export function isHelperUi(el) {
  return !!(el && el.closest && el.closest(HELPER_SELECTOR));
}

/** Elements matched by CONTROL_SELECTOR that we report as controls (not wrappers, not ours). */
export function isCollectable(el) {
  if (isHelperUi(el)) return false;
  if (el.isContentEditable && el.parentElement && el.parentElement.isContentEditable) return false;
  // A combobox wrapper around a real input: the input is the control (ARIA 1.1 pattern).
  if (el.getAttribute('role') === 'combobox' && !isNativeControl(el) &&
      el.querySelector('input,textarea,select')) return false;
  // An ARIA checkbox/switch/radio drawn around a native one: the native input is the control.
  if (ariaCheckType(el) && el.querySelector('input[type=checkbox],input[type=radio]')) return false;
  return true;
}

/** `checkbox` (role checkbox or switch) or `radio` for an ARIA checkable that is not an input. */
export function ariaCheckType(el) {
  if (isNativeControl(el)) return '';
  const role = (el.getAttribute('role') || '').toLowerCase();
  return role === 'checkbox' || role === 'switch' ? 'checkbox' : role === 'radio' ? 'radio' : '';
}

/** `checkbox` or `radio` for native and ARIA checkables alike, else `''`. */
export function checkType(el) {
  if (el.localName === 'input') {
    const t = (el.type || '').toLowerCase();
    return t === 'checkbox' || t === 'radio' ? t : '';
  }
  return ariaCheckType(el);
}

/** Checked state: the native property, or `aria-checked="true"` (`mixed` is not checked). */
export function isChecked(el) {
  return el.localName === 'input' ? !!el.checked : el.getAttribute('aria-checked') === 'true';
}

/** Radios of one group: native ones by `name` (none: any), ARIA ones by their radiogroup. */
function sameRadioGroup(a, b) {
  if (checkType(a) !== 'radio' || checkType(b) !== 'radio') return false;
  if (a.localName === 'input' && b.localName === 'input') return !a.name || a.name === b.name;
  return radioGroupOf(a) === radioGroupOf(b);
}

function radioGroupOf(el) {
  return el.closest('[role=radiogroup]') || (el.localName === 'input' && el.name ? el.name : null);
}

export function isNativeControl(el) {
  const t = el.localName;
  return t === 'input' || t === 'textarea' || t === 'select';
}

// Elements that can match CONTROL_SELECTOR at all: a native control, or an element with a
// `role` or `contenteditable` attribute. Checked before the selector, which costs more.
const CONTROL_TAGS = new Set(['input', 'textarea', 'select']);
const mayBeControl = (el) => CONTROL_TAGS.has(el.localName) || el.hasAttribute('role') || el.hasAttribute('contenteditable');

/**
 * The first `room` collectable controls under `root`, in document order. A walk that stops at
 * the cap: a page of thousands of controls costs no more than one of `room` (the form being
 * configured is among the first: consoles draw it before lists and grids).
 */
export function controlsIn(root, room = Infinity) {
  const out = [];
  if (room <= 0) return out;
  const walker = (root.ownerDocument || root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let walked = 0;
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if ((++walked & 255) === 0 && spent()) break;
    if (!mayBeControl(el) || !el.matches(CONTROL_SELECTOR) || !isCollectable(el)) continue;
    out.push(el);
    if (out.length >= room) break;
  }
  return out;
}

/** A control other than `control` (radios of its own group do not count: they share a caption). */
function isOtherControl(c, control) {
  if (c === control || c.contains(control) || control.contains(c) || !isCollectable(c)) return false;
  if (sameRadioGroup(control, c)) return false;
  return true;
}

/** The controls an element is or holds (memoised per collection). */
function controlsUnder(el) {
  return memoized('controls', el, () => {
    const list = Array.from(el.querySelectorAll(CONTROL_SELECTOR));
    if (el.matches(CONTROL_SELECTOR)) list.unshift(el);
    return list;
  });
}

export function containsOtherControl(el, control) {
  for (const c of controlsUnder(el)) if (isOtherControl(c, control)) return true;
  return false;
}

export function isVisible(el) {
  return memoized('visible', el, () => computeVisible(el));
}

function computeVisible(el) {
  if (!el.isConnected) return false;
  let shown;
  if (typeof el.checkVisibility === 'function') {
    shown = el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  } else {
    const cs = el.ownerDocument.defaultView.getComputedStyle(el);
    shown = cs.display !== 'none' && cs.visibility !== 'hidden' && el.getClientRects().length > 0;
  }
  // Custom-drawn checkboxes hide the real input (display:none, no size); the wrapper that is
  // drawn counts, and only while it is shown: a hidden copy of a form is not live.
  const t = (el.type || '').toLowerCase();
  const drawnCheck = (t === 'checkbox' || t === 'radio') && el.localName === 'input' && el.parentElement;
  if (!shown) return drawnCheck ? isVisible(el.parentElement) : false;
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.height > 0) return true;
  if (drawnCheck) {
    const p = el.parentElement.getBoundingClientRect();
    return p.width > 0 && p.height > 0;
  }
  return false;
}

/** Whether the frame element holding this document (if any) is itself shown. */
export function frameVisible(doc) {
  const fe = frameElementOf(doc);
  return !fe || (isVisible(fe) && frameVisible(fe.ownerDocument));
}

function frameElementOf(doc) {
  try { return doc.defaultView && doc.defaultView.frameElement; } catch { return null; }
}

/** Visible text of a node, skipping form controls, scripts and the helper's UI. */
export function textOf(node) {
  if (!node) return '';
  if (node.nodeType === Node.ELEMENT_NODE) return memoized('text', node, () => computeText(node));
  return computeText(node);
}

function computeText(node) {
  if (node.nodeType === Node.TEXT_NODE) return clean(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  if (!fits(node, MAX_CAPTION_NODES, MAX_CAPTION_CHARS)) return clean(node.textContent);
  if (!node.querySelector('select,textarea,[contenteditable],' + CAPTION_SKIP) &&
      typeof node.innerText === 'string') {
    return clean(node.innerText);
  }
  const parts = [];
  const walk = (n) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === Node.TEXT_NODE) parts.push(c.data);
      else if (c.nodeType === Node.ELEMENT_NODE) {
        if (c.matches(CONTROL_SELECTOR + ',' + CAPTION_SKIP)) continue;
        const cs = c.ownerDocument.defaultView.getComputedStyle(c);
        if (cs.display === 'none' || cs.visibility === 'hidden') continue;
        walk(c);
        if (cs.display !== 'inline') parts.push(' ');
      }
    }
  };
  walk(node);
  return clean(parts.join(''));
}

/** Text a widget shows for its control (a custom select shows its choice beside an empty input). */
export function shownText(box, control) {
  if (!box) return '';
  const parts = [];
  const walk = (n) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === Node.TEXT_NODE) parts.push(c.data);
      else if (c.nodeType === Node.ELEMENT_NODE) {
        if (c === control || c.matches(CAPTION_SKIP)) continue;
        // Placeholder spans ("请选择"), clear buttons (×) and icons are not a value: the
        // near-universal naming conventions of component libraries, and ARIA's own markers.
        const cls = typeof c.className === 'string' ? c.className : '';
        if (/placeholder|clear|close|icon|arrow/i.test(cls) || c.getAttribute('aria-hidden') === 'true' ||
            /^(button|img|presentation)$/.test(c.getAttribute('role') || '')) continue;
        const cs = c.ownerDocument.defaultView.getComputedStyle(c);
        if (cs.display === 'none' || cs.visibility === 'hidden') continue;
        walk(c);
        parts.push(' ');
      }
    }
  };
  walk(box);
  // Text without a letter, digit or ideograph (×, ▾, 🔍) is decoration.
  return clean(parts.join('')).split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).join(' ');
}

// --- kinds and values -------------------------------------------------------------------------

export function kindOf(el) {
  return memoized('kind', el, () => computeKind(el));
}

function computeKind(el) {
  const tag = el.localName;
  if (tag === 'select') return 'select';
  if (tag === 'textarea') return 'textarea';
  const role = (el.getAttribute('role') || '').toLowerCase();
  const aria = ariaCheckType(el);
  if (aria) return aria;
  if (tag === 'input') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (type === 'password') return 'password';
    if (type === 'checkbox') return 'checkbox';
    if (type === 'radio') return 'radio';
    const popup = (el.getAttribute('aria-haspopup') || '').toLowerCase();
    if (role === 'combobox' || el.hasAttribute('aria-autocomplete') || el.hasAttribute('list') ||
        (popup && popup !== 'false' && popup !== 'menu' && popup !== 'dialog') ||
        el.closest('[role=combobox]') || insideSelectWidget(el)) return 'lookup';
    return 'text';
  }
  if (role === 'combobox') return 'lookup';
  if (el.isContentEditable) return 'textarea';
  return 'other';
}

// Component libraries name their select/lookup widgets this way (kd-select, ant-select,
// el-select, *-combobox, *-picker, basedata lookups): an input inside one is a lookup whose
// chosen value is drawn beside it, not in it.
const SELECT_WIDGET_CLASS = /(^|[-_\s])(select|combo(box)?|lookup|picker|dropdown|cascader|autocomplete|basedata)($|[-_\s])/i;
function insideSelectWidget(el) {
  let n = el.parentElement;
  for (let i = 0; n && i < 4; i++, n = n.parentElement) {
    if (n.querySelector('input,textarea,select') !== el && containsOtherControlCheap(n, el)) return false;
    const cls = typeof n.className === 'string' ? n.className : '';
    if (SELECT_WIDGET_CLASS.test(cls)) return true;
    const popup = (n.getAttribute('aria-haspopup') || '').toLowerCase();
    if (popup === 'listbox' || popup === 'tree' || popup === 'grid' || popup === 'true') return true;
  }
  return false;
}

/**
 * Whether `n` holds a (non-hidden) native control other than `el`. The first match decides
 * almost always, without listing every control of a large table; only when `el` itself comes
 * first is the rest counted (once per element and collection).
 */
function containsOtherControlCheap(n, el) {
  const first = n.querySelector(NATIVE_SHOWN);
  if (!first) return false;
  if (first !== el) return true;
  return memoized('natives', n, () => n.querySelectorAll(NATIVE_SHOWN).length) > 1;
}
const NATIVE_SHOWN = 'input:not([type=hidden]),textarea,select';

/** What a person sees in a lookup: its input's text, else the choice drawn beside the input. */
export function shownValue(el) {
  const v = 'value' in el ? clean(el.value) : '';
  return v || shownText(widgetBox(el), el);
}

/** The value a person sees in the control (for lookups, the chosen text beside the input). */
export function valueOf(el) {
  const kind = kindOf(el);
  if (kind === 'checkbox' || kind === 'radio') return isChecked(el) ? (el.value || 'on') : '';
  if (kind === 'select') {
    const o = el.selectedOptions && el.selectedOptions[0];
    return o ? o.value : '';
  }
  // Untrimmed: Rust compares trimmed, and an undo must put back exactly what was there.
  if (isNativeControl(el)) return kind === 'lookup' ? shownValue(el) : el.value;
  return clean(el.innerText ?? el.textContent);
}

/**
 * The smallest ancestor that draws this control's widget: the highest ancestor (below the
 * caption's level) that holds no other control and no caption text. Used to read what a custom
 * select shows, and by execute.js to tell the widget from the options it pops up.
 */
export function widgetBox(el) {
  const combo = el.closest('[role=combobox]');
  if (combo && combo !== el && !containsOtherControl(combo, el)) return combo;
  let box = el;
  for (let i = 0; i < 4; i++) {
    const p = box.parentElement;
    if (!p || p === el.ownerDocument.body) break;
    if (containsOtherControl(p, el)) break;
    // A sibling with its own text before the box is a caption: stop below it.
    let captionBefore = false;
    for (let s = box.previousSibling; s; s = s.previousSibling) {
      if (siblingText(s)) { captionBefore = true; break; }
    }
    if (captionBefore) break;
    box = p;
  }
  return box;
}

export function siblingText(s) {
  if (s.nodeType === Node.TEXT_NODE) return clean(s.data);
  if (s.nodeType !== Node.ELEMENT_NODE || s.matches(CAPTION_SKIP)) return '';
  return textOf(s);
}

// --- roots: document, open shadow roots, same-origin child frames ------------------------------

/** Open shadow roots under `root`, bounded in depth, count and elements probed. */
export function shadowRootsUnder(root, depth, acc) {
  if (depth > MAX_SHADOW_DEPTH || acc.length >= MAX_SHADOW_ROOTS) return acc;
  const walker = (root.ownerDocument || root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let probed = 0;
  for (let n = walker.nextNode(); n && probed < MAX_SHADOW_PROBE; n = walker.nextNode(), probed++) {
    const sr = n.shadowRoot;
    if (sr && !n.matches(HELPER_SELECTOR)) {
      acc.push(sr);
      if (acc.length >= MAX_SHADOW_ROOTS) break;
      shadowRootsUnder(sr, depth + 1, acc);
    }
  }
  return acc;
}

/**
 * Same-origin child documents that no helper runs in. Every frame runs its own content
 * scripts (all_frames, matchOriginAsFallback) and collects itself; a frame whose isolated world
 * has the helper's entry point (api.js) is skipped, so nothing is collected twice. The page
 * cannot fake that marker: it lives in the extension's isolated world, which page scripts never
 * see.
 */
export function helperlessChildDocs(doc, acc) {
  if (acc.length >= MAX_FRAMES) return acc;
  for (const f of doc.querySelectorAll('iframe,frame')) {
    let win, child;
    try { win = f.contentWindow; child = f.contentDocument; } catch { continue; }
    if (!win || !child || !child.documentElement) continue;
    let hasHelper = false;
    try { hasHelper = runsHere(win); } catch { continue; }
    if (hasHelper) continue;
    acc.push(child);
    helperlessChildDocs(child, acc);
    if (acc.length >= MAX_FRAMES) break;
  }
  return acc;
}

/** How many collectable controls this frame holds (cheap: used to skip idle work). */
export function hasControls(doc) {
  return !!doc.querySelector(CONTROL_SELECTOR);
}
