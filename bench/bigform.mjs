//! Recognition and fill on a page of 5,000 elements holding a 50-field form (pages.mjs `big`),
//! side by side with the hand-written baseline (baseline.mjs), alternating on one tab.
//! - the helper's recognition, as its content script does it: collect() in the isolated world
//!   (through `chrome.scripting.executeScript`, the entry point 诊断此页 uses) and the
//!   `recognise` round trip to the worker (Rust recogniseForms);
//! - the helper's fill, as a person gets it: a trusted click on the bar's 填充 until the bar shows
//!   its outcomes (fill-plan round trip, execute on the page with its settle wait so a
//!   framework's re-render is read back, fill-report round trip), then 撤销 for the next run;
//! - the baseline, in the page: its own recognition and fill of the same values.
//! The form is emptied before every baseline run, and 撤销 empties it after every helper fill, so
//! each side fills the same fields.
import { undo } from '../tools/driver/bar.mjs';
import { tabIdFor } from '../tools/driver/browser.mjs';
import { baselineRecogniseAndFill } from './baseline.mjs';
import { HOST, timedFill, watchBar } from './firstfill.mjs';
import { CALLBACK_LABELS } from './pages.mjs';
import { summary } from './stats.mjs';

const FORM = '发票回调配置';

/** Runs in the tab's isolated world: one recognition the way the content script does it. */
async function recogniseRun(formName) {
  const api = globalThis.__fapiaoHelper;
  if (!api || typeof api.collect !== 'function') return { error: 'no collector in the isolated world' };
  const t0 = performance.now();
  const col = api.collect();
  const recognised = await chrome.runtime.sendMessage({ type: 'recognise', snapshot: col.snapshot });
  const ms = performance.now() - t0;
  const names = (recognised?.forms ?? []).map((f) => f.form?.form ?? f.form);
  if (!names.includes(formName)) return { error: `${formName} not recognised: ${JSON.stringify(recognised).slice(0, 300)}` };
  return { ms, controls: col.snapshot.controls.length };
}

/** In the page: empties every control of the form, so the next run fills the same fields. */
function emptyForm() {
  for (const el of document.querySelectorAll('table input, table select, table textarea')) {
    if (el.type === 'checkbox') el.checked = false;
    else el.value = '';
  }
}

/** In the page: what the form's first rows hold, by label. */
function formValues(labels) {
  return Object.fromEntries(labels.map((label, i) => {
    const el = document.querySelectorAll('table tr')[i]?.querySelector('input,select');
    return [label, el?.value ? el.value : null];
  }));
}

export async function benchBigForm(ext, url, runs) {
  const page = await ext.context.newPage();
  try {
    await page.goto(url);
    await page.locator(HOST).waitFor({ state: 'attached', timeout: 15_000 });
    await page.evaluate(watchBar, HOST);
    // The page's own elements, the body included; the helper's bar is not the page's.
    const nodes = await page.evaluate(() => [...document.body.getElementsByTagName('*')]
      .filter((e) => !e.closest('[data-fapiao-helper]')).length + 1);
    const tabId = await tabIdFor(ext.worker, page);
    const recognise = async () => {
      const result = await ext.worker.evaluate(`(async () => {
        const [injection] = await chrome.scripting.executeScript({
          target: { tabId: ${tabId} }, world: 'ISOLATED', args: [${JSON.stringify(FORM)}],
          func: ${recogniseRun.toString()},
        });
        return injection?.result ?? { error: 'no result from the page' };
      })()`);
      if (result.error) throw new Error(`the helper on the ${nodes}-element page: ${result.error}`);
      return result;
    };
    const fill = async () => {
      const ms = await timedFill(page);
      if (ms === null) throw new Error('the page saw no trusted click before the bar showed filled');
      const values = await page.evaluate(formValues, CALLBACK_LABELS);
      await undo(page);
      return { ms, values };
    };
    // The helper's first fill tells the baseline which values to put where.
    await recognise();
    const { values } = await fill();
    const baseline = async () => {
      await page.evaluate(emptyForm);
      return page.evaluate(`(${baselineRecogniseAndFill})(${JSON.stringify(FORM)}, ${JSON.stringify(values)})`);
    };
    const sides = { helper: [], baseline: [] };
    let controls = null;
    for (let r = 0; r < runs; r++) {
      for (const side of r % 2 ? ['helper', 'baseline'] : ['baseline', 'helper']) {
        if (side === 'baseline') {
          sides.baseline.push(await baseline());
          await page.evaluate(emptyForm);
        } else {
          const rec = await recognise();
          controls = rec.controls;
          sides.helper.push({ recogniseMs: rec.ms, fillMs: (await fill()).ms });
        }
      }
    }
    const field = (xs, k) => summary(xs.map((x) => x[k]));
    return {
      runs, nodes, fields: controls,
      valuesFilled: Object.values(values).filter((v) => v !== null).length,
      helper: { recogniseMs: field(sides.helper, 'recogniseMs'), fillMs: field(sides.helper, 'fillMs') },
      baseline: {
        recogniseMs: field(sides.baseline, 'recogniseMs'), fillMs: field(sides.baseline, 'fillMs'),
        found: field(sides.baseline, 'found'), filled: field(sides.baseline, 'filled'),
      },
    };
  } finally {
    await page.close();
  }
}
