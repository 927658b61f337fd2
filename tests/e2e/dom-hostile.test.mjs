// The bar acts only on trusted input. A hostile page that presses the bar's buttons itself
// (element.click(), dispatched mouse, pointer and key events, over and over) fills nothing; a
// person's click on the same page still works, so the test can tell the two apart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeAll, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { bar, fill, newTabWithBar, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import { ACCOUNT_ID, addCase, prefixOf } from './fixtures/forms.mjs';

const item = (label, id) => `<div class="item"><div class="label">${label}</div><span><input id="${id}"></span></div>`;

describe('a page that synthesises clicks on the bar', () => {
  let browser, server, url;
  const fixtures = new Map();

  before(async () => {
    url = addCase(fixtures, 'hostile', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', 'f0') + item('数据中心id', 'f1') + item('网关', 'f2'),
      js: readFileSync(new URL('./fixtures/pages/hostile.js', import.meta.url), 'utf8'),
    });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  test('a bar the page removes comes back while its form is shown', async () => {
    const page = await newTabWithBar(browser, server.origin + url);
    try {
      await page.evaluate(() => document.querySelector('[data-fapiao-helper="bar"]').remove());
      assert.equal(await bar(page).count(), 0);
      await waitForBar(page, undefined, 5000);
    } finally {
      await page.close();
    }
  });

  test('untrusted clicks and keys on 填充 fill nothing; a trusted click does', async () => {
    const page = await newTabWithBar(browser, server.origin + url);
    try {
      // Let the page hammer the bar for a while.
      await page.waitForFunction(() => Number(document.body.dataset.attempts || 0) > 50);
      await page.waitForTimeout(1500);
      assert.deepEqual(await page.evaluate(() => [window.f0.value, window.f1.value, window.f2.value]), ['', '', '']);
      assert.notEqual(await bar(page).getAttribute('data-phase'), 'filled');
      const rows = await outcomes(page);
      assert.equal(rows['请求地址'], null, 'no outcome: nothing was filled');
      // A person's click on the same bar fills.
      await fill(page);
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'hostile'));
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });
});
