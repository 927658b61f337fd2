// 第三方应用 details in view mode: no field is an input (系统编码, 系统名称 and the two switches are
// shown as text), and 认证凭证 shows x-acgw-identity as text, masked until the user re-enters the
// login password. The bar still appears (recognised by the heading and the x-acgw-identity text)
// and offers 记住网关: refused with a reason while masked, remembered once revealed — and the bar
// never shows the value. Two shapes: a page with no control at all, and one inside a tab pane
// with the console's own search box and the credential in a table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { anyBar, bar, barMarkup, clickBar, idleBar } from '../../tools/driver/bar.mjs';
import { addCase, prefixOf } from './fixtures/forms.mjs';
import { storageDump } from './secrets-console.mjs';

const FORM = '第三方应用';
const GATEWAY = 'eyJhcHAiOiJpbnZvaWNldXBsb2FkIiwidmlldyI6dHJ1ZX0.dmlldy1tb2RlLXNpZ25hdHVyZS05ODc2NTQzMjE';

const view = (label, value) => `<div class="row"><span class="k">${label}</span><span class="v">${value}</span></div>`;
const DETAILS = view('系统编码', 'invoiceupload') + view('系统名称', '第三方发票上传') +
  view('授权全部API', '是') + view('允许全部IP访问', '是');

// No control anywhere: 查看 reveals the value directly (the password step is another page here).
const PLAIN = `<h2>${FORM}</h2>` + DETAILS + '<h4>认证凭证</h4>' +
  '<div class="cred"><span>x-acgw-identity</span><span id="gw">******</span><button type="button" id="view">查看</button></div>';
const PLAIN_JS = `document.getElementById('view').addEventListener('click', () => {
  document.getElementById('gw').textContent = ${JSON.stringify(GATEWAY)};
});`;

// Inside the console: a search box in the header, the details in a tab pane, the credential in a
// table cell, and a password dialog (an input) before the value shows.
const CONSOLE = '<header><input id="search" placeholder="搜索菜单"></header>' +
  `<div role="tabpanel" id="pane"><div class="title">${FORM}</div>` + DETAILS +
  '<table><tr><th>认证凭证</th></tr><tr><td><span>x-acgw-identity：</span><span id="gw">******</span>' +
  '<a href="#" id="view">查看</a></td></tr></table></div><div id="slot"></div>';
const CONSOLE_JS = `document.getElementById('view').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('slot').innerHTML = '<div role="dialog" aria-label="身份验证"><label>登录密码 <input type="password" id="pw"></label><button type="button" id="ok">确定</button></div>';
  document.getElementById('ok').addEventListener('click', () => {
    document.getElementById('slot').innerHTML = '';
    document.getElementById('gw').textContent = ${JSON.stringify(GATEWAY)};
  });
});`;

describe('第三方应用 in view mode', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.plain = addCase(fixtures, 'view-plain', { body: PLAIN, js: PLAIN_JS });
    url.console = addCase(fixtures, 'view-console', { body: CONSOLE, js: CONSOLE_JS });
    url.other = addCase(fixtures, 'view-other', { body: PLAIN.replace(`<h2>${FORM}</h2>`, '<h2>接口文档</h2>'), js: PLAIN_JS });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  const status = (page) => bar(page, FORM).locator('[role="status"]');
  const stored = async (name) => (await storageDump(browser.worker)).session[`secret:gateway:${prefixOf(server.origin, name)}`]?.value;
  const rememberGateway = (page) => clickBar(page, FORM, /记住网关|Remember gateway/);

  for (const [which, name, reveal] of [
    ['plain', 'view-plain', async (page) => page.click('#view')],
    ['console', 'view-console', async (page) => {
      await page.click('#view');
      await page.fill('#pw', 'my-login-password');
      await page.click('#ok');
    }],
  ]) {
    test(`${which}: the bar offers 记住网关, refuses the masked value and remembers the revealed one`, async () => {
      const page = await newTab(browser, server.origin + url[which]);
      try {
        const b = await idleBar(page, FORM);
        assert.equal(await b.getByRole('button', { name: /记住网关|Remember gateway/ }).count(), 1);
        assert.equal(await b.getByRole('button', { name: /填充|Fill/ }).count(), 1);

        await rememberGateway(page);
        assert.match(await status(page).textContent(), /隐藏|masked/);
        assert.equal(await stored(name), undefined, 'nothing remembered while masked');

        await reveal(page);
        await page.waitForFunction((v) => document.getElementById('gw').textContent === v, GATEWAY);
        await rememberGateway(page);
        const deadline = Date.now() + 10_000;
        while ((await stored(name)) !== GATEWAY && Date.now() < deadline) await page.waitForTimeout(200);
        assert.equal(await stored(name), GATEWAY);
        assert.ok((await status(page).textContent()).includes(GATEWAY.slice(-4)));
        const shown = await barMarkup(page, FORM);
        assert.ok(!shown.includes(GATEWAY), 'the bar never shows the value');
      } finally {
        await page.close();
      }
    });
  }

  test('the popup shows the remembered gateway masked', async () => {
    const page = await newTab(browser, server.origin + url.console);
    try {
      const popup = await openPopup(browser.context, browser.extensionId, page);
      const held = popup.locator('[data-testid="secret-gateway"][data-held="true"]');
      await held.waitFor({ timeout: 10_000 });
      assert.ok((await held.textContent()).trim().endsWith(GATEWAY.slice(-4)));
      assert.ok(!(await held.textContent()).includes(GATEWAY));
      await popup.close();
    } finally {
      await page.close();
    }
  });

  test('a page that shows x-acgw-identity under another heading gets no bar', async () => {
    const page = await newTab(browser, server.origin + url.other);
    try {
      await page.waitForTimeout(3000); // the helper looks at load and again at 1 s and 2.5 s
      assert.equal(await anyBar(page).count(), 0);
    } finally {
      await page.close();
    }
  });
});
