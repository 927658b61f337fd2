//! The Rust core for the worker, loaded once per worker life. MV3 stops an idle worker, and the
//! click that wakes it must not wait for more than it has to: the WASM is fetched and compiled
//! (streaming, so compilation overlaps the read) as soon as this module is evaluated, which is
//! when the worker starts because something (a console page, the popup) messaged it. The first
//! `loadCore()` then only instantiates the compiled module through the wasm-bindgen glue and sets
//! the locale.
import init, * as core from '../wasm/fapiao_helper.js';
import { localeTag } from '../shared/i18n.js';

const WASM = 'wasm/fapiao_helper_bg.wasm';

/** Starts fetching and compiling the WASM; a failure waits for the first `loadCore()` to see it. */
function compile() {
  const module = WebAssembly.compileStreaming(fetch(chrome.runtime.getURL(WASM)));
  module.catch(() => {}); // not unhandled: loadCore() awaits this promise and reports its error
  return module;
}

let compiled = compile();
let ready = null;

/** The initialised wasm-bindgen module, loaded on first need, once per worker life. */
export function loadCore() {
  ready ??= compiled
    .then((module) => init({ module_or_path: module }))
    .then(async () => {
      // The language chosen in the options, else the browser's.
      core.setLocale(await localeTag());
      return core;
    })
    .catch((error) => {
      // Let the next message try again, from the fetch on.
      ready = null;
      compiled = compile();
      throw error;
    });
  return ready;
}

/** Applies a new locale to the core if it is loaded (a later load reads the setting itself). */
export function setCoreLocale(tag) {
  return ready?.then((loaded) => loaded.setLocale(tag));
}
