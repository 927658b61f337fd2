// The journeys on the Cosmic runtime variant of the demo console (www/demo/src/cosmic, under
// /cosmic/): captions in title wrappers beside value wrappers, no <label for>; F7 lookups whose
// dropdown starts with 新增; 保存 a <div id="bar_save">; closed tabs leave their page hidden in
// the DOM; 发票回调配置 inside a same-origin iframe whose URL is not a console URL; a login page
// that lists every data centre (getAllDatacenters.do) and a console that asks
// api/login/getUserLanguage.do, whose userId is `<accountId>_<n>`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BUILD, closeAll, openPopup, readPopup, startServerAndBrowser, waitForState } from '../../tools/driver/browser.mjs';
import { bar, clickBar, fill, outcomes, undo, waitForBar } from '../../tools/driver/bar.mjs';
import {
  COSMIC_CALLBACK_MENU, COSMIC_THIRD_PARTY_APPS_MENU, DEMO_PASSWORD, closeCosmicTab, cosmicButton, cosmicDialog, cosmicFrame,
  cosmicPage, cosmicSave, cosmicSubmittedState, loginToCosmicConsole, openFromCosmicMenu,
} from '../../tools/driver/demo-steps.mjs';
import { waitForHeld } from './secrets-console.mjs';
import { COSMIC_ACCOUNT_ID, COSMIC_DATACENTERS } from '../../www/serve.mjs';

const CALLBACK = '发票回调配置';
const APP = '第三方应用';
const ACCESS_TOKEN = 'AccessToken认证';

describe('the Cosmic runtime console', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser({ extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('after login the popup is ready with the accountId of getUserLanguage.do, never one of getAllDatacenters.do', async () => {
    const page = await browser.context.newPage();
    const seen = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await loginToCosmicConsole(page, server.origin);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    const shown = await readPopup(popup);
    assert.equal(shown.accountId, COSMIC_ACCOUNT_ID);
    assert.ok(!COSMIC_DATACENTERS.some((c) => c.accountId === shown.accountId));
    assert.equal(shown.prefix, `${server.origin}/cosmic/`);
    assert.ok(seen.includes('/cosmic/auth/getAllDatacenters.do') && seen.includes('/cosmic/api/login/getUserLanguage.do'), seen.join(' '));
    await closeAll(popup, page);
  });

  test('第三方应用: 生成密钥 in AccessToken认证, 记住网关; 发票回调配置 in its iframe: 填充, 保存 (a div), 撤销; 新增 never chosen', async () => {
    const { context, extensionId } = browser;
    const page = await context.newPage();
    await loginToCosmicConsole(page, server.origin);
    const popup = await openPopup(context, extensionId, page);
    await page.bringToFront();

    // 第三方应用 → invoiceupload → 访问策略 card AccessToken认证 → 编辑 → 生成密钥 → 确定
    await openFromCosmicMenu(page, COSMIC_THIRD_PARTY_APPS_MENU);
    await cosmicPage(page).getByText('invoiceupload', { exact: true }).click();
    const card = cosmicPage(page).locator('.kd-cq-card').filter({ hasText: ACCESS_TOKEN });
    await card.getByText('编辑', { exact: true }).click();
    const dialog = cosmicDialog(page, ACCESS_TOKEN);
    await dialog.waitFor();
    await clickBar(page, ACCESS_TOKEN, /生成密钥|Generate key/);
    const keyInput = dialog.locator('input').first();
    await page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await keyInput.elementHandle());
    const key = await keyInput.inputValue();
    await cosmicButton(dialog, '确定').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await cosmicSubmittedState(page, APP)).accessTokenKey, key);

    // The 摘要认证 card's dialog holds a 认证密钥 too: never offered or given this key.
    await cosmicPage(page).locator('.kd-cq-card').filter({ hasText: '摘要认证' }).getByText('编辑', { exact: true }).click();
    const digest = cosmicDialog(page, '摘要认证');
    await digest.waitFor();
    await page.waitForTimeout(1500); // long enough for the helper to recognise what is there
    assert.equal(await bar(page, ACCESS_TOKEN).count(), 0);
    assert.notEqual(await digest.locator('input').first().inputValue(), key);
    await cosmicButton(digest, '取消').click();
    await digest.waitFor({ state: 'detached' });

    // 认证凭证: 查看 → login password → 确定 → 记住网关
    await cosmicPage(page).locator('.kd-cq-credential').getByText('查看').click();
    const identity = cosmicDialog(page, '身份验证');
    await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await cosmicButton(identity, '确定').click();
    await identity.waitFor({ state: 'detached' });
    const gateway = (await cosmicPage(page).locator('.credential-value').textContent()).trim();
    assert.ok(gateway.length >= 16 && !gateway.includes('*'), gateway);
    await clickBar(page, APP, /记住网关|Remember gateway/);
    await waitForHeld(popup, 'secret-access-key');
    await waitForHeld(popup, 'secret-gateway');

    // 发票回调配置 opens in an iframe (form.html?formId=…): the bar is in that frame.
    await page.bringToFront();
    await openFromCosmicMenu(page, COSMIC_CALLBACK_MENU);
    const frame = cosmicFrame(page);
    await waitForBar(frame, CALLBACK);
    await fill(frame, CALLBACK);
    assert.deepEqual(await outcomes(frame, CALLBACK), {
      请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'filled', 网关: 'filled',
    });
    const saved = await cosmicSave(frame, CALLBACK);
    assert.equal(saved.addNewOpened, 0, 'the F7 dropdown’s 新增 row was never chosen');
    assert.deepEqual(saved.values, {
      请求地址: `${server.origin}/cosmic/`,
      数据中心id: COSMIC_ACCOUNT_ID,
      第三方应用: 'invoiceupload',
      第三方应用密码: key,
      网关: gateway,
    });
    assert.equal(await frame.locator('[role=dialog]').count(), 0, 'no 新增 dialog');

    await undo(frame, CALLBACK);
    const restored = await cosmicSave(frame, CALLBACK);
    assert.deepEqual(restored.values, { 请求地址: '', 数据中心id: '', 第三方应用: '', 第三方应用密码: '', 网关: '' });
    assert.equal(restored.addNewOpened, 0);
    await closeAll(popup, page);
  });

  test('a reopened 第三方应用 leaves its old instance hidden in the page: 填充 ticks only the live copy', async () => {
    const page = await browser.context.newPage();
    await loginToCosmicConsole(page, server.origin);
    await openFromCosmicMenu(page, COSMIC_THIRD_PARTY_APPS_MENU);
    await cosmicPage(page).getByText('kdtest', { exact: true }).click();
    const title = '第三方应用 - kdtest';
    await waitForBar(page, APP);
    await closeCosmicTab(page, title);
    await cosmicPage(page).getByText('kdtest', { exact: true }).click();
    await page.locator('.kd-cq-page[data-page-id^="app_kdtest_"]').nth(1).locator('.kd-cq-form').waitFor();
    assert.equal(await page.locator('.kd-cq-page[data-page-id^="app_kdtest_"]').count(), 2, 'the stale copy is still in the DOM');

    await fill(page, APP);
    const got = await outcomes(page, APP);
    assert.equal(got['授权全部API'], 'filled');
    assert.equal(got['允许全部IP访问'], 'filled');
    const checked = (id) => page.locator(`.kd-cq-page[data-page-id="${id}"] input[type=checkbox]`).evaluateAll((l) => l.map((i) => i.checked));
    assert.deepEqual(await checked('app_kdtest_2'), [true, true], 'the live copy is ticked');
    assert.deepEqual(await checked('app_kdtest_1'), [false, false], 'the hidden copy is left alone');
    const saved = await cosmicSave(page, APP);
    assert.equal(saved.values['授权全部API'], true);
    assert.equal(saved.values['允许全部IP访问'], true);
    await page.close();
  });
  test('a reopened 发票回调配置 leaves its old iframe hidden: the live frame is filled, the old one gets nothing', async () => {
    const page = await browser.context.newPage();
    await loginToCosmicConsole(page, server.origin);
    await openFromCosmicMenu(page, COSMIC_CALLBACK_MENU);
    await waitForBar(cosmicFrame(page), CALLBACK);
    await closeCosmicTab(page, CALLBACK);
    await openFromCosmicMenu(page, COSMIC_CALLBACK_MENU);
    const frames = page.locator('.kd-cq-page iframe');
    await page.waitForFunction(() => document.querySelectorAll('.kd-cq-page iframe').length === 2);
    const live = cosmicFrame(page);
    await waitForBar(live, CALLBACK);
    await fill(live, CALLBACK);
    const got = await outcomes(live, CALLBACK);
    assert.equal(got['请求地址'], 'filled');
    assert.equal(got['数据中心id'], 'filled');
    assert.equal(got['第三方应用'], 'filled');
    assert.equal((await cosmicSave(live, CALLBACK)).values['数据中心id'], COSMIC_ACCOUNT_ID);
    const old = frames.first().contentFrame();
    const oldValues = await old.locator('.kd-cq-field input').evaluateAll((l) => l.map((i) => i.value));
    assert.deepEqual(oldValues, ['', '', '', '', ''], 'the hidden old instance is left alone');
    assert.equal(await old.locator('[data-fapiao-helper="bar"]').filter({ visible: true }).count(), 0, 'no visible bar in the hidden frame');
    await page.close();
  });
});
