//! The one global the isolated-world script defines: `globalThis.__fapiaoHelper`, holding
//! `collect` only. It is a deliberate, minimal entry point, not a namespace the modules share
//! (they import what they use): extension code that runs in the tab's isolated world through
//! chrome.scripting.executeScript calls it (the worker's 诊断此页 and checklist signals, the
//! bench, the E2E tests), and a frame's collector reads it on a same-origin child frame to skip
//! a frame that collects itself. Page scripts never see it: it lives in the extension's isolated
//! world. The agent calls the collector through this object too, so code that wraps
//! `collect` here (the performance test counts the agent's collections) sees every call; that is
//! why it is not frozen.

const GLOBAL = '__fapiaoHelper';

/** Whether this frame's isolated world already runs the helper (a second injection stands down). */
export const published = () => !!globalThis[GLOBAL];

/** Defines the entry point; returns the object the agent calls the collector through. */
export function publish(collect) {
  const api = { collect };
  globalThis[GLOBAL] = api;
  return api;
}

/** Takes the entry point away (the helper's teardown): a later injection may start afresh. */
export function unpublish(api) {
  if (globalThis[GLOBAL] === api) delete globalThis[GLOBAL];
}

/** Whether the helper runs in `win`'s isolated world (a same-origin frame); may throw. */
export const runsHere = (win) => !!(win[GLOBAL] && win[GLOBAL].collect);
