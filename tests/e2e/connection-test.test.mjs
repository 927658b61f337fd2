// 连接测试 explained (DESIGN.md "Credentials, validation and 连接测试"): after the user's click on
// the console's own 连接测试, the bar of that form shows `data-testid="connection-result"` with
// `data-cause` (ok, credentials, network, no-feature) and the cause and fix in words, within
// 2 s of the console's toast; it stays after the toast is gone and is replaced by the next
// answer. The helper only reads the page's words (the demo's toast), never asks the service.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { addCase } from './fixtures/forms.mjs';
import { bar, waitForBar } from '../../tools/driver/bar.mjs';
import { EXPENSE_INVOICE_CLOUD_MENU, INVOICE_CLOUD_AUTH_MENU, connectionTest, openFromMenuPath, openTenantAuth } from '../../tools/driver/demo-steps.mjs';
import { ACTIVATIONS, PROD_URL, TEST_URL } from '../../tools/driver/credentials-steps.mjs';

const PROD = ACTIVATIONS.prod;
const [ENTERPRISE, NO_FEATURE] = PROD.enterprises;
const TENANT = PROD.tenant;
const TEST = ACTIVATIONS.test;

const input = (page, label) => page.locator('section.form-page').filter({ visible: true }).getByLabel(label, { exact: true });

/** Types each `{label: value}` into the visible form. */
async function enter(page, values) {
  for (const [label, value] of Object.entries(values)) await input(page, label).fill(value);
}

const result = (page, form) => bar(page, form).locator('[data-testid="connection-result"]');

/**
 * Clicks 连接测试 and waits for the console's toast with `message`; then the bar must show
 * `cause` within 2 s of it. Returns the result's text.
 */
async function testAndExpect(page, form, message, cause) {
  const answer = await connectionTest(page, form);
  assert.equal(answer.message, message);
  await page.getByText(message, { exact: true }).first().waitFor({ timeout: 5000 });
  const shown = Date.now();
  await result(page, form).and(page.locator(`[data-cause="${cause}"]`)).waitFor({ state: 'attached', timeout: 2000 });
  assert.ok(Date.now() - shown <= 2000);
  return (await result(page, form).textContent()).trim();
}

/** Waits until the demo's toast with `message` is gone (KDesign: ~3 s). */
async function toastGone(page, message) {
  await page.getByText(message, { exact: true }).first().waitFor({ state: 'detached', timeout: 10_000 });
}

const withPrefill = (url, prefill) => `${url}&prefill=${encodeURIComponent(JSON.stringify(prefill))}`;

describe('连接测试 explained on the bar', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('发票云授权配置: ok, network (unreachable 代理), credentials (tenant creds, then env mismatch), no-feature; each stays after its toast, replaced by the next', async () => {
    const form = '发票云授权配置';
    const page = await newTab(browser, withPrefill(server.consoleUrl, {
      url: PROD_URL, 'Client id': ENTERPRISE.clientId, 'Client Secret': ENTERPRISE.clientSecret, 'Encrypt Key': ENTERPRISE.encryptKey,
    }));
    try {
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      await waitForBar(page, form);
      assert.equal(await result(page, form).count(), 0, 'no answer before any 连接测试');

      const ok = await testAndExpect(page, form, '连接成功', 'ok');
      assert.ok(ok.length > 4, ok);
      await toastGone(page, '连接成功');
      assert.equal(await result(page, form).getAttribute('data-cause'), 'ok', 'stays after the toast is gone');

      await enter(page, { 代理: '10.255.255.1:3128' });
      const network = await testAndExpect(page, form, '与发票云建立连接失败: connect timed out', 'network');
      assert.match(network, /白名单|whitelist/i);
      assert.match(network, /代理/);
      await toastGone(page, '与发票云建立连接失败: connect timed out');
      assert.equal(await result(page, form).getAttribute('data-cause'), 'network');

      await enter(page, { 代理: '', 'Client id': TENANT.clientId, 'Client Secret': TENANT.clientSecret, 'Encrypt Key': TENANT.encryptKey });
      const tenant = await testAndExpect(page, form, '非法的客户ID，请联系管理员', 'credentials');
      assert.match(tenant, /TN_/);
      assert.match(tenant, /api-dev\.piaozone\.com\/test/);

      await enter(page, { 'Client id': NO_FEATURE.clientId, 'Client Secret': NO_FEATURE.clientSecret, 'Encrypt Key': NO_FEATURE.encryptKey });
      const noFeature = await testAndExpect(page, form, '无特性分组', 'no-feature');
      assert.match(noFeature, /许可|licen/i);
      await toastGone(page, '无特性分组');
      assert.equal(await result(page, form).getAttribute('data-cause'), 'no-feature');

      await enter(page, { 'Client id': TEST.enterprises[0].clientId, 'Client Secret': TEST.enterprises[0].clientSecret, 'Encrypt Key': TEST.enterprises[0].encryptKey });
      await testAndExpect(page, form, '非法的客户id，请联系管理员', 'credentials');

      await enter(page, { url: TEST_URL });
      await testAndExpect(page, form, '连接成功', 'ok');
      assert.equal(await result(page, form).count(), 1, 'one answer at a time: the latest');
    } finally {
      await page.close();
    }
  });

  test('维护租户授权信息 and 费报 发票云配置 explain their answers too (case-insensitive 非法的客户ID / 非法的客户id)', async () => {
    const cases = [
      ['维护租户授权信息', { 授权账号: ENTERPRISE.clientId, 授权密钥: ENTERPRISE.clientSecret, 加密key: ENTERPRISE.encryptKey }, '非法的客户ID，请联系管理员', 'credentials'],
      ['维护租户授权信息', { 授权账号: TEST.tenant.clientId, 授权密钥: TEST.tenant.clientSecret, 加密key: TEST.tenant.encryptKey }, '非法的客户id，请联系管理员', 'credentials'],
      ['维护租户授权信息', { 授权账号: TENANT.clientId, 授权密钥: TENANT.clientSecret, 加密key: TENANT.encryptKey }, '连接成功', 'ok'],
      ['发票云配置', { 发票云授权标识: ENTERPRISE.clientId, 客户端标识: ENTERPRISE.clientSecret, 接入标识: 'not-the-key' }, '签名认证不通过', 'credentials'],
      ['发票云配置', { 发票云授权标识: NO_FEATURE.clientId, 客户端标识: NO_FEATURE.clientSecret, 接入标识: NO_FEATURE.encryptKey }, '无特性分组', 'no-feature'],
    ];
    for (const [form, prefill, message, cause] of cases) {
      const page = await newTab(browser, withPrefill(server.consoleUrl, prefill));
      try {
        if (form === '维护租户授权信息') await openTenantAuth(page);
        else await openFromMenuPath(page, EXPENSE_INVOICE_CLOUD_MENU);
        await waitForBar(page, form);
        await testAndExpect(page, form, message, cause);
      } finally {
        await page.close();
      }
    }
  });

  test('an answer is shown in the user\'s words: the result says what to do, not only what the console said', async () => {
    const form = '发票云授权配置';
    const page = await newTab(browser, withPrefill(server.consoleUrl, { url: PROD_URL, 'Client id': '' }));
    try {
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      await waitForBar(page, form);
      const text = await testAndExpect(page, form, '应用id不能为空', 'credentials');
      assert.notEqual(text, '应用id不能为空');
      assert.match(text, /api\.piaozone\.com/);
    } finally {
      await page.close();
    }
  });
});

// Console pages of other shapes: a `<div>` 测试连接, answers in role=alert boxes or a dialog, an
// answer the helper has no words for, and text that is no answer of the user's click.
const AUTH_FORM = `<section id="pg"><h2>发票云授权配置</h2><form>
  ${['url', '代理', 'Client id', 'Client Secret', 'Encrypt Key'].map((l, i) =>
    `<div class="item"><label class="label" for="f${i}">${l}</label><input id="f${i}" type="${i > 2 ? 'password' : 'text'}"></div>`).join('')}
  </form><div id="test" class="btn" tabindex="0">测试连接</div></section>`;

/** The page answers a click on 测试连接 with `document.body.dataset.answer`, in the shape `dataset.shape`, gone after 1.5 s. */
const ANSWER_JS = `
function show(text, shape) {
  const box = document.createElement('div');
  if (shape === 'dialog') { box.setAttribute('role', 'dialog'); box.innerHTML = '<h3>提示</h3><p></p>'; box.querySelector('p').textContent = text; }
  else { box.setAttribute('role', 'alert'); box.textContent = text; }
  document.body.append(box);
  setTimeout(() => box.remove(), 1500);
}
document.getElementById('test').addEventListener('click', () => setTimeout(() => show(document.body.dataset.answer, document.body.dataset.shape), 300));
window.addEventListener('message', (e) => { if (e.data && e.data.show) show(e.data.show, 'alert'); });
`;

describe('连接测试 answers on other console shapes', () => {
  let browser, server, url;

  before(async () => {
    const fixtures = new Map();
    url = addCase(fixtures, 'connection-shapes', { body: AUTH_FORM, js: ANSWER_JS, title: '发票云授权配置' });
    ({ server, browser } = await startServerAndBrowser({ fixtures }));
  });
  after(() => closeAll(browser, server));

  const form = '发票云授权配置';
  const answer = (page, text, shape = 'alert') => page.evaluate(([t, s]) => { document.body.dataset.answer = t; document.body.dataset.shape = s; }, [text, shape]);

  test('a <div> 测试连接; answers in an alert and a dialog; an answer with no known words is unknown', async () => {
    const page = await newTab(browser, server.origin + url);
    try {
      await waitForBar(page, form);
      await answer(page, 'Read timed out', 'dialog');
      await page.locator('#test').click();
      await result(page, form).and(page.locator('[data-cause="network"]')).waitFor({ state: 'attached', timeout: 3000 });
      await answer(page, '服务器内部错误 (500)');
      await page.locator('#test').click();
      await result(page, form).and(page.locator('[data-cause="unknown"]')).waitFor({ state: 'attached', timeout: 3000 });
      await answer(page, '签名认证不通过');
      await page.locator('#test').click();
      await result(page, form).and(page.locator('[data-cause="credentials"]')).waitFor({ state: 'attached', timeout: 3000 });
      await page.waitForTimeout(2000); // the alert is gone
      assert.equal(await result(page, form).getAttribute('data-cause'), 'credentials');
    } finally {
      await page.close();
    }
  });

  test('no answer is read without the user\'s click: the page\'s own click and a message of its own change nothing', async () => {
    const page = await newTab(browser, server.origin + url);
    try {
      await waitForBar(page, form);
      await answer(page, '连接成功');
      await page.evaluate(() => document.getElementById('test').click()); // untrusted
      await page.evaluate(() => window.postMessage({ show: '非法的客户ID' }, '*'));
      await page.waitForTimeout(1500);
      assert.equal(await result(page, form).count(), 0);
    } finally {
      await page.close();
    }
  });
});
