//! The secret store and its doors. Secrets live only in `chrome.storage.session`
//! (TRUSTED_CONTEXTS: content scripts cannot read it; gone when the browser closes), one record
//! per (kind, console) under `secret:<kind>:<prefix>`, each with an expiry. The Rust core makes
//! every decision: generating the key, checking what was captured, binding it to a console,
//! and whether a fill may receive it. This file only moves records between storage and those
//! decisions.
//!
//! Never log a value, never put one in an error or a reply other than a fill plan's step for
//! its target field (and the offscreen clipboard on the popup's 复制).
import * as wasmCore from '../wasm/fapiao_helper.js';
import { placeOf } from './documents.js';
import { fromContentScript, fromExtensionPage } from './senders.js';
import { registerSecretsSource } from './forms.js';

const RECORD_PREFIX = 'secret:';
/**
 * `expiredSecret:<kind>:<prefix>` → `{kind, prefix, expiredAt}`: that a console's secret expired
 * (no value), so its fill rows can say "expired" rather than "none yet". Gone with 清除所有密钥,
 * when a new one is remembered there, and when the browser closes.
 */
const EXPIRED_PREFIX = 'expiredSecret:';
const CLIPBOARD_KEY = 'secretsClipboard';
const TTL_SETTING = 'secretTtlMinutes';
const EXPIRY_ALARM = 'secrets-expiry';
const CLIPBOARD_ALARM = 'secrets-clipboard';
const OFFSCREEN_URL = 'offscreen/clipboard.html';
/** How long a copied secret may stay on the clipboard. */
export const CLIPBOARD_SECONDS = 30;
const KINDS = ['accessTokenKey', 'gateway'];
/** The field a generated or typed key is filled into on the AccessToken认证 dialog. */
const KEY_FIELD = '认证密钥';

/**
 * One of our content scripts in a frame of a tab: a web page, or a frame a console builds with a
 * script (about:blank, srcdoc), whose origin the browser still reports as `sender.origin`. The
 * release policy then compares that origin with the tab's top page.
 */
function fromOurContentScript(sender) {
  return fromContentScript(sender) || (sender.id === chrome.runtime.id && sender.tab !== undefined
    && typeof sender.frameId === 'number' && /^about:(blank|srcdoc)$/i.test(String(sender.url ?? '')));
}

const text = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isRecordKey = (key) => typeof key === 'string' && key.startsWith(RECORD_PREFIX);
const isExpiredKey = (key) => typeof key === 'string' && key.startsWith(EXPIRED_PREFIX);
const expiredKey = (kind, prefix) => `${EXPIRED_PREFIX}${kind}:${prefix}`;

// Read-modify-write of session storage one at a time (two frames may act together).
let queue = Promise.resolve();
function serialised(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** The record's metadata: everything but its value, for decisions and the popup. */
function metaOf(record) {
  if (!isObject(record)) return null;
  const { value: _value, ...meta } = record;
  return meta;
}

/** The user's `secretTtlMinutes` setting (a number, not a secret), if any. */
async function ttlMinutes() {
  const stored = await chrome.storage.local.get(TTL_SETTING);
  const minutes = Number(stored[TTL_SETTING]);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}

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
        notes[expiredKey(record.kind, record.prefix)] = { kind: record.kind, prefix: record.prefix, expiredAt: record.expiresAt };
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
    if (isObject(record)) await chrome.storage.session.remove(expiredKey(record.kind, record.prefix));
    await liveRecords();
  });
}

/** The sender's place as the browser says: its frame's origin and its tab's top page. */
function requesterOf(sender) {
  // The browser's word (`null` for sandboxed frames stays `null`: they get nothing); only a
  // browser too old to say falls back to an http(s) frame's own URL.
  let frameOrigin = 'null';
  if (typeof sender.origin === 'string') frameOrigin = sender.origin;
  else if (/^https?:/i.test(String(sender.url ?? ''))) frameOrigin = new URL(sender.url).origin;
  return { frameOrigin, topUrl: sender.tab?.url ?? '' };
}

/**
 * The record of `kind` a requester may be considered for: its own console's, else one from
 * another console the user allowed for this console in the popup, else any other console's
 * (the core then refuses it as another console's, and the bar says so).
 */
function recordFor(live, kind, requesterPrefix) {
  const ofKind = Object.values(live).filter((record) => record.kind === kind);
  return ofKind.find((record) => record.prefix === requesterPrefix)
    ?? ofKind.find((record) => Array.isArray(record.allowedPrefixes) && record.allowedPrefixes.includes(requesterPrefix))
    ?? ofKind.sort((a, b) => b.createdAt - a.createdAt)[0]
    ?? null;
}

function prefixOf(core, url) {
  try {
    return core.secretScope(url).prefix;
  } catch {
    return null;
  }
}

const formKeyOf = (form) => (isObject(form) ? (form.spec || form.form) : form);

/**
 * The secret values a fill plan of `form` may carry, for `sender`: `{accessTokenKey?, gateway?}`
 * with only what the core's release policy allows. `purpose` `fill` comes from a trusted click
 * on 填充 (forms-agent sends fill plans only from `isTrusted` clicks); `predict` is the worker's
 * own preview of outcomes, whose values never leave the worker (sw/forms.js strips them), so the
 * same policy applies as if clicked.
 */
export async function secretsForFill({ sender, form, purpose }, core) {
  if (!fromOurContentScript(sender) || (purpose !== 'fill' && purpose !== 'predict')) return {};
  const formKey = formKeyOf(form);
  if (typeof formKey !== 'string' || !formKey) return {};
  const targets = core.secretTargets(formKey);
  if (!Array.isArray(targets) || targets.length === 0) return {};
  const { frameOrigin } = requesterOf(sender);
  // The page the document acts for, as the core places it: the console it loaded as (not one
  // it moved onto), its tab's for a frame of the same origin. Refused: no secret, and the row
  // says why.
  const place = await placeOf(sender, core);
  const topUrl = place?.ok ? place.pageUrl : '';
  const live = await liveRecords();
  const requesterPrefix = place?.ok ? place.prefix : null;
  const values = {};
  // Why a secret was withheld (the policy's refusal code, never a value), so the row can say
  // "confirm in the popup" or "expired" instead of "none yet".
  const refusals = {};
  for (const { kind } of targets) {
    const record = recordFor(live, kind, requesterPrefix);
    if (!place?.ok) {
      if (record && typeof place?.secretRefusal === 'string') refusals[kind] = place.secretRefusal;
      continue;
    }
    const decision = core.releaseDecision(kind, metaOf(record), {
      form: formKey, frameOrigin, topUrl, trustedClick: true, nowMs: Date.now(),
    });
    if (decision?.ok && record) {
      values[kind] = record.value;
      continue;
    }
    const ownConsole = record && (record.prefix === requesterPrefix ||
      (Array.isArray(record.allowedPrefixes) && record.allowedPrefixes.includes(requesterPrefix)));
    if (!ownConsole && requesterPrefix && await expiredHere(kind, requesterPrefix)) refusals[kind] = 'secret-expired';
    else if (typeof decision?.code === 'string') refusals[kind] = decision.code;
  }
  if (Object.keys(refusals).length) values.secretRefusals = refusals;
  return values;
}

/** Whether this console's secret of `kind` expired (and nothing replaced it since). */
async function expiredHere(kind, prefix) {
  const key = expiredKey(kind, prefix);
  return isObject((await chrome.storage.session.get(key))[key]);
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
  if (!place?.ok) return { refused: { ok: false, error: place?.message || text('secrets_failed'), code: place?.code } };
  return { frameOrigin: requesterOf(sender).frameOrigin, topUrl: place.pageUrl, nowMs: Date.now(), ttlMinutes: await ttlMinutes() };
}

const offers = (recognised) => (Array.isArray(recognised.offers) ? recognised.offers : []);
const refused = (result) => ({ ok: false, error: result?.message || text('secrets_failed'), code: result?.code });

const barActions = {
  /** AccessToken认证 → 生成密钥: a fresh key, remembered here, filled into 认证密钥 only. */
  'generate-key': async (recognised, snapshot, sender, core) => {
    if (!offers(recognised).includes('generate-key')) return { ok: false, error: text('secrets_action_not_here') };
    const where = await origin(sender, core);
    if (where.refused) return where.refused;
    const made = core.rememberGeneratedKey(where);
    if (!made?.ok) return refused(made);
    const plan = core.planFill(snapshot, recognised, { accessTokenKey: made.record.value }, [KEY_FIELD]);
    const step = plan?.steps?.find((s) => s.field === KEY_FIELD);
    if (!step) return { ok: false, error: text('secrets_key_field_missing') };
    await store(made);
    return { ok: true, plan, message: text('secrets_key_generated', made.record.masked) };
  },

  /** AccessToken认证 → 记住此密钥: the key the user typed, read on this trusted click. */
  'remember-key': async (recognised, snapshot, sender, core) => {
    if (!core.secretTargets(recognised.spec || recognised.form).some((t) => t.kind === 'accessTokenKey' && t.field === KEY_FIELD)) {
      return { ok: false, error: text('secrets_action_not_here') };
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
    if (!offers(recognised).includes('remember-gateway')) return { ok: false, error: text('secrets_action_not_here') };
    const where = await origin(sender, core);
    if (where.refused) return where.refused;
    const made = core.rememberGateway(gatewayCandidates(snapshot), where);
    if (!made?.ok) return refused(made);
    await store(made);
    return { ok: true, message: text('secrets_gateway_remembered', made.record.masked) };
  },
};

// --- the popup ----------------------------------------------------------------------------------

async function tabUrl(tabId) {
  try {
    const tab = await chrome.tabs.get(tabId);
    return tab.url || tab.pendingUrl || null;
  } catch {
    return null;
  }
}

/** What the popup shows for a tab: per kind held?, masked, expiry, console; no value. */
async function status(tabId, core) {
  const url = Number.isInteger(tabId) ? await tabUrl(tabId) : null;
  const tabPrefix = url ? prefixOf(core, url) : null;
  const live = await liveRecords();
  const clipboard = (await chrome.storage.session.get(CLIPBOARD_KEY))[CLIPBOARD_KEY] ?? null;
  // The core's word on a plain-http console off this machine: its prefix, to be confirmed.
  const insecureGrant = url ? core.insecureConsoleGrant(url) : undefined;
  const secrets = KINDS.map((kind) => {
    const record = recordFor(live, kind, tabPrefix);
    if (!record) return { kind, held: false };
    const sameConsole = tabPrefix !== null && record.prefix === tabPrefix;
    const allowed = tabPrefix !== null && (record.allowedPrefixes ?? []).includes(tabPrefix);
    return {
      kind,
      held: true,
      masked: record.masked,
      prefix: record.prefix,
      createdAt: record.createdAt,
      expiresAt: record.expiresAt,
      sameConsole,
      allowed,
      // Another console may be allowed only from a web page tab.
      confirmable: !sameConsole && !allowed && tabPrefix !== null,
      insecureConfirmable: typeof insecureGrant === 'string' && !(record.insecureAllowed ?? []).includes(insecureGrant),
    };
  });
  return {
    ok: true,
    tabPrefix,
    insecureConsole: typeof insecureGrant === 'string',
    secrets,
    ttlMinutes: (await ttlMinutes()) ?? null,
    clipboard: clipboard && clipboard.clearAt > Date.now() ? clipboard : null,
    // Whether anything pasted is held (sw/credentials.js' records), for 清除所有密钥.
    pasted: Object.keys(await chrome.storage.session.get(null)).some((key) => key.startsWith('cred:')),
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

async function copySecret(key) {
  const live = await liveRecords();
  const record = live[key];
  if (!record) return { ok: false, error: text('secrets_nothing_to_copy') };
  return copyValue(record.value, { key, kind: record.kind });
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

// --- cross-console confirmation -----------------------------------------------------------------

async function confirmCrossConsole(tabId, kinds, core) {
  const url = await tabUrl(tabId);
  if (!url) return { ok: false, error: text('secrets_tab_unreadable') };
  const tabPrefix = prefixOf(core, url);
  return serialised(async () => {
    const live = await liveRecords();
    const updates = {};
    for (const kind of kinds) {
      const record = recordFor(live, kind, tabPrefix);
      if (!record) continue;
      const grant = core.crossConsoleGrant(metaOf(record), url);
      if (typeof grant !== 'string') continue;
      const key = Object.keys(live).find((k) => live[k] === record);
      const allowedPrefixes = [...new Set([...(record.allowedPrefixes ?? []), grant])];
      updates[key] = { ...record, allowedPrefixes };
    }
    if (Object.keys(updates).length) await chrome.storage.session.set(updates);
    return { ok: true, allowed: Object.keys(updates).length };
  });
}

/** After the popup's plain-http warning: lets the tab's console receive the secrets of `kinds`. */
async function confirmInsecureConsole(tabId, kinds, core) {
  const url = await tabUrl(tabId);
  if (!url) return { ok: false, error: text('secrets_tab_unreadable') };
  const grant = core.insecureConsoleGrant(url);
  if (typeof grant !== 'string') return { ok: true, allowed: 0 };
  const tabPrefix = prefixOf(core, url);
  return serialised(async () => {
    const live = await liveRecords();
    const updates = {};
    for (const kind of kinds) {
      const record = recordFor(live, kind, tabPrefix);
      if (!record) continue;
      const key = Object.keys(live).find((k) => live[k] === record);
      updates[key] = { ...record, insecureAllowed: [...new Set([...(record.insecureAllowed ?? []), grant])] };
    }
    if (Object.keys(updates).length) await chrome.storage.session.set(updates);
    return { ok: true, allowed: Object.keys(updates).length };
  });
}

// --- message table -----------------------------------------------------------------------------

function requireExtensionPage(sender) {
  if (!fromExtensionPage(sender)) throw new Error('not an extension page');
}

export const handlers = {
  /** `{action, form, snapshot}` from a trusted click on one of the bar's secret actions. */
  'bar-action': async (message, sender, core) => {
    if (!fromOurContentScript(sender)) return { ok: false, error: 'not a content script' };
    const act = Object.hasOwn(barActions, message.action) ? barActions[message.action] : null;
    if (!act || !isObject(message.snapshot)) return { ok: false, error: 'malformed message' };
    const recognised = recognisedAgain(core, message.snapshot, message.form);
    if (!recognised) return { ok: false, error: text('secrets_form_gone') };
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
    if (!KINDS.includes(message.kind)) return { ok: false, error: 'malformed message' };
    const url = Number.isInteger(message.tabId) ? await tabUrl(message.tabId) : null;
    const live = await liveRecords();
    const record = recordFor(live, message.kind, url ? prefixOf(core, url) : null);
    const key = record && Object.keys(live).find((k) => live[k] === record);
    if (!key) return { ok: false, error: text('secrets_nothing_to_copy') };
    return copySecret(key);
  },

  /** `{tabId, kinds?}` → lets the tab's console receive secrets captured on another one. */
  'confirm-cross-origin': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return { ok: false, error: 'malformed message' };
    const kinds = Array.isArray(message.kinds) ? message.kinds.filter((k) => KINDS.includes(k)) : KINDS;
    return confirmCrossConsole(message.tabId, kinds, core);
  },

  /** `{tabId, kinds?}` → lets the tab's plain-http console receive its secrets (after the warning). */
  'confirm-insecure-console': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (!Number.isInteger(message.tabId)) return { ok: false, error: 'malformed message' };
    const kinds = Array.isArray(message.kinds) ? message.kinds.filter((k) => KINDS.includes(k)) : KINDS;
    return confirmInsecureConsole(message.tabId, kinds, core);
  },

  /** `{minutes}` → the `secretTtlMinutes` setting for secrets remembered from now on. */
  'secrets-ttl': async (message, sender) => {
    requireExtensionPage(sender);
    const minutes = Number(message.minutes);
    if (!Number.isFinite(minutes) || minutes <= 0) return { ok: false, error: 'malformed message' };
    await chrome.storage.local.set({ [TTL_SETTING]: minutes });
    return { ok: true };
  },
};

// sw/forms.js asks here for the secrets a fill may carry. It calls only from its handlers, which
// run after sw/main.js initialised the core: this import is that same, initialised module.
registerSecretsSource((request) => secretsForFill(request, request.core ?? wasmCore));
