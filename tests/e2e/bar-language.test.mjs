// The assistant bar speaks the language chosen in the options, not the browser's: in a Chinese
// browser with English chosen, the bar's own words (its buttons, a row's reason, the fill's
// summary) are English like the core's reasons beside them, so a bar never mixes the two; and
// choosing to follow the browser again turns the open bar back to Chinese, its status line too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BUILD, closeAll, launchBrowser, startServer } from '../../tools/driver/browser.mjs';
import { bar, fill, row, waitForBar } from '../../tools/driver/bar.mjs';
import { CALLBACK_MENU, loginToDemoConsole, openFromMenu } from '../../tools/driver/demo-steps.mjs';

/** Waits until `locator`'s text (trimmed) matches `expected` (a string or RegExp); returns it. */
async function waitForText(locator, expected, what, timeout = 10_000) {
  const matches = (text) => (expected instanceof RegExp ? expected.test(text) : text === expected);
  const deadline = Date.now() + timeout;
  let text = null;
  while (Date.now() < deadline) {
    text = ((await locator.textContent({ timeout: 1000 }).catch(() => null)) ?? '').trim();
    if (matches(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}: ${JSON.stringify(text)}, expected ${expected}`);
}

describe('the bar in the language chosen in the options', () => {
  let browser, server;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ uiLanguage: 'zh_CN', extensionDir: TEST_BUILD });
  });
  after(() => closeAll(browser, server));

  /** Chooses `language` ('' follows the browser) on the options page, as the user does. */
  async function choose(language) {
    const page = await browser.context.newPage();
    try {
      await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
      await page.waitForSelector('html[data-ready="true"]');
      if ((await page.getByTestId('language').inputValue()) === language) return;
      await Promise.all([page.waitForEvent('load'), page.getByTestId('language').selectOption(language)]);
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal((await browser.worker.evaluate(() => chrome.storage.local.get('uiLanguage'))).uiLanguage, language);
    } finally {
      await page.close();
    }
  }

  test('English chosen in a Chinese browser: the bar is English; following the browser again makes it Chinese', async () => {
    assert.match(await browser.worker.evaluate(() => chrome.i18n.getUILanguage()), /^zh/, 'the browser speaks Chinese');
    await choose('en');
    const page = await browser.context.newPage();
    try {
      await loginToDemoConsole(page, server.origin);
      await openFromMenu(page, CALLBACK_MENU);
      const b = await waitForBar(page);
      const fillButton = b.locator('button[data-action="fill"]');

      await waitForText(fillButton, 'Fill', 'the fill button');
      await waitForText(b.locator('button[data-action="undo"]'), 'Undo', 'the undo button');
      await waitForText(b.locator('.title'), /^Fapiao setup helper · /, 'the title');
      await waitForText(row(page, '请求地址').locator('.msg'), 'Ready to fill', 'a row ready to fill');
      // The core's reason beside it is English too (it already followed the option).
      await row(page, '网关').and(page.locator('[data-outcome="no-value"]')).waitFor();
      const reason = await waitForText(row(page, '网关').locator('.msg'), /\S/, 'the 网关 row');
      // (It names the console's own 认证凭证, which stays Chinese.)
      assert.match(reason, /^[A-Za-z]+ [A-Za-z]+/, `an English reason: ${reason}`);

      await fill(page);
      await waitForText(b.locator('.status'), /^Filled \d+ fields$/, 'the fill summary');

      // Back to following the (Chinese) browser: the open bar turns Chinese.
      await choose('');
      await waitForText(fillButton, '填充', 'the fill button after following the browser');
      await waitForText(b.locator('button[data-action="undo"]'), '撤销', 'the undo button after following the browser');
      await waitForText(b.locator('.title'), /^发票云配置助手 · /, 'the title after following the browser');
      // The status line the fill left says the same again, in the language now chosen.
      await waitForText(b.locator('.status'), /^已填充 \d+ 项$/, 'the fill summary after following the browser');
      assert.equal(await bar(page).count(), 1);
    } finally {
      await page.close();
      await choose('').catch(() => {});
    }
  });
});
