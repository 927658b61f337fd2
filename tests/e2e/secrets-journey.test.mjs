// The secrets journey on a small console: generate the AccessToken key in its dialog, capture
// x-acgw-identity after revealing it, see both held (masked) in the popup, open 发票回调配置,
// 填充, 保存 — and the page's submitted state holds all five values, without the clipboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { bar, barMarkup, clickBar, fill, idleBar, outcomes } from '../../tools/driver/bar.mjs';
import {
  ACCESS_TOKEN, ACCOUNT_ID, CALLBACK, GATEWAY, THIRD_PARTY_APP, addSecretsConsole, generateKey, openKeyDialog, prefixOf,
  readClipboard, revealGateway, secretKeys, storageDump, waitForHeld, writeClipboard,
} from './secrets-console.mjs';

const KEY_SHAPE = /^[A-Za-z0-9]{32}$/;

describe('secrets journey', () => {
  let browser, server;
  const fixtures = new Map();
  const path = addSecretsConsole(fixtures, 'journey');

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('generate, capture, fill: the submitted state holds all five values and the clipboard is untouched', async () => {
    const { context, extensionId, worker } = browser;
    const page = await newTab(browser, server.origin + path);
    const popup = await openPopup(context, extensionId, page);
    await writeClipboard(popup, 'clipboard-sentinel');

    // 第三方应用 → AccessToken认证 编辑 → 生成密钥 → 确定
    await page.bringToFront();
    const key = await generateKey(page);
    assert.match(key, KEY_SHAPE);
    await page.click('#atk-ok');
    assert.equal(await page.evaluate(() => window.__saved.accessTokenKey), key);

    // 认证凭证: 查看 + password → 记住网关
    await revealGateway(page);
    await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);

    // The popup shows both, masked, ending in their last four characters.
    const accessKey = popup.getByTestId('secret-access-key');
    const gateway = popup.getByTestId('secret-gateway');
    await waitForHeld(popup, 'secret-access-key');
    await waitForHeld(popup, 'secret-gateway');
    const shownKey = (await accessKey.textContent()).trim();
    const shownGateway = (await gateway.textContent()).trim();
    assert.ok(shownKey.endsWith(key.slice(-4)), shownKey);
    assert.ok(shownGateway.endsWith(GATEWAY.slice(-4)), shownGateway);
    const popupText = await popup.evaluate(() => document.body.innerText + document.body.innerHTML);
    assert.ok(!popupText.includes(key) && !popupText.includes(GATEWAY), 'the popup never shows a secret whole');

    // 发票回调配置 → 填充 → 保存
    await page.bringToFront();
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    assert.deepEqual(await outcomes(page, CALLBACK), {
      请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'filled', 网关: 'filled',
    });
    await page.click('#cb-save');
    const submitted = JSON.parse(await page.getByTestId('submitted-state').textContent());
    assert.deepEqual(submitted, {
      请求地址: prefixOf(server.origin, 'journey'),
      数据中心id: ACCOUNT_ID,
      第三方应用: 'invoiceupload',
      第三方应用密码: key,
      网关: GATEWAY,
    });

    // The bar never held a secret whole.
    const barText = await bar(page, CALLBACK).evaluate((host) => host.shadowRoot.innerHTML + host.outerHTML);
    assert.ok(!barText.includes(key) && !barText.includes(GATEWAY));

    // Nothing went through the clipboard.
    assert.equal(await readClipboard(popup), 'clipboard-sentinel');

    // Secrets only in session storage, bound to the console.
    const dump = await storageDump(worker);
    for (const area of ['local', 'sync']) {
      const text = JSON.stringify(dump[area]);
      assert.ok(!text.includes(key) && !text.includes(GATEWAY), `${area} storage holds no secret`);
    }
    const prefix = prefixOf(server.origin, 'journey');
    assert.deepEqual(secretKeys(dump.session).sort(), [`secret:accessTokenKey:${prefix}`, `secret:gateway:${prefix}`]);
    assert.equal(dump.session[`secret:accessTokenKey:${prefix}`].value, key);
    assert.equal(dump.session[`secret:gateway:${prefix}`].value, GATEWAY);

    // No console output of page, worker or content scripts carries either value.
    for (const message of browser.consoleMessages) {
      assert.ok(!message.text.includes(key) && !message.text.includes(GATEWAY), `console leak in ${message.source}`);
    }
    await closeAll(popup, page);
  });

  test('a gateway that is still masked is refused with a reason and nothing is remembered', async () => {
    const { worker } = browser;
    await worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      await chrome.storage.session.remove(Object.keys(all).filter((k) => k.startsWith('secret:')));
    });
    const page = await newTab(browser, server.origin + path);
    await page.click('#open-app');
    const b = await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    const status = await b.evaluate((host) => host.shadowRoot.textContent);
    assert.match(status, /隐藏|masked|查看/);
    const dump = await storageDump(worker);
    assert.deepEqual(secretKeys(dump.session), []);
    await page.close();
  });

  test('the lifetime setting applies to the secrets remembered after it', async () => {
    const { context, extensionId, worker } = browser;
    const page = await newTab(browser, server.origin + path);
    const popup = await openPopup(context, extensionId, page);
    await popup.getByTestId('secret-ttl').selectOption('15');
    await page.bringToFront();
    await page.click('#open-app');
    await revealGateway(page);
    await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    const prefix = prefixOf(server.origin, 'journey');
    const record = (await storageDump(worker)).session[`secret:gateway:${prefix}`];
    assert.equal(record.expiresAt - record.createdAt, 15 * 60_000);
    assert.equal((await storageDump(worker)).local.secretTtlMinutes, 15);
    await closeAll(popup, page);
  });

  test('a key the user typed in 认证密钥 is checked and remembered on request (remember-key)', async () => {
    const { worker } = browser;
    const page = await newTab(browser, server.origin + path);
    await openKeyDialog(page);
    await idleBar(page, ACCESS_TOKEN);
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url })).map((t) => t.id)[0], page.url());
    // What the bar's button sends, from the content scripts' own world (a page cannot send it).
    const ask = () => worker.evaluate(async (id) => {
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId: id },
        world: 'ISOLATED',
        func: async () => chrome.runtime.sendMessage({
          type: 'bar-action', action: 'remember-key', form: { spec: 'access-token-auth', form: 'AccessToken认证' },
          snapshot: globalThis.__fapiaoHelper.collect({ texts: true }).snapshot,
        }),
      });
      return injection.result;
    }, tabId);
    await page.fill('#atk-key', 'short');
    const refused = await ask();
    assert.equal(refused.ok, false);
    assert.match(refused.error, /太短|too short/);
    await page.fill('#atk-key', '  My-Own_Key.2024  ');
    const accepted = await ask();
    assert.equal(accepted.ok, true, JSON.stringify(accepted));
    assert.ok(!JSON.stringify(accepted).includes('My-Own_Key.2024'), 'the reply carries no value');
    const prefix = prefixOf(server.origin, 'journey');
    assert.equal((await storageDump(worker)).session[`secret:accessTokenKey:${prefix}`].value, 'My-Own_Key.2024');
    await page.close();
  });

  test('the AccessToken认证 bar offers 记住此密钥, which remembers the key the user typed and shows it only masked', async () => {
    const { worker } = browser;
    const page = await newTab(browser, server.origin + path);
    await openKeyDialog(page);
    const typed = 'Typed-By-Hand_2024-q7Wz';
    await page.fill('#atk-key', typed);
    await clickBar(page, ACCESS_TOKEN, /记住此密钥|Remember this key/);
    const prefix = prefixOf(server.origin, 'journey');
    const stored = async () => (await storageDump(worker)).session[`secret:accessTokenKey:${prefix}`]?.value;
    const deadline = Date.now() + 10_000;
    while ((await stored()) !== typed && Date.now() < deadline) await page.waitForTimeout(200);
    assert.equal(await stored(), typed);
    const shown = await barMarkup(page, ACCESS_TOKEN);
    assert.ok(!shown.includes(typed), 'the bar never shows the key whole');
    assert.ok(shown.includes(typed.slice(-4)), 'the bar confirms it by its last four characters');
    await page.close();
  });

  test('the content scripts cannot read session storage', async () => {
    const { worker } = browser;
    const page = await newTab(browser, server.origin + path);
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url })).map((t) => t.id)[0], page.url());
    const [result] = await worker.evaluate(async (id) => chrome.scripting.executeScript({
      target: { tabId: id },
      world: 'ISOLATED',
      func: async () => {
        try {
          return { read: JSON.stringify(await chrome.storage.session.get(null)) };
        } catch (error) {
          return { error: String(error && error.message) };
        }
      },
    }), tabId);
    assert.ok(result.result.error, `content script read session storage: ${result.result.read}`);
    await page.close();
  });
});
