//! HTTP server for the demo console and for test fixtures, dependency-free.
//!
//! Serves the bundled mock of Kingdee's Cosmic console (`dist/demo/`, built by
//! `www/build-demo.mjs`) under `/ierp/`, answers `getUserLanguage.do` the way the real
//! console does (the 19-digit `accountId` as a raw JSON number, written as text because a
//! JavaScript number cannot hold it), and sends the strict Content-Security-Policy of hardened
//! deployments on every HTML page. Tests register fixture pages at run time; a fixture wins
//! over the demo. The same server answers as `127.0.0.1` and as `localhost`, which browsers
//! treat as two origins: tests use that for "another origin".
//!
//! The Cosmic runtime variant (`dist/demo/cosmic/`) is served under `/cosmic/`, with the
//! requests the real web client makes: `auth/getAllDatacenters.do` (every data centre, each with
//! its own accountId, none of them the user's), `auth/getPublicKey.do`, and the console's
//! `api/login/getUserLanguage.do` answering accountId as a string and `userId` as
//! `<accountId>_<n>`.
//!
//! Used by `cargo xtask demo` (run directly) and by the end-to-end tests (imported).

import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { SAMPLE_MAILS } from './demo/fixtures/activation-mails.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The policy hardened Cosmic deployments send: no inline script, no eval, no WASM eval. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** The standalone page (`dist/standalone/`), served as any web server would serve it. */
export const STANDALONE_PREFIX = '/standalone/';
const STANDALONE_ROOT = path.resolve(REPO_ROOT, 'dist/standalone');
/**
 * What the standalone page needs and nothing more: its own scripts, its blob: worker and its
 * WASM, no request anywhere (connect-src falls back to 'none').
 */
export const STANDALONE_CSP = [
  "default-src 'none'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src blob:",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export const DEFAULT_ACCOUNT_ID = '1742050739649250304';
export const CONSOLE_PREFIX = '/ierp/';
export const COSMIC_PREFIX = '/cosmic/';
/** The Cosmic variant's user's 数据中心 id (another than the KDesign demo's, so mix-ups show). */
export const COSMIC_ACCOUNT_ID = '1899704355817275392';
/** What the Cosmic login page lists: every data centre of the server, none the user's. */
export const COSMIC_DATACENTERS = [
  { accountId: '1899704355817275393', accountName: '星瀚开发环境', tenantId: 'cosmic', isDefault: true },
  { accountId: '2041156722106613760', accountName: '星瀚测试环境', tenantId: 'cosmic', isDefault: false },
  { accountId: '1654321987650123776', accountName: '星瀚生产环境（旧）', tenantId: 'cosmic', isDefault: false },
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Bodies larger than this are refused: the demo's POSTs are tiny. */
const MAX_REQUEST_BODY = 64 * 1024;
/** A fixture cannot hold a connection open longer than this. */
const MAX_DELAY_MS = 60_000;

/**
 * The body of `getUserLanguage.do`. Built as text on purpose: `JSON.stringify` of a number
 * would round a 19-digit id; the real console sends it as a bare number.
 */
export function userLanguageBody(accountId, userName = '演示管理员') {
  const id = String(accountId);
  const idJson = /^[0-9]{1,30}$/.test(id) ? id : JSON.stringify(id);
  return (
    '{"status":"success","errorCode":null,"message":null,"data":{' +
    `"accountId":${idJson},` +
    `"language":"zh_CN","userName":${JSON.stringify(userName)},` +
    '"userId":1742050739649250305,"tenantId":"ierp","timeZone":"Asia/Shanghai"}}'
  );
}

/**
 * The body of the Cosmic web client's `getUserLanguage.do`: accountId as a string and a
 * userId that begins with it (`<accountId>_<n>`).
 */
export function cosmicUserLanguageBody(accountId, n = 1) {
  const id = String(accountId);
  return JSON.stringify({
    language: 'zh_CN',
    defaultLang: 'zh_CN',
    accountId: id,
    direction: { zh_CN: 'ltr', en_US: 'ltr' },
    userId: `${id}_${n}`,
  });
}

/**
 * Starts the server. Resolves once it listens.
 * @param {object} options
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host] interface to bind (also binds ::1 on the same port when
 *   this is 127.0.0.1, so that `localhost` reaches it whichever address the browser tries)
 * @param {string} [options.demoDir] built demo, relative paths resolve against the repo root
 * @param {Map<string, object|function>} [options.fixtures] path → fixture (see README in www/)
 * @param {string} [options.accountId] 数据中心 id that getUserLanguage.do answers with
 * @param {string} [options.cosmicAccountId] the same for the Cosmic variant under /cosmic/
 * @param {(line: string) => void} [options.log] one line per request
 */
export async function startServer({
  port = 0,
  host = '127.0.0.1',
  demoDir = 'dist/demo',
  fixtures = new Map(),
  accountId = DEFAULT_ACCOUNT_ID,
  cosmicAccountId = COSMIC_ACCOUNT_ID,
  log,
} = {}) {
  const root = path.resolve(REPO_ROOT, demoDir);
  const state = { accountId: String(accountId), cosmicAccountId: String(cosmicAccountId) };
  const handler = (req, res) => {
    handle(req, res, { root, fixtures, state }).catch((error) => {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
      log?.(`error ${req.method} ${req.url}: ${error && error.message}`);
    });
    if (log) res.on('finish', () => log(`${req.method} ${req.headers.host}${req.url} ${res.statusCode}`));
  };

  const servers = [createServer(handler)];
  const boundPort = await listen(servers[0], port, host);
  if (host === '127.0.0.1') {
    // Browsers may resolve `localhost` to ::1 first; answer there too when we can.
    const v6 = createServer(handler);
    try {
      await listen(v6, boundPort, '::1');
      servers.push(v6);
    } catch {
      v6.close();
    }
  }
  for (const server of servers) {
    server.keepAliveTimeout = 1000;
    server.requestTimeout = 30_000;
  }
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  return {
    origin,
    /** The same server seen from another origin (browsers treat localhost as distinct). */
    otherOrigin: `http://localhost:${boundPort}`,
    port: boundPort,
    fixtures,
    consoleUrl: `${origin}${CONSOLE_PREFIX}index.html?formId=pc_main_console`,
    loginUrl: `${origin}${CONSOLE_PREFIX}login.html`,
    cosmicConsoleUrl: `${origin}${COSMIC_PREFIX}index.html?formId=pc_main_console`,
    cosmicLoginUrl: `${origin}${COSMIC_PREFIX}login.html`,
    /** Changes what getUserLanguage.do answers from now on. */
    setAccountId(id) {
      state.accountId = String(id);
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections?.();
            }),
        ),
      ).then(() => undefined),
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

async function handle(req, res, { root: demoRoot, fixtures, state }) {
  let root = demoRoot;
  let url;
  try {
    url = new URL(req.url, 'http://server.invalid');
  } catch {
    return sendText(res, 400, 'bad request');
  }
  const pathname = url.pathname;

  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': req.headers.origin || '*',
      'Access-Control-Allow-Methods': 'GET, POST, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*',
      'Access-Control-Max-Age': '60',
    });
    return res.end();
  }

  const fixture = fixtures.get(pathname);
  if (fixture !== undefined) return sendFixture(req, res, url, fixture);

  if (pathname === '/' || pathname === '/ierp') {
    res.writeHead(302, { Location: `${CONSOLE_PREFIX}login.html`, 'Cache-Control': 'no-store' });
    return res.end();
  }
  if (pathname === '/favicon.ico') {
    res.writeHead(204, { 'Cache-Control': 'max-age=3600' });
    return res.end();
  }
  if (pathname === '/standalone') {
    res.writeHead(302, { Location: STANDALONE_PREFIX, 'Cache-Control': 'no-store' });
    return res.end();
  }
  if (pathname.startsWith(STANDALONE_PREFIX)) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    const page = pathname.slice(STANDALONE_PREFIX.length) || 'index.html';
    return sendFile(req, res, STANDALONE_ROOT, page, STANDALONE_CSP);
  }
  if (pathname === '/cosmic') {
    res.writeHead(302, { Location: `${COSMIC_PREFIX}login.html`, 'Cache-Control': 'no-store' });
    return res.end();
  }
  // The demo's sample 授权邮件 as plain text, for a person pasting by hand (`--headed`); outside
  // the console's prefix, so no console page ever shows it.
  const mail = /^\/demo-mails\/(prod|test)\.txt$/.exec(pathname);
  if (mail) return sendText(res, 200, SAMPLE_MAILS[mail[1]]);
  const cosmic = pathname.startsWith(COSMIC_PREFIX);
  if (!cosmic && !pathname.startsWith(CONSOLE_PREFIX)) return sendText(res, 404, 'not found');

  const rest = pathname.slice((cosmic ? COSMIC_PREFIX : CONSOLE_PREFIX).length);
  if (cosmic) root = path.join(root, 'cosmic');
  const api = (cosmic ? COSMIC_API_ROUTES : API_ROUTES)[lastSegment(rest)];
  if (api && rest.endsWith('.do')) {
    await drainBody(req);
    return api(req, res, state);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
  if (rest === '') return sendFile(req, res, root, 'index.html');
  return sendFile(req, res, root, rest);
}

/** The console's JSON endpoints the demo uses; any directory under /ierp/ works. */
const API_ROUTES = {
  'getUserLanguage.do': (req, res, state) =>
    sendJson(res, userLanguageBody(state.accountId), { 'Access-Control-Allow-Origin': '*' }),
  'login.do': (req, res) => sendJson(res, '{"status":"success","data":{"redirect":"index.html?formId=pc_main_console"}}'),
  'logout.do': (req, res) => sendJson(res, '{"status":"success"}'),
};

/** The Cosmic web client's endpoints, any directory under /cosmic/. */
const COSMIC_API_ROUTES = {
  'getUserLanguage.do': (req, res, state) => sendJson(res, cosmicUserLanguageBody(state.cosmicAccountId)),
  'getAllDatacenters.do': (req, res) => sendJson(res, JSON.stringify(COSMIC_DATACENTERS)),
  'getPublicKey.do': (req, res) =>
    sendJson(res, JSON.stringify({ keyId: 'demo-key-1', publicKey: 'MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKdemoPublicKeyOnlyForShow0123456789AB' })),
  'login.do': (req, res) => sendJson(res, JSON.stringify({ status: 'success', csrfToken: 'demo-csrf-token' })),
  'logout.do': (req, res) => sendJson(res, '{"status":"success"}'),
};

function lastSegment(p) {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

async function sendFixture(req, res, url, entry) {
  const fixture = typeof entry === 'function' ? await entry(req, url) : entry;
  if (!fixture || typeof fixture !== 'object') return sendText(res, 404, 'not found');
  await drainBody(req);
  const {
    body = '',
    type = 'text/html',
    status = 200,
    delayMs = 0,
    headers = {},
    csp = true,
  } = fixture;
  const delay = Math.min(Math.max(Number(delayMs) || 0, 0), MAX_DELAY_MS);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (res.destroyed) return undefined;
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
  const contentType = type.includes('charset') || !/^(text\/|application\/(json|javascript))/.test(type)
    ? type
    : `${type}; charset=utf-8`;
  const out = {
    'Content-Type': contentType,
    'Content-Length': String(buffer.length),
    'Cache-Control': 'no-store',
  };
  const hasOwnCsp = Object.keys(headers).some((k) => k.toLowerCase() === 'content-security-policy');
  if (type.startsWith('text/html') && !hasOwnCsp && csp !== false) {
    out['Content-Security-Policy'] = typeof csp === 'string' ? csp : STRICT_CSP;
  }
  res.writeHead(status, { ...out, ...headers });
  return res.end(req.method === 'HEAD' ? undefined : buffer);
}

async function sendFile(req, res, root, relative, csp = STRICT_CSP) {
  let decoded;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return sendText(res, 400, 'bad request');
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s === '..')) {
    return sendText(res, 404, 'not found');
  }
  const file = path.resolve(root, decoded);
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(res, 404, 'not found');
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!type) return sendText(res, 404, 'not found');
  let info;
  try {
    info = await stat(file);
  } catch {
    return sendText(res, 404, 'not found');
  }
  if (!info.isFile()) return sendText(res, 404, 'not found');
  const body = await readFile(file);
  const headers = {
    'Content-Type': type,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = csp;
    headers['X-Frame-Options'] = 'SAMEORIGIN';
  }
  res.writeHead(200, headers);
  return res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(res, text, extra = {}) {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(200, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendText(res, status, text) {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** Reads and discards a request body, refusing oversized ones. */
function drainBody(req) {
  return new Promise((resolve) => {
    if (req.readableEnded || req.complete) return resolve();
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', resolve);
  });
}

function parsePort(argv) {
  const i = argv.indexOf('--port');
  if (i >= 0 && argv[i + 1]) {
    const n = Number(argv[i + 1]);
    if (Number.isInteger(n) && n >= 0 && n < 65536) return n;
    throw new Error(`invalid --port ${argv[i + 1]}`);
  }
  return 0;
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  const server = await startServer({ port: parsePort(process.argv.slice(2)) });
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'demo', 'index.html'))) {
    process.stderr.write('dist/demo/ is not built yet: run `node www/build-demo.mjs` first\n');
  }
  process.stdout.write(`serving demo console at ${server.origin}${CONSOLE_PREFIX}login.html\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
