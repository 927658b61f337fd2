//! The checklist's progress per console. Stores what the core decides and nothing else:
//! `progress:<prefix>` (the chosen and detected product, steps saved, steps ticked: no value, no
//! secret) and `progress-fill:<documentId>` (whether that document's last 填充 of each form came
//! out clean) in `chrome.storage.session`; a copy of `progress:` in `storage.local`
//! (`remembered:progress:<prefix>`) only while the options' remember-across-restarts is on.
//!
//! The bar's fill reports and the person's 保存 clicks come from the content scripts; the side
//! panel asks for a tab's checklist, ticks manual steps, chooses the product and exports the
//! non-secret setup record.
import { accountIdFor } from './context.js';
import { placeOf } from './documents.js';
import { fromContentScript, pageUrlOf, requireExtensionPage } from './senders.js';
import {
  CREDENTIALS_PREFIX, PROGRESS_PREFIX, REMEMBERED_PREFIX, REMEMBER_SETTING, failed, isObject, malformed, senderRefused, serialisedQueue,
  sessionEntries, sessionValue, tabUrl, text,
} from './shared.js';

const PENDING_PREFIX = 'progress-fill:';

// Read-modify-write one at a time (a save and a tick may cross).
const serialised = serialisedQueue();

async function remembering() {
  return (await chrome.storage.local.get(REMEMBER_SETTING))[REMEMBER_SETTING] === true;
}

const loadKey = sessionValue;

async function storeProgress(key, progress) {
  await chrome.storage.session.set({ [key]: progress });
  if (await remembering()) await chrome.storage.local.set({ [`${REMEMBERED_PREFIX}${key}`]: progress });
}

/** Copies every console's progress to local storage (the person just opted in). */
async function rememberAll() {
  const all = await chrome.storage.session.get(null);
  const copy = {};
  for (const [key, value] of Object.entries(all)) if (key.startsWith(PROGRESS_PREFIX)) copy[`${REMEMBERED_PREFIX}${key}`] = value;
  if (Object.keys(copy).length) await chrome.storage.local.set(copy);
}

/** After a browser restart: the remembered progress back into the session, when opted in. */
async function restoreProgress() {
  if (!(await remembering())) return;
  const local = await chrome.storage.local.get(null);
  const restore = {};
  for (const [key, value] of Object.entries(local)) {
    if (key.startsWith(`${REMEMBERED_PREFIX}${PROGRESS_PREFIX}`)) restore[key.slice(REMEMBERED_PREFIX.length)] = value;
  }
  if (Object.keys(restore).length) await chrome.storage.session.set(restore);
}

chrome.runtime.onStartup.addListener(() => restoreProgress().catch(() => {}));
chrome.storage.onChanged.addListener((changes, area) => {
  // Turning it off is settings.js' job (it forgets every remembered: key).
  if (area === 'local' && changes[REMEMBER_SETTING]?.newValue === true) rememberAll().catch(() => {});
});

/** The progress key of the console a content script's document acts for, or null. */
async function senderKey(sender, core) {
  const place = await placeOf(sender, core);
  const url = place?.ok && place.console ? place.pageUrl : null;
  return url ? core.checklistKey(url) ?? null : null;
}

/** One record per document: a reload or another tab starts with no 填充. */
const pendingKey = (sender) => `${PENDING_PREFIX}${sender.documentId ?? `${sender.tab?.id}:${sender.frameId}`}`;

/**
 * Runs in each frame of the tab (the content scripts' isolated world): which of the core's
 * `words` the page shows as a short visible text (a menu item, a button, a title), and the
 * collector's snapshot for the forms it holds.
 */
function pageSignalsInFrame(words) {
  const key = (text) => String(text || '').replace(/\s+/g, '').toLowerCase();
  const wanted = new Set(words.map(key));
  const found = new Set();
  const root = document.body || document.documentElement;
  if (root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let looked = 0;
    for (let el = walker.nextNode(); el && looked < 20000; el = walker.nextNode(), looked++) {
      if (el.childElementCount > 4) continue;
      const text = el.textContent || '';
      if (text.length > 40) continue;
      const k = key(text);
      if (!wanted.has(k) || found.has(k) || !el.getClientRects().length) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) continue;
      found.add(k);
    }
  }
  const helper = globalThis.__fapiaoHelper;
  let snapshot = null;
  try {
    snapshot = helper && helper.collect ? helper.collect().snapshot : null;
  } catch {
    snapshot = null;
  }
  return { texts: [...found], snapshot };
}

/** `{texts, forms}` the tab shows now, or null without access to it. */
async function pageSignals(tabId, core) {
  const { words } = core.checklistSignals();
  let injections;
  try {
    injections = await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, func: pageSignalsInFrame, args: [words] });
  } catch {
    return null;
  }
  const texts = new Set();
  const forms = new Set();
  for (const injection of injections ?? []) {
    const result = injection?.result;
    if (!isObject(result)) continue;
    for (const text of Array.isArray(result.texts) ? result.texts : []) if (typeof text === 'string') texts.add(text);
    if (!isObject(result.snapshot)) continue;
    try {
      for (const form of core.recogniseForms(JSON.stringify(result.snapshot))?.forms ?? []) if (form?.spec) forms.add(form.spec);
    } catch {
      // a frame the core cannot read tells nothing
    }
  }
  return { texts: [...texts], forms: [...forms] };
}

/** The side panel's view of a tab: the core's, after noting what the page told. */
async function panelFor(tabId, core, { detect = true } = {}) {
  const url = await tabUrl(tabId);
  const key = url ? core.checklistKey(url) ?? null : null;
  const progress = key ? await loadKey(key) : undefined;
  const signals = key && detect ? await pageSignals(tabId, core) : null;
  const accountId = key ? await accountIdFor(url, core) : null;
  const view = core.checklistView(url ?? undefined, progress, signals ?? undefined, accountId ?? undefined);
  if (key && view.changed) {
    // What the page told, noted on the progress as it is now (a save may have counted meanwhile).
    await serialised(async () => {
      const fresh = core.checklistView(url, await loadKey(key), signals ?? undefined, accountId ?? undefined);
      if (fresh.changed) await storeProgress(key, fresh.progress);
    });
  }
  const { progress: _kept, changed: _changed, ...shown } = view;
  return { ok: true, ...shown };
}

/** A read-modify-write of a tab's console progress through the core, then its view. */
async function updateTab(tabId, core, change) {
  const url = await tabUrl(tabId);
  const key = url ? core.checklistKey(url) ?? null : null;
  if (!key) return { ok: false, code: 'not-console', error: text('sidepanel_not_console') };
  try {
    await serialised(async () => storeProgress(key, change(await loadKey(key))));
  } catch (error) {
    return failed(error);
  }
  return panelFor(tabId, core, { detect: false });
}

function requireContentScript(sender) {
  if (!fromContentScript(sender) && pageUrlOf(sender) === null) {
    throw senderRefused('not-content-script', 'worker_not_content_script');
  }
}

export const handlers = {
  /**
   * `{form, button}` from a content script: the person's trusted click on a control whose text
   * is one of `saveButtons` by a recognised form → `{verdict}` (the step is done or why not).
   */
  'form-saved': async (message, sender, core) => {
    requireContentScript(sender);
    const spec = isObject(message.form) ? message.form.spec : message.form;
    if (typeof spec !== 'string' || typeof message.button !== 'string') return malformed();
    const key = await senderKey(sender, core);
    if (!key) return { ok: true, verdict: 'not-a-console' };
    const pending = pendingKey(sender);
    return serialised(async () => {
      const saved = core.checklistSaved(await loadKey(key), await loadKey(pending), spec, message.button.slice(0, 40));
      await chrome.storage.session.set({ [pending]: saved.pending });
      if (saved.verdict === 'counted') await storeProgress(key, saved.progress);
      return { ok: true, verdict: saved.verdict };
    });
  },

  /** `{tabId}` → `{console, products, product, detected, chosen, checklist}` for the side panel. */
  'checklist-status': async (message, sender, core) => {
    requireExtensionPage(sender);
    return panelFor(message.tabId, core);
  },

  /** `{product}` → `{checklist}`: a product's steps with no console (a page that is none). */
  'checklist-steps': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.product !== 'string') return malformed();
    try {
      return { ok: true, checklist: core.checklist(message.product) };
    } catch (error) {
      return failed(error);
    }
  },

  /** `{tabId, product}` → the person's choice of product for the tab's console ('' undoes it). */
  'checklist-choose': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.product !== 'string') return malformed();
    return updateTab(message.tabId, core, (progress) => core.checklistChoose(progress, message.product || undefined));
  },

  /** `{tabId, step, done}` → a manual step ticked or unticked for the tab's console. */
  'checklist-tick': async (message, sender, core) => {
    requireExtensionPage(sender);
    if (typeof message.step !== 'string' || typeof message.done !== 'boolean') return malformed();
    return updateTab(message.tabId, core, (progress) => core.checklistTick(progress, message.step, message.done));
  },

  /** `{tabId, product}` → `{json, markdown, fileName}`: the non-secret setup record. */
  'checklist-export': async (message, sender, core) => {
    requireExtensionPage(sender);
    const url = await tabUrl(message.tabId);
    const key = url ? core.checklistKey(url) ?? null : null;
    // The pasted records go into the core, which takes only the environment and the
    // enterprises' 税号 and names from them.
    const records = await sessionEntries(CREDENTIALS_PREFIX);
    const accountId = url ? await accountIdFor(url, core) : null;
    const product = typeof message.product === 'string' && message.product ? message.product : undefined;
    return { ok: true, ...core.checklistExport(url ?? undefined, accountId ?? undefined, records, key ? await loadKey(key) : undefined, product, Date.now()) };
  },
};

/**
 * Wraps the handler table: a fill report also notes the document's fill for the checklist,
 * and a recognition tells the content script which button texts may save a form.
 */
export function withProgress(table) {
  const wrapped = { ...table, ...handlers };
  const report = table['fill-report'];
  if (report) {
    wrapped['fill-report'] = async (message, sender, core) => {
      const reply = await report(message, sender, core);
      if (reply?.ok && Array.isArray(reply.rows)) {
        const key = pendingKey(sender);
        await serialised(async () => {
          await chrome.storage.session.set({ [key]: core.checklistFillReported(await loadKey(key), reply) });
        }).catch(() => {});
      }
      return reply;
    };
  }
  const recognise = table.recognise;
  if (recognise) {
    wrapped.recognise = async (message, sender, core) => {
      const reply = await recognise(message, sender, core);
      if (reply?.ok) reply.saveButtons = core.checklistSignals().saveButtons;
      return reply;
    };
  }
  return wrapped;
}
