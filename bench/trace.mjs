//! The helper's own work on a page's main thread, read from a DevTools performance trace: every
//! top-level task of a renderer's main thread (`CrRendererMain`), and within it the script the
//! extension ran (the outermost `FunctionCall`, `EvaluateScript`, `TimerFire`, `FireIdleCallback`
//! … whose script URL is the extension's). A callback of a MutationObserver the content scripts
//! registered runs inside the page's own task (a microtask after the page's change), so "the
//! longest task the helper causes" is the longest such slice of helper script within one task.

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'];
const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/** Records a trace around `during()` through the page's DevTools session; returns its events. */
export async function traceDuring(cdp, during) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  let result;
  try {
    result = await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { events, result };
}

const urlOf = (e) => e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '';

/**
 * From trace `events`: per main-thread task, the time spent in script whose URL starts with
 * `prefix`. Returns `{longestMs, totalMs, tasks, longestTaskMs}`: the longest helper slice in one
 * task, the helper's total, how many tasks it ran in, and the longest task of those threads.
 */
export function helperWork(events, prefix) {
  const mainThreads = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let longest = 0, total = 0, tasks = 0, longestTask = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Outermost tasks only: a task run inside another (a nested run loop) is part of it.
    const top = [];
    for (const e of list) {
      if (!TOP_LEVEL.has(e.name)) continue;
      const last = top[top.length - 1];
      if (!last || e.ts >= last.ts + last.dur) top.push(e);
    }
    const helper = list.filter((e) => !TOP_LEVEL.has(e.name) && urlOf(e).startsWith(prefix));
    let h = 0;
    for (const task of top) {
      longestTask = Math.max(longestTask, task.dur / 1000);
      const end = task.ts + task.dur;
      // Outermost helper slices only: a nested one is already inside its parent's duration.
      let covered = task.ts, inTask = 0;
      while (h < helper.length && helper[h].ts < task.ts) h++;
      for (let i = h; i < helper.length && helper[i].ts < end; i++) {
        const e = helper[i];
        const from = Math.max(e.ts, covered);
        const to = Math.min(e.ts + e.dur, end);
        if (to > from) { inTask += to - from; covered = to; }
      }
      if (inTask > 0) {
        tasks++;
        total += inTask / 1000;
        longest = Math.max(longest, inTask / 1000);
      }
    }
  }
  return { longestMs: longest, totalMs: total, tasks, longestTaskMs: longestTask };
}
