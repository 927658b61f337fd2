// The popup's paste box: a pasted 授权邮件 gives its environment, enterprises and credentials
// (ids whole, secrets masked), held for the tab's console; the user chooses one enterprise of
// several (click or Enter); a paste that cannot be read says why and keeps what was held; a
// 获取token示例 makes a console without getUserLanguage.do ready and holds its app secret as the
// AccessToken key; 清除所有密钥 forgets everything pasted; the EAS client's values wait to be copied.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, readPopup, startServerAndBrowser, TEST_BUILD, waitForState } from '../../tools/driver/browser.mjs';
import { addConsole } from './context-fixtures.mjs';
import { ACCOUNT_ID, CALLBACK, addSecretsConsole, prefixOf, readClipboard, waitForHeld, writeClipboard } from './secrets-console.mjs';
import { fill, outcomes } from '../../tools/driver/bar.mjs';
import {
  ALL_SECRETS, APP_SECRET, MAIL_ONE, MAIL_TWO, ONE, TOKEN_ACCOUNT_ID, TWO, credential, enterprises, paste, tokenSample,
  waitForCredential,
} from './paste-fixtures.mjs';

const CREDENTIAL_IDS = [
  'credential-client-id', 'credential-client-secret', 'credential-encrypt-key',
  'credential-tenant-client-id', 'credential-tenant-secret', 'credential-tenant-encrypt-key',
];

describe('paste box', () => {
  let browser, server;
  const fixtures = new Map();
  const mailConsole = addSecretsConsole(fixtures, 'paste');
  const otherConsole = addSecretsConsole(fixtures, 'paste-other');

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('a mail gives its environment, one enterprise chosen, ids whole and secrets masked', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    for (const id of CREDENTIAL_IDS) assert.equal((await credential(popup, id)).held, 'false', id);

    const result = await paste(popup, MAIL_ONE);
    assert.equal(result.state, 'ok', result.text);
    await waitForCredential(popup, 'credential-client-secret');
    assert.equal(await popup.getByTestId('environment').getAttribute('data-env'), 'prod');
    const shown = await enterprises(popup);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].taxId, ONE.taxId);
    assert.equal(shown[0].selected, 'true');
    assert.ok(shown[0].text.includes(ONE.name), shown[0].text);

    assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: ONE.clientId });
    assert.deepEqual(await credential(popup, 'credential-tenant-client-id'), { held: 'true', text: ONE.tenantClientId });
    for (const [id, value] of [
      ['credential-client-secret', ONE.clientSecret], ['credential-encrypt-key', ONE.encryptKey],
      ['credential-tenant-secret', ONE.tenantSecret], ['credential-tenant-encrypt-key', ONE.tenantEncryptKey],
    ]) {
      const { held, text } = await credential(popup, id);
      assert.equal(held, 'true', id);
      assert.ok(text.endsWith(value.slice(-4)) && text !== value && !text.includes(value.slice(0, 8)), `${id}: ${text}`);
    }
    const markup = await popup.evaluate(() => document.documentElement.outerHTML + document.body.innerText);
    for (const secret of ALL_SECRETS) assert.ok(!markup.includes(secret), 'the popup never shows a pasted secret whole');
    assert.equal(await popup.getByTestId('paste-input').inputValue(), '', 'the box keeps no copy once read');
    // No secret of the bar is held yet: 清除所有密钥 is there for what was pasted.
    assert.equal(await popup.getByTestId('secret-access-key').getAttribute('data-held'), 'false');
    await popup.locator('[data-testid="clear-secrets"]:not([disabled])').waitFor({ timeout: 10_000 });

    // Held for this console only: another console's popup shows them as another console's,
    // and nothing went to storage.local/sync.
    const other = await newTab(browser, server.origin + otherConsole);
    const otherPopup = await openPopup(browser.context, browser.extensionId, other);
    await waitForState(otherPopup, 'ready');
    await otherPopup.getByTestId('confirm-credentials').waitFor({ state: 'visible', timeout: 10_000 });
    const stored = await browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    for (const secret of ALL_SECRETS) assert.ok(!stored.includes(secret));
    await closeAll(otherPopup, other, popup, page);
  });

  test('several enterprises: none chosen until the user clicks or presses Enter on one', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    const result = await paste(popup, MAIL_TWO);
    assert.equal(result.state, 'ok', result.text);
    await popup.locator('[data-testid="enterprise"]').nth(1).waitFor();
    assert.equal(await popup.getByTestId('environment').getAttribute('data-env'), 'test');
    let shown = await enterprises(popup);
    assert.deepEqual(shown.map((e) => [e.taxId, e.selected]), [[TWO.first.taxId, 'false'], [TWO.second.taxId, 'false']]);
    for (const id of ['credential-client-id', 'credential-client-secret', 'credential-encrypt-key']) {
      assert.equal((await credential(popup, id)).held, 'false', `${id} before a choice`);
    }

    await popup.locator(`[data-testid="enterprise"][data-tax-id="${TWO.second.taxId}"]`).click();
    await popup.locator(`[data-testid="enterprise"][data-tax-id="${TWO.second.taxId}"][data-selected="true"]`).waitFor();
    assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: TWO.second.clientId });
    assert.ok((await credential(popup, 'credential-client-secret')).text.endsWith(TWO.second.clientSecret.slice(-4)));

    await popup.locator(`[data-testid="enterprise"][data-tax-id="${TWO.first.taxId}"]`).focus();
    await popup.keyboard.press('Enter');
    await popup.locator(`[data-testid="enterprise"][data-tax-id="${TWO.first.taxId}"][data-selected="true"]`).waitFor();
    shown = await enterprises(popup);
    assert.equal(shown.filter((e) => e.selected === 'true').length, 1, 'exactly one chosen');
    assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: TWO.first.clientId });

    // The choice is held with the credentials: a new popup shows it.
    const again = await openPopup(browser.context, browser.extensionId, page);
    await again.locator(`[data-testid="enterprise"][data-tax-id="${TWO.first.taxId}"][data-selected="true"]`).waitFor();
    await closeAll(again, popup, page);
  });

  test('an unreadable paste says why and keeps what the earlier paste held', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-client-secret');
    for (const junk of ['你好，这是一段普通的文字，没有任何授权信息。', '\u0000\u0001\u0002\u0003binary\u0000junk', 'x'.repeat(11 * 1024 * 1024)]) {
      const result = await paste(popup, junk);
      assert.equal(result.state, 'error');
      assert.ok(result.text.length > 4, `a reason: ${result.text}`);
      assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: ONE.clientId });
      assert.equal((await enterprises(popup)).length, 1);
      assert.equal(await popup.getByTestId('environment').getAttribute('data-env'), 'prod');
    }
    await closeAll(popup, page);
  });

  test('a 获取token示例 makes its console ready and holds its app secret as the AccessToken key', async () => {
    const tok = addConsole(server, 'tok', { script: '' });
    const page = await newTab(browser, tok.consoleUrl);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'waiting');
    const result = await paste(popup, tokenSample(tok.prefix));
    assert.equal(result.state, 'ok', result.text);
    await waitForState(popup, 'ready');
    const values = await readPopup(popup);
    assert.equal(values.prefix, tok.prefix);
    assert.equal(values.accountId, TOKEN_ACCOUNT_ID);
    await waitForHeld(popup, 'secret-access-key');
    const key = (await popup.getByTestId('secret-access-key').textContent()).trim();
    assert.ok(key.endsWith(APP_SECRET.slice(-4)) && !key.includes(APP_SECRET), key);

    // What the console answers itself wins over the pasted id; the paste still stays held.
    await closeAll(popup, page);
  });

  test('the 获取token示例’s app secret fills 发票回调配置’s 第三方应用密码; the console’s own id wins', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    const result = await paste(popup, tokenSample(prefixOf(server.origin, 'paste')));
    assert.equal(result.state, 'ok', result.text);
    await waitForHeld(popup, 'secret-access-key');
    assert.equal((await readPopup(popup)).accountId, ACCOUNT_ID, 'getUserLanguage.do was seen here: its id stays');

    await page.bringToFront();
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    const shown = await outcomes(page, CALLBACK);
    assert.equal(shown['第三方应用密码'], 'filled');
    assert.equal(shown['数据中心id'], 'filled');
    assert.equal(await page.inputValue('#cb-key'), APP_SECRET);
    assert.equal(await page.inputValue('#cb-account'), ACCOUNT_ID);
    await closeAll(popup, page);
  });

  test('the EAS client values wait ready to copy; 复制 goes through the self-clearing clipboard', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-encrypt-key');
    const manual = popup.locator('[data-testid="manual-value"]');
    await popup.locator('[data-testid="manual-value"][data-value-id="eas-account-id"][data-held="true"]').waitFor();
    const rows = await manual.evaluateAll((els) => els.map((el) => ({
      id: el.dataset.valueId, checked: el.dataset.checked, text: el.querySelector('code')?.textContent ?? '',
    })));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    assert.equal(byId['image-host-prod'].text, 'http://api.piaozone.com/');
    assert.equal(byId['image-host-prod'].checked, 'true');
    assert.equal(byId['image-host-test'].text, 'http://kdimage-demo.piaozone.com/');
    assert.equal(byId['image-host-private'].text, 'http://ip:port/api/');
    assert.equal(byId['eas-account-id'].text, ACCOUNT_ID);
    assert.equal(byId['org-tax-id'].text, ONE.taxId);
    assert.ok(byId['org-client-secret'].text.endsWith(ONE.clientSecret.slice(-4)) && !byId['org-client-secret'].text.includes(ONE.clientSecret));

    await writeClipboard(popup, 'sentinel');
    await popup.getByTestId('copy-credential-client-secret').click();
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="copy-credential-client-secret"]').textContent));
    assert.equal(await readClipboard(popup), ONE.clientSecret, '复制 puts the whole secret on the clipboard');
    await popup.getByTestId('copy-manual-eas-account-id').click();
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="copy-manual-eas-account-id"]').textContent));
    assert.equal(await readClipboard(popup), ACCOUNT_ID);
    await closeAll(popup, page);
  });

  test('values a mail does not give are shown as missing, with the reason', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    const masked = `发票云授权（正式环境）

企业名称：上海浦江供应链管理有限公司
税号：91310115MA1K4PQ53Y
ClientID：f3a92d7b1c0e46d5
ClientSecret：********************
EncryKey：
`;
    const result = await paste(popup, masked);
    assert.equal(result.state, 'ok', result.text);
    await popup.locator('[data-testid="enterprise"][data-tax-id="91310115MA1K4PQ53Y"][data-selected="true"]').waitFor();
    assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: 'f3a92d7b1c0e46d5' });
    assert.equal((await credential(popup, 'credential-client-secret')).held, 'false');
    assert.equal((await credential(popup, 'credential-encrypt-key')).held, 'false');
    const reasons = (await popup.getByTestId('credential-missing').innerText()).trim();
    assert.match(reasons, /ClientSecret/);
    assert.match(reasons, /EncryKey|Encrypt/i);
    await closeAll(popup, page);
  });

  test('pasted credentials expire with the secrets’ lifetime', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-client-secret');
    const lifetime = await browser.worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      const [key, record] = Object.entries(all).find(([k]) => k.startsWith('cred:'));
      await chrome.storage.session.set({ [key]: { ...record, expiresAt: Date.now() - 1 } });
      return record.expiresAt - record.createdAt;
    });
    assert.equal(lifetime, 30 * 60_000, 'the default lifetime of secrets');
    for (const id of CREDENTIAL_IDS) await waitForCredential(popup, id, 'false');
    assert.equal(await popup.getByTestId('enterprise').count(), 0);
    const left = await browser.worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('cred:')));
    assert.deepEqual(left, [], 'the expired record is removed');
    await closeAll(popup, page);
  });

  test('清除所有密钥 forgets everything pasted, for every console', async () => {
    const page = await newTab(browser, server.origin + mailConsole);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    assert.equal((await paste(popup, MAIL_ONE)).state, 'ok');
    await waitForCredential(popup, 'credential-client-secret');
    await popup.getByTestId('copy-credential-tenant-secret').click();
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="copy-credential-tenant-secret"]').textContent));
    assert.equal(await readClipboard(popup), ONE.tenantSecret);
    await popup.getByTestId('clear-secrets').click();
    for (const id of CREDENTIAL_IDS) await waitForCredential(popup, id, 'false');
    assert.equal(await popup.getByTestId('enterprise').count(), 0);
    assert.equal(await popup.getByTestId('environment').getAttribute('data-env'), 'unknown');
    assert.equal(await readClipboard(popup), '', 'a pasted secret still on the clipboard goes too');
    const session = await browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
    for (const secret of ALL_SECRETS) assert.ok(!session.includes(secret), 'nothing pasted is left in the session');
    assert.ok(!session.includes(TOKEN_ACCOUNT_ID), 'the pasted context is gone too');
    await closeAll(popup, page);
  });
});
