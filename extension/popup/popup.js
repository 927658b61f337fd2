// The popup: shows the console context and 数据中心 id of one tab (`?tab=<id>`, else the active
// tab) as the worker's core decides it, re-rendering live as the id arrives, the tab navigates
// or access is granted. Host access is requested here because only a click in an extension
// page may ask for it.
import { targetTabId } from '../shared/tab.js';
import { OBSERVATIONS_PREFIX, touches } from '../shared/keys.js';

const $ = (selector) => document.querySelector(selector);
const statusBox = $('[data-testid="status"]');
const statusMessage = statusBox.querySelector('[data-role="message"]');
const requestButton = $('[data-testid="request-access"]');
const reloadButton = $('[data-testid="reload-tab"]');
const valuesBox = $('[data-role="values"]');
const VALUE_IDS = ['prefix', 'app-token-url', 'login-url', 'account-id'];

const message = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions) || key;

function localise() {
  document.documentElement.lang = chrome.i18n.getUILanguage();
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = message(element.dataset.i18n);
  }
}


let tabId = null;
let origin = null;
let generation = 0;
let accessNote = null; // what happened to the last access request, shown until re-rendered

function render(status) {
  statusBox.dataset.state = status.state;
  statusMessage.textContent = accessNote ?? status.message ?? '';
  origin = status.origin ?? null;
  requestButton.hidden = !(status.state === 'no-access' && origin !== null);
  reloadButton.hidden = status.state !== 'waiting';

  const values = {
    prefix: status.context?.prefix,
    'app-token-url': status.context?.appTokenUrl,
    'login-url': status.context?.loginUrl,
    'account-id': status.accountId,
  };
  valuesBox.hidden = !status.context;
  for (const id of VALUE_IDS) {
    const value = typeof values[id] === 'string' ? values[id].trim() : '';
    $(`[data-testid="${id}"]`).textContent = value;
    $(`[data-copy="${id}"]`).disabled = value === '';
  }
}

function renderError(text) {
  statusBox.dataset.state = 'error';
  statusMessage.textContent = message('popup_error', text);
  requestButton.hidden = true;
  reloadButton.hidden = true;
  valuesBox.hidden = true;
}

/** Asks the worker again; a slower earlier answer never overwrites a newer one. */
async function refresh() {
  const mine = ++generation;
  let reply;
  try {
    reply = tabId === null
      ? { ok: false, error: message('popup_no_tab') }
      : await chrome.runtime.sendMessage({ type: 'popup-status', tabId });
  } catch (error) {
    reply = { ok: false, error: String(error?.message ?? error) };
  }
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
  else renderError(reply?.error ?? message('popup_no_reply'));
}

async function copy(button) {
  const value = $(`[data-testid="${button.dataset.copy}"]`).textContent.trim();
  if (value === '') return;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(value); // non-secret values, on the user's click only
    button.textContent = message('popup_copied');
  } catch {
    button.textContent = message('popup_copy_failed');
  }
  setTimeout(() => { button.textContent = label; }, 1200);
}

async function requestAccess() {
  if (origin === null) return;
  // First thing in the click handler: the browser only asks during a user gesture.
  let granted = false;
  try {
    granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
  } catch {
    granted = false;
  }
  if (granted) {
    await chrome.runtime.sendMessage({ type: 'sync-content-scripts' }).catch(() => {});
    accessNote = message('popup_access_granted');
    reloadButton.hidden = false;
  } else {
    accessNote = message('popup_access_denied');
  }
  await refresh();
}

function watch() {
  chrome.storage.session.onChanged.addListener((changes) => {
    if (touches(changes, OBSERVATIONS_PREFIX)) refresh();
  });
  chrome.tabs.onUpdated.addListener((updatedId, change) => {
    if (updatedId === tabId && (change.status === 'complete' || 'url' in change)) {
      accessNote = null;
      refresh();
    }
  });
  chrome.permissions.onAdded.addListener(() => refresh());
  chrome.permissions.onRemoved.addListener(() => refresh());
}

localise();
requestButton.addEventListener('click', requestAccess);
reloadButton.addEventListener('click', () => {
  if (tabId !== null) chrome.tabs.reload(tabId).catch(() => {});
});
// The setup checklist lives in the side panel; only a click here may open it (a user gesture).
// The side panel loads this module too, without this button.
const sidePanelButton = $('[data-testid="open-side-panel"]');
if (sidePanelButton && !chrome.sidePanel?.open) sidePanelButton.hidden = true;
sidePanelButton?.addEventListener('click', () => {
  if (tabId === null) return;
  chrome.sidePanel.open({ tabId }).then(() => window.close(), () => {});
});
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', () => copy(button));
}
watch();
tabId = await targetTabId();
await refresh();
