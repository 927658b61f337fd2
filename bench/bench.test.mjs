// The bench's own arithmetic, without a browser: attributing a trace's main-thread time to the
// extension, the report rows (a section that failed gives rows that say why), and the pages'
// promised shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBenchPages, BIG_FIELDS, BIG_NODES } from './pages.mjs';
import { reportRows } from './rows.mjs';
import { helperWork } from './trace.mjs';

const EXT = 'chrome-extension://abc/';
const meta = (pid, tid, name) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
const span = (name, ts, dur, url, tid = 1) => ({ ph: 'X', name, ts, dur, pid: 1, tid, args: url ? { data: { url } } : {} });

test('helper time is counted once per outermost task, nested calls and other scripts left out', () => {
  const events = [
    meta(1, 1, 'CrRendererMain'),
    meta(1, 2, 'Compositor'),
    // One task (with a nested run of the scheduler inside it) holding page script and two helper calls,
    // the second nested in the first.
    span('RunTask', 0, 20_000),
    span('ThreadControllerImpl::RunTask', 10, 19_000),
    span('FunctionCall', 100, 5_000, 'http://page/app.js'),
    span('FunctionCall', 6_000, 3_000, `${EXT}content/forms-agent.js`),
    span('FunctionCall', 6_500, 1_000, `${EXT}content/collect.js`),
    // A second task: one helper call of 1 ms.
    span('RunTask', 30_000, 2_000),
    span('FireIdleCallback', 30_100, 1_000, `${EXT}content/forms-agent.js`),
    // Helper script on another thread is not the page's main thread.
    span('RunTask', 40_000, 50_000, null, 2),
    span('FunctionCall', 40_000, 50_000, `${EXT}x.js`, 2),
  ];
  assert.deepEqual(helperWork(events, EXT), { longestMs: 3, totalMs: 4, tasks: 2, longestTaskMs: 20 });
});

test('a trace without the extension\'s script attributes nothing to it', () => {
  const events = [meta(1, 1, 'CrRendererMain'), span('RunTask', 0, 30_000), span('FunctionCall', 10, 29_000, 'http://page/app.js')];
  assert.deepEqual(helperWork(events, EXT), { longestMs: 0, totalMs: 0, tasks: 0, longestTaskMs: 30 });
});

test('every section gives its rows; one that failed gives them with its reason and no figures', () => {
  const rows = reportRows({}, {
    pageLoad: 'x', fetch: 'x', bigForm: 'x', observer: 'no trace', mutations: 'x', firstFill: 'x', heap: 'x',
  });
  assert.equal(rows.length, 9);
  assert.equal(new Set(rows.map((r) => r.key)).size, rows.length, 'every row has its own key');
  for (const row of rows) {
    assert.ok(row.what && row.error, JSON.stringify(row));
    assert.equal(row.value, undefined);
  }
  assert.equal(rows.find((r) => r.what.includes('longest task')).error, 'no trace');
});

test('the first fill row is cold beside warm, with the 1.5× target on their ratio', () => {
  const s = (median) => ({ median, min: median, max: median, runs: 10 });
  const rows = reportRows({ firstFill: { runs: 10, cold: s(300), warm: s(200), coldWokeNewWorker: 10, warmSameWorker: 10 } }, {
    pageLoad: 'x', fetch: 'x', bigForm: 'x', observer: 'x', mutations: 'x', heap: 'x',
  });
  const row = rows.find((r) => r.what.startsWith('first fill'));
  assert.equal(row.value, 300);
  assert.equal(row.baseline, 200);
  assert.deepEqual(row.target, { on: 'ratio', atMost: 1.5, text: 'cold ≤ 1.5 × warm' });
  assert.match(row.note, /cold − warm 100\.0 ms; 10\/10 cold clicks woke a new worker/);
});

test(`the big page holds ${BIG_NODES} elements (its body included) and a form of ${BIG_FIELDS} controls`, () => {
  const fixtures = new Map();
  const paths = addBenchPages(fixtures, [50]);
  const html = fixtures.get(paths.big.split('?')[0]).body;
  const body = html.slice(html.indexOf('<body>') + '<body>'.length, html.indexOf('</body>'));
  assert.equal((body.match(/<[a-z][^>]*>/g) ?? []).length + 1, BIG_NODES);
  assert.equal((body.match(/<(input|select|textarea)\b/g) ?? []).length, BIG_FIELDS);
});
