// Issue 4: the hook (MAIN world) and the agent (ISOLATED world) find each other whichever
// Chrome injects first. The test build injects the hook first; this file loads a copy whose
// manifest lists the isolated scripts first, and the channel must still carry the answer.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPopup, readPopup, repoRoot, startServer, waitForState } from './harness.mjs';
import { addConsole, DEMO_ACCOUNT_ID, expectedValues, userLanguageBody } from './context-fixtures.mjs';

describe('the isolated world injected before the main world', () => {
  let server;
  let browser;
  let copy;
  before(async () => {
    server = await startServer();
    copy = await mkdtemp(join(tmpdir(), 'fapiao-helper-order-'));
    await cp(join(repoRoot, 'dist/extension-e2e'), copy, { recursive: true });
    const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
    const worlds = manifest.content_scripts.map((entry) => entry.world ?? 'ISOLATED');
    assert.deepEqual(worlds, ['MAIN', 'ISOLATED'], 'the test build injects the hook first');
    manifest.content_scripts.reverse();
    await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
    browser = await launchBrowser({ extensionDir: copy });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  test('the demo console still shows its 数据中心 id', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.consoleUrl);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    assert.deepEqual(await readPopup(popup), {
      state: 'ready',
      ...expectedValues(`${server.origin}/ierp/`, DEMO_ACCOUNT_ID),
    });
    await popup.close();
    await page.close();
  });

  test('an XHR answer in a frame still gives the id', async () => {
    const accountId = '1742050739649251001';
    const { prefix, consoleUrl } = addConsole(server, 'order-frame', {
      body: userLanguageBody(accountId),
      script: `document.addEventListener('DOMContentLoaded', () => {
          const frame = document.createElement('iframe');
          frame.src = 'inner.html';
          document.body.append(frame);
        });`,
      pages: {
        'inner.html': { body: '<!doctype html><title>inner</title><script src="inner.js"></script>' },
        'inner.js': {
          type: 'text/javascript',
          body: "const x = new XMLHttpRequest(); x.open('GET', 'auth/getUserLanguage.do'); x.send();",
        },
      },
    });
    const page = await browser.context.newPage();
    await page.goto(consoleUrl);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'ready');
    assert.deepEqual(await readPopup(popup), { state: 'ready', ...expectedValues(prefix, accountId) });
    await popup.close();
    await page.close();
  });
});
