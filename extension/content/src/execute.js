//! Executor: runs a fill (or undo) plan's steps on the page the way a careful person would, so the
//! page's own framework (React, Vue, KDesign, Kingdee's web client) accepts each value, then reads
//! every touched control back once the page has settled. Steps and results are the shapes in
//! docs/PROTOCOL.md "Fill plan and outcomes"; deciding what a result means is Rust's job.
import { clean, isHelperUi, isVisible, shownValue, textOf, valueOf, widgetBox } from './dom.js';
import { boundTo, later, scope, signal, sleep as sleepUntilTeardown } from './lifetime.js';

// Setters captured from this isolated world's own prototypes: the page cannot patch them, and
// a framework's value tracker (React's lives on the page's wrapper of the node) still sees the
// write as a real change when the input event arrives.
const desc = (proto, prop) => Object.getOwnPropertyDescriptor(proto, prop);
const SETTERS = {
  input: desc(HTMLInputElement.prototype, 'value').set,
  textarea: desc(HTMLTextAreaElement.prototype, 'value').set,
  select: desc(HTMLSelectElement.prototype, 'value').set,
  checked: desc(HTMLInputElement.prototype, 'checked').set,
};
const nativeClick = HTMLElement.prototype.click;
const nativeFocus = HTMLElement.prototype.focus;
const nativeBlur = HTMLElement.prototype.blur;

const LOOKUP_TIMEOUT_MS = 3000;
const POLL_MS = 60;
const CLOSE_WAIT_MS = 600; // a list closing by itself (an animation) before we close it
const MAX_LIST_CANDIDATES = 2000; // changed elements looked at for an option list left open
// Escape as a keyboard sends it: widgets written against the legacy fields (React's `which`,
// KDesign, older Kingdee scripts) read `keyCode`, not `key`.
const ESCAPE = { key: 'Escape', code: 'Escape', keyCode: 27, which: 27 };
const TOKEN_SPLIT = /[\s/|,，()（）[\]【】:：]+/;
// A row that offers to create a record (Kingdee's basedata dropdown starts with 新增, often
// echoing what was typed): choosing it starts a new record instead of picking the existing one.
const CREATE_ROW = /^[+＋]?\s*(新增|新建|添加|创建|(add|new|create)(?![\w-]))/i;
const MAX_OPTION_SCAN = 3000;

// A plan stops where it is when the helper leaves the page: its next wait never ends.
const sleep = (ms) => sleepUntilTeardown(signal, ms);

/** A couple of animation frames and a short idle: the framework has re-rendered by then. */
async function settle(win = window) {
  for (let i = 0; i < 2; i++) {
    // Hidden tabs run no animation frames: never wait on one alone.
    await new Promise((r) => { const t = later(signal, r, 50); win.requestAnimationFrame(() => { clearTimeout(t); if (!signal.aborted) r(); }); });
  }
  await new Promise((r) => (win.requestIdleCallback
    ? win.requestIdleCallback(() => { if (!signal.aborted) r(); }, { timeout: 200 }) : later(signal, r, 50)));
}

const EVENT_INIT = { bubbles: true, composed: true, cancelable: true };

function fire(el, type, Ctor = Event, extra = {}) {
  const win = el.ownerDocument.defaultView || window;
  const C = (win[Ctor.name] || Ctor);
  el.dispatchEvent(new C(type, { ...EVENT_INIT, ...extra }));
}

function fireInput(el, data) {
  fire(el, 'input', InputEvent, { inputType: 'insertText', data: data ?? null, cancelable: false });
}

function focusEl(el) {
  let focused = false;
  const on = () => { focused = true; };
  el.addEventListener('focus', on, { once: true });
  try { nativeFocus.call(el, { preventScroll: true }); } catch { /* not focusable */ }
  el.removeEventListener('focus', on);
  // A window without focus (background tab) gets no focus events: send what a click would.
  if (!focused) { fire(el, 'focus', FocusEvent, { bubbles: false }); fire(el, 'focusin', FocusEvent); }
}

function blurEl(el) {
  let blurred = false;
  const on = () => { blurred = true; };
  el.addEventListener('blur', on, { once: true });
  try { nativeBlur.call(el); } catch { /* ignore */ }
  el.removeEventListener('blur', on);
  if (!blurred) { fire(el, 'blur', FocusEvent, { bubbles: false }); fire(el, 'focusout', FocusEvent); }
}

function pointAt(el) {
  const r = el.getBoundingClientRect();
  return { clientX: r.left + r.width / 2, clientY: r.top + Math.min(r.height / 2, 12) };
}

/** The event sequence of a person's click (some widgets act on mousedown, some on click). */
function personClick(el) {
  const p = { ...pointAt(el), button: 0, view: el.ownerDocument.defaultView };
  const P = typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
  fire(el, 'pointerover', P, { ...p, pointerType: 'mouse' });
  fire(el, 'mouseover', MouseEvent, p);
  fire(el, 'pointerdown', P, { ...p, pointerType: 'mouse', buttons: 1 });
  fire(el, 'mousedown', MouseEvent, { ...p, buttons: 1 });
  fire(el, 'pointerup', P, { ...p, pointerType: 'mouse' });
  fire(el, 'mouseup', MouseEvent, p);
  fire(el, 'click', MouseEvent, { ...p, detail: 1 });
}

function setNativeValue(el, value) {
  const setter = el.localName === 'textarea' ? SETTERS.textarea
    : el.localName === 'select' ? SETTERS.select : SETTERS.input;
  setter.call(el, value);
}

function isEditable(el) {
  return el.localName === 'input' || el.localName === 'textarea' || el.isContentEditable;
}

function guard(el) {
  if (el.disabled || el.getAttribute('aria-disabled') === 'true') return 'disabled';
  return null;
}

// --- step kinds --------------------------------------------------------------------------------

async function setText(el, value) {
  // Exactly as the plan gives it: Rust trimmed fill values already, and an undo's value is the
  // page's earlier text, which must come back verbatim (spaces included).
  const v = String(value ?? '');
  if (el.readOnly || el.getAttribute('aria-readonly') === 'true') return 'read-only';
  focusEl(el);
  if (el.isContentEditable && !('value' in el)) {
    el.textContent = v;
    fireInput(el, v);
  } else {
    setNativeValue(el, v);
    fireInput(el, v);
    fire(el, 'change');
  }
  blurEl(el);
  return null;
}

async function selectNative(el, step) {
  const opts = Array.from(el.options);
  let opt = null;
  const want = clean(step.value);
  if (step.optionValue != null) opt = opts.find((o) => o.value === String(step.optionValue));
  if (!opt) opt = opts.find((o) => clean(o.text) === want);
  if (!opt && want) opt = opts.find((o) => o.value === want);
  if (!opt && step.action === 'lookup') {
    // A lookup drawn as a native select: its code is the option's value or a token of its text.
    const code = clean(step.match ?? step.value);
    opt = opts.find((o) => o.value === code) || opts.find((o) => matches(o.text, code, false));
  }
  if (!opt) return 'no-match';
  focusEl(el);
  setNativeValue(el, opt.value);
  fireInput(el, null);
  fire(el, 'change');
  blurEl(el);
  return null;
}

/** Polls `done()` until it holds or `ms` pass (frameworks re-render after the event). */
async function until(done, ms) {
  const started = Date.now();
  for (;;) {
    if (done()) return true;
    if (Date.now() - started >= ms) return false;
    await sleep(20);
  }
}

async function check(el, want) {
  if (el.localName !== 'input') return checkAria(el, want);
  const state = () => el.checked;
  if (state() === want) return null;
  if (el.type === 'radio' && !want) {
    return null; // a radio is unchecked by checking another; the plan names that one
  }
  focusEl(el);
  try { nativeClick.call(el); } catch { personClick(el); }
  await sleep(0);
  if (state() !== want) {
    SETTERS.checked.call(el, want);
    fire(el, 'input');
    fire(el, 'change');
  }
  blurEl(el);
  return state() === want ? null : 'did-not-stick';
}

/**
 * An ARIA checkbox, switch or radio (no native input): only the page's own handler can change
 * it, so do what a person does — click it (pointer, mouse and click events: widgets act on
 * any of them), then, if nothing changed, press Space as the ARIA pattern says; read
 * `aria-checked` back after each.
 */
async function checkAria(el, want) {
  const state = () => el.getAttribute('aria-checked') === 'true';
  if (state() === want) return null;
  if ((el.getAttribute('role') || '').toLowerCase() === 'radio' && !want) return null;
  try { el.scrollIntoView({ block: 'nearest' }); } catch { /* detached */ }
  focusEl(el);
  personClick(el);
  if (!(await until(() => state() === want, 400))) {
    fire(el, 'keydown', KeyboardEvent, { key: ' ', code: 'Space' });
    fire(el, 'keyup', KeyboardEvent, { key: ' ', code: 'Space' });
    await until(() => state() === want, 400);
  }
  blurEl(el);
  return state() === want ? null : 'did-not-stick';
}

// --- lookups: type, wait for options, choose the exact one --------------------------------------

const tokensOf = (text) => text.split(TOKEN_SPLIT).filter(Boolean);

function matches(text, want, whole) {
  const t = clean(text);
  if (!t) return false;
  if (t === want) return true;
  return !whole && tokensOf(t).includes(want);
}

/** Watches what the page adds or reveals while a lookup runs: its options are among them. */
function watchChanges(el) {
  // Ends with the step (`stop()`) or with the helper.
  const life = scope();
  const changed = new Set();
  const roots = new Set([el.ownerDocument]);
  const r = el.getRootNode();
  if (r !== el.ownerDocument) roots.add(r);
  const mo = boundTo(life.signal, new MutationObserver((records) => {
    for (const m of records) {
      if (m.type === 'childList') {
        for (const n of m.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) changed.add(n);
      } else if (m.target.nodeType === Node.ELEMENT_NODE) {
        changed.add(m.target);
      }
    }
  }));
  for (const root of roots) {
    mo.observe(root, { childList: true, subtree: true, attributes: true,
      attributeFilter: ['style', 'class', 'hidden', 'aria-hidden', 'aria-expanded', 'open'] });
  }
  return { changed, roots, stop: life.end };
}

/** Whether `n` belongs to the control's own widget (its mirror text, its chosen-value span). */
function inWidget(n, el, box) {
  if (n === el || n.contains(el) || box.contains(n) || isHelperUi(n)) return true;
  return false;
}

/**
 * Options the page shows now: ARIA options and listbox rows, and the rows of any floating list
 * that appeared (or was revealed) since the lookup began — Kingdee's basedata dropdown has no
 * roles. Returns `{count, pick}`: how many option-like rows are visible, and the first whose
 * text holds `want` exactly.
 */
function findOptions(el, box, watch, want, whole) {
  const pools = [];
  for (const root of watch.roots) {
    for (const lb of root.querySelectorAll('[role=listbox],[role=option],[role=menu],[role=tree],[role=grid]')) pools.push(lb);
  }
  for (const n of watch.changed) if (n.isConnected) pools.push(n);

  let count = 0;
  let pick = null;
  let scanned = 0;
  const seen = new Set();
  for (const pool of pools) {
    if (seen.has(pool) || inWidget(pool, el, box) || !isVisible(pool)) continue;
    seen.add(pool);
    const ariaOptions = pool.matches('[role=option]') ? [pool] : Array.from(pool.querySelectorAll('[role=option],[role=treeitem],[role=menuitem]'));
    if (ariaOptions.length) {
      for (const o of ariaOptions) {
        if (!isVisible(o) || o.getAttribute('aria-disabled') === 'true') continue;
        count++;
        if (!pick && matches(textOf(o), want, whole) && !offersToCreate(o, pool)) pick = o;
      }
      continue;
    }
    // Role-less rows: elements that carry text of their own (the deepest text-bearing
    // elements, or a row with loose text beside a child) and whose text holds the code.
    const stack = [pool];
    while (stack.length && scanned < MAX_OPTION_SCAN) {
      const n = stack.pop();
      scanned++;
      if (seen.has(n) && n !== pool) continue;
      seen.add(n);
      if (inWidget(n, el, box) || n.matches('script,style,template')) continue;
      const kids = Array.from(n.children);
      const leaf = !kids.length || kids.every((k) => !clean(k.textContent));
      if ((leaf || hasOwnText(n)) && clean(n.textContent) && isVisible(n)) {
        count++;
        if (!pick && matches(textOf(n), want, whole) && !offersToCreate(n, pool)) pick = n;
      }
      if (leaf) continue;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return { count, pick };
}

/**
 * The row an option sits in: its highest ancestor (up to the list it was found in) that is no
 * taller than one line, so `<div>+ 新增 <span>code</span></div>` is one row while the list of
 * rows is not. Rows are told by layout because their markup differs between widgets.
 */
function rowOf(n, pool) {
  const line = n.getBoundingClientRect().height;
  let row = n;
  for (let a = n.parentElement; a && a !== pool.parentElement; a = a.parentElement) {
    if (a.getBoundingClientRect().height > Math.max(line * 1.6, line + 8)) break;
    row = a;
  }
  return row;
}

/** Whether choosing `n` would create a record rather than choose one (新增, 新建, Add…). */
function offersToCreate(n, pool) {
  return CREATE_ROW.test(textOf(n)) || CREATE_ROW.test(textOf(rowOf(n, pool)));
}

function hasOwnText(n) {
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.TEXT_NODE && clean(c.data)) return true;
  }
  return false;
}

async function chooseFromList(el, step, { type, whole }) {
  const want = clean(step.match ?? step.value);
  if (!want) return 'no-match';
  const box = widgetBox(el);
  const before = 'value' in el ? el.value : null;
  const watch = watchChanges(el);
  try {
    el.scrollIntoView({ block: 'nearest' });
    personClick(el);
    focusEl(el);
    if (type && isEditable(el) && !el.readOnly) {
      const q = String(step.query ?? want); // as the plan gives it, like `set`
      const last = q.slice(-1);
      fire(el, 'keydown', KeyboardEvent, { key: last });
      setNativeValue(el, q);
      fireInput(el, q);
      fire(el, 'keyup', KeyboardEvent, { key: last });
    }
    const started = Date.now();
    let nudged = false;
    let lastCount = 0;
    while (Date.now() - started < (step.timeoutMs || LOOKUP_TIMEOUT_MS)) {
      await sleep(POLL_MS);
      if (!el.isConnected) return 'not-found';
      const { count, pick } = findOptions(el, box, watch, want, whole);
      lastCount = count;
      if (pick) {
        pick.scrollIntoView({ block: 'nearest' });
        personClick(pick);
        await sleep(POLL_MS);
        await leaveClosed(el, box, watch, { graceMs: CLOSE_WAIT_MS });
        return null;
      }
      // Many comboboxes open on ArrowDown when typing alone did not show the list.
      if (!nudged && count === 0 && Date.now() - started > 1000) {
        nudged = true;
        fire(el, 'keydown', KeyboardEvent, { key: 'ArrowDown', code: 'ArrowDown' });
        fire(el, 'keyup', KeyboardEvent, { key: 'ArrowDown', code: 'ArrowDown' });
      }
    }
    // Leave the control as it was found: close the list, take the typed query back out.
    pressEscape(el);
    if (before !== null && el.value !== before) {
      setNativeValue(el, before);
      fireInput(el, null);
    }
    blurEl(el);
    await leaveClosed(el, box, watch);
    return lastCount ? 'no-match' : 'no-options';
  } finally {
    watch.stop();
  }
}

/**
 * Empties a lookup or custom select the way a person does — its own × if it has one, else
 * deleting the text — then leaves its list closed: an × or a focus often opens the list
 * (KDesign's select does), and a person would close it again.
 */
async function clearControl(el) {
  const box = widgetBox(el);
  const watch = watchChanges(el);
  try {
    const { error, typed } = await emptyControl(el, box);
    // A list the clearing opened may show only once the page has re-rendered.
    await settle(el.ownerDocument.defaultView || window);
    await leaveClosed(el, box, watch, { blur: typed });
    return error;
  } finally {
    watch.stop();
  }
}

async function emptyControl(el, box) {
  // The widget's own clear affordance (an ×), revealed on hover in most libraries.
  fire(box, 'mouseover', MouseEvent);
  fire(box, 'mouseenter', MouseEvent, { bubbles: false });
  await sleep(POLL_MS);
  const clearer = Array.from(box.querySelectorAll('*')).find((n) => n !== el && !n.contains(el) &&
    /clear|清除|清空/i.test([typeof n.className === 'string' ? n.className : '', n.getAttribute('aria-label') || '',
      n.getAttribute('title') || ''].join(' ')));
  if (clearer) {
    personClick(clearer);
    await sleep(POLL_MS);
    if (!clean(valueOf(el))) return { error: null, typed: false };
  }
  if (el.readOnly && !el.isContentEditable) return { error: clearer ? 'did-not-stick' : 'read-only', typed: false };
  focusEl(el);
  fire(el, 'keydown', KeyboardEvent, { key: 'Backspace', code: 'Backspace', keyCode: 8, which: 8 });
  if (el.isContentEditable && !('value' in el)) el.textContent = '';
  else setNativeValue(el, '');
  fire(el, 'input', InputEvent, { inputType: 'deleteContentBackward', cancelable: false });
  fire(el, 'keyup', KeyboardEvent, { key: 'Backspace', code: 'Backspace', keyCode: 8, which: 8 });
  fire(el, 'change');
  return { error: null, typed: true }; // blurred by leaveClosed, after its list is closed
}

// --- leaving a lookup closed ------------------------------------------------------------------

function pressEscape(el) {
  fire(el, 'keydown', KeyboardEvent, ESCAPE);
  fire(el, 'keyup', KeyboardEvent, ESCAPE);
}

const isFocused = (el) => el.ownerDocument.activeElement === el || el.getRootNode().activeElement === el;

/**
 * The nearest box that floats above the page (absolutely or fixed positioned, or an ARIA popup
 * role) holding `n`, below `<body>`; memoised per call in `seen`.
 */
function floatingBox(n, seen) {
  const path = [];
  let found = null;
  for (let a = n, i = 0; a && i < 12; a = a.parentElement, i++) {
    if (a.localName === 'body' || a.localName === 'html') break;
    if (seen.has(a)) { found = seen.get(a); break; }
    path.push(a);
    const role = a.getAttribute('role');
    if (role === 'listbox' || role === 'menu' || role === 'tree' || role === 'grid') { found = a; break; }
    const pos = a.ownerDocument.defaultView.getComputedStyle(a).position;
    if (pos === 'absolute' || pos === 'fixed') { found = a; break; }
  }
  for (const a of path) seen.set(a, found);
  return found;
}

/** Whether a floating box shows rows a person could choose: visible elements with text. */
function showsRows(list) {
  if (!list.isConnected || !isVisible(list)) return false;
  const walker = list.ownerDocument.createTreeWalker(list, NodeFilter.SHOW_ELEMENT);
  let looked = 0;
  for (let n = list; n && looked < 200; n = walker.nextNode(), looked++) {
    if (n.firstElementChild || n.matches('script,style,template')) continue;
    if (clean(n.textContent) && isVisible(n)) return true;
  }
  return false;
}

/**
 * Option lists open now that opened or changed while the step ran: floating boxes outside the
 * control's own widget that show rows (a component library's popper, Kingdee's role-less
 * basedata panel, an ARIA listbox).
 */
function openLists(el, box, watch) {
  const seen = new Map();
  const lists = new Set();
  let looked = 0;
  for (const n of watch.changed) {
    if (looked++ >= MAX_LIST_CANDIDATES) break;
    if (!n.isConnected) continue;
    const list = floatingBox(n, seen);
    if (list && !lists.has(list) && !inWidget(list, el, box)) lists.add(list);
  }
  return [...lists].filter(showsRows);
}

/**
 * Leaves the control as a person leaves it after choosing or clearing: its list closed and the
 * focus gone. A list still shown (after `graceMs` for one closing by itself) gets Escape on the
 * control, as a person presses it; one that ignores Escape gets a click on an empty spot of the
 * page. Escape is sent only while a list is open: some widgets clear their choice on an Escape
 * with the list closed. `blur`: blur even if the control does not hold the focus (a window
 * without focus got synthetic focus events; the page still waits for its blur to commit).
 */
async function leaveClosed(el, box, watch, { graceMs = 0, blur = false } = {}) {
  // Looked at afresh each time: a widget may replace its list (a debounced search redraws it).
  const closed = () => openLists(el, box, watch).length === 0;
  let open = !closed();
  if (open && graceMs) open = !(await until(closed, graceMs));
  if (open && el.isConnected) pressEscape(el);
  if (el.isConnected && (blur || isFocused(el))) blurEl(el);
  if (!open || await until(closed, CLOSE_WAIT_MS)) return;
  const doc = el.ownerDocument;
  personClick(doc.body || doc.documentElement);
  await until(closed, CLOSE_WAIT_MS);
}

async function runStep(el, step) {
  // Defence in depth (the plan already refuses): a secret goes only into a real input or
  // textarea, never into a contenteditable or other page-drawn element.
  if (step.secret && el.localName !== 'input' && el.localName !== 'textarea') return 'not-secret-input';
  const blocked = guard(el);
  if (blocked) return blocked;
  switch (step.action) {
    case 'set':
      if (el.localName === 'select') return selectNative(el, step);
      return setText(el, step.value);
    case 'lookup':
      if (el.localName === 'select') return selectNative(el, step);
      return chooseFromList(el, step, { type: true, whole: false });
    case 'select':
      if (el.localName === 'select') return selectNative(el, step);
      return chooseFromList(el, { ...step, match: step.value }, { type: false, whole: true });
    case 'check':
      return check(el, !!step.checked);
    case 'clear':
      if (el.localName === 'select') return selectNative(el, { value: '', optionValue: '' });
      return clearControl(el);
    default:
      return 'unknown-action';
  }
}

/** What the control holds now, in the terms of the step that touched it. */
function readBack(el, step) {
  if (!el || !el.isConnected) return null;
  if (step.action === 'check') {
    return el.localName === 'input' ? !!el.checked : el.getAttribute('aria-checked') === 'true';
  }
  if (el.localName === 'select') {
    const o = el.selectedOptions[0];
    if (!o) return '';
    return step.optionValue != null ? o.value : clean(o.text);
  }
  // A lookup or custom select shows its choice beside its input, whatever kind it was taken for.
  if (step.action === 'lookup' || step.action === 'select' || step.action === 'clear') return shownValue(el);
  return valueOf(el);
}

/**
 * Runs `plan.steps` in order against the elements of the collection the plan was made from,
 * then reads every touched control back after the page settles. Never touches a control that
 * is not in the plan.
 */
export async function execute(plan, elementFor) {
  const steps = Array.isArray(plan && plan.steps) ? plan.steps : [];
  const ran = [];
  for (const step of steps) {
    const el = elementFor(step.controlId);
    if (!el) { ran.push({ step, el: null, error: 'not-found' }); continue; }
    let error = null;
    try {
      error = await runStep(el, step);
    } catch {
      error = 'exception'; // the message could quote a value: never pass it on
    }
    ran.push({ step, el, error });
  }
  await settle();
  await sleep(150);
  return ran.map(({ step, el, error }) => {
    const r = { controlId: step.controlId, ok: !error, readBack: el ? readBack(el, step) : null };
    if (error) r.error = error;
    return r;
  });
}
