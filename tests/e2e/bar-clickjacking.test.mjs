// Clickjacking and focus-jacking of the bar (DESIGN.md "Assistant bar" and "Hostile pages"). A
// script of the console's own origin cannot forge a trusted click, so it borrows the person's:
// it makes the bar invisible over a decoy, covers it with a decoy the pointer passes through,
// moves it under the pointer at the last moment, or focuses a bar button and waits for an Enter
// meant for the page. Each such activation is refused, says so in the bar and does nothing else
// (no fill, no secret released, no key generated); once the page stops, the person's own click,
// or Enter on a button they reached with Tab, works again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser, TEST_BUILD } from '../../tools/driver/browser.mjs';
import { bar, fill, idleBar, outcomes } from '../../tools/driver/bar.mjs';
import {
  ACCESS_TOKEN, CALLBACK, addSecretsConsole, generateKey, openKeyDialog, secretKeys, storageDump,
} from './secrets-console.mjs';

const FILL = /填充|Fill/;
const GENERATE = /生成密钥|Generate key/;
const REFUSED = /已拒绝|Refused/;
const CALLBACK_INPUTS = ['cb-url', 'cb-account', 'cb-key', 'cb-gateway'];

/** The centre of the bar's button named `name`, in page coordinates (where a person clicks). */
async function buttonCentre(page, form, name) {
  const box = await bar(page, form).getByRole('button', { name }).boundingBox();
  assert.ok(box, 'the button is laid out');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A person's click at a point of the screen, whatever the page drew there. */
async function clickAt(page, { x, y }) {
  await page.mouse.move(x, y, { steps: 2 });
  await page.mouse.click(x, y);
}

const inputValues = (page, ids) => page.evaluate((list) => list.map((id) => document.getElementById(id).value), ids);
const barText = (page, form) => bar(page, form).evaluate((host) => host.shadowRoot.textContent);

/** Waits a little longer than the helper could take to act, then checks it did not. */
const settle = (page) => page.waitForTimeout(1200);

describe('a page that tries to borrow a person’s click or key for the bar', () => {
  let browser, server, url;
  let key = null;
  const fixtures = new Map();

  before(async () => {
    url = addSecretsConsole(fixtures, 'jack');
    ({ server, browser } = await startServerAndBrowser({ fixtures, extensionDir: TEST_BUILD }));
  });
  after(() => closeAll(browser, server));

  /** A console tab with 发票回调配置 open and its bar ready for a person (after a key is held). */
  async function callbackPage() {
    const page = await newTab(browser, server.origin + url);
    await page.click('#open-callback');
    await idleBar(page, CALLBACK);
    return page;
  }

  test('a person’s click on 生成密钥 works (the key the page will try to steal)', async () => {
    const page = await newTab(browser, server.origin + url);
    key = await generateKey(page);
    await page.click('#atk-ok');
    await page.close();
  });

  test('a bar made transparent over a decoy refuses the click at that point: nothing filled, no secret released', async () => {
    assert.ok(key, 'needs the key generated above');
    const page = await callbackPage();
    const at = await buttonCentre(page, CALLBACK, FILL);
    await page.evaluate(({ x, y }) => {
      const host = document.querySelector('[data-fapiao-helper="bar"]');
      // The shadow root is open: the page's own rule there outranks the bar's.
      const style = document.createElement('style');
      style.id = 'jack-style';
      style.textContent = ':host { opacity: 0 !important; } .panel { opacity: 0 !important; }';
      const keep = () => { if (!style.isConnected) host.shadowRoot.append(style); };
      keep();
      window.__keep = setInterval(keep, 20);
      const decoy = document.createElement('button');
      decoy.id = 'decoy';
      decoy.textContent = '领取奖品';
      decoy.style.cssText = `position:fixed;left:${x - 40}px;top:${y - 12}px;width:80px;height:24px;z-index:1`;
      document.body.append(decoy);
    }, at);
    await settle(page);
    await clickAt(page, at);
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.notEqual(await bar(page, CALLBACK).getAttribute('data-phase'), 'filled');
    assert.match(await barText(page, CALLBACK), REFUSED, 'the bar says it refused');

    // The page stops: the bar shows again, and a person's click there fills.
    await page.evaluate(() => {
      clearInterval(window.__keep);
      document.querySelector('[data-fapiao-helper="bar"]').shadowRoot.getElementById('jack-style').remove();
      document.getElementById('decoy').remove();
    });
    await fill(page, CALLBACK);
    assert.equal(await page.inputValue('#cb-key'), key);
    await page.close();
  });

  test('a bar covered by a decoy the pointer passes through refuses the click: nothing filled', async () => {
    const page = await callbackPage();
    const at = await buttonCentre(page, CALLBACK, FILL);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      cover.textContent = '点击此处继续';
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:#fff;font-size:40px';
      document.documentElement.append(cover);
    });
    await settle(page);
    await clickAt(page, at);
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);

    await page.evaluate(() => document.getElementById('cover').remove());
    await fill(page, CALLBACK);
    assert.equal(await page.inputValue('#cb-url'), `${server.origin}/sx/jack/`);
    await page.close();
  });

  test('a bar the page moves into a transparent wrapper refuses the click: nothing filled', async () => {
    const page = await callbackPage();
    const at = await buttonCentre(page, CALLBACK, FILL);
    await page.evaluate(() => {
      const host = document.querySelector('[data-fapiao-helper="bar"]');
      const wrapper = document.createElement('div');
      wrapper.id = 'wrapper';
      wrapper.style.opacity = '0.01';
      document.body.append(wrapper);
      wrapper.append(host);
    });
    await settle(page);
    await clickAt(page, at);
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);

    await page.evaluate(() => { const w = document.getElementById('wrapper'); document.body.append(...w.childNodes); w.remove(); });
    await fill(page, CALLBACK);
    assert.equal(await page.inputValue('#cb-url'), `${server.origin}/sx/jack/`);
    await page.close();
  });

  test('a covered 生成密钥 generates no key and remembers nothing new', async () => {
    const page = await newTab(browser, server.origin + url);
    await openKeyDialog(page);
    await idleBar(page, ACCESS_TOKEN);
    const before = (await storageDump(browser.worker)).session;
    const at = await buttonCentre(page, ACCESS_TOKEN, GENERATE);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgba(255,255,255,.96)';
      document.documentElement.append(cover);
    });
    await settle(page);
    await clickAt(page, at);
    await settle(page);
    assert.equal(await page.inputValue('#atk-key'), '', 'no key was generated into the dialog');
    const after = (await storageDump(browser.worker)).session;
    assert.deepEqual(secretKeys(after), secretKeys(before));
    for (const k of secretKeys(after)) assert.deepEqual(after[k], before[k], `${k} unchanged`);
    assert.match(await barText(page, ACCESS_TOKEN), REFUSED);
    await page.close();
  });

  test('a click within moments of the bar appearing is refused; a later one works', async () => {
    const page = await newTab(browser, server.origin + url);
    await page.click('#open-callback');
    const host = bar(page, CALLBACK);
    await host.waitFor({ state: 'attached' });
    await host.getByRole('button', { name: FILL }).waitFor();
    await clickAt(page, await buttonCentre(page, CALLBACK, FILL)); // as soon as it shows
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);
    await fill(page, CALLBACK);
    assert.equal(await page.inputValue('#cb-url'), `${server.origin}/sx/jack/`);
    await page.close();
  });

  test('a bar the page moves under the pointer refuses the click that follows at once', async () => {
    const page = await callbackPage();
    // The person's pointer rests somewhere; the page moves the bar so 填充 lies under it.
    const rest = { x: 300, y: 300 };
    await page.mouse.move(rest.x, rest.y);
    const at = await buttonCentre(page, CALLBACK, FILL);
    await page.evaluate(({ dx, dy }) => {
      const host = document.querySelector('[data-fapiao-helper="bar"]');
      const r = host.getBoundingClientRect();
      const move = () => {
        host.style.setProperty('left', `${r.left + dx}px`, 'important');
        host.style.setProperty('top', `${r.top + dy}px`, 'important');
      };
      move();
      // The helper puts its bar back; the page keeps moving it where it wants it.
      new MutationObserver(() => { if (host.getBoundingClientRect().left !== r.left + dx) move(); })
        .observe(host, { attributes: true, attributeFilter: ['style'] });
    }, { dx: rest.x - at.x, dy: rest.y - at.y });
    await page.waitForTimeout(50);
    await page.mouse.click(rest.x, rest.y);
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);
    await page.close();
  });

  test('a page that answers the person’s Tab by focusing 填充 itself gets no fill from the Enter that follows', async () => {
    const page = await callbackPage();
    await page.evaluate(() => {
      const host = document.querySelector('[data-fapiao-helper="bar"]');
      document.addEventListener('keydown', (e) => {
        if (e.key !== 'Tab') return;
        host.shadowRoot.querySelector('button[data-action="fill"]').focus();
        e.preventDefault();
      });
    });
    await page.click('#cb-url');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() =>
      document.querySelector('[data-fapiao-helper="bar"]').shadowRoot.activeElement?.getAttribute('data-action'));
    assert.equal(focused, 'fill', 'the page did move the focus onto 填充');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);
    await page.close();
  });

  test('Enter on a bar button the page focused is refused; on one the person reached with Tab it fills', async () => {
    const page = await callbackPage();
    await page.click('#cb-gateway'); // the person is typing in the page's own form
    await page.evaluate(() => {
      const host = document.querySelector('[data-fapiao-helper="bar"]');
      host.shadowRoot.querySelector('button[data-action="fill"]').focus();
    });
    await page.keyboard.press('Enter');
    await settle(page);
    assert.deepEqual(await inputValues(page, CALLBACK_INPUTS), ['', '', '', '']);
    assert.match(await barText(page, CALLBACK), REFUSED);

    // The person Tabs from the page's last control into the bar until 填充 has the focus.
    await page.click('#cb-save');
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const host = document.querySelector('[data-fapiao-helper="bar"]');
        return document.activeElement === host && host.shadowRoot.activeElement?.getAttribute('data-action') === 'fill';
      });
    }
    assert.ok(reached, 'Tab reaches 填充');
    await page.keyboard.press('Enter');
    await page.locator('[data-fapiao-helper="bar"][data-phase="filled"]:not([data-busy])').waitFor({ timeout: 10_000 });
    assert.equal((await outcomes(page, CALLBACK))['请求地址'], 'filled');
    assert.equal(await page.inputValue('#cb-key'), key);
    await page.close();
  });
});
