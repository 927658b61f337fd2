// The popup speaks Chinese first. A browser whose UI language is zh_CN shows the
// Chinese messages the implementers read every day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, popupFor, readPopup, startServerAndBrowser, waitForState } from '../../tools/driver/browser.mjs';
import { addConsole, expectedDemoValues, expectedValues, userLanguageBody } from './context-fixtures.mjs';

describe('the popup in a Chinese browser', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await startServerAndBrowser({ uiLanguage: 'zh_CN' })));
  after(() => closeAll(browser, server));

  test('a console still waiting for its id asks, in Chinese, to reload or log in again', async () => {
    const { prefix, consoleUrl } = addConsole(server, 'zh-waiting', {
      body: userLanguageBody('1742050739649250901'),
      script: '/* asks nothing yet */',
    });
    const { page, popup, values } = await popupFor(browser, consoleUrl, 'waiting');
    assert.deepEqual(values, { state: 'waiting', ...expectedValues(prefix, '') });
    assert.equal(
      (await popup.locator('[data-testid="status"] p').textContent()).trim(),
      '请重新加载控制台或重新登录，以便助手读取数据中心 id',
    );
    assert.equal(await popup.getByRole('button', { name: '重新加载页面' }).isVisible(), true);

    // The offered reload is all it takes when the console asks at boot.
    server.fixtures.set('/zh-waiting/page.js', { type: 'text/javascript', body: "fetch('auth/getUserLanguage.do');" });
    await popup.getByRole('button', { name: '重新加载页面' }).click();
    await waitForState(popup, 'ready');
    assert.equal((await readPopup(popup)).accountId, '1742050739649250901');
    await closeAll(popup, page);
  });

  test('the ready popup labels the values and copy buttons in Chinese', async () => {
    const { page, popup, values } = await popupFor(browser, server.consoleUrl);
    assert.deepEqual(values, { state: 'ready', ...expectedDemoValues(server) });
    assert.equal(await popup.title(), '发票云配置助手');
    const labels = await popup.locator('.values .label').allTextContents();
    assert.deepEqual(labels, ['前缀地址', '获取 token 地址（getAppToken.do）', '登录地址（login.do）', '数据中心 id']);
    assert.equal(await popup.locator('.values button', { hasText: '复制' }).count(), 4);
    await closeAll(popup, page);
  });
});
