//! The toolbar badge per tab: a console recognised, and how many forms on the page the helper
//! can fill. The content scripts' own messages say both (a recognition's forms per frame, the
//! console's getUserLanguage.do); the core's `badgeFor` decides what the badge says.
import { fromContentScript } from './senders.js';
import { observationsOf, sessionValue, webOrigin } from './shared.js';

/** `badge:<tabId>` → `{[frameId]: formsCount}` for the page the tab shows now. */
const countsKey = (tabId) => `badge:${tabId}`;

/** Recomputes the tab's badge from its stored counts and its console status. */
export async function refreshBadge(tabId, url, core) {
  if (!Number.isInteger(tabId) || tabId < 0 || !chrome.action) return;
  const key = countsKey(tabId);
  const counts = (await sessionValue(key)) ?? {};
  const forms = Object.values(counts).reduce((sum, n) => sum + (Number(n) || 0), 0);
  let state = null;
  // Only a web page has a console status; any other page has no state at all.
  if (webOrigin(url)) {
    try {
      state = core.popupStatus(url, true, await observationsOf(url)).state;
    } catch {
      state = null;
    }
  }
  const badge = core.badgeFor(state ?? undefined, forms);
  await chrome.action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
  await chrome.action.setBadgeBackgroundColor({ tabId, color: badge.colour }).catch(() => {});
  await chrome.action.setTitle({ tabId, title: badge.title }).catch(() => {});
}

async function noteForms(sender, count, core) {
  const tabId = sender.tab?.id;
  if (!Number.isInteger(tabId)) return;
  const key = countsKey(tabId);
  const counts = (await sessionValue(key)) ?? {};
  counts[String(sender.frameId ?? 0)] = count;
  await chrome.storage.session.set({ [key]: counts });
  await refreshBadge(tabId, sender.tab.url, core);
}

/**
 * The handler table with the badge kept current: after each recognition (its forms for that
 * frame) and each accepted getUserLanguage.do (the console's status changed).
 */
export function withBadge(table) {
  const wrapped = { ...table };
  const recognise = table.recognise;
  if (recognise) {
    wrapped.recognise = async (message, sender, core) => {
      const reply = await recognise(message, sender, core);
      if (fromContentScript(sender) && reply?.ok !== false) {
        const forms = Array.isArray(reply?.forms) ? reply.forms.length : 0;
        noteForms(sender, forms, core).catch(() => {});
      }
      return reply;
    };
  }
  const userLanguage = table['user-language'];
  if (userLanguage) {
    wrapped['user-language'] = async (message, sender, core) => {
      const reply = await userLanguage(message, sender, core);
      if (sender.tab?.id !== undefined) refreshBadge(sender.tab.id, sender.tab.url, core).catch(() => {});
      return reply;
    };
  }
  return Object.freeze(wrapped);
}

/** A tab that starts loading another page forgets its forms; a closed tab its record. */
export function watchTabs(loadCore) {
  chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    chrome.storage.session.remove(countsKey(tabId))
      .then(() => loadCore())
      .then((core) => refreshBadge(tabId, tab.url, core))
      .catch(() => {});
  });
  chrome.tabs.onRemoved.addListener((tabId) => {
    chrome.storage.session.remove(countsKey(tabId)).catch(() => {});
  });
}
