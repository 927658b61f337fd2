//! The options page's settings as the worker applies them: the language the core writes its
//! messages in (`uiLanguage`), whether non-secret context is remembered across restarts
//! (`rememberContext`, off by default: only then are the consoles' observations — origin,
//! paths, 数据中心 id, never a secret — copied to `chrome.storage.local`), and 清除全部数据.
//! The secret lifetime is secrets.js' own `secrets-ttl`.
import { requireExtensionPage } from './senders.js';
import { handlers as credentials } from './credentials.js';
import { loadCore } from './core.js';
import { OBSERVATIONS_PREFIX, REMEMBERED_PREFIX, REMEMBER_SETTING } from './shared.js';
import { LANGUAGE_SETTING, chosenLanguage, localeTag, substitute } from '../shared/i18n.js';
/**
 * Session keys of the consoles' context and progress (besides the secrets and pasted records
 * 清除所有密钥 already forgets): observations and the checklist's progress and marks. The
 * replay guard's accepted documents stay: a page already seen cannot plant another id after a
 * clear; its console gives its id again on the next load.
 */
const CONTEXT_KEYS = [OBSERVATIONS_PREFIX, 'progress', 'checklist'];

// The worker's own chrome.i18n messages (refusals, notes it sends the popup) in the chosen
// language too: chrome.i18n itself always follows the browser.
const browserMessage = chrome.i18n.getMessage.bind(chrome.i18n);
let chosenMessages = null;
try {
  Object.defineProperty(chrome.i18n, 'getMessage', {
    configurable: true,
    value(key, substitutions) {
      const entry = chosenMessages?.[key];
      if (!entry || typeof entry.message !== 'string') return browserMessage(key, substitutions);
      return substitute(entry, substitutions === undefined ? [] : [].concat(substitutions));
    },
  });
} catch {
  // Left as the browser has it.
}

async function loadChosenMessages() {
  const chosen = await chosenLanguage();
  chosenMessages = chosen
    ? await (await fetch(chrome.runtime.getURL(`_locales/${chosen}/messages.json`))).json()
    : null;
}
loadChosenMessages().catch(() => {});

async function remembering() {
  return (await chrome.storage.local.get(REMEMBER_SETTING))[REMEMBER_SETTING] === true;
}

/**
 * Observations the console itself gave, as the core's `ownObservations` keeps them (a pasted
 * one expires with the secrets: never remembered).
 */
async function ownObservations(entries) {
  return Array.isArray(entries) ? (await loadCore()).ownObservations(entries) : [];
}

/** Copies the session's observations to local storage (only when the user opted in). */
async function rememberContext() {
  if (!(await remembering())) return;
  const all = await chrome.storage.session.get(null);
  const copy = {};
  for (const [key, entries] of Object.entries(all)) {
    if (!key.startsWith(OBSERVATIONS_PREFIX)) continue;
    const own = await ownObservations(entries);
    if (own.length) copy[`${REMEMBERED_PREFIX}${key}`] = own;
  }
  if (Object.keys(copy).length) await chrome.storage.local.set(copy);
}

/** After a browser restart: the remembered observations back into the session, when opted in. */
export async function restoreContext() {
  if (!(await remembering())) return;
  const local = await chrome.storage.local.get(null);
  const restore = {};
  for (const [key, entries] of Object.entries(local)) {
    if (!key.startsWith(`${REMEMBERED_PREFIX}${OBSERVATIONS_PREFIX}`)) continue;
    const own = await ownObservations(entries);
    if (own.length) restore[key.slice(REMEMBERED_PREFIX.length)] = own;
  }
  if (Object.keys(restore).length) await chrome.storage.session.set(restore);
}

async function forgetRemembered() {
  const local = await chrome.storage.local.get(null);
  const keys = Object.keys(local).filter((key) => key.startsWith(REMEMBERED_PREFIX));
  if (keys.length) await chrome.storage.local.remove(keys);
}

/**
 * Keeps the core's language and the remembered context in step with the settings.
 * `setLocale(tag)` is called with the new tag when the language changes.
 */
export function watchSettings(setLocale) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && LANGUAGE_SETTING in changes) {
      localeTag().then(setLocale).catch(() => {});
      loadChosenMessages().catch(() => {});
    }
    if (area === 'local' && REMEMBER_SETTING in changes) {
      (changes[REMEMBER_SETTING].newValue === true ? rememberContext() : forgetRemembered()).catch(() => {});
    }
    if (area === 'session' && Object.keys(changes).some((key) => key.startsWith(OBSERVATIONS_PREFIX))) {
      rememberContext().catch(() => {});
    }
  });
}

/** The bar's keys in `_locales` (content/src/strings.js asks for them). */
const BAR_PREFIX = 'forms_';

/**
 * A message with its named placeholders (`$COUNT$`) replaced by their content (`$1`), as
 * chrome.i18n does before substituting; the bar fills in `$1`…`$9` itself.
 */
function withNamedPlaceholders(entry) {
  const placeholders = entry.placeholders ?? {};
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
    const content = placeholders[name.toLowerCase()]?.content;
    return typeof content === 'string' ? content : whole;
  });
}

export const handlers = {
  /**
   * The bar's strings in the language chosen in the options (a content script's chrome.i18n
   * follows the browser and it cannot read `_locales` itself); `messages` is null when following
   * the browser.
   */
  'bar-strings': async () => {
    const chosen = await chosenLanguage();
    if (!chosen) return { lang: '', messages: null };
    const catalogue = await (await fetch(chrome.runtime.getURL(`_locales/${chosen}/messages.json`))).json();
    const messages = {};
    for (const [key, entry] of Object.entries(catalogue)) {
      if (key.startsWith(BAR_PREFIX) && typeof entry?.message === 'string') messages[key] = withNamedPlaceholders(entry);
    }
    return { lang: chosen, messages };
  },
  /** 清除全部数据 (options): secrets, pasted credentials, context and progress, here and remembered. */
  'clear-everything': async (message, sender, core) => {
    requireExtensionPage(sender);
    const cleared = await credentials['clear-secrets'](message, sender, core);
    if (cleared && cleared.ok === false) return cleared;
    const all = await chrome.storage.session.get(null);
    const keys = Object.keys(all).filter((key) => CONTEXT_KEYS.some((prefix) => key.startsWith(prefix)));
    if (keys.length) await chrome.storage.session.remove(keys);
    await forgetRemembered();
    const local = await chrome.storage.local.get(null);
    const progress = Object.keys(local).filter((key) => key.startsWith('progress') || key.startsWith('checklist'));
    if (progress.length) await chrome.storage.local.remove(progress);
    return { ok: true };
  },
};
