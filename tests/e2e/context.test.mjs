// The user's journey: log in to a console, open the helper, copy the four values.
// One browser for the file; every test opens its own tabs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, newTab, popupFor, popupShowing, readPopup, startServerAndBrowser, waitForState } from '../../tools/driver/browser.mjs';
import { addConsole, addPage, DEMO_ACCOUNT_ID, expectedDemoValues, expectedValues, userLanguageBody } from './context-fixtures.mjs';
import { loginToDemoConsole } from '../../tools/driver/demo-steps.mjs';

/** The browser's clipboard, read from a web page granted clipboard-read. */
async function readClipboard(page) {
  await page.context().grantPermissions(['clipboard-read'], { origin: new URL(page.url()).origin });
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('the console context in the popup', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('after logging in to the demo console the popup shows the prefix, both API URLs and the 数据中心 id', async () => {
    const page = await browser.context.newPage();
    await loginToDemoConsole(page, server.origin);

    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedDemoValues(server) });
    assert.equal(DEMO_ACCOUNT_ID, '1742050739649250304');
    await closeAll(popup, page);
  });

  test('each value has a copy button that puts exactly that value on the clipboard', async () => {
    const { page, popup } = await popupFor(browser, server.consoleUrl);
    const expected = expectedDemoValues(server);
    const rows = { prefix: expected.prefix, 'app-token-url': expected.appTokenUrl, 'login-url': expected.loginUrl, 'account-id': expected.accountId };
    for (const [testId, value] of Object.entries(rows)) {
      const button = await popup.getByTestId(testId).locator('..').getByRole('button', { name: /复制|Copy/ }).elementHandle();
      await popup.bringToFront(); // the clipboard serves only the focused document
      await button.click();
      await popup.waitForFunction((b) => /已复制|Copied|失败|failed/.test(b.textContent), button);
      assert.match(await button.textContent(), /已复制|Copied/, testId);
      // The clipboard itself is only readable with a permission extension pages cannot be
      // granted here; read it through the system clipboard of the page under test instead.
      assert.equal(await readClipboard(page), value, testId);
    }
    await closeAll(popup, page);
  });

  test('an id answered only on the login page is remembered for the console page opened after it', async () => {
    const accountId = '1742050739649250311';
    const { prefix, consoleUrl } = addConsole(server, 'login-only', {
      script: '/* this console page never asks getUserLanguage.do */',
      body: userLanguageBody(accountId),
      pages: {
        'login.html': { body: '<!doctype html><title>登录</title><script src="login.js"></script>' },
        'login.js': {
          type: 'text/javascript',
          body: "window.asked = fetch('auth/getUserLanguage.do', { credentials: 'same-origin' }).then((r) => r.text());",
        },
      },
    });
    const page = await newTab(browser, `${prefix}login.html`);
    assert.equal(await page.evaluate(() => window.asked), userLanguageBody(accountId));
    await page.goto(consoleUrl);

    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('an id that arrives seconds late turns waiting into ready without reopening the popup', async () => {
    const accountId = '1742050739649250322';
    const { prefix, consoleUrl } = addConsole(server, 'late', {
      script: "setTimeout(() => fetch('auth/getUserLanguage.do?_=' + Date.now()), 2500);",
      body: userLanguageBody(accountId),
      delayMs: 1000,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl, 'waiting');
    assert.deepEqual(values, { state: 'waiting', ...expectedValues(prefix, '') });
    assert.match(await popup.getByTestId('status').textContent(), /重新加载控制台或重新登录|Reload the console or log in again/);

    await waitForState(popup, 'ready', 15_000);
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('a plain page that is not a console shows not-console and no values', async () => {
    const url = addPage(server, 'plain', 'about.html', 'document.title = "关于";');
    const { page, popup, values } = await popupFor(browser, url, 'not-console');
    assert.deepEqual(values, {
      state: 'not-console', prefix: '', appTokenUrl: '', loginUrl: '', accountId: '',
    });
    await closeAll(popup, page);
  });

  test('the login page itself is not a console', async () => {
    const { page, popup, values } = await popupFor(browser, server.loginUrl, 'not-console');
    assert.equal(values.prefix, '');
    await closeAll(popup, page);
  });

  test('following the tab from the login page to the console, an open popup switches to ready', async () => {
    const { page, popup } = await popupFor(browser, server.loginUrl, 'not-console');
    await page.goto(server.consoleUrl);
    await waitForState(popup, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedDemoValues(server) });
    await closeAll(popup, page);
  });

  test('the remembered id survives the service worker being stopped, as Chrome does when it is idle', async () => {
    const { page, popup: first } = await popupFor(browser, server.consoleUrl);
    await first.close();

    await browser.stopWorker();
    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedDemoValues(server) });
    await closeAll(popup, page);
  });

  test('an answer that comes while the worker is stopped wakes it and is kept', async () => {
    const accountId = '1742050739649250333';
    const { prefix, consoleUrl } = addConsole(server, 'asleep', {
      body: userLanguageBody(accountId),
      script: "fetch('auth/getUserLanguage.do').then((r) => r.text()).then(() => { document.title = 'asked'; });",
    });
    await browser.stopWorker();
    const page = await newTab(browser, consoleUrl);
    await page.waitForFunction(() => document.title === 'asked');
    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('nothing the extension writes to any console carries the 数据中心 id or a stack trace', async () => {
    const leaks = browser.consoleMessages.filter(
      (m) => m.source.startsWith('chrome-extension://') && m.type !== 'debug',
    );
    assert.deepEqual(leaks, []);
  });
});
