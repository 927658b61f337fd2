// The complete journey on the demo console (KDesign, React state, strict CSP), as a user walks it:
// log in; 开放服务云 → OpenApi → 安全策略 → 第三方应用 → invoiceupload; 访问策略 AccessToken认证 编辑 →
// 生成密钥 → 确定; 认证凭证 查看 + login password → 记住网关; 发票服务 → 系统管理 → 发票回调配置 →
// 填充 → 保存. The page's own submitted state holds all five values, the clipboard was never used,
// and no console output or storage outside the session store carries a secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPopup, startServer } from './harness.mjs';
import { clickBar, fill, outcomes, readClipboard, storageDump, writeClipboard } from './secrets-console.mjs';

const ACCOUNT_ID = '1742050739649250304';
const CALLBACK = '发票回调配置';

/** Opens a form from the console's application menu, expanding only submenus still closed. */
async function openFromMenu(page, path) {
  const menu = page.getByRole('menu').first();
  for (const [i, title] of path.entries()) {
    const item = menu.getByText(title, { exact: true }).first();
    if (i < path.length - 1) {
      const open = await item.evaluate((n) => (n.parentElement.nextElementSibling?.offsetHeight ?? 0) > 0);
      if (open) continue;
    }
    await item.click();
    await page.waitForTimeout(300);
  }
}

/** KDesign draws its modals without role="dialog": find one by its box and title. */
const modal = (page, title) => page.locator('.kd-modal-container-box').filter({ hasText: title });

const submitted = async (page, form) =>
  JSON.parse(await page.locator(`[data-testid="submitted-state"][data-form="${form}"]`).textContent());

describe('secrets on the demo console', () => {
  let browser, server;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('from 第三方应用 to a fully filled 发票回调配置 without the clipboard', async () => {
    const { context, extensionId, worker } = browser;
    const page = await context.newPage();
    await page.goto(server.loginUrl);
    await page.getByPlaceholder('手机号/邮箱/用户名').fill('administrator');
    await page.getByPlaceholder('请输入密码').fill('demo-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/index\.html\?formId=pc_main_console/);
    const popup = await openPopup(context, extensionId, page);
    await writeClipboard(popup, 'before the journey');
    await page.bringToFront();

    // 第三方应用 → invoiceupload → AccessToken认证 编辑 → 生成密钥 → 确定
    await openFromMenu(page, ['开放服务云', 'OpenApi', '安全策略', '第三方应用']);
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
    assert.equal((await submitted(page, '第三方应用')).accessTokenKey, key, 'the console accepted the generated key');

    // The 摘要认证 dialog holds a 认证密钥 field too, and must never be offered or given this key.
    await page.getByText('编辑', { exact: true }).nth(1).click();
    const digest = modal(page, '摘要认证');
    await digest.waitFor();
    await page.waitForTimeout(1500); // long enough for the helper to recognise what is there
    assert.equal(await page.locator('[data-fapiao-helper="bar"][data-form="AccessToken认证"]').count(), 0);
    assert.notEqual(await digest.locator('input').first().inputValue(), key);
    await digest.getByRole('button', { name: /取\s*消/ }).click();
    await digest.waitFor({ state: 'detached' });

    // 认证凭证: 查看 → login password → 确定 → 记住网关
    await page.getByRole('button', { name: /查\s*看/ }).click();
    const identity = modal(page, '身份验证');
    await identity.locator('input[type="password"]').fill('demo-password');
    await identity.getByRole('button', { name: /确\s*定/ }).click();
    await identity.waitFor({ state: 'detached' });
    const gateway = (await page.locator('.credential-value').first().textContent()).trim();
    assert.ok(gateway.length >= 16 && !gateway.includes('*'), gateway);
    await clickBar(page, '第三方应用', /记住网关|Remember gateway/);

    // The popup shows both held, masked.
    await popup.locator('[data-testid="secret-access-key"][data-held="true"]').waitFor({ timeout: 10_000 });
    await popup.locator('[data-testid="secret-gateway"][data-held="true"]').waitFor({ timeout: 10_000 });
    assert.ok((await popup.getByTestId('secret-access-key').textContent()).trim().endsWith(key.slice(-4)));
    assert.ok((await popup.getByTestId('secret-gateway').textContent()).trim().endsWith(gateway.slice(-4)));

    // 发票回调配置 → 填充 → 保存
    await page.bringToFront();
    await openFromMenu(page, ['发票服务', '系统管理', CALLBACK]);
    await fill(page, CALLBACK);
    assert.deepEqual(await outcomes(page, CALLBACK), {
      请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'filled', 网关: 'filled',
    });
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const state = page.locator(`[data-testid="submitted-state"][data-form="${CALLBACK}"]`);
    await page.waitForFunction((el) => JSON.parse(el.textContent).saves > 0, await state.elementHandle());
    assert.deepEqual((await submitted(page, CALLBACK)).values, {
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
    await popup.close();
    await page.close();
  });
});
