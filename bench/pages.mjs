//! The synthetic console pages the browser bench loads, registered as fixtures of the demo
//! server (`www/serve.mjs`), each a console page (`…/index.html?formId=…`) under the strict CSP
//! of hardened consoles, so the extension treats them as it treats a real console:
//! - `fetch`: an endpoint `ping` to call from the page (the MAIN-world hook wraps `fetch`);
//! - `table-N`: a table of N labelled controls whose first five rows are 发票回调配置's fields
//!   (so the helper recognises a form and shows its bar), the rest a mix of inputs, selects,
//!   textareas and checkboxes, as a large Kingdee form draws them;
//! - `mutate`: the same five fields as form items beside 1000 unrelated nodes the page rewrites
//!   every animation frame (a live dashboard, a ticker);
//! - `big`: a form of 50 labelled rows (发票回调配置's five fields first) inside a page of 5,000
//!   element nodes in all (a dashboard of cards around it), for recognition and fill side by side
//!   with the hand-written baseline (baseline.mjs).
import { DEFAULT_ACCOUNT_ID, userLanguageBody } from '../www/serve.mjs';

export const CALLBACK_LABELS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];
export const TICKER_NODES = 1000;
export const BIG_FIELDS = 50;
export const BIG_NODES = 5000;

/** Asks getUserLanguage.do at boot, as the console does, so the helper has all its values. */
const BOOT_JS = "fetch('getUserLanguage.do?_=' + Date.now()).catch(() => {});\n";

const STYLE = '<style>body{font:13px sans-serif;margin:12px} td{padding:1px 4px} input,select,textarea{width:220px}' +
  ' .item{display:flex;gap:8px;margin:4px 0} .label{width:120px} #ticker span{display:inline-block;width:40px}</style>';

function page(title, body) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>` +
    `<script src="boot.js"></script>${STYLE}</head><body>${body}</body></html>`;
}

const APP_SELECT = '<select><option value="">请选择</option><option value="kdtest">kdtest 测试应用</option>' +
  '<option value="invoiceupload">invoiceupload 第三方发票上传</option></select>';

function callbackControl(label) {
  if (label === '第三方应用') return APP_SELECT;
  if (label === '第三方应用密码') return '<input type="password">';
  return '<input>';
}

/** One generic control of a large form; the kinds vary the way a real form's do. */
function genericControl(i) {
  if (i % 13 === 0) return '<input type="checkbox">';
  if (i % 10 === 0) return `<select><option value="">请选择</option><option value="a${i}">选项 A</option><option value="b${i}">选项 B</option></select>`;
  if (i % 7 === 0) return '<textarea rows="1"></textarea>';
  return `<input placeholder="请输入字段 ${i}">`;
}

function tableBody(n) {
  const rows = [];
  for (const label of CALLBACK_LABELS) rows.push(`<tr><td>${label}</td><td>${callbackControl(label)}</td></tr>`);
  for (let i = CALLBACK_LABELS.length; i < n; i++) rows.push(`<tr><td>字段 ${i}：</td><td>${genericControl(i)}</td></tr>`);
  return `<h3>发票回调配置</h3><table><tbody>${rows.join('')}</tbody></table>`;
}

function formItems() {
  return '<h3>发票回调配置</h3>' + CALLBACK_LABELS
    .map((label) => `<div class="item"><div class="label">${label}</div><span><span>${callbackControl(label)}</span></span></div>`)
    .join('');
}

function tickerBody() {
  const spans = Array.from({ length: TICKER_NODES }, (_, i) => `<span>${i}</span>`).join('');
  return `${formItems()}<div id="ticker">${spans}</div>`;
}

/** Element nodes the `<body>` of a page holds (the body included), as the browser will count them. */
function elementCount(html) {
  return (html.match(/<[a-z][^>]*>/g) ?? []).length + 1;
}

/** 50 form rows, then cards of filler (a title, three figures) until the body holds 5,000 elements. */
function bigBody() {
  const form = tableBody(BIG_FIELDS);
  const card = (i) => `<div class="card"><h4>指标 ${i}</h4><p><span>${i}</span><span>%</span><em>较上期</em></p></div>`;
  const cards = [];
  let count = elementCount(form) + 1; // the wrapping <div>
  for (let i = 0; count + elementCount(card(i)) - 1 <= BIG_NODES; i++) {
    cards.push(card(i));
    count += elementCount(card(i)) - 1;
  }
  // Pad with single spans to land on exactly BIG_NODES.
  const pad = '<span></span>'.repeat(Math.max(0, BIG_NODES - count));
  return `<div>${cards.join('')}${pad}</div>${form}`;
}

/**
 * Registers the bench pages in `fixtures` and returns their paths:
 * `{fetch, table(n), mutate, big}` (page paths include `?formId=…`).
 */
export function addBenchPages(fixtures, sizes) {
  const add = (name, body) => {
    const dir = `/bench/${name}/`;
    fixtures.set(`${dir}index.html`, { body: page(name, body) });
    fixtures.set(`${dir}boot.js`, { body: BOOT_JS, type: 'text/javascript' });
    fixtures.set(`${dir}getUserLanguage.do`, { body: userLanguageBody(DEFAULT_ACCOUNT_ID), type: 'application/json' });
    return `${dir}index.html?formId=bench_${name.replace(/\W/g, '_')}`;
  };
  fixtures.set('/bench/fetch/ping', { body: 'ok', type: 'text/plain' });
  const tables = new Map(sizes.map((n) => [n, add(`table-${n}`, tableBody(n))]));
  return {
    fetch: add('fetch', '<p>fetch bench</p>'),
    table: (n) => tables.get(n),
    mutate: add('mutate', tickerBody()),
    big: add('big', bigBody()),
  };
}
