// A lookup is left closed, the way a person leaves it, after 撤销 and after a fill that fails: on
// the demo console (KDesign's select, whose × opens its list and whose keyboard handling reads
// the legacy `keyCode`) and on role-less lookups that open their panel of plain rows on focus
// and close it only on Escape (read from `keyCode`) or only on a click elsewhere on the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../../tools/driver/browser.mjs';
import { addCase, fill, outcomes, undo, waitForBar } from './fixtures/forms.mjs';

const EXTENSION = process.env.FAPIAO_EXTENSION_DIR || 'dist/extension-e2e';

/** Option lists a person would see: any visible popup row, KDesign's dropdown, our fixture's panel. */
async function visibleLists(page) {
  return page.evaluate(() => [...document.querySelectorAll('[role=listbox],[role=option],.kd-select-dropdown,.panel')]
    .filter((n) => n.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      n.getBoundingClientRect().height > 0)
    .map((n) => n.className || n.getAttribute('role')));
}

/** Waits `ms`, then says which lists are still shown (a closing animation has ended by then). */
async function listsAfter(page, ms = 1500) {
  await page.waitForTimeout(ms);
  return visibleLists(page);
}

// A Kingdee-style basedata lookup without ARIA: focusing the input shows a panel of recent
// entries (plain rows, code and name) appended to <body>, typing filters it; a row is chosen on
// mousedown. `close` says what else closes the panel: 'escape' — only Escape, read from keyCode
// as older scripts do; 'outside' — only a mousedown elsewhere on the page (Escape is ignored).
const STICKY_LOOKUP_JS = `
const APPS = [['invoiceupload2', '发票上传（测试）'], ['invoiceupload', '第三方发票上传'], ['kdcloud', '金蝶云']]
  .filter(([code]) => document.body.dataset.list !== 'no-match' || code !== 'invoiceupload');
const closeOn = document.body.dataset.close;
const state = { url: '', account: '', app: '' };
const input = document.getElementById('app');
let panel = null;
let timer = 0;
function close() { panel?.remove(); panel = null; }
function show() {
  close();
  const q = input.value.trim();
  const r = input.getBoundingClientRect();
  panel = document.createElement('div');
  panel.className = 'panel';
  panel.style.cssText = 'position:absolute;left:' + (r.left + scrollX) + 'px;top:' + (r.bottom + scrollY + 2) +
    'px;background:#fff;border:1px solid #888;z-index:5';
  for (const [code, name] of APPS.filter(([c, n]) => !q || c.includes(q) || n.includes(q))) {
    const row = document.createElement('div');
    row.innerHTML = '<span>' + code + '</span> <span>' + name + '</span>';
    row.addEventListener('mousedown', (e) => { e.preventDefault(); state.app = code; input.value = code; close(); });
    panel.append(row);
  }
  document.body.append(panel);
}
input.addEventListener('focus', show);
input.addEventListener('keyup', (e) => {
  if (e.keyCode === 27) return;
  clearTimeout(timer);
  timer = setTimeout(show, 200);
});
input.addEventListener('keydown', (e) => { if (e.keyCode === 27 && closeOn === 'escape') { clearTimeout(timer); close(); } });
input.addEventListener('input', () => { if (!input.value.trim()) state.app = ''; });
document.addEventListener('mousedown', (e) => {
  if (closeOn === 'outside' && panel && !panel.contains(e.target) && e.target !== input) close();
}, true);
for (const [id, key] of [['f0', 'url'], ['f1', 'account']]) {
  const el = document.getElementById(id);
  el.addEventListener('change', () => { state[key] = el.value; });
}
document.getElementById('save').addEventListener('click', () => {
  document.querySelector('[data-testid="submitted-state"]').textContent = JSON.stringify(state);
});
`;

const item = (label, control) => `<div class="item"><div class="label">${label}</div><span>${control}</span></div>`;

function stickyCase(close, list = 'full') {
  return {
    body: `<div data-close="${close}" data-list="${list}"></div>` +
      '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') +
      item('第三方应用', '<input id="app">') +
      '<button type="button" id="save">保存</button><pre data-testid="submitted-state"></pre>',
    // The body's data attributes are read by the script: copy them from the marker div.
    js: `Object.assign(document.body.dataset, document.querySelector('[data-close]').dataset);\n${STICKY_LOOKUP_JS}`,
  };
}

async function submitted(page) {
  await page.click('#save');
  return JSON.parse(await page.locator('[data-testid="submitted-state"]').textContent());
}

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

describe('a lookup is left closed after undo and after a failed fill', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.escape = addCase(fixtures, 'sticky-escape', stickyCase('escape'));
    url.outside = addCase(fixtures, 'sticky-outside', stickyCase('outside'));
    url.escapeNoMatch = addCase(fixtures, 'sticky-escape-no-match', stickyCase('escape', 'no-match'));
    url.outsideNoMatch = addCase(fixtures, 'sticky-outside-no-match', stickyCase('outside', 'no-match'));
    server = await startServer({ fixtures });
    browser = await launchBrowser({ extensionDir: EXTENSION });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('on the demo console, 撤销 of 第三方应用 leaves no option list open', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.loginUrl);
      await page.getByPlaceholder('手机号/邮箱/用户名').fill('administrator');
      await page.getByPlaceholder('请输入密码').fill('demo-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(/index\.html\?formId=pc_main_console/);
      await openFromMenu(page, ['发票服务', '系统管理', '发票回调配置']);
      await waitForBar(page);
      await fill(page);
      assert.equal((await outcomes(page))['第三方应用'], 'filled');
      assert.deepEqual(await listsAfter(page, 500), [], 'no list is open after the fill');
      await undo(page);
      assert.deepEqual(await listsAfter(page), [], 'no list is open after 撤销');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      const state = page.locator('[data-testid="submitted-state"][data-form="发票回调配置"]');
      await page.waitForFunction((el) => JSON.parse(el.textContent).saves > 0, await state.elementHandle());
      assert.equal(JSON.parse(await state.textContent()).values['第三方应用'], '');
    } finally {
      await page.close();
    }
  });

  test('a role-less lookup whose panel opens on focus and closes on Escape is closed after 撤销', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.origin + url.escape);
      await fill(page);
      assert.equal((await outcomes(page))['第三方应用'], 'filled');
      assert.equal((await submitted(page)).app, 'invoiceupload');
      await undo(page);
      assert.deepEqual(await listsAfter(page), []);
      assert.equal((await submitted(page)).app, '');
      assert.equal(await page.locator('#app').inputValue(), '');
    } finally {
      await page.close();
    }
  });

  test('a role-less lookup that ignores Escape is closed after 撤销 by a click elsewhere', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.origin + url.outside);
      await fill(page);
      assert.equal((await submitted(page)).app, 'invoiceupload');
      await undo(page);
      assert.deepEqual(await listsAfter(page), []);
      assert.equal((await submitted(page)).app, '');
    } finally {
      await page.close();
    }
  });

  for (const which of ['escapeNoMatch', 'outsideNoMatch']) {
    test(`a fill that finds no matching row leaves the lookup closed and empty (${which === 'escapeNoMatch' ? 'Escape' : 'click elsewhere'})`, async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.origin + url[which]);
        await fill(page);
        assert.equal((await outcomes(page))['第三方应用'], 'failed');
        assert.deepEqual(await listsAfter(page, 1000), []);
        assert.equal(await page.locator('#app').inputValue(), '');
        assert.equal((await submitted(page)).app, '');
      } finally {
        await page.close();
      }
    });
  }
});
