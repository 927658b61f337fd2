// The module graph around the shared driver: tests import from tools/, never the other way, and
// every named import of the Node scripts (tests, demo walk, bench, driver) names something its
// module really exports. The demo walk and the bench start a browser when run, so they are read
// here, not run: their imports are checked against the modules they name, which are loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from './browser.mjs';

/** The folders whose Node scripts are checked, and the one nothing outside may import from. */
const SCRIPT_DIRS = ['www', 'bench', 'tools', 'tests/e2e'];
const TESTS_DIR = resolve(repoRoot, 'tests');

async function scripts(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Node's modules are `.mjs`; the `.js`/`.jsx` files here are browser code (the demo
    // console's React sources, the e2e fixture pages), bundled or served, not imported by Node.
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...await scripts(path));
    } else if (entry.name.endsWith('.mjs')) {
      out.push(path);
    }
  }
  return out;
}

/**
 * The relative module specifiers of `source` with the names imported or re-exported from each:
 * `[{specifier, names}]`, `names` null for `import * as` or a bare `import '…'`.
 */
function relativeImports(source) {
  const found = [];
  const named = /\b(?:import|export)\s*(?:type\s+)?\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const [, list, specifier] of source.matchAll(named)) {
    const names = list.split(',').map((part) => part.trim()).filter(Boolean).map((part) => part.split(/\s+as\s+/)[0].trim());
    found.push({ specifier, names });
  }
  const other = /\b(?:import\s*(?:\*\s*as\s+\w+\s*from\s*)?|export\s*\*\s*from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const [, specifier] of source.matchAll(other)) found.push({ specifier, names: null });
  return found;
}

test('relativeImports reads named, multi-line, renamed, namespace and dynamic imports', () => {
  const source = [
    "import { a, b as c } from './x.mjs';",
    'import {\n  d,\n  e,\n} from "../y.mjs";',
    "export { f } from './z.mjs';",
    "import * as ns from './w.mjs';",
    "const m = await import('./v.mjs');",
    "import { chromium } from 'playwright-core';",
  ].join('\n');
  assert.deepEqual(relativeImports(source), [
    { specifier: './x.mjs', names: ['a', 'b'] },
    { specifier: '../y.mjs', names: ['d', 'e'] },
    { specifier: './z.mjs', names: ['f'] },
    { specifier: './w.mjs', names: null },
    { specifier: './v.mjs', names: null },
  ]);
});

// This file's own sample imports above are not imports.
const self = fileURLToPath(import.meta.url);
const allScripts = (await Promise.all(SCRIPT_DIRS.map((d) => scripts(resolve(repoRoot, d))))).flat().filter((f) => f !== self);

test('nothing outside tests/ imports a module under tests/', async () => {
  const offenders = [];
  for (const file of allScripts) {
    if (file.startsWith(TESTS_DIR + sep)) continue;
    for (const { specifier } of relativeImports(await readFile(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (target.startsWith(TESTS_DIR + sep)) offenders.push(`${relative(repoRoot, file)} → ${specifier}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('every relative import of the Node scripts names a file and bindings it exports', async () => {
  const problems = [];
  const loaded = new Map();
  for (const file of allScripts) {
    for (const { specifier, names } of relativeImports(await readFile(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      const where = `${relative(repoRoot, file)} → ${specifier}`;
      if (!existsSync(target)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (!names) continue;
      if (!loaded.has(target)) loaded.set(target, await import(pathToFileURL(target).href));
      const exported = loaded.get(target);
      for (const name of names) if (!(name in exported)) problems.push(`${where}: no export ${name}`);
    }
  }
  assert.deepEqual(problems, []);
});
