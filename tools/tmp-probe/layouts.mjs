import { startServerAndBrowser, closeAll, TEST_BUILD } from '../driver/browser.mjs';
import { fill, outcomes, anyBar } from '../driver/bar.mjs';
import { addCase } from '../../tests/e2e/fixtures/forms.mjs';

const F = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];
const ctl = (i, extra = '') => i === 2
  ? `<select id="f2" ${extra}><option value="">请选择</option><option value="invoiceupload">invoiceupload 第三方发票上传</option></select>`
  : `<input id="f${i}" type="${i === 3 ? 'password' : 'text'}" ${extra}>`;
const L = {
  'element-ui': () => F.map((f, i) => `<div class="el-form-item"><label class="el-form-item__label">${f}</label><div class="el-form-item__content"><div class="el-input">${ctl(i)}</div></div></div>`).join(''),
  'antd': () => F.map((f, i) => `<div class="ant-form-item"><div class="ant-row"><div class="ant-col ant-form-item-label"><label for="f${i}" class="ant-form-item-required" title="${f}">${f}</label></div><div class="ant-col ant-form-item-control"><div class="ant-form-item-control-input"><div class="ant-form-item-control-input-content">${ctl(i)}</div></div></div></div></div>`).join(''),
  'dl': () => `<dl>${F.map((f, i) => `<dt>${f}</dt><dd>${ctl(i)}</dd>`).join('')}</dl>`,
  'grid-siblings': () => `<div style="display:grid;grid-template-columns:120px 260px">${F.map((f, i) => `<span>${f}</span>${ctl(i)}`).join('')}</div>`,
  'fieldset': () => F.map((f, i) => `<fieldset><legend>${f}</legend>${ctl(i)}</fieldset>`).join(''),
  'floating-label': () => F.map((f, i) => `<div class="mat-form-field"><div class="wrap">${ctl(i)}<label class="float">${f}</label></div></div>`).join(''),
  'bare-text': () => F.map((f, i) => `<div>${f}：${ctl(i)}</div>`).join(''),
  'deep-cols': () => F.map((f, i) => `<div class="row"><div class="col-4"><span class="lbl">${f}</span><i class="help" title="说明">?</i></div><div class="col-8"><div><div>${ctl(i)}</div></div></div></div>`).join(''),
  'label-above': () => F.map((f, i) => `<div class="field" style="display:block"><div class="caption">${f} <span style="color:red">*</span></div><div class="control">${ctl(i)}</div></div>`).join(''),
  'vertical-table': () => `<table>${F.map((f, i) => `<tr><th scope="row"><label>${f}</label></th><td>${ctl(i)}</td></tr>`).join('')}</table>`,
  'bootstrap-horizontal': () => F.map((f, i) => `<div class="form-group row"><label class="col-sm-2 col-form-label">${f}</label><div class="col-sm-10">${ctl(i, 'class="form-control"')}</div></div>`).join(''),
  'title-attr-only': () => F.map((f, i) => `<div>${ctl(i, `title="${f}"`)}</div>`).join(''),
  'aria-describedby-hint': () => F.map((f, i) => `<div><label for="f${i}">${f}</label><small id="h${i}">请填写</small>${ctl(i, `aria-describedby="h${i}"`)}</div>`).join(''),
  'web-component': () => F.map((f, i) => `<div class="kd-field"><kd-label>${f}</kd-label><kd-input>${ctl(i)}</kd-input></div>`).join(''),
  'english-heading-zh-labels': () => F.map((f, i) => `<div class="item"><div class="label">${f}:</div><div>${ctl(i)}</div></div>`).join(''),
};
const fixtures = new Map(); const urls = {};
for (const [k, draw] of Object.entries(L)) urls[k] = addCase(fixtures, `lay-${k}`, { body: `<h3>发票回调配置</h3>${draw()}<button>保存</button>` });
const { server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD });
for (const k of Object.keys(L)) {
  const page = await browser.context.newPage();
  await page.goto(server.origin + urls[k]);
  try {
    await anyBar(page).first().waitFor({ state: 'attached', timeout: 6000 });
    await fill(page);
    console.log(k.padEnd(24), JSON.stringify(await outcomes(page)));
  } catch (e) { console.log(k.padEnd(24), 'NO BAR / error', String(e).slice(0, 100)); }
  await page.close();
}
await closeAll(browser, server);
