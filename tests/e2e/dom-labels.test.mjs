// The collector finds each field by the way people read a form: one small page per association
// rule (and per table layout), each drawing 发票回调配置's five fields only that way. The bar must
// appear, say which rule found each field, and a trusted 填充 must put the console's values in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { fill, newTabWithBar, outcomes, row } from '../../tools/driver/bar.mjs';
import { ACCOUNT_ID, addCase, prefixOf } from './fixtures/forms.mjs';

const FIELDS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];

/** The lookup field as a native select, with a near miss listed first. */
const SELECT_OPTIONS = '<option value="">请选择</option>' +
  '<option value="invoiceupload2">invoiceupload2 测试应用</option>' +
  '<option value="invoiceupload">invoiceupload 第三方发票上传</option>';

function control(i) {
  if (i === 2) return `<select id="f2">${SELECT_OPTIONS}</select>`;
  return `<input id="f${i}" ${i === 3 ? 'type="password"' : 'type="text"'}>`;
}

/** Each rule draws the five fields so that only that rule (or a weaker one) names them. */
const RULES = {
  'label-for': () => FIELDS.map((f, i) => `<div class="row"><label for="f${i}">${f}：</label><div class="gap"></div>${control(i)}</div>`).join(''),
  'wrapping-label': () => FIELDS.map((f, i) => `<p><label><span class="req">*</span>${f} ${control(i)}</label></p>`).join(''),
  'aria-labelledby': () =>
    `<ul class="captions">${FIELDS.map((f, i) => `<li id="cap${i}">${f}</li>`).join('')}</ul>` +
    `<div class="inputs">${FIELDS.map((f, i) => control(i).replace(/^<(\w+) /, `<$1 aria-labelledby="cap${i}" `)).join('')}</div>`,
  'aria-label': () => `<div class="inputs">${FIELDS.map((f, i) => control(i).replace(/^<(\w+) /, `<$1 aria-label="${f}" `)).join('')}</div>`,
  // Only a tooltip: the name accessibility falls back to.
  'title': () => `<div class="inputs">${FIELDS.map((f, i) => control(i).replace(/^<(\w+) /, `<$1 title="${f}" `)).join('')}</div>`,
  // Kingdee's web client: a caption div beside nested spans, no `for`.
  'form-item': () => FIELDS.map((f, i) => `<div class="item"><div class="label"><i>*</i>${f}</div><span><span>${control(i)}</span></span></div>`).join(''),
  'table-left': () => `<table>${FIELDS.map((f, i) => `<tr><td>${f}:</td><td><div>${control(i)}</div></td></tr>`).join('')}</table>`,
  'table-above': () => `<table><thead><tr>${FIELDS.map((f) => `<th>${f}</th>`).join('')}</tr></thead>` +
    `<tbody><tr>${FIELDS.map((f, i) => `<td>${control(i)}</td>`).join('')}</tr></tbody></table>`,
};

describe('each association rule finds the callback form', () => {
  let browser, server;
  const fixtures = new Map();
  const urls = {};
  for (const [rule, draw] of Object.entries(RULES)) {
    urls[rule] = addCase(fixtures, `rule-${rule}`, { body: `<h3>发票回调配置</h3>${draw()}<button id="save">保存</button>` });
  }
  urls.placeholder = addCase(fixtures, 'rule-placeholder', {
    body: `<div class="inputs">${FIELDS.map((f, i) => (i === 2 ? '' : control(i).replace(/^<(\w+) /, `<$1 placeholder="${f}" `))).join('')}</div>`,
  });
  urls.unrelated = addCase(fixtures, 'unrelated', {
    body: '<h3>人员</h3>' + ['工号', '姓名', '手机号码', '电子邮箱', '所属部门'].map((f, i) =>
      `<div class="item"><div class="label">${f}</div><span><input id="p${i}"></span></div>`).join(''),
  });

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  for (const rule of Object.keys(RULES)) {
    test(`fields labelled by ${rule} are recognised and filled`, async () => {
      const page = await newTabWithBar(browser, server.origin + urls[rule]);
      try {
        assert.equal(await row(page, '请求地址').getAttribute('data-rule'), rule);
        assert.equal(await row(page, '数据中心id').getAttribute('data-rule'), rule);
        await fill(page);
        const got = await outcomes(page);
        assert.deepEqual(got, {
          请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'no-value', 网关: 'no-value',
        });
        const values = await page.evaluate(() => ['f0', 'f1', 'f2', 'f3', 'f4'].map((id) => document.getElementById(id).value));
        assert.deepEqual(values, [prefixOf(server.origin, `rule-${rule}`), ACCOUNT_ID, 'invoiceupload', '', '']);
      } finally {
        await page.close();
      }
    });
  }

  test('a placeholder alone still names a field, and a field drawn nowhere is not-found', async () => {
    const page = await newTabWithBar(browser, server.origin + urls.placeholder);
    try {
      assert.equal(await row(page, '请求地址').getAttribute('data-rule'), 'placeholder');
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'filled');
      assert.equal(got['数据中心id'], 'filled');
      assert.equal(got['第三方应用'], 'not-found');
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'rule-placeholder'));
    } finally {
      await page.close();
    }
  });

  test('an unrelated form (人员) gets no bar', async () => {
    const page = await newTab(browser, server.origin + urls.unrelated);
    try {
      await page.waitForTimeout(2500);
      assert.equal(await page.locator('[data-fapiao-helper]').count(), 0);
    } finally {
      await page.close();
    }
  });
});
