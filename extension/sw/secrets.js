//! The secret store and its doors. Secrets live only in `chrome.storage.session`
//! (TRUSTED_CONTEXTS: content scripts cannot read it; gone when the browser closes), one record
//! per (kind, console) under `secret:<kind>:<prefix>`, each with an expiry. The Rust core makes
//! every decision: generating the key, checking what was captured, binding it to a console,
//! and whether a fill may receive it. This file only moves records between storage and those
//! decisions.
//!
//! Never log a value, never put one in an error or a reply other than a fill plan's step for
//! its target field (and the offscreen clipboard on the popup's 复制).
import { placeOf } from './documents.js';
import { frameOriginOf, fromOurFrame, requireExtensionPage } from './senders.js';
import {
  CLIPBOARD_KEY, CREDENTIALS_PREFIX, EXPIRED_SECRET_PREFIX, SECRET_PREFIX, TTL_SETTING, expiredSecretKey,
  isObject, malformed, refusedBy, serialisedQueue, sessionEntries, tabUrl, text, ttlMinutes,
} from './shared.js';

const EXPIRY_ALARM = 'secrets-expiry';
const CLIPBOARD_ALARM = 'secrets-clipboard';
const OFFSCREEN_URL = 'offscreen/clipboard.html';
/** How long a copied secret may stay on the clipboard. */
export const CLIPBOARD_SECONDS = 30;
const KINDS = ['accessTokenKey', 'gateway'];
/** The field a generated or typed key is filled into on the AccessToken认证 dialog. */
const KEY_FIELD = '认证密钥';

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

/**
 * Every live record, keyed by storage key. Expired ones are removed on the way (lazy purge; the
 * alarm below does the same while nobody asks).
 */
async function liveRecords(now = Date.now()) {
  const all = await chrome.storage.session.get(null);
  const live = {};
  const expired = [];
  const notes = {};
  for (const [key, record] of Object.entries(all)) {
    if (!isRecordKey(key)) continue;
    if (!isObject(record) || typeof record.value !== 'string' || !(record.expiresAt > now)) {
      expired.push(key);
      if (isObject(record) && typeof record.kind === 'string' && typeof record.prefix === 'string' &&
          record.expiresAt <= now) {
        notes[expiredSecretKey(record.kind, record.prefix)] = { kind: record.kind, prefix: record.prefix, expiredAt: record.expiresAt };
      }
    } else live[key] = record;
  }
  if (expired.length) await chrome.storage.session.remove(expired);
  if (Object.keys(notes).length) await chrome.storage.session.set(notes);
  await scheduleExpiry(live);
  return live;
}

/** One alarm at the next expiry, so secrets go even when no message wakes the worker. */
async function scheduleExpiry(live) {
  if (!chrome.alarms) return;
  const next = Math.min(...Object.values(live).map((record) => record.expiresAt));
  if (Number.isFinite(next)) await chrome.alarms.create(EXPIRY_ALARM, { when: next + 500 });
  else await chrome.alarms.clear(EXPIRY_ALARM);
}

/** Stores a record the core wrote (`{key, record}`), and forgets that console's expiry note. */
export async function store({ key, record }) {
  return serialised(async () => {
    await chrome.storage.session.set({ [key]: record });
    if (isObject(record)) await chrome.storage.session.remove(expiredSecretKey(record.kind, record.prefix));
    await liveRecords();
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
  const live = await liveRecords();
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

/** The form named by the message, recognised again in the fresh snapshot (nothing old trusted). */
function recognisedAgain(core, snapshot, form) {
  const wanted = isObject(form) ? form : { form };
  const { forms = [] } = core.recogniseForms(snapshot) ?? {};
  const same = (f) => (wanted.spec ? f.spec === wanted.spec : f.form === wanted.form);
  return forms.find((f) => same(f) && (wanted.container == null || f.container === wanted.container))
    ?? forms.find(same) ?? null;
}

/** `{label, value}` texts that may hold x-acgw-identity: plain texts and labelled controls. */
function gatewayCandidates(snapshot) {
  const out = [];
  for (const item of Array.isArray(snapshot.texts) ? snapshot.texts : []) {
    if (isObject(item)) out.push({ label: String(item.label ?? ''), value: String(item.value ?? '') });
  }
  for (const control of Array.isArray(snapshot.controls) ? snapshot.controls : []) {
    if (!isObject(control) || typeof control.value !== 'string') continue;
    for (const label of Array.isArray(control.labels) ? control.labels : []) {
      if (isObject(label)) out.push({ label: String(label.text ?? ''), value: control.value });
    }
  }
  return out;
}

/** The value the user typed into the recognised form's 认证密钥 control. */
function typedKey(snapshot, recognised) {
  const field = recognised.fields?.find((f) => f.field === KEY_FIELD && f.found);
  const controls = Array.isArray(snapshot.controls) ? snapshot.controls : [];
  const control = field ? controls.find((c) => isObject(c) && c.id === field.controlId) : null;
  return typeof control?.value === 'string' ? control.value : '';
}

/**
 * Where a secret remembered by `sender` belongs: the page its document acts for (the console
 * it loaded as), or `{refused}` with the core's reason when it acts for none (a page that moved
 * onto a console's address must not plant a secret there either).
 */
async function origin(sender, core) {
  const place = await placeOf(sender, core);
  if (!place?.ok) return { refused: refusedBy(place, 'secrets_failed') };
  return { frameOrigin: frameOriginOf(sender), topUrl: place.pageUrl, nowMs: Date.now(), ttlMinutes: await ttlMinutes() };
}

const offers = (recognised) => (Array.isArray(recognised.offers) ? recognised.offers : []);
const refused = (result) => refusedBy(result, 'secrets_failed');
const notHere = () => ({ ok: false, code: 'action-not-here', error: text('secrets_action_not_here') });

const barActions = {
  /** AccessToken认证 → 生成密钥: a fresh key, remembered here, filled into 认证密钥 only. */
  'generate-key': async (recognised, snapshot, sender, core) => {
    if (!offers(recognised).includes('generate-key')) return notHere();
    const where = await origin(sender, core);
    if (where.refused) return where.refused;
    const made = core.rememberGeneratedKey(where);
    if (!made?.ok) return refused(made);
    const plan = core.planFill(snapshot, recognised, { accessTokenKey: made.record.value }, [KEY_FIELD]);
    const step = plan?.steps?.find((s) => s.field === KEY_FIELD);
    if (!step) return { ok: false, code: 'key-field-missing', error: text('secrets_key_field_missing') };
    await store(made);
    return { ok: true, plan, message: text('secrets_key_generated', made.record.masked) };
  },

  /** AccessToken认证 → 记住此密钥: the key the user typed, read on this trusted click. */
  'remember-key': async (recognised, snapshot, sender, core) => {
    if (!core.secretTargets(recognised.spec || recognised.form).some((t) => t.kind === 'accessTokenKey' && t.field === KEY_FIELD)) {
      return notHere();
    }
    const where = await origin(sender, core);
    if (where.refused) return where.refused;
    const made = core.rememberUserKey(typedKey(snapshot, recognised), where);
    if (!made?.ok) return refused(made);
    await store(made);
    return { ok: true, message: text('secrets_key_remembered', made.record.masked) };
  },

  /** 第三方应用 → 记住网关: x-acgw-identity as the page shows it after 查看 + password. */
  'remember-gateway': async (recognised, snapshot, sender, core) => {
    if (!offers(recognised).includes('remember-gateway')) return notHere();
    const where = await origin(sender, core);
    if (where.refused) return where.refused;
    const made = core.rememberGateway(gatewayCandidates(snapshot), where);
    if (!made?.ok) return refused(made);
    await store(made);
    return { ok: true, message: text('secrets_gateway_remembered', made.record.masked) };
  },
};

// --- the popup ----------------------------------------------------------------------------------

/** What the popup shows for a tab: the core's status of the held secrets; no value. */
async function status(tabId, core) {
  const url = await tabUrl(tabId);
  const live = await liveRecords();
  const clipboard = (await chrome.storage.session.get(CLIPBOARD_KEY))[CLIPBOARD_KEY] ?? null;
  return {
    ok: true,
    ...core.secretsStatus(entriesOf(live), url ?? undefined),
    ttlMinutes: (await ttlMinutes()) ?? null,
    clipboard: clipboard && clipboard.clearAt > Date.now() ? clipboard : null,
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

async function offscreenReady() {
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (contexts.length) return;
  try {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_URL,
      reasons: ['CLIPBOARD'],
      justification: 'Copy a secret on the user’s request and clear it from the clipboard after 30 seconds',
    });
  } catch (error) {
    // Two callers raced: the other one created it.
    if (!/single offscreen|already/i.test(String(error?.message))) throw error;
  }
}

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
  if (alarm.name === EXPIRY_ALARM) liveRecords().catch(() => {});
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
    const live = await liveRecords();
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
    const act = Object.hasOwn(barActions, message.action) ? barActions[message.action] : null;
    if (!act || !isObject(message.snapshot)) return malformed();
    const recognised = recognisedAgain(core, message.snapshot, message.form);
    if (!recognised) return { ok: false, code: 'form-gone', error: text('secrets_form_gone') };
    return act(recognised, message.snapshot, sender, core);
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
    const live = await liveRecords();
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
