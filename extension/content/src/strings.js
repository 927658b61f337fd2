//! The bar's words in the language chosen in the options. `chrome.i18n` in a content script
//! always follows the browser, and a content script can read neither the extension's
//! localStorage nor its `_locales` files; so while a language is chosen (`uiLanguage` in
//! `chrome.storage.local`, which content scripts may read), the worker sends the bar's strings
//! (`{type: 'bar-strings'}`, sw/settings.js). Until they arrive, and when following the browser,
//! `t` answers from `chrome.i18n`: a bar never waits for the worker to show. `onStringsChanged`
//! tells a bar to redraw its words when they arrive or the choice changes.
import { LANGUAGE_SETTING } from '../../shared/i18n.js';
import { onAbort, signal as helperLife } from './lifetime.js';

/** The bar's words when the extension is gone (chrome.i18n then answers nothing). */
export const FALLBACK = {
  forms_bar_title: '发票云配置助手', forms_fill: '填充', forms_undo: '撤销', forms_overwrite: '覆盖',
  forms_collapse: '收起', forms_expand: '展开', forms_ready: '待填充', forms_working: '正在处理…',
  forms_filled_summary: '已填充 $1 项', forms_undone: '已撤销', forms_error: '出错了，请重试',
  forms_outcome_filled: '已填充', forms_outcome_unchanged: '已是正确的值',
  forms_outcome_conflict: '已有其他值，未改动', forms_outcome_no_value: '暂无可填的值',
  forms_outcome_not_found: '页面上没有找到此字段', forms_outcome_failed: '没有填进去',
  forms_action_generate_key: '生成密钥', forms_action_remember_gateway: '记住网关', forms_action_remember_key: '记住此密钥',
  forms_bar_handle: '配置助手',
  forms_refused_hidden: '已拒绝：助手栏被隐藏或遮挡，未执行任何操作。请确认助手栏完整可见后再点。',
  forms_refused_moved: '已拒绝：助手栏刚出现或刚移动，未执行任何操作。请看清后再点一次。',
  forms_refused_focus: '已拒绝：此按钮不是由您选中的，未执行任何操作。请用鼠标点击，或用 Tab 键选中后再按回车。',
};

/** The chosen language's strings (named placeholders already resolved), or null: the browser's. */
let chosen = null;
const listeners = new Set();
let asked = false;
let generation = 0;

/** `$1`…`$9` and `$$`, as chrome.i18n substitutes them. */
const fillIn = (text, subs) => {
  const list = subs == null ? [] : [].concat(subs);
  return text.replace(/\$(\d)/g, (_, n) => String(list[Number(n) - 1] ?? '')).replace(/\$\$/g, '$');
};

/** The message `key` (with `subs`) in the chosen language, else the browser's, else Chinese. */
export function t(key, subs) {
  if (chosen && typeof chosen[key] === 'string') return fillIn(chosen[key], subs);
  let m = '';
  try { m = chrome.i18n.getMessage(key, subs); } catch { /* context gone */ }
  return m || fillIn(FALLBACK[key] || key, subs);
}

/** Reads the choice and, when there is one, asks the worker for its strings. */
async function load() {
  const mine = ++generation;
  let messages = null;
  const stored = await chrome.storage.local.get(LANGUAGE_SETTING);
  if (stored[LANGUAGE_SETTING]) {
    const reply = await chrome.runtime.sendMessage({ type: 'bar-strings' });
    messages = reply && reply.messages && typeof reply.messages === 'object' ? reply.messages : null;
  }
  // An older answer arriving after a newer choice is dropped.
  if (mine !== generation || helperLife.aborted) return;
  const before = JSON.stringify(chosen);
  chosen = messages;
  if (JSON.stringify(chosen) !== before) for (const fn of [...listeners]) fn();
}

function onSettingChanged(changes, area) {
  if (area === 'local' && LANGUAGE_SETTING in changes) load().catch(() => {});
}

/**
 * Called by each bar: the first one of the page load asks for the chosen strings and starts
 * following the setting. `fn` runs whenever the strings change, until `life` ends.
 */
export function onStringsChanged(life, fn) {
  listeners.add(fn);
  onAbort(life, () => listeners.delete(fn));
  if (asked) return;
  asked = true;
  try {
    chrome.storage.onChanged.addListener(onSettingChanged);
    onAbort(helperLife, () => chrome.storage.onChanged.removeListener(onSettingChanged));
  } catch { /* context gone */ }
  load().catch(() => {});
}
