// The side panel's checklist: the product (the person's choice, else what the page tells), each
// step with its state for the tab's console, the manual steps' checkboxes and the export of the
// non-secret setup record. The worker and the core decide everything; this draws the answers.
// The status, context values, held secrets and paste box are the popup's own modules.
import { tabParameter, targetTabId } from '../shared/tab.js';
import { OBSERVATIONS_PREFIX, PROGRESS_PREFIX, touches } from '../shared/keys.js';

const $ = (selector) => document.querySelector(selector);
const productSelect = $('[data-testid="product"]');
const productNote = $('[data-role="product-note"]');
const list = $('[data-testid="checklist"]');
const errorNote = $('[data-role="checklist-error"]');
const exportNote = $('[data-role="export-note"]');

const message = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions) || key;
const fromQuery = tabParameter();

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

let tabId = null;
let shown = null; // the worker's last view
let generation = 0;

async function ask(request) {
  try {
    return await chrome.runtime.sendMessage(request);
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

function renderProducts(view) {
  const wanted = view.product ?? '';
  const names = new Map((view.products ?? []).map((p) => [p.value, p.name]));
  if (productSelect.options.length !== names.size + 1) {
    for (const [value, name] of names) productSelect.append(el('option', { value }, name));
  }
  for (const option of productSelect.options) if (option.value) option.textContent = names.get(option.value) ?? option.value;
  productSelect.value = wanted;
  const note = !view.console ? '' : view.chosen ? 'sidepanel_product_chosen' : view.product ? 'sidepanel_product_detected' : 'sidepanel_product_choose';
  productNote.hidden = !note;
  productNote.textContent = note ? message(note) : '';
}

function stepElement(step, console) {
  const done = step.done === true;
  const item = el('li', { 'data-step': step.id, 'data-done': String(done), 'data-kind': step.kind });
  const head = el(step.kind === 'manual' ? 'label' : 'div', { class: 'step-head' });
  if (step.kind === 'manual') {
    const box = el('input', { type: 'checkbox', 'aria-label': message('sidepanel_step_tick', step.title) });
    box.checked = done;
    // Progress is kept per console: a page that is none has nothing to tick.
    box.disabled = !console;
    box.addEventListener('change', () => tick(step.id, box, item));
    head.append(box);
  } else {
    head.append(el('span', {
      class: 'step-state',
      role: 'img',
      'aria-label': message(done ? 'sidepanel_step_done' : 'sidepanel_step_open'),
    }, done ? '✓' : '○'));
  }
  head.append(el('span', { class: 'title' }, step.title),
    el('span', { class: step.required ? 'tag required' : 'tag' }, message(step.required ? 'sidepanel_step_required' : 'sidepanel_step_optional')));
  item.append(head);
  if (step.why) item.append(el('p', { class: 'why' }, step.why));
  if (step.menuPath?.length) item.append(el('p', { class: 'menu' }, message('sidepanel_step_menu', step.menuPath.join(' → '))));
  if (step.kind === 'form') item.append(el('p', { class: 'menu' }, message('sidepanel_step_form_hint')));
  return item;
}

function render(view) {
  shown = view;
  errorNote.hidden = true;
  renderProducts(view);
  const checklist = view.checklist;
  list.dataset.product = checklist?.product ?? '';
  list.replaceChildren(...(checklist?.steps ?? []).map((step) => stepElement(step, view.console)));
}

function renderError(text) {
  errorNote.hidden = false;
  errorNote.textContent = message('sidepanel_error', text);
}

/** Asks the worker again; a slower earlier answer never overwrites a newer one. */
async function refresh() {
  const mine = ++generation;
  const reply = tabId === null ? { ok: false, error: message('popup_no_tab') } : await ask({ type: 'checklist-status', tabId });
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
  else renderError(reply?.error ?? message('popup_no_reply'));
}

async function tick(step, box, item) {
  item.dataset.done = String(box.checked);
  const mine = ++generation;
  const reply = await ask({ type: 'checklist-tick', tabId, step, done: box.checked });
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
  else {
    renderError(reply?.error ?? message('popup_no_reply'));
    await refresh();
  }
}

async function choose() {
  const product = productSelect.value;
  if (!shown?.console) return showWithoutConsole(product);
  const mine = ++generation;
  const reply = await ask({ type: 'checklist-choose', tabId, product });
  if (mine !== generation) return;
  if (reply?.ok) render(reply);
  else renderError(reply?.error ?? message('popup_no_reply'));
}

/** A page that is no console: the chosen product's steps as the core lists them, none done. */
async function showWithoutConsole(product) {
  list.dataset.product = product;
  if (!product) return list.replaceChildren();
  const reply = await ask({ type: 'checklist-steps', product });
  if (productSelect.value !== product) return;
  if (!reply?.ok) return renderError(reply?.error ?? message('popup_no_reply'));
  list.replaceChildren(...reply.checklist.steps.map((step) => stepElement({ ...step, done: false }, false)));
}

async function exported() {
  const reply = await ask({ type: 'checklist-export', tabId, product: productSelect.value });
  if (!reply?.ok) {
    exportNote.hidden = false;
    exportNote.textContent = message('sidepanel_error', reply?.error ?? message('popup_no_reply'));
    return null;
  }
  return reply;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function exportAs(kind) {
  const record = await exported();
  if (!record) return;
  if (kind === 'json') download(`${record.fileName}.json`, 'application/json', record.json);
  else download(`${record.fileName}.md`, 'text/markdown', record.markdown);
  exportNote.hidden = false;
  exportNote.textContent = message('sidepanel_exported');
}

async function copyMarkdown() {
  const record = await exported();
  if (!record) return;
  exportNote.hidden = false;
  try {
    await navigator.clipboard.writeText(record.markdown); // no secret in it, on the person's click
    exportNote.textContent = message('sidepanel_copied');
  } catch {
    exportNote.textContent = message('popup_copy_failed');
  }
}

function watch() {
  chrome.storage.session.onChanged.addListener((changes) => {
    // A save counted, a tick from another panel, the 数据中心 id arriving.
    if (touches(changes, PROGRESS_PREFIX, OBSERVATIONS_PREFIX)) refresh();
  });
  chrome.tabs.onUpdated.addListener((updatedId, change) => {
    if (updatedId === tabId && (change.status === 'complete' || 'url' in change)) refresh();
  });
  // Opened as the browser's side panel (no ?tab=): it follows the active tab of its window.
  if (fromQuery === null) chrome.tabs.onActivated.addListener(() => location.reload());
}

productSelect.addEventListener('change', choose);
$('[data-testid="export-json"]').addEventListener('click', () => exportAs('json'));
$('[data-testid="export-markdown"]').addEventListener('click', () => exportAs('markdown'));
$('[data-testid="copy-markdown"]').addEventListener('click', copyMarkdown);
watch();
tabId = await targetTabId();
await refresh();
document.documentElement.dataset.ready = 'true';
