//! Form recognition, fill plans and outcomes in the worker: the content scripts send plain
//! snapshots and executor results, the Rust core decides (docs/PROTOCOL.md "Fill plan and
//! outcomes"). Values come from the console the sending document belongs to (sw/documents.js:
//! the one it loaded as, the tab's for a same-origin frame; 数据中心 id from this session's
//! observations) and, for secrets and pasted credentials, from sw/secrets.js and
//! sw/credentials.js as the core releases them; none of them ever comes from the page's own
//! message.
import { placeOf } from './documents.js';
import { credentialsForFill } from './credentials.js';
import { secretsForFill } from './secrets.js';
import { requireExtensionPage, requireOurFrame } from './senders.js';
import {
  CREDENTIALS_PREFIX, SECRET_PREFIX, isObject, malformed, observationsOf, sessionEntries, text,
} from './shared.js';

/**
 * `{prefix?, accountId?}` for the sender's console: the console the sending document loaded as
 * (its tab's for a frame of the same origin); a page that moved onto a console's address, or a
 * frame of another origin, gets none. The core's `consoleValues` gives both.
 */
async function contextValues(sender, core) {
  const place = await placeOf(sender, core);
  const url = place?.ok && place.console ? place.pageUrl : null;
  if (!url) return {};
  return core.consoleValues(url, await observationsOf(url));
}

/**
 * The secret values a fill of `form` may carry, from both stores (the secrets', then the
 * pasted credentials'), with every withheld one's refusal code in `secretRefusals`.
 */
async function secretValues(sender, form, purpose, core) {
  try {
    // Both parts as released; which wins where they overlap is the core's (FillValues::merged).
    const secrets = await secretsForFill({ sender, form, purpose }, core);
    const pasted = await credentialsForFill({ sender, form, purpose }, core);
    return { ...secrets, pasted };
  } catch {
    return {}; // no secret is better than a broken fill; the bar says no-value
  }
}

async function valuesFor(sender, form, purpose, core) {
  return { ...(await contextValues(sender, core)), ...(await secretValues(sender, form, purpose, core)) };
}

/**
 * The snapshot as the core reads it fastest: its JSON text. Reading a large object field by
 * field across the WASM boundary costs several times what recognising it does (src/wasm/forms.rs),
 * so a message's snapshot is stringified once and every call of that message gets the text.
 */
const snapshotText = (snapshot) => JSON.stringify(snapshot);

/**
 * Per-frame spacing of `recognise`: a frame whose last recognition cost the core `t` ms waits
 * until 3t after it started before the next one runs. A normal page costs a few ms (no wait);
 * a page built to make each look cost the worker seconds is looked at that much less often.
 */
const recogniseSpacing = new Map(); // `${tabId}:${frameId}` → time before which none runs
async function throttleRecognise(sender) {
  const key = `${sender.tab?.id}:${sender.frameId}`;
  const wait = (recogniseSpacing.get(key) ?? 0) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10_000)));
  if (recogniseSpacing.size > 500) recogniseSpacing.clear();
  const started = Date.now();
  return () => recogniseSpacing.set(key, started + 3 * (Date.now() - started));
}

/**
 * Every secret value held in the session (`secret:<kind>:<prefix>` records, and the secrets of
 * pasted `cred:` records), for the core to leave out of a diagnosis wherever the page shows one
 * as text. They go into the core only.
 */
async function heldSecretValues(core) {
  const pasted = await sessionEntries(CREDENTIALS_PREFIX);
  return Object.values(await sessionEntries(SECRET_PREFIX))
    .filter((record) => typeof record?.value === 'string' && record.value)
    .map((record) => record.value)
    // and the secrets of a pasted 授权邮件 (src/credentials/ says which values those are)
    .concat(core.credentialSecretValues?.(pasted) ?? []);
}

/** The recognised forms of a parsed snapshot, each with the rows its fill would give now. */
async function recogniseParsed(snapshot, sender, core, textLabels) {
  const { forms = [] } = core.recogniseParsed(snapshot) ?? {};
  // What the content script watches for after a click on 连接测试 (the core's words).
  const connectionWatch = core.connectionWatch?.() ?? null;
  if (!forms.length) return { ok: true, forms: [], textLabels, connectionWatch };
  let context = null; // the console's values: the same for every form of the page
  const out = [];
  for (const form of forms) {
    let rows = [];
    let environment;
    try {
      context ??= await contextValues(sender, core);
      const values = { ...context, ...(await secretValues(sender, form, 'predict', core)) };
      environment = values.pasted?.values?.environment;
      // The bar's prediction rows: never a value, only what will happen (the core strips them).
      rows = core.predictFillParsed(snapshot, form, values) ?? [];
    } catch {
      rows = [];
    }
    // The page's own values judged by the core; only the pasted credentials' environment goes
    // in (never a secret), and the messages never quote a value.
    let problems = [];
    try {
      problems = core.formProblemsParsed?.(snapshot, form, typeof environment === 'string' ? { environment } : {}) ?? [];
    } catch {
      problems = [];
    }
    out.push({ ...form, rows, problems });
  }
  return { ok: true, forms: out, textLabels, connectionWatch };
}

/** At most this many texts per `connection-answer`, each cut to this many characters. */
const MAX_ANSWER_TEXTS = 50;
const MAX_ANSWER_CHARS = 2000;

export const handlers = {
  /**
   * `{snapshot}` → `{forms, textLabels}`: each recognised form with the rows its fill would give
   * now, and the labels of texts the collector should send (without values) for recognition.
   */
  recognise: async (message, sender, core) => {
    requireOurFrame(sender);
    if (!isObject(message.snapshot)) return malformed();
    const textLabels = core.formTextLabels();
    const done = await throttleRecognise(sender);
    let snapshot = null;
    try {
      // Parsed once for the recognition and every form's predicted fill (freed below).
      snapshot = core.parseSnapshot(snapshotText(message.snapshot));
      return await recogniseParsed(snapshot, sender, core, textLabels);
    } finally {
      snapshot?.free();
      done();
    }
  },

  /**
   * `{messages: [{text, role, live, classes}]}`: texts that appeared after the user clicked
   * 连接测试 → `{answer: {cause, message} | null}`, the core's reading of the console's answer.
   */
  'connection-answer': async (message, sender, core) => {
    requireOurFrame(sender);
    if (!Array.isArray(message.messages)) return malformed();
    const str = (v, n) => (typeof v === 'string' ? v.slice(0, n) : '');
    const messages = message.messages.slice(0, MAX_ANSWER_TEXTS).filter(isObject).map((m) => ({
      text: str(m.text, MAX_ANSWER_CHARS), role: str(m.role, 200), live: str(m.live, 50), classes: str(m.classes, 500),
    }));
    return { ok: true, answer: core.connectionAnswer(messages) ?? null };
  },

  /** `{form, snapshot, overwrite}` (sent from a trusted click on 填充/覆盖) → `{plan}`. */
  'fill-plan': async (message, sender, core) => {
    requireOurFrame(sender);
    const { form, snapshot } = message;
    if (!isObject(snapshot) || !(isObject(form) || typeof form === 'string')) {
      return malformed();
    }
    const overwrite = Array.isArray(message.overwrite) ? message.overwrite.filter((f) => typeof f === 'string') : [];
    const values = await valuesFor(sender, form, 'fill', core);
    return { ok: true, plan: core.planFill(snapshotText(snapshot), form, values, overwrite) };
  },

  /** `{plan, results}` → `{rows}`: Rust's outcome per field. */
  'fill-report': async (message, sender, core) => {
    requireOurFrame(sender);
    if (!isObject(message.plan) || !Array.isArray(message.results)) return malformed();
    return { ok: true, ...core.fillOutcomes(message.plan, message.results) };
  },

  /** `{plan, results}` of a fill → `{plan}` that restores what the page held before. */
  'undo-plan': async (message, sender, core) => {
    requireOurFrame(sender);
    if (!isObject(message.plan) || !Array.isArray(message.results)) return malformed();
    return { ok: true, plan: core.planUndo(message.plan, message.results) };
  },

  /**
   * `{tabId}` from the popup → what every frame of the tab recognises: forms, controls, label
   * candidates and rules, never a value (the core's diagnose leaves values out).
   */
  diagnose: async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return malformed();
    let injections;
    try {
      injections = await chrome.scripting.executeScript({
        target: { tabId: message.tabId, allFrames: true },
        // Runs in the content scripts' isolated world, where the collector lives.
        func: () => {
          const helper = globalThis.__fapiaoHelper;
          return helper && helper.collect ? helper.collect().snapshot : null;
        },
      });
    } catch {
      return { ok: false, code: 'no-access', error: text('forms_diagnose_no_access') };
    }
    const frames = [];
    const held = await heldSecretValues(core);
    for (const injection of injections ?? []) {
      const snapshot = injection?.result;
      if (!isObject(snapshot)) continue;
      // The core's description carries the page address without its query (it may hold tokens)
      // and leaves out page text that holds a secret (a revealed one, or one of `held`).
      frames.push({ frameId: injection.frameId, frame: snapshot.frame, ...core.diagnose(snapshotText(snapshot), held) });
    }
    return {
      ok: true,
      diagnose: {
        tool: 'fapiao-helper',
        version: chrome.runtime.getManifest().version,
        locale: chrome.i18n.getUILanguage(),
        frames,
      },
    };
  },
};
