// The options page: the sites the helper may access (each revocable), how long secrets are
// kept, the language, whether non-secret context survives a restart, the shortcut, and
// 清除全部数据. Settings are plain values in chrome.storage.local; the worker applies them
// (sw/settings.js) and the core clamps the secret lifetime (ttl_minutes_from_setting).
import { LANGUAGE_SETTING, chooseLanguage, loadStrings } from '../shared/i18n.js';

const TTL_SETTING = 'secretTtlMinutes';
const REMEMBER_SETTING = 'rememberContext';
/** The lifetimes offered, in minutes (the core clamps whatever is stored to 1–480). */
const TTL_CHOICES = [15, 30, 60, 120, 240, 480];
const DEFAULT_TTL = 30;
const FILL_COMMAND = 'fill-form';

const { message, localise } = await loadStrings();
const $ = (selector) => document.querySelector(selector);
const status = $('[data-testid="options-status"]');
const sites = $('[data-testid="sites"]');
const ttl = $('[data-testid="secret-ttl"]');
const language = $('[data-testid="language"]');
const remember = $('[data-testid="remember-context"]');
const clear = $('[data-testid="clear-everything"]');

function say(text, state = 'ok') {
  status.dataset.state = state;
  status.textContent = text;
}

function el(tag, attributes = {}, text = '') {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  return element;
}

async function ask(request) {
  try {
    return await chrome.runtime.sendMessage(request);
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

/** `https://host/*` → `https://host`, as people read a site. */
const siteName = (pattern) => pattern.replace(/\/\*$/, '');

async function renderSites() {
  const { origins = [] } = await chrome.permissions.getAll();
  sites.replaceChildren();
  for (const pattern of origins.filter((o) => /^https?:/.test(o)).sort()) {
    const item = el('li', { 'data-testid': 'site', 'data-origin': pattern });
    const revoke = el('button', { type: 'button', 'data-testid': 'revoke-site', 'aria-label': message('options_revoke_named', siteName(pattern)) }, message('options_revoke'));
    revoke.addEventListener('click', async () => {
      let removed = false;
      try {
        removed = await chrome.permissions.remove({ origins: [pattern] });
      } catch (error) {
        say(message('options_revoke_failed', String(error?.message ?? error)), 'error');
        return;
      }
      if (removed) say(message('options_revoked', siteName(pattern)));
      else say(message('options_revoke_failed', siteName(pattern)), 'error');
      await renderSites();
    });
    item.append(el('code', {}, siteName(pattern)), revoke);
    sites.append(item);
  }
  $('[data-role="no-sites"]').hidden = sites.children.length > 0;
}

async function renderSettings() {
  const stored = await chrome.storage.local.get([TTL_SETTING, LANGUAGE_SETTING, REMEMBER_SETTING]);
  const minutes = Number(stored[TTL_SETTING]) || DEFAULT_TTL;
  ttl.replaceChildren(...[...new Set([...TTL_CHOICES, minutes])].sort((a, b) => a - b)
    .map((m) => el('option', { value: String(m) }, message('options_ttl_option', String(m)))));
  ttl.value = String(minutes);
  language.value = typeof stored[LANGUAGE_SETTING] === 'string' ? stored[LANGUAGE_SETTING] : '';
  remember.checked = stored[REMEMBER_SETTING] === true;
}

async function renderShortcut() {
  const commands = (await chrome.commands?.getAll?.()) ?? [];
  const keys = commands.find((c) => c.name === FILL_COMMAND)?.shortcut || message('options_shortcut_unset');
  $('[data-role="shortcut"]').textContent = message('options_shortcut_text', keys);
}

ttl.addEventListener('change', async () => {
  const reply = await ask({ type: 'secrets-ttl', minutes: Number(ttl.value) });
  if (reply?.ok) say(message('options_saved')); else say(String(reply?.error ?? ''), 'error');
});
language.addEventListener('change', async () => {
  await chooseLanguage(language.value);
  // This page speaks the new language at once; the others when next opened.
  location.reload();
});
remember.addEventListener('change', async () => {
  await chrome.storage.local.set({ [REMEMBER_SETTING]: remember.checked });
  say(message('options_saved'));
});
clear.addEventListener('click', async () => {
  const reply = await ask({ type: 'clear-everything' });
  if (reply?.ok) say(message('options_cleared'));
  else say(message('options_clear_failed', String(reply?.error ?? '')), 'error');
});
chrome.permissions.onAdded.addListener(renderSites);
chrome.permissions.onRemoved.addListener(renderSites);

localise();
await Promise.all([renderSites(), renderSettings(), renderShortcut()]);
document.documentElement.dataset.ready = 'true';
