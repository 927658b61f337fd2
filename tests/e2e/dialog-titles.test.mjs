// A dialog's title often repeats text shown elsewhere on the page: on the real 第三方应用 page the
// 访问策略 section lists "AccessToken认证" and "摘要认证" as titled rows, each with 编辑, and the
// dialog 编辑 opens is titled "AccessToken认证" again. The dialog's own title is its heading (the
// same words in another place are another heading), and only the dialog's own title may rule a
// form out: the 摘要认证 row's title says nothing about the AccessToken认证 dialog. The 摘要认证
// dialog, with the same 认证密钥 field, still gets no AccessToken认证 bar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { anyBar, bar, clickBar, idleBar } from '../../tools/driver/bar.mjs';
import { addCase } from './fixtures/forms.mjs';

const FORM = 'AccessToken认证';

// Titled rows (cards) outside any form, dialog or table, each with 编辑 as plain text.
const policyRow = (id, title) =>
  `<div class="policy-card"><div class="card-title">${title}</div><span class="desc">已启用</span>` +
  `<span class="link" id="${id}">编辑</span></div>`;

const BODY = '<h2>第三方应用</h2><div class="section-title">访问策略</div>' +
  policyRow('edit-atk', 'AccessToken认证') + policyRow('edit-digest', '摘要认证') +
  '<span class="link" id="edit-other">其他</span><div id="slot"></div>';

const dialog = (title) =>
  `<div role="dialog" aria-modal="true" class="dialog"><div class="dialog-title">${title}</div>` +
  '<div class="item"><div class="label">认证密钥</div><span><input type="password" id="key" autocomplete="off"></span></div>' +
  '<span class="link" id="ok">确定</span></div>';

const JS = `
const slot = document.getElementById('slot');
const open = (html) => { slot.innerHTML = html; document.getElementById('ok').addEventListener('click', () => { slot.innerHTML = ''; }); };
document.getElementById('edit-atk').addEventListener('click', () => open(${JSON.stringify(dialog('AccessToken认证'))}));
document.getElementById('edit-digest').addEventListener('click', () => open(${JSON.stringify(dialog('摘要认证'))}));
document.getElementById('edit-other').addEventListener('click', () => open(${JSON.stringify(dialog('编辑认证方式'))}));
`;

describe('a dialog titled like a row of the page', () => {
  let browser, server, url;
  const fixtures = new Map();

  before(async () => {
    url = addCase(fixtures, 'policy-cards', { body: BODY, js: JS, title: '第三方应用' });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  test('the AccessToken认证 dialog gets its bar with 生成密钥, and the key is generated into it', async () => {
    const page = await newTab(browser, server.origin + url);
    try {
      await page.click('#edit-atk');
      const b = await idleBar(page, FORM);
      assert.equal(await b.getByRole('button', { name: /生成密钥|Generate key/ }).count(), 1);
      await clickBar(page, FORM, /生成密钥|Generate key/);
      await page.waitForFunction(() => /^[A-Za-z0-9]{32}$/.test(document.getElementById('key')?.value ?? ''));
    } finally {
      await page.close();
    }
  });

  test('the 摘要认证 dialog, with the same field, gets no AccessToken认证 bar', async () => {
    const page = await newTab(browser, server.origin + url);
    try {
      await page.click('#edit-digest');
      await page.waitForTimeout(2500);
      assert.equal(await bar(page, FORM).count(), 0);
      assert.equal(await anyBar(page).count(), 0, 'no form of the helper is 摘要认证');
      // Closing it and opening the AccessToken认证 dialog instead brings the bar.
      await page.click('#ok');
      await page.click('#edit-atk');
      await idleBar(page, FORM);
    } finally {
      await page.close();
    }
  });

  test('a dialog with a title of its own is not named AccessToken认证 by a row of the page', async () => {
    const page = await newTab(browser, server.origin + url);
    try {
      await page.click('#edit-other');
      await page.waitForTimeout(2500);
      assert.equal(await anyBar(page).count(), 0);
    } finally {
      await page.close();
    }
  });
});
