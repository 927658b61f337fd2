//! The secret store and its doors. Secrets live only in `chrome.storage.session`
//! (TRUSTED_CONTEXTS: content scripts cannot read it; gone when the browser closes), one record
//! per (kind, console) under `secret:<kind>:<prefix>`, each with an expiry. The Rust core makes
//! every decision: generating the key, checking what was captured, binding it to a console,
//! and whether a fill may receive it. This file only moves records between storage and those
//! decisions.
//!
//! Never log a value, never put one in an error or a reply other than a fill plan's step for
//! its target field (and the offscreen clipboard on the popup's 复制).
import { offscreenReady } from '../shared/offscreen.js';
import { loadCore } from './core.js';
import { placeOf } from './documents.js';
import { frameOriginOf, fromOurFrame, requireExtensionPage } from './senders.js';
import {
  CLIPBOARD_KEY, CREDENTIALS_PREFIX, EXPIRED_SECRET_PREFIX, SECRET_PREFIX, TTL_SETTING, expiredSecretKey,
  isObject, malformed, refusedBy, serialisedQueue, sessionEntries, tabUrl, text, ttlMinutes,
} from './shared.js';

const EXPIRY_ALARM = 'secrets-expiry';
const CLIPBOARD_ALARM = 'secrets-clipboard';
/** How long a copied secret may stay on the clipboard. */
export const CLIPBOARD_SECONDS = 30;
const KINDS = ['accessTokenKey', 'gateway'];

const isRecordKey = (key) => typeof key === 'string' && key.startsWith(SECRET_PREFIX);
const isExpiredKey = (key) => typeof key === 'string' && key.startsWith(EXPIRED_SECRET_PREFIX);

// Read-modify-write of session storage one at a time (two frames may act together).
const serialised = serialisedQueue();

/** The record's metadata: everything but its value, for the core's decisions. */
function metaOf(record) {
  if (!isObject(record)) return null;
  const { value: _value, ...meta } = record;
  return meta;
}

/** The records as the core reads them: `[key, meta]` in storage order, never a value. */
const entriesOf = (live) => Object.entries(live).map(([key, record]) => [key, metaOf(record)]);

/** What the core's sweep reads of a stored record: its metadata and whether it holds a value. */
const factsOf = (record) => (isObject(record) ? { ...metaOf(record), held: typeof record.value === 'string' } : null);

/**
 * Every live record, keyed by storage key. The core's `secretsSweep` says which go now and what
 * their expiry notes say; they are removed on the way (lazy purge; the alarm below does the same
 * while nobody asks), and the alarm is set for the next expiry.
 */
async function liveRecords(core) {
  const all = await sessionEntries(SECRET_PREFIX);
  const swept = core.secretsSweep(Object.entries(all).map(([key, record]) => [key, factsOf(record)]), Date.now());
  for (const key of swept.expired) delete all[key];
  if (swept.expired.length) await chrome.storage.session.remove(swept.expired);
  const notes = Object.fromEntries(swept.notes.map((note) => [expiredSecretKey(note.kind, note.prefix), note]));
  if (swept.notes.length) await chrome.storage.session.set(notes);
  await scheduleExpiry(swept.nextExpiry);
  return all;
}

/** One alarm at the next expiry, so secrets go even when no message wakes the worker. */
async function scheduleExpiry(next) {
  if (!chrome.alarms) return;
  if (Number.isFinite(next)) await chrome.alarms.create(EXPIRY_ALARM, { when: next + 500 });
  else await chrome.alarms.clear(EXPIRY_ALARM);
}

/** Stores a record the core wrote (`{key, record}`), and forgets that console's expiry note. */
export async function store({ key, record }, core) {
  return serialised(async () => {
    await chrome.storage.session.set({ [key]: record });
    if (isObject(record)) await chrome.storage.session.remove(expiredSecretKey(record.kind, record.prefix));
    await liveRecords(core);
  });
}

const formKeyOf = (form) => (isObject(form) ? (form.spec || form.form) : form);

/**
 * The secret values a fill plan of `form` may carry, for `sender`: `{accessTokenKey?, gateway?,
 * secretRefusals?}` with only what the core's release policy allows (`secretsForFill`: which
 * record counts, whether it may go, and why not). `purpose` `fill` comes from a trusted click
 * on 填充 (forms-agent sends fill plans only from `isTrusted` clicks); `predict` is the worker's
 * own preview of outcomes, whose values never leave the worker (sw/forms.js strips them), so the
 * same policy applies as if clicked.
 */
export async function secretsForFill({ sender, form, purpose }, core) {
  if (!fromOurFrame(sender) || (purpose !== 'fill' && purpose !== 'predict')) return {};
  const formKey = formKeyOf(form);
  if (typeof formKey !== 'string' || !formKey) return {};
  // The page the document acts for, as the core places it: the console it loaded as (not one
  // it moved onto), its tab's for a frame of the same origin. Refused: no secret, and the row
  // says why.
  const place = await placeOf(sender, core);
  const live = await liveRecords(core);
  const notes = Object.values(await sessionEntries(EXPIRED_SECRET_PREFIX));
  const { keys = {}, refusals = {} } = core.secretsForFill(entriesOf(live), notes, {
    form: formKey, frameOrigin: frameOriginOf(sender), place: place ?? {}, nowMs: Date.now(),
  });
  const values = {};
  for (const [kind, key] of Object.entries(keys)) values[kind] = live[key].value;
  // Why a secret was withheld (the policy's refusal code, never a value), so the row can say
  // "confirm in the popup" or "expired" instead of "none yet".
  if (Object.keys(refusals).length) values.secretRefusals = refusals;
  return values;
}

// --- the bar's secret actions (trusted clicks in the content script) -----------------------------

/** The bar's secret actions and what each says when done. */
const BAR_ACTIONS = {
  'generate-key': 'secrets_key_generated',
  'remember-key': 'secrets_key_remembered',
  'remember-gateway': 'secrets_gateway_remembered',
};

/**
 * 生成密钥 (a fresh key, filled into 认证密钥 only), 记住此密钥 (the key the user typed) and
 * 记住网关 (x-acgw-identity as the page shows it after 查看 + password), on a trusted click:
 * the core recognises the form again in the fresh snapshot, checks the action is offered there,
 * reads or makes the secret and binds it to the console the document acts for (a page that
 * moved onto a console's address must not plant a secret there either). This stores it.
 */
async function barAction(message, sender, core) {
  const place = await placeOf(sender, core);
  const form = isObject(message.form) || typeof message.form === 'string' ? message.form : '';
  const made = core.barSecretAction(message.action, message.snapshot, form, {
    frameOrigin: frameOriginOf(sender), place: place ?? {}, nowMs: Date.now(), ttlMinutes: await ttlMinutes(),
  });
  if (!made?.ok) return refusedBy(made, 'secrets_failed');
  const done = text(BAR_ACTIONS[message.action], made.record.masked);
  // A generated key comes with the plan that fills it (the core refused it if none could).
  await store(made, core);
  return made.plan ? { ok: true, plan: made.plan, message: done } : { ok: true, message: done };
}

// --- the popup ----------------------------------------------------------------------------------

/** What the popup shows for a tab: the core's status of the held secrets; no value. */
async function status(tabId, core) {
  const url = await tabUrl(tabId);
  const live = await liveRecords(core);
  const clipboard = (await chrome.storage.session.get(CLIPBOARD_KEY))[CLIPBOARD_KEY] ?? null;
  return {
    ok: true,
    ...core.secretsStatus(entriesOf(live), url ?? undefined),
    ttlMinutes: (await ttlMinutes()) ?? null,
    clipboard: core.clipboardRunning(clipboard?.clearAt, Date.now()) ? clipboard : null,
    // Whether anything pasted is held (sw/credentials.js' records), for 清除所有密钥.
    pasted: Object.keys(await sessionEntries(CREDENTIALS_PREFIX)).length > 0,
  };
}

async function clearAll() {
  return serialised(async () => {
    const all = await chrome.storage.session.get(null);
    const keys = Object.keys(all).filter((key) => isRecordKey(key) || isExpiredKey(key));
    const pending = all[CLIPBOARD_KEY];
    // A secret still on the clipboard from 复制 goes with them (only if it is still there).
    if (isObject(pending) && typeof all[pending.key]?.value === 'string') {
      await clearClipboardIfHolds(all[pending.key].value);
    }
    await chrome.storage.session.remove([...keys, CLIPBOARD_KEY]);
    if (chrome.alarms) await chrome.alarms.clear(EXPIRY_ALARM);
  });
}

// --- the clipboard, through the offscreen document ----------------------------------------------

async function toOffscreen(message) {
  await offscreenReady();
  return chrome.runtime.sendMessage({ target: 'fapiao-offscreen-clipboard', ...message });
}

export async function clearClipboardIfHolds(value) {
  try {
    return await toOffscreen({ type: 'clear-if-holds', value });
  } catch {
    return { ok: false };
  }
}

/**
 * Copies `value` through the offscreen document for 30 seconds. `pending` says where it came
 * from (`{key, kind}` for a secret, `{credential, tabId}` for a pasted value), so that
 * 清除所有密钥 and the alarm can clear it if the clipboard still holds it.
 */
export async function copyValue(value, pending) {
  const reply = await toOffscreen({ type: 'copy', value, seconds: CLIPBOARD_SECONDS });
  if (!reply?.ok) return { ok: false, error: text('secrets_copy_failed') };
  const clearAt = Date.now() + CLIPBOARD_SECONDS * 1000;
  await chrome.storage.session.set({ [CLIPBOARD_KEY]: { ...pending, clearAt } });
  // Backup for the offscreen timer, and the moment to close the offscreen document.
  if (chrome.alarms) await chrome.alarms.create(CLIPBOARD_ALARM, { when: clearAt + 1000 });
  return { ok: true, clearAt, seconds: CLIPBOARD_SECONDS };
}

async function clipboardDue() {
  const all = await chrome.storage.session.get(null);
  const pending = all[CLIPBOARD_KEY];
  if (isObject(pending) && typeof all[pending.key]?.value === 'string') {
    await clearClipboardIfHolds(all[pending.key].value);
  }
  await chrome.storage.session.remove(CLIPBOARD_KEY);
  try {
    await chrome.offscreen.closeDocument();
  } catch {
    // already closed
  }
}

chrome.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPIRY_ALARM) loadCore().then(liveRecords).catch(() => {});
  if (alarm.name === CLIPBOARD_ALARM) clipboardDue().catch(() => {});
});

// --- the popup's confirms -----------------------------------------------------------------------

/**
 * The popup's confirm for the tab's console: that it may receive the secrets of `kinds`
 * captured on another console, or with `insecure` its own over plain http. The core says what
 * each covered record gets; this writes it.
 */
async function confirm(tabId, kinds, insecure, core) {
  const url = await tabUrl(tabId);
  if (!url) return { ok: false, code: 'tab-unreadable', error: text('secrets_tab_unreadable') };
  return serialised(async () => {
    const live = await liveRecords(core);
    const patches = core.secretsConfirm(entriesOf(live), kinds, url, insecure);
    const updates = {};
    for (const [key, patch] of Object.entries(patches)) updates[key] = { ...live[key], ...patch };
    if (Object.keys(updates).length) await chrome.storage.session.set(updates);
    return { ok: true, allowed: Object.keys(updates).length };
  });
}

/** The kinds a confirm names (all when it names none). */
const kindsOf = (message) => (Array.isArray(message.kinds) ? message.kinds.filter((k) => KINDS.includes(k)) : KINDS);

// --- message table -----------------------------------------------------------------------------

export const handlers = {
  /** `{action, form, snapshot}` from a trusted click on one of the bar's secret actions. */
  'bar-action': async (message, sender, core) => {
    if (!fromOurFrame(sender)) return { ok: false, code: 'not-content-script', error: text('worker_not_content_script') };
    if (!Object.hasOwn(BAR_ACTIONS, message.action) || !isObject(message.snapshot)) return malformed();
    return barAction(message, sender, core);
  },

  /** `{tabId}` → what the popup shows: per kind held, masked, expiry, console. */
  'secrets-status': async (message, sender, core) => {
    requireExtensionPage(sender);
    return status(message.tabId, core);
  },

  /** Forgets every secret (清除所有密钥). */
  'clear-secrets': async (message, sender, core) => {
    requireExtensionPage(sender);
    await clearAll();
    return status(message.tabId, core);
  },

  /** `{tabId, kind}` → copies that secret (as the popup shows it) for 30 seconds. */
  'copy-secret': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!KINDS.includes(message.kind)) return malformed();
    const url = await tabUrl(message.tabId);
    const live = await liveRecords(core);
    const key = core.secretChoice(entriesOf(live), message.kind, url ?? undefined);
    const record = key === undefined ? undefined : live[key];
    if (!record) return { ok: false, code: 'nothing-to-copy', error: text('secrets_nothing_to_copy') };
    return copyValue(record.value, { key, kind: record.kind });
  },

  /** `{tabId, kinds?}` → lets the tab's console receive secrets captured on another one. */
  'confirm-cross-origin': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return malformed();
    return confirm(message.tabId, kindsOf(message), false, core);
  },

  /** `{tabId, kinds?}` → lets the tab's plain-http console receive its secrets (after the warning). */
  'confirm-insecure-console': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return malformed();
    return confirm(message.tabId, kindsOf(message), true, core);
  },

  /** `{minutes}` → the `secretTtlMinutes` setting for secrets remembered from now on. */
  'secrets-ttl': async (message, sender) => {
    requireExtensionPage(sender);
    const minutes = Number(message.minutes);
    if (!Number.isFinite(minutes) || minutes <= 0) return malformed();
    await chrome.storage.local.set({ [TTL_SETTING]: minutes });
    return { ok: true };
  },
};
