// The complete journey on the demo console (KDesign, React state, strict CSP), as a user walks it:
// log in; 开放服务云 → OpenApi → 安全策略 → 第三方应用 → invoiceupload; 访问策略 AccessToken认证 编辑 →
// 生成密钥 → 确定; 认证凭证 查看 + login password → 记住网关; 发票服务 → 系统管理 → 发票回调配置 →
// 填充 → 保存. The page's own submitted state holds all five values, the clipboard was never used,
// and no console output or storage outside the session store carries a secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPopup, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { bar, clickBar, fill, outcomes } from '../../tools/driver/bar.mjs';
import {
  CALLBACK_MENU, DEMO_PASSWORD, THIRD_PARTY_APPS_MENU, loginToDemoConsole, modal, openFromMenu, save, submittedState,
} from '../../tools/driver/demo-steps.mjs';
import { readClipboard, storageDump, waitForHeld, writeClipboard } from './secrets-console.mjs';

const ACCOUNT_ID = '1742050739649250304';
const CALLBACK = '发票回调配置';

describe('secrets on the demo console', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('from 第三方应用 to a fully filled 发票回调配置 without the clipboard', async () => {
    const { context, extensionId, worker } = browser;
    const page = await context.newPage();
    await loginToDemoConsole(page, server.origin);
    const popup = await openPopup(context, extensionId, page);
    await writeClipboard(popup, 'before the journey');
    await page.bringToFront();

    // 第三方应用 → invoiceupload → AccessToken认证 编辑 → 生成密钥 → 确定
    await openFromMenu(page, THIRD_PARTY_APPS_MENU);
    await page.getByText('invoiceupload', { exact: true }).first().click();
    await page.getByText('编辑', { exact: true }).first().click();
    const dialog = modal(page, 'AccessToken认证');
    await dialog.waitFor();
    await clickBar(page, 'AccessToken认证', /生成密钥|Generate key/);
    const keyInput = dialog.locator('input').first();
    await page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await keyInput.elementHandle());
    const key = await keyInput.inputValue();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await submittedState(page, '第三方应用')).accessTokenKey, key, 'the console accepted the generated key');

    // The 摘要认证 dialog holds a 认证密钥 field too, and must never be offered or given this key.
    await page.getByText('编辑', { exact: true }).nth(1).click();
    const digest = modal(page, '摘要认证');
    await digest.waitFor();
    await page.waitForTimeout(1500); // long enough for the helper to recognise what is there
    assert.equal(await bar(page, 'AccessToken认证').count(), 0);
    assert.notEqual(await digest.locator('input').first().inputValue(), key);
    await digest.getByRole('button', { name: /取\s*消/ }).click();
    await digest.waitFor({ state: 'detached' });

    // 认证凭证: 查看 → login password → 确定 → 记住网关
    await page.getByRole('button', { name: /查\s*看/ }).click();
    const identity = modal(page, '身份验证');
    await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await identity.getByRole('button', { name: /确\s*定/ }).click();
    await identity.waitFor({ state: 'detached' });
    const gateway = (await page.locator('.credential-value').first().textContent()).trim();
    assert.ok(gateway.length >= 16 && !gateway.includes('*'), gateway);
    await clickBar(page, '第三方应用', /记住网关|Remember gateway/);

    // The popup shows both held, masked.
    await waitForHeld(popup, 'secret-access-key');
    await waitForHeld(popup, 'secret-gateway');
    assert.ok((await popup.getByTestId('secret-access-key').textContent()).trim().endsWith(key.slice(-4)));
    assert.ok((await popup.getByTestId('secret-gateway').textContent()).trim().endsWith(gateway.slice(-4)));

    // 发票回调配置 → 填充 → 保存
    await page.bringToFront();
    await openFromMenu(page, CALLBACK_MENU);
    await fill(page, CALLBACK);
    assert.deepEqual(await outcomes(page, CALLBACK), {
      请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'filled', 网关: 'filled',
    });
    assert.deepEqual((await save(page, CALLBACK)).values, {
      请求地址: `${server.origin}/ierp/`,
      数据中心id: ACCOUNT_ID,
      第三方应用: 'invoiceupload',
      第三方应用密码: key,
      网关: gateway,
    });

    // Without the clipboard; nothing outside the session store; no console output with a secret.
    assert.equal(await readClipboard(popup), 'before the journey');
    const dump = await storageDump(worker);
    for (const area of ['local', 'sync']) {
      const text = JSON.stringify(dump[area]);
      assert.ok(!text.includes(key) && !text.includes(gateway), area);
    }
    for (const message of browser.consoleMessages) {
      assert.ok(!message.text.includes(key) && !message.text.includes(gateway), message.source);
    }
    await closeAll(popup, page);
  });
});
