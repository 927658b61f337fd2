//! Recognition and fill on a page of 5,000 elements holding a 50-field form (pages.mjs `big`),
//! side by side with the hand-written baseline (baseline.mjs), alternating on one tab.
//! - the helper, as its content scripts do it on 填充, run in their isolated world through
//!   `chrome.scripting.executeScript`: recognition = collect() + the `recognise` round trip to the
//!   worker (Rust recogniseForms); fill = the `fill-plan` round trip (Rust planFill) + execute()
//!   on the page, whose settle wait after the last step (a frame, an idle period, 150 ms, so a
//!   framework's re-render is read back, not guessed) is part of what it costs;
//! - the baseline, in the page: its own recognition and fill of the same three values.
//! The form is emptied before every run, so each side fills the same fields.
import { tabIdFor } from '../tools/driver/browser.mjs';
import { baselineRecogniseAndFill } from './baseline.mjs';
import { CALLBACK_LABELS } from './pages.mjs';
import { summary } from './stats.mjs';

const FORM = '发票回调配置';

/** Runs in the tab's isolated world: one recognition and fill the way 填充 does them. */
async function helperRun(formName) {
  const ns = globalThis.__fapiaoHelper;
  if (!ns || typeof ns.collect !== 'function' || typeof ns.execute !== 'function') {
    return { error: 'no collector or executor in the isolated world' };
  }
  const t0 = performance.now();
  const col = ns.collect();
  const recognised = await chrome.runtime.sendMessage({ type: 'recognise', snapshot: col.snapshot });
  const t1 = performance.now();
  const form = (recognised?.forms ?? []).find((f) => f.form === formName || f.form?.form === formName);
  if (!form) return { error: `${formName} not recognised: ${JSON.stringify(recognised).slice(0, 300)}` };
  const reply = await chrome.runtime.sendMessage({ type: 'fill-plan', form, snapshot: col.snapshot, overwrite: [] });
  if (!reply?.plan) return { error: `fill-plan answered ${JSON.stringify(reply).slice(0, 300)}` };
  const t2 = performance.now();
  const results = await ns.execute(reply.plan, col.elementFor);
  const t3 = performance.now();
  return {
    recogniseMs: t1 - t0, planMs: t2 - t1, executeMs: t3 - t2, fillMs: t3 - t1,
    controls: col.snapshot.controls.length, filled: results.filter((r) => r.ok).length,
  };
}

/** In the page: empties every control of the form, so the next run fills the same fields. */
function emptyForm() {
  for (const el of document.querySelectorAll('table input, table select, table textarea')) {
    if (el.type === 'checkbox') el.checked = false;
    else el.value = '';
  }
}

export async function benchBigForm(ext, url, runs) {
  const page = await ext.context.newPage();
  try {
    await page.goto(url);
    await page.locator('[data-fapiao-helper="bar"]').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForTimeout(500);
    const nodes = await page.evaluate(() => document.body.getElementsByTagName('*').length);
    const tabId = await tabIdFor(ext.worker, page);
    const helper = async () => {
      await page.evaluate(emptyForm);
      const result = await ext.worker.evaluate(`(async () => {
        const [injection] = await chrome.scripting.executeScript({
          target: { tabId: ${tabId} }, world: 'ISOLATED', args: [${JSON.stringify(FORM)}],
          func: ${helperRun.toString()},
        });
        return injection?.result ?? { error: 'no result from the page' };
      })()`);
      if (result.error) throw new Error(`the helper on the ${nodes}-node page: ${result.error}`);
      return result;
    };
    // The helper's first fill tells the baseline which values to put where.
    await helper();
    const values = await page.evaluate((labels) => Object.fromEntries(labels.map((label, i) => {
      const el = document.querySelectorAll('table tr')[i]?.querySelector('input,select');
      return [label, el?.value ? el.value : null];
    })), CALLBACK_LABELS);
    const baseline = async () => {
      await page.evaluate(emptyForm);
      return page.evaluate(`(${baselineRecogniseAndFill})(${JSON.stringify(FORM)}, ${JSON.stringify(values)})`);
    };
    const sides = { helper: [], baseline: [] };
    for (let r = 0; r < runs; r++) {
      for (const side of r % 2 ? ['helper', 'baseline'] : ['baseline', 'helper']) {
        sides[side].push(await (side === 'helper' ? helper() : baseline()));
      }
    }
    const field = (xs, k) => summary(xs.map((x) => x[k]));
    return {
      runs, nodes, fields: sides.helper[0]?.controls ?? null,
      valuesFilled: Object.values(values).filter((v) => v !== null).length,
      helper: {
        recogniseMs: field(sides.helper, 'recogniseMs'), planMs: field(sides.helper, 'planMs'),
        executeMs: field(sides.helper, 'executeMs'), fillMs: field(sides.helper, 'fillMs'),
        filled: field(sides.helper, 'filled'),
      },
      baseline: {
        recogniseMs: field(sides.baseline, 'recogniseMs'), fillMs: field(sides.baseline, 'fillMs'),
        found: field(sides.baseline, 'found'), filled: field(sides.baseline, 'filled'),
      },
    };
  } finally {
    await page.close();
  }
}
