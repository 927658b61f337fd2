// The popup's 诊断此页: a JSON description of what the helper recognised on the tab — forms, labels,
// control kinds, the rule that associated each label, across frames — and never a value, so a user
// can send it when the helper does not understand a page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPopup, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { newTabWithBar } from '../../tools/driver/bar.mjs';
import { addCase } from './fixtures/forms.mjs';

const SECRET_LOOKING = 'Zq8vUu2mXc5rT1pLwKe7';
const item = (label, control) => `<div class="item"><div class="label">${label}</div><span><span>${control}</span></span></div>`;

describe('诊断此页 in the popup', () => {
  let browser, server, url;
  const fixtures = new Map();

  before(async () => {
    url = addCase(fixtures, 'diagnose', {
      body: '<h3>发票回调配置</h3>' +
        item('请求地址', '<input id="f0" value="https://kept.example.com/ierp/">') +
        item('数据中心id', '<input id="f1">') +
        item('第三方应用密码', `<input id="f2" type="password" value="${SECRET_LOOKING}">`) +
        '<iframe src="frame.html" style="width:600px;height:160px"></iframe>',
      extra: { 'frame.html': { body: item('网关', `<input id="g" value="${SECRET_LOOKING}x">`) } },
    });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  test('describes forms, controls and label rules of every frame, with no value', async () => {
    const page = await newTabWithBar(browser, server.origin + url);
    try {
      const popup = await openPopup(browser.context, browser.extensionId, page);
      await popup.getByRole('button', { name: /诊断此页|Diagnose this page/ }).click();
      const pre = popup.getByTestId('diagnose-json');
      await popup.waitForFunction((el) => el.textContent.length > 0, await pre.elementHandle());
      const text = await pre.textContent();
      const report = JSON.parse(text);
      assert.ok(report.frames.length >= 2, 'the top page and its frame');
      const all = JSON.stringify(report.frames);
      assert.match(all, /发票回调配置/);
      assert.match(all, /form-item/);
      assert.match(all, /请求地址/);
      assert.match(all, /网关/);
      for (const value of [SECRET_LOOKING, 'kept.example.com', '?formId']) {
        assert.equal(text.includes(value), false, `the report leaks ${value}`);
      }
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
