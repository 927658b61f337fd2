// Where the bar sits on the demo console, and when it goes (issue seen in the demo's screenshots):
// a dialog's bar beside its dialog and gone once the dialog closes; a page form's bar inside
// that form's pane, never over the console's header, menu or the form's toolbar; a hidden tab
// takes its bar away; the bar collapses to a small handle and expands again, its buttons still
// there for a person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { anyBar, bar, clickBar, idleBar, fill, outcomes } from '../../tools/driver/bar.mjs';
import { CALLBACK_MENU, THIRD_PARTY_APPS_MENU, loginToDemoConsole, modal, openFromMenu } from '../../tools/driver/demo-steps.mjs';

const CALLBACK = '发票回调配置';
const ACCESS_TOKEN = 'AccessToken认证';
const THIRD_PARTY_APP = '第三方应用';

const rectOf = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
});
const overlap = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
const grow = (r, by) => ({ left: r.left - by, top: r.top - by, right: r.right + by, bottom: r.bottom + by });
const inside = (a, b, slack = 1) => a.left >= b.left - slack && a.top >= b.top - slack && a.right <= b.right + slack && a.bottom <= b.bottom + slack;

/** The console's own chrome the bar must never cover: header (logo, user) and the menu. */
async function consoleChrome(page) {
  return { header: await rectOf(page.locator('.console-header').first()), menu: await rectOf(page.locator('.console-sider').first()) };
}

/** The visible tab's pane and its toolbar (保存, 退出). */
async function visiblePane(page) {
  const pane = page.locator('.console-tab-body:not([hidden])');
  return { pane: await rectOf(pane), toolbar: await rectOf(pane.locator('.form-toolbar').first()) };
}

async function assertClearOfConsole(page, form) {
  const r = await rectOf(bar(page, form));
  const { header, menu } = await consoleChrome(page);
  assert.ok(r.width > 0 && r.height > 0, `${form}: the bar is laid out`);
  assert.ok(!overlap(r, header), `${form}: the bar ${JSON.stringify(r)} covers the header ${JSON.stringify(header)}`);
  assert.ok(!overlap(r, menu), `${form}: the bar ${JSON.stringify(r)} covers the menu ${JSON.stringify(menu)}`);
  return r;
}

describe('the bar beside its form on the demo console', () => {
  let browser, server, page;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await loginToDemoConsole(page, server.origin);
  });
  after(() => closeAll(page, browser, server));

  test('a page form’s bar sits in its pane, clear of the header, the menu and the form’s toolbar', async () => {
    await openFromMenu(page, CALLBACK_MENU);
    await idleBar(page, CALLBACK);
    const r = await assertClearOfConsole(page, CALLBACK);
    const { pane, toolbar } = await visiblePane(page);
    assert.ok(inside(r, pane), `the bar ${JSON.stringify(r)} lies within its pane ${JSON.stringify(pane)}`);
    assert.ok(!overlap(r, toolbar), `the bar ${JSON.stringify(r)} covers the toolbar ${JSON.stringify(toolbar)}`);
  });

  test('the bar collapses to a small handle and expands again with its buttons', async () => {
    const host = bar(page, CALLBACK);
    await host.getByRole('button', { name: /收起|Collapse/ }).click();
    await page.waitForTimeout(200);
    const small = await rectOf(host);
    assert.ok(small.width <= 120 && small.height <= 48, `a small handle: ${JSON.stringify(small)}`);
    assert.equal(await host.getAttribute('data-form'), CALLBACK, 'the contract attributes stay on the host');
    assert.equal(await host.getByRole('button', { name: /填充|Fill/ }).isVisible(), false);
    const { header, menu } = await consoleChrome(page);
    assert.ok(!overlap(small, header) && !overlap(small, menu), 'the handle covers no console chrome');

    await host.getByRole('button', { name: /展开|Expand/ }).click();
    await host.getByRole('button', { name: /填充|Fill/ }).waitFor({ state: 'visible' });
    await fill(page, CALLBACK);
    assert.equal((await outcomes(page, CALLBACK))['请求地址'], 'filled');
    await assertClearOfConsole(page, CALLBACK);
  });

  test('a dialog’s bar sits beside its dialog and goes when the dialog closes', async () => {
    await openFromMenu(page, THIRD_PARTY_APPS_MENU);
    await page.getByText('invoiceupload', { exact: true }).first().click();
    // The callback tab is now hidden: its bar goes with it.
    await anyBar(page).and(page.locator(`[data-form="${CALLBACK}"]`)).waitFor({ state: 'detached', timeout: 2000 });
    await idleBar(page, THIRD_PARTY_APP);
    const appBar = await assertClearOfConsole(page, THIRD_PARTY_APP);
    const { pane, toolbar } = await visiblePane(page);
    assert.ok(inside(appBar, pane), `the 第三方应用 bar ${JSON.stringify(appBar)} lies within its pane ${JSON.stringify(pane)}`);
    assert.ok(!overlap(appBar, toolbar), 'the 第三方应用 bar covers its toolbar');

    await page.getByText('编辑', { exact: true }).first().click();
    const dialog = modal(page, ACCESS_TOKEN);
    await dialog.waitFor();
    await idleBar(page, ACCESS_TOKEN);
    const r = await assertClearOfConsole(page, ACCESS_TOKEN);
    const box = await rectOf(dialog);
    assert.ok(overlap(r, grow(box, 24)), `the bar ${JSON.stringify(r)} is beside its dialog ${JSON.stringify(box)}`);
    assert.ok(r.top >= box.top - 24 && r.top <= box.bottom, 'the bar lines up with the dialog');

    await clickBar(page, ACCESS_TOKEN, /生成密钥|Generate key/);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await bar(page, ACCESS_TOKEN).waitFor({ state: 'detached', timeout: 1000 });
  });
});
