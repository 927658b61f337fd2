// The popup's secrets panel: which secrets are held for the tab's console, masked
// (•••• + last 4) with their expiry; 复制 with a visible 30 s countdown after which the
// clipboard is cleared if it still holds the secret; 清除所有密钥; and, when the tab is another
// console than the one a secret came from, the confirmation that lets it be filled there.
// It asks the worker only for masked metadata; the values stay in the worker and its session store.
import { targetTabId } from '../shared/tab.js';

const TTL_CHOICES = [15, 30, 60, 120];
const DEFAULT_TTL = 30;
const ROWS = [
  { kind: 'accessTokenKey', testid: 'secret-access-key', copyId: 'copy-access-key', label: 'secrets_label_access_key' },
  { kind: 'gateway', testid: 'secret-gateway', copyId: 'copy-gateway', label: 'secrets_label_gateway' },
];

const message = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

function el(tag, attributes = {}, text = '') {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  return element;
}

const STYLE = `
.secrets { margin: 12px 14px 0; padding-top: 8px; border-top: 1px solid var(--line, #e5e5e5); }
.secrets h2 { margin: 0 0 2px; font-size: 13px; font-weight: 600; }
.secrets .hint, .secrets .note { margin: 0; color: var(--ink-soft, #666); font-size: 12px; }
.secrets .secret-row { grid-template-areas: "label copy" "value copy" "note note"; }
.secrets .note { grid-area: note; }
.secrets .cross { margin: 8px 0 0; padding: 8px 10px; border-radius: 4px; background: var(--warn-soft, #fff4e5); }
.secrets .cross p { margin: 0 0 6px; }
.secrets .countdown { margin: 6px 0 0; color: var(--kd-blue-dark, #1a5bd6); font-size: 12px; }
.secrets .footer { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 8px; }
.secrets select { font: inherit; font-size: 12px; }
`;

/** Builds the panel once; `render` fills it from the worker's status. */
function buildPanel() {
  const style = el('style');
  style.textContent = STYLE;
  document.head.append(style);

  const section = el('section', { class: 'secrets', 'data-role': 'secrets', 'aria-live': 'polite' });
  section.append(el('h2', {}, message('secrets_heading')), el('p', { class: 'hint' }, message('secrets_hint')));

  const rows = {};
  for (const row of ROWS) {
    const box = el('div', { class: 'row secret-row', 'data-kind': row.kind });
    const value = el('code', { class: 'value', 'data-testid': row.testid, 'data-held': 'false' });
    const copy = el('button', { type: 'button', class: 'copy', 'data-testid': row.copyId, disabled: '' }, message('secrets_copy'));
    const note = el('p', { class: 'note', 'data-role': 'expiry' });
    box.append(el('span', { class: 'label' }, message(row.label)), value, copy, note);
    section.append(box);
    rows[row.kind] = { value, copy, note };
  }

  const countdown = el('p', { class: 'countdown', 'data-testid': 'clipboard-countdown', hidden: '' });
  // Shown when the user declined clipboardRead: the clear at 30 s cannot check what it clears.
  const clipboardNote = el('p', { class: 'note', 'data-testid': 'clipboard-note', hidden: '' }, message('secrets_clipboard_unverified'));
  // A plain-http console off this machine: warned here, and secrets go there only after the confirm.
  const insecure = el('div', { class: 'cross insecure', 'data-testid': 'insecure-console', role: 'alert', hidden: '' });
  const insecureText = el('p');
  const confirmInsecure = el('button', { type: 'button', 'data-testid': 'confirm-insecure' }, message('secrets_confirm_insecure'));
  insecure.append(insecureText, confirmInsecure);
  const cross = el('div', { class: 'cross', 'data-role': 'cross-console', hidden: '' });
  const crossText = el('p');
  const confirm = el('button', { type: 'button', class: 'primary', 'data-testid': 'confirm-cross-origin' }, message('secrets_confirm_cross'));
  cross.append(crossText, confirm);

  const footer = el('div', { class: 'footer' });
  const ttl = el('select', { 'data-testid': 'secret-ttl', 'aria-label': message('secrets_ttl_label') });
  for (const minutes of TTL_CHOICES) ttl.append(el('option', { value: String(minutes) }, message('secrets_ttl_option', String(minutes))));
  const clear = el('button', { type: 'button', 'data-testid': 'clear-secrets' }, message('secrets_clear_all'));
  const ttlLabel = el('label', { class: 'note' }, `${message('secrets_ttl_label')} `);
  ttlLabel.append(ttl);
  footer.append(ttlLabel, clear);

  section.append(countdown, clipboardNote, insecure, cross, footer);
  const diagnose = document.querySelector('[data-role="diagnose"]');
  if (diagnose) diagnose.before(section); else document.body.append(section);
  return { section, rows, countdown, clipboardNote, insecure, insecureText, confirmInsecure, cross, crossText, confirm, ttl, clear };
}


const panel = buildPanel();
let tabId = null;
let latest = null;
let generation = 0;
let clipboardTimer = null;

function expiryText(secret) {
  const minutes = Math.max(0, Math.ceil((secret.expiresAt - Date.now()) / 60000));
  const at = new Date(secret.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const base = message('secrets_expires', at, String(minutes));
  return secret.sameConsole ? base : `${base} · ${message('secrets_from_console', secret.prefix)}`;
}

function render(status) {
  latest = status;
  const secrets = Array.isArray(status?.secrets) ? status.secrets : [];
  for (const row of ROWS) {
    const secret = secrets.find((s) => s.kind === row.kind);
    const held = !!secret?.held && secret.expiresAt > Date.now();
    const parts = panel.rows[row.kind];
    parts.value.dataset.held = String(held);
    parts.value.textContent = held ? secret.masked : '';
    parts.note.textContent = held ? expiryText(secret) : message('secrets_not_held');
    parts.copy.disabled = !held;
  }
  const confirmable = secrets.filter((s) => s.held && s.confirmable);
  panel.cross.hidden = confirmable.length === 0;
  if (confirmable.length) {
    const kinds = confirmable.map((s) => message(ROWS.find((r) => r.kind === s.kind).label)).join(message('secrets_and'));
    panel.crossText.textContent = message('secrets_cross_console', confirmable[0].prefix, status.tabPrefix ?? '', kinds);
  }
  const unconfirmed = secrets.filter((s) => s.held && s.insecureConfirmable);
  panel.insecure.hidden = !(status?.insecureConsole && secrets.some((s) => s.held));
  panel.insecureText.textContent = message(unconfirmed.length ? 'secrets_insecure_console' : 'secrets_insecure_allowed');
  panel.confirmInsecure.hidden = unconfirmed.length === 0;
  const ttl = Number(status?.ttlMinutes) || DEFAULT_TTL;
  if (!TTL_CHOICES.includes(ttl)) panel.ttl.append(el('option', { value: String(ttl) }, message('secrets_ttl_option', String(ttl))));
  panel.ttl.value = String(ttl);
  // 清除所有密钥 also forgets what was pasted (paste.js shows it).
  panel.clear.disabled = !secrets.some((s) => s.held) && !status?.pasted;
  if (status?.clipboard?.clearAt) startCountdown(status.clipboard.clearAt);
}

function renderError(text) {
  panel.section.dataset.error = 'true';
  for (const row of ROWS) panel.rows[row.kind].note.textContent = text;
}

async function ask(request) {
  try {
    return await chrome.runtime.sendMessage(request);
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

async function refresh() {
  const mine = ++generation;
  const reply = await ask({ type: 'secrets-status', tabId });
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
  else renderError(reply?.error ?? message('popup_no_reply'));
}

/** The visible countdown until the worker's offscreen document clears the clipboard. */
function startCountdown(clearAt) {
  clearInterval(clipboardTimer);
  const tick = () => {
    const seconds = Math.ceil((clearAt - Date.now()) / 1000);
    panel.countdown.hidden = false;
    if (seconds > 0) {
      panel.countdown.dataset.seconds = String(seconds);
      panel.countdown.textContent = message('secrets_clipboard_countdown', String(seconds));
    } else {
      panel.countdown.dataset.seconds = '0';
      panel.countdown.textContent = message('secrets_clipboard_cleared');
      clearInterval(clipboardTimer);
    }
  };
  tick();
  clipboardTimer = setInterval(tick, 250);
}

/**
 * Asks for clipboardRead (optional in the manifest) on this click, the user gesture the browser
 * requires. With it the offscreen clearer checks the clipboard still holds the secret before
 * clearing; without it, it clears whatever is there at 30 s, and the popup says so.
 */
async function clipboardReadAllowed() {
  const wanted = { permissions: ['clipboardRead'] };
  try {
    return await chrome.permissions.request(wanted);
  } catch {
    return false;
  }
}

async function copy(kind) {
  // Not awaited before copying: the prompt may outlive the popup, and the copy must not wait.
  const allowed = clipboardReadAllowed().then((granted) => { panel.clipboardNote.hidden = granted; });
  const reply = await ask({ type: 'copy-secret', tabId, kind });
  await allowed;
  if (reply?.ok) startCountdown(reply.clearAt);
  else {
    panel.countdown.hidden = false;
    panel.countdown.textContent = reply?.error ?? message('secrets_copy_failed');
  }
}

async function clearAll() {
  const reply = await ask({ type: 'clear-secrets', tabId });
  if (reply?.ok) render(reply);
  else await refresh();
}

async function confirmCross() {
  const kinds = (latest?.secrets ?? []).filter((s) => s.held && s.confirmable).map((s) => s.kind);
  await ask({ type: 'confirm-cross-origin', tabId, kinds });
  await refresh();
}

for (const row of ROWS) panel.rows[row.kind].copy.addEventListener('click', () => copy(row.kind));
panel.clear.addEventListener('click', clearAll);
panel.confirm.addEventListener('click', confirmCross);
panel.confirmInsecure.addEventListener('click', async () => {
  const kinds = (latest?.secrets ?? []).filter((s) => s.held && s.insecureConfirmable).map((s) => s.kind);
  await ask({ type: 'confirm-insecure-console', tabId, kinds });
  await refresh();
});
panel.ttl.addEventListener('change', async () => {
  await ask({ type: 'secrets-ttl', minutes: Number(panel.ttl.value) });
  await refresh();
});
chrome.storage.session.onChanged.addListener((changes) => {
  if (Object.keys(changes).some((key) => key.startsWith('secret') || key.startsWith('cred:'))) refresh();
});
chrome.tabs.onUpdated.addListener((updatedId, change) => {
  if (updatedId === tabId && 'url' in change) refresh();
});
// Expiry shows as it happens, even when nothing else changes.
setInterval(() => {
  const due = (latest?.secrets ?? []).some((s) => s.held && s.expiresAt <= Date.now());
  if (due) refresh();
  else if (latest) render(latest);
}, 5000);

tabId = await targetTabId();
await refresh();
