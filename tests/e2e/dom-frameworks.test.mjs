// Filling so that the page's own logic accepts each value: React-controlled inputs, fields that
// commit only on change or blur, lookups drawn as an ARIA listbox or as role-less floating rows
// (each with the near miss `invoiceupload2` listed first), conflicts left alone until the user
// overwrites, values already right, and undo. Each page shows what its own state holds after 保存
// (`data-testid="submitted-state"`), and the tests read that, not the DOM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { closeAll, repoRoot, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { bar, fill, newTabWithBar, outcomes, overwrite, row, undo } from '../../tools/driver/bar.mjs';
import { savedState } from '../../tools/driver/demo-steps.mjs';
import { ACCOUNT_ID, addCase, prefixOf } from './fixtures/forms.mjs';

const pageFile = (name) => readFileSync(new URL(`./fixtures/pages/${name}`, import.meta.url), 'utf8');

/** A page script bundled with React (production build), from `input` (esbuild's entry or stdin). */
async function bundle(input) {
  const out = await build({
    ...input,
    bundle: true, write: false, format: 'iife', minify: true, logLevel: 'silent',
    absWorkingDir: repoRoot, nodePaths: [`${repoRoot}/node_modules`],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0].text;
}

const bundleReact = () => bundle({ entryPoints: [new URL('./fixtures/pages/react-form.jsx', import.meta.url).pathname] });
const bundleInline = (source) => bundle({ stdin: { contents: source, loader: 'jsx', resolveDir: repoRoot } });

// A React form whose fields start with text the user left there: 请求地址 holds another value
// wrapped in spaces, 数据中心id the right id wrapped in spaces.
const PADDED_JSX = `
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
function App() {
  const [values, setValues] = useState({ url: '  abc ', account: ' ${ACCOUNT_ID}  ' });
  const [saved, setSaved] = useState(null);
  const field = (key, label) => (
    <div className="item">
      <label htmlFor={key}>{label}</label>
      <input id={key} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
    </div>
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); setSaved(values); }}>
      <h3>发票回调配置</h3>
      {field('url', '请求地址')}
      {field('account', '数据中心id')}
      <div className="item"><label htmlFor="gw">网关</label><input id="gw" /></div>
      <button type="submit" id="save">保存</button>
      <pre data-testid="submitted-state">{saved ? JSON.stringify(saved) : ''}</pre>
    </form>
  );
}
createRoot(document.getElementById('root')).render(<App />);
`;

const item = (label, control) => `<div class="item"><div class="label">${label}</div><span>${control}</span></div>`;
const STATE = '<button type="button" id="save">保存</button><pre data-testid="submitted-state"></pre>';

describe('fills that frameworks accept, lookups, conflicts and undo', () => {
  let browser, server;
  const fixtures = new Map();
  const url = {};

  before(async () => {
    url.react = addCase(fixtures, 'react', { body: '<div id="root"></div>', js: await bundleReact() });
    url.padded = addCase(fixtures, 'react-padded', { body: '<div id="root"></div>', js: await bundleInline(PADDED_JSX) });
    url.changeOnly = addCase(fixtures, 'change-only', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') +
        item('网关', '<input id="f2">') + STATE,
      js: pageFile('change-only.js'),
    });
    url.aria = addCase(fixtures, 'aria-lookup', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') +
        item('第三方应用', '<input id="app" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="app-list">' +
          '<span id="app-clear" class="clear" aria-label="清除" title="清除">×</span>') + STATE,
      js: pageFile('aria-lookup.js'),
    });
    url.rows = addCase(fixtures, 'rows-lookup', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') +
        item('第三方应用', '<input id="app"><i class="search-icon">🔍</i>') + STATE,
      js: pageFile('rows-lookup.js'),
    });
    url.noMatch = addCase(fixtures, 'rows-lookup-no-match', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0">') + item('数据中心id', '<input id="f1">') +
        item('第三方应用', '<input id="app">') + STATE,
      js: pageFile('rows-lookup.js').replace("['invoiceupload', '第三方发票上传'], ", ''),
    });
    url.prefilled = addCase(fixtures, 'prefilled', {
      body: '<h3>发票回调配置</h3>' + item('请求地址', '<input id="f0" value="http://old.example.com/ierp/">') +
        item('数据中心id', `<input id="f1" value="${ACCOUNT_ID}">`) + item('网关', '<input id="f2">'),
    });
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  const open = (which) => newTabWithBar(browser, server.origin + url[which]);

  test('React-controlled inputs end up in React state', async () => {
    const page = await open('react');
    try {
      // The fixture is really React-controlled: a page-world `.value =` plus `input` is ignored.
      await page.evaluate(() => {
        const g = document.getElementById('gateway');
        g.value = 'typed-by-page';
        g.dispatchEvent(new Event('input', { bubbles: true }));
      });
      assert.equal((await savedState(page)).gateway, '');
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'filled');
      assert.equal(got['数据中心id'], 'filled');
      assert.equal(got['网关'], 'no-value');
      const state = await savedState(page);
      assert.equal(state.url, prefixOf(server.origin, 'react'));
      assert.equal(state.account, ACCOUNT_ID);
      assert.equal(state.gateway, '');
    } finally {
      await page.close();
    }
  });

  test('fields that commit only on change or on blur are committed', async () => {
    const page = await open('changeOnly');
    try {
      await fill(page);
      const state = await savedState(page);
      assert.equal(state.url, prefixOf(server.origin, 'change-only'));
      assert.equal(state.account, ACCOUNT_ID);
    } finally {
      await page.close();
    }
  });

  test('an ARIA listbox lookup chooses invoiceupload, not the near miss listed first, and undo clears it', async () => {
    const page = await open('aria');
    try {
      await fill(page);
      assert.equal((await outcomes(page))['第三方应用'], 'filled');
      assert.equal((await savedState(page)).app, 'invoiceupload');
      await undo(page);
      const state = await savedState(page);
      assert.deepEqual(state, { url: '', account: '', app: '' });
    } finally {
      await page.close();
    }
  });

  test('a role-less floating-rows lookup (Kingdee basedata) chooses the exact code, and undo clears it', async () => {
    const page = await open('rows');
    try {
      await fill(page);
      assert.equal((await outcomes(page))['第三方应用'], 'filled');
      const state = await savedState(page);
      assert.equal(state.app, 'invoiceupload');
      assert.equal(state.url, prefixOf(server.origin, 'rows-lookup'));
      await undo(page);
      assert.deepEqual(await savedState(page), { url: '', account: '', app: '' });
    } finally {
      await page.close();
    }
  });

  test('a lookup whose list lacks the exact code picks nothing and says failed', async () => {
    const page = await open('noMatch');
    try {
      await fill(page);
      const r = row(page, '第三方应用');
      assert.equal(await r.getAttribute('data-outcome'), 'failed');
      assert.equal((await savedState(page)).app, '');
      assert.equal(await page.locator('.popup').count(), 0, 'the lookup list is closed again');
    } finally {
      await page.close();
    }
  });

  test('a different value is a conflict left alone until 覆盖; the right value is unchanged; undo restores', async () => {
    const page = await open('prefilled');
    try {
      await fill(page);
      assert.deepEqual(await outcomes(page), {
        请求地址: 'conflict', 数据中心id: 'unchanged', 第三方应用: 'not-found', 第三方应用密码: 'not-found', 网关: 'no-value',
      });
      assert.equal(await page.locator('#f0').inputValue(), 'http://old.example.com/ierp/');
      await overwrite(page, '请求地址');
      assert.equal(await page.locator('#f0').inputValue(), prefixOf(server.origin, 'prefilled'));
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
      await undo(page);
      assert.equal(await page.locator('#f0').inputValue(), 'http://old.example.com/ierp/');
      assert.equal(await page.locator('#f1').inputValue(), ACCOUNT_ID);
      assert.equal((await outcomes(page))['请求地址'], 'conflict');
    } finally {
      await page.close();
    }
  });

  test('undo puts back the exact text a React field held, spaces included; the right id in spaces is rewritten trimmed', async () => {
    const page = await open('padded');
    try {
      await fill(page);
      const got = await outcomes(page);
      assert.equal(got['请求地址'], 'conflict');
      assert.equal(got['数据中心id'], 'filled');
      assert.deepEqual(await savedState(page), { url: '  abc ', account: ACCOUNT_ID });
      await overwrite(page, '请求地址');
      assert.deepEqual(await savedState(page), { url: prefixOf(server.origin, 'react-padded'), account: ACCOUNT_ID });
      await undo(page);
      assert.deepEqual(await savedState(page), { url: '  abc ', account: ` ${ACCOUNT_ID}  ` });
    } finally {
      await page.close();
    }
  });

  test('the bar can be collapsed to a pill and expanded again', async () => {
    const page = await open('prefilled');
    try {
      const b = bar(page);
      await b.getByRole('button', { name: /收起|Collapse/ }).click();
      assert.equal(await b.getAttribute('data-collapsed'), 'true');
      assert.equal(await b.getByRole('button', { name: /填充|Fill/ }).isVisible(), false);
      await b.getByRole('button', { name: /展开|Expand/ }).click();
      assert.equal(await b.getByRole('button', { name: /填充|Fill/ }).isVisible(), true);
    } finally {
      await page.close();
    }
  });
});
