//! First run and the keyboard shortcut: on install the onboarding page opens (three steps to
//! enable the helper on a console); the manifest's `fill-form` command (Alt+Shift+F) asks the
//! active tab's bars to 填充. Only the browser runs a command and only this worker can message
//! a tab's content scripts, so a page cannot forge it: the bar treats it as the user's own.

export const FILL_COMMAND = 'fill-form';
export const ONBOARDING_PAGE = 'onboarding/onboarding.html';

export function watchFirstRun() {
  chrome.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === chrome.runtime.OnInstalledReason.INSTALL) {
      chrome.tabs.create({ url: chrome.runtime.getURL(ONBOARDING_PAGE) }).catch(() => {});
    }
  });
  chrome.commands?.onCommand.addListener((command, tab) => {
    if (command !== FILL_COMMAND || !Number.isInteger(tab?.id)) return;
    chrome.tabs.sendMessage(tab.id, { type: 'command-fill' }).catch(() => {});
  });
}
