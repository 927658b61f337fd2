//! The extension's strings in the language the user chose in the options (`uiLanguage` in
//! `chrome.storage.local`: empty follows the browser, else `zh_CN` or `en`). `chrome.i18n`
//! always follows the browser, so a chosen language is read from `_locales/<lang>/messages.json`
//! itself; every string still lives only in `_locales`.
//!
//! Pages: `const { message, localise } = await loadStrings();` then `localise(document)` fills
//! `data-i18n` (text), `data-i18n-label` (aria-label), `data-i18n-placeholder` and
//! `data-i18n-title`.

export const LANGUAGE_SETTING = 'uiLanguage';
export const LANGUAGES = ['zh_CN', 'en'];
/** The chosen catalogue, cached for shared/locale.js (which must read it synchronously). */
const LOCALE_CACHE = 'fapiaoChosenLocale';

/**
 * Stores the choice (`''`: follow the browser) and caches its catalogue for the pages'
 * chrome.i18n (shared/locale.js); the worker follows the stored choice.
 */
export async function chooseLanguage(language) {
  const chosen = LANGUAGES.includes(language) ? language : '';
  if (chosen) {
    const response = await fetch(chrome.runtime.getURL(`_locales/${chosen}/messages.json`));
    localStorage.setItem(LOCALE_CACHE, JSON.stringify({ lang: chosen, messages: await response.json() }));
  } else {
    localStorage.removeItem(LOCALE_CACHE);
  }
  await chrome.storage.local.set({ [LANGUAGE_SETTING]: chosen });
}

/** The stored choice, or '' to follow the browser. */
export async function chosenLanguage() {
  const stored = await chrome.storage.local.get(LANGUAGE_SETTING);
  const value = stored[LANGUAGE_SETTING];
  return LANGUAGES.includes(value) ? value : '';
}

/** The tag the Rust core's `setLocale` takes: the choice, else the browser's UI language. */
export async function localeTag() {
  return (await chosenLanguage()) || chrome.i18n.getUILanguage();
}

/** `$1`…`$9` and named `$NAME$` placeholders, as chrome.i18n substitutes them. */
export function substitute(entry, subs) {
  let text = entry.message;
  const placeholders = entry.placeholders ?? {};
  text = text.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
    const content = placeholders[name.toLowerCase()]?.content;
    return typeof content === 'string' ? content : whole;
  });
  return text.replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? '')).replace(/\$\$/g, '$');
}

/**
 * The strings of the chosen language: `message(key, ...subs)` (the key itself when missing, so a
 * missing message shows and tests catch it), `localise(root)` and `lang` (a BCP 47 tag).
 */
export async function loadStrings() {
  const chosen = await chosenLanguage();
  let table = null;
  if (chosen) {
    try {
      const response = await fetch(chrome.runtime.getURL(`_locales/${chosen}/messages.json`));
      table = await response.json();
    } catch {
      table = null; // the browser's language still reads
    }
  }
  const message = (key, ...subs) => {
    const entry = table?.[key];
    if (entry && typeof entry.message === 'string') return substitute(entry, subs);
    return chrome.i18n.getMessage(key, subs.map(String)) || key;
  };
  const lang = (chosen || chrome.i18n.getUILanguage()).replace('_', '-');
  const localise = (root = document) => {
    if (root === document) document.documentElement.lang = lang;
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = message(node.dataset.i18n);
    for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', message(node.dataset.i18nLabel));
    for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', message(node.dataset.i18nPlaceholder));
    for (const node of root.querySelectorAll('[data-i18n-title]')) node.setAttribute('title', message(node.dataset.i18nTitle));
  };
  return { message, localise, lang };
}
