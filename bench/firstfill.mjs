//! The first fill after MV3 stopped the worker, side by side with the same fill on a warm worker:
//! on the demo console's 发票回调配置 (opened from its menu, as a person does), a trusted click on
//! the bar's 填充 until the bar shows its outcomes (`data-phase="filled"`, no longer busy), timed in
//! the page itself (the click's own event to the attribute change), so Playwright's checks
//! before a click are not counted. Cold and warm runs alternate on one page, each followed by
//! 撤销: a cold run stops the worker first (DevTools ServiceWorker.stopAllWorkers, as Chrome
//! does when it is idle); the worker's `performance.timeOrigin` before and after each run says
//! whether the click really woke a new worker (cold) or found the same one (warm).
import { CALLBACK, idleBar, undo, waitForPhase } from '../tools/driver/bar.mjs';
import { extensionWorker, newTab } from '../tools/driver/browser.mjs';
import { CALLBACK_MENU, openFromMenu } from '../tools/driver/demo-steps.mjs';
import { summary } from './stats.mjs';

export const HOST = `[data-fapiao-helper="bar"][data-form="${CALLBACK}"]`;

/** In the page: remembers the time of every trusted click and when the bar next shows filled. */
export function watchBar(host) {
  const w = (window.__fapiaoBenchFill = { clicks: [], filledAt: null });
  addEventListener('click', (event) => { if (event.isTrusted) w.clicks.push(event.timeStamp); }, true);
  const observer = new MutationObserver(() => {
    const el = document.querySelector(host);
    if (w.filledAt === null && w.clicks.length && el?.getAttribute('data-phase') === 'filled' && !el.hasAttribute('data-busy')) {
      w.filledAt = performance.now();
    }
  });
  observer.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-phase', 'data-busy'] });
}

const workerStart = async (context) => (await extensionWorker(context)).evaluate(() => performance.timeOrigin);

/**
 * One 填充 on a page `watchBar` runs in: click (again, if the bar refused it for having just
 * moved), and return the time from the accepted click to the bar showing filled.
 */
export async function timedFill(page) {
  await page.evaluate(() => { window.__fapiaoBenchFill.clicks = []; window.__fapiaoBenchFill.filledAt = null; });
  for (let attempt = 0; attempt < 3; attempt++) {
    const b = await idleBar(page);
    await b.getByRole('button', { name: /填充|Fill/ }).click();
    try {
      await waitForPhase(page, CALLBACK, 'filled', attempt < 2 ? 4_000 : 15_000);
      break;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
  return page.evaluate(() => {
    const w = window.__fapiaoBenchFill;
    return w.filledAt === null || !w.clicks.length ? null : w.filledAt - w.clicks[w.clicks.length - 1];
  });
}

/**
 * `runs` cold and `runs` warm fills, alternating (cold first). Returns the two summaries, the
 * ratio of medians, and how many cold runs really woke a new worker and warm ones did not.
 */
export async function benchFirstFill(ext, consoleUrl, runs) {
  const page = await newTab(ext, consoleUrl);
  const times = { cold: [], warm: [] };
  const checked = { cold: 0, warm: 0 };
  try {
    await page.evaluate(watchBar, HOST);
    await openFromMenu(page, CALLBACK_MENU);
    await idleBar(page);
    // One fill and undo first, so the page's own first-use costs fall on neither side.
    await timedFill(page);
    await undo(page);
    for (let i = 0; i < 2 * runs; i++) {
      const side = i % 2 ? 'warm' : 'cold';
      const before = await workerStart(ext.context);
      if (side === 'cold') await ext.stopWorker();
      await page.bringToFront();
      const ms = await timedFill(page);
      if (ms === null) throw new Error(`${side} fill ${i >> 1}: the page saw no trusted click before the bar showed filled`);
      const after = await workerStart(ext.context);
      if ((after !== before) === (side === 'cold')) checked[side]++;
      times[side].push(ms);
      await undo(page);
    }
  } finally {
    await page.close();
  }
  const cold = summary(times.cold);
  const warm = summary(times.warm);
  return {
    runs, cold, warm,
    ratio: cold.median !== null && warm.median ? cold.median / warm.median : null,
    coldWokeNewWorker: checked.cold, warmSameWorker: checked.warm,
  };
}
