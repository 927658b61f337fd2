// Hostile pages never obtain a secret (DESIGN.md security model). The console
// here spies on everything a page can observe (patched dispatchEvent/addEventListener/
// postMessage/CustomEvent, every mutation, every message, the bar's open shadow root read all
// the time) and forges clicks, keys and extension-shaped messages on the bar. The same console
// is also served on a look-alike origin (localhost vs 127.0.0.1), inside a frame of another
// origin, and under another prefix. Each rule has a test that fails when the rule is broken.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { STRICT_CSP } from '../../www/serve.mjs';
import { clickBar, fill, idleBar, outcomes, row } from '../../tools/driver/bar.mjs';
import {
  ACCESS_TOKEN, CALLBACK, GATEWAY, THIRD_PARTY_APP, addSecretsConsole, generateKey, openKeyDialog, prefixOf,
  readClipboard, revealGateway, secretKeys, setExpiry, storageDump, waitForHeld, writeClipboard,
} from './secrets-console.mjs';

/** Everything the spying page gathered, plus what it can read from its own storage. */
async function pageLoot(page) {
  return page.evaluate(() => [
    ...(window.__loot ?? []),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    document.cookie,
    document.title,
  ].join('\n'));
}

describe('hostile pages and secrets', () => {
  let browser, server;
  let key = null; // the generated AccessToken key, once generated
  const fixtures = new Map();
  const path = addSecretsConsole(fixtures, 'hostile', { spy: true });
  const otherPath = addSecretsConsole(fixtures, 'other', { spy: true, frameable: true });
  // A page of the hostile console's own directory (so its secrets' console) on 127.0.0.1 that
  // frames a console of another origin: the frame must get nothing though the top page would.
  fixtures.set('/sx/hostile/framer.html', (req, url) => ({
    body: '<!doctype html><html><head><meta charset="utf-8"><title>控制台</title></head><body><h3>控制台</h3>' +
      `<iframe id="foreign" src="${url.searchParams.get('src') ?? ''}" style="width:900px;height:700px"></iframe></body></html>`,
    csp: `${STRICT_CSP}; frame-src *`,
  }));

  const leaks = (text) => [key, GATEWAY].filter((secret) => secret && text.includes(secret));

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('a page cannot message the extension at all', async () => {
    const page = await newTab(browser, server.origin + path);
    const reach = await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage);
    assert.equal(reach, 'undefined');
    await page.close();
  });

  test('forged clicks, keys and messages on the bar generate, capture and fill nothing', async () => {
    const { worker } = browser;
    const page = await newTab(browser, server.origin + path);
    await openKeyDialog(page);
    await revealGateway(page);
    await idleBar(page, ACCESS_TOKEN);
    await idleBar(page, THIRD_PARTY_APP);
    await page.waitForFunction(() => window.__forged > 60);
    await page.waitForTimeout(1000);
    assert.equal(await page.inputValue('#atk-key'), '', 'no key was generated into the dialog');
    assert.deepEqual(secretKeys((await storageDump(worker)).session), [], 'nothing was remembered');
    // A forged 填充 on the callback form fills nothing either.
    await page.click('#open-callback');
    await idleBar(page, CALLBACK);
    await page.waitForFunction((n) => window.__forged > n + 30, await page.evaluate(() => window.__forged));
    const values = await page.evaluate(() => ['cb-url', 'cb-account', 'cb-key', 'cb-gateway'].map((id) => document.getElementById(id).value));
    assert.deepEqual(values, ['', '', '', '']);
    await page.close();
  });

  test('with a person’s clicks the spying console is filled, yet sees no secret anywhere but its target inputs', async () => {
    const page = await newTab(browser, server.origin + path);
    key = await generateKey(page);
    await page.click('#atk-ok');
    await revealGateway(page);
    await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    const got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'filled');
    assert.equal(got['网关'], 'filled');
    assert.equal(await page.inputValue('#cb-key'), key);
    assert.equal(await page.inputValue('#cb-gateway'), GATEWAY);
    await page.waitForTimeout(300); // let the spy's interval read the bar once more
    const loot = await pageLoot(page);
    assert.ok(loot.length > 1000, 'the spy did observe the page');
    assert.ok(loot.includes('bar text'), 'the spy did read the bar');
    const seen = loot.split('\n').filter((line) => leaks(line).length).map((line) => line.slice(0, 120));
    assert.deepEqual(seen, [], 'the page observed a secret outside its target inputs');
    await page.close();
  });

  test('a look-alike origin gets no secret until the user confirms in the popup, and then only that console', async () => {
    assert.ok(key, 'needs the key generated above');
    const { context, extensionId } = browser;
    const page = await newTab(browser, server.otherOrigin + path); // localhost: same server, same path, other origin
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    let got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'no-value');
    assert.equal(got['网关'], 'no-value');
    assert.equal(got['请求地址'], 'filled');
    assert.deepEqual([await page.inputValue('#cb-key'), await page.inputValue('#cb-gateway')], ['', '']);
    // The rows say why: held for another console, to be confirmed in the popup.
    for (const field of ['第三方应用密码', '网关']) {
      const r = row(page, field, CALLBACK);
      assert.equal(await r.getAttribute('data-code'), 'secret-other-console', field);
      assert.match(await r.textContent(), /另一个控制台|another console/, field);
    }
    // The AccessToken dialog there gets no key either.
    await openKeyDialog(page);
    await fill(page, ACCESS_TOKEN);
    assert.equal((await outcomes(page, ACCESS_TOKEN))['认证密钥'], 'no-value');
    assert.equal(await page.inputValue('#atk-key'), '');
    assert.deepEqual(leaks(await pageLoot(page)), []);

    // The popup for that tab offers the confirmation; after it, the fill carries both.
    const popup = await openPopup(context, extensionId, page);
    const confirm = popup.getByTestId('confirm-cross-origin');
    await confirm.waitFor({ state: 'visible', timeout: 10_000 });
    await confirm.click();
    await confirm.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.bringToFront();
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'filled');
    assert.equal(got['网关'], 'filled');
    assert.equal(await page.inputValue('#cb-key'), key);

    // Another console on that origin was not confirmed: still nothing.
    const other = await newTab(browser, server.otherOrigin + otherPath);
    await other.click('#open-callback');
    await fill(other, CALLBACK);
    got = await outcomes(other, CALLBACK);
    assert.equal(got['第三方应用密码'], 'no-value');
    assert.equal(got['网关'], 'no-value');
    assert.deepEqual(leaks(await pageLoot(other)), []);
    await closeAll(other, popup, page);
  });

  test('a frame of another origin inside the console gets no secret', async () => {
    assert.ok(key, 'needs the key generated above');
    const framed = server.otherOrigin + otherPath;
    const page = await newTab(browser, `${server.origin}/sx/hostile/framer.html?src=${encodeURIComponent(framed)}`);
    const frame = page.frameLocator('#foreign');
    await frame.locator('#open-callback').click();
    await fill(frame, CALLBACK);
    const rows = await outcomes(frame, CALLBACK);
    assert.equal(rows['第三方应用密码'], 'no-value');
    assert.equal(rows['网关'], 'no-value');
    assert.equal(await row(frame, '网关', CALLBACK).getAttribute('data-code'), 'secret-frame-other-origin');
    assert.equal(await frame.locator('#cb-key').inputValue(), '');
    assert.equal(await frame.locator('#cb-gateway').inputValue(), '');
    await page.close();
  });

  test('secrets are only in session storage, bound to their console, never in local or sync', async () => {
    assert.ok(key, 'needs the key generated above');
    const dump = await storageDump(browser.worker);
    for (const area of ['local', 'sync']) assert.deepEqual(leaks(JSON.stringify(dump[area])), [], area);
    const prefix = prefixOf(server.origin, 'hostile');
    assert.equal(dump.session[`secret:accessTokenKey:${prefix}`]?.value, key);
    assert.equal(dump.session[`secret:gateway:${prefix}`]?.value, GATEWAY);
    for (const [k, record] of Object.entries(dump.session)) {
      if (!k.startsWith('secret:')) assert.deepEqual(leaks(JSON.stringify(record)), [], `session key ${k}`);
      else assert.ok(record.expiresAt > Date.now() && record.expiresAt - record.createdAt <= 30 * 60_000 + 1000);
    }
  });

  test('复制 puts the secret on the clipboard, counts down, and clears it after 30 s only if it is still there', async () => {
    assert.ok(key, 'needs the key generated above');
    const { context, extensionId } = browser;
    const page = await newTab(browser, server.origin + path);
    const popup = await openPopup(context, extensionId, page);
    const countdown = popup.getByTestId('clipboard-countdown');

    // Replaced by the user before the 30 s are up: left alone.
    await popup.getByTestId('copy-gateway').click();
    await countdown.waitFor({ state: 'visible' });
    assert.equal(await readClipboard(popup), GATEWAY);
    const seconds = Number(await countdown.getAttribute('data-seconds'));
    assert.ok(seconds > 20 && seconds <= 30, `countdown shows ${seconds}`);
    assert.match(await countdown.textContent(), /\d+/);
    await writeClipboard(popup, 'something the user copied');
    await popup.waitForTimeout(31_500);
    assert.equal(await readClipboard(popup), 'something the user copied');

    // Still there after 30 s: cleared.
    await popup.getByTestId('copy-access-key').click();
    await popup.waitForFunction(() => Number(document.querySelector('[data-testid="clipboard-countdown"]')?.dataset.seconds) > 25);
    assert.equal(await readClipboard(popup), key);
    await popup.waitForTimeout(31_500);
    assert.equal(await readClipboard(popup), '');
    assert.equal(await countdown.getAttribute('data-seconds'), '0');
    await closeAll(popup, page);
  });

  test('an expired secret is not filled, shows as not held and is purged', async () => {
    const { context, extensionId, worker } = browser;
    const prefix = prefixOf(server.origin, 'hostile');
    await setExpiry(worker, `secret:accessTokenKey:${prefix}`, -1);
    const page = await newTab(browser, server.origin + path);
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    const got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'no-value');
    assert.equal(got['网关'], 'filled');
    // The row says it expired, not that there never was one.
    const keyRow = row(page, '第三方应用密码', CALLBACK);
    assert.equal(await keyRow.getAttribute('data-code'), 'secret-expired');
    assert.match(await keyRow.textContent(), /过期|expired/);
    const popup = await openPopup(context, extensionId, page);
    await waitForHeld(popup, 'secret-access-key', false);
    await waitForHeld(popup, 'secret-gateway');
    const session = (await storageDump(worker)).session;
    assert.equal(session[`secret:accessTokenKey:${prefix}`], undefined, 'the expired record is gone');
    await closeAll(popup, page);
  });

  test('a secret about to expire is purged by the alarm with nobody asking', async () => {
    const { context, extensionId, worker } = browser;
    const prefix = prefixOf(server.origin, 'hostile');
    await setExpiry(worker, `secret:gateway:${prefix}`, 1500);
    // One status request schedules the alarm; then nothing asks the worker any more.
    const page = await newTab(browser, 'about:blank');
    const popup = await openPopup(context, extensionId, page);
    await popup.locator('[data-testid="secret-gateway"]').waitFor();
    await closeAll(popup, page);
    const deadline = Date.now() + 15_000;
    let left;
    do {
      await new Promise((resolve) => setTimeout(resolve, 500));
      left = secretKeys((await storageDump(worker)).session);
    } while (left.length && Date.now() < deadline);
    assert.deepEqual(left, []);
  });

  test('清除所有密钥 forgets every secret, and takes a copied one off the clipboard', async () => {
    const { context, extensionId, worker } = browser;
    // Hold both again on one console and one on another.
    const page = await newTab(browser, server.origin + path);
    await generateKey(page);
    await revealGateway(page);
    await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    assert.equal(secretKeys((await storageDump(worker)).session).length, 2);
    const popup = await openPopup(context, extensionId, page);
    await waitForHeld(popup, 'secret-access-key');
    // A secret copied a moment ago leaves the clipboard with them.
    await popup.getByTestId('copy-gateway').click();
    await popup.getByTestId('clipboard-countdown').waitFor({ state: 'visible' });
    assert.equal(await readClipboard(popup), GATEWAY);
    await popup.getByTestId('clear-secrets').click();
    await waitForHeld(popup, 'secret-access-key', false);
    await waitForHeld(popup, 'secret-gateway', false);
    assert.deepEqual(secretKeys((await storageDump(worker)).session), []);
    assert.equal(await readClipboard(popup), '');
    // And the next fill has nothing to give.
    await page.bringToFront();
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    const got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'no-value');
    assert.equal(got['网关'], 'no-value');
    await closeAll(popup, page);
  });

  test('no console output of any page, worker or content script, and no error, carried a secret', async () => {
    assert.ok(key, 'needs the key generated above');
    // Error paths on purpose: malformed and refused requests from an extension page.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    const replies = await popup.evaluate(async () => Promise.all([
      chrome.runtime.sendMessage({ type: 'copy-secret', kind: 'nope' }),
      chrome.runtime.sendMessage({ type: 'bar-action', action: 'generate-key' }),
      chrome.runtime.sendMessage({ type: 'confirm-cross-origin', tabId: -1 }),
      chrome.runtime.sendMessage({ type: 'secrets-ttl', minutes: 'x' }),
    ]));
    assert.ok(replies.every((r) => r && r.ok === false), JSON.stringify(replies));
    assert.deepEqual(leaks(JSON.stringify(replies)), []);
    await popup.close();
    const texts = browser.consoleMessages.map((m) => `${m.source} ${m.type} ${m.text}`).join('\n');
    assert.deepEqual(leaks(texts), []);
  });
});
