// The content scripts as the page and the extension see them: the isolated world holds one
// global, the documented entry point `__fapiaoHelper = { collect }` (extension/content/src/api.js),
// and the page's own world none; when the extension goes away (reloaded, updated, disabled), the
// helper notices at its next message to the worker and takes itself off the page in one teardown,
// its bar included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, startServerAndBrowser, tabIdFor, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { anyBar, newTabWithBar } from '../../tools/driver/bar.mjs';
import { addCase } from './fixtures/forms.mjs';

const item = (label, id) => `<div class="item"><div class="label">${label}</div><span><input id="${id}"></span></div>`;
const FORM_BODY = '<h3>发票回调配置</h3>' + item('请求地址', 'f0') + item('数据中心id', 'f1') + item('网关', 'f2');

describe('the content scripts in a page', () => {
  let browser, server, url;
  const fixtures = new Map();

  before(async () => {
    url = addCase(fixtures, 'lifetime', { body: FORM_BODY });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  test('the isolated world holds one global, { collect }, and the page sees none of it', async () => {
    const page = await newTabWithBar(browser, server.origin + url);
    try {
      const tabId = await tabIdFor(browser.worker, page);
      const seen = await browser.worker.evaluate(async (target) => {
        const [injection] = await chrome.scripting.executeScript({
          target: { tabId: target }, world: 'ISOLATED',
          func: () => {
            const api = globalThis.__fapiaoHelper;
            return {
              globals: Object.getOwnPropertyNames(globalThis).filter((k) => /fapiao/i.test(k)),
              keys: Object.keys(api),
              controls: api.collect().snapshot.controls.length,
            };
          },
        });
        return injection.result;
      }, tabId);
      assert.deepEqual(seen, { globals: ['__fapiaoHelper'], keys: ['collect'], controls: 3 });
      assert.deepEqual(await page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => /fapiao/i.test(k))), []);
    } finally {
      await page.close();
    }
  });

  test('when the extension goes away, the helper takes its bar off the page at its next look', async () => {
    const page = await newTabWithBar(browser, server.origin + url);
    try {
      assert.equal(await anyBar(page).count(), 1);
      // The worker ends with the reload; its answer never comes.
      await browser.worker.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 0); }).catch(() => {});
      // A new field makes the helper look again (if its own later looks have not yet): its
      // message to the worker fails, and it tears down.
      await page.waitForTimeout(500);
      await page.evaluate(() => { document.body.append(Object.assign(document.createElement('input'), { id: 'f3' })); });
      await anyBar(page).waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      await page.close();
    }
  });
});
