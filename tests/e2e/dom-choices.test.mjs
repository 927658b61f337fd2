// Checkboxes, radios and native selects, on the specs that use them: 第三方应用's 授权全部API and
// 允许全部IP访问 (one drawn as a styled box whose caption follows it, one captioned before), and
// 发票服务授权配置's 是否使用原授权 ← 否 as a radio group or a <select>. The page's own `change`
// listeners record what it believes; undo puts back what was chosen before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, startServer } from './harness.mjs';
import { addCase, fill, outcomes, row, undo, waitForBar } from './fixtures/forms.mjs';

const EXTENSION = process.env.FAPIAO_EXTENSION_DIR || 'dist/extension-e2e';
const JS = readFileSync(new URL('./fixtures/pages/choices.js', import.meta.url), 'utf8');
const STATE = '<button type="button" id="save">保存</button><pre data-testid="submitted-state"></pre>';
const item = (label, control) => `<div class="item"><div class="label">${label}</div><div>${control}</div></div>`;
const radios = (checked) => ['是', '否'].map((v) =>
  `<label><input type="radio" name="original" value="${v}"${checked === v ? ' checked' : ''}>${v}</label>`).join(' ');
const AUTH_FIELDS = item('url', '<input id="url">') + item('代理', '<input id="proxy">') + item('Client id', '<input id="cid">');

async function submitted(page) {
  await page.click('#save');
  return JSON.parse(await page.locator('[data-testid="submitted-state"]').textContent());
}

describe('checkboxes, radios and native selects', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.app = addCase(fixtures, 'checkboxes', {
      body: '<h3>第三方应用</h3>' + item('系统编码', '<input id="code">') + item('系统名称', '<input id="name">') +
        // A styled checkbox: the real input is invisible, its caption follows it.
        '<div class="item"><label class="box"><input type="checkbox" name="allApi" style="opacity:0;position:absolute">' +
        '<span class="fake"></span></label><span>授权全部API</span></div>' +
        item('允许全部IP访问', '<input type="checkbox" name="allIp">') + STATE,
      js: JS,
    });
    url.radioEmpty = addCase(fixtures, 'radio-empty', {
      body: '<h3>发票服务授权配置</h3>' + AUTH_FIELDS + item('是否使用原授权', radios(null)) + STATE, js: JS,
    });
    url.radioOther = addCase(fixtures, 'radio-other', {
      body: '<h3>发票服务授权配置</h3>' + AUTH_FIELDS + item('是否使用原授权', radios('是')) + STATE, js: JS,
    });
    url.select = addCase(fixtures, 'select', {
      body: '<h3>发票服务授权配置</h3>' + AUTH_FIELDS +
        item('是否使用原授权', '<select name="original"><option value="">请选择</option><option value="1">是</option><option value="0">否</option></select>') + STATE,
      js: JS,
    });
    server = await startServer({ fixtures });
    browser = await launchBrowser({ extensionDir: EXTENSION });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (which, form) => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + url[which]);
    await waitForBar(page, form);
    return page;
  };

  test('both checkboxes of 第三方应用 get checked, and undo unchecks them', async () => {
    const page = await open('app', '第三方应用');
    try {
      await fill(page, '第三方应用');
      const got = await outcomes(page, '第三方应用');
      assert.equal(got['授权全部API'], 'filled');
      assert.equal(got['允许全部IP访问'], 'filled');
      assert.equal(got['系统编码'], 'no-value');
      assert.deepEqual(await submitted(page), { allApi: true, allIp: true });
      await undo(page, '第三方应用');
      assert.deepEqual(await submitted(page), { allApi: false, allIp: false });
    } finally {
      await page.close();
    }
  });

  test('an unanswered radio group gets 否', async () => {
    const page = await open('radioEmpty', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'filled');
      assert.equal((await submitted(page)).original, '否');
    } finally {
      await page.close();
    }
  });

  test('a radio group answered 是 is a conflict; 覆盖 chooses 否 and undo chooses 是 again', async () => {
    const page = await open('radioOther', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'conflict');
      assert.equal((await submitted(page)).original, '是');
      await row(page, '是否使用原授权', '发票服务授权配置').getByRole('button', { name: /覆盖|Overwrite/ }).click();
      await row(page, '是否使用原授权', '发票服务授权配置').and(page.locator('[data-outcome="filled"]')).waitFor({ timeout: 10_000 });
      assert.equal((await submitted(page)).original, '否');
      await undo(page, '发票服务授权配置');
      assert.equal((await submitted(page)).original, '是');
    } finally {
      await page.close();
    }
  });

  test('a native select chooses the option 否 by its value', async () => {
    const page = await open('select', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'filled');
      assert.equal((await submitted(page)).original, '0');
      await undo(page, '发票服务授权配置');
      assert.equal(await page.locator('select').inputValue(), '');
    } finally {
      await page.close();
    }
  });
});
