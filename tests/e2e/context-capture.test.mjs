// The 数据中心 id is read from getUserLanguage.do however the console asks for it,
// and the console's own request is left exactly as it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, newTab, popupFor, popupShowing, readPopup, startServerAndBrowser, waitForState } from '../../tools/driver/browser.mjs';
import { addConsole, expectedValues, frameOnLoad, scriptPage, userLanguageBody } from './context-fixtures.mjs';

describe('reading the 数据中心 id from getUserLanguage.do', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('an answer fetched through XMLHttpRequest gives the id', async () => {
    const accountId = '1742050739649250401';
    const { prefix, consoleUrl } = addConsole(server, 'xhr', {
      body: userLanguageBody(accountId),
      script: `const xhr = new XMLHttpRequest();
        xhr.open('GET', 'auth/getUserLanguage.do?_=' + Date.now());
        xhr.onload = () => { window.received = xhr.responseText; };
        xhr.send();`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    assert.equal(await page.evaluate(() => window.received), userLanguageBody(accountId));
    await closeAll(popup, page);
  });

  test("an XMLHttpRequest with responseType 'json' still gives all 19 digits", async () => {
    // The page's parsed object has lost the last digits (a JS number), so the helper must not
    // take the id from it.
    const accountId = '1742050739649250403';
    const { prefix, consoleUrl } = addConsole(server, 'xhr-json', {
      body: userLanguageBody(accountId),
      script: `const xhr = new XMLHttpRequest();
        xhr.open('GET', 'auth/getUserLanguage.do');
        xhr.responseType = 'json';
        xhr.onload = () => { window.received = String(xhr.response.data.accountId); };
        xhr.send();`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    assert.notEqual(await page.evaluate(() => window.received), accountId, 'the page itself sees a rounded number');
    await closeAll(popup, page);
  });

  test('a 19-digit id written as a bare JSON number comes out digit-exact', async () => {
    const accountId = '1742050739649250399';
    assert.notEqual(String(Number(accountId)), accountId, 'a JS number would round this id');
    const { prefix, consoleUrl } = addConsole(server, 'bare-number', {
      body: userLanguageBody(accountId),
      script: "fetch('auth/getUserLanguage.do').then((r) => r.json());",
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('an id nested deep inside the JSON is found', async () => {
    const accountId = '1742050739649250405';
    const body = `{"code":0,"result":{"items":[{"meta":{"ctx":{"session":{"user":"张三","accountId":"${accountId}"}}}}]}}`;
    const { prefix, consoleUrl } = addConsole(server, 'nested', {
      body,
      script: "fetch('auth/getUserLanguage.do').then((r) => r.text());",
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('the id is still seen when the page wraps fetch again after loading', async () => {
    const accountId = '1742050739649250407';
    const { prefix, consoleUrl } = addConsole(server, 'rewrapped', {
      body: userLanguageBody(accountId),
      script: `window.addEventListener('load', () => {
          const inner = window.fetch;
          window.fetch = function wrapped(...args) { return inner.apply(this, args).then((r) => r); };
          window.fetch('auth/getUserLanguage.do?_=' + Date.now()).then((r) => r.text()).then((t) => { window.received = t; });
        });`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    assert.equal(await page.evaluate(() => window.received), userLanguageBody(accountId));
    await closeAll(popup, page);
  });

  test('the id is still seen when a page wrapper consumes the body at once', async () => {
    const accountId = '1742050739649250408';
    const { prefix, consoleUrl } = addConsole(server, 'consuming-wrapper', {
      body: userLanguageBody(accountId),
      script: `const inner = window.fetch;
        window.fetch = async (...args) => { const r = await inner(...args); return new Response(await r.text(), r); };
        fetch('auth/getUserLanguage.do').then((r) => r.text()).then((t) => { window.received = t; });`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    assert.equal(await page.evaluate(() => window.received), userLanguageBody(accountId));
    await closeAll(popup, page);
  });

  test('an answer from another origin is ignored, the console’s own answer after it counts', async () => {
    const foreignId = '1742050739649250409';
    const ownId = '1742050739649250410';
    // The same server seen as localhost is another origin; it allows the cross-origin read.
    server.fixtures.set('/cross/remote/getUserLanguage.do', {
      type: 'application/json', body: userLanguageBody(foreignId), headers: { 'Access-Control-Allow-Origin': '*' },
    });
    const { prefix, consoleUrl } = addConsole(server, 'cross', {
      body: userLanguageBody(ownId),
      delayMs: 2500,
      csp: `default-src 'self'; script-src 'self'; connect-src 'self' ${server.otherOrigin}`,
      script: `fetch(${JSON.stringify(`${server.otherOrigin}/cross/remote/getUserLanguage.do`)})
          .then((r) => r.text()).then((t) => { window.foreign = t; })
          .then(() => fetch('auth/getUserLanguage.do'));`,
    });
    const page = await newTab(browser, consoleUrl);
    await page.waitForFunction(() => window.foreign !== undefined);
    assert.equal(await page.evaluate(() => window.foreign), userLanguageBody(foreignId), 'the page did get the foreign answer');
    const popup = await popupShowing(browser, page, 'waiting');
    await waitForState(popup, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, ownId) });
    await closeAll(popup, page);
  });

  test('an answer without an id (before login) does not block the real one after it', async () => {
    const accountId = '1742050739649250411';
    const { prefix, consoleUrl } = addConsole(server, 'refused-first', {
      body: userLanguageBody(accountId),
      pages: {
        'pre/getUserLanguage.do': { type: 'application/json', body: '{"status":"fail","errorCode":"401","data":null}' },
      },
      script: "fetch('pre/getUserLanguage.do').then((r) => r.text()).then(() => fetch('auth/getUserLanguage.do'));",
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('an oversized answer is skipped and reaches the page whole', async () => {
    const hugeId = '1742050739649250412';
    const ownId = '1742050739649250413';
    const huge = `{"data":{"accountId":"${hugeId}","pad":"${'x'.repeat(600 * 1024)}"}}`;
    const { prefix, consoleUrl } = addConsole(server, 'oversized', {
      body: userLanguageBody(ownId),
      pages: { 'big/getUserLanguage.do': { type: 'application/json', body: huge } },
      script: `fetch('big/getUserLanguage.do').then((r) => r.text())
          .then((t) => { window.hugeLength = t.length; return fetch('auth/getUserLanguage.do'); });`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, ownId) });
    assert.equal(await page.evaluate(() => window.hugeLength), huge.length);
    await closeAll(popup, page);
  });

  test('an answer requested from a frame of the console counts for the console', async () => {
    const accountId = '1742050739649250414';
    const { prefix, consoleUrl } = addConsole(server, 'framed', {
      body: userLanguageBody(accountId),
      script: frameOnLoad('inner/app.html'),
      pages: {
        'inner/app.html': scriptPage('app.js'),
        'inner/app.js': { type: 'text/javascript', body: "fetch('../auth/getUserLanguage.do').then((r) => r.text());" },
      },
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test("an answer fetched with a borrowed about:blank frame's fetch counts for the console", async () => {
    // Pages borrow a fresh frame's fetch to get one no wrapper has touched.
    const accountId = '1742050739649250417';
    const { prefix, consoleUrl } = addConsole(server, 'borrowed-fetch', {
      body: userLanguageBody(accountId),
      script: `document.addEventListener('DOMContentLoaded', () => {
          const frame = document.createElement('iframe');
          frame.style.display = 'none';
          document.body.append(frame);
          frame.contentWindow.fetch('auth/getUserLanguage.do').then((r) => r.text());
        });`,
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test("the page's own fetch and XHR get the server's bytes unchanged, at once, with the body unread", async () => {
    const body = '\uFEFF{"status":"success","data":{"accountId":1742050739649250415,'
      + '"big":123456789012345678901234567890,"float":1.10,"note":"发票\\u2028 \\"quoted\\" ☃ \u2028","list":[ 1 ,2 ]}}\n';
    const { consoleUrl } = addConsole(server, 'identical', {
      body,
      headers: { 'X-Marker': 'kept' },
      script: `window.results = (async () => {
          const r = await fetch('auth/getUserLanguage.do');
          const untouched = !r.bodyUsed && r.status === 200 && r.headers.get('x-marker') === 'kept';
          const bytes = Array.from(new Uint8Array(await r.arrayBuffer()));
          const text = await fetch('auth/getUserLanguage.do').then((x) => x.text());
          const streamed = await fetch('auth/getUserLanguage.do').then(async (x) => {
            const reader = x.body.getReader(); const parts = [];
            for (;;) { const { done, value } = await reader.read(); if (done) break; parts.push(...value); }
            return parts;
          });
          const xhrText = await new Promise((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.open('GET', 'auth/getUserLanguage.do');
            xhr.onload = () => resolve(xhr.responseText);
            xhr.send();
          });
          return { untouched, bytes, text, streamed, xhrText };
        })();`,
    });
    const page = await newTab(browser, consoleUrl);
    const results = await page.evaluate(() => window.results);
    const expectedBytes = Array.from(Buffer.from(body, 'utf8'));
    assert.equal(results.untouched, true);
    assert.deepEqual(results.bytes, expectedBytes);
    assert.deepEqual(results.streamed, expectedBytes);
    assert.equal(results.text, body.slice(1), 'text() drops only the BOM, as the standard says');
    assert.equal(results.xhrText, body.slice(1));
    await page.close();
  });

  test('the id of a console under another path prefix on the same host is kept apart', async () => {
    const a = addConsole(server, 'tenant-a', {
      body: userLanguageBody('1742050739649250416'),
      script: "fetch('auth/getUserLanguage.do');",
    });
    const b = addConsole(server, 'tenant-b', { script: '/* never asks */' });
    const first = await popupFor(browser, a.consoleUrl);
    assert.equal(first.values.accountId, '1742050739649250416');
    const second = await popupFor(browser, b.consoleUrl, 'waiting');
    assert.deepEqual(second.values, { state: 'waiting', ...expectedValues(b.prefix, '') });
    await closeAll(first.popup, first.page, second.popup, second.page);
  });
});
