// Checkboxes, radios and native selects, on the specs that use them: 第三方应用's 授权全部API and
// 允许全部IP访问 (one drawn as a styled box whose caption follows it, one captioned before), and
// 发票服务授权配置's 是否使用原授权 ← 否 as a radio group or a <select>. The page's own `change`
// listeners record what it believes; undo puts back what was chosen before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeAll, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { fill, newTabWithBar, outcomes, overwrite, undo } from '../../tools/driver/bar.mjs';
import { savedState } from '../../tools/driver/demo-steps.mjs';
import { addCase } from './fixtures/forms.mjs';

const JS = readFileSync(new URL('./fixtures/pages/choices.js', import.meta.url), 'utf8');
const STATE = '<button type="button" id="save">保存</button><pre data-testid="submitted-state"></pre>';
const item = (label, control) => `<div class="item"><div class="label">${label}</div><div>${control}</div></div>`;
const radios = (checked) => ['是', '否'].map((v) =>
  `<label><input type="radio" name="original" value="${v}"${checked === v ? ' checked' : ''}>${v}</label>`).join(' ');
const AUTH_FIELDS = item('url', '<input id="url">') + item('代理', '<input id="proxy">') + item('Client id', '<input id="cid">');

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
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  const open = (which, form) => newTabWithBar(browser, server.origin + url[which], form);

  test('both checkboxes of 第三方应用 get checked, and undo unchecks them', async () => {
    const page = await open('app', '第三方应用');
    try {
      await fill(page, '第三方应用');
      const got = await outcomes(page, '第三方应用');
      assert.equal(got['授权全部API'], 'filled');
      assert.equal(got['允许全部IP访问'], 'filled');
      assert.equal(got['系统编码'], 'no-value');
      assert.deepEqual(await savedState(page), { allApi: true, allIp: true });
      await undo(page, '第三方应用');
      assert.deepEqual(await savedState(page), { allApi: false, allIp: false });
    } finally {
      await page.close();
    }
  });

  test('an unanswered radio group gets 否', async () => {
    const page = await open('radioEmpty', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'filled');
      assert.equal((await savedState(page)).original, '否');
    } finally {
      await page.close();
    }
  });

  test('a radio group answered 是 is a conflict; 覆盖 chooses 否 and undo chooses 是 again', async () => {
    const page = await open('radioOther', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'conflict');
      assert.equal((await savedState(page)).original, '是');
      await overwrite(page, '是否使用原授权', '发票服务授权配置');
      assert.equal((await savedState(page)).original, '否');
      await undo(page, '发票服务授权配置');
      assert.equal((await savedState(page)).original, '是');
    } finally {
      await page.close();
    }
  });

  test('a native select chooses the option 否 by its value', async () => {
    const page = await open('select', '发票服务授权配置');
    try {
      await fill(page, '发票服务授权配置');
      assert.equal((await outcomes(page, '发票服务授权配置'))['是否使用原授权'], 'filled');
      assert.equal((await savedState(page)).original, '0');
      await undo(page, '发票服务授权配置');
      assert.equal(await page.locator('select').inputValue(), '');
    } finally {
      await page.close();
    }
  });
});
