//! The helper's lifetime in this frame: one AbortController whose signal every listener,
//! observer and timer of the script is registered with, so taking the helper off the page is
//! one `teardown()`. The agent tears down when the extension is gone (reloaded, updated or
//! disabled: a message to the worker then fails with "context invalidated"), which leaves
//! nothing of ours running or drawn on the page. Parts with a shorter life (one bar, one watch
//! after a 连接测试 click, one lookup step) take a `scope()`: their own end, and the helper's.

const controller = new AbortController();

/** Aborted once, when the helper leaves the page. */
export const signal = controller.signal;

/** Takes the helper off the page: every registration made with `signal` (or a scope) ends. */
export const teardown = () => controller.abort();

/** Whether the helper is still on the page. */
export const alive = () => !signal.aborted;

/**
 * A shorter life inside the helper's: `{signal, end}`, its signal aborted by `end()` or by the
 * helper's teardown, whichever comes first.
 */
export function scope(parent = signal) {
  const own = new AbortController();
  return { signal: AbortSignal.any([parent, own.signal]), end: () => own.abort() };
}

/** Calls `fn` once when `s` aborts (at once if it has). */
export function onAbort(s, fn) {
  if (s.aborted) fn();
  else s.addEventListener('abort', fn, { once: true });
}

/** `observer`, disconnected when `s` aborts. */
export function boundTo(s, observer) {
  onAbort(s, () => observer.disconnect());
  return observer;
}

/** `setTimeout(fn, ms)` whose `fn` never runs once `s` has aborted; returns the timer id. */
export function later(s, fn, ms) {
  return setTimeout(() => { if (!s.aborted) fn(); }, ms);
}

/** `view.requestAnimationFrame(fn)` whose `fn` never runs once `s` has aborted. */
export function nextFrame(s, view, fn) {
  return view.requestAnimationFrame((t) => { if (!s.aborted) fn(t); });
}

/** A promise resolved after `ms`, or never once `s` has aborted (the work waiting on it stops). */
export const sleep = (s, ms) => new Promise((resolve) => later(s, resolve, ms));
