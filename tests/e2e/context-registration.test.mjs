// In the production build nothing runs on a site until it is granted; a granted site
// gets the content scripts registered dynamically. Granting needs a person at the browser's
// prompt, so this file loads a copy of dist/extension whose manifest already holds the grant
// (the worker sees it exactly as a grant: chrome.permissions.getAll()) and the `tabs`
// permission that a toolbar click (activeTab) would give the popup for that tab.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { closeAll, copyBuild, popupFor, repoRoot, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { addConsole, expectedValues, resolveUngranted, UNGRANTED_HOST, userLanguageBody } from './context-fixtures.mjs';

describe('the production build', () => {
  let server;
  let browser;
  let copy;
  before(async () => {
    copy = await copyBuild('dist/extension', (manifest) => {
      manifest.host_permissions = [`http://${UNGRANTED_HOST}/*`];
      manifest.permissions = [...manifest.permissions, 'tabs'];
    });
    ({ server, browser } = await startServerAndBrowser({ extensionDir: copy, args: [resolveUngranted] }));
  });
  after(async () => {
    await closeAll(browser, server);
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  test('its manifest names no host and declares no content scripts', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'dist/extension/manifest.json'), 'utf8'));
    assert.equal(manifest.host_permissions, undefined);
    assert.equal(manifest.content_scripts, undefined);
    assert.deepEqual(manifest.optional_host_permissions, ['http://*/*', 'https://*/*']);
  });

  test('a granted site gets the content scripts registered for it, and its console becomes ready', async () => {
    await browser.worker.evaluate(async () => {
      // onInstalled registers asynchronously; wait until it has.
      for (let i = 0; i < 50 && (await chrome.scripting.getRegisteredContentScripts()).length < 2; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const registered = await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(
      registered.map(({ id, world, runAt, allFrames, matches, js }) => ({ id, world, runAt, allFrames, matches, first: js[0] })),
      [
        { id: 'fapiao-helper-main-hook', world: 'MAIN', runAt: 'document_start', allFrames: true, matches: [`http://${UNGRANTED_HOST}/*`], first: 'content/main-hook.js' },
        { id: 'fapiao-helper-isolated', world: 'ISOLATED', runAt: 'document_start', allFrames: true, matches: [`http://${UNGRANTED_HOST}/*`], first: 'content/context-agent.js' },
      ],
    );

    const accountId = '1742050739649250801';
    addConsole(server, 'granted', {
      body: userLanguageBody(accountId),
      script: "fetch('auth/getUserLanguage.do');",
    });
    const prefix = `http://${UNGRANTED_HOST}:${server.port}/granted/`;
    const { page, popup, values } = await popupFor(browser, `${prefix}index.html?formId=pc_main_console`);
    assert.deepEqual(values, { state: 'ready', ...expectedValues(prefix, accountId) });
    await closeAll(popup, page);
  });

  test('a console on a site not granted shows no-access with its values and a button asking for that site', async () => {
    const { prefix, consoleUrl } = addConsole(server, 'not-granted', {
      body: userLanguageBody('1742050739649250802'),
      script: "fetch('auth/getUserLanguage.do');",
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl, 'no-access');
    assert.deepEqual(values, { state: 'no-access', ...expectedValues(prefix, '') });
    const button = popup.getByTestId('request-access');
    assert.equal(await button.isVisible(), true);
    assert.match(await button.textContent(), /允许访问此站点|Allow access to this site/);
    await closeAll(popup, page);
  });
});
