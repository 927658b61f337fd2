// The options page: the sites the helper may access, the secret lifetime, the language (which
// the worker's core then writes in), remembering non-secret values across restarts (off by
// default) and 清除全部数据 — each as the user does it, checked through the extension's storage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, launchBrowser, newTab, openPopup, startServer } from '../../tools/driver/browser.mjs';

describe('options page', () => {
  let browser, server;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ uiLanguage: 'zh_CN' });
  });
  after(() => closeAll(browser, server));

  async function openOptions() {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
    await page.waitForSelector('html[data-ready="true"]');
    return page;
  }

  const local = (keys) => browser.worker.evaluate((k) => chrome.storage.local.get(k), keys);

  test('the manifest names it as the options page', async () => {
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.options_ui?.page, 'options/options.html');
  });

  test('lists the sites the helper may access, each with a revoke button; a revoke the browser refuses is said', async () => {
    const page = await openOptions();
    try {
      const { origins } = await browser.worker.evaluate(() => chrome.permissions.getAll());
      const listed = await page.$$eval('[data-testid="site"]', (els) => els.map((e) => e.dataset.origin));
      assert.deepEqual(listed.sort(), origins.filter((o) => /^https?:/.test(o)).sort());
      assert.ok(listed.length > 0, 'the test build holds its loopback hosts');
      // The test build's hosts are required ones, which Chrome does not let an extension drop.
      const first = page.locator('[data-testid="site"]').first();
      await first.getByRole('button', { name: /撤销/ }).click();
      await page.locator('[data-testid="options-status"][data-state="error"]').waitFor();
      assert.equal(await page.locator('[data-testid="site"]').count(), listed.length);
    } finally {
      await page.close();
    }
  });

  test('the secret lifetime is stored as the worker reads it', async () => {
    const page = await openOptions();
    try {
      assert.equal(await page.getByTestId('secret-ttl').inputValue(), '30');
      await page.getByTestId('secret-ttl').selectOption('60');
      await page.locator('[data-testid="options-status"][data-state="ok"]').waitFor();
      assert.equal((await local('secretTtlMinutes')).secretTtlMinutes, 60);
    } finally {
      await page.close();
    }
  });

  test('remembering non-secret values across restarts is off until ticked; then the context is copied, never a secret', async () => {
    const page = await openOptions();
    try {
      assert.equal(await page.getByTestId('remember-context').isChecked(), false);
      await browser.worker.evaluate(() => chrome.storage.session.set({
        'obs:https://erp.example.com': [{ origin: 'https://erp.example.com', requestPath: '/ierp/getUserLanguage.do', pageDir: '/ierp/', accountId: '1742050739649250304' }],
      }));
      await page.getByTestId('remember-context').check();
      await page.locator('[data-testid="options-status"][data-state="ok"]').waitFor();
      assert.equal((await local('rememberContext')).rememberContext, true);
      const copy = async () => (await local('remembered:obs:https://erp.example.com'))['remembered:obs:https://erp.example.com'];
      for (let i = 0; i < 50 && !(await copy()); i += 1) await new Promise((r) => setTimeout(r, 100));
      assert.equal((await copy())?.[0]?.accountId, '1742050739649250304');
      const everything = JSON.stringify(await local(null));
      assert.doesNotMatch(everything, /secret:|cred:/, 'no secret in local storage');
      await page.getByTestId('remember-context').uncheck();
      for (let i = 0; i < 50 && (await copy()); i += 1) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await copy(), undefined, 'turned off, the copy is forgotten');
    } finally {
      await page.close();
    }
  });

  test('清除全部数据 forgets secrets, pasted credentials, context and progress', async () => {
    const console = await newTab(browser, server.consoleUrl);
    const popup = await openPopup(browser.context, browser.extensionId, console);
    const page = await openOptions();
    try {
      await popup.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 15_000 });
      await browser.worker.evaluate(() => chrome.storage.session.set({ 'progress:https://erp.example.com/ierp/': { done: ['business-unit'] } }));
      await page.getByTestId('clear-everything').click();
      await page.locator('[data-testid="options-status"][data-state="ok"]').waitFor();
      const session = await browser.worker.evaluate(() => chrome.storage.session.get(null));
      const left = Object.keys(session).filter((k) => /^(obs:|progress|secret:|cred:)/.test(k));
      assert.deepEqual(left, []);
    } finally {
      await closeAll(page, popup, console);
    }
  });

  test('choosing English makes the pages and the worker speak English in a Chinese browser', async () => {
    const page = await openOptions();
    try {
      assert.match(await page.locator('h1').textContent(), /设置/);
      await Promise.all([page.waitForEvent('load'), page.getByTestId('language').selectOption('en')]);
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.locator('h1').textContent(), 'Fapiao setup helper · Options');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      // The popup's own strings (chrome.i18n) and the worker's core now speak English too.
      const tab = await newTab(browser, server.consoleUrl);
      const consolePopup = await openPopup(browser.context, browser.extensionId, tab);
      try {
        await consolePopup.getByTestId('paste-read').waitFor();
        assert.equal(await consolePopup.locator('h1').textContent(), 'Fapiao Cloud Setup Helper');
        assert.equal((await consolePopup.getByTestId('paste-read').textContent()).trim(), 'Read');
      } finally {
        await closeAll(consolePopup, tab);
      }
      // The worker's core: a page that is no console.
      server.fixtures.set('/plain.html', { body: '<!doctype html><title>plain</title><p>not a console</p>' });
      const other = await newTab(browser, `${server.origin}/plain.html`);
      const popup = await openPopup(browser.context, browser.extensionId, other);
      try {
        const status = popup.getByTestId('status');
        await status.and(popup.locator('[data-state="not-console"]')).waitFor();
        await popup.waitForFunction(() => document.querySelector('[data-testid="status"] [data-role="message"]').textContent.trim().length > 0);
        const text = await status.locator('[data-role="message"]').textContent();
        assert.doesNotMatch(text, /[\u4e00-\u9fff]{3}/, `an English status: ${text}`);
      } finally {
        await closeAll(popup, other);
      }
    } finally {
      // Back to following the browser, as the user would.
      await page.getByTestId('language').selectOption('').catch(() => {});
      await page.close();
    }
  });

  test('every control is reachable by keyboard, named and visibly focused', async () => {
    const page = await openOptions();
    try {
      const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input')]
        .filter((el) => !(el.getAttribute('aria-label') || el.labels?.[0]?.textContent.trim() || (el.tagName === 'BUTTON' && el.textContent.trim())) || el.tabIndex < 0)
        .map((el) => el.outerHTML.slice(0, 80)));
      assert.deepEqual(unnamed, []);
      const reached = new Set();
      for (let i = 0; i < 20; i += 1) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => ({ id: document.activeElement?.dataset?.testid, outline: getComputedStyle(document.activeElement).outlineStyle }));
        if (info.id) {
          reached.add(info.id);
          assert.notEqual(info.outline, 'none', `${info.id} shows its focus`);
        }
      }
      for (const id of ['revoke-site', 'secret-ttl', 'language', 'remember-context', 'clear-everything']) assert.ok(reached.has(id), `Tab reaches ${id}`);
    } finally {
      await page.close();
    }
  });
});
