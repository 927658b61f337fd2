// Each page in both languages, with a fresh profile per language (Chromium --lang and LANGUAGE):
// the popup, the options, the onboarding page and the side panel (when the manifest has one),
// and the standalone page by the browser's language. A page fails on a missing message: an
// element marked for a message left empty, or a message key showing instead of its text; and
// on a shown control a keyboard cannot reach or that has no accessible name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { closeAll, launchBrowser, newTab, repoRoot, startServer, tabIdFor } from '../../tools/driver/browser.mjs';

const KEYS = Object.keys(JSON.parse(readFileSync(join(repoRoot, 'extension/_locales/zh_CN/messages.json'), 'utf8')));
const PREFIXES = [...new Set(KEYS.map((k) => k.split('_')[0]))];
const CJK = /[\u4e00-\u9fff]/;

/** What is wrong with the page's strings: empty marked elements and keys showing as text. */
async function missingMessages(page) {
  return page.evaluate(({ keys, prefixes }) => {
    const problems = [];
    const keyShaped = new RegExp(`\\b(?:${prefixes.join('|')})_[a-z0-9_]+\\b`, 'g');
    for (const node of document.querySelectorAll('[data-i18n]')) {
      if (!node.textContent.trim() && node.tagName !== 'TITLE') problems.push(`empty: ${node.dataset.i18n}`);
    }
    for (const [attr, data] of [['aria-label', 'i18nLabel'], ['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle']]) {
      for (const node of document.querySelectorAll(`[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`)) {
        if (!node.getAttribute(attr)?.trim()) problems.push(`empty ${attr}: ${node.dataset[data]}`);
      }
    }
    const texts = [document.title, document.body.innerText,
      ...[...document.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((n) => [n.getAttribute('aria-label'), n.getAttribute('placeholder'), n.getAttribute('title')])];
    for (const text of texts) {
      for (const match of String(text ?? '').matchAll(keyShaped)) if (keys.includes(match[0])) problems.push(`key shown: ${match[0]}`);
    }
    return problems;
  }, { keys: KEYS, prefixes: PREFIXES });
}

/** Shown controls a keyboard user cannot reach, or that have no accessible name. */
function unreachableOrUnnamed(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, select, textarea, input, a[href]')]
    .filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0)
    .filter((el) => {
      const name = el.getAttribute('aria-label') || el.labels?.[0]?.textContent.trim()
        || (el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby'))?.textContent.trim())
        || ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent.trim());
      return !name || el.tabIndex < 0;
    })
    .map((el) => el.outerHTML.slice(0, 100)));
}

for (const [uiLanguage, lang] of [['zh_CN', 'zh'], ['en', 'en']]) {
  describe(`extension pages in ${uiLanguage}`, () => {
    let browser, server;
    before(async () => {
      server = await startServer();
      browser = await launchBrowser({ uiLanguage });
    });
    after(() => closeAll(browser, server));

    const pageAt = async (path) => {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      return page;
    };

    const check = async (page, name) => {
      assert.deepEqual(await missingMessages(page), [], `${name} in ${uiLanguage}`);
      assert.deepEqual(await unreachableOrUnnamed(page), [], `${name}: controls without a name or out of the Tab order`);
      const body = await page.evaluate(() => document.body.innerText);
      if (lang === 'zh') assert.match(body, CJK, `${name} speaks Chinese`);
      else assert.match(await page.getAttribute('html', 'lang'), /^en/, `${name} says it is English`);
    };

    test('the popup', async () => {
      server.fixtures.set('/plain.html', { body: '<!doctype html><title>plain</title><p>x</p>' });
      const tab = await newTab(browser, server.consoleUrl);
      const popup = await pageAt(`popup/popup.html?tab=${await tabIdFor(browser.worker, tab)}`);
      try {
        await popup.locator('[data-testid="status"][data-state]').waitFor();
        await popup.waitForTimeout(300);
        await check(popup, 'popup');
      } finally {
        await closeAll(popup, tab);
      }
    });

    test('the options page', async () => {
      const page = await pageAt('options/options.html');
      try {
        await page.waitForSelector('html[data-ready="true"]');
        await check(page, 'options');
      } finally {
        await page.close();
      }
    });

    test('the onboarding page', async () => {
      const page = await pageAt('onboarding/onboarding.html');
      try {
        await page.waitForSelector('html[data-ready="true"]');
        await check(page, 'onboarding');
      } finally {
        await page.close();
      }
    });

    test('the side panel, when the manifest has one', async (t) => {
      const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
      const path = manifest.side_panel?.default_path;
      if (!path) return t.skip('no side panel in this build');
      const tab = await newTab(browser, server.consoleUrl);
      const page = await pageAt(`${path}?tab=${await tabIdFor(browser.worker, tab)}`);
      try {
        await page.waitForTimeout(800);
        await check(page, 'side panel');
      } finally {
        await closeAll(page, tab);
      }
    });
  });
}

describe('the standalone page in both languages', () => {
  let browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROME || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(() => browser?.close());

  for (const [locale, lang] of [['zh-CN', 'zh'], ['en-US', 'en']]) {
    test(`navigator.language ${locale}`, async () => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      try {
        await page.goto(pathToFileURL(join(repoRoot, 'dist/standalone/index.html')).href);
        await page.waitForSelector('html[data-ready="true"]');
        assert.deepEqual(await missingMessages(page), []);
        assert.deepEqual(await unreachableOrUnnamed(page), []);
        assert.match(await page.getAttribute('html', 'lang'), new RegExp(`^${lang}`));
        await page.selectOption('[data-testid="product"]', 'cosmic-6');
        await page.waitForTimeout(300);
        assert.deepEqual(await missingMessages(page), [], 'with the checklist shown');
      } finally {
        await context.close();
      }
    });
  }
});
