// Every string has a home in both catalogues: extension/_locales/zh_CN and en hold the same
// keys, each with a message, and every key the extension or the standalone page uses (in
// `__MSG_x__`, `getMessage('x')`, `message('x')`, `t('x')`, `data-i18n*="x"`, or a key-shaped
// string literal) exists. Runs in Node, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { repoRoot } from '../../tools/driver/browser.mjs';

const LOCALES = ['zh_CN', 'en'];
const catalogue = async (locale) => JSON.parse(await readFile(join(repoRoot, 'extension/_locales', locale, 'messages.json'), 'utf8'));

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_locales' && entry.name !== 'wasm' && entry.name !== 'node_modules') yield* sources(path);
    } else if (['.js', '.mjs', '.html', '.json'].includes(extname(entry.name))) {
      yield path;
    }
  }
}

test('zh_CN and en hold the same keys, each with a non-empty message', async () => {
  const [zh, en] = await Promise.all(LOCALES.map(catalogue));
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'in en only');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'in zh_CN only');
  for (const [locale, table] of [['zh_CN', zh], ['en', en]]) {
    const empty = Object.entries(table).filter(([, entry]) => typeof entry?.message !== 'string' || !entry.message.trim());
    assert.deepEqual(empty.map(([k]) => k), [], `${locale}: keys without a message`);
  }
});

test('every message key used in extension/ and www/standalone/ exists in both catalogues', async () => {
  const [zh, en] = await Promise.all(LOCALES.map(catalogue));
  // Key-shaped literals: a prefix some key uses, an underscore, lowercase words.
  const prefixes = [...new Set(Object.keys(zh).map((k) => k.split('_')[0]))];
  const literal = new RegExp(`['"\`]((?:${prefixes.join('|')})_[a-z0-9_]+)['"\`]`, 'g');
  const patterns = [
    /__MSG_([A-Za-z0-9_@]+)__/g,
    /getMessage\(\s*['"]([A-Za-z0-9_@]+)['"]/g,
    /\b(?:message|t|text)\(\s*['"]([A-Za-z0-9_]+)['"]/g,
    /data-i18n(?:-[a-z]+)?=["']([A-Za-z0-9_]+)["']/g,
    literal,
  ];
  const missing = [];
  let used = 0;
  for (const dir of ['extension', 'www/standalone']) {
    for await (const file of sources(join(repoRoot, dir))) {
      const text = await readFile(file, 'utf8');
      // manifest.json's own keys (options_ui …) are no messages; only its __MSG_x__ are.
      const checked = file.endsWith('manifest.json') ? patterns.slice(0, 1) : patterns;
      for (const pattern of checked) {
        for (const match of text.matchAll(pattern)) {
          const key = match[1];
          if (key.startsWith('@@')) continue; // Chrome's predefined messages
          used += 1;
          // A prefix a key is built from (`forms_outcome_` + outcome): some key must start so.
          const known = key.endsWith('_')
            ? Object.keys(zh).some((k) => k.startsWith(key)) && Object.keys(en).some((k) => k.startsWith(key))
            : key in zh && key in en;
          if (!known) missing.push(`${relative(repoRoot, file)}: ${key}`);
        }
      }
    }
  }
  assert.ok(used > 100, `found ${used} uses`);
  assert.deepEqual([...new Set(missing)], []);
});
