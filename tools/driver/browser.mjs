// Driving the built extension in a real Chromium (playwright-core driving the system browser),
// with the demo console server: what the E2E tests, the demo walk (www/demo-journey*.mjs) and the
// bench (bench/browser.mjs) share. It lives outside tests/ so nothing but tests imports a test.
// The extension is reached only through DESIGN.md's contracts (popup page, test ids).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../www/serve.mjs';

export { startServer };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The test build the form and secret files load; FAPIAO_EXTENSION_DIR points them at another. */
export const TEST_BUILD = process.env.FAPIAO_EXTENSION_DIR || 'dist/extension-e2e';

/**
 * What a file's `before` starts: the demo server (also serving `fixtures`, when given) and then
 * a browser with the extension (`browserOptions` go to `launchBrowser`). Returns `{server,
 * browser}`; `closeAll(browser, server)` ends both. A browser that fails to start takes the
 * server down with it.
 */
export async function startServerAndBrowser({ fixtures, ...browserOptions } = {}) {
  const server = await startServer({ fixtures });
  try {
    return { server, browser: await launchBrowser(browserOptions) };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Closes each of `things` (pages, popups, a browser, a server) in order, skipping missing ones. */
export async function closeAll(...things) {
  for (const thing of things) await thing?.close();
}

/**
 * A copy of the build in `extensionDir` (relative to the repository) in a fresh temporary
 * directory, its manifest changed by `changeManifest(manifest)`; returns the copy's path (the
 * caller removes it).
 */
export async function copyBuild(extensionDir, changeManifest) {
  const copy = await mkdtemp(join(tmpdir(), 'fapiao-helper-build-'));
  await cp(join(repoRoot, extensionDir), copy, { recursive: true });
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
  changeManifest(manifest);
  await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}

/** A new tab of the test browser, at `url`. */
export async function newTab(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Launches Chromium with the extension loaded into a fresh profile. `uiLanguage` (e.g.
 * 'zh_CN') sets the browser's UI language, which chrome.i18n follows (on Linux through the
 * LANGUAGE environment variable; the flag alone is ignored there). Returns `{context, extensionId, worker, consoleMessages, close}`; `close` also deletes the
 * profile. `consoleMessages` collects every console message of pages and workers.
 */
export async function launchBrowser({
  extensionDir = 'dist/extension-e2e',
  headless = true,
  args = [],
  uiLanguage,
} = {}) {
  const dir = resolve(repoRoot, extensionDir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'fapiao-helper-e2e-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROME || '/usr/bin/chromium',
      headless,
      ...(uiLanguage ? { env: { ...process.env, LANGUAGE: uiLanguage } } : {}),
      args: [
        ...(uiLanguage ? [`--lang=${uiLanguage.replace('_', '-')}`] : []),
        '--no-sandbox',
        `--disable-extensions-except=${dir}`,
        `--load-extension=${dir}`,
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-gpu',
        ...args,
      ],
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const consoleMessages = collectConsoleMessages(context);
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    /** Stays usable when Chrome restarts the worker; after `stopWorker`, use `extensionWorker`. */
    worker,
    consoleMessages,
    /** Stops the extension's service worker, as Chrome does when it is idle. */
    stopWorker: () => stopWorker(context, extensionId),
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

const isExtensionWorker = (worker) => worker.url().startsWith('chrome-extension://');

/**
 * Every console message of every page, frame and worker of `context`, as
 * `{source, type, text}`, in arrival order (the secret tests scan them for secrets).
 */
export function collectConsoleMessages(context) {
  const messages = [];
  const seen = new WeakSet();
  const record = (source) => (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    messages.push({ source, type: message.type(), text: message.text() });
  };
  context.on('console', (message) => record(message.worker()?.url() ?? message.page()?.url() ?? 'context')(message));
  const watchWorker = (worker) => worker.on('console', record(worker.url()));
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);
  const watchPage = (page) => page.on('pageerror', (error) => messages.push({ source: page.url(), type: 'pageerror', text: String(error) }));
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return messages;
}

/** Contexts whose worker a test stopped: the next use wakes it first. */
const stoppedWorkers = new WeakSet();

async function stopWorker(context, extensionId) {
  // Through the ServiceWorker domain of one of the extension's own pages: Playwright keeps its
  // handle on the worker, which works again once Chrome restarts it.
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    const cdp = await context.newCDPSession(page);
    // A version counts as stopped once Chrome has reported it stopped after the command: a page
    // of the test may message the worker and wake it straight away, which is the restart the
    // tests are about, not a failure to stop.
    const versions = new Set();
    const stopped = new Set();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updates }) => {
      for (const v of updates) {
        versions.add(v.versionId);
        if (v.runningStatus === 'stopped') stopped.add(v.versionId);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const allStopped = () => [...versions].every((id) => stopped.has(id));
    let retried = false;
    const start = Date.now();
    while (!allStopped()) {
      const waited = Date.now() - start;
      if (waited > 10_000) throw new Error('the service worker did not stop');
      if (waited > 3_000 && !retried) {
        retried = true;
        await cdp.send('ServiceWorker.stopAllWorkers');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stoppedWorkers.add(context);
  } finally {
    await page.close();
  }
}

/**
 * The extension's service worker. After `stopWorker` it is woken first by one of its pages
 * messaging it (as a popup would), before anything in the test moves tabs.
 */
export async function extensionWorker(context) {
  const worker = context.serviceWorkers().find(isExtensionWorker)
    ?? await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 });
  if (stoppedWorkers.has(context)) {
    const waker = await context.newPage();
    try {
      await waker.goto(`chrome-extension://${new URL(worker.url()).host}/popup/popup.html?tab=0`);
      await worker.evaluate(() => true);
      stoppedWorkers.delete(context);
    } finally {
      await waker.close();
    }
  }
  return worker;
}

/**
 * The Chrome tab id of a Playwright page. Found by URL where the extension may read it; a tab
 * on a site it has no access to hides its URL, so then by being the active tab.
 */
export async function tabIdFor(worker, page) {
  const url = page.url();
  if (stoppedWorkers.has(page.context())) worker = await extensionWorker(page.context());
  const byUrl = await worker.evaluate(async (wanted) => {
    const tabs = await chrome.tabs.query({});
    const matching = tabs.filter((tab) => tab.url === wanted || tab.pendingUrl === wanted);
    return matching.length === 1 ? matching[0].id : null;
  }, url);
  if (byUrl !== null) return byUrl;
  await page.bringToFront();
  const active = await worker.evaluate(async () => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tabs.length === 1 ? tabs[0].id : null;
  });
  if (active === null) throw new Error(`no tab found for ${url}`);
  return active;
}

/** Opens the popup for `page`'s tab as a page of its own (`popup.html?tab=<id>`). */
export async function openPopup(context, extensionId, page) {
  const tabId = await tabIdFor(await extensionWorker(context), page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?tab=${tabId}`);
  return popup;
}

/** The popup's state and the four values, read through the contract's test ids only. */
export async function readPopup(popup) {
  const text = async (id) => (await popup.getByTestId(id).textContent())?.trim() ?? null;
  return {
    state: await popup.getByTestId('status').getAttribute('data-state'),
    prefix: await text('prefix'),
    appTokenUrl: await text('app-token-url'),
    loginUrl: await text('login-url'),
    accountId: await text('account-id'),
  };
}

/** Waits until the popup's status element carries `state` (default timeout 10 s). */
export async function waitForState(popup, state, timeout = 10_000) {
  await popup.locator(`[data-testid="status"][data-state="${state}"]`).waitFor({ timeout });
}

/** Opens the popup for `page`'s tab and waits until its status shows `state`. */
export async function popupShowing(browser, page, state) {
  const popup = await openPopup(browser.context, browser.extensionId, page);
  await waitForState(popup, state);
  return popup;
}

/** Opens `url` in a new tab, then its popup once that shows `state`: `{page, popup, values}`. */
export async function popupFor(browser, url, state = 'ready') {
  const page = await newTab(browser, url);
  const popup = await popupShowing(browser, page, state);
  return { page, popup, values: await readPopup(popup) };
}
