//! The wasm-bindgen glue (`--target web`, an ES module) as a factory the service worker can
//! call: a module worker cannot `import()` (the HTML spec forbids it in service workers), so the
//! bench turns the module's text into `(() => { …glue…; return {exports} })`, defines it in the
//! worker through the DevTools protocol (Playwright's `worker.evaluate`, which the extension's
//! CSP does not govern), and each call of the factory is a fresh, independent instance of the
//! glue with its own WASM memory — the same code the worker runs, measured where it runs.
import { readFile } from 'node:fs/promises';

/** Source of an expression whose value is the factory; fails loudly if the glue changed shape. */
export async function glueFactorySource(gluePath) {
  const src = await readFile(gluePath, 'utf8');
  const names = [...src.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
  const body = src
    .replace(/^export (function|class) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?[ \t]*$/m, '')
    // Only used when init() is given no module; the bench always gives one.
    .replace(/import\.meta\.url/g, 'self.location.href');
  if (/^\s*(export|import)\s/m.test(body) || !names.includes('recogniseForms') || !/function __wbg_init\b/.test(body)) {
    throw new Error(`${gluePath}: not the wasm-bindgen --target web glue this bench knows how to load`);
  }
  return `(() => {\n${body}\nreturn { ${names.join(', ')}, initSync, init: __wbg_init };\n})`;
}
