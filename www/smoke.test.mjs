//! Runs the demo console's smoke check (www/smoke.mjs: the demo in real Chromium, no extension)
//! as a test of the test command: it exits non-zero on a broken step or any console error.
//! It needs the demo built (`cargo xtask build`), as the E2E stage that runs it has done.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./smoke.mjs', import.meta.url));
const demoBuilt = existsSync(new URL('../dist/demo/index.html', import.meta.url));

test('the demo console works in Chromium without the extension (www/smoke.mjs)', { skip: !demoBuilt && 'dist/demo not built', timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  assert.equal(code, 0, output);
});
