//! The tab an extension page shows: the contract's popup and side panel opened as a page with
//! `?tab=<id>` show that tab; without the parameter, the active tab of the current window.

/** The `?tab=` parameter as written (null without one). */
export const tabParameter = () => new URLSearchParams(location.search).get('tab');

/** The id of the tab this page shows, or null when there is none. */
export async function targetTabId() {
  const fromQuery = tabParameter();
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
