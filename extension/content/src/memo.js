//! One collection's memo, caption notes and time budget. A collection asks the same questions
//! of the same ancestors for every control (which controls does this form item hold, what is
//! this cell's text, which rows has this table): answers are kept for one synchronous collection
//! only, so they never go stale; outside one there is no memo and every question asks the page.

let memo = null;
// Nodes whose text became a label candidate or a heading in this collection: the agent looks
// again when their text changes (a framework rewriting a caption in place). Same lifetime.
let captionSink = null;
// The current collection's deadline (performance.now()), and whether it was passed.
let deadline = Infinity;
let overBudget = false;

/** Notes `node` as one whose text this collection read as a caption (outside one: nothing). */
export const noteCaption = (node) => { if (captionSink && node) captionSink.push(node); };

/** Whether this collection has used up its budget (outside one: never). */
export const spent = () => overBudget || (overBudget = performance.now() > deadline);

/** Whether a collection is running (its memo answers). */
export const inCollection = () => memo !== null;

/** `compute()`, memoised under `kind` and `key` for the running collection only. */
export function memoized(kind, key, compute) {
  if (!memo) return compute();
  let m = memo.get(kind);
  if (!m) { m = new Map(); memo.set(kind, m); }
  if (m.has(key)) return m.get(key);
  const v = compute();
  m.set(key, v);
  return v;
}

/**
 * Runs `fn` as one collection with `budgetMs` of the page's main thread: returns `{value,
 * captions, overBudget}` (the nodes noted by `noteCaption`, and whether the budget ran out).
 */
export function asCollection(budgetMs, fn) {
  memo = new Map();
  captionSink = [];
  const captions = captionSink;
  deadline = performance.now() + budgetMs;
  overBudget = false;
  try {
    const value = fn();
    return { value, captions, overBudget };
  } finally {
    memo = null;
    captionSink = null;
    deadline = Infinity;
    overBudget = false;
  }
}
