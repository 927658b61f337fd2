// The user's journey on the demo console (KDesign, React state, strict CSP): log in, open
// 发票回调配置 from the menu as an in-app tab, press 填充 in the assistant bar, save. The page's own
// submitted state (what its framework believes) must hold the prefix, the 数据中心 id and the
// invoiceupload app; 撤销 restores; a different pre-filled value is a conflict left alone until
// 覆盖; the right one is unchanged; clicks the page fakes do nothing; the tab closed and reopened
// gets its bar again; the two secret fields say no-value while no secret is held.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { anyBar, bar, fill, outcomes, overwrite, row, undo, waitForBar } from '../../tools/driver/bar.mjs';
import { CALLBACK_MENU, loginToDemoConsole, openFromMenu, save } from '../../tools/driver/demo-steps.mjs';

const FORM = '发票回调配置';
const ACCOUNT_ID = '1742050739649250304';

/** 保存, and what the page's own state then holds. */
const savedValues = async (page) => (await save(page, FORM)).values;

describe('发票回调配置 on the demo console', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('log in, open the form from the menu, 填充 and 保存: the form holds prefix, 数据中心id and invoiceupload; 撤销 restores', async () => {
    const page = await browser.context.newPage();
    try {
      await loginToDemoConsole(page, server.origin);
      await openFromMenu(page, CALLBACK_MENU);
      await waitForBar(page, FORM);

      // Before the fill: the secret fields already say there is nothing to put there.
      await row(page, '网关').and(page.locator('[data-outcome="no-value"]')).waitFor();
      assert.equal(await row(page, '第三方应用密码').getAttribute('data-outcome'), 'no-value');

      await fill(page);
      assert.deepEqual(await outcomes(page), {
        请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'no-value', 网关: 'no-value',
      });
      const values = await savedValues(page);
      assert.equal(values['请求地址'], `${server.origin}/ierp/`);
      assert.equal(values['数据中心id'], ACCOUNT_ID);
      assert.equal(values['第三方应用'], 'invoiceupload');
      assert.equal(values['第三方应用密码'], '');
      assert.equal(values['网关'], '');

      await undo(page);
      const restored = await savedValues(page);
      assert.deepEqual(restored, { 请求地址: '', 数据中心id: '', 第三方应用: '', 第三方应用密码: '', 网关: '' });
    } finally {
      await page.close();
    }
  });

  test('a different pre-filled value is a conflict left alone until 覆盖; the right values are unchanged', async () => {
    const prefill = { 请求地址: 'https://old.example.com/ierp/', 数据中心id: ACCOUNT_ID, 第三方应用: 'invoiceupload' };
    const page = await newTab(browser, `${server.consoleUrl}&prefill=${encodeURIComponent(JSON.stringify(prefill))}`);
    try {
      await openFromMenu(page, CALLBACK_MENU);
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'conflict');
      assert.equal(got['数据中心id'], 'unchanged');
      assert.equal(got['第三方应用'], 'unchanged');
      assert.equal((await savedValues(page))['请求地址'], 'https://old.example.com/ierp/');

      await overwrite(page, '请求地址');
      const values = await savedValues(page);
      assert.equal(values['请求地址'], `${server.origin}/ierp/`);
      assert.equal(values['数据中心id'], ACCOUNT_ID);
      assert.equal(values['第三方应用'], 'invoiceupload');
    } finally {
      await page.close();
    }
  });

  test('clicks the page itself makes on 填充 (dispatchEvent, element.click()) fill nothing', async () => {
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openFromMenu(page, CALLBACK_MENU);
      await waitForBar(page, FORM);
      await page.evaluate(() => {
        const host = document.querySelector('[data-fapiao-helper="bar"]');
        const fillButton = [...host.shadowRoot.querySelectorAll('button')].find((b) => /填充/.test(b.getAttribute('aria-label') || b.textContent));
        fillButton.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        fillButton.click();
      });
      await page.waitForTimeout(2000);
      assert.notEqual(await bar(page, FORM).getAttribute('data-phase'), 'filled');
      const values = await savedValues(page);
      assert.equal(values['请求地址'], '');
      assert.equal(values['数据中心id'], '');
      assert.equal(values['第三方应用'], '');
    } finally {
      await page.close();
    }
  });

  test('the form closed and reopened from the menu is recognised again each time', async () => {
    const page = await newTab(browser, server.consoleUrl);
    try {
      for (let round = 1; round <= 3; round++) {
        await openFromMenu(page, CALLBACK_MENU);
        await waitForBar(page, FORM);
        await page.getByRole('button', { name: /退\s*出/ }).click();
        await bar(page, FORM).waitFor({ state: 'detached', timeout: 5000 });
      }
      await openFromMenu(page, CALLBACK_MENU);
      await fill(page);
      assert.equal((await savedValues(page))['数据中心id'], ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('an unrelated form (人员) gets no bar', async () => {
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openFromMenu(page, ['基础服务云', '组织人员', '人员']);
      await page.waitForTimeout(2500);
      assert.equal(await anyBar(page).count(), 0);
    } finally {
      await page.close();
    }
  });
});
