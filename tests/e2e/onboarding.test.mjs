// First run: installing the helper opens the onboarding page with its three steps; the toolbar
// badge says when a console is recognised and how many forms on the page can be filled; the
// fill-form shortcut (manifest `commands`), relayed by the worker, runs 填充 on the page's bar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, launchBrowser, newTab, startServer, tabIdFor } from '../../tools/driver/browser.mjs';
import { idleBar, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import { CALLBACK_MENU, loginToDemoConsole, openFromMenu } from '../../tools/driver/demo-steps.mjs';

const ONBOARDING = 'onboarding/onboarding.html';

describe('first run', () => {
  let browser, server;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ uiLanguage: 'zh_CN' });
  });
  after(() => closeAll(browser, server));

  test('installing opens the onboarding page: three steps to enable the helper on a console', async () => {
    const isOnboarding = (p) => p.url().endsWith(ONBOARDING);
    const page = browser.context.pages().find(isOnboarding)
      ?? await browser.context.waitForEvent('page', { predicate: isOnboarding, timeout: 10_000 });
    await page.waitForSelector('html[data-ready="true"]');
    const steps = await page.$$eval('[data-testid="onboarding-steps"] > li', (els) => els.map((e) => e.textContent.trim()));
    assert.equal(steps.length, 3);
    assert.match(steps[0], /控制台/);
    assert.match(steps[1], /允许访问此站点/);
    assert.match(steps[2], /重新加载/);
    assert.match(await page.locator('[data-role="shortcut"]').textContent(), /Alt\+Shift\+F/);
    await page.close();
  });

  test('the manifest declares the fill shortcut Alt+Shift+F', async () => {
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.commands?.['fill-form']?.suggested_key?.default, 'Alt+Shift+F');
  });

  const badgeOf = (tabId) => browser.worker.evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
  }), tabId);

  async function waitForBadge(tabId, wanted) {
    let badge;
    for (let i = 0; i < 100; i += 1) {
      badge = await badgeOf(tabId);
      if (wanted(badge.text)) return badge;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`badge stayed ${JSON.stringify(badge)}`);
  }

  test('the badge: nothing off a console, ✓ on a recognised console, the count of fillable forms on a form', async () => {
    server.fixtures.set('/plain.html', { body: '<!doctype html><title>plain</title><p>not a console</p>' });
    const plain = await newTab(browser, `${server.origin}/plain.html`);
    const page = await browser.context.newPage();
    try {
      const plainTab = await tabIdFor(browser.worker, plain);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await badgeOf(plainTab)).text, '');

      await loginToDemoConsole(page, server.origin);
      const tabId = await tabIdFor(browser.worker, page);
      const ready = await waitForBadge(tabId, (text) => text === '✓');
      assert.match(ready.title, /已识别控制台/);
      await openFromMenu(page, CALLBACK_MENU);
      await waitForBar(page);
      const forms = await waitForBadge(tabId, (text) => /^\d+$/.test(text));
      assert.equal(forms.text, '1');
      assert.match(forms.title, /可填充/);
    } finally {
      await closeAll(page, plain);
    }
  });

  test('the fill shortcut, as the worker relays it, runs 填充 on the bar; a page cannot send it', async () => {
    const page = await browser.context.newPage();
    try {
      await loginToDemoConsole(page, server.origin);
      await openFromMenu(page, CALLBACK_MENU);
      await waitForBar(page);
      await idleBar(page);
      // The page's own attempt: window messages and DOM events reach no runtime listener.
      await page.evaluate(() => {
        window.postMessage({ type: 'command-fill' }, '*');
        document.dispatchEvent(new CustomEvent('command-fill'));
      });
      await new Promise((r) => setTimeout(r, 800));
      assert.notEqual((await outcomes(page))['请求地址'], 'filled');
      // What chrome.commands.onCommand does in sw/firstrun.js for Alt+Shift+F.
      const tabId = await tabIdFor(browser.worker, page);
      await browser.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'command-fill' }), tabId);
      for (let i = 0; i < 100 && (await outcomes(page))['请求地址'] !== 'filled'; i += 1) await new Promise((r) => setTimeout(r, 100));
      const after = await outcomes(page);
      assert.equal(after['请求地址'], 'filled');
      assert.equal(after['数据中心id'], 'filled');
    } finally {
      await page.close();
    }
  });
});
