//! What every worker module shares, written once: the storage keys, the worker's localised
//! text and refusals, serialised read-modify-write queues, and the reads of a tab's address
//! and of the secret lifetime setting. No decision lives here: the core makes them.

// --- storage keys -------------------------------------------------------------------------------

export {
  CREDENTIALS_PREFIX, EXPIRED_SECRET_PREFIX, OBSERVATIONS_PREFIX, PROGRESS_PREFIX, SECRET_PREFIX,
} from '../shared/keys.js';
import { EXPIRED_SECRET_PREFIX, OBSERVATIONS_PREFIX } from '../shared/keys.js';

export const observationsKey = (origin) => `${OBSERVATIONS_PREFIX}${origin}`;
export const expiredSecretKey = (kind, prefix) => `${EXPIRED_SECRET_PREFIX}${kind}:${prefix}`;
/** (session) The copied value's origin and when the clipboard is cleared. */
export const CLIPBOARD_KEY = 'secretsClipboard';
/** (local) The user's secret lifetime in minutes. */
export const TTL_SETTING = 'secretTtlMinutes';
/** (local) Whether non-secret context and progress are remembered across restarts. */
export const REMEMBER_SETTING = 'rememberContext';
/** (local) `remembered:<session key>`: the opted-in copies. */
export const REMEMBERED_PREFIX = 'remembered:';

const startsWith = (prefix) => (key) => typeof key === 'string' && key.startsWith(prefix);

/** The session entries whose keys start with `prefix`, keyed as stored. */
export async function sessionEntries(prefix) {
  const all = await chrome.storage.session.get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => startsWith(prefix)(key)));
}

/** The session value at `key` (undefined when none). */
export async function sessionValue(key) {
  return (await chrome.storage.session.get(key))[key];
}

// --- values -------------------------------------------------------------------------------------

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The worker's own text (_locales, in the language chosen in the options: settings.js). */
export const text = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

/** A reply refusing a message whose shape the worker does not take. */
export const malformed = () => ({ ok: false, code: 'malformed-message', error: text('worker_malformed_message') });

/** A reply passing on the core's refusal `{code, message}`; `fallback` is a message key. */
export const refusedBy = (answer, fallback) => ({ ok: false, code: answer?.code, error: answer?.message || text(fallback) });

/**
 * The reply for a thrown error: the core's and the sender checks' carry a localised message
 * and a `code`; anything else (a browser API's English) is told as the worker's own failure.
 */
export function failed(error) {
  const coded = typeof error?.code === 'string';
  return { ok: false, code: coded ? error.code : null, error: coded ? String(error.message) : text('worker_failed') };
}

/** An error for a sender that may not send this message (the reply carries its code). */
export function senderRefused(code, key) {
  const error = new Error(text(key));
  error.code = code;
  return error;
}

// --- one read-modify-write at a time ------------------------------------------------------------

/**
 * A queue of its own for a module's read-modify-writes of storage: each task starts when the
 * previous one settled (two frames, a paste and a choice, may act together), and a failure does
 * not stop the next.
 */
export function serialisedQueue() {
  let tail = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}

// --- reads --------------------------------------------------------------------------------------

/** A tab's address if the browser lets us read it (host access or activeTab), else null. */
export async function tabUrl(tabId) {
  if (!Number.isInteger(tabId)) return null;
  try {
    const tab = await chrome.tabs.get(tabId);
    return tab.url || tab.pendingUrl || null;
  } catch {
    return null;
  }
}

/** The http(s) origin of `url`, the key its observations are stored under; else null. */
export function webOrigin(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The stored observations of the origin of `url` (none for a page that is no web page). */
export async function observationsOf(url) {
  const origin = url ? webOrigin(url) : null;
  return origin === null ? [] : ((await sessionValue(observationsKey(origin))) ?? []);
}

/** The user's `secretTtlMinutes` setting (a number, not a secret), if any: the core clamps it. */
export async function ttlMinutes() {
  const minutes = Number((await chrome.storage.local.get(TTL_SETTING))[TTL_SETTING]);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}
