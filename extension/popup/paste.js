// The popup's paste box and what it holds: a 授权邮件 / 出库邮件, a 获取token示例, a console URL or
// a getUserLanguage.do body goes to the worker, whose core reads it and keeps what it yields for
// the tab's console. The panel shows the environment, the enterprises (one chosen at a time),
// the credentials (ids whole, secrets masked to their last four, each with 复制 through the
// self-clearing clipboard) and the values the EAS client needs by hand. It never sees a secret
// whole: the worker answers with masked text only.
import { targetTabId } from '../shared/tab.js';
import { CREDENTIALS_PREFIX, OBSERVATIONS_PREFIX, touches } from '../shared/keys.js';

const message = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

/** The contract's credential rows: test id, the core's value key, the label's message key. */
const CREDENTIALS = [
  { id: 'clientId', testid: 'credential-client-id', label: 'paste_label_client_id' },
  { id: 'clientSecret', testid: 'credential-client-secret', label: 'paste_label_client_secret' },
  { id: 'encryptKey', testid: 'credential-encrypt-key', label: 'paste_label_encrypt_key' },
  { id: 'tenantClientId', testid: 'credential-tenant-client-id', label: 'paste_label_tenant_client_id' },
  { id: 'tenantSecret', testid: 'credential-tenant-secret', label: 'paste_label_tenant_secret' },
  { id: 'tenantEncryptKey', testid: 'credential-tenant-encrypt-key', label: 'paste_label_tenant_encrypt_key' },
];
const GROUPS = [
  { group: 'multi-image', title: 'paste_manual_multi_image' },
  { group: 'org-unit', title: 'paste_manual_org_unit' },
];

function el(tag, attributes = {}, text = '') {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  return element;
}

const STYLE = `
.paste, .credentials { margin: 12px 14px 0; padding-top: 8px; border-top: 1px solid var(--line, #e5e5e5); }
.paste h2, .credentials h2, .credentials h3 { margin: 0 0 4px; font-size: 13px; font-weight: 600; }
.credentials h3 { margin-top: 10px; font-size: 12px; }
.paste textarea { width: 100%; min-height: 64px; font: 12px/1.4 ui-monospace, Consolas, monospace; resize: vertical; }
.paste .paste-actions { display: flex; justify-content: flex-end; margin-top: 4px; }
.paste-result { margin: 6px 0 0; font-size: 12px; }
.paste-result[data-state="error"] { color: var(--bad, #e62d2d); }
.paste-result[data-state="ok"] { color: var(--ok, #1ba854); }
.credentials .note, .credentials .hint { margin: 0; color: var(--ink-soft, #666); font-size: 12px; }
.credentials .enterprises { display: flex; flex-direction: column; gap: 4px; margin: 4px 0; }
.credentials [data-testid="enterprise"] { text-align: left; }
.credentials [data-testid="enterprise"][data-selected="true"] { border-color: var(--kd-blue, #276ff5); background: var(--kd-blue-soft, #eaf1ff); }
.credentials .problems { margin: 4px 0; padding-left: 16px; color: var(--warn, #e57e00); font-size: 12px; }
.credentials .manual-row[data-checked="true"] .label::before { content: "✓ "; color: var(--ok, #1ba854); }
`;

function build() {
  const style = el('style');
  style.textContent = STYLE;
  document.head.append(style);

  const paste = el('section', { class: 'paste', 'data-role': 'paste' });
  const input = el('textarea', {
    'data-testid': 'paste-input', spellcheck: 'false', autocomplete: 'off',
    'aria-label': message('paste_heading'), placeholder: message('paste_placeholder'),
  });
  const readButton = el('button', { type: 'button', class: 'primary', 'data-testid': 'paste-read' }, message('paste_read'));
  const actions = el('div', { class: 'paste-actions' });
  actions.append(readButton);
  const result = el('p', { class: 'paste-result', 'data-testid': 'paste-result', role: 'status', 'aria-live': 'polite' });
  paste.append(el('h2', {}, message('paste_heading')), input, actions, result);

  const panel = el('section', { class: 'credentials', 'data-role': 'credentials', 'aria-live': 'polite' });
  const environment = el('span', { 'data-testid': 'environment', 'data-env': 'unknown' }, message('paste_env_unknown'));
  const envLine = el('p', { class: 'note' }, `${message('paste_environment')} `);
  envLine.append(environment);
  const origin = el('p', { class: 'note', 'data-role': 'origin', hidden: '' });
  const cross = el('div', { class: 'cross', 'data-role': 'credentials-cross', hidden: '' });
  const crossText = el('p');
  const confirm = el('button', { type: 'button', 'data-testid': 'confirm-credentials' }, message('secrets_confirm_cross'));
  cross.append(crossText, confirm);
  // A plain-http console off this machine: the pasted secrets go there only after this confirm.
  const insecure = el('div', { class: 'cross insecure', 'data-testid': 'credentials-insecure', role: 'alert', hidden: '' });
  const confirmInsecure = el('button', { type: 'button', 'data-testid': 'confirm-insecure-credentials' }, message('secrets_confirm_insecure'));
  insecure.append(el('p', {}, message('secrets_insecure_console')), confirmInsecure);
  const chooseHint = el('p', { class: 'hint', 'data-role': 'choose', hidden: '' }, message('paste_choose_enterprise'));
  const enterprises = el('div', { class: 'enterprises', role: 'group', 'aria-label': message('paste_enterprises') });
  const problems = el('ul', { class: 'problems', 'data-testid': 'paste-problems', hidden: '' });
  // Why a value of the chosen enterprise or of the tenant could not be read (the parser's words).
  const missing = el('ul', { class: 'problems', 'data-testid': 'credential-missing', hidden: '' });
  panel.append(el('h2', {}, message('paste_credentials_heading')), envLine, origin, cross, insecure, chooseHint, enterprises, problems, missing);

  const rows = {};
  for (const row of CREDENTIALS) {
    const box = el('div', { class: 'row secret-row' });
    const value = el('code', { class: 'value', 'data-testid': row.testid, 'data-held': 'false' });
    const copy = el('button', { type: 'button', class: 'copy', 'data-testid': `copy-${row.testid}`, disabled: '' }, message('secrets_copy'));
    box.append(el('span', { class: 'label' }, message(row.label)), value, copy);
    panel.append(box);
    rows[row.id] = { value, copy };
    copy.addEventListener('click', () => copyValue(row.id, copy));
  }
  const expiry = el('p', { class: 'note', 'data-role': 'expiry' });
  panel.append(expiry);

  const manual = el('div', { 'data-role': 'manual' });
  panel.append(manual);

  const secrets = document.querySelector('[data-role="secrets"]');
  const diagnose = document.querySelector('[data-role="diagnose"]');
  const anchor = secrets ?? diagnose;
  if (anchor) anchor.before(paste, panel); else document.body.append(paste, panel);
  return { input, readButton, result, environment, origin, cross, crossText, confirm, insecure, confirmInsecure, chooseHint, enterprises, problems, missing, rows, expiry, manual };
}


async function ask(request) {
  try {
    return await chrome.runtime.sendMessage(request);
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

// secrets.js builds its panel when its module runs; ours goes before it.
await Promise.resolve();
const ui = build();
let tabId = null;
let generation = 0;

function envName(env) {
  if (env === 'prod') return message('paste_env_prod');
  if (env === 'test') return message('paste_env_test');
  return message('paste_env_unknown');
}

function renderEnterprises(view) {
  const list = Array.isArray(view.enterprises) ? view.enterprises : [];
  const focusedTaxId = document.activeElement?.dataset?.taxId;
  ui.enterprises.replaceChildren();
  for (const enterprise of list) {
    const button = el('button', {
      type: 'button',
      'data-testid': 'enterprise',
      'data-tax-id': String(enterprise.taxId ?? ''),
      'data-selected': String(!!enterprise.selected),
      'aria-pressed': String(!!enterprise.selected),
    });
    button.append(el('span', { class: 'name' }, String(enterprise.name || message('paste_unnamed'))), document.createTextNode(' '),
      el('code', {}, String(enterprise.taxId ?? '')));
    button.addEventListener('click', () => choose(String(enterprise.taxId ?? '')));
    ui.enterprises.append(button);
    if (focusedTaxId !== undefined && focusedTaxId === String(enterprise.taxId)) button.focus();
  }
  ui.chooseHint.hidden = !(list.length > 1 && !view.selected);
}

function renderManual(view) {
  const values = Array.isArray(view.manual) ? view.manual : [];
  ui.manual.replaceChildren();
  for (const { group, title } of GROUPS) {
    const inGroup = values.filter((v) => v.group === group);
    if (!inGroup.length) continue;
    const box = el('section', { 'data-testid': 'manual-values', 'data-group': group });
    box.append(el('h3', {}, message(title)));
    for (const value of inGroup) {
      const row = el('div', {
        class: 'row manual-row', 'data-testid': 'manual-value', 'data-value-id': value.id,
        'data-held': String(!!value.held), 'data-checked': String(!!value.checked), 'data-secret': String(!!value.secret),
      });
      const copy = el('button', { type: 'button', class: 'copy', 'data-testid': `copy-manual-${value.id}` }, message('secrets_copy'));
      copy.disabled = !value.held;
      copy.addEventListener('click', () => copyValue(`manual:${value.id}`, copy));
      row.append(el('span', { class: 'label' }, String(value.label ?? '')), el('code', { class: 'value' }, String(value.text ?? '')), copy);
      if (value.note) row.append(el('p', { class: 'note' }, String(value.note)));
      box.append(row);
    }
    ui.manual.append(box);
  }
}

function render(view) {
  ui.environment.dataset.env = view.held ? String(view.environment ?? 'unknown') : 'unknown';
  ui.environment.textContent = envName(ui.environment.dataset.env) + (view.environmentUrl ? ` · ${view.environmentUrl}` : '');
  renderEnterprises(view);
  for (const row of CREDENTIALS) {
    const shown = (view.credentials ?? []).find((c) => c.id === row.id);
    const held = !!shown?.held;
    ui.rows[row.id].value.dataset.held = String(held);
    ui.rows[row.id].value.textContent = held ? String(shown.text ?? '') : '';
    ui.rows[row.id].copy.disabled = !held;
  }
  const problems = Array.isArray(view.problems) ? view.problems : [];
  ui.problems.replaceChildren(...problems.map((p) => el('li', {
    'data-problem': String(p.problem ?? ''), ...(p.taxId ? { 'data-tax-id': String(p.taxId) } : {}), ...(p.field ? { 'data-field': String(p.field) } : {}),
  }, String(p.message ?? ''))));
  ui.problems.hidden = problems.length === 0;
  const chosen = (view.enterprises ?? []).find((e) => e.selected);
  const missing = [...(chosen?.missing ?? []), ...(view.tenantMissing ?? [])].map(String);
  ui.missing.replaceChildren(...missing.map((text) => el('li', {}, text)));
  ui.missing.hidden = missing.length === 0;
  ui.origin.hidden = !(view.held && !view.sameScope);
  ui.origin.textContent = view.held ? message('paste_from_console', String(view.scope ?? '')) : '';
  ui.cross.hidden = !view.confirmable;
  ui.insecure.hidden = !view.insecureConfirmable;
  ui.crossText.textContent = view.confirmable ? message('paste_cross_console', String(view.scope ?? ''), String(view.tabScope ?? '')) : '';
  ui.expiry.textContent = view.held && view.expiresAt
    ? message('secrets_expires', new Date(view.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      String(Math.max(0, Math.ceil((view.expiresAt - Date.now()) / 60000))))
    : message('paste_nothing_held');
  renderManual(view);
}

async function refresh() {
  const mine = ++generation;
  const reply = await ask({ type: 'credentials-status', tabId });
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
}

async function read() {
  const pasted = ui.input.value;
  ui.readButton.disabled = true;
  const reply = await ask({ type: 'paste-read', tabId, text: pasted });
  ui.readButton.disabled = false;
  const ok = reply?.ok && reply.state === 'ok';
  ui.result.dataset.state = ok ? 'ok' : 'error';
  if (reply?.code) ui.result.dataset.code = String(reply.code); else delete ui.result.dataset.code;
  ui.result.textContent = reply?.message ?? reply?.error ?? message('paste_failed');
  // What was read is held by the worker now; the box keeps no copy of a secret.
  if (ok) ui.input.value = '';
  await refresh();
}

async function choose(taxId) {
  await ask({ type: 'select-enterprise', tabId, taxId });
  await refresh();
}

let copyTimer = null;
async function copyValue(id, button) {
  // clipboardRead lets the clearer check what it clears (asked on this click, as secrets.js does).
  chrome.permissions.request({ permissions: ['clipboardRead'] }).catch(() => false);
  const reply = await ask({ type: 'copy-credential', tabId, id });
  const label = message('secrets_copy');
  button.textContent = reply?.ok ? message('paste_copied', String(reply.seconds ?? 30)) : (reply?.error ?? message('secrets_copy_failed'));
  clearTimeout(copyTimer);
  copyTimer = setTimeout(() => { button.textContent = label; }, 2000);
}

ui.readButton.addEventListener('click', read);
ui.confirm.addEventListener('click', async () => {
  await ask({ type: 'confirm-cross-origin', tabId, kinds: [], credentials: true });
  await refresh();
});
ui.confirmInsecure.addEventListener('click', async () => {
  await ask({ type: 'confirm-insecure-console', tabId, kinds: [] });
  await refresh();
});
chrome.storage.session.onChanged.addListener((changes) => {
  if (touches(changes, CREDENTIALS_PREFIX, OBSERVATIONS_PREFIX)) refresh();
});
chrome.tabs.onUpdated.addListener((updatedId, change) => {
  if (updatedId === tabId && 'url' in change) refresh();
});
// Expiry shows as it happens.
setInterval(refresh, 5000);

tabId = await targetTabId();
await refresh();
