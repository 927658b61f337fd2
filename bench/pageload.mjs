//! What the extension adds to a console page's own load and memory, side by side with the same
//! Chromium without it:
//! - load: fresh tabs of the demo console, alternating with and without, each timed by its
//!   navigation entry (`loadEventEnd`) and by the main-thread long tasks (a `longtask`
//!   PerformanceObserver the test installs before any page script, so it sees the content
//!   scripts' tasks as well as the page's) from navigation until a settle time after `load`;
//! - heap: the demo console with 发票回调配置 open (the bar shown, with the extension), after a
//!   forced garbage collection, `Runtime.getHeapUsage` of the page's V8 isolate. The content
//!   scripts' isolated world lives in that isolate, so the difference with the plain browser's is
//!   what the content scripts (and the MAIN-world hook) keep; V8 cannot split one isolate's heap by
//!   world, so this difference is the measure.
import { CALLBACK_MENU, openFromMenu } from '../tools/driver/demo-steps.mjs';
import { summary } from './stats.mjs';

const SETTLE_MS = 700;

/** Before any page script: collects long tasks (start and duration) into a page global. */
function observeLongTasks() {
  const tasks = (window.__fapiaoBenchLongTasks = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing: the sum stays 0 and the row says how many were seen */ }
}

async function loadOnce(browser, url) {
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(observeLongTasks);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation');
      const tasks = window.__fapiaoBenchLongTasks ?? [];
      return { loadMs: nav.loadEventEnd, longTaskMs: tasks.reduce((a, b) => a + b, 0), longTasks: tasks.length };
    });
  } finally {
    await page.close();
  }
}

/** `runs` loads on each side, alternating which goes first; one unmeasured load each first. */
export async function benchPageLoad(ext, plain, url, runs) {
  await loadOnce(ext, url);
  await loadOnce(plain, url);
  const sides = { with: [], without: [] };
  for (let r = 0; r < runs; r++) {
    for (const side of r % 2 ? ['with', 'without'] : ['without', 'with']) {
      sides[side].push(await loadOnce(side === 'with' ? ext : plain, url));
    }
  }
  const of = (xs) => ({
    loadMs: summary(xs.map((x) => x.loadMs)),
    longTaskMs: summary(xs.map((x) => x.longTaskMs)),
    longTasks: summary(xs.map((x) => x.longTasks)),
  });
  return { runs, settleMs: SETTLE_MS, with: of(sides.with), without: of(sides.without) };
}

async function heapOnce(browser, url, expectBar) {
  const page = await browser.context.newPage();
  try {
    await page.goto(url);
    await openFromMenu(page, CALLBACK_MENU);
    if (expectBar) await page.locator('[data-fapiao-helper="bar"]').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForTimeout(SETTLE_MS);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  } finally {
    await page.close();
  }
}

/** The page's used heap with and without the extension, `runs` alternating tabs each. */
export async function benchHeap(ext, plain, url, runs) {
  const sides = { with: [], without: [] };
  for (let r = 0; r < runs; r++) {
    for (const side of r % 2 ? ['with', 'without'] : ['without', 'with']) {
      sides[side].push(await heapOnce(side === 'with' ? ext : plain, url, side === 'with'));
    }
  }
  return { runs, with: summary(sides.with), without: summary(sides.without) };
}
