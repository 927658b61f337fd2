// The side panel as a person uses it beside the demo console (DESIGN.md "Checklist and standalone
// page"): the product told by the console's 发票服务 menu is preselected (星空旗舰版); a 保存
// without the helper's 填充, or after a 填充 that left a field without its value, leaves
// 发票回调配置 undone; a clean 填充 is not yet done until the console's own 保存, then it is; a
// manual step follows its checkbox for the console, also after the panel is opened again; the
// same on the Cosmic runtime variant (div toolbar buttons, the form in an iframe); a tab that is
// no console shows not-console and no step done; the exported record holds no secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { closeAll, newTab, startServerAndBrowser, tabIdFor } from '../../tools/driver/browser.mjs';
import { clickBar, fill, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import {
  CALLBACK_MENU, COSMIC_CALLBACK_MENU, COSMIC_THIRD_PARTY_APPS_MENU, DEMO_PASSWORD, THIRD_PARTY_APPS_MENU, cosmicButton,
  cosmicDialog, cosmicFrame, cosmicPage, cosmicSave, loginToCosmicConsole, loginToDemoConsole, modal, openFromCosmicMenu,
  openFromMenu, save,
} from '../../tools/driver/demo-steps.mjs';

const CALLBACK = '发票回调配置';
const ACCOUNT_ID = '1742050739649250304';

/** The side panel for `page`'s tab, opened as a page (`sidepanel.html?tab=<id>`), once drawn. */
async function openSidePanel(browser, page) {
  const tabId = await tabIdFor(browser.worker, page);
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel/sidepanel.html?tab=${tabId}`);
  await panel.locator('html[data-ready="true"]').waitFor();
  return { panel, tabId };
}

const step = (panel, id) => panel.locator(`[data-testid="checklist"] [data-step="${id}"]`);

/** Waits until the step shows `done` (the panel redraws when the worker's progress changes). */
async function waitForDone(panel, id, done, timeout = 10_000) {
  await panel.locator(`[data-testid="checklist"] [data-step="${id}"][data-done="${done}"]`).waitFor({ timeout });
}

/** Stays `false` for a while (a save the worker might still be counting). */
async function staysUndone(panel, id) {
  await panel.waitForTimeout(1000);
  assert.equal(await step(panel, id).getAttribute('data-done'), 'false');
}

describe('the side panel on the demo console', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('星空旗舰版 preselected; 发票回调配置 is done only after a clean 填充 and the console\'s 保存; manual ticks; no secret exported', async () => {
    const page = await browser.context.newPage();
    await loginToDemoConsole(page, server.origin);
    const { panel, tabId } = await openSidePanel(browser, page);
    try {
      await panel.locator('[data-testid="status"][data-state="ready"]').waitFor();
      assert.equal(await panel.getByTestId('product').inputValue(), 'flagship');
      await panel.locator('[data-testid="checklist"][data-product="flagship"]').waitFor();
      for (const id of ['invoice-callback', 'invoice-cloud-auth', 'openapi-api1', 'enterprise-info']) {
        assert.equal(await step(panel, id).count(), 1, id);
      }
      assert.equal(await step(panel, 'invoice-callback').getAttribute('data-done'), 'false');
      await waitForDone(panel, 'account-id', true); // the 数据中心 id the console gave

      // 保存 with no 填充 of the helper.
      await page.bringToFront();
      await openFromMenu(page, CALLBACK_MENU);
      await save(page, CALLBACK);
      await staysUndone(panel, 'invoice-callback');

      // A 填充 with no secret held: two rows no-value; saved, still not done.
      await fill(page, CALLBACK);
      assert.equal((await outcomes(page, CALLBACK))['网关'], 'no-value');
      await save(page, CALLBACK);
      await staysUndone(panel, 'invoice-callback');

      // The secrets, as a person gets them: 生成密钥 in AccessToken认证 (its 确定 saves that
      // dialog after the helper's fill) and 记住网关.
      await openFromMenu(page, THIRD_PARTY_APPS_MENU);
      await page.getByText('invoiceupload', { exact: true }).first().click();
      await page.getByText('编辑', { exact: true }).first().click();
      const dialog = modal(page, 'AccessToken认证');
      await dialog.waitFor();
      await clickBar(page, 'AccessToken认证', /生成密钥|Generate key/);
      await page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await dialog.locator('input').first().elementHandle());
      const key = await dialog.locator('input').first().inputValue();
      // By keyboard, as a person may: the bar sits beside the dialog and may overlap its footer.
      await dialog.getByRole('button', { name: /确\s*定/ }).press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await waitForDone(panel, 'access-token-auth', true);
      await page.getByRole('button', { name: /查\s*看/ }).click();
      const identity = modal(page, '身份验证');
      await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
      await identity.getByRole('button', { name: /确\s*定/ }).click();
      await identity.waitFor({ state: 'detached' });
      const gateway = (await page.locator('.credential-value').first().textContent()).trim();
      await clickBar(page, '第三方应用', /记住网关|Remember gateway/);

      // The held secrets as the popup shows them: masked, never whole; the paste box is there too.
      for (const [id, secret] of [['secret-access-key', key], ['secret-gateway', gateway]]) {
        await panel.locator(`[data-testid="${id}"][data-held="true"]`).waitFor();
        const shown = (await panel.getByTestId(id).textContent()).trim();
        assert.ok(shown.endsWith(secret.slice(-4)) && !shown.includes(secret), id);
      }
      assert.equal(await panel.getByTestId('paste-input').count(), 1);
      assert.equal(await panel.getByTestId('paste-read').count(), 1);
      assert.ok(!(await panel.content()).includes(gateway));

      // A clean 填充: not done until the console's own 保存.
      await openFromMenu(page, CALLBACK_MENU);
      await fill(page, CALLBACK);
      // (The tab stayed open: what the first 填充 put there is unchanged now.)
      const rows = await outcomes(page, CALLBACK);
      assert.deepEqual(Object.keys(rows).sort(), ['数据中心id', '第三方应用', '第三方应用密码', '网关', '请求地址'].sort());
      assert.ok(Object.values(rows).every((o) => o === 'filled' || o === 'unchanged'), JSON.stringify(rows));
      assert.equal(rows['网关'], 'filled');
      await staysUndone(panel, 'invoice-callback');
      await save(page, CALLBACK);
      await waitForDone(panel, 'invoice-callback', true);

      // A manual step follows its checkbox, for this console, also in a panel opened again.
      const box = step(panel, 'openapi-api1').locator('input[type="checkbox"]');
      await box.check();
      await waitForDone(panel, 'openapi-api1', true);
      const again = await openSidePanel(browser, page);
      await waitForDone(again.panel, 'openapi-api1', true);
      await waitForDone(again.panel, 'invoice-callback', true);
      await again.panel.close();
      await step(panel, 'openapi-api1').locator('input[type="checkbox"]').uncheck();
      await waitForDone(panel, 'openapi-api1', false);

      // Across restarts only when the person opted in (the options' remember setting), no secret.
      const prefix = `${server.origin}/ierp/`;
      const local = () => panel.evaluate(() => chrome.storage.local.get(null));
      assert.ok(!Object.keys(await local()).some((k) => k.startsWith('remembered:progress:')));
      await panel.evaluate(() => chrome.storage.local.set({ rememberContext: true }));
      await panel.waitForFunction((k) => chrome.storage.local.get(k).then((v) => !!v[k]), `remembered:progress:${prefix}`);
      const copy = (await local())[`remembered:progress:${prefix}`];
      assert.ok(copy.saved.includes('invoice-callback'));
      assert.ok(!JSON.stringify(copy).includes(key.slice(-8)) && !JSON.stringify(copy).includes(gateway.slice(-8)));
      await panel.evaluate(() => chrome.storage.local.set({ rememberContext: false }));
      await panel.waitForFunction(() => chrome.storage.local.get(null).then((v) => !Object.keys(v).some((k) => k.startsWith('remembered:progress:'))));

      // The record for the handover documents: the console's values and steps, no secret.
      const record = await panel.evaluate((id) => chrome.runtime.sendMessage({ type: 'checklist-export', tabId: id, product: 'flagship' }), tabId);
      assert.equal(record.ok, true);
      const json = JSON.parse(record.json);
      assert.equal(json.prefix, `${server.origin}/ierp/`);
      assert.equal(json.accountId, ACCOUNT_ID);
      assert.equal(json.steps.find((s) => s.id === 'invoice-callback').done, true);
      assert.ok(record.markdown.includes(ACCOUNT_ID));
      // 下载 Markdown: the same record, as a file.
      const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-markdown').click()]);
      assert.match(download.suggestedFilename(), /^fapiao-setup-.*\.md$/);
      const file = await readFile(await download.path(), 'utf8');
      assert.ok(file.includes(ACCOUNT_ID) && !file.includes(key) && !file.includes(gateway));
      for (const secret of [key, gateway]) {
        assert.ok(!record.json.includes(secret) && !record.markdown.includes(secret), 'no secret in the record');
        assert.ok(!record.json.includes(secret.slice(-8)) && !record.markdown.includes(secret.slice(-8)));
      }
    } finally {
      await closeAll(panel, page);
    }
  });

  test('on the Cosmic runtime: 确定 of AccessToken认证 (a div) and 保存 of 发票回调配置 in its iframe (a div) count after clean fills', async () => {
    const page = await browser.context.newPage();
    await loginToCosmicConsole(page, server.origin);
    const { panel } = await openSidePanel(browser, page);
    try {
      await panel.locator('[data-testid="status"][data-state="ready"]').waitFor();
      await page.bringToFront();
      await openFromCosmicMenu(page, COSMIC_THIRD_PARTY_APPS_MENU);
      await cosmicPage(page).getByText('invoiceupload', { exact: true }).click();
      await cosmicPage(page).locator('.kd-cq-card').filter({ hasText: 'AccessToken认证' }).getByText('编辑', { exact: true }).click();
      const dialog = cosmicDialog(page, 'AccessToken认证');
      await dialog.waitFor();
      await clickBar(page, 'AccessToken认证', /生成密钥|Generate key/);
      await page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await dialog.locator('input').first().elementHandle());
      await cosmicButton(dialog, '确定').click();
      await dialog.waitFor({ state: 'detached' });
      await waitForDone(panel, 'access-token-auth', true);
      await cosmicPage(page).locator('.kd-cq-credential').getByText('查看').click();
      const identity = cosmicDialog(page, '身份验证');
      await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
      await cosmicButton(identity, '确定').click();
      await identity.waitFor({ state: 'detached' });
      await clickBar(page, '第三方应用', /记住网关|Remember gateway/);

      await openFromCosmicMenu(page, COSMIC_CALLBACK_MENU);
      const frame = cosmicFrame(page);
      await waitForBar(frame, CALLBACK);
      await cosmicSave(frame, CALLBACK); // with no 填充 of the helper
      await staysUndone(panel, 'invoice-callback');
      await fill(frame, CALLBACK);
      await staysUndone(panel, 'invoice-callback');
      await cosmicSave(frame, CALLBACK);
      await waitForDone(panel, 'invoice-callback', true);
    } finally {
      await closeAll(panel, page);
    }
  });

  test('a tab that is no console: not-console, and no step done', async () => {
    const page = await newTab(browser, `${server.origin}/ierp/login.html`);
    const { panel } = await openSidePanel(browser, page);
    try {
      await panel.locator('[data-testid="status"][data-state="not-console"]').waitFor();
      await panel.getByTestId('product').selectOption('cosmic-6');
      await panel.locator('[data-testid="checklist"][data-product="cosmic-6"] [data-step]').first().waitFor();
      const states = await panel.$$eval('[data-testid="checklist"] [data-step]', (els) => els.map((e) => e.dataset.done));
      assert.ok(states.length >= 8 && states.every((d) => d === 'false'));
      assert.ok(await step(panel, 'business-unit').locator('input[type="checkbox"]').isDisabled());
    } finally {
      await closeAll(panel, page);
    }
  });
});
