// The auth forms on the demo console, filled from a pasted 授权邮件: 发票云授权配置 (星瀚) and
// 发票服务授权配置 (星空旗舰版), 维护租户授权信息 and 费报's 发票云配置. For each: paste the mail
// in the popup, choose the enterprise, open the form from its menu, 填充, 保存 — the page's own
// state holds the environment's url and the chosen enterprise's (or the tenant's) credentials —,
// 连接测试 succeeds, 撤销 restores. Tenant credentials never land in an enterprise form, nor the
// reverse; a 是否使用原授权 already chosen is left alone (conflict).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { bar, fill, outcomes, row, undo, waitForBar } from '../../tools/driver/bar.mjs';
import {
  EXPENSE_INVOICE_CLOUD_MENU, INVOICE_CLOUD_AUTH_MENU, INVOICE_SERVICE_AUTH_MENU, connectionTest, loginToDemoConsole,
  openFromMenuPath, openTenantAuth, save,
} from '../../tools/driver/demo-steps.mjs';
import { ACTIVATIONS, PROD_URL, SAMPLE_MAILS, TEST_URL, pasteMail } from '../../tools/driver/credentials-steps.mjs';

const PROD = ACTIVATIONS.prod;
const [ENTERPRISE, NO_FEATURE] = PROD.enterprises;
const TENANT = PROD.tenant;
const TEST = ACTIVATIONS.test;

/** Every text in the bar's shadow root: secrets appear there masked only. */
const barText = (page, form) => bar(page, form).evaluate((host) => host.shadowRoot.textContent);

/**
 * Which of `secrets` the page's markup holds anywhere but an input's value (the target inputs
 * get them by design; React mirrors a controlled input's value into its attribute).
 */
const secretsInPage = (page, secrets) => page.evaluate((wanted) => {
  const clone = document.documentElement.cloneNode(true);
  for (const input of clone.querySelectorAll('input,textarea')) input.removeAttribute('value');
  const html = clone.outerHTML;
  return wanted.filter((s) => html.includes(s));
}, secrets);

const withPrefill = (url, prefill) => `${url}&prefill=${encodeURIComponent(JSON.stringify(prefill))}`;

describe('auth forms filled from the pasted 授权邮件', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('发票云授权配置: prod url, 否, the chosen enterprise\'s three values; 保存 holds them, 连接测试 succeeds, 撤销 restores', async () => {
    const page = await browser.context.newPage();
    const form = '发票云授权配置';
    try {
      await loginToDemoConsole(page, server.origin);
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), {
        url: 'filled', 代理: 'no-value', 是否使用原授权: 'filled', 'Client id': 'filled', 'Client Secret': 'filled', 'Encrypt Key': 'filled',
      });
      const text = await barText(page, form);
      for (const secret of [ENTERPRISE.clientSecret, ENTERPRISE.encryptKey]) assert.ok(!text.includes(secret), 'the bar shows secrets masked only');
      assert.deepEqual(await secretsInPage(page, [ENTERPRISE.clientSecret, ENTERPRISE.encryptKey, TENANT.clientSecret, TENANT.encryptKey]), [],
        'before 保存 the page holds the pasted secrets only in their target inputs');

      const saved = await save(page, form);
      assert.equal(saved.saved, true, JSON.stringify(saved.missing));
      assert.deepEqual(saved.values, {
        url: PROD_URL, 代理: '', 是否使用原授权: '否',
        'Client id': ENTERPRISE.clientId, 'Client Secret': ENTERPRISE.clientSecret, 'Encrypt Key': ENTERPRISE.encryptKey,
      });
      assert.deepEqual(await connectionTest(page, form), { tests: 1, ok: true, message: '连接成功' });

      await undo(page, form);
      const restored = await save(page, form);
      assert.deepEqual(restored.values, { url: '', 代理: '', 是否使用原授权: '', 'Client id': '', 'Client Secret': '', 'Encrypt Key': '' });
    } finally {
      await page.close();
    }
  });

  test('发票服务授权配置 with the test mail: the test url; a 是否使用原授权 already 是 is a conflict left alone, explained', async () => {
    const form = '发票服务授权配置';
    const page = await newTab(browser, withPrefill(server.consoleUrl, { 是否使用原授权: '是' }));
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.test); // one enterprise: chosen by itself
      await openFromMenuPath(page, INVOICE_SERVICE_AUTH_MENU);
      await waitForBar(page, form);
      await fill(page, form);
      const got = await outcomes(page, form);
      assert.equal(got['url'], 'filled');
      assert.equal(got['是否使用原授权'], 'conflict');
      assert.match(await row(page, '是否使用原授权', form).textContent(), /否/);
      const saved = await save(page, form);
      assert.equal(saved.values.url, TEST_URL);
      assert.equal(saved.values['是否使用原授权'], '是');
      assert.equal(saved.values['Client id'], TEST.enterprises[0].clientId);
      assert.deepEqual(await connectionTest(page, form), { tests: 1, ok: true, message: '连接成功' });
    } finally {
      await page.close();
    }
  });

  test('维护租户授权信息 takes the tenant\'s TN_ values only; 租户名称 is left to the user; 撤销 restores', async () => {
    const form = '维护租户授权信息';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openTenantAuth(page);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), {
        授权账号: 'filled', 授权密钥: 'filled', 加密key: 'filled', 租户名称: 'no-value', 发票云租户授权标识: 'no-value',
      });
      const saved = await save(page, form);
      assert.equal(saved.saved, true);
      assert.deepEqual(saved.values, {
        租户名称: '', 授权账号: TENANT.clientId, 授权密钥: TENANT.clientSecret, 加密key: TENANT.encryptKey, 发票云租户授权标识: '',
      });
      assert.deepEqual(await connectionTest(page, form), { tests: 1, ok: true, message: '连接成功' });
      await undo(page, form);
      assert.deepEqual(Object.values((await save(page, form)).values), ['', '', '', '', '']);
    } finally {
      await page.close();
    }
  });

  test('费报 发票云配置: 企业税号, 企业工商登记名 and the three values under their 费报 names; 组织 stays the user\'s', async () => {
    const form = '发票云配置';
    const page = await newTab(browser, withPrefill(server.consoleUrl, { 组织: '金蝶演示科技' }));
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openFromMenuPath(page, EXPENSE_INVOICE_CLOUD_MENU);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), {
        组织: 'no-value', 企业税号: 'filled', 企业工商登记名: 'filled', 发票云授权标识: 'filled', 客户端标识: 'filled', 接入标识: 'filled',
      });
      const saved = await save(page, form);
      assert.equal(saved.saved, true, JSON.stringify(saved.missing));
      assert.deepEqual(saved.values, {
        组织: '金蝶演示科技', 企业税号: ENTERPRISE.taxId, 企业工商登记名: ENTERPRISE.name,
        发票云授权标识: ENTERPRISE.clientId, 客户端标识: ENTERPRISE.clientSecret, 接入标识: ENTERPRISE.encryptKey,
      });
      assert.deepEqual(await connectionTest(page, form), { tests: 1, ok: true, message: '连接成功' });
      await undo(page, form);
      const restored = (await save(page, form)).values;
      assert.equal(restored['组织'], '金蝶演示科技');
      assert.equal(restored['发票云授权标识'], '');
      assert.equal(restored['客户端标识'], '');
    } finally {
      await page.close();
    }
  });

  test('no enterprise chosen: the enterprise forms get no credential (the bar says to paste and choose), the tenant form only the tenant\'s', async () => {
    const page = await newTab(browser, server.consoleUrl);
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod); // two enterprises: none chosen yet
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      const form = '发票云授权配置';
      await waitForBar(page, form);
      await fill(page, form);
      for (const field of ['Client id', 'Client Secret', 'Encrypt Key']) {
        assert.equal(await row(page, field, form).getAttribute('data-outcome'), 'no-value', field);
        assert.equal(await row(page, field, form).getAttribute('data-code'), 'no-credential', field);
      }
      assert.match(await row(page, 'Client id', form).textContent(), /授权邮件/);
      const values = (await save(page, form)).values;
      for (const tenantValue of [TENANT.clientId, TENANT.clientSecret, TENANT.encryptKey]) {
        assert.ok(!Object.values(values).includes(tenantValue), 'a tenant value in the enterprise form');
      }
      assert.equal(values.url, PROD_URL, 'the environment is known without an enterprise');

      await openTenantAuth(page);
      await waitForBar(page, '维护租户授权信息');
      await fill(page, '维护租户授权信息');
      const tenantValues = (await save(page, '维护租户授权信息')).values;
      assert.equal(tenantValues['授权账号'], TENANT.clientId);
      for (const e of PROD.enterprises) {
        assert.ok(![e.clientId, e.clientSecret, e.encryptKey].some((v) => Object.values(tenantValues).includes(v)), 'an enterprise value in the tenant form');
      }
    } finally {
      await page.close();
    }
  });

  test('the demo\'s 连接测试 answers from what was entered, with the console\'s words', async () => {
    const form = '发票云授权配置';
    const cases = [
      [{ url: PROD_URL, 'Client id': TEST.enterprises[0].clientId, 'Client Secret': TEST.enterprises[0].clientSecret, 'Encrypt Key': TEST.enterprises[0].encryptKey }, '非法的客户id，请联系管理员'],
      [{ url: TEST_URL, 'Client id': ENTERPRISE.clientId, 'Client Secret': ENTERPRISE.clientSecret, 'Encrypt Key': ENTERPRISE.encryptKey }, '签名认证不通过'],
      [{ url: PROD_URL, 'Client id': TENANT.clientId, 'Client Secret': TENANT.clientSecret, 'Encrypt Key': TENANT.encryptKey }, '非法的客户ID，请联系管理员'],
      [{ url: PROD_URL, 'Client id': '' }, '应用id不能为空'],
      [{ url: PROD_URL, 代理: '10.255.255.1:3128', 'Client id': ENTERPRISE.clientId, 'Client Secret': ENTERPRISE.clientSecret, 'Encrypt Key': ENTERPRISE.encryptKey }, '与发票云建立连接失败: connect timed out'],
      [{ url: PROD_URL, 'Client id': NO_FEATURE.clientId, 'Client Secret': NO_FEATURE.clientSecret, 'Encrypt Key': NO_FEATURE.encryptKey }, '无特性分组'],
      [{ url: PROD_URL, 'Client id': ENTERPRISE.clientId, 'Client Secret': ENTERPRISE.clientSecret, 'Encrypt Key': ENTERPRISE.encryptKey }, '连接成功'],
    ];
    for (const [prefill, message] of cases) {
      const page = await newTab(browser, withPrefill(server.consoleUrl, prefill));
      try {
        await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
        await page.getByRole('button', { name: /^\s*连接测试\s*$/ }).waitFor();
        const answer = await connectionTest(page, form);
        assert.equal(answer.message, message, JSON.stringify(prefill));
        // Shown as the console shows it: a message toast with those words.
        await page.getByText(message, { exact: true }).first().waitFor({ timeout: 5000 });
      } finally {
        await page.close();
      }
    }
  });

  test('the tenant form and 费报 test against the saved url (production until then), with the same words', async () => {
    const cases = [
      ['维护租户授权信息', { 授权账号: TENANT.clientId, 授权密钥: TENANT.clientSecret, 加密key: TENANT.encryptKey }, '连接成功'],
      ['维护租户授权信息', { 授权账号: ENTERPRISE.clientId, 授权密钥: ENTERPRISE.clientSecret, 加密key: ENTERPRISE.encryptKey }, '非法的客户ID，请联系管理员'],
      ['维护租户授权信息', { 授权账号: TEST.tenant.clientId, 授权密钥: TEST.tenant.clientSecret, 加密key: TEST.tenant.encryptKey }, '非法的客户id，请联系管理员'],
      ['发票云配置', { 发票云授权标识: ENTERPRISE.clientId, 客户端标识: ENTERPRISE.clientSecret, 接入标识: 'not-the-key' }, '签名认证不通过'],
      ['发票云配置', { 发票云授权标识: ` ${ENTERPRISE.clientId}`, 客户端标识: ENTERPRISE.clientSecret, 接入标识: ENTERPRISE.encryptKey }, '非法的客户ID，请联系管理员'],
      ['发票云配置', { 发票云授权标识: ENTERPRISE.clientId, 客户端标识: ENTERPRISE.clientSecret, 接入标识: ENTERPRISE.encryptKey }, '连接成功'],
    ];
    for (const [form, prefill, message] of cases) {
      const page = await newTab(browser, withPrefill(server.consoleUrl, prefill));
      try {
        if (form === '维护租户授权信息') await openTenantAuth(page);
        else await openFromMenuPath(page, EXPENSE_INVOICE_CLOUD_MENU);
        await page.getByRole('button', { name: /^\s*连接测试\s*$/ }).waitFor();
        assert.equal((await connectionTest(page, form)).message, message, `${form} ${JSON.stringify(prefill)}`);
      } finally {
        await page.close();
      }
    }
  });
});
