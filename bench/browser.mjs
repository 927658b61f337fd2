//! The browser half of `cargo xtask bench`: what the extension costs a console page and what
//! its worker spends, measured in headless Chromium with `dist/extension-e2e/` and, for the
//! page costs, the same Chromium without any extension. It prints tables (median and min–max
//! over several runs), writes everything as JSON with the report's rows (rows.mjs), and never
//! judges a number, so it never fails on a slow machine, only when it could not measure (then
//! each section that could not says why, the others still run, and it exits non-zero).
//!
//! (a) the MAIN-world hook: N sequential same-origin `fetch` calls (`ping`, which the hook passes
//!     through, and `getUserLanguage.do`, which it reads), with and without the extension;
//! (b) the collector in the content scripts' isolated world on tables of 50/400/2000 controls,
//!     called through `chrome.scripting.executeScript` (the way 诊断此页 reaches it: no debug
//!     hook in the shipped code), and the `recognise` message round trip to the worker;
//! (c) the worker: WASM compile/instantiate and `recogniseForms`/`planFill` on those snapshots,
//!     evaluated inside the service worker (bench/glue.mjs);
//! (d) the SPA observer: a page rewriting 1000 unrelated nodes every animation frame for 2 s,
//!     main-thread busy time (DevTools `TaskDuration`) with and without the extension;
//! (e) the same page under a performance trace: the longest slice of the helper's own script in
//!     one main-thread task (trace.mjs);
//! (f) recognition and fill on 5,000 elements holding a 50-field form, against the hand-written
//!     baseline (bigform.mjs, baseline.mjs);
//! (g) the first fill after the worker stopped, beside the same fill on a warm worker (firstfill.mjs);
//! (h) the demo console's heap and (i) its page load, with and without the extension (pageload.mjs).
//!
//! usage: node bench/browser.mjs [--out target/bench/results.json] [--sizes FILE] [--extension DIR]
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { launchBrowser, repoRoot, startServer, tabIdFor } from '../tools/driver/browser.mjs';
import { DEFAULT_ACCOUNT_ID } from '../www/serve.mjs';
import { glueFactorySource } from './glue.mjs';
import { benchBigForm } from './bigform.mjs';
import { benchFirstFill } from './firstfill.mjs';
import { benchHeap, benchPageLoad } from './pageload.mjs';
import { addBenchPages, CALLBACK_LABELS, TICKER_NODES } from './pages.mjs';
import { reportRows } from './rows.mjs';
import { num, overhead, printTable, showMs, summary } from './stats.mjs';
import { helperWork, traceDuring } from './trace.mjs';

const SIZES = [50, 400, 2000];
const FETCH_CALLS = 200;
const FETCH_WARMUP = 20;
const FETCH_RUNS = 5;
const COLLECT_RUNS = 9;
const ROUND_TRIPS = 5;
const WORKER_RUNS = 7;
const MUTATE_MS = 2000;
const MUTATE_RUNS = 3;
const TRACE_RUNS = 3;
const PAGE_LOADS = 30;
const HEAP_RUNS = 3;
const BIG_FORM_RUNS = 7;
const FIRST_FILLS = 10;

const FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-gpu'];

/** The same Chromium, same flags, fresh profile, no extension: the baseline. */
async function launchPlain() {
  const dir = await mkdtemp(join(tmpdir(), 'fapiao-helper-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME || '/usr/bin/chromium', headless: true, args: FLAGS,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const barShown = (page) => page.locator('[data-fapiao-helper="bar"]').first()
  .waitFor({ state: 'attached', timeout: 15_000 }).then(() => true, () => false);

// --- (a) fetch through the MAIN-world hook ---------------------------------------------------------

/** One run in the page's own world: N sequential fetches of `path`, then N issued back to back. */
function fetchRun(page, path) {
  return page.evaluate(async ({ calls, warmup, path }) => {
    const hooked = !/\[native code\]/.test(Function.prototype.toString.call(window.fetch));
    for (let i = 0; i < warmup; i++) await (await fetch(`${path}?w=${i}`)).text();
    const per = [];
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const a = performance.now();
      await (await fetch(`${path}?i=${i}`)).text();
      per.push(performance.now() - a);
    }
    const total = performance.now() - t0;
    // The synchronous part: what fetch() costs before it hands the page its promise.
    const b = performance.now();
    const pending = [];
    for (let i = 0; i < calls; i++) pending.push(fetch(`${path}?b=${i}`));
    const issue = (performance.now() - b) / calls;
    await Promise.all(pending.map((p) => p.then((r) => r.text())));
    per.sort((x, y) => x - y);
    return { hooked, mean: total / calls, median: per[calls >> 1], issue };
  }, { calls: FETCH_CALLS, warmup: FETCH_WARMUP, path });
}

/**
 * `ping` (a fetch the hook passes through) and `getUserLanguage.do` (the one it reads and hands
 * to the helper), each with and without the extension, alternating.
 */
async function benchFetch(ext, plain, url) {
  const pages = { without: await plain.context.newPage(), with: await ext.context.newPage() };
  const runs = { ping: { without: [], with: [] }, userLanguage: { without: [], with: [] } };
  try {
    for (const page of Object.values(pages)) await page.goto(url);
    for (let r = 0; r < FETCH_RUNS; r++) {
      // Alternate, so drift on a shared machine touches both sides alike.
      for (const side of r % 2 ? ['with', 'without'] : ['without', 'with']) {
        runs.ping[side].push(await fetchRun(pages[side], 'ping'));
        runs.userLanguage[side].push(await fetchRun(pages[side], 'getUserLanguage.do'));
      }
    }
  } finally {
    for (const page of Object.values(pages)) await page.close();
  }
  const side = (xs) => ({
    mean: summary(xs.map((x) => x.mean)), median: summary(xs.map((x) => x.median)), issue: summary(xs.map((x) => x.issue)),
  });
  return {
    calls: FETCH_CALLS,
    runs: FETCH_RUNS,
    hookedWith: runs.ping.with.every((x) => x.hooked),
    hookedWithout: runs.ping.without.some((x) => x.hooked),
    without: side(runs.ping.without),
    with: side(runs.ping.with),
    userLanguage: { without: side(runs.userLanguage.without), with: side(runs.userLanguage.with) },
  };
}

// --- (b) the collector, in the content scripts' isolated world -------------------------------------

/** Runs in the tab's isolated world (chrome.scripting): times collect() and the recognise trip. */
async function collectInIsolatedWorld(runs, trips) {
  const helper = globalThis.__fapiaoHelper;
  if (!helper || typeof helper.collect !== 'function') return { error: 'no collector in the isolated world' };
  let col = helper.collect(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    col = helper.collect();
    times.push(performance.now() - t);
  }
  const snapshot = col.snapshot;
  const json = JSON.stringify(snapshot);
  const roundTrips = [];
  let forms = [];
  for (let i = 0; i < trips; i++) {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'recognise', snapshot });
    roundTrips.push(performance.now() - t);
    if (!reply || !reply.ok) return { error: `recognise answered ${JSON.stringify(reply)}` };
    forms = (reply.forms || []).map((f) => f.form);
  }
  return {
    times, roundTrips, forms, snapshot: json,
    controls: snapshot.controls.length,
    pageControls: document.querySelectorAll('input,select,textarea').length,
    snapshotBytes: new TextEncoder().encode(json).length,
  };
}

async function benchCollect(ext, origin, paths) {
  const out = {};
  for (const n of SIZES) {
    const page = await ext.context.newPage();
    try {
      await page.goto(origin + paths.table(n));
      const shown = await barShown(page);
      await page.waitForTimeout(500); // let the helper's own first runs settle
      const tabId = await tabIdFor(ext.worker, page);
      // An expression text, so the injected function can live up there with its name: the
      // worker's CSP forbids building functions from text, the DevTools protocol does not.
      const result = await ext.worker.evaluate(`(async () => {
        const [injection] = await chrome.scripting.executeScript({
          target: { tabId: ${tabId} }, world: 'ISOLATED', args: [${COLLECT_RUNS}, ${ROUND_TRIPS}],
          func: ${collectInIsolatedWorld.toString()},
        });
        return injection?.result ?? { error: 'no result from the page' };
      })()`)
        .catch((error) => ({ error: String(error.message ?? error) }));
      if (result.error) throw new Error(`collect on ${n} controls: ${result.error}`);
      out[n] = {
        barShown: shown,
        pageControls: result.pageControls,
        controls: result.controls,
        snapshotBytes: result.snapshotBytes,
        forms: result.forms,
        collect: summary(result.times),
        recogniseRoundTrip: summary(result.roundTrips),
        snapshot: result.snapshot,
      };
    } finally {
      await page.close();
    }
  }
  return out;
}

// --- (c) the worker ---------------------------------------------------------------------------------

/** A snapshot of `n` controls: the collected one, widened with renamed copies of its own controls. */
function widen(snapshotJson, n) {
  const snapshot = JSON.parse(snapshotJson);
  const generic = snapshot.controls.slice(CALLBACK_LABELS.length);
  const controls = [...snapshot.controls];
  for (let i = controls.length; i < n && generic.length; i++) {
    const base = generic[i % generic.length];
    const labels = (base.labels ?? []).map((l) => ({ ...l, text: l.rule === 'placeholder' ? `请输入字段 ${i}` : `字段 ${i}：` }));
    controls.push({ ...base, id: `w${i}`, labels });
  }
  return JSON.stringify({ ...snapshot, controls });
}

async function benchWorker(ext, collected) {
  const factory = await glueFactorySource(resolve(repoRoot, extensionDir, 'wasm/fapiao_helper.js'));
  await ext.worker.evaluate(`globalThis.__fapiaoBenchGlue = ${factory}; true`);
  const snapshots = {};
  for (const n of SIZES) snapshots[n] = collected[n].controls >= n ? collected[n].snapshot : widen(collected[n].snapshot, n);
  const result = await ext.worker.evaluate(async ({ runs, snapshots, consoleUrl, accountId }) => {
    const Glue = globalThis.__fapiaoBenchGlue;
    const wasmUrl = chrome.runtime.getURL('wasm/fapiao_helper_bg.wasm');
    const bytes = await (await fetch(wasmUrl)).arrayBuffer();
    const now = () => performance.now();
    const compile = [], instantiate = [], firstCall = [], streaming = [];
    for (let i = 0; i < runs; i++) {
      let t = now();
      const module = await WebAssembly.compile(bytes);
      compile.push(now() - t);
      const glue = Glue();
      t = now();
      glue.initSync({ module });
      instantiate.push(now() - t);
      t = now();
      glue.setLocale('zh-CN');
      glue.consoleContext(consoleUrl);
      firstCall.push(now() - t);
      // What the worker does when it wakes (sw/core.js): fetch + compile, streaming, then instantiate.
      const fresh = Glue();
      t = now();
      await fresh.init({ module_or_path: await WebAssembly.compileStreaming(fetch(wasmUrl)) });
      streaming.push(now() - t);
    }
    const glue = Glue();
    glue.initSync({ module: await WebAssembly.compile(bytes) });
    glue.setLocale('zh-CN');
    const prefix = glue.consoleContext(consoleUrl).prefix;
    const per = {};
    for (const [n, json] of Object.entries(snapshots)) {
      const parse = [], recognise = [], plan = [];
      let recognised = null;
      for (let i = 0; i <= runs; i++) {
        let t = now();
        const snapshot = JSON.parse(json);
        const p = now() - t;
        t = now();
        recognised = glue.recogniseForms(snapshot);
        const r = now() - t;
        const form = recognised?.forms?.[0];
        t = now();
        if (form) glue.planFill(snapshot, form, { prefix, accountId }, []);
        const f = now() - t;
        if (i === 0) continue; // warm-up
        parse.push(p);
        recognise.push(r);
        if (form) plan.push(f);
      }
      per[n] = { controls: JSON.parse(json).controls.length, forms: (recognised?.forms ?? []).map((f) => f.form), parse, recognise, plan };
    }
    return { wasmBytes: bytes.byteLength, compile, instantiate, firstCall, streaming, per };
  }, { runs: WORKER_RUNS, snapshots, consoleUrl: 'https://cosmic.example.com/ierp/index.html?formId=pc_main_console', accountId: DEFAULT_ACCOUNT_ID });
  await ext.worker.evaluate('delete globalThis.__fapiaoBenchGlue; true');
  const per = {};
  for (const [n, x] of Object.entries(result.per)) {
    per[n] = {
      controls: x.controls, widened: collected[n].controls < x.controls, forms: x.forms,
      jsonParse: summary(x.parse), recogniseForms: summary(x.recognise), planFill: summary(x.plan),
    };
  }
  return {
    wasmBytes: result.wasmBytes,
    compile: summary(result.compile),
    instantiate: summary(result.instantiate),
    firstCall: summary(result.firstCall),
    initStreaming: summary(result.streaming),
    snapshots: per,
  };
}

// --- (d) the observer under a page that churns --------------------------------------------------------

/** One run: 1000 unrelated nodes rewritten (text and class) every animation frame for `ms`. */
async function mutateRun(page, cdp) {
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { task: get('TaskDuration'), script: get('ScriptDuration') };
  };
  const before = await metric();
  const inPage = await page.evaluate(({ ms }) => new Promise((done) => {
    const spans = [...document.querySelectorAll('#ticker span')];
    const longTasks = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
    } catch { /* no long-task timing here */ }
    let frames = 0;
    let work = 0;
    const end = performance.now() + ms;
    const frame = () => {
      const t = performance.now();
      for (let i = 0; i < spans.length; i++) {
        spans[i].textContent = String((frames * 7 + i) % 1000);
        spans[i].className = (frames + i) % 2 ? 'odd' : 'even';
      }
      work += performance.now() - t;
      frames++;
      if (performance.now() < end) requestAnimationFrame(frame);
      else setTimeout(() => { observer?.disconnect(); done({ frames, work, longTasks }); }, 100);
    };
    requestAnimationFrame(frame);
  }), { ms: MUTATE_MS });
  const after = await metric();
  return {
    taskMs: (after.task - before.task) * 1000,
    scriptMs: (after.script - before.script) * 1000,
    frames: inPage.frames,
    scriptPerFrameMs: ((after.script - before.script) * 1000) / Math.max(1, inPage.frames),
    pageWorkMs: inPage.work,
    longTasks: inPage.longTasks.length,
    longTaskMs: inPage.longTasks.reduce((a, b) => a + b, 0),
  };
}

async function benchMutations(ext, plain, url) {
  const sides = {};
  try {
    for (const [side, browser] of [['without', plain], ['with', ext]]) {
      const page = await browser.context.newPage();
      await page.goto(url);
      const shown = side === 'with' ? await barShown(page) : null;
      await page.waitForTimeout(500);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      sides[side] = { page, cdp, shown, runs: [] };
    }
    for (let r = 0; r < MUTATE_RUNS; r++) {
      for (const side of r % 2 ? ['with', 'without'] : ['without', 'with']) {
        await sides[side].page.bringToFront();
        sides[side].runs.push(await mutateRun(sides[side].page, sides[side].cdp));
      }
    }
  } finally {
    for (const s of Object.values(sides)) await s.page.close().catch(() => {});
  }
  const side = (xs) => Object.fromEntries(['taskMs', 'scriptMs', 'scriptPerFrameMs', 'frames', 'pageWorkMs', 'longTasks', 'longTaskMs']
    .map((k) => [k, summary(xs.map((x) => x[k]))]));
  return {
    nodesPerFrame: TICKER_NODES, durationMs: MUTATE_MS, runs: MUTATE_RUNS, barShown: sides.with.shown,
    without: side(sides.without.runs), with: side(sides.with.runs),
  };
}

// --- (e) the observer's longest task, from a performance trace -------------------------------------

/** In the page: the same churn as (d), for `ms`. */
function churn(ms) {
  return new Promise((done) => {
    const spans = [...document.querySelectorAll('#ticker span')];
    let frames = 0;
    const end = performance.now() + ms;
    const frame = () => {
      for (let i = 0; i < spans.length; i++) {
        spans[i].textContent = String((frames * 7 + i) % 1000);
        spans[i].className = (frames + i) % 2 ? 'odd' : 'even';
      }
      frames++;
      if (performance.now() < end) requestAnimationFrame(frame);
      else done(frames);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * A trace of each side while the page churns, alternating: with the extension, the longest slice
 * of its own script in one main-thread task (the worst over the runs); without, the page's own
 * longest task, the frame it would have drawn anyway.
 */
async function benchObserver(ext, plain, url) {
  const prefix = `chrome-extension://${ext.extensionId}/`;
  const sides = {};
  try {
    for (const [side, browser] of [['without', plain], ['with', ext]]) {
      const page = await browser.context.newPage();
      await page.goto(url);
      if (side === 'with' && !(await barShown(page))) throw new Error('no bar on the churning page: the helper was not watching');
      await page.waitForTimeout(500);
      sides[side] = { page, cdp: await browser.context.newCDPSession(page), runs: [] };
    }
    for (let r = 0; r < TRACE_RUNS; r++) {
      for (const side of r % 2 ? ['with', 'without'] : ['without', 'with']) {
        const { page, cdp } = sides[side];
        await page.bringToFront();
        const { events } = await traceDuring(cdp, () => page.evaluate(churn, MUTATE_MS));
        sides[side].runs.push(helperWork(events, prefix));
      }
    }
  } finally {
    for (const s of Object.values(sides)) await s.page.close().catch(() => {});
  }
  const w = sides.with.runs, wo = sides.without.runs;
  if (!w.some((x) => x.tasks > 0)) throw new Error('the trace holds no script of the extension: cannot attribute any task to it');
  return {
    nodesPerFrame: TICKER_NODES, durationMs: MUTATE_MS, runs: TRACE_RUNS,
    with: {
      longestHelperMs: Math.max(...w.map((x) => x.longestMs)),
      medianLongestHelperMs: summary(w.map((x) => x.longestMs)).median,
      helperTasks: summary(w.map((x) => x.tasks)).median,
      helperTotalMs: summary(w.map((x) => x.totalMs)).median,
      longestTaskMs: Math.max(...w.map((x) => x.longestTaskMs)),
    },
    without: { longestTaskMs: Math.max(...wo.map((x) => x.longestTaskMs)) },
  };
}

// --- output -----------------------------------------------------------------------------------------

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function printFetch(a) {
  console.log(`\n(a) MAIN-world hook: ${a.calls} sequential same-origin fetch() calls, ${a.runs} runs (median, min–max)` +
    `${a.hookedWith ? '' : '  ⚠ the hook was NOT installed in the extension browser'}`);
  printTable([
    ['', 'without extension', 'with extension', 'cost'],
    ['per call (run total / N)', showMs(a.without.mean), showMs(a.with.mean), overhead(a.without.mean, a.with.mean)],
    ['per call (median of the N)', showMs(a.without.median), showMs(a.with.median), overhead(a.without.median, a.with.median)],
    ['fetch() until it returns its promise', showMs(a.without.issue), showMs(a.with.issue), overhead(a.without.issue, a.with.issue)],
    ['getUserLanguage.do per call (median of the N)', showMs(a.userLanguage.without.median), showMs(a.userLanguage.with.median),
      overhead(a.userLanguage.without.median, a.userLanguage.with.median)],
  ]);
}

function printCollect(b) {
  console.log(`\n(b) collector, in the content scripts' isolated world (chrome.scripting, as 诊断此页), ${COLLECT_RUNS} runs`);
  printTable([
    ['controls on the page', 'collect()', 'in snapshot', 'snapshot', 'recognise round trip', 'bar'],
    ...SIZES.map((n) => [String(b[n].pageControls), showMs(b[n].collect), String(b[n].controls), kib(b[n].snapshotBytes),
      showMs(b[n].recogniseRoundTrip), b[n].barShown ? 'shown' : 'NOT shown']),
  ]);
  console.log('  (recognise round trip: content script → worker recogniseForms + planFill per form → reply)');
}

function printWorker(c) {
  console.log(`\n(c) service worker (Chromium's V8, ${WORKER_RUNS} runs; WASM ${kib(c.wasmBytes)})`);
  printTable([
    ['WebAssembly.compile', showMs(c.compile)],
    ['instantiate (initSync)', showMs(c.instantiate)],
    ['first calls (setLocale + consoleContext)', showMs(c.firstCall)],
    ['cold start as the worker does it (fetch + compileStreaming + instantiate)', showMs(c.initStreaming)],
  ]);
  printTable([
    ['snapshot', 'JSON.parse', 'recogniseForms', 'planFill', 'recognised'],
    ...SIZES.map((n) => {
      const s = c.snapshots[n];
      return [`${s.controls} controls${s.widened ? ' (widened)' : ''}`, showMs(s.jsonParse), showMs(s.recogniseForms),
        showMs(s.planFill), s.forms.join(', ') || '—'];
    }),
  ]);
  if (SIZES.some((n) => c.snapshots[n].widened)) {
    console.log('  (widened: the collector stops at the first 400 controls, so the bigger snapshot is the collected one plus renamed copies)');
  }
}

function printMutations(d) {
  console.log(`\n(d) SPA observer: ${d.nodesPerFrame} unrelated nodes rewritten per animation frame for ${d.durationMs / 1000} s, ` +
    `${d.runs} runs${d.barShown ? '' : '  ⚠ no bar appeared: the helper may not have been watching'}`);
  printTable([
    ['', 'without extension', 'with extension', 'cost'],
    ['main-thread busy (TaskDuration)', showMs(d.without.taskMs), showMs(d.with.taskMs), overhead(d.without.taskMs, d.with.taskMs)],
    ['script time (ScriptDuration)', showMs(d.without.scriptMs), showMs(d.with.scriptMs), overhead(d.without.scriptMs, d.with.scriptMs)],
    ['script time per frame', showMs(d.without.scriptPerFrameMs), showMs(d.with.scriptPerFrameMs), overhead(d.without.scriptPerFrameMs, d.with.scriptPerFrameMs)],
    ['frames drawn', showMs(d.without.frames, ''), showMs(d.with.frames, ''), overhead(d.without.frames, d.with.frames, '')],
    ['long tasks (> 50 ms)', showMs(d.without.longTasks, ''), showMs(d.with.longTasks, ''), overhead(d.without.longTasks, d.with.longTasks, '')],
  ]);
}

/** The JSON written to disk: everything measured, snapshots left out (they are large). */
function forJson(r) {
  if (!r.collect) return r;
  const collect = Object.fromEntries(Object.entries(r.collect).map(([n, { snapshot, ...rest }]) => [n, rest]));
  return { ...r, collect };
}

// --- main -------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'target/bench/results.json' },
    sizes: { type: 'string' },
    extension: { type: 'string', default: 'dist/extension-e2e' },
  },
});
const extensionDir = args.extension;

/** Runs one section; a failure is kept with its reason so the others still run. */
async function section(results, errors, name, run) {
  const t = performance.now();
  try {
    results[name] = await run();
  } catch (error) {
    errors[name] = String(error?.message ?? error).split('\n')[0];
    console.error(`\n${name}: could not measure: ${error?.stack ?? error}`);
  }
  console.log(`  ${name}: ${num((performance.now() - t) / 1000)} s`);
}

async function main() {
  const started = performance.now();
  const fixtures = new Map();
  const paths = addBenchPages(fixtures, SIZES);
  const server = await startServer({ fixtures });
  let ext = null, plain = null;
  try {
    ext = await launchBrowser({ extensionDir, headless: true });
    plain = await launchPlain();
    const version = ext.context.browser()?.version() ?? (await ext.worker.evaluate(() => navigator.userAgent));
    const results = {
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', chromium: version, node: process.version },
    };
    const errors = {};
    console.log(`Chromium ${version}, ${results.machine.cpus} CPUs (${results.machine.cpu}), headless`);
    const run = (name, fn) => section(results, errors, name, fn);
    await run('fetch', () => benchFetch(ext, plain, server.origin + paths.fetch));
    await run('collect', () => benchCollect(ext, server.origin, paths));
    if (results.collect) await run('worker', () => benchWorker(ext, results.collect));
    await run('mutations', () => benchMutations(ext, plain, server.origin + paths.mutate));
    await run('observer', () => benchObserver(ext, plain, server.origin + paths.mutate));
    await run('bigForm', () => benchBigForm(ext, server.origin + paths.big, BIG_FORM_RUNS));
    await run('firstFill', () => benchFirstFill(ext, server.consoleUrl, FIRST_FILLS));
    await run('heap', () => benchHeap(ext, plain, server.consoleUrl, HEAP_RUNS));
    await run('pageLoad', () => benchPageLoad(ext, plain, server.consoleUrl, PAGE_LOADS));
    results.tookSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    if (results.fetch) printFetch(results.fetch);
    if (results.collect) printCollect(results.collect);
    if (results.worker) printWorker(results.worker);
    if (results.mutations) printMutations(results.mutations);
    results.rows = reportRows(results, errors);
    results.errors = errors;
    const json = forJson(results);
    if (args.sizes) json.sizes = JSON.parse(await readFile(resolve(repoRoot, args.sizes), 'utf8'));
    const out = resolve(repoRoot, args.out);
    await mkdir(dirname(out), { recursive: true });
    // Three decimals are more than the timers resolve (0.1 ms in a worker, 5–100 µs in a page).
    const rounded = (_key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v);
    await writeFile(out, `${JSON.stringify(json, rounded, 2)}\n`);
    console.log(`\nbrowser bench took ${num(results.tookSeconds)} s; results in ${args.out}`);
    const failed = Object.entries(errors);
    if (failed.length) {
      throw new Error(`could not measure ${failed.map(([name, why]) => `${name} (${why})`).join('; ')}`);
    }
  } finally {
    await ext?.close();
    await plain?.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(`browser bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
