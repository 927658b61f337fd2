// Checkboxes, switches and radios drawn without a native input, their state only in
// `aria-checked` and in the page's own code: 第三方应用's 授权全部API as a `<button role="switch">`
// that toggles on click (its inner 开/关 text is not a label), 允许全部IP访问 as a
// `<span role="checkbox">` named by aria-labelledby that acts on mousedown and re-renders a moment
// later, and 发票服务授权配置's 是否使用原授权 as an ARIA radiogroup. The page's own state (shown by 保存)
// is what the tests read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { fill, newTabWithBar, outcomes, overwrite, undo } from '../../tools/driver/bar.mjs';
import { savedState } from '../../tools/driver/demo-steps.mjs';
import { addCase } from './fixtures/forms.mjs';

const STATE = '<button type="button" id="save">保存</button><pre data-testid="submitted-state"></pre>';
const item = (label, control) => `<div class="item"><div class="label">${label}</div><div>${control}</div></div>`;

const switches = (apiOn) => '<h3>第三方应用</h3>' + item('系统编码', '<input id="code">') + item('系统名称', '<input id="name">') +
  item('授权全部API', `<button type="button" role="switch" id="allApi" aria-checked="${apiOn}"><span class="inner">${apiOn ? '开' : '关'}</span></button>`) +
  '<div class="item"><span id="ipLabel">允许全部IP访问</span>' +
  '<span role="checkbox" id="allIp" tabindex="0" aria-checked="false" aria-labelledby="ipLabel" style="display:inline-block;width:14px;height:14px;border:1px solid #888"></span></div>' +
  STATE;

// The page's own widgets: state lives in `state`, the DOM only mirrors it.
const SWITCH_JS = `
const state = {
  allApi: document.getElementById('allApi').getAttribute('aria-checked') === 'true',
  allIp: false,
};
const api = document.getElementById('allApi');
api.addEventListener('click', () => {
  state.allApi = !state.allApi;
  api.setAttribute('aria-checked', String(state.allApi));
  api.querySelector('.inner').textContent = state.allApi ? '开' : '关';
});
const ip = document.getElementById('allIp');
ip.addEventListener('mousedown', () => {
  state.allIp = !state.allIp;
  setTimeout(() => ip.setAttribute('aria-checked', String(state.allIp)), 60);
});
document.getElementById('save').addEventListener('click', () => {
  document.querySelector('[data-testid="submitted-state"]').textContent = JSON.stringify(state);
});`;

const RADIO_BODY = '<h3>发票服务授权配置</h3>' + item('url', '<input id="url">') + item('代理', '<input id="proxy">') +
  item('Client id', '<input id="cid">') +
  '<div class="item"><div class="label" id="origLabel">是否使用原授权</div>' +
  '<div role="radiogroup" aria-labelledby="origLabel">' +
  '<div role="radio" aria-checked="true" tabindex="0">是</div><div role="radio" aria-checked="false" tabindex="-1">否</div>' +
  '</div></div>' + STATE;

const RADIO_JS = `
const state = { original: '是' };
const radios = [...document.querySelectorAll('[role=radio]')];
for (const r of radios) {
  r.addEventListener('click', () => {
    state.original = r.textContent.trim();
    for (const o of radios) o.setAttribute('aria-checked', String(o === r));
  });
}
document.getElementById('save').addEventListener('click', () => {
  document.querySelector('[data-testid="submitted-state"]').textContent = JSON.stringify(state);
});`;

describe('ARIA checkboxes, switches and radios', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.off = addCase(fixtures, 'aria-switches', { body: switches(false), js: SWITCH_JS });
    url.on = addCase(fixtures, 'aria-switches-on', { body: switches(true), js: SWITCH_JS });
    url.radios = addCase(fixtures, 'aria-radios', { body: RADIO_BODY, js: RADIO_JS });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  const open = (which, form) => newTabWithBar(browser, server.origin + url[which], form);

  test('role=switch and role=checkbox fields of 第三方应用 are switched on through the page, and undo switches them off', async () => {
    const page = await open('off', '第三方应用');
    try {
      await fill(page, '第三方应用');
      const got = await outcomes(page, '第三方应用');
      assert.equal(got['授权全部API'], 'filled');
      assert.equal(got['允许全部IP访问'], 'filled');
      assert.equal(got['系统编码'], 'no-value');
      assert.deepEqual(await savedState(page), { allApi: true, allIp: true });
      assert.equal(await page.locator('#allApi').getAttribute('aria-checked'), 'true');
      assert.equal(await page.locator('#allIp').getAttribute('aria-checked'), 'true');
      await undo(page, '第三方应用');
      assert.deepEqual(await savedState(page), { allApi: false, allIp: false });
    } finally {
      await page.close();
    }
  });

  test('a switch already on is unchanged and left alone', async () => {
    const page = await open('on', '第三方应用');
    try {
      await fill(page, '第三方应用');
      const got = await outcomes(page, '第三方应用');
      assert.equal(got['授权全部API'], 'unchanged');
      assert.equal(got['允许全部IP访问'], 'filled');
      assert.deepEqual(await savedState(page), { allApi: true, allIp: true });
    } finally {
      await page.close();
    }
  });

  test('an ARIA radiogroup answered 是 is a conflict; 覆盖 chooses 否 and undo chooses 是 again', async () => {
    const form = '发票服务授权配置';
    const page = await open('radios', form);
    try {
      await fill(page, form);
      assert.equal((await outcomes(page, form))['是否使用原授权'], 'conflict');
      assert.equal((await savedState(page)).original, '是');
      await overwrite(page, '是否使用原授权', form);
      assert.equal((await savedState(page)).original, '否');
      await undo(page, form);
      assert.equal((await savedState(page)).original, '是');
    } finally {
      await page.close();
    }
  });
});
