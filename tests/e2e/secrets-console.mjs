// A small console for the secret tests, plain DOM so every step is explicit: a
// single-page app whose menu opens 第三方应用 (detail with 系统编码/系统名称, 访问策略 with the
// AccessToken认证 编辑 dialog holding 认证密钥, and 认证凭证 where x-acgw-identity stays masked
// until a password is entered) or 发票回调配置 (five fields and 保存, which writes what the page
// believes into `[data-testid="submitted-state"]`).
//
// With `spy: true` the page is hostile as well: before anything else it patches
// `dispatchEvent`, `addEventListener`, `postMessage`, `CustomEvent`, watches every mutation and
// every message, reads the bar's open shadow root all the time and forges clicks and keys on
// every button in it. Everything it sees lands in `window.__loot` (an array of strings), which
// the tests search for the secrets. The bar's own steps are in bar.mjs.
import { DEFAULT_ACCOUNT_ID, STRICT_CSP, userLanguageBody } from '../../www/serve.mjs';
import { clickBar } from '../../tools/driver/bar.mjs';

export const ACCOUNT_ID = DEFAULT_ACCOUNT_ID;
export const GATEWAY = 'eyJhcHAiOiJpbnZvaWNldXBsb2FkIiwidGVuYW50IjoiZGVtbyJ9.Zm9vYmFyLXNpZ25hdHVyZS0wMTIzNDU2Nzg5';
export const CALLBACK = '发票回调配置';
export const ACCESS_TOKEN = 'AccessToken认证';
export const THIRD_PARTY_APP = '第三方应用';

/** Asks getUserLanguage.do at boot, as the real console does. */
const BOOT_JS = "fetch('getUserLanguage.do?_=' + Date.now()).catch(() => {});\n";

const item = (label, control) =>
  `<div class="item"><div class="label">${label}</div><span><span>${control}</span></span></div>`;

const APP_HTML =
  '<section class="pane" id="app-pane"><h3>第三方应用</h3>' +
  item('系统编码', '<input id="app-code" value="invoicetest">') +
  item('系统名称', '<input id="app-name" value="invoicetest">') +
  '<p><label><input type="checkbox" id="all-api" checked> 授权全部API</label></p>' +
  '<p><label><input type="checkbox" id="all-ip" checked> 允许全部IP访问</label></p>' +
  '<h4>访问策略</h4><table><tr><td>AccessToken认证</td><td><button id="edit-atk">编辑</button></td></tr></table>' +
  '<h4>认证凭证</h4><div class="cred"><span class="cred-label">x-acgw-identity</span>' +
  '<span class="cred-value" id="gw-value" data-page-own>******</span> <button id="gw-view">查看</button></div>' +
  '<div id="pw-box" hidden><input type="password" id="pw" placeholder="请输入登录密码"><button id="pw-ok">确定</button></div>' +
  '</section>';

const DIALOG_HTML =
  '<div role="dialog" aria-modal="true" class="dialog" id="atk-dialog"><h4>AccessToken认证</h4>' +
  item('认证密钥', '<input type="password" id="atk-key" autocomplete="off">') +
  '<button id="atk-ok">确定</button></div>';

const SELECT = '<select id="cb-app"><option value="">请选择</option>' +
  '<option value="invoiceupload2">invoiceupload2 测试应用</option>' +
  '<option value="invoiceupload">invoiceupload 第三方发票上传</option></select>';

const CALLBACK_HTML =
  '<section class="pane" id="callback-pane"><h3>发票回调配置</h3>' +
  item('请求地址', '<input id="cb-url">') +
  item('数据中心id', '<input id="cb-account">') +
  item('第三方应用', SELECT) +
  item('第三方应用密码', '<input type="password" id="cb-key">') +
  item('网关', '<input id="cb-gateway">') +
  '<button id="cb-save">保存</button><pre data-testid="submitted-state" id="submitted"></pre></section>';

/** The app: menu, panes, dialog, credential reveal, 保存 → submitted state. */
const APP_JS = `
const tabs = document.getElementById('tabs');
const slot = document.getElementById('dialog-slot');
window.__saved = {};
function open(html) { const t = document.createElement('template'); t.innerHTML = html; tabs.replaceChildren(t.content); wire(); }
function wire() {
  const byId = (id) => document.getElementById(id);
  byId('edit-atk')?.addEventListener('click', () => {
    const t = document.createElement('template'); t.innerHTML = ${JSON.stringify(DIALOG_HTML)};
    slot.replaceChildren(t.content);
    byId('atk-ok').addEventListener('click', () => { window.__saved.accessTokenKey = byId('atk-key').value; slot.replaceChildren(); });
  });
  byId('gw-view')?.addEventListener('click', () => { byId('pw-box').hidden = false; });
  byId('pw-ok')?.addEventListener('click', () => {
    if (!byId('pw').value) return;
    byId('pw-box').hidden = true;
    byId('gw-value').textContent = ${JSON.stringify(GATEWAY)};
    byId('gw-view').textContent = '复制';
  });
  byId('cb-save')?.addEventListener('click', () => {
    const v = (id) => byId(id).value;
    byId('submitted').textContent = JSON.stringify({
      请求地址: v('cb-url'), 数据中心id: v('cb-account'), 第三方应用: v('cb-app'), 第三方应用密码: v('cb-key'), 网关: v('cb-gateway'),
    });
  });
}
document.getElementById('open-app').addEventListener('click', () => open(${JSON.stringify(APP_HTML)}));
document.getElementById('open-callback').addEventListener('click', () => { slot.replaceChildren(); open(${JSON.stringify(CALLBACK_HTML)}); });
`;

/**
 * The hostile part, loaded first (a plain script in <head>, before any other). It records what a
 * page can observe and forges input on the helper's bar. Values of the page's own inputs are not
 * recorded: the console receives a secret in its target input by design.
 */
const SPY_JS = `
(() => {
  const loot = (window.__loot = []);
  window.__forged = 0;
  const keep = (where, value) => {
    try {
      if (value == null) return;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (text && text !== '{}' && text !== 'null') loot.push(where + ': ' + text.slice(0, 20000));
    } catch { loot.push(where + ': <unserialisable>'); }
  };
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    keep('dispatch ' + event.type, { detail: event.detail, data: event.data });
    return dispatch.call(this, event);
  };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const wrapped = typeof listener === 'function'
      ? function (event) { keep('listener ' + type, { detail: event && event.detail, data: event && event.data }); return listener.apply(this, arguments); }
      : listener;
    return add.call(this, type, wrapped, options);
  };
  const post = window.postMessage;
  window.postMessage = function (message) { keep('postMessage', message); return post.apply(this, arguments); };
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message) { keep('port', message); return portPost.apply(this, arguments); };
  const Custom = window.CustomEvent;
  window.CustomEvent = function (type, init) { keep('CustomEvent ' + type, init && init.detail); return new Custom(type, init); };
  add.call(window, 'message', (event) => keep('message', event.data), true);
  for (const type of ['fapiao-helper:user-language', 'fapiao-helper', 'message', 'copy', 'paste']) {
    add.call(document, type, (event) => keep('doc ' + type, { detail: event.detail }), true);
  }
  const bars = () => Array.from(document.querySelectorAll('[data-fapiao-helper]'));
  const readBars = () => {
    for (const host of bars()) {
      keep('bar attributes', Array.from(host.attributes, (a) => a.name + '=' + a.value).join(' '));
      const root = host.shadowRoot;
      if (!root) continue;
      keep('bar text', root.textContent);
      keep('bar html', root.innerHTML);
      for (const el of root.querySelectorAll('*')) {
        if ('value' in el && typeof el.value === 'string') keep('bar value', el.value);
        for (const a of el.attributes) keep('bar attr', a.value);
      }
    }
  };
  // The page's own display of the credential it revealed is its own business, not a leak.
  const own = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest('[data-page-own]'));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (own(r.target)) continue;
      for (const n of r.addedNodes) keep('added', n.textContent);
      if (r.type === 'attributes') keep('attribute ' + r.attributeName, r.target.getAttribute && r.target.getAttribute(r.attributeName));
      if (r.type === 'characterData') keep('text', r.target.data);
    }
    readBars();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  setInterval(readBars, 50);
  // Forged input on every helper button: clicks, pointer and keyboard activation.
  setInterval(() => {
    for (const host of bars()) {
      for (const button of host.shadowRoot ? host.shadowRoot.querySelectorAll('button') : []) {
        window.__forged++;
        button.click();
        dispatch.call(button, new MouseEvent('click', { bubbles: true, composed: true }));
        dispatch.call(button, new PointerEvent('pointerup', { bubbles: true, composed: true }));
        dispatch.call(button, new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      }
    }
    // Messages shaped like the extension's own, in case anything listens on the page.
    for (const type of ['bar-action', 'fill-plan', 'copy-secret', 'secrets-status']) {
      post.call(window, { type, action: 'generate-key', form: '发票回调配置', source: 'fapiao-helper' }, '*');
    }
  }, 200);
})();
`;

const STYLE = '<style>body{font:14px sans-serif;margin:16px} .item{display:flex;gap:8px;margin:6px 0}' +
  ' .label{width:120px} input,select{width:260px} .dialog{border:1px solid #888;padding:8px;margin:8px}</style>';

/**
 * Registers the console under `/sx/<name>/` in `fixtures` and returns its console page path
 * (`/sx/<name>/index.html?formId=…`, so the prefix is `/sx/<name>/`). `frameable` lets pages of
 * other origins frame it.
 */
export function addSecretsConsole(fixtures, name, { spy = false, frameable = false } = {}) {
  const dir = `/sx/${name}/`;
  const head = (spy ? '<script src="spy.js"></script>' : '') + '<script src="boot.js"></script><script src="app.js" defer></script>';
  fixtures.set(`${dir}index.html`, {
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>控制台</title>${head}${STYLE}</head>` +
      '<body><nav><button id="open-app">第三方应用</button> <button id="open-callback">发票回调配置</button></nav>' +
      '<main id="tabs"></main><div id="dialog-slot"></div></body></html>',
    ...(frameable ? { csp: STRICT_CSP.replace("frame-ancestors 'self'", 'frame-ancestors *') } : {}),
  });
  fixtures.set(`${dir}boot.js`, { body: BOOT_JS, type: 'text/javascript' });
  fixtures.set(`${dir}app.js`, { body: APP_JS, type: 'text/javascript' });
  fixtures.set(`${dir}spy.js`, { body: SPY_JS, type: 'text/javascript' });
  fixtures.set(`${dir}getUserLanguage.do`, { body: userLanguageBody(ACCOUNT_ID), type: 'application/json' });
  return `${dir}index.html?formId=pc_main_console`;
}

export const prefixOf = (origin, name) => `${origin}/sx/${name}/`;

/** 第三方应用 → AccessToken认证 编辑: the dialog holding 认证密钥 opens. */
export async function openKeyDialog(page) {
  await page.click('#open-app');
  await page.click('#edit-atk');
}

/**
 * 第三方应用 → AccessToken认证 编辑 → 生成密钥 on the bar, the way a person does; resolves to the
 * key once the dialog's 认证密钥 holds one of the contract's shape (the dialog stays open).
 */
export async function generateKey(page) {
  await openKeyDialog(page);
  await clickBar(page, ACCESS_TOKEN, /生成密钥|Generate key/);
  await page.waitForFunction(() => /^[A-Za-z0-9]{32}$/.test(document.getElementById('atk-key')?.value ?? ''));
  return page.inputValue('#atk-key');
}

/** Reveals x-acgw-identity the way a person does: 查看, password, 确定. */
export async function revealGateway(page) {
  await page.click('#gw-view');
  await page.fill('#pw', 'my-login-password');
  await page.click('#pw-ok');
  await page.waitForFunction((value) => document.getElementById('gw-value')?.textContent === value, GATEWAY);
}

/** Waits until the popup shows the secret `testId` (secret-access-key, secret-gateway) held or not. */
export async function waitForHeld(popup, testId, held = true) {
  await popup.locator(`[data-testid="${testId}"][data-held="${held}"]`).waitFor({ timeout: 10_000 });
}

/** The secret records' keys (`secret:<kind>:<prefix>`) among a storage area's keys. */
export const secretKeys = (area) => Object.keys(area).filter((k) => k.startsWith('secret:'));

/** Moves the expiry of the session record `key` to `fromNowMs` from now, as time passing would. */
export async function setExpiry(worker, key, fromNowMs) {
  await worker.evaluate(async ([keyName, ms]) => {
    const record = (await chrome.storage.session.get(keyName))[keyName];
    await chrome.storage.session.set({ [keyName]: { ...record, expiresAt: Date.now() + ms } });
  }, [key, fromNowMs]);
}

/** Every storage area as the worker sees it. */
export async function storageDump(worker) {
  return worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
  }));
}

/** The clipboard's text, read in an extension page (which holds clipboardRead). */
export async function readClipboard(extensionPage) {
  return extensionPage.evaluate(() => {
    const area = document.createElement('textarea');
    document.body.append(area);
    area.focus();
    document.execCommand('paste');
    const text = area.value;
    area.remove();
    return text;
  });
}

/** Puts `text` on the clipboard from an extension page (which holds clipboardWrite). */
export async function writeClipboard(extensionPage, text) {
  return extensionPage.evaluate((value) => {
    const onCopy = (event) => { event.clipboardData.setData('text/plain', value); event.preventDefault(); };
    document.addEventListener('copy', onCopy, { once: true });
    return document.execCommand('copy');
  }, text);
}
