//! Offscreen document for the popup's 复制 of a secret: writes it to the clipboard and,
//! after the given seconds, clears the clipboard only if it still holds that secret (the user
//! may have copied something else since). It keeps no value while it waits: only a SHA-256
//! digest to compare with. The async Clipboard API needs a focused document, which an offscreen
//! document never is, so it uses `execCommand` (clipboardWrite / the optional clipboardRead).
'use strict';

const TARGET = 'fapiao-offscreen-clipboard';
const EXTENSION_ORIGIN = new URL(chrome.runtime.getURL('')).origin;
const buffer = document.getElementById('buffer');

/** The digest of the secret last copied, and its timer. */
let pending = null;

async function digest(text) {
  const bytes = new TextEncoder().encode(text);
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  bytes.fill(0);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Puts `text` (even an empty one) on the clipboard through a one-off `copy` event. */
function write(text) {
  let written = false;
  const onCopy = (event) => {
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    written = true;
  };
  document.addEventListener('copy', onCopy, { once: true });
  const ok = document.execCommand('copy');
  document.removeEventListener('copy', onCopy);
  return ok && written;
}

function read() {
  buffer.value = '';
  buffer.focus();
  const ok = document.execCommand('paste');
  const text = buffer.value;
  buffer.value = '';
  return ok ? text : null;
}

/**
 * Empties the clipboard if it still holds the text whose digest is `expected`. Without the
 * optional clipboardRead permission (the user declined it on 复制) nothing can be read back:
 * then it empties the clipboard anyway, since a secret left there is worse than losing
 * something the user copied in the last 30 s (the popup said so when copying).
 */
async function clearIfHolds(expected) {
  const current = read();
  if (current === null) return { ok: write(''), cleared: true, verified: false };
  if ((await digest(current)) !== expected) return { ok: true, cleared: false };
  return { ok: write(''), cleared: true };
}

async function copy(value, seconds) {
  if (typeof value !== 'string' || value === '') return { ok: false };
  if (!write(value)) return { ok: false };
  if (pending) clearTimeout(pending.timer);
  const expected = await digest(value);
  const timer = setTimeout(() => {
    if (pending?.expected === expected) pending = null;
    clearIfHolds(expected).catch(() => {});
  }, Math.max(1, Math.min(Number(seconds) || 30, 300)) * 1000);
  pending = { expected, timer };
  return { ok: true };
}

async function handle(message) {
  switch (message.type) {
    case 'copy':
      return copy(message.value, message.seconds);
    case 'clear-if-holds':
      if (typeof message.value !== 'string') return { ok: false };
      return clearIfHolds(await digest(message.value));
    default:
      return { ok: false };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.target !== TARGET) return false;
  // Only the extension's own worker and pages; content scripts' senders carry a web URL.
  if (sender.id !== chrome.runtime.id || typeof sender.url !== 'string' || !sender.url.startsWith(`${EXTENSION_ORIGIN}/`)) {
    return false;
  }
  handle(message).then(sendResponse, () => sendResponse({ ok: false }));
  return true;
});
