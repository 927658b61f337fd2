//! Tests of the demo/fixture server (www/serve.mjs): routes, the raw 19-digit accountId, the
//! strict CSP, fixtures, and that nothing outside dist/demo/ can be reached.
//! Run: node --test www/  (needs `node www/build-demo.mjs` first for the demo pages)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { COSMIC_ACCOUNT_ID, COSMIC_DATACENTERS, STRICT_CSP, startServer, userLanguageBody } from './serve.mjs';

let server;
const fixtures = new Map();
const demoBuilt = existsSync(new URL('../dist/demo/index.html', import.meta.url));

before(async () => {
  server = await startServer({ fixtures });
});
after(async () => {
  await server.close();
});

/** A request with the path sent exactly as written (fetch would normalise `..`). */
function raw(path, { method = 'GET', host = '127.0.0.1', body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: server.port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('getUserLanguage.do answers the accountId as a bare 19-digit JSON number', async () => {
  const res = await raw('/ierp/auth/getUserLanguage.do?_=1700000000000');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.match(res.text, /"accountId":1742050739649250304[,}]/);
});

test('getUserLanguage.do is found in any directory under the console prefix', async () => {
  const res = await raw('/ierp/some/deeper/getUserLanguage.do', { method: 'POST', body: 'x=1' });
  assert.match(res.text, /"accountId":1742050739649250304/);
});

test('setAccountId changes what getUserLanguage.do answers, strings stay strings', async () => {
  server.setAccountId('tenant-abc');
  try {
    const res = await raw('/ierp/auth/getUserLanguage.do');
    assert.match(res.text, /"accountId":"tenant-abc"/);
  } finally {
    server.setAccountId('1742050739649250304');
  }
});

test('userLanguageBody writes the id digit-exact', () => {
  assert.match(userLanguageBody('9007199254740993123'), /"accountId":9007199254740993123,/);
});

test('demo pages carry the strict content security policy', { skip: !demoBuilt && 'dist/demo not built' }, async () => {
  for (const path of ['/ierp/login.html', '/ierp/index.html?formId=pc_main_console', '/ierp/']) {
    const res = await raw(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-security-policy'], STRICT_CSP);
    assert.doesNotMatch(res.text, /<script>/, 'no inline script');
  }
  assert.doesNotMatch(STRICT_CSP, /unsafe-eval|wasm-unsafe-eval/);
});

test('static assets are served with their types', { skip: !demoBuilt && 'dist/demo not built' }, async () => {
  const js = await raw('/ierp/assets/index.js');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);
  const font = await raw('/ierp/assets/kdicon-0.woff');
  assert.equal(font.headers['content-type'], 'font/woff');
});

test('nothing outside the demo directory is reachable', async () => {
  const attempts = [
    '/ierp/../package.json',
    '/ierp/..%2fpackage.json',
    '/ierp/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/ierp/assets/..%5c..%5c..%5cpackage.json',
    '/ierp/%00index.html',
    '/ierp/assets',
    '/etc/passwd',
    '/ierp/../../../../etc/passwd',
    '/ierp/%E0%A4%A.html',
  ];
  for (const path of attempts) {
    const res = await raw(path);
    assert.ok([400, 404].includes(res.status), `${path} → ${res.status}`);
    assert.doesNotMatch(res.text, /fapiao-helper|root:/, path);
  }
});

test('unknown paths are 404 and the root redirects once to the login page', async () => {
  assert.equal((await raw('/nothing-here')).status, 404);
  const root = await raw('/');
  assert.equal(root.status, 302);
  assert.equal(root.headers.location, '/ierp/login.html');
});

test('a fixture wins over the demo and gets the strict CSP by default', async () => {
  fixtures.set('/ierp/login.html', { body: '<p>fixture login</p>' });
  fixtures.set('/fx/plain.html', { body: '<p>plain</p>', csp: false });
  fixtures.set('/fx/own.html', { body: '<p>own</p>', headers: { 'Content-Security-Policy': "default-src 'none'" } });
  try {
    const login = await raw('/ierp/login.html');
    assert.equal(login.text, '<p>fixture login</p>');
    assert.equal(login.headers['content-security-policy'], STRICT_CSP);
    assert.match(login.headers['content-type'], /^text\/html; charset=utf-8/);
    assert.equal((await raw('/fx/plain.html')).headers['content-security-policy'], undefined);
    assert.equal((await raw('/fx/own.html')).headers['content-security-policy'], "default-src 'none'");
  } finally {
    fixtures.delete('/ierp/login.html');
    fixtures.delete('/fx/plain.html');
    fixtures.delete('/fx/own.html');
  }
});

test('a function fixture sees the request and can answer late with any status and type', async () => {
  fixtures.set('/fx/api.do', (req, url) => ({
    body: JSON.stringify({ q: url.searchParams.get('q'), method: req.method }),
    type: 'application/json',
    status: 201,
    delayMs: 300,
  }));
  try {
    const started = Date.now();
    const res = await raw('/fx/api.do?q=7', { method: 'POST', body: 'payload' });
    assert.ok(Date.now() - started >= 280);
    assert.equal(res.status, 201);
    assert.deepEqual(JSON.parse(res.text), { q: '7', method: 'POST' });
    assert.equal(res.headers['content-security-policy'], undefined);
  } finally {
    fixtures.delete('/fx/api.do');
  }
});

test('the same server answers as localhost, another origin for the browser', async () => {
  assert.equal(server.otherOrigin, `http://localhost:${server.port}`);
  const res = await raw('/ierp/auth/getUserLanguage.do', { host: 'localhost' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['access-control-allow-origin'], '*');
});

test('an oversized request body is refused without taking the server down', async () => {
  await raw('/ierp/login.do', { method: 'POST', body: 'x'.repeat(200 * 1024) }).catch(() => undefined);
  assert.equal((await raw('/ierp/auth/getUserLanguage.do')).status, 200);
});

// --- the Cosmic runtime variant under /cosmic/ ---

test('Cosmic: getUserLanguage.do under api/login answers accountId as a string and userId <accountId>_<n>', async () => {
  const res = await raw('/cosmic/api/login/getUserLanguage.do', { method: 'POST', body: '' });
  assert.equal(res.status, 200);
  const json = JSON.parse(res.text);
  assert.equal(json.accountId, COSMIC_ACCOUNT_ID);
  assert.equal(json.userId, `${COSMIC_ACCOUNT_ID}_1`);
  assert.equal(json.language, 'zh_CN');
  assert.equal(json.defaultLang, 'zh_CN');
});

test('Cosmic: getAllDatacenters.do lists several data centres, none the user\'s; getPublicKey.do answers', async () => {
  const list = JSON.parse((await raw('/cosmic/auth/getAllDatacenters.do')).text);
  assert.deepEqual(list, COSMIC_DATACENTERS);
  assert.ok(list.length > 1 && list.every((c) => c.accountId !== COSMIC_ACCOUNT_ID));
  assert.ok(JSON.parse((await raw('/cosmic/auth/getPublicKey.do')).text).publicKey);
});

test('Cosmic: the pages are served from dist/demo/cosmic/ with the strict CSP', { skip: !demoBuilt }, async () => {
  for (const page of ['login.html', 'index.html?formId=pc_main_console', 'form.html?formId=invoice_callback']) {
    const res = await raw(`/cosmic/${page}`);
    assert.equal(res.status, 200, page);
    assert.equal(res.headers['content-security-policy'], STRICT_CSP, page);
  }
  assert.equal((await raw('/cosmic/nope.html')).status, 404);
  assert.equal((await raw('/cosmic')).headers.location, '/cosmic/login.html');
});

test('the sample 授权邮件 are served as plain text outside the console prefix', async () => {
  const { SAMPLE_MAILS } = await import('./demo/fixtures/activation-mails.mjs');
  for (const env of ['prod', 'test']) {
    const res = await raw(`/demo-mails/${env}.txt`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    assert.equal(res.text, SAMPLE_MAILS[env]);
  }
  assert.equal((await raw('/demo-mails/other.txt')).status, 404);
  assert.equal((await raw('/ierp/demo-mails/prod.txt')).status, 404);
});

const standaloneBuilt = existsSync(new URL('../dist/standalone/index.html', import.meta.url));

test('the standalone page is served under /standalone/ with its own policy, and nothing outside it', { skip: !standaloneBuilt && 'run cargo xtask build first' }, async () => {
  const redirect = await raw('/standalone');
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.location, '/standalone/');
  const page = await raw('/standalone/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-security-policy'], /script-src 'self' blob: 'wasm-unsafe-eval'/);
  assert.match(page.headers['content-security-policy'], /default-src 'none'/);
  const core = await raw('/standalone/core.js');
  assert.equal(core.status, 200);
  assert.match(core.headers['content-type'], /^text\/javascript/);
  assert.equal((await raw('/standalone/../demo/index.html')).status, 404);
  assert.equal((await raw('/standalone/%2e%2e/%2e%2e/Cargo.toml')).status, 404);
});
