//! The assistant bar (DESIGN.md "Assistant bar", binding): a host element
//! `[data-fapiao-helper="bar"][data-form=<form>]` with an open shadow root holding 填充 / 撤销,
//! one button per extra action the worker offers, and one row per field with `data-field` and
//! `data-outcome`. It only renders what it is given and reports trusted clicks; it never holds or
//! shows a value (the shadow root is open, so the page can read everything in it).
(() => {
  'use strict';
  const ns = (globalThis.__fapiaoHelper ||= {});
  if (ns.bar) return;

  const OUTCOMES = new Set(['filled', 'unchanged', 'conflict', 'no-value', 'not-found', 'failed']);
  const FALLBACK = {
    forms_bar_title: '发票云配置助手', forms_fill: '填充', forms_undo: '撤销', forms_overwrite: '覆盖',
    forms_collapse: '收起', forms_expand: '展开', forms_ready: '待填充', forms_working: '正在处理…',
    forms_filled_summary: '已填充 $1 项', forms_undone: '已撤销', forms_error: '出错了，请重试',
    forms_outcome_filled: '已填充', forms_outcome_unchanged: '已是正确的值',
    forms_outcome_conflict: '已有其他值，未改动', forms_outcome_no_value: '暂无可填的值',
    forms_outcome_not_found: '页面上没有找到此字段', forms_outcome_failed: '没有填进去',
    forms_action_generate_key: '生成密钥', forms_action_remember_gateway: '记住网关', forms_action_remember_key: '记住此密钥',
  };

  function t(key, subs) {
    let m = '';
    try { m = chrome.i18n.getMessage(key, subs); } catch { /* context gone */ }
    if (m) return m;
    let f = FALLBACK[key] || key;
    if (subs != null) [].concat(subs).forEach((s, i) => { f = f.replace('$' + (i + 1), String(s)); });
    return f;
  }

  /**
   * Accessible name of a command: the localised word, and the Chinese one beside it when they
   * differ, so the contract's names (填充, 撤销, 生成密钥, 记住网关 — en Fill, Undo, …) both hold.
   */
  function commandName(key) {
    const local = t(key);
    const zh = FALLBACK[key];
    return zh && local !== zh && !local.includes(zh) ? `${local} ${zh}` : local;
  }

  const STYLE = `
:host { all: initial; position: fixed !important; z-index: 2147483646 !important; display: block !important; }
* { box-sizing: border-box; font: 12px/1.4 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; }
.panel { width: 288px; max-height: 60vh; overflow: auto; background: #fff; color: #1f2329;
  border: 1px solid #c9d1e0; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
header { display: flex; align-items: center; gap: 6px; padding: 6px 8px; background: #f2f6ff;
  border-bottom: 1px solid #dfe6f3; cursor: move; user-select: none; }
header .title { flex: 1; font-weight: 600; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
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
.status { padding: 0 8px 8px; color: #555; }
.status:empty { display: none; }
:host([data-collapsed=true]) .panel { width: auto; border-radius: 16px; }
:host([data-collapsed=true]) .body { display: none; }
:host([data-collapsed=true]) header { border-bottom: none; border-radius: 16px; }
`;

  /**
   * Creates a bar for `form` in `doc`. `handlers.onCommand(command, detail)` is called only for a
   * trusted click: command is `fill`, `undo`, `overwrite` (detail.field) or any other offer name.
   */
  function createBar(doc, form, handlers) {
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
    const toggle = el(doc, 'button', { class: 'icon', type: 'button', 'aria-expanded': 'true', title: t('forms_collapse'), 'aria-label': t('forms_collapse') }, '▾');
    header.append(title, toggle);
    const body = el(doc, 'div', { class: 'body' });
    const actions = el(doc, 'div', { class: 'actions' });
    const list = el(doc, 'ul');
    const status = el(doc, 'div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    body.append(actions, list, status);
    panel.append(header, body);
    root.append(panel);

    const trusted = (fn) => (event) => {
      // The page can synthesise clicks and keys on our (open) shadow root: ignore them all.
      if (!event.isTrusted) return;
      fn(event);
    };

    toggle.addEventListener('click', trusted(() => setCollapsed(host.getAttribute('data-collapsed') !== 'true')));
    function setCollapsed(c) {
      host.setAttribute('data-collapsed', String(c));
      toggle.textContent = c ? '▸' : '▾';
      toggle.setAttribute('aria-expanded', String(!c));
      const label = c ? t('forms_expand') : t('forms_collapse');
      toggle.title = label;
      toggle.setAttribute('aria-label', label);
      place();
    }

    // Dragging by the header; the chosen spot is kept until the bar is closed.
    let dragged = null;
    header.addEventListener('pointerdown', trusted((e) => {
      if (e.target !== header && e.target !== title) return;
      const r = host.getBoundingClientRect();
      const start = { x: e.clientX, y: e.clientY, left: r.left, top: r.top };
      const move = (m) => {
        if (!m.isTrusted) return;
        dragged = { left: start.left + m.clientX - start.x, top: start.top + m.clientY - start.y };
        applyPosition(dragged);
      };
      const up = () => { doc.removeEventListener('pointermove', move, true); doc.removeEventListener('pointerup', up, true); };
      doc.addEventListener('pointermove', move, true);
      doc.addEventListener('pointerup', up, true);
    }));

    function applyPosition(p) {
      const view = doc.defaultView;
      const w = host.offsetWidth || 288, h = host.offsetHeight || 40;
      const left = Math.max(0, Math.min(p.left, view.innerWidth - w));
      const top = Math.max(0, Math.min(p.top, view.innerHeight - h));
      host.style.setProperty('left', left + 'px', 'important');
      host.style.setProperty('top', top + 'px', 'important');
      host.style.setProperty('right', 'auto', 'important');
      host.style.setProperty('bottom', 'auto', 'important');
    }

    /**
     * Puts the bar in the first corner where it covers none of the page's own buttons, links or
     * controls (nor another bar); if every corner covers something, in the one covering least.
     * The user can still drag it by its header or collapse it to a pill.
     */
    function place() {
      if (dragged) { applyPosition(dragged); return; }
      const view = doc.defaultView;
      const w = host.offsetWidth || 288, h = host.offsetHeight || 120, m = 12;
      const vw = view.innerWidth, vh = view.innerHeight;
      const corners = [
        { left: vw - w - m, top: vh - h - m }, { left: vw - w - m, top: m },
        { left: m, top: vh - h - m }, { left: m, top: m },
      ];
      // Other bars in this document count too, so two forms' bars do not stack up.
      const obstacles = pageObstacles(doc).map((rect) => ({ rect, weight: 1 })).concat(
        Array.from(doc.querySelectorAll('[data-fapiao-helper="bar"]')).filter((b) => b !== host && b.isConnected)
          .map((b) => ({ rect: b.getBoundingClientRect(), weight: 1000 })));
      let best = corners[0], bestHits = Infinity;
      for (const c of corners) {
        const hits = obstacles.reduce((n, { rect: r, weight }) =>
          n + (r.left < c.left + w && r.right > c.left && r.top < c.top + h && r.bottom > c.top ? weight : 0), 0);
        if (hits < bestHits) { best = c; bestHits = hits; }
        if (!hits) break;
      }
      applyPosition(best);
    }

    let lastModel = '';
    function render(model) {
      // Re-rendering replaces the buttons: skip it when nothing changed, so a click that is
      // half done (pressed, not yet released) while the page churns is not lost.
      const json = JSON.stringify(model);
      if (json === lastModel) { place(); return; }
      lastModel = json;
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
        b.addEventListener('click', trusted(() => handlers.onCommand(offer, {})));
        actions.append(b);
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
        if (row.outcome === 'conflict' && !model.busy) {
          const b = el(doc, 'button', { type: 'button', 'data-action': 'overwrite', 'aria-label': `${commandName('forms_overwrite')} ${row.field}` }, t('forms_overwrite'));
          b.addEventListener('click', trusted(() => handlers.onCommand('overwrite', { field: row.field })));
          li.append(b);
        }
        list.append(li);
      }
      status.textContent = model.status || '';
      place();
    }

    const onResize = () => place();
    doc.defaultView.addEventListener('resize', onResize);
    (doc.body || doc.documentElement).append(host);

    return {
      host,
      form,
      render,
      place,
      get connected() { return host.isConnected; },
      reattach() { if (!host.isConnected) (doc.body || doc.documentElement).append(host); place(); },
      remove() {
        doc.defaultView && doc.defaultView.removeEventListener('resize', onResize);
        host.remove();
      },
    };
  }

  /** Rectangles of what a person clicks on the page: the bar should not cover any of them. */
  function pageObstacles(doc) {
    const out = [];
    const sel = 'button,[role=button],a[href],input,select,textarea,[role=tab],[role=menuitem]';
    const all = doc.querySelectorAll(sel);
    for (let i = 0; i < all.length && i < 1500; i++) {
      const n = all[i];
      if (n.closest('[data-fapiao-helper]')) continue;
      const r = n.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push(r);
    }
    return out;
  }

  function el(doc, tag, attrs = {}, text) {
    const n = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== '' && v != null) n.setAttribute(k, v);
    if (text != null) n.textContent = text;
    return n;
  }

  ns.bar = { createBar, t };
})();
