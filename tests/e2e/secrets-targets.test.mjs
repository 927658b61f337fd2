// Secrets go only into real inputs (DESIGN.md "Hostile pages"): a 发票回调配置 whose 网关 and
// 第三方应用密码 are contenteditable elements (a page can read those at will, and rich-text
// editors copy them into undo stacks and drafts) gets no secret there, and the row says why,
// while the plain fields are still filled. The same form with real inputs is filled whole.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { clickBar, fill, outcomes, row } from '../../tools/driver/bar.mjs';
import {
  CALLBACK, GATEWAY, THIRD_PARTY_APP, addSecretsConsole, generateKey, prefixOf, revealGateway,
} from './secrets-console.mjs';

describe('secrets only into <input> and <textarea>', () => {
  let browser, server;
  let key = null;
  const fixtures = new Map();
  const path = addSecretsConsole(fixtures, 'targets');

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  /** The callback pane with 第三方应用密码 and 网关 drawn as contenteditable boxes instead of inputs. */
  async function editableSecretsForm(page) {
    await page.click('#open-callback');
    await page.evaluate(() => {
      for (const id of ['cb-key', 'cb-gateway']) {
        const input = document.getElementById(id);
        const box = document.createElement('div');
        box.id = `${id}-editable`;
        box.contentEditable = 'true';
        box.style.cssText = 'display:inline-block;width:260px;min-height:18px;border:1px solid #999';
        input.replaceWith(box);
      }
    });
  }

  test('the console holds both secrets (setup)', async () => {
    const page = await newTab(browser, server.origin + path);
    key = await generateKey(page);
    await page.click('#atk-ok');
    await revealGateway(page);
    await clickBar(page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
    await page.close();
  });

  test('a contenteditable 网关 or 第三方应用密码 is never given the secret; the row says why', async () => {
    assert.ok(key, 'needs the secrets held above');
    const page = await newTab(browser, server.origin + path);
    await editableSecretsForm(page);
    await fill(page, CALLBACK);
    const got = await outcomes(page, CALLBACK);
    assert.equal(got['请求地址'], 'filled');
    for (const field of ['第三方应用密码', '网关']) {
      assert.ok(got[field] && got[field] !== 'filled', `${field}: ${got[field]}`);
      const r = row(page, field, CALLBACK);
      assert.match(await r.textContent(), /输入框|input box/, `${field} says why`);
    }
    const text = await page.evaluate(() => document.body.innerText + document.body.innerHTML);
    for (const secret of [key, GATEWAY]) assert.ok(!text.includes(secret), 'no secret in the page');
    assert.equal(await page.locator('#cb-url').inputValue(), prefixOf(server.origin, 'targets'));
    await page.close();
  });

  test('the same form with real inputs is filled whole', async () => {
    assert.ok(key, 'needs the secrets held above');
    const page = await newTab(browser, server.origin + path);
    await page.click('#open-callback');
    await fill(page, CALLBACK);
    const got = await outcomes(page, CALLBACK);
    assert.equal(got['第三方应用密码'], 'filled');
    assert.equal(got['网关'], 'filled');
    assert.equal(await page.inputValue('#cb-key'), key);
    assert.equal(await page.inputValue('#cb-gateway'), GATEWAY);
    await page.close();
  });
});
