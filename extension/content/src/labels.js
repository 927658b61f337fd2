//! Label candidates of a control, one per association rule (label[for], a wrapping label,
//! aria-labelledby, aria-label, the form item's caption, option text, table cells to the left and
//! above, placeholder, title): every candidate is kept with the rule that produced it, and which one
//! wins is Rust's decision. Each node a candidate's text came from is noted for the agent
//! (memo.js `noteCaption`), which looks again when a framework rewrites it in place.
import {
  CAPTION_SKIP, CONTROL_SELECTOR, ariaCheckType, checkType, clean, containsOtherControl, isHelperUi, siblingText, textOf,
} from './dom.js';
import { inCollection, memoized, noteCaption } from './memo.js';

const MAX_LABEL_CHARS = 120;
const MAX_CAPTION_LEVELS = 8;
const RADIO_SELECTOR = 'input[type=radio],[role=radio]';

const cap = (s) => (s.length > MAX_LABEL_CHARS ? s.slice(0, MAX_LABEL_CHARS) : s);

export function labelCandidates(el) {
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
  // The tooltip: what accessibility names a control by when nothing else does.
  push('title', el.getAttribute('title'));
  return out;
}

/**
 * `<label for=id>` elements of a root, by id: one pass over the root per collection instead of
 * one query per control (outside a collection, one query).
 */
function labelsFor(root, id) {
  if (!root.querySelectorAll) return [];
  if (!inCollection()) {
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
  if (inCollection()) for (const i of walked) answers.set(i, found);
  if (!found) return '';
  noteCaption(found.cell);
  return found.text;
}
