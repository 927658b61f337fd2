// Pasted secrets on a hostile page: a console that patches every event channel, watches every
// mutation and reads the bar's shadow root (secrets-console.mjs' spy) holds 发票云授权配置. The
// mail is pasted in the popup, 填充 puts the chosen enterprise's values into the form — and the
// secrets reach no page event, no DOM but their target inputs, no log, neither storage.local
// nor sync, and the clipboard only on 复制. The same form on another origin gets no secret
// until the popup's confirm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { closeAll, copyBuild, launchBrowser, newTab, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { resolveUngranted, UNGRANTED_HOST } from './context-fixtures.mjs';
import { bar, fill, idleBar, outcomes, row } from '../../tools/driver/bar.mjs';
import { addSecretsConsole, readClipboard, writeClipboard } from './secrets-console.mjs';
import { ALL_SECRETS, APP_SECRET, MAIL_ONE, ONE, paste, tokenSample, waitForCredential } from './paste-fixtures.mjs';

const FORM = '发票云授权配置';

const item = (label, control) =>
  `<div class="item"><div class="label">${label}</div><span><span>${control}</span></span></div>`;

/** 发票云授权配置 as a plain page under `/px/<name>/`, with the spy of `/sx/<spy>/` loaded first. */
function addAuthConsole(fixtures, name, spyConsole) {
  const dir = `/px/${name}/`;
  fixtures.set(`${dir}index.html`, {
    body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>控制台</title>' +
      `<script src="/sx/${spyConsole}/spy.js"></script>` +
      '<style>body{font:14px sans-serif;margin:16px} .item{display:flex;gap:8px;margin:6px 0} .label{width:140px} input,select{width:300px}</style>' +
      '</head><body><section id="auth"><h3>发票云授权配置</h3>' +
      item('url', '<input id="f-url">') +
      item('代理', '<input id="f-proxy">') +
      item('是否使用原授权', '<select id="f-orig"><option value="">请选择</option><option value="1">是</option><option value="0">否</option></select>') +
      item('Client id', '<input id="f-id">') +
      item('Client Secret', '<input type="password" id="f-secret">') +
      item('Encrypt Key', '<input type="password" id="f-key">') +
      '<button id="save">保存</button></section></body></html>',
  });
  return `${dir}index.html?formId=fpy_auth`;
}

const formValues = (page) => page.evaluate(() => Object.fromEntries(
  ['f-url', 'f-proxy', 'f-orig', 'f-id', 'f-secret', 'f-key'].map((id) => [id, document.getElementById(id).value])));

describe('pasted secrets on a hostile page', () => {
  let browser, server;
  const fixtures = new Map();
  addSecretsConsole(fixtures, 'spy', { spy: true });
  const authPath = addAuthConsole(fixtures, 'auth', 'spy');
  // A console page that shows the pasted secret as a heading (a pasted mail in a note).
  fixtures.set('/px/shows/index.html', {
    body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>控制台</title></head><body>' +
      `<h3>备注 ClientSecret：${ONE.clientSecret}</h3><section><h3>发票云授权配置</h3>` +
      item('Client id', '<input id="f-id">') + item('Client Secret', '<input type="password" id="f-secret">') +
      item('Encrypt Key', '<input type="password" id="f-key">') + '</section></body></html>',
  });

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('paste, 填充: the form gets the values, the page sees no secret anywhere else', async () => {
    const page = await newTab(browser, server.origin + authPath);
    await idleBar(page, FORM);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await writeClipboard(popup, 'clipboard-sentinel');
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-client-secret');
    // A 获取token示例 for the same console too: its app secret becomes the AccessToken key.
    assert.equal((await paste(popup, tokenSample(`${server.origin}/px/auth/`))).state, 'ok');

    await page.bringToFront();
    await fill(page, FORM);
    const shown = await outcomes(page, FORM);
    assert.equal(shown.url, 'filled');
    assert.equal(shown['Client id'], 'filled');
    assert.equal(shown['Client Secret'], 'filled');
    assert.equal(shown['Encrypt Key'], 'filled');
    const values = await formValues(page);
    assert.equal(values['f-id'], ONE.clientId);
    assert.equal(values['f-secret'], ONE.clientSecret);
    assert.equal(values['f-key'], ONE.encryptKey);
    assert.match(values['f-url'], /^https:\/\/api\.piaozone\.com/);
    assert.equal(values['f-proxy'], '', '代理 is left to the user');

    const barText = await bar(page, FORM).evaluate((host) => host.shadowRoot.innerHTML + host.outerHTML);
    const loot = await page.evaluate(() => window.__loot.join('\n'));
    const logs = browser.consoleMessages.map((m) => m.text).join('\n');
    const stored = await browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    const pageText = await page.evaluate(() => document.documentElement.outerHTML);
    for (const secret of ALL_SECRETS) {
      assert.ok(!barText.includes(secret), 'the bar shows no pasted secret whole');
      assert.ok(!loot.includes(secret), 'no page event, message or mutation carried a pasted secret');
      assert.ok(!logs.includes(secret), 'no log holds a pasted secret');
      assert.ok(!stored.includes(secret), 'storage.local/sync hold no pasted secret');
      assert.ok(!pageText.includes(secret), 'the page markup holds no pasted secret (input values are properties)');
    }
    assert.ok(!loot.includes(APP_SECRET));
    assert.equal(await readClipboard(popup), 'clipboard-sentinel', 'nothing went through the clipboard');
    await closeAll(popup, page);
  });

  test('the same form on another origin gets no pasted secret until the popup confirms it', async () => {
    const mine = await newTab(browser, server.origin + authPath);
    const minePopup = await openPopup(browser.context, browser.extensionId, mine);
    assert.equal((await paste(minePopup, MAIL_ONE)).state, 'ok');
    await waitForCredential(minePopup, 'credential-client-secret');
    await closeAll(minePopup, mine);

    const other = await newTab(browser, server.otherOrigin + authPath);
    await fill(other, FORM);
    const values = await formValues(other);
    assert.equal(values['f-secret'], '', 'no secret for another origin');
    assert.equal(values['f-key'], '');
    assert.equal(values['f-id'], '', 'nor another console’s ids');
    assert.equal(await row(other, 'Client Secret', FORM).getAttribute('data-outcome'), 'no-value');

    const popup = await openPopup(browser.context, browser.extensionId, other);
    await popup.getByTestId('confirm-credentials').click();
    await popup.getByTestId('confirm-credentials').waitFor({ state: 'hidden', timeout: 10_000 });
    await other.bringToFront();
    await fill(other, FORM);
    const after = await formValues(other);
    assert.equal(after['f-secret'], ONE.clientSecret);
    assert.equal(after['f-id'], ONE.clientId);
    await closeAll(popup, other);
  });

  test('诊断此页 leaves a pasted secret out of its report', async () => {
    const page = await newTab(browser, `${server.origin}/px/shows/index.html?formId=notes`);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-client-secret');
    await popup.getByRole('button', { name: /诊断此页|Diagnose this page/ }).click();
    const pre = popup.getByTestId('diagnose-json');
    await popup.waitForFunction((el) => el.textContent.length > 0, await pre.elementHandle());
    const report = await pre.textContent();
    assert.ok(report.includes('Client Secret') || report.includes('发票云授权配置'), 'the report describes the page');
    assert.ok(!report.includes(ONE.clientSecret), 'the pasted secret is left out');
    await closeAll(popup, page);
  });

  test('a plain-http console off this machine gets pasted secrets only after the popup’s warning', async () => {
    // The test build granted console.test (resolved to this server) as a customer's plain-http host.
    const host = `http://${UNGRANTED_HOST}/*`;
    const dir = await copyBuild(TEST_BUILD, (manifest) => {
      manifest.host_permissions.push(host);
      for (const script of manifest.content_scripts) script.matches.push(host);
    });
    const insecureBrowser = await launchBrowser({ extensionDir: dir, args: [resolveUngranted] });
    try {
      const page = await newTab(insecureBrowser, `http://${UNGRANTED_HOST}:${server.port}${authPath}`);
      const popup = await openPopup(insecureBrowser.context, insecureBrowser.extensionId, page);
      assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
      await waitForCredential(popup, 'credential-client-secret');
      await popup.getByTestId('credentials-insecure').waitFor({ state: 'visible', timeout: 10_000 });

      await page.bringToFront();
      await fill(page, FORM);
      assert.equal((await formValues(page))['f-secret'], '', 'no secret before the confirm');
      assert.equal(await row(page, 'Client Secret', FORM).getAttribute('data-code'), 'secret-insecure-console');
      assert.equal((await formValues(page))['f-id'], ONE.clientId, 'ids are no secret');

      await popup.bringToFront();
      await popup.getByTestId('confirm-insecure-credentials').click();
      await popup.getByTestId('credentials-insecure').waitFor({ state: 'hidden', timeout: 10_000 });
      await page.bringToFront();
      await fill(page, FORM);
      assert.equal((await formValues(page))['f-secret'], ONE.clientSecret);
      await closeAll(popup, page);
    } finally {
      await insecureBrowser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
