//! The assistant bar (DESIGN.md "Assistant bar", binding): a host element
//! `[data-fapiao-helper="bar"][data-form=<form>]` with an open shadow root holding 填充 / 撤销,
//! one button per extra action the worker offers, and one row per field with `data-field` and
//! `data-outcome`. It only renders what it is given and reports trusted clicks; it never holds or
//! shows a value (the shadow root is open, so the page can read everything in it).
import { createGuard } from './bar-guard.js';
import { createPlacer } from './bar-place.js';
import { later, onAbort, scope } from './lifetime.js';
import { FALLBACK, onStringsChanged, t } from './strings.js';

const OUTCOMES = new Set(['filled', 'unchanged', 'conflict', 'no-value', 'not-found', 'failed']);

/**
 * Accessible name of a command: the localised word, and the Chinese one beside it when they
 * differ, so the contract's names (填充, 撤销, 生成密钥, 记住网关 — en Fill, Undo, …) both hold.
 */
function commandName(key) {
  const local = t(key);
  const zh = FALLBACK[key];
  return zh && local !== zh && !local.includes(zh) ? `${local} ${zh}` : local;
}

// `!important` in the shadow root's :host outranks every page rule on our host, even the page's
// own `!important` (the inner context wins for important declarations): the page cannot make
// the host transparent, transformed or clipped this way. What it can still do (style an
// ancestor, edit our open shadow root) is checked at each activation (bar-guard.js).
const STYLE = `
:host { all: initial; position: fixed !important; z-index: 2147483646 !important; display: block !important;
opacity: 1 !important; visibility: visible !important; filter: none !important; transform: none !important;
clip-path: none !important; mask: none !important; mix-blend-mode: normal !important;
scale: none !important; rotate: none !important; translate: none !important; zoom: 1 !important;
width: auto !important; height: auto !important; min-width: 0 !important; min-height: 0 !important;
max-width: none !important; max-height: none !important; overflow: visible !important;
contain: none !important; clip: auto !important;
pointer-events: auto !important; content-visibility: visible !important; }
* { box-sizing: border-box; font: 12px/1.4 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; }
.panel { width: 288px; max-height: 60vh; overflow: auto; background: #fff; color: #1f2329;
border: 1px solid #c9d1e0; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
header { display: flex; align-items: center; gap: 6px; padding: 6px 8px; background: #f2f6ff;
border-bottom: 1px solid #dfe6f3; cursor: move; user-select: none; }
header .title { flex: 1; font-weight: 600; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
header .handle { display: none; font-weight: 600; white-space: nowrap; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px; }
button { cursor: pointer; border: 1px solid #5582f3; background: #fff; color: #2c5bd6; border-radius: 4px; padding: 3px 10px; }
button.primary { background: #5582f3; color: #fff; }
button:disabled { opacity: .5; cursor: default; }
button.icon { border: none; background: transparent; color: #555; padding: 0 4px; font-size: 14px; }
ul { list-style: none; margin: 0; padding: 0 8px 8px; }
li { display: grid; grid-template-columns: 8px 1fr auto; align-items: center; column-gap: 6px; padding: 4px 0; border-top: 1px solid #f0f0f0; }
li .name { font-weight: 500; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
li .msg { grid-column: 2 / 4; grid-row: 2; color: #555; }
li button { grid-column: 3; grid-row: 1; padding: 0 8px; }
li .dot { width: 8px; height: 8px; border-radius: 50%; background: #c0c4cc; }
li[data-outcome=filled] .dot, li[data-outcome=unchanged] .dot { background: #2fb160; }
li[data-outcome=conflict] .dot { background: #f1a20c; }
li[data-outcome=failed] .dot, li[data-outcome=not-found] .dot { background: #e34d59; }
li[data-outcome=no-value] .dot { background: #a0a7b4; }
li[data-predicted=ready] .dot { background: #5582f3; }
li .problem { grid-column: 2 / 4; grid-row: 3; color: #b42318; }
li[data-problem] .name { color: #b42318; }
.connection { margin: 0 8px 8px; padding: 4px 6px; border-radius: 4px; background: #fdecec; color: #8a1c1c; }
.connection[data-cause=ok] { background: #e8f6ee; color: #1c6b3a; }
.status { padding: 0 8px 8px; color: #555; }
.status:empty { display: none; }
.notice { margin: 0 8px 8px; padding: 4px 6px; border-radius: 4px; background: #fff4e5; color: #8a4b00; }
.notice:empty { display: none; }
:host([data-collapsed=true]) .panel { width: auto; border-radius: 14px; overflow: hidden; }
:host([data-collapsed=true]) .body { display: none; }
:host([data-collapsed=true]) header { border-bottom: none; padding: 4px 8px; }
:host([data-collapsed=true]) header .title { display: none; }
:host([data-collapsed=true]) header .handle { display: inline; }
`;

/** How long a refusal stays on the bar. */
const NOTICE_MS = 8000;

/**
 * Creates a bar for `form` in `doc`. `handlers.onCommand(command, detail)` is called only for an
 * activation the guard attributes to the person (bar-guard.js): command is `fill`, `undo`,
 * `overwrite` (detail.field) or any other offer name. `handlers.onAnchorsChanged(elements)` when
 * the form's elements may have been hidden or removed (the agent then looks again).
 */
export function createBar(doc, form, handlers) {
  // The bar's life: `remove()` or the helper's teardown ends every listener, observer and timer
  // below, and takes the host off the page.
  const { signal, end } = scope();
  const host = doc.createElement('div');
  host.setAttribute('data-fapiao-helper', 'bar');
  host.setAttribute('data-form', form);
  host.setAttribute('data-phase', 'predicted');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  root.append(style);

  const panel = el(doc, 'div', { class: 'panel', role: 'region', 'aria-label': t('forms_bar_title') });
  const header = el(doc, 'header');
  const title = el(doc, 'span', { class: 'title' }, `${t('forms_bar_title')} · ${form}`);
  const handle = el(doc, 'span', { class: 'handle', title: form }, t('forms_bar_handle'));
  const toggle = el(doc, 'button', { class: 'icon', type: 'button', 'aria-expanded': 'true', title: t('forms_collapse'), 'aria-label': t('forms_collapse') }, '▾');
  header.append(title, handle, toggle);
  const body = el(doc, 'div', { class: 'body' });
  const actions = el(doc, 'div', { class: 'actions' });
  const list = el(doc, 'ul');
  const status = el(doc, 'div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const notice = el(doc, 'div', { class: 'notice', role: 'alert' });
  const connection = el(doc, 'div', { class: 'connection', 'data-testid': 'connection-result', role: 'status' });
  body.append(actions, notice, list, status);
  panel.append(header, body);
  root.append(panel);

  let placer = null;
  // The page changed our host or shadow root: put the bar back where it belongs (once a frame
  // at most, so a page fighting back costs nothing but its own time).
  const guard = createGuard({ doc, host, root, style, styleText: STYLE, panel, signal,
    onTamper: () => placer && placer.reassert() });
  placer = createPlacer(doc, host, {
    signal,
    apply: (left, top) => guard.ownChange(() => {
      host.style.setProperty('left', left + 'px', 'important');
      host.style.setProperty('top', top + 'px', 'important');
      host.style.setProperty('right', 'auto', 'important');
      host.style.setProperty('bottom', 'auto', 'important');
    }),
    onMove: () => guard.noteLayout(),
    onAnchorsChanged: (elements) => handlers.onAnchorsChanged && handlers.onAnchorsChanged(elements),
  });

  const trusted = (fn) => (event) => {
    // The page can synthesise clicks and keys on our (open) shadow root: ignore them all.
    if (!event.isTrusted) return;
    fn(event);
  };

  let noticeTimer = 0;
  function say(text) {
    clearTimeout(noticeTimer);
    guard.ownChange(() => { notice.textContent = text; });
    if (text) noticeTimer = later(signal, () => say(''), NOTICE_MS);
    placer.schedule();
  }

  /**
   * A command button's activation: acts only when the guard attributes it to the person;
   * otherwise says so in the bar and does nothing else.
   */
  const guarded = (fn) => (event) => {
    if (!event.isTrusted) return;
    const refusal = guard.allow(event, event.currentTarget);
    if (refusal) {
      if (refusal !== 'untrusted') say(t(refusal));
      return;
    }
    say('');
    fn(event);
  };

  toggle.addEventListener('click', trusted(() => setCollapsed(host.getAttribute('data-collapsed') !== 'true')), { signal });
  function setCollapsed(c) {
    guard.ownChange(() => {
      host.setAttribute('data-collapsed', String(c));
      toggle.textContent = c ? '▸' : '▾';
      toggle.setAttribute('aria-expanded', String(!c));
      const label = c ? t('forms_expand') : t('forms_collapse');
      toggle.title = label;
      toggle.setAttribute('aria-label', label);
    });
    // Buttons that just appeared under the pointer wait like a bar that just appeared.
    guard.changed();
    placer.place();
  }

  // Dragging by the header; the chosen spot is kept until the bar is closed.
  header.addEventListener('pointerdown', trusted((e) => {
    if (e.target !== header && e.target !== title && e.target !== handle) return;
    const r = host.getBoundingClientRect();
    const start = { x: e.clientX, y: e.clientY, left: r.left, top: r.top };
    const move = (m) => {
      if (!m.isTrusted) return;
      placer.drag({ left: start.left + m.clientX - start.x, top: start.top + m.clientY - start.y });
    };
    const up = () => { doc.removeEventListener('pointermove', move, true); doc.removeEventListener('pointerup', up, true); };
    doc.addEventListener('pointermove', move, { capture: true, signal });
    doc.addEventListener('pointerup', up, { capture: true, signal });
  }), { signal });

  let lastModel = '';
  let shownModel = null;
  let pendingFocus = null; // the action whose button the person had focused when it was replaced
  function render(model) {
    shownModel = model;
    // Re-rendering replaces the buttons: skip it when nothing changed, so a click that is
    // half done (pressed, not yet released) while the page churns is not lost.
    const json = JSON.stringify(model);
    // The agent renders after each look at the page: what the page shows may have changed
    // around the bar (a dialog opened under it), so its spot is chosen again.
    if (json === lastModel) { placer.place(); return; }
    lastModel = json;
    // A button the person had focused keeps the focus on its successor.
    const focused = root.activeElement;
    if (focused && guard.userFocused(focused)) pendingFocus = focused.getAttribute('data-action');
    let again = null;
    guard.ownChange(() => {
      host.setAttribute('data-phase', model.phase || 'predicted');
      if (model.busy) host.setAttribute('data-busy', 'true'); else host.removeAttribute('data-busy');
      actions.replaceChildren();
      const offers = model.offers && model.offers.length ? model.offers : ['fill', 'undo'];
      for (const offer of offers) {
        const key = offer === 'fill' ? 'forms_fill' : offer === 'undo' ? 'forms_undo'
          : 'forms_action_' + offer.replace(/[^a-z0-9]+/gi, '_');
        const b = el(doc, 'button', { type: 'button', 'data-action': offer, class: offer === 'fill' ? 'primary' : '',
          'aria-label': commandName(key) }, t(key));
        b.disabled = !!model.busy || (offer === 'undo' && !model.canUndo);
        b.addEventListener('click', guarded(() => handlers.onCommand(offer, {})), { signal });
        actions.append(b);
        if (offer === pendingFocus && !b.disabled) again = b;
      }
      list.replaceChildren();
      for (const row of model.rows || []) {
        const li = el(doc, 'li', { 'data-field': row.field });
        if (OUTCOMES.has(row.outcome)) li.setAttribute('data-outcome', row.outcome);
        else li.setAttribute('data-predicted', 'ready');
        if (row.code) li.setAttribute('data-code', row.code);
        if (row.rule) li.setAttribute('data-rule', row.rule); // which association rule found it
        const message = row.outcome ? (row.message || t('forms_outcome_' + row.outcome.replace(/-/g, '_'))) : t('forms_ready');
        li.append(el(doc, 'span', { class: 'dot', 'aria-hidden': 'true' }), el(doc, 'span', { class: 'name', title: row.field }, row.field),
          el(doc, 'span', { class: 'msg' }, message));
        // What is wrong with the value on the page now (the worker's code and words; never the value).
        if (row.problem) {
          li.setAttribute('data-problem', row.problem);
          li.append(el(doc, 'span', { class: 'problem' }, row.problemMessage || ''));
        }
        if (row.outcome === 'conflict' && !model.busy) {
          const b = el(doc, 'button', { type: 'button', 'data-action': 'overwrite', 'aria-label': `${commandName('forms_overwrite')} ${row.field}` }, t('forms_overwrite'));
          b.addEventListener('click', guarded(() => handlers.onCommand('overwrite', { field: row.field })), { signal });
          li.append(b);
        }
        list.append(li);
      }
      const said = model.status;
      status.textContent = said && typeof said === 'object' ? t(said.key, said.subs) + (said.after || '') : (said || '');
      // The console's latest 连接测试 answer, explained (stays until the next answer).
      const c = model.connection;
      if (c && c.cause) {
        connection.setAttribute('data-cause', c.cause);
        connection.textContent = c.message || '';
        if (!connection.isConnected) body.insertBefore(connection, list);
      } else connection.remove();
    });
    // Only while the focus has gone nowhere else (a replaced button leaves it on the body).
    const active = doc.activeElement;
    if (again && (!active || active === doc.body || active === host)) guard.refocus(again);
    if (again) pendingFocus = null;
    placer.place();
    guard.noteLayout();
  }

  // The chosen language's words arrived, or the choice changed: the same model, in them.
  onStringsChanged(signal, () => {
    guard.ownChange(() => {
      panel.setAttribute('aria-label', t('forms_bar_title'));
      title.textContent = `${t('forms_bar_title')} · ${form}`;
      handle.textContent = t('forms_bar_handle');
      const label = host.getAttribute('data-collapsed') === 'true' ? t('forms_expand') : t('forms_collapse');
      toggle.title = label;
      toggle.setAttribute('aria-label', label);
    });
    if (shownModel) { lastModel = ''; render(shownModel); }
  });

  (doc.body || doc.documentElement).append(host);
  placer.schedule();
  onAbort(signal, () => host.remove());

  return {
    host,
    form,
    render,
    place: () => placer.place(),
    /** The form's own elements (controls, shown texts): the bar sits beside them. */
    anchor: (elements) => placer.setAnchors(elements),
    get connected() { return host.isConnected; },
    reattach() {
      if (!host.isConnected) {
        (doc.body || doc.documentElement).append(host);
        guard.changed(); // shown again: it waits like a bar that just appeared
      }
      placer.place();
    },
    remove: end,
  };
}

function el(doc, tag, attrs = {}, text) {
  const n = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== '' && v != null) n.setAttribute(k, v);
  if (text != null) n.textContent = text;
  return n;
}
