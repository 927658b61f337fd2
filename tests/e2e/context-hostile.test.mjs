// The console page is hostile. Whatever it posts, dispatches or patches, the 数据中心 id
// stays the one its own server answered, and the page keeps working.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, newTab, popupShowing, readPopup, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { addConsole, expectedValues, userLanguageBody } from './context-fixtures.mjs';

const FORGED_ID = '1742050739649250666';

/**
 * Page code that throws every forgery it can think of at the helper: postMessage in the
 * shapes the helper uses, CustomEvents with the helper's event names on every reachable
 * target, a replay of the hook's payload with the id swapped, and the same blown up to 8 MB.
 */
const FORGE = `
  function forge(tag) {
    const url = location.origin + location.pathname.replace(/[^/]*$/, '') + 'auth/getUserLanguage.do';
    const body = ${JSON.stringify(userLanguageBody(FORGED_ID))};
    const payload = JSON.stringify({ url, body });
    const huge = JSON.stringify({ url, body: body + ' '.repeat(8 * 1024 * 1024) });
    const names = ['fapiao-helper:user-language', 'fapiao-helper:hello', 'fapiao-helper:ack', 'user-language', 'message'];
    for (const detail of [payload, huge, { url, body }]) {
      for (const target of [window, document, document.documentElement]) {
        for (const name of names) target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
      }
      window.postMessage(detail, '*');
      window.postMessage({ type: 'user-language', requestUrl: url, body }, '*');
      window.postMessage({ source: 'fapiao-helper', type: 'fapiao-helper:user-language', detail }, '*');
    }
    document.body && document.body.setAttribute('data-forged-' + tag, 'yes');
  }
`;

describe('a hostile console page', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  /** Everything the extension keeps for this browser session, as text. */
  const sessionText = () => browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));

  test('forged and oversized messages and events before and after the real answer change nothing and break nothing', async () => {
    const accountId = '1742050739649250601';
    const { prefix, consoleUrl } = addConsole(server, 'forgeries', {
      body: userLanguageBody(accountId),
      script: `${FORGE}
        forge('early');
        document.addEventListener('DOMContentLoaded', async () => {
          forge('before');
          const text = await fetch('auth/getUserLanguage.do').then((r) => r.text());
          forge('after');
          setTimeout(() => { forge('late'); document.body.setAttribute('data-received', text); }, 500);
        });`,
    });
    const page = await newTab(browser, consoleUrl);
    await page.locator('body[data-forged-late="yes"]').waitFor();
    assert.equal(await page.locator('body').getAttribute('data-received'), userLanguageBody(accountId));
    assert.equal(await page.locator('body').getAttribute('data-forged-before'), 'yes', 'the page kept running');

    const popup = await popupShowing(browser, page, 'ready');
    await popup.waitForTimeout(1000); // let any late forgery land, if one could
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    assert.ok(!(await sessionText()).includes(FORGED_ID), 'no forged id was stored anywhere');
    await closeAll(popup, page);
  });

  test('forgeries alone never make a console ready', async () => {
    const { prefix, consoleUrl } = addConsole(server, 'only-forgeries', {
      script: `${FORGE}
        forge('early');
        document.addEventListener('DOMContentLoaded', () => forge('loaded'));
        setTimeout(() => forge('late'), 300);`,
    });
    const page = await newTab(browser, consoleUrl);
    await page.locator('body[data-forged-loaded="yes"]').waitFor();
    const popup = await popupShowing(browser, page, 'waiting');
    await popup.waitForTimeout(1000);
    assert.deepEqual(await readPopup(popup), { state: 'waiting', ...expectedValues(prefix, '') });
    await closeAll(popup, page);
  });

  test('the page cannot join the helper’s channel, even with the helper’s own handshake', async () => {
    const accountId = '1742050739649250602';
    const { prefix, consoleUrl } = addConsole(server, 'handshake', {
      body: userLanguageBody(accountId),
      script: `
        // The earliest a page script can run: try the helper's handshake from both sides.
        const el = document.createElement('fapiao-helper-channel');
        let answered = false;
        el.addEventListener('fapiao-helper:ack', () => { answered = true; });
        document.documentElement.appendChild(el);
        el.dispatchEvent(new CustomEvent('fapiao-helper:hello', { bubbles: true }));
        el.remove();
        const payload = JSON.stringify({ url: location.origin + '/handshake/auth/getUserLanguage.do', body: ${JSON.stringify(userLanguageBody(FORGED_ID))} });
        el.dispatchEvent(new CustomEvent('fapiao-helper:user-language', { detail: payload }));
        document.addEventListener('DOMContentLoaded', () => {
          document.body.setAttribute('data-answered', String(answered));
          fetch('auth/getUserLanguage.do');
        });`,
    });
    const page = await newTab(browser, consoleUrl);
    assert.equal(await page.locator('body').getAttribute('data-answered'), 'false');
    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('built-ins the page patches after the helper started do not reach the helper', async () => {
    const accountId = '1742050739649250603';
    const forgedPayload = JSON.stringify({ url: 'x', body: userLanguageBody(FORGED_ID) });
    const { prefix, consoleUrl } = addConsole(server, 'patched', {
      body: userLanguageBody(accountId),
      script: `
        const leaks = [];
        const realDispatch = EventTarget.prototype.dispatchEvent;
        EventTarget.prototype.dispatchEvent = function (event) { if (event.detail) leaks.push('dispatch'); return realDispatch.call(this, event); };
        const realStringify = JSON.stringify;
        const forgedBody = ${JSON.stringify(userLanguageBody(FORGED_ID))};
        const swap = (v) => (typeof v === 'string' && v.includes('accountId') ? forgedBody
          : v && typeof v === 'object' && 'body' in v ? { ...v, body: forgedBody } : v);
        JSON.stringify = (value, ...rest) => realStringify(swap(value), ...rest);
        Object.defineProperty(Object.prototype, 'detail', { get() { leaks.push('detail'); return ${JSON.stringify(forgedPayload)}; }, configurable: true });
        Object.defineProperty(Object.prototype, 'toJSON', { value() { return { url: 'x', body: 'forged' }; }, configurable: true, writable: true });
        Response.prototype.clone = function () { throw new Error('no clones here'); };
        Response.prototype.text = (() => { const text = Response.prototype.text; return function () { leaks.push('text'); return text.call(this); }; })();
        String.prototype.toLowerCase = function () { return 'nothing'; };
        URL.prototype.constructor = null;
        Promise.prototype.then = (() => { const then = Promise.prototype.then; return function (a, b) { return then.call(this, a, b); }; })();
        XMLHttpRequest.prototype.addEventListener = function () { leaks.push('xhr-listen'); };
        document.addEventListener('DOMContentLoaded', async () => {
          const r = await fetch('auth/getUserLanguage.do');
          const pageText = await new Response(r.body).text();
          document.body.setAttribute('data-received', pageText);
          document.body.setAttribute('data-leaks', leaks.filter((l) => l !== 'text').join(','));
        });`,
    });
    const page = await newTab(browser, consoleUrl);
    await page.locator('body[data-received]').waitFor();
    assert.equal(await page.locator('body').getAttribute('data-received'), userLanguageBody(accountId));
    assert.equal(await page.locator('body').getAttribute('data-leaks'), '', 'the helper used none of the page’s patched built-ins');
    const popup = await popupShowing(browser, page, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('a second answer with another id in the same page load does not replace the first', async () => {
    const firstId = '1742050739649250604';
    const secondId = '1742050739649250605';
    const { prefix, consoleUrl } = addConsole(server, 'second-answer', {
      body: userLanguageBody(firstId),
      pages: { 'other/getUserLanguage.do': { type: 'application/json', body: userLanguageBody(secondId) } },
      script: `fetch('auth/getUserLanguage.do').then((r) => r.text())
          .then(() => new Promise((resolve) => setTimeout(resolve, 300)))
          .then(() => fetch('other/getUserLanguage.do')).then((r) => r.text())
          .then(() => document.body.setAttribute('data-done', 'yes'));`,
    });
    const page = await newTab(browser, consoleUrl);
    await page.locator('body[data-done="yes"]').waitFor();
    const popup = await popupShowing(browser, page, 'ready');
    await popup.waitForTimeout(800);
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, firstId) });
    await closeAll(popup, page);
  });

  test('after a reload the newest answer wins: a user who logs in to another 数据中心 sees its id', async () => {
    let accountId = '1742050739649250606';
    const { prefix, consoleUrl } = addConsole(server, 'relogin', {
      pages: { 'auth/getUserLanguage.do': () => ({ type: 'application/json', body: userLanguageBody(accountId) }) },
      script: "fetch('auth/getUserLanguage.do');",
    });
    const page = await newTab(browser, consoleUrl);
    const popup = await popupShowing(browser, page, 'ready');
    assert.equal((await readPopup(popup)).accountId, '1742050739649250606');

    accountId = '1742050739649250607';
    await page.reload();
    await popup.waitForFunction(
      (id) => document.querySelector('[data-testid="account-id"]').textContent.trim() === id,
      accountId,
    );
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });
});
