// A person's steps on the demo console (www/demo: KDesign, React state, strict CSP), shared by
// the E2E files and the demo walk (www/demo-journey.mjs): log in, open a form from the
// application menu, find a KDesign modal, 保存 and read what the page's own framework believes
// (`[data-testid="submitted-state"][data-form]`, www/README.md). The fixture case pages
// (tests/e2e/fixtures/forms.mjs) keep the same convention with one form each (`savedState`). The assistant
// bar's steps are in bar.mjs. The Cosmic runtime variant (www/demo/src/cosmic, under /cosmic/)
// has its own steps at the end: div toolbars, the live (visible) instance of a reopened form,
// 发票回调配置 inside an iframe.
import { CONSOLE_PREFIX, COSMIC_PREFIX } from '../../www/serve.mjs';

export const DEMO_PASSWORD = 'demo-password';

/** Menu paths of the forms the journeys open. */
export const CALLBACK_MENU = ['发票服务', '系统管理', '发票回调配置'];
export const THIRD_PARTY_APPS_MENU = ['开放服务云', 'OpenApi', '安全策略', '第三方应用'];

/** Logs in on the demo's login page at `origin` and waits for the console page. */
export async function loginToDemoConsole(page, origin) {
  await page.goto(`${origin}${CONSOLE_PREFIX}login.html`);
  await page.getByPlaceholder('手机号/邮箱/用户名').fill('administrator');
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/index\.html\?formId=pc_main_console/);
}

/** Opens a form from the console's application menu, expanding only submenus still closed. */
export async function openFromMenu(page, path) {
  const menu = page.getByRole('menu').first();
  for (const [i, title] of path.entries()) {
    const item = menu.getByText(title, { exact: true }).first();
    await item.waitFor({ timeout: 10_000 });
    if (i < path.length - 1) {
      // A submenu title's next sibling holds its children; it has no height while closed.
      const open = await item.evaluate((n) => (n.parentElement.nextElementSibling?.offsetHeight ?? 0) > 0);
      if (open) continue;
    }
    await item.click();
    await page.waitForTimeout(300); // the submenu's 0.2 s transition
  }
}

/** KDesign draws its modals without role="dialog": one is found by its box and title. */
export const modal = (page, title) => page.locator('.kd-modal-container-box').filter({ hasText: title });

const submittedLocator = (page, form) => page.locator(`[data-testid="submitted-state"][data-form="${form}"]`);

/** The page's own submitted state for `form`, as JSON (`{saved, saves, missing, values, …}`). */
export async function submittedState(page, form) {
  return JSON.parse(await submittedLocator(page, form).textContent());
}

/** Clicks the visible 保存, waits until the page has counted one more save, returns the state. */
export async function save(page, form) {
  const before = (await submittedState(page, form)).saves ?? 0;
  await page.getByRole('button', { name: /^\s*保\s*存\s*$/ }).click();
  await page.waitForFunction(([el, n]) => JSON.parse(el.textContent).saves > n, [await submittedLocator(page, form).elementHandle(), before]);
  return submittedState(page, form);
}

/** Clicks a fixture case page's 保存 (`#save`) and returns what the page's own state holds. */
export async function savedState(page) {
  await page.click('#save');
  return JSON.parse(await page.locator('[data-testid="submitted-state"]').textContent());
}

// --- the Cosmic runtime variant -----------------------------------------------------------------

/** Menu paths on the Cosmic variant (the same forms; its 发票回调配置 opens in an iframe). */
export const COSMIC_CALLBACK_MENU = CALLBACK_MENU;
export const COSMIC_THIRD_PARTY_APPS_MENU = THIRD_PARTY_APPS_MENU;

/** Logs in on the Cosmic variant's login page (a `<div>` 登录) and waits for the console page. */
export async function loginToCosmicConsole(page, origin) {
  await page.goto(`${origin}${COSMIC_PREFIX}login.html`);
  await page.getByPlaceholder('手机号/邮箱/用户名').fill('administrator');
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.locator('#btn_login').click();
  await page.waitForURL(/index\.html\?formId=pc_main_console/);
}

/** Opens a form from the Cosmic menu (a tree of divs), expanding only groups still closed. */
export async function openFromCosmicMenu(page, path) {
  const menu = page.locator('.kd-cq-menu');
  for (const [i, title] of path.entries()) {
    const item = menu.getByText(title, { exact: true }).first();
    await item.waitFor({ timeout: 10_000 });
    if (i < path.length - 1 && (await item.evaluate((n) => n.classList.contains('kd-cq-menu-open')))) continue;
    await item.click();
  }
}

/** Closes the tab titled `title` with its ×: the runtime keeps the page's DOM, hidden. */
export async function closeCosmicTab(page, title) {
  await page.locator('.kd-cq-tab').filter({ hasText: title }).locator('.kd-cq-tab-close').click();
}

/** The live (visible) page of the open tab: a reopened form's stale copy stays in the DOM, hidden. */
export const cosmicPage = (page) => page.locator('.kd-cq-page').filter({ visible: true });

/** The live tab's iframe (发票回调配置 renders in one), as a frame locator. */
export const cosmicFrame = (page) => page.frameLocator('.kd-cq-page:not([style*="none"]) iframe');

/** A Cosmic dialog, by its title. */
export const cosmicDialog = (page, title) =>
  page.locator('[role=dialog]').filter({ has: page.locator('.kd-cq-modal-title', { hasText: title }) });

/** A dialog's `<div>` button (确定, 取消, 刷新…). */
export const cosmicButton = (scope, name) => scope.locator('.kd-cq-btn').filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) });

const liveSubmitted = (scope, form) =>
  scope.locator(`[data-testid="submitted-state"][data-form="${form}"]`).filter({ visible: true });

/** The live instance's submitted state for `form` (`scope`: a page or the tab's frame locator). */
export async function cosmicSubmittedState(scope, form) {
  return JSON.parse(await liveSubmitted(scope, form).textContent());
}

/** Clicks the live toolbar's 保存 (`<div id="bar_save">`), waits for one more save, returns the state. */
export async function cosmicSave(scope, form) {
  const before = (await cosmicSubmittedState(scope, form)).saves ?? 0;
  await scope.locator('#bar_save').filter({ visible: true }).click();
  const state = liveSubmitted(scope, form);
  for (let i = 0; i < 100; i++) {
    const now = JSON.parse(await state.textContent());
    if (now.saves > before) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${form}: 保存 was not counted`);
}

// --- the forms that take the pasted 授权邮件 ------------------------------------------------------

/** Menu paths of the credential forms (星瀚's 发票云, 星空旗舰版's 发票服务, 费报, 影像系统). */
export const INVOICE_CLOUD_AUTH_MENU = ['发票云', '系统管理', '发票云授权配置'];
export const INVOICE_SERVICE_AUTH_MENU = ['发票服务', '系统管理', '发票服务授权配置'];
export const DIGITAL_INVOICE_MENU = ['发票云', '基础资料', '企业管理', '数电配置'];
export const ENTERPRISE_LIST_MENU = ['发票云', '基础资料', '企业管理', '企业信息'];
export const EXPENSE_INVOICE_CLOUD_MENU = ['财务云', '费用核算', '发票设置', '发票云配置'];
export const IMAGE_BUSINESS_SYSTEM_MENU = ['影像系统', '系统设置', '对接业务系统配置'];
export const IMAGE_ENTERPRISE_AUTH_MENU = ['影像系统', '系统设置', '企业授权配置'];

/**
 * Opens a form from the menu along `path`, each title looked for only under the submenu the
 * previous one opened: the menu repeats titles under different clouds (系统管理, 基础资料, 企业信息).
 */
export async function openFromMenuPath(page, path) {
  let scope = page.getByRole('menu').first();
  for (const [i, title] of path.entries()) {
    const item = scope.getByText(title, { exact: true }).first();
    await item.waitFor({ timeout: 10_000 });
    if (i === path.length - 1) {
      await item.click();
      break;
    }
    // A submenu title's next sibling holds its children; it has no height while closed.
    const children = item.locator('xpath=..').locator('xpath=following-sibling::*[1]');
    const open = await item.evaluate((n) => (n.parentElement.nextElementSibling?.offsetHeight ?? 0) > 0);
    if (!open) {
      await item.click();
      await page.waitForTimeout(300); // the submenu's 0.2 s transition
    }
    scope = children;
  }
}

/** 数电配置 → 维护租户授权信息: the tenant form opens in its own tab. */
export async function openTenantAuth(page) {
  await openFromMenuPath(page, DIGITAL_INVOICE_MENU);
  await page.getByRole('button', { name: /维护租户授权信息/ }).click();
}

/** 企业信息 → the organisation's blue 组织编码: 企业基础信息 opens in its own tab. */
export async function openEnterpriseInfo(page) {
  await openFromMenuPath(page, ENTERPRISE_LIST_MENU);
  await page.getByRole('link', { name: 'JDYS01' }).click();
}

/** Clicks the visible 连接测试 and returns the demo's answer `{tests, ok, message}` once counted. */
export async function connectionTest(page, form) {
  const record = page.locator(`[data-testid="connection-test"][data-form="${form}"]`);
  const before = JSON.parse((await record.getAttribute('data-result')) ?? '{}').tests ?? 0;
  await page.getByRole('button', { name: /^\s*连接测试\s*$/ }).click();
  await page.waitForFunction(([el, n]) => JSON.parse(el.getAttribute('data-result')).tests > n, [await record.elementHandle(), before]);
  return JSON.parse(await record.getAttribute('data-result'));
}
