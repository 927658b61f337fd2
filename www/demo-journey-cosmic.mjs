//! The demo journey's second part (www/demo-journey.mjs): the same person's steps on the Cosmic
//! runtime variant under /cosmic/ — the real web client's shapes: a login page that lists every
//! data centre, captions in title wrappers, `<div>` buttons, 访问策略 as titled cards,
//! 发票回调配置 inside a same-origin iframe, and an F7 dropdown whose first row is 新增. The popup
//! must show the accountId of the console's own getUserLanguage.do, never a data centre's.
import { openPopup, readPopup } from '../tools/driver/browser.mjs';
import { bar, clickBar, fill, idleBar, undo } from '../tools/driver/bar.mjs';
import {
  COSMIC_CALLBACK_MENU, COSMIC_THIRD_PARTY_APPS_MENU, DEMO_PASSWORD, cosmicButton, cosmicDialog, cosmicFrame, cosmicPage,
  cosmicSave, cosmicSubmittedState, loginToCosmicConsole, openFromCosmicMenu,
} from '../tools/driver/demo-steps.mjs';
import { COSMIC_DATACENTERS } from './serve.mjs';

const CALLBACK = '发票回调配置';
const ACCESS_TOKEN = 'AccessToken认证';
const THIRD_PARTY_APP = '第三方应用';
const FIELDS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];
const SECRET_FIELDS = new Set(['第三方应用密码', '网关']);

/** The steps; `secrets` collects what must only ever be printed masked. */
export function cosmicSteps({ secrets = new Set(), mask = String } = {}) {
  return [
    {
      name: '登录（数据中心列表来自 getAllDatacenters.do）/ log in (the data centre list comes from getAllDatacenters.do)',
      screenshot: 'cosmic-01-console.png',
      async run(j) {
        j.page = await j.browser.context.newPage();
        await loginToCosmicConsole(j.page, j.origin);
        j.cosmic.found.consoleUrl = j.page.url();
      },
    },
    {
      name: '打开助手弹窗：数据中心 id 来自 getUserLanguage.do / the popup: accountId from getUserLanguage.do',
      screenshot: 'cosmic-02-popup.png',
      shotOf: (j) => j.popup,
      async run(j) {
        j.popup = await openPopup(j.browser.context, j.browser.extensionId, j.page);
        await j.popup.setViewportSize({ width: 460, height: 720 });
        await j.popup.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 15_000 }).catch(() => {});
        const seen = await readPopup(j.popup);
        Object.assign(j.cosmic.found, seen);
        if (seen.state !== 'ready') throw new Error(`the popup says data-state="${seen.state}", expected "ready"`);
        if (COSMIC_DATACENTERS.some((c) => c.accountId === seen.accountId)) {
          throw new Error(`the popup took ${seen.accountId} from the login page's list of every data centre`);
        }
      },
    },
    {
      name: `第三方应用 → invoiceupload → ${ACCESS_TOKEN} 卡片 编辑 → 生成密钥 → 确定 / generate the key on the card's dialog`,
      async run(j) {
        await j.page.bringToFront();
        await openFromCosmicMenu(j.page, COSMIC_THIRD_PARTY_APPS_MENU);
        await cosmicPage(j.page).getByText('invoiceupload', { exact: true }).click();
        await cosmicPage(j.page).locator('.kd-cq-card').filter({ hasText: ACCESS_TOKEN }).getByText('编辑', { exact: true }).click();
        const dialog = cosmicDialog(j.page, ACCESS_TOKEN);
        await dialog.waitFor({ timeout: 10_000 });
        await clickBar(j.page, ACCESS_TOKEN, /生成密钥|Generate key/);
        const input = dialog.locator('input').first();
        await j.page.waitForFunction((el) => /^[A-Za-z0-9]{32}$/.test(el.value), await input.elementHandle(), { timeout: 10_000 })
          .catch(() => { throw new Error('认证密钥 did not receive a 32-character key after 生成密钥'); });
        const key = await input.inputValue();
        secrets.add(key);
        j.cosmic.found.accessTokenKey = key;
        await j.shoot('cosmic-03-generate-key.png', j.page);
        await cosmicButton(dialog, '确定').click();
        await dialog.waitFor({ state: 'detached', timeout: 10_000 });
        if ((await cosmicSubmittedState(j.page, THIRD_PARTY_APP)).accessTokenKey !== key) {
          throw new Error(`the console holds another AccessToken key than ${mask(key)}`);
        }
      },
    },
    {
      name: '认证凭证 查看 → 密码 → 记住网关 / reveal x-acgw-identity, 记住网关 on the bar',
      async run(j) {
        await cosmicPage(j.page).locator('.kd-cq-credential').getByText('查看').click();
        const identity = cosmicDialog(j.page, '身份验证');
        await identity.locator('input[type="password"]').fill(DEMO_PASSWORD);
        await cosmicButton(identity, '确定').click();
        await identity.waitFor({ state: 'detached', timeout: 10_000 });
        const shown = (await cosmicPage(j.page).locator('.credential-value').textContent())?.trim() ?? '';
        if (shown.length < 16 || shown.includes('*')) throw new Error('x-acgw-identity is still masked after 查看');
        secrets.add(shown);
        j.cosmic.found.gateway = shown;
        await clickBar(j.page, THIRD_PARTY_APP, /记住网关|Remember gateway/);
      },
    },
    {
      name: `${CALLBACK}（表单在 iframe 里）→ 填充 / ${CALLBACK} inside its iframe → 填充`,
      screenshot: 'cosmic-04-filled.png',
      async run(j) {
        await openFromCosmicMenu(j.page, COSMIC_CALLBACK_MENU);
        const frame = cosmicFrame(j.page);
        await idleBar(frame, CALLBACK).catch(() => { throw new Error(`no assistant bar appeared on ${CALLBACK} in its iframe`); });
        await fill(frame, CALLBACK);
        j.cosmic.rows = await bar(frame, CALLBACK).locator('[data-field]').evaluateAll((rows) =>
          rows.map((r) => ({ field: r.getAttribute('data-field'), outcome: r.getAttribute('data-outcome') })));
        const wrong = j.cosmic.rows.filter((r) => r.outcome !== 'filled');
        if (wrong.length) throw new Error(`not filled: ${wrong.map((r) => `${r.field}=${r.outcome}`).join(', ')}`);
      },
    },
    {
      name: '保存（工具栏的 div）→ 页面保存的值；F7 的 新增 从未被选 / 保存 (a div): what the page saved; 新增 never chosen',
      async run(j) {
        const state = await cosmicSave(cosmicFrame(j.page), CALLBACK);
        j.cosmic.submitted = state.values ?? {};
        const f = j.cosmic.found;
        const expected = { 请求地址: f.prefix, 数据中心id: f.accountId, 第三方应用: 'invoiceupload', 第三方应用密码: f.accessTokenKey, 网关: f.gateway };
        const wrong = FIELDS.filter((k) => j.cosmic.submitted[k] !== expected[k]);
        if (wrong.length || !state.saved) throw new Error(`the page saved other values for ${wrong.join(', ') || '(missing fields)'}`);
        if (state.addNewOpened) throw new Error('the F7 dropdown’s 新增 row was chosen');
      },
    },
    {
      name: '撤销 → 保存：页面回到填充前 / 撤销, 保存: the page holds what it held before',
      screenshot: 'cosmic-05-undone.png',
      async run(j) {
        const frame = cosmicFrame(j.page);
        await undo(frame, CALLBACK);
        j.cosmic.afterUndo = (await cosmicSave(frame, CALLBACK)).values ?? {};
        const left = FIELDS.filter((k) => j.cosmic.afterUndo[k] !== '');
        if (left.length) throw new Error(`撤销 left values in ${left.join(', ')}`);
      },
    },
  ];
}

/** What the helper found on the Cosmic console, secrets masked. */
export function printCosmic(j, { say, mask, pad, OUTCOMES }) {
  const { found, rows, submitted, afterUndo } = j.cosmic ?? {};
  if (!found) return;
  say('\nCosmic 控制台上助手找到的 / what the helper found on the Cosmic console:');
  for (const [key, label] of [['prefix', '前缀 / prefix'], ['accountId', '数据中心 id / accountId']]) {
    if (found[key] !== undefined) say(`  ${pad(label, 30)}${found[key]}`);
  }
  if (found.accountId) say(`  ${pad('登录页列出的数据中心 / listed data centres', 30)}${COSMIC_DATACENTERS.map((c) => c.accountId).join(', ')} (未采用 / not taken)`);
  for (const row of rows ?? []) {
    const value = submitted ? submitted[row.field] : undefined;
    const shown = value === undefined ? '—' : SECRET_FIELDS.has(row.field) ? mask(value) : value || '(空 / empty)';
    say(`  ${pad(row.field, 18)}${pad(shown, 44)}${OUTCOMES[row.outcome] ?? row.outcome}`);
  }
  if (afterUndo) say(`  撤销后 / after 撤销: ${FIELDS.every((f) => afterUndo[f] === '') ? '五项皆空 / all five empty' : JSON.stringify(afterUndo)}`);
}
