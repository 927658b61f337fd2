//! Smoke check of the demo console in real Chromium (no extension): the pages render under the
//! strict CSP with no console error, log in → console works, the menu opens forms as in-app
//! tabs, typing into the controlled inputs reaches the React state that 保存 submits, the
//! 第三方应用 dialogs behave, and closing and reopening a tab renders the form again.
//! Screenshots go to target/www-smoke/.
//!
//! Usage: node www/build-demo.mjs && node www/smoke.mjs

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(ROOT, 'target', 'www-smoke');

const server = await startServer(process.env.SMOKE_LOG ? { log: (line) => process.stdout.write(`  server: ${line}\n`) } : {});
const browser = await chromium.launch({
  executablePath: process.env.CHROME || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const problems = [];
let passed = 0;
/**
 * Clicks along a menu path, each title looked for under the submenu the previous one opened:
 * the menu repeats titles under different clouds (系统管理 under 发票服务 and 发票云).
 */
const openMenu = async (page, ...titles) => {
  let scope = page;
  for (const title of titles) {
    const item = scope.getByText(title, { exact: true }).first();
    await item.click();
    scope = item.locator('xpath=..').locator('xpath=following-sibling::*[1]');
  }
};
const step = async (name, fn) => {
  await fn();
  passed += 1;
  process.stdout.write(`ok ${passed} - ${name}\n`);
};

try {
  await mkdir(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const userLanguage = [];
  page.on('request', (req) => {
    if (req.url().includes('getUserLanguage.do')) userLanguage.push(req.url());
  });
  const submitted = async (form) =>
    JSON.parse(await page.locator(`[data-testid="submitted-state"][data-form="${form}"]`).textContent());

  await step('login page renders under the strict CSP and asks for getUserLanguage.do', async () => {
    const response = await page.goto(server.loginUrl);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(userLanguage.length, 1);
    await page.screenshot({ path: path.join(SHOTS, '1-login.png') });
  });

  await step('logging in opens the console, which asks for getUserLanguage.do?_=…', async () => {
    await page.getByPlaceholder('手机号/邮箱/用户名').fill('13800138000');
    await page.getByPlaceholder('请输入密码').fill('secret');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/index\.html\?formId=pc_main_console$/);
    await page.getByText('演示管理员').first().waitFor();
    assert.ok(userLanguage.some((u) => /getUserLanguage\.do\?_=\d+$/.test(u)));
  });

  await step('the menu opens 发票回调配置 as a tab that renders late', async () => {
    await openMenu(page, '发票服务', '系统管理', '发票回调配置');
    await page.locator('label', { hasText: '请求地址' }).waitFor();
  });

  await step('typing into the controlled inputs and choosing the lookup reaches the submitted state', async () => {
    const input = (label) => page.locator('.kd-form-field', { has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) }).locator('input').first();
    await input('请求地址').fill('http://127.0.0.1/ierp/');
    await input('数据中心id').fill('1742050739649250304');
    await input('第三方应用').click();
    await input('第三方应用').pressSequentially('invoiceupload');
    await page.locator('.kd-select-item-option', { hasText: /^invoiceupload 第三方发票上传$/ }).click();
    await page.getByRole('button', { name: /保\s*存/ }).first().click();
    const state = await submitted('发票回调配置');
    assert.equal(state.saved, false);
    assert.deepEqual(state.missing, ['第三方应用密码', '网关']);
    assert.equal(state.values['请求地址'], 'http://127.0.0.1/ierp/');
    assert.equal(state.values['数据中心id'], '1742050739649250304');
    assert.equal(state.values['第三方应用'], 'invoiceupload');
    await input('第三方应用密码').fill('k'.repeat(32));
    await input('网关').fill('gw-value');
    await page.getByRole('button', { name: /保\s*存/ }).first().click();
    const saved = await submitted('发票回调配置');
    assert.equal(saved.saved, true);
    assert.equal(saved.values['网关'], 'gw-value');
    await page.screenshot({ path: path.join(SHOTS, '2-invoice-callback.png') });
  });

  await step('closing the tab and reopening it renders a fresh form', async () => {
    await page.locator('.kd-tab-pane', { hasText: '发票回调配置' }).locator('.kdicon-close').click();
    assert.equal(await page.locator('[data-form="发票回调配置"]').count(), 0);
    await page.getByText('发票回调配置', { exact: true }).click();
    await page.locator('[data-testid="submitted-state"][data-form="发票回调配置"]').waitFor();
    assert.equal((await submitted('发票回调配置')).saves, 0);
  });

  await step('prefill puts values into the initial React state', async () => {
    const prefill = encodeURIComponent(JSON.stringify({ 第三方应用: 'kdtest', 网关: 'old' }));
    await page.goto(`${server.consoleUrl}&open=发票回调配置&prefill=${prefill}`);
    await page.locator('label', { hasText: '网关' }).waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).first().click();
    const state = await submitted('发票回调配置');
    assert.equal(state.values['第三方应用'], 'kdtest');
    assert.equal(state.values['网关'], 'old');
  });

  await step('第三方应用: 获取token示例, AccessToken key set once, x-acgw-identity revealed and copied', async () => {
    const gatewayValue = 'GW_fixed_value_for_tests_0123456789abcdef';
    await page.goto(`${server.consoleUrl}&open=第三方应用&gateway=${gatewayValue}`);
    await page.getByRole('button', { name: '获取token示例' }).click();
    const sample = await page.locator('.token-sample').textContent();
    assert.match(sample, new RegExp(`POST ${server.origin}/ierp/api/getAppToken\\.do`));
    assert.match(sample, /"accountId": "1742050739649250304"/);
    await page.screenshot({ path: path.join(SHOTS, '3-token-sample.png') });
    await page.getByRole('button', { name: /关\s*闭/ }).click();
    await page.getByText('kdtest', { exact: true }).click();
    await page.getByText('认证凭证').waitFor();
    const row = (name) => page.locator('tr.kd-table-row:visible', { hasText: name });
    const dialog = (text) => page.locator('.kd-modal', { hasText: text }).last();

    await row('AccessToken认证').getByText('编辑').click();
    await dialog('认证密钥').locator('input').fill('A'.repeat(32));
    await dialog('认证密钥').getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await submitted('第三方应用')).accessTokenKey, 'A'.repeat(32));
    assert.match(await row('AccessToken认证').textContent(), /\*{6}/);
    await row('AccessToken认证').getByText('编辑').click();
    assert.equal(await dialog('认证密钥').locator('input').inputValue(), '', 'the key is never shown again');
    await dialog('认证密钥').getByRole('button', { name: /取\s*消/ }).click();

    await row('摘要认证').getByText('编辑').click();
    await dialog('认证密钥').getByRole('button', { name: /刷\s*新/ }).click();
    assert.match(await dialog('认证密钥').locator('input').inputValue(), /^[0-9a-f]{32}$/);
    await dialog('认证密钥').getByRole('button', { name: /确\s*定/ }).click();

    assert.equal(await page.getByText(gatewayValue).count(), 0, 'masked until the password is entered');
    await page.getByRole('button', { name: /查\s*看/ }).click();
    await dialog('登录密码').getByRole('button', { name: /确\s*定/ }).click();
    assert.equal(await page.getByText(gatewayValue).count(), 0, 'an empty password reveals nothing');
    await dialog('登录密码').locator('input').fill('secret');
    await dialog('登录密码').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(gatewayValue, { exact: true }).waitFor();
    await page.getByRole('button', { name: /复\s*制/ }).click();
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), gatewayValue);
    assert.equal((await submitted('第三方应用')).gatewayRevealed, true);
    await page.screenshot({ path: path.join(SHOTS, '4-third-party-app.png') });
  });

  await step('人员 and 业务单元 open from 基础服务云; 退出 closes the tab', async () => {
    await page.goto(server.consoleUrl);
    await page.getByText('基础服务云', { exact: true }).click();
    await page.getByText('组织人员', { exact: true }).click();
    await page.getByText('人员', { exact: true }).click();
    await page.locator('label', { hasText: /^工号$/ }).waitFor();
    await page.getByText('业务单元', { exact: true }).click();
    await page.locator('label', { hasText: /^上级组织$/ }).waitFor();
    await page.locator('.console-tab-body:visible').getByRole('button', { name: /退\s*出/ }).click();
    assert.equal(await page.locator('[data-form="业务单元"]').count(), 0);
    assert.equal(await page.locator('[data-form="人员"]').isVisible(), true);
  });

  await step('a fixture page on 127.0.0.1 whose CSP allows it reads getUserLanguage.do from localhost', async () => {
    // The demo's own strict CSP refuses other origins (connect-src falls back to 'self').
    server.fixtures.set('/fx/cross.html', { body: '<p>cross</p>', csp: "default-src 'self'; connect-src *" });
    await page.goto(`${server.origin}/fx/cross.html`);
    const text = await page.evaluate((url) => fetch(url).then((r) => r.text()), `${server.otherOrigin}/ierp/auth/getUserLanguage.do`);
    assert.match(text, /"accountId":1742050739649250304/);
  });

  await step('the page logged no error and no CSP violation', async () => {
    assert.deepEqual(problems, []);
  });
  process.stdout.write(`${passed} passed, 0 failed\n`);
} catch (error) {
  process.stdout.write(`not ok - ${error.stack}\nconsole problems: ${JSON.stringify(problems, null, 1)}\n${passed} passed, 1 failed\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
