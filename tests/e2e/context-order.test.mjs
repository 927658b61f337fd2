// The hook (MAIN world) and the agent (ISOLATED world) find each other whichever
// Chrome injects first. The test build injects the hook first; this file loads a copy whose
// manifest lists the isolated scripts first, and the channel must still carry the answer.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { closeAll, copyBuild, popupFor, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { addConsole, expectedDemoValues, expectedValues, frameOnLoad, scriptPage, userLanguageBody } from './context-fixtures.mjs';

describe('the isolated world injected before the main world', () => {
  let server;
  let browser;
  let copy;
  before(async () => {
    copy = await copyBuild('dist/extension-e2e', (manifest) => {
      const worlds = manifest.content_scripts.map((entry) => entry.world ?? 'ISOLATED');
      assert.deepEqual(worlds, ['MAIN', 'ISOLATED'], 'the test build injects the hook first');
      manifest.content_scripts.reverse();
    });
    ({ server, browser } = await startServerAndBrowser({ extensionDir: copy }));
  });
  after(async () => {
    await closeAll(browser, server);
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  test('the demo console still shows its 数据中心 id', async () => {
    const { page, popup, values } = await popupFor(browser, server.consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedDemoValues(server) });
    await closeAll(popup, page);
  });

  test('an XHR answer in a frame still gives the id', async () => {
    const accountId = '1742050739649251001';
    const { prefix, consoleUrl } = addConsole(server, 'order-frame', {
      body: userLanguageBody(accountId),
      script: frameOnLoad('inner.html'),
      pages: {
        'inner.html': scriptPage('inner.js'),
        'inner.js': {
          type: 'text/javascript',
          body: "const x = new XMLHttpRequest(); x.open('GET', 'auth/getUserLanguage.do'); x.send();",
        },
      },
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });
});
