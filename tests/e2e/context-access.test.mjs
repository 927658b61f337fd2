// Host access is optional and per site. The test build grants only the loopback
// hosts; a console anywhere else gets no content script and says `no-access`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, newTab, popupShowing, readPopup, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { addConsole, resolveUngranted, UNGRANTED_HOST, userLanguageBody } from './context-fixtures.mjs';

describe('host access in the test build', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await startServerAndBrowser({ args: [resolveUngranted] })));
  after(() => closeAll(browser, server));

  test('a console on a site without host access shows no-access and learns nothing', async () => {
    addConsole(server, 'elsewhere', {
      body: userLanguageBody('1742050739649250701'),
      script: "fetch('auth/getUserLanguage.do').then((r) => r.text()).then((t) => { document.title = t.length; });",
    });
    const page = await newTab(browser, `http://${UNGRANTED_HOST}:${server.port}/elsewhere/index.html?formId=pc_main_console`);
    await page.waitForFunction(() => Number(document.title) > 0);

    const popup = await popupShowing(browser, page, 'no-access');
    assert.equal((await readPopup(popup)).accountId, '');
    assert.match(await popup.getByTestId('status').textContent(), /权限|access/);
    const stored = await browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
    assert.ok(!stored.includes('1742050739649250701'), 'no content script ran there');
    await closeAll(popup, page);
  });

  test('the loopback hosts the test build grants get no second, dynamic copy of the scripts', async () => {
    // Static content_scripts cover them; registering again would inject every hook twice.
    const registered = await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered, []);
    const granted = await browser.worker.evaluate(() => chrome.permissions.getAll());
    assert.deepEqual([...granted.origins].sort(), ['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
