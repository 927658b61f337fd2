// The Cosmic web client's shapes on the smallest pages that show them (DOMAIN.md, "What the real
// Cosmic web client does"): a field is a `.kd-cq-field` wrapper whose caption sits in a title
// wrapper and whose control sits in a value wrapper, with no <label for>. A lookup's list may
// offer to create a record (新增, echoing what was typed) before the records: the helper never
// chooses it and takes the exact code. A reopened form's old instance stays in the page, hidden:
// a field only that copy holds is `not-found`, never filled there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BUILD, closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { fill, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import { addCase } from './fixtures/forms.mjs';

const CALLBACK = '发票回调配置';
const APP = '第三方应用';

const field = (caption, control) =>
  `<div class="kd-cq-field" data-field-item="f"><div class="kd-cq-field-title"><span>${caption}</span></div>` +
  `<div class="kd-cq-field-value">${control}</div></div>`;

// An ARIA combobox whose listbox's first option offers to create what was typed.
const ARIA_CREATE_JS = `
const input = document.getElementById('app');
const state = { app: '', created: 0 };
const out = document.getElementById('state');
let list = null;
function render() { out.textContent = JSON.stringify(state); }
function show() {
  list?.remove();
  const q = input.value.trim();
  list = document.createElement('ul');
  list.setAttribute('role', 'listbox');
  const r = input.getBoundingClientRect();
  list.style.cssText = 'position:absolute;left:' + (r.left + scrollX) + 'px;top:' + (r.bottom + scrollY + 2) +
    'px;background:#fff;border:1px solid #888;list-style:none;padding:0;margin:0';
  const rows = [['新增 ' + q, () => { state.created++; }],
    ...[['invoiceupload2', '发票上传测试'], ['invoiceupload', '第三方发票上传']].filter(([c]) => c.includes(q))
      .map(([c, n]) => [c + ' ' + n, () => { state.app = c; input.value = n; }])];
  for (const [text, act] of rows) {
    const li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.textContent = text;
    li.addEventListener('click', () => { act(); list.remove(); list = null; render(); });
    list.append(li);
  }
  document.body.append(list);
}
input.addEventListener('input', show);
render();
`;

// 第三方应用 reopened: the old instance (hidden) is whole, the live one has no 允许全部IP访问.
const check = (caption, id) => field(caption, `<input type="checkbox" id="${id}">`);
const REOPENED_BODY =
  `<h2 class="kd-cq-form-title">第三方应用</h2>` +
  `<div class="page" id="old" style="display:none">${field('系统编码', '<input value="kdtest">')}${field('系统名称', '<input value="测试应用">')}` +
  `${check('授权全部API', 'old-api')}${check('允许全部IP访问', 'old-ip')}</div>` +
  `<div class="page" id="live">${field('系统编码', '<input value="kdtest">')}${field('系统名称', '<input value="测试应用">')}` +
  `${check('授权全部API', 'live-api')}</div>`;

describe('the Cosmic web client’s shapes', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser({ extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('an option that offers to create the typed code (新增 invoiceupload) is never chosen; the exact code is', async () => {
    const url = addCase(server.fixtures, 'cq-aria-create', {
      title: CALLBACK,
      body: field('请求地址', '<input>') + field('数据中心id', '<input>') +
        field('第三方应用', '<div role="combobox" style="position:relative"><input id="app" autocomplete="off"><i title="查询">🔍</i></div>') +
        '<pre id="state"></pre>',
      js: ARIA_CREATE_JS,
    });
    const page = await newTab(browser, `${server.origin}${url}`);
    await waitForBar(page, CALLBACK);
    await fill(page, CALLBACK);
    const state = JSON.parse(await page.locator('#state').textContent());
    assert.deepEqual(state, { app: 'invoiceupload', created: 0 });
    assert.equal((await outcomes(page, CALLBACK))['第三方应用'], 'filled');
    await page.close();
  });

  test('a field whose only control is in the hidden old copy of a reopened form is not-found, and that copy is left alone', async () => {
    const url = addCase(server.fixtures, 'cq-reopened', { title: APP, body: REOPENED_BODY });
    const page = await newTab(browser, `${server.origin}${url}`);
    await waitForBar(page, APP);
    await fill(page, APP);
    const got = await outcomes(page, APP);
    assert.equal(got['授权全部API'], 'filled');
    assert.equal(got['允许全部IP访问'], 'not-found');
    const checked = await page.locator('input[type=checkbox]').evaluateAll((l) => Object.fromEntries(l.map((i) => [i.id, i.checked])));
    assert.deepEqual(checked, { 'old-api': false, 'old-ip': false, 'live-api': true });
    await page.close();
  });
  test('a drawn checkbox whose native input is display:none is still a live field while its box shows', async () => {
    // The page's own box toggles the hidden input, as custom-drawn checkboxes do.
    const drawn = (caption, id) => field(caption,
      `<label class="box"><input type="checkbox" id="${id}" style="display:none"><span class="mark"></span></label>`);
    const url = addCase(server.fixtures, 'cq-drawn-check', {
      title: APP,
      body: `<h2 class="kd-cq-form-title">第三方应用</h2>${field('系统编码', '<input value="kdtest">')}` +
        `${field('系统名称', '<input value="测试应用">')}${drawn('授权全部API', 'api')}${drawn('允许全部IP访问', 'ip')}`,
      js: "for (const i of document.querySelectorAll('input[type=checkbox]')) i.addEventListener('change', () => { i.nextElementSibling.className = i.checked ? 'mark on' : 'mark'; });",
      head: '<style>.mark{display:inline-block;width:14px;height:14px;border:1px solid #666}.mark.on{background:#36c}</style>',
    });
    const page = await newTab(browser, `${server.origin}${url}`);
    await waitForBar(page, APP);
    await fill(page, APP);
    const got = await outcomes(page, APP);
    assert.equal(got['授权全部API'], 'filled');
    assert.equal(got['允许全部IP访问'], 'filled');
    assert.deepEqual(await page.locator('.mark').evaluateAll((l) => l.map((m) => m.className)), ['mark on', 'mark on']);
    await page.close();
  });
});
