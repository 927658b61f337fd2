// The popup's "诊断此页" button: asks the worker what the helper recognises on the tab (forms,
// labels, control kinds and which rule associated each label — never a value), copies that JSON
// to the clipboard so a user can report a page the helper does not understand, and shows it in a
// collapsible block. Mounts into `[data-role="diagnose"]` if the popup has one, else appends.
import { offscreenReady } from '../shared/offscreen.js';
import { targetTabId } from '../shared/tab.js';

const text = (key, fallback) => chrome.i18n.getMessage(key) || fallback;

// The copy goes through the offscreen clipboard document, as a secret's 复制 does: it clears
// the clipboard after 30 s if it still holds the report (which describes a console page, and
// the popup closes long before then, so it cannot clear it itself).
const CLIPBOARD_SECONDS = 30;

/** Copies `value` for CLIPBOARD_SECONDS; whether it is on the clipboard. */
async function copyClearing(value) {
  // Clearing reads the clipboard back first (to leave what the user copied since alone).
  const read = { permissions: ['clipboardRead'] };
  if (!(await chrome.permissions.contains(read).catch(() => true))) await chrome.permissions.request(read).catch(() => false);
  await offscreenReady();
  const reply = await chrome.runtime.sendMessage({ target: 'fapiao-offscreen-clipboard', type: 'copy', value, seconds: CLIPBOARD_SECONDS });
  return reply?.ok === true;
}


function mount() {
  const host = document.querySelector('[data-role="diagnose"]') ?? document.body.appendChild(document.createElement('section'));
  host.classList.add('diagnose');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.testid = 'diagnose';
  button.textContent = text('forms_diagnose', '诊断此页');
  const note = document.createElement('span');
  note.dataset.testid = 'diagnose-note';
  note.setAttribute('role', 'status');
  const details = document.createElement('details');
  details.hidden = true;
  const summary = document.createElement('summary');
  summary.textContent = text('forms_diagnose_details', '诊断结果（JSON）');
  const pre = document.createElement('pre');
  pre.dataset.testid = 'diagnose-json';
  pre.style.cssText = 'max-height:240px;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:11px';
  details.append(summary, pre);
  host.append(button, note, details);

  button.addEventListener('click', async (event) => {
    if (!event.isTrusted) return;
    button.disabled = true;
    note.textContent = '';
    try {
      const tabId = await targetTabId();
      const reply = tabId === null ? null : await chrome.runtime.sendMessage({ type: 'diagnose', tabId });
      if (!reply?.ok) {
        note.textContent = reply?.error ?? text('forms_diagnose_failed', '无法诊断此页');
        return;
      }
      const json = JSON.stringify(reply.diagnose, null, 2);
      pre.textContent = json;
      details.hidden = false;
      let copied = false;
      try {
        copied = await copyClearing(json);
      } catch {
        copied = false;
      }
      note.textContent = copied
        ? text('forms_diagnose_copied_cleared', '已复制到剪贴板（不含任何字段值），30 秒后清除')
        : text('forms_diagnose_not_copied', '无法写入剪贴板，请从下方复制');
    } catch (error) {
      note.textContent = String(error?.message ?? error);
    } finally {
      button.disabled = false;
    }
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
