// Fixture consoles for the context tests: the smallest pages that show each case. Each test
// gets its own console prefix (`/<name>/`) and 数据中心 id, so no test can pass on another's
// observation. Pages are plain HTML with external scripts, because the server sends the strict
// CSP of hardened deployments (no inline script).

export const DEMO_ACCOUNT_ID = '1742050739649250304';

/** A host name no build grants, resolved to the loopback server by this browser flag. */
export const UNGRANTED_HOST = 'console.test';
export const resolveUngranted = `--host-resolver-rules=MAP ${UNGRANTED_HOST} 127.0.0.1`;

/** A getUserLanguage.do body the way Cosmic writes it; `idJson` is the raw JSON of the id. */
export function userLanguageBody(idJson) {
  return `{"status":"success","errorCode":null,"message":null,"data":{"accountId":${idJson},`
    + '"language":"zh_CN","userName":"演示管理员","userId":1742050739649250305,"tenantId":"ierp"}}';
}

const html = (title, scripts, extra = '') =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>`
  + scripts.map((src) => `<script src="${src}"></script>`).join('')
  + `</head><body><h1>${title}</h1>${extra}</body></html>`;

/**
 * Registers a console under `/<name>/`: `index.html` running `script` (page JS, main world),
 * and `auth/getUserLanguage.do` answering `body` (after `delayMs`). `pages` adds more files
 * (path relative to the prefix → fixture); `csp` replaces the server's strict policy. Returns `{prefix, consoleUrl, userLanguageUrl}`.
 */
export function addConsole(server, name, { script = '', body, delayMs = 0, pages = {}, headers = {}, csp = true }) {
  const prefix = `/${name}/`;
  const add = (path, fixture) => server.fixtures.set(`${prefix}${path}`, fixture);
  add('index.html', { body: html(`控制台 ${name}`, ['page.js']), csp });
  add('page.js', { type: 'text/javascript', body: script });
  if (body !== undefined) {
    add('auth/getUserLanguage.do', { type: 'application/json;charset=UTF-8', body, delayMs, headers });
  }
  for (const [path, fixture] of Object.entries(pages)) add(path, fixture);
  return {
    prefix: `${server.origin}${prefix}`,
    consoleUrl: `${server.origin}${prefix}index.html?formId=pc_main_console`,
    userLanguageUrl: `${server.origin}${prefix}auth/getUserLanguage.do`,
  };
}

/** Page JS that adds a frame showing `src` once the document has loaded. */
export const frameOnLoad = (src) => `document.addEventListener('DOMContentLoaded', () => {
  const frame = document.createElement('iframe');
  frame.src = ${JSON.stringify(src)};
  document.body.append(frame);
});`;

/** A bare page (for a frame) that runs the script at `src`. */
export const scriptPage = (src) => ({ body: `<!doctype html><title>inner</title><script src="${src}"></script>` });

/** A page of its own at `/<name>/<file>` running `script`. */
export function addPage(server, name, file, script) {
  server.fixtures.set(`/${name}/${file}`, { body: html(file, [`${file}.js`]) });
  server.fixtures.set(`/${name}/${file}.js`, { type: 'text/javascript', body: script });
  return `${server.origin}/${name}/${file}`;
}

/** What the four popup values must be for a console under `prefix`. */
export function expectedValues(prefix, accountId) {
  return {
    prefix,
    appTokenUrl: `${prefix}api/getAppToken.do`,
    loginUrl: `${prefix}api/login.do`,
    accountId,
  };
}

/** What the four popup values must be on the demo console of `server` (under /ierp/). */
export const expectedDemoValues = (server) => expectedValues(`${server.origin}/ierp/`, DEMO_ACCOUNT_ID);
