//! Collector: turns the page (this document, its open shadow roots and same-origin child frames
//! that run no helper of their own) into the plain-data snapshot the Rust core recognises
//! (docs/PROTOCOL.md "Snapshot"). Every label candidate is kept with the rule that produced it;
//! which one wins is Rust's decision. It knows nothing of any particular console.
(() => {
  'use strict';
  const ns = (globalThis.__fapiaoHelper ||= {});
  if (ns.collect) return;

  // Bounds: a console page has tens of controls; these only stop pathological pages.
  const MAX_CONTROLS = 400;
  const MAX_SHADOW_ROOTS = 200;
  const MAX_SHADOW_DEPTH = 6;
  const MAX_SHADOW_PROBE = 5000; // elements looked at for shadow roots per root
  const MAX_FRAMES = 20;
  const MAX_LABEL_CHARS = 120;
  const MAX_CAPTION_LEVELS = 8;
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
  // Past these a caption's text is read without layout (textContent): it is too long to name a
  // field anyway, and innerText of a large subtree costs the page a long task.
  const MAX_CAPTION_NODES = 400;
  const MAX_CAPTION_CHARS = 4096;
  // One collection's share of the page's main thread: past it, what was collected is returned,
  // flagged `overBudget`, and the agent looks less often.
  const BUDGET_MS = 50;

  const CONTROL_SELECTOR = [
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])' +
      ':not([type=image]):not([type=file])',
    'textarea', 'select', '[contenteditable]:not([contenteditable=false])', '[role=combobox]',
    // Checkboxes, switches and radios drawn without a native input (KDesign/antd switches,
    // Kingdee's own check boxes): their state is `aria-checked`.
    '[role=checkbox]', '[role=switch]', '[role=radio]',
  ].join(',');
  const RADIO_SELECTOR = 'input[type=radio],[role=radio]';
  const HELPER_SELECTOR = '[data-fapiao-helper]';
  const CAPTION_SKIP = 'script,style,template,noscript,button,[role=button],option,' + HELPER_SELECTOR;

  // --- per-collection memo -------------------------------------------------------------------------
  // A collection asks the same questions of the same ancestors for every control (which controls
  // does this form item hold, what is this cell's text, which rows has this table). Answers are
  // kept for one synchronous collection only, so they never go stale; outside one, no memo.
  let memo = null;
  // Nodes whose text became a label candidate or a heading in this collection: the agent looks
  // again when their text changes (a framework rewriting a caption in place). Same lifetime.
  let captionSink = null;
  const noteCaption = (node) => { if (captionSink && node) captionSink.push(node); };
  // The current collection's deadline (performance.now()), and whether it was passed.
  let deadline = Infinity;
  let overBudget = false;
  const spent = () => overBudget || (overBudget = performance.now() > deadline);

  /**
   * Whether `el`'s subtree has at most `maxNodes` nodes and `maxChars` characters of text: a
   * walk that stops at the bound, so asking costs no more than the bound, however large the
   * subtree.
   */
  function fits(el, maxNodes, maxChars) {
    const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let nodes = 0, chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (++nodes > maxNodes) return false;
      if (n.nodeType === Node.TEXT_NODE && (chars += n.data.length) > maxChars) return false;
    }
    return true;
  }

  function memoized(kind, key, compute) {
    if (!memo) return compute();
    let m = memo.get(kind);
    if (!m) { m = new Map(); memo.set(kind, m); }
    if (m.has(key)) return m.get(key);
    const v = compute();
    m.set(key, v);
    return v;
  }

  // --- small DOM helpers shared with execute.js and forms-agent.js -----------------------------

  const clean = (s) => String(s ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  const cap = (s) => (s.length > MAX_LABEL_CHARS ? s.slice(0, MAX_LABEL_CHARS) : s);

  function isHelperUi(el) {
    return !!(el && el.closest && el.closest(HELPER_SELECTOR));
  }

  /** Elements matched by CONTROL_SELECTOR that we report as controls (not wrappers, not ours). */
  function isCollectable(el) {
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
  function ariaCheckType(el) {
    if (isNativeControl(el)) return '';
    const role = (el.getAttribute('role') || '').toLowerCase();
    return role === 'checkbox' || role === 'switch' ? 'checkbox' : role === 'radio' ? 'radio' : '';
  }

  /** `checkbox` or `radio` for native and ARIA checkables alike, else `''`. */
  function checkType(el) {
    if (el.localName === 'input') {
      const t = (el.type || '').toLowerCase();
      return t === 'checkbox' || t === 'radio' ? t : '';
    }
    return ariaCheckType(el);
  }

  /** Checked state: the native property, or `aria-checked="true"` (`mixed` is not checked). */
  function isChecked(el) {
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

  function isNativeControl(el) {
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
  function controlsIn(root, room = Infinity) {
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

  function containsOtherControl(el, control) {
    for (const c of controlsUnder(el)) if (isOtherControl(c, control)) return true;
    return false;
  }

  function isVisible(el) {
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
  function frameVisible(doc) {
    const fe = frameElementOf(doc);
    return !fe || (isVisible(fe) && frameVisible(fe.ownerDocument));
  }

  function frameElementOf(doc) {
    try { return doc.defaultView && doc.defaultView.frameElement; } catch { return null; }
  }

  /** Visible text of a node, skipping form controls, scripts and the helper's UI. */
  function textOf(node) {
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
  function shownText(box, control) {
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

  function kindOf(el) {
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
  function shownValue(el) {
    const v = 'value' in el ? clean(el.value) : '';
    return v || shownText(widgetBox(el), el);
  }

  /** The value a person sees in the control (for lookups, the chosen text beside the input). */
  function valueOf(el) {
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
  function widgetBox(el) {
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

  function siblingText(s) {
    if (s.nodeType === Node.TEXT_NODE) return clean(s.data);
    if (s.nodeType !== Node.ELEMENT_NODE || s.matches(CAPTION_SKIP)) return '';
    return textOf(s);
  }

  // --- label candidates, one per association rule ------------------------------------------------

  function labelCandidates(el) {
    const out = [];
    const push = (rule, text, node) => {
      const t = cap(clean(text));
      if (!t) return;
      noteCaption(node);
      if (!out.some((l) => l.rule === rule && l.text === t)) out.push({ rule, text: t });
    };
    const root = el.getRootNode();
    const id = el.id;

    // <label for=id>, looked up in the control's own root so shadow roots work.
    if (id) for (const l of labelsFor(root, id)) if (!isHelperUi(l)) push('label-for', textOf(l), l);
    // A label wrapping the control.
    const wrap = el.parentElement && el.parentElement.closest('label');
    if (wrap && !isHelperUi(wrap)) push('wrapping-label', textOf(wrap), wrap);

    // aria-labelledby: ids resolved in the control's root.
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (ids.length && root.getElementById) {
      const nodes = ids.map((i) => root.getElementById(i)).filter((n) => n && n !== el);
      const text = nodes.map((n) => textOf(n)).filter(Boolean).join(' ');
      if (clean(text)) for (const n of nodes) noteCaption(n);
      push('aria-labelledby', text);
    }
    push('aria-label', el.getAttribute('aria-label'));

    // An ARIA checkable is named by its own content (`<div role=radio>否</div>`): a radio's is
    // its option text, a checkbox's or switch's its label (a switch's 开/关 names no field).
    const aria = ariaCheckType(el);
    const own = aria ? textOf(el) : '';
    if (own) push(aria === 'radio' ? 'option-text' : 'wrapping-label', own, el);

    const caption = formItemCaption(el);
    if (caption) push('form-item', caption);
    if (checkType(el) === 'radio' && !wrap && !own) push('option-text', followingCaption(el));
    // A radio group's own name (`role=radiogroup` with aria-labelledby or aria-label).
    const group = checkType(el) === 'radio' ? el.closest('[role=radiogroup]') : null;
    if (group) push('aria-labelledby', groupName(group));

    const cell = el.closest('td,th,[role=cell],[role=gridcell]');
    if (cell) {
      push('table-left', tableLeft(cell));
      push('table-above', tableAbove(cell));
    }

    push('placeholder', el.getAttribute('placeholder') || el.getAttribute('aria-placeholder'));
    return out;
  }

  /**
   * `<label for=id>` elements of a root, by id: one pass over the root per collection instead of
   * one query per control (outside a collection, one query).
   */
  function labelsFor(root, id) {
    if (!root.querySelectorAll) return [];
    if (!memo) {
      try { return Array.from(root.querySelectorAll(`label[for="${CSS.escape(id)}"]`)); } catch { return []; }
    }
    const byId = memoized('labelsFor', root, () => {
      const m = new Map();
      for (const l of root.querySelectorAll('label[for]')) {
        const key = l.htmlFor;
        if (!m.has(key)) m.set(key, []);
        m.get(key).push(l);
      }
      return m;
    });
    return byId.get(id) || [];
  }

  function groupName(group) {
    const root = group.getRootNode();
    const ids = (group.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const nodes = ids.length && root.getElementById ? ids.map((i) => root.getElementById(i)).filter(Boolean) : [];
    const byIds = nodes.map((n) => textOf(n)).join(' ');
    if (clean(byIds)) for (const n of nodes) noteCaption(n);
    return byIds || group.getAttribute('aria-label') || '';
  }

  /**
   * A caption in the same form item: walking up from the control, the nearest sibling before the
   * path that has text and no control; stop where an ancestor holds another control (the text
   * above it belongs to the group, not to this field). Checkboxes and radios also take the text
   * right after them (`[x] 授权全部API`).
   */
  function formItemCaption(el) {
    const check = checkType(el);
    let node = el;
    for (let level = 0; level < MAX_CAPTION_LEVELS; level++) {
      const parent = node.parentNode;
      if (!parent || parent.nodeType !== Node.ELEMENT_NODE || parent === el.ownerDocument.body) break;
      if (parent.localName === 'td' || parent.localName === 'th' || parent.localName === 'tr') {
        // Inside a cell only the cell's own text counts; neighbouring cells are table rules.
        const t = precedingCaption(node, el);
        if (t) return t;
        break;
      }
      const t = precedingCaption(node, el);
      if (t === false) return null;
      if (t) return t;
      // A checkbox's caption may follow it (`[x] 授权全部API`); a radio's following text is its
      // option text (`否`), reported apart, and its group caption is looked for further up.
      if (check === 'checkbox' && level < 2) {
        const after = followingCaption(node);
        if (after) return after;
      }
      if (containsOtherControl(parent, el)) return null;
      node = parent;
    }
    return null;
  }

  /** Text of the nearest previous sibling with text; `false` if another control is met first. */
  function precedingCaption(node, control) {
    if (checkType(control) === 'radio') {
      // Text between radios of one group is their option text; the group caption is further up.
      for (let s = node.previousSibling; s; s = s.previousSibling) {
        if (s.nodeType === Node.ELEMENT_NODE && (s.matches(RADIO_SELECTOR) || s.querySelector(RADIO_SELECTOR))) return null;
      }
    }
    for (let s = node.previousSibling; s; s = s.previousSibling) {
      if (s.nodeType === Node.ELEMENT_NODE) {
        // Controls first: a switch drawn as a <button> is a control, not a skipped button.
        if (containsOtherControl(s, control)) return false;
        if (s.matches(CAPTION_SKIP)) continue;
        if (s.matches(CONTROL_SELECTOR) || s.querySelector(CONTROL_SELECTOR)) continue; // a sibling radio
      }
      const t = siblingText(s);
      if (t) { noteCaption(s); return t; }
    }
    return null;
  }

  function followingCaption(node) {
    for (let s = node.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === Node.ELEMENT_NODE) {
        if (s.matches(CONTROL_SELECTOR) || s.querySelector(CONTROL_SELECTOR)) return null;
        if (s.matches(CAPTION_SKIP)) continue;
      }
      const t = siblingText(s);
      if (t) { noteCaption(s); return t; }
    }
    return null;
  }

  function cellHasControl(cell) {
    return memoized('cellControl', cell, () => !!cell.querySelector(CONTROL_SELECTOR));
  }

  function rowOf(cell) {
    return cell.closest('tr,[role=row]');
  }

  function cellsOf(row) {
    return memoized('cells', row, () => Array.from(row.children).filter((c) => c.matches('td,th,[role=cell],[role=gridcell],[role=columnheader],[role=rowheader]')));
  }

  /** The nearest cell to the left in the same row that has text and no control. */
  function tableLeft(cell) {
    const row = rowOf(cell);
    if (!row) return '';
    const cells = cellsOf(row);
    for (let i = cells.indexOf(cell) - 1; i >= 0; i--) {
      if (cellHasControl(cells[i])) return '';
      const t = textOf(cells[i]);
      if (t) { noteCaption(cells[i]); return t; }
    }
    return '';
  }

  /** Column index counting colspans, so header rows line up with body rows. */
  function columnOf(cell, cells) {
    let col = 0;
    for (const c of cells) {
      if (c === cell) return col;
      col += Math.max(1, Number(c.colSpan) || 1);
    }
    return -1;
  }

  function cellAtColumn(row, col) {
    let at = 0;
    for (const c of cellsOf(row)) {
      const span = Math.max(1, Number(c.colSpan) || 1);
      if (col >= at && col < at + span) return c;
      at += span;
    }
    return null;
  }

  /** The nearest cell above in the same column with text and no control (a header). */
  function tableAbove(cell) {
    const row = rowOf(cell);
    if (!row) return '';
    const col = columnOf(cell, cellsOf(row));
    if (col < 0) return '';
    const table = row.closest('table,[role=table],[role=grid]');
    if (!table) return '';
    const { rows, index } = memoized('rows', table, () => {
      const list = Array.from(table.querySelectorAll('tr,[role=row]'))
        .filter((r) => r.closest('table,[role=table],[role=grid]') === table);
      return { rows: list, index: new Map(list.map((r, i) => [r, i])) };
    });
    // The answer for row i is row i-1's own header text, or else row i-1's answer: kept per
    // table column, so a column of a thousand controls is walked once, not once per control.
    const above = memoized('above', table, () => new Map());
    let answers = above.get(col);
    if (!answers) { answers = new Map(); above.set(col, answers); }
    const start = index.get(row) ?? 0;
    const walked = [];
    let found = null; // {text, cell}
    for (let i = start; i > 0; i--) {
      if (answers.has(i)) { found = answers.get(i); break; }
      walked.push(i);
      const c = cellAtColumn(rows[i - 1], col);
      const t = c && !cellHasControl(c) ? textOf(c) : '';
      if (t) { found = { text: t, cell: c }; break; }
    }
    // Every row walked has the same answer (the rows between held no header text).
    if (memo) for (const i of walked) answers.set(i, found);
    if (!found) return '';
    noteCaption(found.cell);
    return found.text;
  }

  // --- roots: document, open shadow roots, same-origin child frames ------------------------------

  /** Open shadow roots under `root`, bounded in depth, count and elements probed. */
  function shadowRootsUnder(root, depth, acc) {
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
   * has our namespace is skipped, so nothing is collected twice. The page cannot fake that
   * marker: it lives in the extension's isolated world, which page scripts never see.
   */
  function helperlessChildDocs(doc, acc) {
    if (acc.length >= MAX_FRAMES) return acc;
    for (const f of doc.querySelectorAll('iframe,frame')) {
      let win, child;
      try { win = f.contentWindow; child = f.contentDocument; } catch { continue; }
      if (!win || !child || !child.documentElement) continue;
      let hasHelper = false;
      try { hasHelper = !!(win.__fapiaoHelper && win.__fapiaoHelper.collect); } catch { continue; }
      if (hasHelper) continue;
      acc.push(child);
      helperlessChildDocs(child, acc);
      if (acc.length >= MAX_FRAMES) break;
    }
    return acc;
  }

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
  function collect(options = {}) {
    memo = new Map();
    captionSink = [];
    const captions = captionSink;
    deadline = performance.now() + BUDGET_MS;
    overBudget = false;
    try {
      const collected = collectNow(options);
      return overBudget ? { ...collected, captions, overBudget: true } : { ...collected, captions };
    } finally {
      memo = null;
      captionSink = null;
      deadline = Infinity;
      overBudget = false;
    }
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

  /** How many collectable controls this frame holds (cheap: used to skip idle work). */
  function hasControls(doc) {
    return !!doc.querySelector(CONTROL_SELECTOR);
  }

  ns.dom = { clean, isVisible, textOf, shownText, shownValue, widgetBox, valueOf, kindOf, isHelperUi, checkType, isChecked,
    CONTROL_SELECTOR, HELPER_SELECTOR, shadowRootsUnder, helperlessChildDocs };
  ns.collect = collect;
  ns.hasControls = hasControls;
})();
