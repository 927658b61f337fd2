//! The browser half's rows of the bench report (`cargo xtask bench` adds the size rows and writes
//! `target/bench/report.json` and `report.md`). A row is one figure measured side by side in the
//! same run: `{key, what, unit, value, baseline, baselineIs, target, note}` (`key` stays the same
//! from run to run, for tools that read report.json) with `value` the helper's
//! figure, `baseline` the same measure without the extension, on a warm worker or by the
//! hand-written baseline (`baselineIs` says which), `target` `{on: 'ratio'|'value', atMost,
//! text}` or null when none was set. The ratio and whether a target is met are worked out by
//! the xtask, in one place. A row whose measurement failed carries `error` instead of figures.

const med = (s) => (s && Number.isFinite(s.median) ? s.median : null);

/** Rows from the results of browser.mjs; a section that failed gives its rows with `error`. */
export function reportRows(r, errors) {
  const rows = [];
  const add = (section, row) => {
    if (errors[section]) rows.push({ key: row.key, what: row.what, unit: row.unit, error: errors[section] });
    else rows.push({ note: '', target: null, ...row });
  };
  const load = r.pageLoad, fetch = r.fetch, big = r.bigForm, obs = r.observer, mut = r.mutations, ff = r.firstFill, heap = r.heap;

  add('pageLoad', {
    key: 'pageLoad',
    what: `demo console: \`load\` event, median of ${load?.runs ?? '≥30'} alternating loads`, unit: 'ms',
    value: med(load?.with.loadMs), baseline: med(load?.without.loadMs), baselineIs: 'without the extension',
  });
  add('pageLoad', {
    key: 'pageLongTasks',
    what: `demo console: main-thread long-task time, navigation to \`load\` + ${load?.settleMs ?? 700} ms`, unit: 'ms',
    value: med(load?.with.longTaskMs), baseline: med(load?.without.longTaskMs), baselineIs: 'without the extension',
    note: load ? `long tasks per load: ${med(load.with.longTasks)} with, ${med(load.without.longTasks)} without` : '',
  });
  add('fetch', {
    key: 'userLanguageFetch',
    what: `\`getUserLanguage.do\` round trip (median of ${fetch?.calls ?? 200} sequential calls, ${fetch?.runs ?? 7} runs)`, unit: 'ms',
    value: med(fetch?.userLanguage?.with.median), baseline: med(fetch?.userLanguage?.without.median),
    baselineIs: 'without the MAIN-world hook',
    note: fetch && !fetch.hookedWith ? 'the hook was NOT installed in the extension browser' : '',
  });
  add('bigForm', {
    key: 'bigFormRecognition',
    what: `recognition on a page of ${big?.nodes ?? 5000} elements with a ${big?.fields ?? 50}-field form (collect + recognise round trip)`,
    unit: 'ms', value: med(big?.helper.recogniseMs), baseline: med(big?.baseline.recogniseMs),
    baselineIs: 'hand-written JS, bench/baseline.mjs',
  });
  add('bigForm', {
    key: 'bigFormFill',
    what: 'fill of that form: trusted click on 填充 → outcomes shown (fill-plan, execute, fill-report)', unit: 'ms',
    value: med(big?.helper.fillMs), baseline: med(big?.baseline.fillMs), baselineIs: 'hand-written JS, bench/baseline.mjs',
    note: big ? `the helper filled ${big.valuesFilled} fields, the baseline ${med(big.baseline.filled)}; the helper's execute waits for a frame, ` +
      'an idle period and 150 ms after its last step so that a framework\'s re-render is read back, not assumed; the baseline reads nothing back' : '',
  });
  add('observer', {
    key: 'observerLongestTask',
    what: `observer under a page re-rendering ${obs?.nodesPerFrame ?? 1000} nodes every frame: longest task the helper causes (trace, worst of ${obs?.runs ?? 3} × ${(obs?.durationMs ?? 2000) / 1000} s)`,
    unit: 'ms', value: obs?.with.longestHelperMs ?? null, baseline: obs?.without.longestTaskMs ?? null,
    baselineIs: "the page's own longest task without the extension",
    target: { on: 'value', atMost: 16, text: '≤ 16 ms' },
    note: obs ? `the helper's script ran in ${obs.with.helperTasks} tasks, ${obs.with.helperTotalMs.toFixed(1)} ms in all; ` +
      `the longest task on the page was ${obs.with.longestTaskMs.toFixed(1)} ms with the extension, ` +
      `${obs.without.longestTaskMs.toFixed(1)} ms without (a MutationObserver also costs the page's own DOM writes, which no trace attributes to the helper: the next row is the page's busy time with and without)` : '',
  });
  add('mutations', {
    key: 'observerBusyTime',
    what: `the same churning page: main-thread busy time over ${(mut?.durationMs ?? 2000) / 1000} s (DevTools TaskDuration, median of ${mut?.runs ?? 3} alternating runs)`,
    unit: 'ms', value: med(mut?.with.taskMs), baseline: med(mut?.without.taskMs), baselineIs: 'without the extension',
    note: mut ? `script time ${med(mut.with.scriptMs)?.toFixed(0)} ms with, ${med(mut.without.scriptMs)?.toFixed(0)} ms without; frames drawn ${med(mut.with.frames)} with, ${med(mut.without.frames)} without` : '',
  });
  add('firstFill', {
    key: 'firstFill',
    what: `first fill after the worker stopped: trusted click on 填充 → outcomes shown (median of ${ff?.runs ?? 10}, alternating)`,
    unit: 'ms', value: med(ff?.cold), baseline: med(ff?.warm), baselineIs: 'the same click on a warm worker',
    target: { on: 'ratio', atMost: 1.5, text: 'cold ≤ 1.5 × warm' },
    note: ff ? `cold − warm ${(med(ff.cold) - med(ff.warm)).toFixed(1)} ms; ${ff.coldWokeNewWorker}/${ff.runs} cold clicks woke a new worker, ${ff.warmSameWorker}/${ff.runs} warm ones found the same` : '',
  });
  add('heap', {
    key: 'heap',
    what: 'demo console heap with 发票回调配置 open (Runtime.getHeapUsage after GC)', unit: 'MiB',
    value: heap ? med(heap.with) / 2 ** 20 : null, baseline: heap ? med(heap.without) / 2 ** 20 : null,
    baselineIs: 'without the extension',
    note: heap ? `content scripts' share: ${((med(heap.with) - med(heap.without)) / 2 ** 20).toFixed(2)} MiB (median of ${heap.runs} alternating tabs)` : '',
  });
  return rows;
}
