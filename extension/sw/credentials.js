//! Pasted credentials: the popup's paste box hands its text here; the core reads it
//! (`readPaste`) and decides what is kept, for which console, what the popup shows, which
//! enterprise is chosen and what a fill receives (`src/credentials/`). This file only stores the
//! records the core writes (`cred:<prefix>` / `cred:<origin>` in `chrome.storage.session`, the
//! AccessToken key of a 获取token示例 as a `secret:` record, its context as a pasted observation)
//! and hands them back.
//!
//! Never log a value, never put one in a reply other than a fill's values (as the core released
//! them) and the offscreen clipboard on the popup's 复制.
import { placeOf } from './documents.js';
import { frameOriginOf, requireExtensionPage } from './senders.js';
import { accountIdFor, forgetPasted, rememberPasted } from './context.js';
import { loadCore } from './core.js';
import {
  clearClipboardIfHolds, copyValue, handlers as secretHandlers, store as storeSecret,
} from './secrets.js';
import {
  CLIPBOARD_KEY, CREDENTIALS_PREFIX, isObject, malformed, serialisedQueue, sessionEntries, tabUrl, text, ttlMinutes,
} from './shared.js';

const EXPIRY_ALARM = 'credentials-expiry';

// Read-modify-write of the records one at a time (a paste and a choice may cross).
const serialised = serialisedQueue();

/** Every credentials record, keyed by storage key (expired ones too: the core decides). */
function records() {
  return sessionEntries(CREDENTIALS_PREFIX);
}

/** One alarm at the next expiry the core names, so pasted values go even when nothing wakes the worker. */
async function scheduleExpiry(view) {
  if (!chrome.alarms) return;
  if (view.nextExpiry != null) await chrome.alarms.create(EXPIRY_ALARM, { when: view.nextExpiry + 500 });
  else await chrome.alarms.clear(EXPIRY_ALARM);
}

/** Removes the records the core says expired and sets the alarm for the next. */
async function sweep(core) {
  const view = core.credentialsView(await records(), null, null, Date.now());
  if (view.expired?.length) await serialised(() => chrome.storage.session.remove(view.expired));
  await scheduleExpiry(view);
}

/** The core's view for the tab; removes the records it says expired. */
async function viewFor(tabId, core) {
  const url = await tabUrl(tabId);
  const held = await records();
  const view = core.credentialsView(held, url, await accountIdFor(url, core), Date.now());
  if (Array.isArray(view.expired) && view.expired.length) {
    await serialised(() => chrome.storage.session.remove(view.expired));
    for (const key of view.expired) delete held[key];
  }
  await scheduleExpiry(view);
  return { url, held, view };
}

chrome.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name !== EXPIRY_ALARM) return;
  // Waking for the alarm: the core answers which records expired and when the next one does,
  // so records pasted with a later expiry still get their own alarm. The alarm may be what woke
  // the worker: loadCore is a no-op once the core is loaded.
  loadCore().then(sweep).catch(() => {});
});

/** Reads `text` and holds what it yields; on any error nothing is written. */
async function read(tabId, pasted, core) {
  let parsed;
  try {
    parsed = core.readPaste(pasted);
  } catch (error) {
    return { ok: true, state: 'error', code: error?.code ?? 'paste-unreadable', message: String(error?.message ?? error) };
  }
  const url = await tabUrl(tabId);
  const held = core.credentialsFromPaste(parsed, { tabUrl: url ?? undefined, nowMs: Date.now(), ttlMinutes: await ttlMinutes() });
  parsed = null;
  if (!held?.ok) return { ok: true, state: 'error', code: held?.code, message: held?.message ?? text('paste_failed') };
  await serialised(async () => {
    if (held.credentials) await chrome.storage.session.set({ [held.credentials.key]: held.credentials.record });
  });
  if (held.accessKey) await storeSecret(held.accessKey, core);
  if (held.observation) await rememberPasted(held.observation, core);
  await sweep(core);
  return { ok: true, state: 'ok', kind: held.kind, scope: held.scope ?? null, message: held.message };
}

/** The values of a fill from the pasted credentials, as the core's policy releases them. */
export async function credentialsForFill({ sender, form, purpose }, core) {
  if (purpose !== 'fill' && purpose !== 'predict') return {};
  const formKey = isObject(form) ? (form.spec || form.form) : form;
  if (typeof formKey !== 'string' || !formKey) return {};
  const held = await records();
  if (!Object.keys(held).length) return {};
  const place = await placeOf(sender, core);
  const released = core.credentialsForFill(held, {
    form: formKey,
    frameOrigin: frameOriginOf(sender),
    pageUrl: place?.ok ? place.pageUrl : undefined,
    placeRefusal: place?.ok ? undefined : place?.secretRefusal,
    // forms-agent asks for fill plans only from trusted clicks; a prediction's values never
    // leave the worker (sw/forms.js strips them).
    trustedClick: true,
    nowMs: Date.now(),
  });
  return { values: released?.values ?? {}, refusals: released?.refusals ?? {} };
}

/** The record shown for the tab, updated by `change(core, record)` (the core writes it). */
async function updateShown(tabId, core, change) {
  const { view, held } = await viewFor(tabId, core);
  if (!view.key || !isObject(held[view.key])) return { ok: false, code: 'nothing-held', error: text('paste_nothing_held') };
  const written = change(held[view.key]);
  if (!written?.key || !isObject(written.record)) return { ok: false, code: written?.code, error: written?.message ?? text('paste_failed') };
  await serialised(() => chrome.storage.session.set({ [written.key]: written.record }));
  return { ok: true };
}

/** Forgets every pasted record and context (and a pasted value still on the clipboard). */
async function forgetAll(core) {
  const held = await records();
  const pending = (await chrome.storage.session.get(CLIPBOARD_KEY))[CLIPBOARD_KEY];
  if (isObject(pending) && typeof pending.credential === 'string') {
    const url = await tabUrl(pending.tabId);
    const copy = core.credentialForCopy(held, url, await accountIdFor(url, core), pending.credential, Date.now());
    if (copy?.ok) await clearClipboardIfHolds(copy.value);
  }
  await serialised(() => chrome.storage.session.remove(Object.keys(held)));
  await forgetPasted(core);
  if (chrome.alarms) await chrome.alarms.clear(EXPIRY_ALARM);
}

export const handlers = {
  /** `{tabId, text}` from the popup's 读取 → `{ok, state: 'ok'|'error', message, code?}`. */
  'paste-read': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.text !== 'string') return malformed();
    return read(message.tabId, message.text, core);
  },

  /** `{tabId}` → what the popup shows of the pasted credentials (masked). */
  'credentials-status': async (message, sender, core) => {
    requireExtensionPage(sender);
    const { view } = await viewFor(message.tabId, core);
    return { ok: true, ...view };
  },

  /** `{tabId, taxId}` → chooses that enterprise of the record shown for the tab. */
  'select-enterprise': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.taxId !== 'string') return malformed();
    return updateShown(message.tabId, core, (record) => core.selectEnterprise(record, message.taxId));
  },

  /** `{tabId, id}` → copies that value (`clientSecret`, `manual:<id>` …) for 30 seconds. */
  'copy-credential': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.id !== 'string') return malformed();
    const url = await tabUrl(message.tabId);
    const copy = core.credentialForCopy(await records(), url, await accountIdFor(url, core), message.id, Date.now());
    if (!copy?.ok) return { ok: false, code: copy?.code, error: copy?.message ?? text('secrets_nothing_to_copy') };
    return copyValue(copy.value, { credential: message.id, tabId: message.tabId });
  },

  // The secrets' own doors, widened to the pasted values (this table is spread after theirs).

  /** 清除所有密钥: the secrets, and everything pasted for every console. */
  'clear-secrets': async (message, sender, core) => {
    requireExtensionPage(sender);
    await forgetAll(core);
    return secretHandlers['clear-secrets'](message, sender, core);
  },

  /** The cross-console confirm also lets the tab's console receive the credentials shown. */
  'confirm-cross-origin': async (message, sender, core) => {
    const reply = await secretHandlers['confirm-cross-origin'](message, sender, core);
    if (!reply?.ok || !(message.credentials ?? true)) return reply;
    const url = await tabUrl(message.tabId);
    if (!url) return reply;
    const { view } = await viewFor(message.tabId, core);
    if (!view.confirmable) return reply;
    await updateShown(message.tabId, core, (record) => core.allowCredentials(record, url, false));
    return { ...reply, allowed: (reply.allowed ?? 0) + 1 };
  },

  /** The plain-http confirm also covers the pasted credentials of the tab's console. */
  'confirm-insecure-console': async (message, sender, core) => {
    const reply = await secretHandlers['confirm-insecure-console'](message, sender, core);
    if (!reply?.ok) return reply;
    const url = await tabUrl(message.tabId);
    const { view } = await viewFor(message.tabId, core);
    if (!url || !view.insecureConfirmable) return reply;
    await updateShown(message.tabId, core, (record) => core.allowCredentials(record, url, true));
    return { ...reply, allowed: (reply.allowed ?? 0) + 1 };
  },
};
