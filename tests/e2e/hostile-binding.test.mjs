// A document belongs to the console of the URL it loaded with, and a frame of another origin gets
// no console context (DESIGN.md "Hostile pages"). A page on another path of the console's origin
// rewrites its address onto the console (history.replaceState) and shows the forms; a console
// frames a page of another granted origin and one of its own origin. The legitimate shapes keep
// working: a console that changes its own formId and hash, and a same-origin frame with a
// non-console URL inside the console (the tab's console is used for it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { STRICT_CSP, userLanguageBody } from '../../www/serve.mjs';
import { clickBar, fill, outcomes, row, waitForBar } from '../../tools/driver/bar.mjs';
import {
  ACCESS_TOKEN, ACCOUNT_ID, CALLBACK, GATEWAY, THIRD_PARTY_APP, addSecretsConsole, generateKey, prefixOf, revealGateway,
  storageDump,
} from './secrets-console.mjs';

const FRAME_ACCOUNT_ID = '1850000000000000077';

const item = (label, control) =>
  `<div class="item"><div class="label">${label}</div><span><span>${control}</span></span></div>`;

/** 发票回调配置 as a plain page shows it (the ids the assertions read). */
const CALLBACK_FORM = '<section><h3>发票回调配置</h3>' +
  item('请求地址', '<input id="cb-url">') +
  item('数据中心id', '<input id="cb-account">') +
  item('第三方应用', '<select id="cb-app"><option value="">请选择</option><option value="invoiceupload">invoiceupload 第三方发票上传</option></select>') +
  item('第三方应用密码', '<input type="password" id="cb-key">') +
  item('网关', '<input id="cb-gateway">') +
  '</section>';

const page = (title, scripts, body = '') =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>` +
  scripts.map((src) => `<script src="${src}"></script>`).join('') + `</head><body>${body}</body></html>`;

const js = (body) => ({ body, type: 'text/javascript' });

const values = (scope) => Promise.all(['cb-url', 'cb-account', 'cb-key', 'cb-gateway']
  .map((id) => scope.locator(`#${id}`).inputValue()));

describe('a document keeps the console it loaded with; a foreign frame gets no console context', () => {
  let browser, server;
  let key = null;
  const fixtures = new Map();
  const consolePath = addSecretsConsole(fixtures, 'bind');
  const consoleDir = '/sx/bind/';

  // Another path of the same origin: at once, before anything renders, it claims the console's
  // address, then shows the form whose 填充 would carry that console's values and secrets.
  fixtures.set('/sx/evil/page.html', { body: page('控制台', ['spoof.js'], CALLBACK_FORM) });
  // The same, showing an AccessToken认证 dialog: a key generated there would be the console's.
  fixtures.set('/sx/evil/dialog.html', {
    body: page('控制台', ['spoof.js'], '<div role="dialog" aria-modal="true"><h4>AccessToken认证</h4>' +
      item('认证密钥', '<input type="password" id="atk-key" autocomplete="off">') + '<button>确定</button></div>'),
  });
  fixtures.set('/sx/evil/spoof.js', js(`history.replaceState(null, '', ${JSON.stringify(`${consoleDir}index.html?formId=pc_main_console`)});`));

  // A console that frames a page (by a query parameter: same or other origin).
  fixtures.set('/cf/top/index.html', (req, url) => ({
    body: page('控制台', ['boot.js'], `<h1>控制台</h1><iframe id="inner" src="${url.searchParams.get('src') ?? ''}" style="width:900px;height:500px"></iframe>`),
    csp: `${STRICT_CSP}; frame-src *`,
  }));
  fixtures.set('/cf/top/boot.js', js("fetch('getUserLanguage.do?_=' + Date.now()).catch(() => {});"));
  fixtures.set('/cf/top/getUserLanguage.do', { body: userLanguageBody(FRAME_ACCOUNT_ID), type: 'application/json' });
  // The framed page: not a console address, framable by any origin.
  fixtures.set('/cf/inner/form.html', {
    body: page('表单', [], CALLBACK_FORM),
    csp: STRICT_CSP.replace("frame-ancestors 'self'", 'frame-ancestors *'),
  });

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('the console holds both secrets (setup)', async () => {
    const tab = await newTab(browser, server.origin + consolePath);
    key = await generateKey(tab);
    await tab.click('#atk-ok');
    await revealGateway(tab);
    await clickBar(tab, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    await tab.close();
  });

  test('a page of another path that rewrites its address onto the console gets no prefix, id or secret', async () => {
    assert.ok(key, 'needs the secrets held above');
    const tab = await newTab(browser, `${server.origin}/sx/evil/page.html`);
    assert.equal(new URL(tab.url()).pathname, `${consoleDir}index.html`, 'the page did claim the console address');
    await waitForBar(tab, CALLBACK);
    await fill(tab, CALLBACK);
    const got = await outcomes(tab, CALLBACK);
    const filled = ['请求地址', '数据中心id', '第三方应用密码', '网关'].filter((field) => got[field] === 'filled');
    assert.deepEqual(filled, [], 'nothing of the console is filled on a page that moved onto its address');
    assert.equal(await row(tab, '网关', CALLBACK).getAttribute('data-code'), 'secret-page-moved');
    assert.deepEqual(await values(tab), ['', '', '', '']);
    const text = await tab.evaluate(() => document.documentElement.outerHTML);
    for (const secret of [key, GATEWAY]) assert.ok(!text.includes(secret));
    await tab.close();
  });

  test('a page that moved onto the console cannot plant a key there', async () => {
    assert.ok(key, 'needs the secrets held above');
    const tab = await newTab(browser, `${server.origin}/sx/evil/dialog.html`);
    await clickBar(tab, ACCESS_TOKEN, /生成密钥|Generate key/);
    await tab.waitForTimeout(300);
    assert.equal(await tab.inputValue('#atk-key'), '', 'no key was generated into the page');
    const session = (await storageDump(browser.worker)).session;
    assert.equal(session[`secret:accessTokenKey:${prefixOf(server.origin, 'bind')}`]?.value, key, 'the console keeps its own key');
    await tab.close();
  });

  test('the console itself, after changing its own formId and hash, is still filled whole', async () => {
    assert.ok(key, 'needs the secrets held above');
    const tab = await newTab(browser, server.origin + consolePath);
    await tab.evaluate(() => history.pushState(null, '', 'index.html?formId=bos_invoice_callback#callback'));
    await tab.click('#open-callback');
    await fill(tab, CALLBACK);
    const got = await outcomes(tab, CALLBACK);
    for (const field of ['请求地址', '数据中心id', '第三方应用密码', '网关']) assert.equal(got[field], 'filled', field);
    assert.deepEqual(await values(tab), [prefixOf(server.origin, 'bind'), ACCOUNT_ID, key, GATEWAY]);
    await tab.close();
  });

  test('a frame of another origin inside a console is given neither the console’s prefix nor its 数据中心 id', async () => {
    const src = `${server.otherOrigin}/cf/inner/form.html`;
    const tab = await newTab(browser, `${server.origin}/cf/top/index.html?formId=pc_main_console&src=${encodeURIComponent(src)}`);
    const frame = tab.frameLocator('#inner');
    await waitForBar(frame, CALLBACK);
    await fill(frame, CALLBACK);
    const got = await outcomes(frame, CALLBACK);
    assert.equal(got['请求地址'], 'no-value');
    assert.equal(got['数据中心id'], 'no-value');
    assert.equal(await row(frame, '请求地址', CALLBACK).getAttribute('data-code'), 'no-prefix');
    assert.deepEqual(await values(frame), ['', '', '', '']);
    await tab.close();
  });

  test('a frame of the console’s own origin with a non-console address gets the tab’s console', async () => {
    const src = `${server.origin}/cf/inner/form.html`;
    const tab = await newTab(browser, `${server.origin}/cf/top/index.html?formId=pc_main_console&src=${encodeURIComponent(src)}`);
    const frame = tab.frameLocator('#inner');
    await waitForBar(frame, CALLBACK);
    // The top page's getUserLanguage.do answer has to be in before the id can be filled.
    await tab.waitForTimeout(500);
    await fill(frame, CALLBACK);
    const got = await outcomes(frame, CALLBACK);
    assert.equal(got['请求地址'], 'filled');
    assert.equal(got['数据中心id'], 'filled');
    const [url, account] = await values(frame);
    assert.deepEqual([url, account], [`${server.origin}/cf/top/`, FRAME_ACCOUNT_ID]);
    await tab.close();
  });
});
