// The page must not feel the helper, and the helper must still see what matters. A caption
// rewritten in place (a text node's data, or a label's text replaced) is looked at again; a page
// rewriting a thousand unrelated nodes every frame makes the helper collect nothing, yet a form
// it renders meanwhile is recognised; a page of thousands of controls whose form comes first
// gets its bar and is filled (the collector stops at its cap).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer, tabIdFor } from '../../tools/driver/browser.mjs';
import { ACCOUNT_ID, addCase, bar, fill, outcomes, prefixOf, waitForBar } from './fixtures/forms.mjs';

const EXTENSION = process.env.FAPIAO_EXTENSION_DIR || 'dist/extension-e2e';

const item = (label, control) => `<div class="item"><div class="label">${label}</div><span>${control}</span></div>`;
const FIELDS = [['请求地址', 'f0'], ['数据中心id', 'f1'], ['网关', 'f2']];

// Captions that name no field of any form until the page rewrites them.
const PLACEHOLDER_CAPTIONS = ['字段一', '字段二', '字段三'];

/** Form items whose captions are placeholders; `data-real` holds the caption the page will write. */
const placeholderItems = () => '<h3>发票回调配置</h3>' + FIELDS.map(([label, id], i) =>
  `<div class="item"><div class="label" data-real="${label}">${PLACEHOLDER_CAPTIONS[i]}</div><span><input id="${id}"></span></div>`).join('');

/** The same fields as a two-column table, the caption in the left cell. */
const placeholderTable = () => '<h3>发票回调配置</h3><table>' + FIELDS.map(([label, id], i) =>
  `<tr><td class="caption" data-real="${label}">${PLACEHOLDER_CAPTIONS[i]}</td><td><input id="${id}"></td></tr>`).join('') + '</table>';

// The helper looks again on its own a few times after load (late shadow roots and frames, at
// about 1, 2.5, 5, 10 and 20 s). A rewrite between the third and the fourth, with the bar
// expected well before the fourth, is seen only if the rewrite itself wakes the helper.
const REWRITE_AT_MS = 6500;
const EXPECT_WITHIN_MS = 2500;

/** Waits until `REWRITE_AT_MS` after `loadedAt`, checks there is no bar yet, runs `rewrite`. */
async function rewriteLater(page, loadedAt, rewrite) {
  await page.waitForTimeout(Math.max(0, REWRITE_AT_MS - (Date.now() - loadedAt)));
  assert.equal(await page.locator('[data-fapiao-helper="bar"]').count(), 0, 'no bar while the captions name nothing');
  await page.evaluate(rewrite);
}

/** Wraps the collector in the tab's isolated world with a counter; returns a reader of it. */
async function countCollections(browser, page) {
  const tabId = await tabIdFor(browser.worker, page);
  const run = (func) => browser.worker.evaluate(async ({ tabId, source }) => {
    const [injection] = await chrome.scripting.executeScript({
      target: { tabId }, world: 'ISOLATED',
      // The counter lives where the agent calls the collector: `__fapiaoHelper.collect`.
      func: (which) => {
        const ns = globalThis.__fapiaoHelper;
        if (which === 'install') {
          if (!ns.countedCollect) {
            const original = ns.collect;
            ns.collections = 0;
            ns.countedCollect = (...args) => { ns.collections++; return original(...args); };
            ns.collect = ns.countedCollect;
          }
          return ns.collections;
        }
        return ns.collections;
      },
      args: [source],
    });
    return injection?.result;
  }, { tabId, source: func });
  await run('install');
  return () => run('read');
}

// 1000 spans whose text and class the page rewrites every animation frame (a live ticker),
// beside a container where the page renders the form a little later.
const TICKER_JS = `
const ticker = document.getElementById('ticker');
for (let i = 0; i < 1000; i++) ticker.append(Object.assign(document.createElement('span'), { textContent: String(i) }));
const spans = [...ticker.children];
let frame = 0;
(function tick() {
  frame++;
  for (let i = 0; i < spans.length; i++) {
    spans[i].textContent = String((frame * 7 + i) % 1000);
    spans[i].className = (frame + i) % 2 ? 'odd' : 'even';
  }
  requestAnimationFrame(tick);
})();
window.renderForm = () => {
  document.getElementById('late').innerHTML = ${JSON.stringify('<h3>发票回调配置</h3>' + FIELDS.map(([label, id]) => item(label, `<input id="${id}">`)).join(''))};
};
`;

/** A big console form: 发票回调配置's fields first, then `n` more labelled controls. */
function bigForm(n) {
  const rows = FIELDS.map(([label, id]) => `<tr><td>${label}</td><td><input id="${id}"></td></tr>`);
  for (let i = 0; i < n; i++) {
    const control = i % 10 === 0 ? `<select><option value="">请选择</option><option value="a">A</option></select>`
      : i % 13 === 0 ? '<input type="checkbox">' : `<input placeholder="请输入字段 ${i}">`;
    rows.push(`<tr><td>字段 ${i}：</td><td>${control}</td></tr>`);
  }
  return `<h3>发票回调配置</h3><table><tbody>${rows.join('')}</tbody></table>`;
}

describe('the helper watches cheaply and still sees what matters', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.textData = addCase(fixtures, 'caption-data', { body: placeholderItems() });
    url.textContent = addCase(fixtures, 'caption-text', { body: placeholderTable() });
    url.ticker = addCase(fixtures, 'ticker', { body: '<div id="late"></div><div id="ticker"></div>', js: TICKER_JS });
    url.big = addCase(fixtures, 'big-form', { body: bigForm(3000) });
    server = await startServer({ fixtures });
    browser = await launchBrowser({ extensionDir: EXTENSION });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('captions whose text nodes the page rewrites in place are read again and the form gets its bar', async () => {
    const page = await browser.context.newPage();
    try {
      const loadedAt = Date.now();
      await page.goto(server.origin + url.textData);
      // As a framework updates text: the existing text node's data, no element added or removed.
      await rewriteLater(page, loadedAt, () => {
        for (const el of document.querySelectorAll('[data-real]')) el.firstChild.data = el.dataset.real;
      });
      await waitForBar(page, undefined, EXPECT_WITHIN_MS);
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'filled');
      assert.equal(got['数据中心id'], 'filled');
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'caption-data'));
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('table captions whose text the page replaces (textContent) are read again and the form gets its bar', async () => {
    const page = await browser.context.newPage();
    try {
      const loadedAt = Date.now();
      await page.goto(server.origin + url.textContent);
      await rewriteLater(page, loadedAt, () => {
        for (const el of document.querySelectorAll('[data-real]')) el.textContent = el.dataset.real;
      });
      await waitForBar(page, undefined, EXPECT_WITHIN_MS);
      await fill(page);
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('a page rewriting 1000 nodes every frame makes the helper collect nothing, and a form it renders meanwhile gets its bar', async () => {
    const page = await browser.context.newPage();
    try {
      const loadedAt = Date.now();
      await page.goto(server.origin + url.ticker);
      // Between the helper's own looks after load (about 5 and 10 s), only the ticker changes.
      await page.waitForTimeout(Math.max(0, 6000 - (Date.now() - loadedAt)));
      const collections = await countCollections(browser, page);
      const before = await collections();
      await page.waitForTimeout(3000);
      assert.equal(await collections(), before, 'no collection while only the ticker changes');

      await page.evaluate(() => window.renderForm());
      await waitForBar(page, undefined, 5000);
      await fill(page);
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('a page of 3000 controls whose form comes first gets its bar and is filled', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.origin + url.big);
      await waitForBar(page, undefined, 15_000);
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'filled');
      assert.equal(got['数据中心id'], 'filled');
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'big-form'));
      assert.equal(await bar(page).count(), 1);
    } finally {
      await page.close();
    }
  });
});
