// The auth forms as the Cosmic web client's runtime draws them, not as KDesign does: captions in
// a title wrapper beside a value wrapper (no `<label for>`), 是否使用原授权 a combo drawn as a
// read-only input whose options float in `<body>` as role-less rows, and 维护租户授权信息 either as
// a form or as an entry grid (columns headed 授权账号 / 授权密钥 / 加密key, one row of inputs).
// From one pasted 授权邮件, each gets its bar and a trusted 填充 puts the enterprise's credentials
// into the enterprise form and the tenant's into the tenant ones, never the other way round.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { fill, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import { ACTIVATIONS, PROD_URL, SAMPLE_MAILS, pasteMail } from '../../tools/driver/credentials-steps.mjs';
import { addCase } from './fixtures/forms.mjs';

const PROD = ACTIVATIONS.prod;
const [ENTERPRISE] = PROD.enterprises;
const TENANT = PROD.tenant;

const field = (caption, value, required = true) => '<div class="kd-cq-field"><div class="kd-cq-field-title">' +
  `${required ? '<span class="kd-cq-field-required">*</span>' : ''}<span class="kd-cq-field-caption">${caption}</span></div>` +
  `<div class="kd-cq-field-value">${value}</div></div>`;
const input = (id, type = 'text') => `<div class="kd-cq-input"><input id="${id}" type="${type}" autocomplete="off"></div>`;
const form = (title, body) => `<div class="kd-cq-form"><div class="kd-cq-toolbar"><div class="kd-cq-toolbar-item">保存</div></div>` +
  `<div class="kd-cq-form-title">${title}</div><div class="kd-cq-fieldset">${body}</div></div>`;

/** The runtime's combo: a read-only input; a click floats its options in <body>, a click on one sets it. */
const COMBO_JS = `
const combo = document.getElementById('combo');
const shown = document.getElementById('o');
let list = null;
const close = () => { if (list) { list.remove(); list = null; } };
combo.addEventListener('click', () => {
  if (list) return close();
  list = document.createElement('div');
  list.className = 'kd-cq-combo-dropdown';
  const r = shown.getBoundingClientRect();
  list.style.cssText = 'position:absolute;background:#fff;border:1px solid #ccc;left:' + r.left + 'px;top:' + (r.bottom + 2) + 'px;width:' + r.width + 'px';
  for (const text of ['是', '否']) {
    const item = document.createElement('div');
    item.className = 'kd-cq-combo-item';
    item.textContent = text;
    item.style.padding = '4px';
    item.addEventListener('click', (e) => { e.stopPropagation(); shown.value = text; shown.dispatchEvent(new Event('change', { bubbles: true })); close(); });
    list.append(item);
  }
  document.body.append(list);
});
document.addEventListener('mousedown', (e) => { if (list && !list.contains(e.target) && !combo.contains(e.target)) close(); });
`;

const AUTH = form('发票云授权配置', field('url', input('url')) + field('代理', input('proxy'), false) +
  field('是否使用原授权', '<div class="kd-cq-combo" id="combo"><input id="o" readonly><i class="kd-cq-icon-arrow"></i></div>') +
  field('Client id', input('id')) + field('Client Secret', input('secret', 'password')) + field('Encrypt Key', input('key', 'password')));

const TENANT_FORM = form('维护租户授权信息', field('授权账号', input('id')) + field('授权密钥', input('secret', 'password')) +
  field('加密key', input('key', 'password')) + field('租户名称', input('name'), false) + field('发票云租户授权标识', input('mark'), false));

const COLUMNS = ['授权账号', '授权密钥', '加密key', '租户名称', '发票云租户授权标识'];
const IDS = ['id', 'secret', 'key', 'name', 'mark'];
const TENANT_GRID = '<div class="kd-cq-form"><div class="kd-cq-toolbar"><div class="kd-cq-toolbar-item">增行</div></div>' +
  '<div class="kd-cq-form-title">租户授权信息</div><div class="kd-cq-grid" role="grid">' +
  `<div class="kd-cq-grid-row" role="row">${COLUMNS.map((c) => `<div role="columnheader">${c}</div>`).join('')}</div>` +
  `<div class="kd-cq-grid-row" role="row">${IDS.map((id, i) => `<div role="gridcell">${input(id, i === 1 || i === 2 ? 'password' : 'text')}</div>`).join('')}</div>` +
  '</div></div>';

const values = (page, ids) => page.evaluate((list) => list.map((id) => document.getElementById(id).value), ids);

describe('auth forms in the Cosmic web client\'s markup, filled from a pasted 授权邮件', () => {
  let browser, server;
  const fixtures = new Map();
  const urls = {
    auth: addCase(fixtures, 'cosmic-auth', { body: AUTH, js: COMBO_JS }),
    tenant: addCase(fixtures, 'cosmic-tenant', { body: TENANT_FORM }),
    grid: addCase(fixtures, 'cosmic-tenant-grid', { body: TENANT_GRID }),
  };

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  /** Opens `url`, pastes the prod mail choosing the first enterprise, and fills `form`. */
  async function pasteAndFill(url, form) {
    const page = await browser.context.newPage();
    await page.goto(server.origin + url);
    await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
    await waitForBar(page, form);
    await fill(page, form);
    return page;
  }

  test('发票云授权配置: prod url, 否 chosen in the floating combo, the enterprise\'s three values', async () => {
    const page = await pasteAndFill(urls.auth, '发票云授权配置');
    try {
      assert.deepEqual(await outcomes(page, '发票云授权配置'), {
        url: 'filled', 代理: 'no-value', 是否使用原授权: 'filled', 'Client id': 'filled', 'Client Secret': 'filled', 'Encrypt Key': 'filled',
      });
      assert.deepEqual(await values(page, ['url', 'proxy', 'o', 'id', 'secret', 'key']),
        [PROD_URL, '', '否', ENTERPRISE.clientId, ENTERPRISE.clientSecret, ENTERPRISE.encryptKey]);
      assert.equal(await page.locator('.kd-cq-combo-dropdown').count(), 0, 'the combo is closed again');
    } finally {
      await page.close();
    }
  });

  for (const [which, form] of [['tenant', '维护租户授权信息'], ['grid', '租户授权信息']]) {
    test(`${form} (${which === 'grid' ? 'an entry grid' : 'a form'}): the tenant's TN_ credentials, not the enterprise's`, async () => {
      const page = await pasteAndFill(urls[which], form);
      try {
        assert.deepEqual(await outcomes(page, form), {
          授权账号: 'filled', 授权密钥: 'filled', 加密key: 'filled', 租户名称: 'no-value', 发票云租户授权标识: 'no-value',
        });
        assert.deepEqual(await values(page, IDS), [TENANT.clientId, TENANT.clientSecret, TENANT.encryptKey, '', '']);
        assert.match(TENANT.clientId, /^TN_/);
      } finally {
        await page.close();
      }
    });
  }
});
