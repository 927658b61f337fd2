// Makes chrome.i18n in this extension page speak the language chosen in the options: the
// browser's chrome.i18n always follows the browser's UI language, so the options page keeps
// the chosen catalogue in this extension's localStorage (read synchronously here, before any
// module of the page runs) and this classic script answers getMessage and getUILanguage from
// it. Without a choice nothing changes. Load it first: <script src="../shared/locale.js">.
'use strict';

(() => {
  const CACHE = 'fapiaoChosenLocale';
  let chosen = null;
  try {
    chosen = JSON.parse(localStorage.getItem(CACHE) ?? 'null');
  } catch {
    chosen = null;
  }
  if (!chosen || typeof chosen.lang !== 'string' || typeof chosen.messages !== 'object' || !chosen.messages) return;
  const browserMessage = chrome.i18n.getMessage.bind(chrome.i18n);
  const { lang, messages } = chosen;

  /** `$1`…`$9` and named `$NAME$` placeholders, as chrome.i18n substitutes them. */
  function substitute(entry, subs) {
    const placeholders = entry.placeholders ?? {};
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
        const content = placeholders[name.toLowerCase()]?.content;
        return typeof content === 'string' ? content : whole;
      })
      .replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ''))
      .replace(/\$\$/g, '$');
  }

  try {
    Object.defineProperty(chrome.i18n, 'getMessage', {
      configurable: true,
      value(key, substitutions) {
        const entry = messages[key];
        if (!entry || typeof entry.message !== 'string') return browserMessage(key, substitutions);
        const subs = substitutions === undefined ? [] : [].concat(substitutions);
        return substitute(entry, subs);
      },
    });
    Object.defineProperty(chrome.i18n, 'getUILanguage', { configurable: true, value: () => lang.replace('_', '-') });
  } catch {
    // A browser that will not let us: the page keeps the browser's language.
  }
})();
