// The bar's problems (DESIGN.md "Credentials, validation and 连接测试": `data-problem` on a
// field's row) for the value on the page, typed by the user into the demo's forms: each code
// appears from the moment the value is wrong, before 填充 and after, says what to fix, and goes
// when the value is fixed. The bar never shows a secret the user typed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { bar, fill, row, waitForBar } from '../../tools/driver/bar.mjs';
import {
  IMAGE_BUSINESS_SYSTEM_MENU, INVOICE_CLOUD_AUTH_MENU, loginToDemoConsole, openEnterpriseInfo, openFromMenuPath, openTenantAuth,
} from '../../tools/driver/demo-steps.mjs';
import { ACTIVATIONS, PROD_URL, SAMPLE_MAILS, TEST_URL, pasteMail } from '../../tools/driver/credentials-steps.mjs';

const PROD = ACTIVATIONS.prod;
const [ENTERPRISE] = PROD.enterprises;
const TENANT = PROD.tenant;

/** The visible form's input labelled `label` (the demo's `<label for>`). */
const input = (page, label) => page.locator('section.form-page').filter({ visible: true }).getByLabel(label, { exact: true });

/** Types `value` into the field as a person does (select all, type over). */
async function type(page, label, value) {
  const box = input(page, label);
  await box.fill(value);
}

/** Waits until the row of `field` carries `code` (null: no problem) and returns its text. */
async function problem(page, form, field, code, timeout = 5000) {
  const r = row(page, field, form);
  if (code) {
    await r.and(page.locator(`[data-problem="${code}"]`)).waitFor({ timeout });
  } else {
    await page.waitForFunction(
      ([f, fld]) => {
        const host = document.querySelector(`[data-fapiao-helper="bar"][data-form="${f}"]`);
        const el = host && host.shadowRoot.querySelector(`[data-field="${fld}"]`);
        return !!el && !el.hasAttribute('data-problem');
      },
      [form, field],
      { timeout },
    );
  }
  return r.textContent();
}

const barText = (page, form) => bar(page, form).evaluate((host) => host.shadowRoot.textContent);

describe('problems on the bar\'s rows, for the value on the page', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('发票云授权配置: environment-mismatch, tenant-credential, whitespace, malformed-url, proxy before 填充; each gone when fixed; again after 填充', async () => {
    const page = await browser.context.newPage();
    const form = '发票云授权配置';
    try {
      await loginToDemoConsole(page, server.origin);
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      await waitForBar(page, form);
      for (const field of ['url', '代理', 'Client id', 'Client Secret', 'Encrypt Key']) await problem(page, form, field, null);

      await type(page, 'url', TEST_URL);
      const mismatch = await problem(page, form, 'url', 'environment-mismatch');
      assert.match(mismatch, /api\.piaozone\.com/, 'the message names the right url');
      await type(page, 'url', PROD_URL);
      await problem(page, form, 'url', null);

      await type(page, 'url', 'api.piaozone.com');
      await problem(page, form, 'url', 'malformed-url');
      await type(page, 'url', '');
      await problem(page, form, 'url', null);

      await type(page, 'Client id', TENANT.clientId);
      assert.match(await problem(page, form, 'Client id', 'tenant-credential'), /TN_/);
      await type(page, 'Client id', '');
      await problem(page, form, 'Client id', null);

      const spaced = ` ${ENTERPRISE.clientSecret}`;
      await type(page, 'Client Secret', spaced);
      await problem(page, form, 'Client Secret', 'whitespace');
      assert.ok(!(await barText(page, form)).includes(ENTERPRISE.clientSecret), 'the bar never shows the typed secret');
      await type(page, 'Client Secret', '');
      await problem(page, form, 'Client Secret', null);

      await type(page, '代理', '10.0.0.8');
      await problem(page, form, '代理', 'proxy-format');
      await type(page, '代理', '');
      await problem(page, form, '代理', null);

      await fill(page, form);
      for (const field of ['url', 'Client id', 'Client Secret', 'Encrypt Key']) await problem(page, form, field, null);
      assert.equal(await row(page, 'url', form).getAttribute('data-outcome'), 'filled');

      // After 填充 the rows keep their outcomes and still follow the page's values.
      await type(page, 'url', TEST_URL);
      await problem(page, form, 'url', 'environment-mismatch');
      assert.equal(await row(page, 'url', form).getAttribute('data-outcome'), 'filled');
      await type(page, 'Client id', `${ENTERPRISE.clientId} `);
      await problem(page, form, 'Client id', 'whitespace');
      await type(page, 'Client id', TENANT.clientId);
      await problem(page, form, 'Client id', 'tenant-credential');
      await type(page, 'Client id', ENTERPRISE.clientId);
      await type(page, 'url', PROD_URL);
      await problem(page, form, 'Client id', null);
      await problem(page, form, 'url', null);
    } finally {
      await page.close();
    }
  });

  test('a wrong value the page already holds is flagged from the moment the bar shows', async () => {
    const form = '发票云授权配置';
    const prefill = { 'Client id': TENANT.clientId, url: 'https:://api.piaozone.com' };
    const page = await newTab(browser, `${server.consoleUrl}&prefill=${encodeURIComponent(JSON.stringify(prefill))}`);
    try {
      await openFromMenuPath(page, INVOICE_CLOUD_AUTH_MENU);
      await waitForBar(page, form);
      await problem(page, form, 'Client id', 'tenant-credential', 3000);
      const url = await problem(page, form, 'url', 'malformed-url', 3000);
      assert.match(url, /https:\/\/api\.piaozone\.com/, 'the repaired address is offered');
    } finally {
      await page.close();
    }
  });

  test('维护租户授权信息: an enterprise ClientID in 授权账号 is enterprise-credential, before and after 填充', async () => {
    const form = '维护租户授权信息';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openTenantAuth(page);
      await waitForBar(page, form);
      await type(page, '授权账号', ENTERPRISE.clientId);
      assert.match(await problem(page, form, '授权账号', 'enterprise-credential'), /TN_/);
      await type(page, '授权账号', '');
      await problem(page, form, '授权账号', null);
      await fill(page, form);
      await problem(page, form, '授权账号', null);
      await type(page, '授权账号', ENTERPRISE.clientId);
      await problem(page, form, '授权账号', 'enterprise-credential');
      await type(page, '授权账号', TENANT.clientId);
      await problem(page, form, '授权账号', null);
    } finally {
      await page.close();
    }
  });

  test('企业基础信息: a 税号 failing GB 32100-2015 is tax-id; its spaces are whitespace', async () => {
    const form = '企业基础信息';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openEnterpriseInfo(page);
      await waitForBar(page, form);
      const wrongCheck = `${ENTERPRISE.taxId.slice(0, 17)}${ENTERPRISE.taxId.endsWith('D') ? 'E' : 'D'}`;
      await type(page, '税号', wrongCheck);
      await problem(page, form, '税号', 'tax-id');
      await type(page, '税号', `${ENTERPRISE.taxId} `);
      await problem(page, form, '税号', 'whitespace');
      await type(page, '税号', ENTERPRISE.taxId);
      await problem(page, form, '税号', null);
    } finally {
      await page.close();
    }
  });

  test('对接业务系统配置: an EAS 前缀地址 that is not http://host:port/ormrpc/services/ (eas-prefix), a doubled / (doubled-separator, repaired value offered)', async () => {
    const form = '对接业务系统配置';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openFromMenuPath(page, IMAGE_BUSINESS_SYSTEM_MENU);
      await waitForBar(page, form);
      await type(page, '前缀地址', 'http://10.0.0.5:6888/');
      assert.match(await problem(page, form, '前缀地址', 'eas-prefix'), /http:\/\/10\.0\.0\.5:6888\/ormrpc\/services\//);
      await type(page, '前缀地址', 'http://10.0.0.5:6888//ormrpc/services/');
      assert.match(await problem(page, form, '前缀地址', 'doubled-separator'), /http:\/\/10\.0\.0\.5:6888\/ormrpc\/services\//);
      await type(page, '前缀地址', 'http://10.0.0.5:6888/ormrpc/services/');
      await problem(page, form, '前缀地址', null);
    } finally {
      await page.close();
    }
  });
});
