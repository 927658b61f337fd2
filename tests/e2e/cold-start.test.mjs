// The first fill after MV3 stopped the worker: the click on 填充 wakes a new worker, which compiles
// the WASM as it starts (sw/core.js) and answers that same click with the same outcomes as a warm
// worker, without a second click; the next stop and click do it again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, extensionWorker, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { fill, outcomes, undo, waitForBar } from '../../tools/driver/bar.mjs';
import { CALLBACK_MENU, openFromMenu, save } from '../../tools/driver/demo-steps.mjs';

const FORM = '发票回调配置';
const EXPECTED = { 请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'no-value', 网关: 'no-value' };

/** When the extension's current worker started: a new worker has a new time origin. */
const workerStart = async (browser) => (await extensionWorker(browser.context)).evaluate(() => performance.timeOrigin);

describe('the first fill after the worker was stopped', () => {
  let server, browser;
  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('a click on 填充 wakes the stopped worker and fills as a warm one does, each time it was stopped', async () => {
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openFromMenu(page, CALLBACK_MENU);
      await waitForBar(page, FORM);
      await fill(page);
      const warm = await outcomes(page);
      assert.deepEqual(warm, EXPECTED);
      await undo(page);

      for (let round = 1; round <= 2; round++) {
        const before = await workerStart(browser);
        await browser.stopWorker();
        await page.bringToFront();
        await fill(page);
        assert.deepEqual(await outcomes(page), warm, `round ${round}`);
        assert.notEqual(await workerStart(browser), before, `round ${round}: the click woke a new worker`);
        const { values } = await save(page, FORM);
        assert.equal(values['请求地址'], `${server.origin}/ierp/`);
        assert.equal(values['第三方应用'], 'invoiceupload');
        await undo(page);
      }
    } finally {
      await page.close();
    }
  });
});
