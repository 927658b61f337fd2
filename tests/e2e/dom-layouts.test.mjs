// The same callback form drawn the way other UI kits and hand-written pages lay out a form
// (Element UI, Ant Design, Bootstrap, definition lists, CSS grids, fieldsets, bare text before a
// control, custom elements, captions above or in deep column wrappers, row headers): none of
// these is a rule of its own, each must fall out of how a person reads a caption beside or above
// its control. A trusted 填充 must put the console's values in every one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { fill, newTabWithBar, outcomes } from '../../tools/driver/bar.mjs';
import { ACCOUNT_ID, addCase, prefixOf } from './fixtures/forms.mjs';

const FIELDS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];

function control(i, attrs = '') {
  if (i === 2) {
    return `<select id="f2" ${attrs}><option value="">请选择</option>` +
      '<option value="invoiceupload">invoiceupload 第三方发票上传</option></select>';
  }
  return `<input id="f${i}" type="${i === 3 ? 'password' : 'text'}" ${attrs}>`;
}

const each = (draw) => FIELDS.map((f, i) => draw(f, i)).join('');

const LAYOUTS = {
  'element-ui': () => each((f, i) => `<div class="el-form-item"><label class="el-form-item__label">${f}</label>` +
    `<div class="el-form-item__content"><div class="el-input">${control(i)}</div></div></div>`),
  'ant-design': () => each((f, i) => '<div class="ant-form-item"><div class="ant-row">' +
    `<div class="ant-col ant-form-item-label"><label for="f${i}" title="${f}">${f}</label></div>` +
    '<div class="ant-col ant-form-item-control"><div class="ant-form-item-control-input">' +
    `<div class="ant-form-item-control-input-content">${control(i)}</div></div></div></div></div>`),
  'bootstrap-horizontal': () => each((f, i) => `<div class="form-group row"><label class="col-sm-2 col-form-label">${f}</label>` +
    `<div class="col-sm-10">${control(i, 'class="form-control"')}</div></div>`),
  'definition-list': () => `<dl>${each((f, i) => `<dt>${f}</dt><dd>${control(i)}</dd>`)}</dl>`,
  'grid-siblings': () => `<div style="display:grid;grid-template-columns:140px 260px;gap:6px">${each((f, i) => `<span>${f}</span>${control(i)}`)}</div>`,
  'fieldset-legend': () => each((f, i) => `<fieldset><legend>${f}</legend>${control(i)}</fieldset>`),
  'bare-text': () => each((f, i) => `<div>${f}：${control(i)}</div>`),
  'deep-columns': () => each((f, i) => `<div class="row"><div class="col-4"><span class="lbl">${f}</span><i class="help" title="说明">?</i></div>` +
    `<div class="col-8"><div><div>${control(i)}</div></div></div></div>`),
  'caption-above': () => each((f, i) => `<div class="field"><div class="caption">${f} <span style="color:red">*</span></div>` +
    `<div class="control">${control(i)}</div></div>`),
  'row-headers': () => `<table>${each((f, i) => `<tr><th scope="row"><label>${f}</label></th><td>${control(i)}</td></tr>`)}</table>`,
  'custom-elements': () => each((f, i) => `<div class="kd-field"><kd-label>${f}</kd-label><kd-input>${control(i)}</kd-input></div>`),
  'described-by-hint': () => each((f, i) => `<div><label for="f${i}">${f}</label><small id="h${i}">请填写</small>${control(i, `aria-describedby="h${i}"`)}</div>`),
};

describe('the callback form laid out as other UI kits and hand-written pages draw forms', () => {
  let browser, server;
  const fixtures = new Map();
  const urls = {};
  for (const [layout, draw] of Object.entries(LAYOUTS)) {
    urls[layout] = addCase(fixtures, `layout-${layout}`, { body: `<h3>发票回调配置</h3>${draw()}<button>保存</button>` });
  }

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  for (const layout of Object.keys(LAYOUTS)) {
    test(`${layout}: every field is found and filled`, async () => {
      const page = await newTabWithBar(browser, server.origin + urls[layout]);
      try {
        await fill(page);
        assert.deepEqual(await outcomes(page), {
          请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'filled', 第三方应用密码: 'no-value', 网关: 'no-value',
        });
        const values = await page.evaluate(() => ['f0', 'f1', 'f2'].map((id) => document.getElementById(id).value));
        assert.deepEqual(values, [prefixOf(server.origin, `layout-${layout}`), ACCOUNT_ID, 'invoiceupload']);
      } finally {
        await page.close();
      }
    });
  }
});
