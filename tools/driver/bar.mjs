// The assistant bar as a person uses it, through DESIGN.md's contract only: the host
// `[data-fapiao-helper="bar"][data-form]` (its `data-phase`, and `data-busy` while the worker is
// asked), its buttons by accessible name, its rows by `data-field` with `data-outcome` and
// `data-code`. Every click here is Playwright's, a trusted input event as a person's is; pages
// that forge clicks do it in their own code. `scope` is a page, a frame or a frame locator; the
// form is 发票回调配置 unless named.

import { newTab } from './browser.mjs';

export const CALLBACK = '发票回调配置';

const host = (form, state = '') => `[data-fapiao-helper="bar"][data-form="${form}"]${state}`;

/** Every bar in `scope`, whatever its form (for "no bar here"). */
export const anyBar = (scope) => scope.locator('[data-fapiao-helper="bar"]');

/** The bar of `form`. */
export const bar = (scope, form = CALLBACK) => scope.locator(host(form));

/** The bar's row for `field`. */
export const row = (scope, field, form = CALLBACK) => bar(scope, form).locator(`[data-field="${field}"]`);

/** Waits until the bar of `form` is on the page and returns it. */
export async function waitForBar(scope, form = CALLBACK, timeout = 10_000) {
  const b = bar(scope, form);
  await b.waitFor({ state: 'attached', timeout });
  return b;
}

/** A new tab of the test browser at `url`, once the bar of `form` is on it. */
export async function newTabWithBar(browser, url, form = CALLBACK) {
  const page = await newTab(browser, url);
  await waitForBar(page, form);
  return page;
}

/**
 * Waits until the bar of `form` is there, not busy and ready for a person, and returns it. The
 * bar refuses a click within moments of appearing or moving, or while it is hidden or covered
 * (DESIGN.md "Assistant bar"); `data-ready` says it would act on one now. A person looks before
 * clicking; the tests wait for this instead of racing the bar.
 */
export async function idleBar(scope, form = CALLBACK, timeout = 15_000) {
  await scope.locator(host(form, ':not([data-busy])[data-ready="true"]')).waitFor({ state: 'attached', timeout });
  return bar(scope, form);
}

/** Waits until the bar of `form` shows `phase` (filled, undone, …) and is not busy. */
export async function waitForPhase(scope, form, phase, timeout = 15_000) {
  await scope.locator(host(form, `[data-phase="${phase}"]:not([data-busy])`)).waitFor({ state: 'attached', timeout });
  return bar(scope, form);
}

// The bar's words when it refused a click because it had just appeared or moved.
const REFUSED_MOVED = /刚出现或刚移动|had just appeared or moved/;

/**
 * A trusted click on the bar's button named `name`, as a person gives it: if the bar moved as
 * the click landed (its content grew, the page re-laid out), it refuses and says "click again";
 * a person reads that and clicks again, and so do the tests (twice at most). Any other refusal
 * (hidden, covered, focus) is left standing for the test to see.
 */
async function press(scope, form, name) {
  for (let attempt = 0; ; attempt++) {
    const b = await idleBar(scope, form);
    await b.getByRole('button', { name }).click();
    // The click makes the bar busy at once, or shows its refusal.
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (attempt >= 2 || !(await b.getByText(REFUSED_MOVED).count())) return;
  }
}

/** A trusted click on the bar's button named `name` (a RegExp of zh/en); waits until it answered. */
export async function clickBar(scope, form, name) {
  await press(scope, form, name);
  return idleBar(scope, form);
}

/** 填充, and wait until the bar shows the outcomes. */
export async function fill(scope, form = CALLBACK) {
  await press(scope, form, /填充|Fill/);
  return waitForPhase(scope, form, 'filled');
}

/** 撤销, and wait until the bar says it is undone. */
export async function undo(scope, form = CALLBACK) {
  await press(scope, form, /撤销|Undo/);
  return waitForPhase(scope, form, 'undone');
}

/** 覆盖 on a conflict row, and wait until that row says filled. */
export async function overwrite(scope, field, form = CALLBACK) {
  await idleBar(scope, form);
  await row(scope, field, form).getByRole('button', { name: /覆盖|Overwrite/ }).click();
  await row(scope, field, form).and(scope.locator('[data-outcome="filled"]')).waitFor({ timeout: 10_000 });
}

/** `{field: outcome}` for every row of the bar (an outcome is null before any 填充). */
export async function outcomes(scope, form = CALLBACK) {
  return bar(scope, form).locator('[data-field]').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-field'), r.getAttribute('data-outcome')])));
}

/** The bar's shadow root as markup, for "never shows a secret whole". */
export async function barMarkup(scope, form = CALLBACK) {
  return bar(scope, form).evaluate((el) => el.shadowRoot.innerHTML);
}
