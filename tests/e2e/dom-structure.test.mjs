// Where a form lives and when it appears: nested same-origin frames, a frame a script builds
// (about:blank), open shadow roots (label-for inside the shadow root), a form rendered late, and a
// single-page app that closes, reopens and hides its form tab. The bar shows up in the document that
// holds the form, once, every time the form appears.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { anyBar, fill, newTabWithBar, outcomes, waitForBar } from '../../tools/driver/bar.mjs';
import { ACCOUNT_ID, FORM, addCase, prefixOf } from './fixtures/forms.mjs';


/** Kingdee-style items: a caption div and nested spans around the input (no `for`). */
const KINGDEE_ITEMS = ['请求地址', '数据中心id', '网关'].map((f, i) =>
  `<div class="item"><div class="label">${f}</div><span><span><input id="f${i}"></span></span></div>`).join('');

const allBars = (page) => page.evaluate(() => {
  // Counts bars in this document and every same-origin frame below it.
  const count = (doc) => doc.querySelectorAll('[data-fapiao-helper="bar"]').length +
    Array.from(doc.querySelectorAll('iframe')).reduce((n, f) => n + (f.contentDocument ? count(f.contentDocument) : 0), 0);
  return count(document);
});

describe('forms in frames, shadow roots and single-page apps', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  url.frames = addCase(fixtures, 'frames', {
    body: '<h3>控制台</h3><iframe id="outer" src="outer.html" style="width:700px;height:420px"></iframe>',
    extra: {
      'outer.html': { body: '<p>外层</p><iframe id="inner" src="inner.html" style="width:640px;height:300px"></iframe>' },
      'inner.html': { body: `<h4>发票回调配置</h4>${KINGDEE_ITEMS}` },
    },
  });

  url.blankFrame = addCase(fixtures, 'blank-frame', {
    body: '<h3>控制台</h3><div id="slot"></div>',
    js: `const f = document.createElement('iframe');
f.style.cssText = 'width:700px;height:300px';
document.getElementById('slot').append(f);
const d = f.contentDocument;
d.open();
d.write(${JSON.stringify(`<!doctype html><html><body><h4>发票回调配置</h4>${KINGDEE_ITEMS}</body></html>`)});
d.close();`,
  });

  url.shadow = addCase(fixtures, 'shadow', {
    body: '<h3>发票回调配置</h3><callback-form></callback-form>',
    js: `customElements.define('callback-form', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = ['请求地址', '数据中心id'].map((f, i) =>
      '<div><label for="x' + i + '">' + f + '</label><input id="x' + i + '"></div>').join('') +
      '<nested-field></nested-field>';
  }
});
customElements.define('nested-field', class extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<label for="x2">网关</label><input id="x2">';
  }
});`,
  });

  url.late = addCase(fixtures, 'late', {
    body: '<h3>发票回调配置</h3><div id="app">加载中…</div>',
    js: `setTimeout(() => { document.getElementById('app').innerHTML = ${JSON.stringify(KINGDEE_ITEMS)}; }, 2000);`,
  });

  url.spa = addCase(fixtures, 'spa', {
    body: '<nav><button id="open">发票回调配置</button><button id="close">关闭</button>' +
      '<button id="hide">首页</button><button id="show">回到表单</button></nav><main id="tabs"></main>',
    js: `const tabs = document.getElementById('tabs');
document.getElementById('open').onclick = () => {
  const pane = document.createElement('section');
  pane.className = 'pane';
  pane.innerHTML = ${JSON.stringify(`<h4>发票回调配置</h4>${KINGDEE_ITEMS}`)};
  tabs.replaceChildren(pane);
};
document.getElementById('close').onclick = () => tabs.replaceChildren();
document.getElementById('hide').onclick = () => { const p = tabs.querySelector('.pane'); if (p) p.style.display = 'none'; };
document.getElementById('show').onclick = () => { const p = tabs.querySelector('.pane'); if (p) p.style.display = ''; };`,
  });

  before(async () => ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD })));
  after(() => closeAll(browser, server));

  test('a form two same-origin frames deep gets one bar, in its own frame, and is filled', async () => {
    const page = await newTab(browser, server.origin + url.frames);
    try {
      const inner = page.frameLocator('#outer').frameLocator('#inner');
      await waitForBar(inner.locator(':root'));
      await page.waitForTimeout(500);
      assert.equal(await allBars(page), 1);
      const frame = page.frames().find((f) => f.url().endsWith('/inner.html'));
      await fill(frame);
      assert.deepEqual(await outcomes(frame), {
        请求地址: 'filled', 数据中心id: 'filled', 第三方应用: 'not-found', 第三方应用密码: 'not-found', 网关: 'no-value',
      });
      // The prefix is the console's (the top page's), not the frame's directory.
      assert.equal(await frame.locator('#f0').inputValue(), prefixOf(server.origin, 'frames'));
      assert.equal(await frame.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('a frame built by a script (about:blank) gets exactly one bar and is filled', async () => {
    const page = await newTab(browser, server.origin + url.blankFrame);
    try {
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await waitForBar(frame);
      await page.waitForTimeout(800);
      assert.equal(await allBars(page), 1);
      await fill(frame);
      assert.equal(await frame.locator('#f0').inputValue(), prefixOf(server.origin, 'blank-frame'));
      assert.equal(await frame.locator('#f1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('labels inside open shadow roots (label-for in the shadow root, nested hosts) are found and filled', async () => {
    const page = await newTabWithBar(browser, server.origin + url.shadow);
    try {
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'filled');
      assert.equal(got['数据中心id'], 'filled');
      assert.equal(got['网关'], 'no-value');
      assert.equal(await page.locator('callback-form #x0').inputValue(), prefixOf(server.origin, 'shadow'));
      assert.equal(await page.locator('callback-form #x1').inputValue(), ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('a form rendered two seconds after load is recognised when it appears', async () => {
    const page = await newTab(browser, server.origin + url.late);
    try {
      await page.waitForTimeout(1500);
      assert.equal(await anyBar(page).count(), 0);
      await waitForBar(page, FORM, 6000);
      await fill(page);
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'late'));
    } finally {
      await page.close();
    }
  });

  test('a form tab closed and reopened is recognised every time, and hiding the tab hides the bar', async () => {
    const page = await newTab(browser, server.origin + url.spa);
    try {
      for (let round = 1; round <= 3; round++) {
        await page.click('#open');
        await waitForBar(page);
        await page.click('#close');
        await anyBar(page).waitFor({ state: 'detached', timeout: 5000 });
      }
      await page.click('#open');
      await fill(page);
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
      await page.click('#hide');
      await anyBar(page).waitFor({ state: 'detached', timeout: 5000 });
      await page.click('#show');
      await waitForBar(page);
      // Switching back keeps what the fill did.
      assert.equal((await outcomes(page))['数据中心id'], 'filled');
    } finally {
      await page.close();
    }
  });
});
