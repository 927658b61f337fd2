//! The baseline the bench sets the helper's recognition and fill against: a straightforward
//! hand-written JS implementation of the same job, as one would write it for one known form and
//! no more. It is not product code and knows nothing the product knows beyond the field names:
//! - recognition: every element whose own text, cleaned as the product cleans labels (`：`/`:`
//!   suffixes, `*` required marks, whitespace and NBSP, 【】), names one of the form's fields is a
//!   label; its control is the one its `for` names, else the first control in the next sibling
//!   element, else the first control after it in its row; the form is there when its title is
//!   on the page and at least three fields were found;
//! - fill: text controls through the native value setter followed by `input` and `change` (what
//!   frameworks listen to), selects by option value followed by `change`; a control that already
//!   holds a value is left alone, as the product leaves a conflict.
//! It has none of the product's defences (visibility, hostile pages, frames, undo, verification),
//! which is the point of the comparison: what those cost over the bare job.

/**
 * Runs in the page. `fields` maps a field name to its value (`null`: no value to fill); returns
 * `{recogniseMs, fillMs, found, filled}` for one recognition and one fill.
 */
export function baselineRecogniseAndFill(title, fields) {
  const clean = (s) => s.replace(/[\s\u00a0]+/g, '').replace(/^[*＊]+|[*＊]+$/g, '').replace(/^【|】$/g, '').replace(/[：:]$/, '');
  const CONTROL = 'input:not([type=hidden]),select,textarea';
  const ownText = (el) => {
    let t = '';
    for (const n of el.childNodes) if (n.nodeType === 3) t += n.data;
    return t;
  };
  const controlFor = (label) => {
    if (label.htmlFor) return document.getElementById(label.htmlFor);
    const next = label.nextElementSibling;
    const inNext = next && (next.matches(CONTROL) ? next : next.querySelector(CONTROL));
    if (inNext) return inNext;
    const row = label.closest('tr,.item,li,div');
    return row ? row.querySelector(CONTROL) : null;
  };

  const t0 = performance.now();
  const names = new Set(Object.keys(fields));
  const found = {};
  if ((document.body.textContent || '').includes(title)) {
    for (const el of document.body.getElementsByTagName('*')) {
      if (el.matches(CONTROL)) continue;
      const name = clean(ownText(el));
      if (!names.has(name) || found[name]) continue;
      const control = controlFor(el);
      if (control) found[name] = control;
    }
  }
  const recognised = Object.keys(found).length >= 3;
  const t1 = performance.now();

  let filled = 0;
  if (recognised) {
    const setter = (el) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
    for (const [name, el] of Object.entries(found)) {
      const value = fields[name];
      if (value === null || value === undefined || el.value) continue;
      if (el.localName === 'select') {
        if (![...el.options].some((o) => o.value === value)) continue;
        el.value = value;
      } else {
        setter(el).call(el, value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      el.dispatchEvent(new Event('change', { bubbles: true }));
      filled++;
    }
  }
  const t2 = performance.now();
  return { recogniseMs: t1 - t0, fillMs: t2 - t1, found: Object.keys(found).length, filled };
}
