//! The demo journey `cargo xtask demo` walks: a person's steps through the demo console with
//! the extension loaded (log in, reach the console, open the helper's popup for that tab),
//! as a list of steps so later issues add theirs (open 发票回调配置, click 填充, …).
//!
//! Headless (the default, and whenever there is no display) it saves a screenshot per step in
//! `--out` (target/demo/) and prints what the helper found; `--headed` leaves the browser open
//! for a person until Ctrl-C. Exits non-zero, naming the step, when a step fails.
//!
//! usage: node www/demo-journey.mjs [--origin http://127.0.0.1:PORT] [--out DIR] [--headed]
//!        [--lang zh-CN|en]
//! Without --origin it serves dist/demo/ itself.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openPopup, readPopup, repoRoot, startServer } from '../tests/e2e/harness.mjs';

const LOGIN_BUTTON = /^\s*登\s*录\s*$|^\s*(log\s*in|sign\s*in)\s*$/i;
const CONSOLE_URL = /\/index\.html\?(.*&)?formId=pc_main_console/;
const DEMO_USER = 'demo-admin';

/** Each step: a name a person understands, what it does, and the screenshot it leaves. */
const steps = [
  {
    name: '打开登录页 / open the login page',
    screenshot: '01-login.png',
    async run(j) {
      j.page = await j.browser.context.newPage();
      await j.page.goto(`${j.origin}/ierp/login.html`);
      await j.page.getByRole('button', { name: LOGIN_BUTTON }).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: '登录 / log in',
    async run(j) {
      await j.page.locator('input:not([type=password]):visible').first().fill(DEMO_USER);
      await j.page.locator('input[type=password]:visible').first().fill('demo-password');
      await j.page.getByRole('button', { name: LOGIN_BUTTON }).click();
      await j.page.waitForURL(CONSOLE_URL, { timeout: 15_000 });
    },
  },
  {
    name: '进入控制台 / reach the console',
    screenshot: '02-console.png',
    async run(j) {
      await j.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
      j.found.consoleUrl = j.page.url();
    },
  },
  {
    name: '打开助手弹窗 / open the helper popup for this tab',
    screenshot: '03-popup.png',
    shotOf: (j) => j.popup,
    async run(j) {
      j.popup = await openPopup(j.browser.context, j.browser.extensionId, j.page);
      await j.popup.setViewportSize({ width: 460, height: 640 });
      const status = j.popup.getByTestId('status');
      await status.waitFor({ timeout: 15_000 });
      // The state settles once the worker has answered; `ready` is what the demo should reach.
      await j.popup.locator('[data-testid="status"][data-state="ready"]')
        .waitFor({ timeout: 15_000 })
        .catch(() => {});
      const seen = await readPopup(j.popup);
      Object.assign(j.found, seen, { message: (await status.textContent())?.trim() });
      if (seen.state !== 'ready') {
        throw new Error(`the popup says data-state="${seen.state}" (${j.found.message}), expected "ready"`);
      }
    },
  },
];

const FOUND_LABELS = [
  ['consoleUrl', '控制台页面 / console page'],
  ['state', '弹窗状态 / popup state'],
  ['prefix', '前缀 / prefix'],
  ['appTokenUrl', 'getAppToken.do'],
  ['loginUrl', 'login.do'],
  ['accountId', '数据中心 id / accountId'],
];

function printFound(found) {
  console.log('\n助手找到的 / what the helper found:');
  for (const [key, label] of FOUND_LABELS) {
    if (found[key] !== undefined) console.log(`  ${label.padEnd(28)} ${found[key] ?? '(none)'}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      origin: { type: 'string' },
      out: { type: 'string', default: 'target/demo' },
      headed: { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
      extension: { type: 'string', default: 'dist/extension-e2e' },
      lang: { type: 'string', default: 'zh-CN' },
    },
  });
  const headless = values.headless || !values.headed;
  const out = resolve(repoRoot, values.out);
  await mkdir(out, { recursive: true });

  const server = values.origin ? null : await startServer();
  const origin = values.origin ?? server.origin;
  // The extension's UI language is the browser's: Chromium on Linux takes it from LANGUAGE.
  process.env.LANGUAGE = values.lang.replace('-', '_');
  const browser = await launchBrowser({ extensionDir: values.extension, headless, args: [`--lang=${values.lang}`] });
  const journey = { origin, browser, found: {}, page: null, popup: null };
  let failed = null;
  try {
    for (const [i, step] of steps.entries()) {
      console.log(`[${i + 1}/${steps.length}] ${step.name}`);
      try {
        await step.run(journey);
      } catch (error) {
        failed = { step, error };
        const target = (step.shotOf?.(journey)) ?? journey.page;
        await target?.screenshot({ path: join(out, `failed-${String(i + 1).padStart(2, '0')}.png`) }).catch(() => {});
        break;
      }
      if (step.screenshot) {
        const target = step.shotOf?.(journey) ?? journey.page;
        await target.screenshot({ path: join(out, step.screenshot) });
        console.log(`      screenshot ${join(values.out, step.screenshot)}`);
      }
    }
    printFound(journey.found);
    if (failed) {
      const problems = browser.consoleMessages.filter((m) => m.type === 'error' || m.type === 'pageerror');
      if (problems.length) {
        console.error('\nerrors the browser reported:');
        for (const m of problems.slice(-10)) console.error(`  [${m.source}] ${m.text}`);
      }
      console.error(`\ndemo step "${failed.step.name}" failed: ${failed.error.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(`\nall ${steps.length} steps passed; screenshots in ${values.out}/`);
    if (!headless) {
      console.log('the browser stays open for you; press Ctrl-C to quit');
      await new Promise((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        browser.context.once('close', done);
      });
    }
  } finally {
    await browser.close();
    await server?.close();
  }
}

main().catch((error) => {
  console.error(`demo failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
