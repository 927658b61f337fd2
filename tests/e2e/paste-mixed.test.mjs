// A forwarded e-mail thread holding both the 授权邮件 and a 获取token示例, pasted at once: the
// popup keeps both parts — the enterprise's credentials, and the sample's console context and
// app secret — instead of reading the thread as one kind and dropping the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, openPopup, readPopup, startServerAndBrowser, TEST_BUILD, waitForState } from '../../tools/driver/browser.mjs';
import { addConsole } from './context-fixtures.mjs';
import { waitForHeld } from './secrets-console.mjs';
import { APP_SECRET, MAIL_ONE, ONE, TOKEN_ACCOUNT_ID, credential, enterprises, paste, tokenSample, waitForCredential } from './paste-fixtures.mjs';

describe('a mail and a 获取token示例 pasted together', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser({ extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('the enterprise is held and the console becomes ready from the sample', async () => {
    const tok = addConsole(server, 'thread', { script: '' });
    const page = await newTab(browser, tok.consoleUrl);
    const popup = await openPopup(browser.context, browser.extensionId, page);
    await waitForState(popup, 'waiting');

    const thread = `${tokenSample(tok.prefix)}\n\n-------- 转发的邮件 --------\n${MAIL_ONE}`;
    const result = await paste(popup, thread);
    assert.equal(result.state, 'ok', result.text);

    // The mail's part: its enterprise and credentials.
    await waitForCredential(popup, 'credential-client-secret');
    const shown = await enterprises(popup);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].taxId, ONE.taxId);
    assert.deepEqual(await credential(popup, 'credential-client-id'), { held: 'true', text: ONE.clientId });

    // The sample's part: the console's context and the app secret as the AccessToken key.
    await waitForState(popup, 'ready');
    const values = await readPopup(popup);
    assert.equal(values.prefix, tok.prefix);
    assert.equal(values.accountId, TOKEN_ACCOUNT_ID);
    await waitForHeld(popup, 'secret-access-key');
    const key = (await popup.getByTestId('secret-access-key').textContent()).trim();
    assert.ok(key.endsWith(APP_SECRET.slice(-4)) && !key.includes(APP_SECRET), key);
    await closeAll(popup, page);
  });
});
