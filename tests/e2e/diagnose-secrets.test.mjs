// 诊断此页 never carries a secret: a revealed x-acgw-identity the page shows as text near a field
// (a caption, a title, the document title) is left out of the report, and so is any text that is
// a secret the helper holds (a key the user typed and asked it to remember). The report goes to
// the clipboard like any 复制: it is cleared after 30 s if the clipboard still holds it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { clickBar, idleBar, newTabWithBar } from '../../tools/driver/bar.mjs';
import { addCase, prefixOf } from './fixtures/forms.mjs';
import { readClipboard, storageDump } from './secrets-console.mjs';

// Passes the gateway check (a long token of base64url characters).
const REVEALED = 'eyJ0ZXN0IjoiZGlhZ25vc2UifQ.c2lnbmF0dXJlLWRpYWdub3NlLTQy';
// A key the user typed: too short and with characters no gateway token has, so only the held
// secret itself can tell it is one.
const TYPED_KEY = 'Kd#2024!hid';

const item = (label, control) => `<div class="item"><div class="label">${label}</div><span><span>${control}</span></span></div>`;

const REVEALED_BODY = '<h3>发票回调配置</h3>' +
  item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') + item('网关', '<input id="f2">') +
  `<div class="panel-title">${REVEALED}</div>` +
  item(REVEALED, '<input id="n1">') + item(`网关：${REVEALED}`, '<input id="n2">') +
  item(`x-acgw-identity ${REVEALED} 复制`, '<input id="n3">');

const KEY_BODY = '<h2>第三方应用</h2><div id="slot"></div><div id="shown"></div>';
const KEY_JS = `
document.getElementById('slot').innerHTML = '<div role="dialog" class="dialog"><div class="dialog-title">AccessToken认证</div>' +
  '<div class="item"><div class="label">认证密钥</div><span><input type="password" id="key"></span></div></div>';
window.showKey = (key) => {
  document.getElementById('shown').innerHTML = '<div class="card-title"></div><div class="item"><div class="label"></div><span><input id="other"></span></div>';
  document.querySelector('#shown .card-title').textContent = key;
  document.querySelector('#shown .label').textContent = '密钥 ' + key;
};
`;

/** 诊断此页 in the popup of `page`: the report's text, and the popup (still open). */
async function diagnose(browser, page) {
  const popup = await openPopup(browser.context, browser.extensionId, page);
  await popup.bringToFront();
  await popup.getByRole('button', { name: /诊断此页|Diagnose this page/ }).click();
  const pre = popup.getByTestId('diagnose-json');
  await popup.waitForFunction((el) => el.textContent.length > 0, await pre.elementHandle());
  await popup.getByTestId('diagnose-note').filter({ hasText: /./ }).waitFor({ timeout: 10_000 });
  return { text: await pre.textContent(), popup };
}

describe('诊断此页 and secrets', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.revealed = addCase(fixtures, 'diag-revealed', { body: REVEALED_BODY, title: REVEALED });
    url.key = addCase(fixtures, 'diag-key', { body: KEY_BODY, js: KEY_JS, title: '第三方应用' });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  test('a revealed x-acgw-identity shown as a caption, a title or the page title is not in the report', async () => {
    const page = await newTabWithBar(browser, server.origin + url.revealed);
    try {
      const { text, popup } = await diagnose(browser, page);
      const report = JSON.parse(text);
      assert.match(JSON.stringify(report), /请求地址/, 'the report still describes the page');
      assert.equal(text.includes(REVEALED), false, 'the report carries the revealed credential');
      assert.equal(text.includes(REVEALED.slice(0, 24)), false);
      await popup.close();
    } finally {
      await page.close();
    }
  });

  test('a key the helper holds, shown by the page as text, is not in the report', async () => {
    const page = await newTab(browser, server.origin + url.key);
    try {
      await idleBar(page, 'AccessToken认证');
      await page.fill('#key', TYPED_KEY);
      await clickBar(page, 'AccessToken认证', /记住此密钥|Remember this key/);
      const key = `secret:accessTokenKey:${prefixOf(server.origin, 'diag-key')}`;
      const deadline = Date.now() + 10_000;
      while ((await storageDump(browser.worker)).session[key]?.value !== TYPED_KEY && Date.now() < deadline) await page.waitForTimeout(200);
      assert.equal((await storageDump(browser.worker)).session[key]?.value, TYPED_KEY, 'the key is held');
      await page.evaluate((k) => window.showKey(k), TYPED_KEY);
      await page.waitForTimeout(500);
      const { text, popup } = await diagnose(browser, page);
      assert.match(text, /认证密钥/, 'the report still describes the page');
      assert.equal(text.includes(TYPED_KEY), false, 'the report carries the held key');
      await popup.close();
    } finally {
      await page.close();
    }
  });

  test('the copied report is cleared from the clipboard after 30 s, like any 复制', async () => {
    const page = await newTabWithBar(browser, server.origin + url.revealed);
    try {
      const { text, popup } = await diagnose(browser, page);
      assert.equal(await readClipboard(popup), text, 'the report is on the clipboard');
      await popup.waitForTimeout(33_000);
      assert.equal(await readClipboard(popup), '', 'the report is still on the clipboard after 30 s');
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
