//! The SPA observer and the bar's driver. Watches this frame's document (and the open shadow roots
//! and helper-less same-origin frames the collector finds) cheaply: mutations only mark the page
//! dirty when something form-related changed, and the work runs debounced in idle time with
//! back-off on churn. Each run collects a snapshot and asks the worker which forms it holds; a
//! recognised form gets a bar in the document that holds it. Fill, undo and the bar's other
//! actions start only from the bar's trusted clicks. Every registration lives as long as the
//! helper (lifetime.js): a failed message that says the extension is gone tears it all down.
import { createBar } from './bar.js';
import { testButton, watch as watchForAnswer } from './connection-watch.js';
import { CONTROL_SELECTOR, hasControls, helperlessChildDocs, isHelperUi, isVisible, shadowRootsUnder } from './dom.js';
import { execute } from './execute.js';
import { alive, boundTo, later, onAbort, signal, teardown } from './lifetime.js';

const DEBOUNCE_MS = 150;
const MAX_DEBOUNCE_MS = 2000;
const IDLE_TIMEOUT_MS = 500;
const CHURN_WINDOW_MS = 5000;
const CHURN_RUNS = 6;
const PROBE_DELAYS_MS = [1000, 2500, 5000, 10000, 20000]; // late shadow roots, frames

const WATCHED_ATTRS = ['type', 'disabled', 'readonly', 'hidden', 'style', 'class', 'aria-hidden',
  'role', 'for', 'aria-label', 'aria-labelledby', 'placeholder', 'open', 'id', 'contenteditable',
  'aria-checked'];
const MATTERS = CONTROL_SELECTOR + ',label,iframe,frame';

/**
 * The entry point's `{collect}` (api.js): the agent collects through it, so whatever wraps the
 * collector there sees each of the agent's collections.
 */
let api = null;
let dirty = false;
let timer = 0;
let idleHandle = 0;
let running = false;
let rerun = false;
let busy = false; // a fill/undo is running: our own writes must not re-plan the bar
let debounce = DEBOUNCE_MS;
const recentRuns = [];
// A page whose collection runs over its time budget (collect().overBudget) is looked at less
// often, doubling up to a few seconds apart; a collection within budget resets it.
const MAX_SLOW_DEBOUNCE_MS = 8000;
let slowDebounce = 0;
let lastSignature = '';
/**
 * Labels of texts that recognise a form even without controls (the worker's word, from the
 * Rust specs: `x-acgw-identity`); `null` until the first answer. Only such texts are sent for
 * recognition, and never their values.
 */
let textLabels = null;
/** key (form + container) → {bar, recognised, rows, offers, phase, history, overwrite, instance, doc} */
const bars = new Map();

// --- watching -------------------------------------------------------------------------------------
// The observer runs for every mutation the page makes, often thousands a frame on a live
// dashboard: each record is judged by the cheapest checks first (its target's first child, a
// tag name, a WeakSet), and a selector is matched only on an element that could be a control,
// a label or a frame. A record's node lists are read only when its target can have gained an
// element or held something we collected: merely reading `addedNodes`/`removedNodes` costs
// more than every other check together (measured: ~0.7 ms a frame for 1000 records).

const observed = new WeakSet();
const observer = boundTo(signal, new MutationObserver((records) => {
  if (!alive() || dirty) return;
  batchNow = 0;
  for (const m of records) {
    if (isRelevant(m)) { markDirty(); return; }
  }
}));
let batchNow = 0; // Date.now() once per observer callback, taken only when needed

function observe(root) {
  if (!root || observed.has(root)) return;
  observed.add(root);
  try {
    observer.observe(root, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRS,
    });
  } catch { /* a root from a frame that went away */ }
}

/**
 * Nodes whose text the last collection read as a label or a heading, and the elements inside
 * them: a framework that rewrites a caption in place (a text node's data, or a label's text
 * replaced) changes which field a control is, or which form a page shows.
 */
let captionNodes = new WeakSet();
const MAX_CAPTION_INNER = 30; // elements inside one caption (`label > span > b`) kept with it
/**
 * Every ancestor (across shadow roots) of what the last collection found — its controls and
 * the captions they were read from: only under these can a removal take something we showed
 * a bar for. Anything new is seen by what is added, wherever it is.
 */
let holders = new WeakSet();

function noteCollected(col) {
  captionNodes = new WeakSet();
  for (const n of col.captions || []) {
    captionNodes.add(n);
    if (n.nodeType !== Node.ELEMENT_NODE || !n.firstElementChild) continue;
    const inner = n.getElementsByTagName('*');
    for (let i = 0; i < inner.length && i < MAX_CAPTION_INNER; i++) captionNodes.add(inner[i]);
  }
  holders = new WeakSet();
  // Up through shadow roots to their hosts, and out of a helper-less frame to its element.
  const parentOf = (a) => a.parentNode || a.host || (a.nodeType === Node.DOCUMENT_NODE && a !== document ? frameOf(a) : null);
  const up = (n) => {
    for (let a = parentOf(n); a && !holders.has(a); a = parentOf(a)) holders.add(a);
  };
  for (const c of col.snapshot.controls) {
    const el = col.elementFor(c.id);
    if (el) up(el);
  }
  for (const n of col.captions || []) up(n);
}

/** A caption, in one: a text node's own entry or its element's, an element's own. */
function inCaption(node) {
  return captionNodes.has(node) || (node.nodeType !== Node.ELEMENT_NODE && !!node.parentNode && captionNodes.has(node.parentNode));
}

// Tags that can match MATTERS without a `role` or `contenteditable` attribute.
const MATTER_TAGS = new Set(['input', 'textarea', 'select', 'label', 'iframe', 'frame']);
/** Whether the element itself could match MATTERS: a tag or attribute test before the selector. */
const couldMatter = (el) => MATTER_TAGS.has(el.localName) || el.hasAttribute('role') || el.hasAttribute('contenteditable');

/** Our bar's host (its content lives in a shadow root this observer never sees). */
const isOurHost = (n) => n.hasAttribute('data-fapiao-helper');

/** An added or removed node that may bring or take a form: a control, a label, a frame, a host. */
function mayMatter(n) {
  if (n.nodeType !== Node.ELEMENT_NODE || isOurHost(n)) return false;
  if (n.shadowRoot || n.localName.includes('-')) return true; // a host may hold a form
  if (couldMatter(n) && n.matches(MATTERS)) return true;
  return !!n.firstElementChild && !!n.querySelector(MATTERS);
}

function isRelevant(m) {
  const t = m.target;
  if (m.type === 'characterData') return inCaption(t);
  if (m.type === 'childList') return childListMatters(m);
  // Attributes. An element with no element children that is not itself a control, a label or a
  // frame can neither be nor show one: its class or style flickering (an animation, a ticker)
  // is dismissed before any selector or clock is touched.
  if (t.nodeType !== Node.ELEMENT_NODE) return false;
  const self = couldMatter(t);
  if (!self && !t.firstElementChild && !t.shadowRoot) return false;
  if (isOurHost(t)) return false;
  if (self && t.matches(MATTERS)) return !ours(t);
  // Showing or hiding a container that holds controls (an SPA switching tabs) matters; the
  // same container's class flickering for an animation does not: look whether it changed
  // what is shown, a little later and once for the whole burst.
  if (m.attributeName === 'style' || m.attributeName === 'class' || m.attributeName === 'hidden' ||
      m.attributeName === 'aria-hidden' || m.attributeName === 'open') {
    const first = firstControl(t);
    if (first && !ours(t)) watchVisibility(first);
  }
  return false;
}

function frameOf(doc) {
  try { return doc.defaultView && doc.defaultView.frameElement; } catch { return null; }
}

function childListMatters(m) {
  const t = m.target;
  // Text replaced under a caption (`label.textContent = …`), or put into a label.
  if ((inCaption(t) || t.localName === 'label') && !ours(t)) return true;
  // A target without element children now gained none that stayed (one added and taken away
  // again in the same burst changed nothing).
  if (t.firstElementChild) {
    for (const n of m.addedNodes) if (mayMatter(n)) return !ours(t);
  }
  // Something we found may have been taken away only from what held it; our bar lives in a
  // document's body (or root).
  if (!holders.has(t) && t.localName !== 'body' && t.localName !== 'html') return false;
  for (const n of m.removedNodes) {
    if (n.nodeType !== Node.ELEMENT_NODE) continue;
    // The page took our bar away while its form is still shown: put it back.
    if (isOurHost(n)) {
      if ([...bars.values()].some((s) => s.shown && s.bar.host === n)) return true;
      continue;
    }
    if (mayMatter(n)) return !ours(t);
  }
  return false;
}

const ours = (n) => n.nodeType === Node.ELEMENT_NODE && isHelperUi(n);

// Animations toggle class/style on the same containers many times a second: remember for a
// moment which control a container holds first instead of searching its subtree every time.
const firstCache = new WeakMap();
function firstControl(el) {
  const now = batchNow || (batchNow = Date.now());
  const hit = firstCache.get(el);
  if (hit && now - hit.at < 1000) return hit.first;
  const first = el.querySelector(CONTROL_SELECTOR) ||
    (el.shadowRoot ? el.shadowRoot.querySelector(CONTROL_SELECTOR) : null);
  firstCache.set(el, { at: now, first });
  return first;
}

const lastShown = new WeakMap();
const toProbe = new Set();
let probeTimer = 0;
function watchVisibility(control) {
  toProbe.add(control);
  if (!probeTimer) probeTimer = later(signal, probeVisibility, 200);
}

function probeVisibility() {
  probeTimer = 0;
  let changed = false;
  for (const c of toProbe) {
    const shown = c.isConnected && isVisible(c);
    if (lastShown.get(c) !== shown) { lastShown.set(c, shown); changed = true; }
  }
  toProbe.clear();
  if (changed && alive()) markDirty();
}

function markDirty() {
  dirty = true;
  schedule();
}

function schedule() {
  clearTimeout(timer);
  timer = later(signal, () => {
    const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 1));
    if (idleHandle && globalThis.cancelIdleCallback) cancelIdleCallback(idleHandle);
    idleHandle = idle(() => { idleHandle = 0; run(); }, { timeout: IDLE_TIMEOUT_MS });
  }, debounce);
}

/** Back off while the page churns (runs back to back); relax again when it calms down. */
function noteRun() {
  const now = Date.now();
  recentRuns.push(now);
  while (recentRuns.length && now - recentRuns[0] > CHURN_WINDOW_MS) recentRuns.shift();
  debounce = recentRuns.length >= CHURN_RUNS ? Math.min(debounce * 2, MAX_DEBOUNCE_MS) : DEBOUNCE_MS;
  debounce = Math.max(debounce, slowDebounce);
}

// --- recognition runs -----------------------------------------------------------------------------

async function run() {
  if (!alive()) return;
  if (running || busy) { rerun = true; return; }
  running = true;
  dirty = false;
  noteRun();
  try {
    await recogniseNow();
  } catch (e) {
    if (isContextGone(e)) teardown();
  } finally {
    running = false;
    if (rerun && alive()) { rerun = false; markDirty(); }
  }
}

function mayHoldControls() {
  if (hasControls(document)) return true;
  return shadowRootsUnder(document.documentElement, 1, []).some((r) => r.querySelector(CONTROL_SELECTOR)) ||
    helperlessChildDocs(document, []).length > 0;
}

async function recogniseNow() {
  if (!document.documentElement) return;
  const wantTexts = !!(textLabels && textLabels.length);
  // A page without controls is asked about once (to learn textLabels), then only for texts.
  if (!mayHoldControls() && textLabels !== null && !wantTexts) {
    lastSignature = '';
    for (const key of [...bars.keys()]) dropBar(key);
    return;
  }
  const col = api.collect(wantTexts ? { textLabels } : {});
  slowDebounce = col.overBudget ? Math.min(Math.max(slowDebounce * 2, 1000), MAX_SLOW_DEBOUNCE_MS) : 0;
  debounce = Math.max(debounce, slowDebounce);
  for (const root of col.roots) observe(root);
  noteCollected(col);
  const texts = col.snapshot.texts || [];
  const signature = JSON.stringify([col.snapshot.headings, col.snapshot.controls, texts]);
  if (signature === lastSignature && [...bars.values()].every((s) => !s.shown || s.bar.connected)) return;
  lastSignature = signature;
  if (!col.snapshot.controls.length && !texts.length && textLabels !== null) {
    for (const key of [...bars.keys()]) dropBar(key);
    return;
  }
  const reply = await send({ type: 'recognise', snapshot: col.snapshot });
  if (!reply || !Array.isArray(reply.forms)) return;
  noteTextLabels(reply.textLabels);
  if (reply.connectionWatch && typeof reply.connectionWatch === 'object') connectionSetup = reply.connectionWatch;
  if (Array.isArray(reply.saveButtons)) saveButtons = reply.saveButtons.filter((b) => typeof b === 'string');
  reconcile(reply.forms, col);
}

/** Takes the worker's text labels; a new list means looking again, with those texts. */
function noteTextLabels(list) {
  if (!Array.isArray(list)) return;
  const next = list.filter((l) => typeof l === 'string' && l.trim()).slice(0, 20);
  if (JSON.stringify(next) === JSON.stringify(textLabels)) return;
  textLabels = next;
  if (next.length) { lastSignature = ''; rerun = true; }
}

const keyOf = (f) => `${f.form}\u0000${f.container ?? ''}`;

function reconcile(forms, col) {
  const seen = new Set();
  const byId = new Map(col.snapshot.controls.map((c) => [c.id, c]));
  for (const f of forms) {
    const key = keyOf(f);
    if (seen.has(key)) continue;
    seen.add(key);
    const found = (f.fields || []).filter((x) => x.found && x.controlId);
    // A form recognised by a text it shows (no field drawn as a control) lives where that text is.
    const textIds = Array.isArray(f.texts) ? f.texts.filter((id) => typeof id === 'string') : [];
    const instance = [...found.map((x) => x.controlId), ...textIds].sort().join(',');
    const visible = found.some((x) => byId.get(x.controlId) && byId.get(x.controlId).visible !== false) ||
      textIds.some((id) => { const el = col.elementFor(id); return !!el && isVisible(el); });
    const doc = documentHolding([...found.map((x) => x.controlId), ...textIds], col);
    let state = bars.get(key);
    // The same form closed and opened again has all-new elements: start over. A framework
    // that re-renders one field keeps the others, and the bar keeps its results.
    if (state && (state.doc !== doc || !overlaps(state.instance, instance))) { dropBar(key); state = null; }
    if (!state) {
      state = { key, doc, instance, recognised: f, phase: 'predicted', history: [], overwrite: new Set(),
        rows: [], offers: [], shown: false, busy: false, status: '', problems: [], connection: null };
      listenForValues(doc);
      state.bar = createBar(doc, f.form, {
        onCommand: (cmd, detail) => command(state, cmd, detail),
        // The form's elements left the screen (a dialog closing, a tab switched): when none of
        // them is shown any more the bar goes at once, with its form; the next run decides.
        onAnchorsChanged: (elements) => {
          if (!alive()) return;
          if (state.shown && elements.length && elements.every((e) => !e.isConnected || !isVisible(e))) {
            state.shown = false;
            state.bar.host.remove();
            lastSignature = ''; // the next run reconciles even if the page looks the same
          }
          markDirty();
        },
      });
      bars.set(key, state);
    }
    state.recognised = f;
    state.instance = instance;
    state.offers = f.offers || ['fill', 'undo'];
    if (state.phase === 'predicted' || state.phase === 'undone') state.rows = predictedRows(f);
    // The page's values are judged on every look, before and after 填充.
    state.problems = Array.isArray(f.problems) ? f.problems : [];
    state.elements = found.map((x) => col.elementFor(x.controlId)).filter(Boolean);
    for (const e of state.elements) valueControls.add(e);
    state.shown = visible;
    state.bar.anchor([...found.map((x) => col.elementFor(x.controlId)), ...textIds.map((id) => col.elementFor(id))]);
    if (visible) state.bar.reattach(); else state.bar.host.remove();
    render(state);
  }
  for (const [key, state] of [...bars]) {
    if (seen.has(key)) continue;
    // A form that is only hidden (another SPA tab in front) keeps its bar's state for when it
    // comes back; a form whose controls are gone (tab closed) is forgotten.
    const stillThere = state.instance && state.instance.split(',').some((id) => col.elementFor(id));
    if (stillThere) { state.shown = false; state.bar.host.remove(); } else dropBar(key);
  }
}

function overlaps(a, b) {
  if (!a || !b) return a === b;
  const set = new Set(a.split(','));
  return b.split(',').some((id) => set.has(id));
}

/** The document holding most of the form's controls (a helper-less child frame's, maybe). */
function documentHolding(ids, col) {
  const counts = new Map();
  for (const id of ids) {
    const el = col.elementFor(id);
    if (el) counts.set(el.ownerDocument, (counts.get(el.ownerDocument) || 0) + 1);
  }
  let best = document, n = 0;
  for (const [d, c] of counts) if (c > n) { best = d; n = c; }
  return best;
}

/** Rows before a fill: the worker's prediction per field (no value ever travels here). */
function predictedRows(f) {
  const predicted = new Map((f.rows || []).map((r) => [r.field, r]));
  return (f.fields || []).map((x) => {
    const p = predicted.get(x.field) || {};
    const outcome = p.planned ? undefined : (p.outcome || (x.found ? undefined : 'not-found'));
    return { field: x.field, outcome, code: p.code, message: p.message, rule: x.rule };
  });
}

function dropBar(key) {
  const s = bars.get(key);
  if (!s) return;
  s.bar.remove();
  bars.delete(key);
}

function render(state) {
  const problems = new Map((state.problems || []).map((p) => [p.field, p]));
  const rows = state.rows.map((r) => {
    const p = problems.get(r.field);
    return p ? { ...r, problem: p.problem, problemMessage: p.message } : r;
  });
  state.bar.render({
    phase: state.phase, busy: state.busy, offers: state.offers, rows, status: state.status,
    canUndo: state.history.length > 0, connection: state.connection,
  });
}

// --- the page's values and its 连接测试 -------------------------------------------------------------

/** Controls of recognised forms: typing in one re-asks the worker (its problems may change). */
let valueControls = new WeakSet();
const listened = new WeakSet();
/** The worker's `connectionWatch`: 连接测试 button texts, forms that have it, how long to wait. */
let connectionSetup = null;
let stopConnectionWatch = null;

function listenForValues(doc) {
  if (listened.has(doc)) return;
  listened.add(doc);
  const onValue = (e) => {
    if (alive() && e.target && valueControls.has(e.target)) markDirty();
  };
  doc.addEventListener('input', onValue, { capture: true, signal });
  doc.addEventListener('change', onValue, { capture: true, signal });
  doc.addEventListener('click', onClick, { capture: true, signal });
  doc.addEventListener('click', onSaveClick, { capture: true, signal });
}

/** The bar a 连接测试 button belongs to: a shown bar of a form with 连接测试, the nearest first. */
function barForButton(button) {
  const forms = Array.isArray(connectionSetup && connectionSetup.forms) ? connectionSetup.forms : [];
  const candidates = [...bars.values()].filter((s) => s.shown && s.doc === button.ownerDocument &&
    forms.includes(s.recognised && s.recognised.spec));
  if (candidates.length < 2) return candidates[0] || null;
  // The form sharing the deepest ancestor with the button: its own toolbar, not another tab's.
  const distance = (state) => {
    const elements = state.elements || [];
    for (let a = button, d = 0; a; a = a.parentNode || a.host, d++) {
      if (a.contains && elements.some((e) => e.isConnected && a.contains(e))) return d;
    }
    return Infinity;
  };
  return candidates.map((s) => [distance(s), s]).sort((a, b) => a[0] - b[0])[0][1];
}

function onClick(event) {
  if (!alive() || !event.isTrusted || !connectionSetup) return;
  const button = testButton(event, connectionSetup.buttons);
  if (!button) return;
  const state = barForButton(button);
  if (!state) return;
  if (stopConnectionWatch) stopConnectionWatch();
  const stop = watchForAnswer(button.ownerDocument, connectionSetup.watchMs, async (messages) => {
    let reply;
    try {
      reply = await send({ type: 'connection-answer', messages });
    } catch (e) {
      if (isContextGone(e)) teardown();
      return;
    }
    const answer = reply && reply.answer;
    if (!answer || typeof answer.cause !== 'string') return;
    // The first answer is this click's; later text is something else.
    stop();
    if (stopConnectionWatch === stop) stopConnectionWatch = null;
    state.connection = { cause: answer.cause, message: String(answer.message || '') };
    render(state);
  });
  stopConnectionWatch = stop;
}

// --- the console's own 保存: the checklist counts a save after a 填充 (the worker decides) -------------

/** Button texts that may save a form (keyed: no whitespace, lowercase): the worker's list. */
let saveButtons = [];

/** `{element, text}` of a trusted click on a control whose own short text is a save's, or null. */
function saveButtonOf(event) {
  if (!event.isTrusted || !saveButtons.length) return null;
  const path = event.composedPath();
  for (let i = 0; i < path.length && i < 5; i++) {
    const n = path[i];
    if (!n || n.nodeType !== Node.ELEMENT_NODE) continue;
    if (isHelperUi(n)) return null;
    // A container, not a button (and its text not worth reading on every click).
    if (n.childElementCount > 3) return null;
    const text = n.textContent || '';
    if (text.length > 40) return null;
    const key = text.replace(/\s+/g, '').toLowerCase();
    if (saveButtons.includes(key)) return { element: n, text: key };
  }
  return null;
}

/** The shown bar whose form shares the nearest ancestor with `button` (its pane, dialog or the page's toolbar). */
function barNearest(button) {
  let best = null;
  let bestDistance = Infinity;
  for (const state of bars.values()) {
    if (!state.shown || state.doc !== button.ownerDocument) continue;
    const elements = (state.elements || []).filter((e) => e.isConnected);
    for (let a = button, d = 0; a && d < bestDistance; a = a.parentNode || a.host, d++) {
      if (a.contains && elements.some((e) => a.contains(e))) { best = state; bestDistance = d; break; }
    }
  }
  return best;
}

function onSaveClick(event) {
  if (!alive()) return;
  const found = saveButtonOf(event);
  const state = found && barNearest(found.element);
  if (!state) return;
  send({ type: 'form-saved', form: state.recognised, button: found.text }).catch((e) => {
    if (isContextGone(e)) teardown();
  });
}

// --- commands from the bar (trusted clicks only: bar.js checks isTrusted) -------------------------------

/**
 * The status line in the bar's own words, kept as the message key (with its substitutions and
 * any text after it) so that the bar says it again in a language chosen later; the worker's
 * words (already in the chosen language) stay plain text.
 */
const said = (key, subs = [], after = '') => ({ key, subs, after });

async function command(state, cmd, detail) {
  if (state.busy || !alive()) return;
  state.busy = true;
  busy = true;
  render(state);
  try {
    if (cmd === 'fill') await fill(state);
    else if (cmd === 'overwrite') { state.overwrite.add(detail.field); await fill(state); }
    else if (cmd === 'undo') await undo(state);
    else await action(state, cmd);
  } catch (e) {
    if (isContextGone(e)) { teardown(); return; }
    state.status = (e && e.localised) || said('forms_error');
  } finally {
    state.busy = false;
    busy = false;
    render(state);
    lastSignature = ''; // our writes changed values: let the next run look again
    if (rerun) { rerun = false; markDirty(); }
  }
}

async function fill(state) {
  state.phase = 'filling';
  state.status = said('forms_working');
  render(state);
  const col = api.collect();
  const reply = await send({ type: 'fill-plan', form: state.recognised, snapshot: col.snapshot,
    overwrite: [...state.overwrite] });
  if (!reply || reply.error || !reply.plan) throw withMessage(reply && reply.error);
  const { report, results } = await runPlan(reply.plan, col);
  if (results.length) state.history.push({ plan: reply.plan, results });
  state.rows = mergeRows(state.rows, report.rows);
  state.phase = 'filled';
  const filled = state.rows.filter((r) => r.outcome === 'filled').length;
  state.status = said('forms_filled_summary', [String(filled)]);
}

/** Executes a plan on the collection it was made from and returns Rust's outcomes for it. */
async function runPlan(plan, col) {
  const results = await execute(plan, col.elementFor);
  const report = await send({ type: 'fill-report', form: plan.form, plan, results });
  if (!report || report.error || !Array.isArray(report.rows)) throw withMessage(report && report.error);
  return { report, results };
}

async function undo(state) {
  state.phase = 'undoing';
  state.status = said('forms_working');
  render(state);
  const failed = [];
  while (state.history.length) {
    const { plan, results } = state.history.pop();
    const reply = await send({ type: 'undo-plan', plan, results });
    if (!reply || reply.error || !reply.plan) throw withMessage(reply && reply.error);
    // Ids are stable while an element lives, so a fresh collection resolves the fill's ids.
    const { report } = await runPlan(reply.plan, api.collect());
    for (const r of report.rows || []) if (r.outcome === 'failed') failed.push(r.field);
  }
  state.overwrite.clear();
  state.phase = 'undone';
  // The last recognition saw the page as the fill left it: predict from the page as it is now.
  state.recognised = (await recogniseAgain(state)) || state.recognised;
  state.rows = predictedRows(state.recognised);
  state.status = said('forms_undone', [], failed.length ? `: ${failed.join('、')} ✗` : '');
}

/** This bar's form as the worker recognises it on the page now, or null. */
async function recogniseAgain(state) {
  const col = api.collect(textLabels && textLabels.length ? { textLabels } : {});
  const reply = await send({ type: 'recognise', snapshot: col.snapshot });
  const forms = reply && Array.isArray(reply.forms) ? reply.forms : [];
  return forms.find((f) => keyOf(f) === state.key) || null;
}

async function action(state, name) {
  const col = api.collect({ texts: true });
  const reply = await send({ type: 'bar-action', action: name, form: state.recognised, snapshot: col.snapshot });
  if (!reply) return;
  if (reply.error) throw withMessage(reply.error);
  if (reply.plan) {
    const { report, results } = await runPlan(reply.plan, col);
    if (results.length) state.history.push({ plan: reply.plan, results });
    state.rows = mergeRows(state.rows, report.rows);
    state.phase = 'filled';
  }
  if (Array.isArray(reply.rows)) state.rows = mergeRows(state.rows, reply.rows);
  if (Array.isArray(reply.offers)) state.offers = reply.offers;
  state.status = reply.message || '';
  if (reply.refresh) { lastSignature = ''; rerun = true; }
}

/** New outcomes replace a field's row; rows the report does not mention keep theirs. */
function mergeRows(rows, fresh) {
  const byField = new Map((fresh || []).map((r) => [r.field, r]));
  const out = rows.map((r) => (byField.has(r.field) ? { ...pick(byField.get(r.field)), rule: byField.get(r.field).rule ?? r.rule } : r));
  for (const r of fresh || []) if (!rows.some((x) => x.field === r.field)) out.push(pick(r));
  return out;
}
const pick = (r) => ({ field: r.field, outcome: r.outcome, code: r.code, message: r.message, rule: r.rule });

function withMessage(error) {
  const e = new Error('worker');
  e.localised = typeof error === 'string' ? error : (error && error.message) || '';
  return e;
}

// --- plumbing -------------------------------------------------------------------------------------

async function send(message) {
  return chrome.runtime.sendMessage(message);
}

function isContextGone(e) {
  return /context invalidated|Receiving end does not exist/i.test(String(e && e.message));
}

function start() {
  listenForValues(document);
  observe(document);
  markDirty();
  // Shadow roots attached after insertion and frames that fill in later raise no mutation here.
  for (const d of PROBE_DELAYS_MS) later(signal, () => { if (!dirty) markDirty(); }, d);
}

// 填充 by the browser's keyboard shortcut (manifest `commands`): only the worker can send this
// (a page cannot reach runtime messaging), and it sends it only when the browser ran the
// command on the user's keys, so it counts as the user's own activation. The first bar fills.
function onCommandMessage(message, sender) {
  if (sender.id !== chrome.runtime.id || sender.tab || !message || message.type !== 'command-fill') return;
  const state = [...bars.values()].find((s) => s.shown && s.bar && s.bar.connected);
  if (state) command(state, 'fill');
}

/**
 * Starts watching this frame's page for forms; `entry` is the entry point's `{collect}`. On the
 * helper's teardown the bars leave the page with their own lives (bar.js) and nothing here runs
 * again.
 */
export function startFormsAgent(entry) {
  api = entry;
  chrome.runtime.onMessage.addListener(onCommandMessage);
  onAbort(signal, () => {
    chrome.runtime.onMessage.removeListener(onCommandMessage);
    clearTimeout(timer);
    for (const key of [...bars.keys()]) dropBar(key);
  });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true, signal });
}
