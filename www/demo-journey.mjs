//! The demo journey `cargo xtask demo` walks: a person's steps through the demo console with
//! the extension loaded, from the login page to a fully filled 发票回调配置:
//! log in, reach the console, open the helper's popup for that tab; 开放服务云 → 第三方应用 →
//! invoiceupload → AccessToken认证 编辑 → 生成密钥 on the bar → 确定; 认证凭证 查看 + password →
//! 记住网关; the popup holding both secrets, masked; 发票服务 → 系统管理 → 发票回调配置 → 填充 →
//! 保存 (what the page's own framework believes) → 撤销; the 授权邮件 pasted, 发票云授权配置 filled
//! and tested; the side panel's checklist (星空旗舰版, the saved forms ticked); the standalone
//! page with a pasted mail. A list of steps, so later issues add theirs.
//!
//! Every click on the helper's bar is a real (trusted) input event, as a person's is. Secrets are
//! printed masked (last 4 characters), never whole: everything printed goes through `redact`.
//!
//! Headless (the default, and whenever there is no display) it saves numbered screenshots in
//! `--out` (target/demo/) and prints what the helper found; `--headed` leaves the browser open
//! for a person until Ctrl-C. Exits non-zero, naming the step, when a step fails (with a
//! `failed-NN.png` screenshot of that moment).
//!
//! Then the same journey on the Cosmic runtime variant (/cosmic/: the real web client's shapes,
//! 发票回调配置 inside an iframe, a 新增 row first in the F7 dropdown), with `cosmic-NN-*.png`
//! screenshots.
//!
//! usage: node www/demo-journey.mjs [--origin http://127.0.0.1:PORT] [--out DIR] [--headed]
//!        [--lang zh-CN|en]
//! Without --origin it serves dist/demo/ itself.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openPopup, readPopup, repoRoot, startServer, tabIdFor } from '../tools/driver/browser.mjs';
import { bar, clickBar, fill, idleBar, undo } from '../tools/driver/bar.mjs';
import { CALLBACK_MENU, DEMO_PASSWORD, modal, openFromMenu, save, submittedState, THIRD_PARTY_APPS_MENU } from '../tools/driver/demo-steps.mjs';
import { connectionTest, INVOICE_CLOUD_AUTH_MENU, openFromMenuPath } from '../tools/driver/demo-steps.mjs';
import { ACTIVATIONS, SAMPLE_MAILS } from './demo/fixtures/activation-mails.mjs';
import { cosmicSteps, printCosmic } from './demo-journey-cosmic.mjs';

const LOGIN_BUTTON = /^\s*登\s*录\s*$|^\s*(log\s*in|sign\s*in)\s*$/i;
const CONSOLE_URL = /\/index\.html\?(.*&)?formId=pc_main_console/;
const DEMO_USER = 'demo-admin';

const CALLBACK = '发票回调配置';
const ACCESS_TOKEN = 'AccessToken认证';
const THIRD_PARTY_APP = '第三方应用';
const APP_CODE = 'invoiceupload';
const FIELDS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];
/** Fields whose values are secrets: printed masked only. */
const SECRET_FIELDS = new Set(['第三方应用密码', '网关']);
const KEY_SHAPE = /^[A-Za-z0-9]{32}$/;

// --- secrets never printed whole --------------------------------------------------------------------

/** Every secret the journey has seen; `redact` masks each wherever it appears in printed text. */
const secrets = new Set();

/** `••••••••Ab3x (32 字符/chars)`: the last 4 characters, and only when there are enough to hide. */
function mask(value) {
  const v = String(value ?? '');
  if (!v) return '(空 / empty)';
  const tail = v.length >= 12 ? v.slice(-4) : '';
  return `${'•'.repeat(8)}${tail} (${v.length} 字符/chars)`;
}

function redact(text) {
  let out = String(text);
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(mask(s));
  return out;
}

const say = (text = '') => console.log(redact(text));
const complain = (text = '') => console.error(redact(text));

// --- what the bar shows, for the printout -----------------------------------------------------------
// The steps on the demo console and on the assistant bar (trusted clicks, DESIGN.md's contract
// only) are the ones the E2E tests take too: tools/driver/demo-steps.mjs and tools/driver/bar.mjs.

/** `[{field, outcome, text}]` per row of the bar. */
async function barRows(page, form) {
  return bar(page, form).locator('[data-field]').evaluateAll((rows) => rows.map((r) => ({
    field: r.getAttribute('data-field'),
    outcome: r.getAttribute('data-outcome'),
    text: r.textContent.replace(/\s+/g, ' ').trim(),
  })));
}

/** The bar's visible text, for the printout (it shows secrets masked, never whole). */
async function barText(page, form) {
  return bar(page, form).evaluate((host) => [...(host.shadowRoot?.children ?? [])]
    .filter((el) => el.localName !== 'style')
    .map((el) => el.innerText)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim());
}

// --- the steps --------------------------------------------------------------------------------------

/**
 * Each step: a name a person understands, what it does, and the screenshot it leaves (of the
 * console page unless `shotOf` names another page; `fullPage` for the whole page).
 */
const steps = [
  {
    name: '打开登录页 / open the login page',
    screenshot: '01-login.png',
    async run(j) {
      j.page = await j.browser.context.newPage();
      await j.page.goto(`${j.origin}/ierp/login.html`);
      await j.page.getByRole('button', { name: LOGIN_BUTTON }).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: '登录 / log in',
    async run(j) {
      await j.page.locator('input:not([type=password]):visible').first().fill(DEMO_USER);
      await j.page.locator('input[type=password]:visible').first().fill(DEMO_PASSWORD);
      await j.page.getByRole('button', { name: LOGIN_BUTTON }).click();
      await j.page.waitForURL(CONSOLE_URL, { timeout: 15_000 });
    },
  },
  {
    name: '进入控制台 / reach the console',
    screenshot: '02-console.png',
    async run(j) {
      await j.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
      j.found.consoleUrl = j.page.url();
    },
  },
  {
    name: '打开助手弹窗 / open the helper popup for this tab',
    screenshot: '03-popup.png',
    shotOf: (j) => j.popup,
    async run(j) {
      j.popup = await openPopup(j.browser.context, j.browser.extensionId, j.page);
      await j.popup.setViewportSize({ width: 460, height: 720 });
      const status = j.popup.getByTestId('status');
      await status.waitFor({ timeout: 15_000 });
      // The state settles once the worker has answered; `ready` is what the demo should reach.
      await j.popup.locator('[data-testid="status"][data-state="ready"]')
        .waitFor({ timeout: 15_000 })
        .catch(() => {});
      const seen = await readPopup(j.popup);
      Object.assign(j.found, seen, { message: (await status.textContent())?.replace(/\s+/g, ' ').trim() });
      if (seen.state !== 'ready') {
        throw new Error(`the popup says data-state="${seen.state}" (${j.found.message}), expected "ready"`);
      }
    },
  },
  {
    name: '开放服务云 → OpenApi → 安全策略 → 第三方应用 / open the third-party apps list',
    async run(j) {
      await j.page.bringToFront();
      await openFromMenu(j.page, THIRD_PARTY_APPS_MENU);
      await j.page.getByText(APP_CODE, { exact: true }).first().waitFor({ timeout: 10_000 });
    },
  },
  {
    name: `打开 ${APP_CODE} 应用 / open the ${APP_CODE} app`,
    async run(j) {
      await j.page.getByText(APP_CODE, { exact: true }).first().click();
      await j.page.getByText('访问策略', { exact: true }).first().waitFor({ timeout: 10_000 });
      await j.page.getByText('x-acgw-identity', { exact: true }).first().waitFor({ timeout: 10_000 });
    },
  },
  {
    name: `${ACCESS_TOKEN} 编辑 → 助手栏 生成密钥 / edit ${ACCESS_TOKEN}, 生成密钥 on the bar`,
    screenshot: '04-generate-key.png',
    async run(j) {
      // The first 编辑 of 访问策略 is the AccessToken认证 row (摘要认证 comes second).
      await j.page.getByText('编辑', { exact: true }).first().click();
      const dialog = modal(j.page, ACCESS_TOKEN);
      await dialog.waitFor({ timeout: 10_000 });
      await clickBar(j.page, ACCESS_TOKEN, /生成密钥|Generate key/);
      const input = dialog.locator('input').first();
      await j.page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await input.elementHandle(), { timeout: 10_000 })
        .catch(() => { throw new Error('认证密钥 did not receive a 32-character key after 生成密钥'); });
      const key = await input.inputValue();
      secrets.add(key);
      if (!KEY_SHAPE.test(key)) throw new Error(`the generated key does not have the contract's shape: ${key}`);
      j.found.accessTokenKey = key;
      j.found.keyBar = await barText(j.page, ACCESS_TOKEN);
    },
  },
  {
    name: '确定 / confirm the key (the console never shows it again)',
    async run(j) {
      const dialog = modal(j.page, ACCESS_TOKEN);
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      const state = await submittedState(j.page, THIRD_PARTY_APP);
      if (state.accessTokenKey !== j.found.accessTokenKey) {
        throw new Error(`the console holds ${mask(state.accessTokenKey)} as the AccessToken key, not the generated one`);
      }
    },
  },
  {
    name: '认证凭证 查看 → 输入密码 → 确定 / reveal x-acgw-identity with the login password',
    async run(j) {
      await j.page.getByRole('button', { name: /^\s*查\s*看\s*$/ }).click();
      const identity = modal(j.page, '身份验证');
      await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
      await identity.getByRole('button', { name: /确\s*定/ }).click();
      await identity.waitFor({ state: 'detached', timeout: 10_000 });
      // The demo's own markup (not the helper's contract): the credential shown as text.
      const shown = (await j.page.locator('.credential-value').first().textContent())?.trim() ?? '';
      if (shown.length < 16 || shown.includes('*')) throw new Error('x-acgw-identity is still masked after 查看');
      secrets.add(shown);
      j.found.gateway = shown;
    },
  },
  {
    name: '助手栏 记住网关 / 记住网关 on the bar',
    screenshot: '05-remember-gateway.png',
    async run(j) {
      await clickBar(j.page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
      j.found.gatewayBar = await barText(j.page, THIRD_PARTY_APP);
    },
  },
  {
    name: '弹窗显示已保管的密钥（掩码）/ the popup shows the held secrets, masked',
    screenshot: '06-popup-secrets.png',
    shotOf: (j) => j.popup,
    fullPage: true,
    async run(j) {
      await j.popup.bringToFront();
      for (const [id, value] of [['secret-access-key', j.found.accessTokenKey], ['secret-gateway', j.found.gateway]]) {
        await j.popup.locator(`[data-testid="${id}"][data-held="true"]`).waitFor({ timeout: 10_000 })
          .catch(() => { throw new Error(`the popup does not show ${id} as held`); });
        const shown = (await j.popup.getByTestId(id).textContent())?.trim() ?? '';
        if (!shown.endsWith(value.slice(-4))) throw new Error(`the popup's ${id} does not end in the secret's last 4 characters`);
        j.found[id] = shown;
      }
      const whole = await j.popup.evaluate((values) => {
        const all = document.documentElement.outerHTML + document.body.innerText;
        return values.some((v) => all.includes(v));
      }, [j.found.accessTokenKey, j.found.gateway]);
      if (whole) throw new Error('the popup shows a secret whole');
      await j.popup.locator('[data-role="secrets"]').scrollIntoViewIfNeeded().catch(() => {});
    },
  },
  {
    name: `发票服务 → 系统管理 → ${CALLBACK} / open ${CALLBACK}`,
    async run(j) {
      await j.page.bringToFront();
      await openFromMenu(j.page, CALLBACK_MENU);
      await idleBar(j.page, CALLBACK).catch(() => { throw new Error(`no assistant bar appeared on ${CALLBACK}`); });
    },
  },
  {
    name: '助手栏 填充 / 填充 on the bar',
    screenshot: '07-filled.png',
    async run(j) {
      await fill(j.page, CALLBACK);
      j.rows = await barRows(j.page, CALLBACK);
      j.found.fillBar = await barText(j.page, CALLBACK);
      await j.shoot('07-filled-bar.png', bar(j.page, CALLBACK));
      const wrong = j.rows.filter((r) => r.outcome !== 'filled');
      if (wrong.length) throw new Error(`not filled: ${wrong.map((r) => `${r.field}=${r.outcome}`).join(', ')}`);
      const missing = FIELDS.filter((f) => !j.rows.some((r) => r.field === f));
      if (missing.length) throw new Error(`the bar has no row for ${missing.join(', ')}`);
    },
  },
  {
    name: '保存 → 读取页面提交的状态 / 保存, then read what the page believes',
    async run(j) {
      const state = await save(j.page, CALLBACK);
      j.submitted = state.values ?? {};
      const expected = {
        请求地址: j.found.prefix,
        数据中心id: j.found.accountId,
        第三方应用: APP_CODE,
        第三方应用密码: j.found.accessTokenKey,
        网关: j.found.gateway,
      };
      const wrong = FIELDS.filter((f) => j.submitted[f] !== expected[f]);
      if (wrong.length || !state.saved) {
        const show = (f, v) => (SECRET_FIELDS.has(f) ? mask(v) : JSON.stringify(v));
        throw new Error(`the page saved ${wrong.map((f) => `${f}=${show(f, j.submitted[f])} (expected ${show(f, expected[f])})`).join(', ')}` +
          (state.saved ? '' : `; missing: ${(state.missing ?? []).join('、')}`));
      }
    },
  },
  {
    name: '助手栏 撤销 / 撤销 on the bar',
    screenshot: '08-undone.png',
    async run(j) {
      await undo(j.page, CALLBACK);
      j.undoBar = await barText(j.page, CALLBACK);
    },
  },
  {
    name: '撤销后再保存：页面回到填充前 / 保存 again: the page holds what it held before',
    async run(j) {
      const state = await save(j.page, CALLBACK);
      j.afterUndo = state.values ?? {};
      const left = FIELDS.filter((f) => j.afterUndo[f] !== '');
      if (left.length) throw new Error(`撤销 left values in ${left.join(', ')}`);
    },
  },
  // The 授权邮件: pasted in the popup (the demo's own sample, whose credentials its 连接测试
  // knows), its first enterprise chosen, then 发票云授权配置 filled from it and tested.
  {
    name: '弹窗粘贴授权邮件并选择企业 / paste the 授权邮件 in the popup, choose the enterprise',
    screenshot: '09-pasted.png',
    shotOf: (j) => j.popup,
    async run(j) {
      const [enterprise] = ACTIVATIONS.prod.enterprises;
      for (const e of [...ACTIVATIONS.prod.enterprises, ACTIVATIONS.prod.tenant]) {
        secrets.add(e.clientSecret);
        secrets.add(e.encryptKey);
      }
      j.popup = await openPopup(j.browser.context, j.browser.extensionId, j.page);
      await j.popup.setViewportSize({ width: 460, height: 720 });
      await j.popup.getByTestId('paste-input').fill(SAMPLE_MAILS.prod);
      await j.popup.getByTestId('paste-read').click();
      await j.popup.locator('[data-testid="paste-result"][data-state="ok"]').waitFor({ timeout: 10_000 });
      await j.popup.locator(`[data-testid="enterprise"][data-tax-id="${enterprise.taxId}"]`).click();
      await j.popup.locator(`[data-testid="enterprise"][data-tax-id="${enterprise.taxId}"][data-selected="true"]`).waitFor({ timeout: 10_000 });
      say(`      ${enterprise.name} ${enterprise.taxId} (正式环境 / prod)`);
    },
  },
  {
    name: '发票云 → 系统管理 → 发票云授权配置 → 填充 / open 发票云授权配置, 填充',
    screenshot: '10-auth-filled.png',
    async run(j) {
      const form = '发票云授权配置';
      await j.page.bringToFront();
      await openFromMenuPath(j.page, INVOICE_CLOUD_AUTH_MENU);
      await idleBar(j.page, form).catch(() => { throw new Error(`no assistant bar appeared on ${form}`); });
      await fill(j.page, form);
      const rows = await barRows(j.page, form);
      for (const r of rows) say(`      ${pad(r.field, 18)}${OUTCOMES[r.outcome] ?? r.outcome}`);
      const wrong = rows.filter((r) => r.field !== '代理' && r.outcome !== 'filled');
      if (wrong.length) throw new Error(`not filled: ${wrong.map((r) => `${r.field}=${r.outcome}`).join(', ')}`);
    },
  },
  {
    name: '保存 → 连接测试 / 保存, then 连接测试',
    screenshot: '11-auth-tested.png',
    async run(j) {
      const form = '发票云授权配置';
      const state = await save(j.page, form);
      if (!state.saved) throw new Error(`the page did not save: missing ${(state.missing ?? []).join('、')}`);
      const answer = await connectionTest(j.page, form);
      say(`      连接测试 / connection test: ${answer.message}`);
      if (!answer.ok) throw new Error(`连接测试 answered ${answer.message}`);
    },
  },
  // The side panel beside the console: the product its 发票服务 menu tells, the steps the
  // journey completed ticked by the helper (a clean 填充, then the console's 保存).
  {
    name: '侧边栏：配置清单 / the side panel: the setup checklist',
    screenshot: '12-side-panel.png',
    shotOf: (j) => j.sidePanel,
    async run(j) {
      const tabId = await tabIdFor(j.browser.worker, j.page);
      j.sidePanel = await j.browser.context.newPage();
      await j.sidePanel.setViewportSize({ width: 420, height: 900 });
      await j.sidePanel.goto(`chrome-extension://${j.browser.extensionId}/sidepanel/sidepanel.html?tab=${tabId}`);
      const list = j.sidePanel.locator('[data-testid="checklist"][data-product="flagship"]');
      await list.waitFor({ timeout: 10_000 }).catch(() => { throw new Error('the side panel did not preselect 星空旗舰版 (flagship)'); });
      for (const id of ['invoice-callback', 'access-token-auth']) {
        await list.locator(`[data-step="${id}"][data-done="true"]`).waitFor({ timeout: 10_000 })
          .catch(() => { throw new Error(`the side panel does not show ${id} done`); });
      }
      const done = await list.locator('[data-step][data-done="true"]').evaluateAll((els) => els.map((e) => e.dataset.step));
      say(`      已完成 / done: ${done.join(', ')}`);
    },
  },
  {
    name: '独立页面（无需安装）/ the standalone page (no install)',
    screenshot: '13-standalone.png',
    shotOf: (j) => j.standalone,
    async run(j) {
      j.standalone = await j.browser.context.newPage();
      await j.standalone.setViewportSize({ width: 900, height: 1100 });
      await j.standalone.goto(`${j.origin}/standalone/`);
      await j.standalone.locator('html[data-ready="true"]').waitFor({ timeout: 15_000 });
      await j.standalone.getByTestId('paste-input').fill(SAMPLE_MAILS.prod);
      await j.standalone.getByTestId('paste-read').click();
      await j.standalone.locator('[data-testid="paste-result"][data-state="ok"]').waitFor({ timeout: 10_000 });
      // The mail's text holds its secrets: out of the box before the screenshot (what was read stays).
      await j.standalone.getByTestId('paste-input').fill('');
      await j.standalone.getByTestId('enterprise').first().click();
      await j.standalone.getByTestId('product').selectOption('cosmic-6');
      await j.standalone.locator('[data-testid="checklist"][data-product="cosmic-6"] [data-step]').first().waitFor({ timeout: 10_000 });
      const shown = await j.standalone.evaluate(() => document.body.innerText);
      if ([...secrets].some((s) => s.length >= 8 && shown.includes(s))) throw new Error('the standalone page shows a secret whole');
    },
  },
];

// --- the printout -----------------------------------------------------------------------------------

/** Display width in a terminal: CJK and full-width characters take two columns. */
const widthOf = (s) => [...String(s)].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6•]/.test(ch) ? (ch === '•' ? 1 : 2) : 1), 0);
const pad = (s, width) => `${s}${' '.repeat(Math.max(1, width - widthOf(s)))}`;

const FOUND_LABELS = [
  ['consoleUrl', '控制台页面 / console page'],
  ['state', '弹窗状态 / popup state'],
  ['prefix', '前缀 / prefix'],
  ['appTokenUrl', 'getAppToken.do'],
  ['loginUrl', 'login.do'],
  ['accountId', '数据中心 id / accountId'],
];

const OUTCOMES = {
  filled: '已填充 / filled',
  unchanged: '原值正确 / unchanged',
  conflict: '冲突，未改动 / conflict, left alone',
  'no-value': '无可填的值 / no value',
  'not-found': '未找到 / not found',
  failed: '未生效 / failed',
};

function printFound(j) {
  const { found } = j;
  say('\n助手找到的 / what the helper found:');
  for (const [key, label] of FOUND_LABELS) {
    if (found[key] !== undefined) say(`  ${pad(label, 30)}${found[key] ?? '(none)'}`);
  }
  if (found.accessTokenKey || found.gateway) {
    say('\n助手保管的密钥（只显示末 4 位）/ secrets the helper holds (last 4 characters only):');
    if (found.accessTokenKey) say(`  ${pad('第三方应用密码 / AccessToken key', 40)}${mask(found.accessTokenKey)}  (生成 / generated)`);
    if (found.gateway) say(`  ${pad('网关 x-acgw-identity / gateway', 40)}${mask(found.gateway)}  (从页面读取 / read from the page)`);
    if (found['secret-access-key']) say(`  ${pad('弹窗显示 / popup shows', 40)}${found['secret-access-key']} · ${found['secret-gateway'] ?? '—'}`);
    if (found.keyBar) say(`  ${pad('生成密钥后助手栏 / bar after 生成密钥', 40)}${found.keyBar}`);
    if (found.gatewayBar) say(`  ${pad('记住网关后助手栏 / bar after 记住网关', 40)}${found.gatewayBar}`);
  }
  if (j.rows) {
    say(`\n${CALLBACK} 逐项 / field by field:`);
    say(`  ${pad('字段 / field', 18)}${pad('页面保存的值 / value the page saved', 44)}结果 / outcome`);
    for (const row of j.rows) {
      const value = j.submitted ? j.submitted[row.field] : undefined;
      const shown = value === undefined ? '—' : SECRET_FIELDS.has(row.field) ? mask(value) : value || '(空 / empty)';
      say(`  ${pad(row.field, 18)}${pad(shown, 44)}${OUTCOMES[row.outcome] ?? row.outcome}`);
    }
    if (found.fillBar) say(`  助手栏 / bar: ${found.fillBar}`);
  }
  if (j.afterUndo) {
    const empty = FIELDS.every((f) => j.afterUndo[f] === '');
    say(`\n撤销后 / after 撤销: ${empty ? '五项皆空，与填充前相同 / all five empty, as before the fill' : JSON.stringify(j.afterUndo)}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      origin: { type: 'string' },
      out: { type: 'string', default: 'target/demo' },
      headed: { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
      extension: { type: 'string', default: 'dist/extension-e2e' },
      lang: { type: 'string', default: 'zh-CN' },
    },
  });
  const headless = values.headless || !values.headed;
  const out = resolve(repoRoot, values.out);
  await mkdir(out, { recursive: true });
  // Screenshots of an earlier walk would pass for this one's.
  for (const file of await readdir(out)) {
    if (/^((cosmic-)?\d\d-.*|(cosmic-)?failed-\d\d)\.png$/.test(file)) await rm(join(out, file), { force: true });
  }

  const server = values.origin ? null : await startServer();
  const origin = values.origin ?? server.origin;
  // The extension's UI language is the browser's: Chromium on Linux takes it from LANGUAGE.
  process.env.LANGUAGE = values.lang.replace('-', '_');
  const browser = await launchBrowser({ extensionDir: values.extension, headless, args: [`--lang=${values.lang}`] });
  const journey = { origin, browser, found: {}, page: null, popup: null, rows: null, submitted: null, afterUndo: null };
  /** Saves a screenshot of `target` (a page or a locator) as `file` in the output directory. */
  journey.shoot = async (file, target, options = {}) => {
    await target.screenshot({ path: join(out, file), ...options });
    say(`      screenshot ${join(values.out, file)}`);
  };
  let failed = null;
  /** Walks `list`, numbering steps `[tag i/n]`; remembers the first failure and its screenshot. */
  const walk = async (list, tag = '', shotPrefix = '') => {
    for (const [i, step] of list.entries()) {
      say(`[${tag}${i + 1}/${list.length}] ${step.name}`);
      try {
        await step.run(journey);
        if (step.screenshot) {
          const target = step.shotOf?.(journey) ?? journey.page;
          await journey.shoot(step.screenshot, target, { fullPage: !!step.fullPage });
        }
      } catch (error) {
        failed = { step, index: i, error, shot: `${shotPrefix}failed-${String(i + 1).padStart(2, '0')}.png` };
        const target = (step.shotOf?.(journey)) ?? journey.page;
        await target?.screenshot({ path: join(out, failed.shot) }).catch(() => {});
        return false;
      }
    }
    return true;
  };
  try {
    if (await walk(steps)) {
      printFound(journey);
      say('\nCosmic 运行时控制台 / the Cosmic runtime console (/cosmic/):');
      journey.cosmic = { found: {} };
      await walk(cosmicSteps({ say, secrets, mask }), 'Cosmic ', 'cosmic-');
      printCosmic(journey, { say, mask, pad, OUTCOMES });
    } else {
      printFound(journey);
    }
    if (failed) {
      const problems = browser.consoleMessages.filter((m) => m.type === 'error' || m.type === 'pageerror');
      if (problems.length) {
        complain('\nerrors the browser reported:');
        for (const m of problems.slice(-10)) complain(`  [${m.source}] ${m.text}`);
      }
      const shot = join(values.out, failed.shot);
      complain(`\ndemo step ${failed.index + 1} "${failed.step.name}" failed: ${failed.error.message}`);
      complain(`(screenshot of that moment: ${shot})`);
      process.exitCode = 1;
      return;
    }
    say(`\nall ${steps.length} steps passed; screenshots in ${values.out}/`);
    say(`Cosmic 运行时控制台 / Cosmic runtime console: all ${cosmicSteps({}).length} steps passed (cosmic-*.png)`);
    if (!headless) {
      say('the browser stays open for you; press Ctrl-C to quit');
      await new Promise((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        browser.context.once('close', done);
      });
    }
  } finally {
    await browser.close();
    await server?.close();
  }
}

main().catch((error) => {
  complain(`demo failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
