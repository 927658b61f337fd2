// The standalone page: the paste box, what the paste holds and the checklist, with no extension.
// Every decision is the Rust core's (the same WASM the extension ships, from core.js): reading
// the paste, which enterprise counts, what is masked, what a 复制 copies, the checklist. This
// file only moves text between the page and the core, and draws the answers.
//
// The core runs in a Web Worker, so that reading a large paste never freezes the page; the
// worker is built from a blob: URL because a page opened from file:// may start no other
// (where a server's policy forbids blob: workers, it runs here after yielding instead).
'use strict';

(() => {
  const STRINGS = self.FAPIAO_STRINGS ?? {};
  const CORE = self.FAPIAO_CORE;
  const LOCALES = ['zh_CN', 'en'];
  /** The credential rows: element test id, the core's value id, the label's key. */
  const CREDENTIALS = [
    { id: 'clientId', testid: 'credential-client-id', label: 'standalone_label_client_id' },
    { id: 'clientSecret', testid: 'credential-client-secret', label: 'standalone_label_client_secret' },
    { id: 'encryptKey', testid: 'credential-encrypt-key', label: 'standalone_label_encrypt_key' },
    { id: 'tenantClientId', testid: 'credential-tenant-client-id', label: 'standalone_label_tenant_client_id' },
    { id: 'tenantSecret', testid: 'credential-tenant-secret', label: 'standalone_label_tenant_secret' },
    { id: 'tenantEncryptKey', testid: 'credential-tenant-encrypt-key', label: 'standalone_label_tenant_encrypt_key' },
  ];
  /** A 获取token示例's app values: element test id, the view's key, the label's key. */
  const TOKEN = [
    { key: 'appId', testid: 'token-app-id', label: 'standalone_label_app_id' },
    { key: 'tenantId', testid: 'token-tenant-id', label: 'standalone_label_tenant_id' },
    { key: 'user', testid: 'token-user', label: 'standalone_label_user' },
    { key: 'appSecret', testid: 'token-app-secret', label: 'standalone_label_app_secret', secret: true },
  ];
  const CONTEXT = [
    { key: 'prefix', testid: 'prefix', label: 'standalone_label_prefix' },
    { key: 'appTokenUrl', testid: 'app-token-url', label: 'standalone_label_app_token_url' },
    { key: 'loginUrl', testid: 'login-url', label: 'standalone_label_login_url' },
    { key: 'accountId', testid: 'account-id', label: 'standalone_label_account_id' },
  ];
  const KINDS = {
    mail: 'standalone_kind_mail',
    'token-sample': 'standalone_kind_token_sample',
    'console-url': 'standalone_kind_console_url',
    'user-language': 'standalone_kind_user_language',
  };

  // ---- language: the switch, else ?lang=, else the browser's first of ours (Chinese first) ----
  const select = (sel) => document.querySelector(sel);
  const languageSwitch = select('[data-testid="language"]');
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery && LOCALES.includes(fromQuery)) languageSwitch.value = fromQuery;

  function browserLocale() {
    for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language]) {
      const primary = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
      if (primary === 'zh') return 'zh_CN';
      if (primary === 'en') return 'en';
    }
    return 'zh_CN';
  }
  let locale = languageSwitch.value || browserLocale();

  /** The message `key` in the page's language, `$1`… replaced by `subs`; the key itself if missing. */
  function t(key, ...subs) {
    const text = STRINGS[locale]?.[key] ?? STRINGS.zh_CN?.[key];
    if (typeof text !== 'string') return key;
    return text.replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ''));
  }

  function el(tag, attributes = {}, text = '') {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (text) element.textContent = text;
    return element;
  }

  function translateStatic() {
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
    }
    languageSwitch.setAttribute('aria-label', t('standalone_language'));
    select('[data-testid="product"]').setAttribute('aria-label', t('standalone_product_label'));
    select('[data-role="enterprises"]').setAttribute('aria-label', t('standalone_enterprises_heading'));
    for (const button of document.querySelectorAll('[data-copy-text]')) {
      const row = CONTEXT.find((c) => c.testid === button.dataset.copyText);
      button.textContent = t('standalone_copy');
      button.setAttribute('aria-label', t('standalone_copy_named', t(row.label)));
    }
  }

  // ---- the core: one instance, in a worker when the page may start one ----
  /**
   * Runs where the core runs (the worker, or this page as a fallback), after the glue has
   * declared `fapiaoCore`. Holds the last paste read (its secrets never leave the core's realm
   * except the one value a 复制 asks for) and the enterprise chosen.
   */
  function coreHost(scope) {
    /* global fapiaoCore */
    let parsed = null;
    let selected = null;
    const view = () => (parsed === null ? null : fapiaoCore.standaloneView(parsed, selected ?? undefined));
    const api = {
      init({ wasm, locale: tag }) {
        fapiaoCore.initSync({ module: wasm });
        fapiaoCore.setLocale(tag);
        return true;
      },
      locale({ locale: tag }) {
        fapiaoCore.setLocale(tag);
        return view();
      },
      // A paste the core cannot read throws: the earlier one stays, as it was.
      read({ text }) {
        const next = fapiaoCore.readPaste(text);
        parsed = next;
        selected = null;
        return view();
      },
      select({ taxId }) {
        selected = String(taxId);
        return view();
      },
      value({ id }) {
        return fapiaoCore.standaloneValue(parsed, selected ?? undefined, String(id));
      },
      checklist({ product, locale: tag }) {
        if (typeof fapiaoCore.checklist !== 'function') throw Object.assign(new Error('no checklist'), { code: 'no-checklist' });
        return fapiaoCore.checklist(product, tag);
      },
    };
    const answer = (method, args) => {
      try {
        if (!Object.hasOwn(api, method)) throw new Error(`unknown call ${method}`);
        return { ok: true, result: api[method](args ?? {}) };
      } catch (error) {
        return { ok: false, error: { message: String(error?.message ?? error), code: error?.code ?? null } };
      }
    };
    if (typeof WorkerGlobalScope !== 'undefined' && scope instanceof WorkerGlobalScope) {
      scope.onmessage = (event) => scope.postMessage({ id: event.data.id, ...answer(event.data.method, event.data.args) });
    } else {
      scope.fapiaoStandaloneHost = answer;
    }
  }

  function wasmBytes() {
    const binary = atob(CORE.wasm);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  class CoreError extends Error {
    constructor({ message, code }) {
      super(message);
      this.code = code;
    }
  }

  const hostSource = () => `${CORE.glue}\n(${coreHost.toString()})(self);\n`;

  function startWorker(source, bytes) {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    const pending = new Map();
    let next = 0;
    let broken = null;
    worker.onmessage = ({ data }) => {
      const entry = pending.get(data.id);
      pending.delete(data.id);
      if (entry) (data.ok ? entry.resolve(data.result) : entry.reject(new CoreError(data.error)));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      broken = new Error(event.message || 'worker failed');
      for (const entry of pending.values()) entry.reject(broken);
      pending.clear();
    };
    const call = (method, args) => new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      const id = (next += 1);
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
    return call('init', { wasm: bytes, locale }).then(() => call);
  }

  function startInline(source, bytes) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const script = el('script', { src: url });
      script.onload = () => {
        URL.revokeObjectURL(url);
        const host = self.fapiaoStandaloneHost;
        if (typeof host !== 'function') return reject(new Error('the core did not load'));
        // Yield first, so the page paints what it shows before a long read.
        const call = (method, args) => new Promise((done, fail) => setTimeout(() => {
          const answer = host(method, args);
          return answer.ok ? done(answer.result) : fail(new CoreError(answer.error));
        }, 0));
        call('init', { wasm: bytes, locale }).then(() => resolve(call), reject);
      };
      script.onerror = () => reject(new Error('the core did not load'));
      document.head.append(script);
    });
  }

  let callCore = null;
  const coreReady = (async () => {
    if (!CORE?.glue || !CORE?.wasm) throw new Error('core.js');
    const source = hostSource();
    const bytes = wasmBytes();
    try {
      callCore = await startWorker(source, bytes);
    } catch {
      callCore = await startInline(source, bytes);
    }
  })();

  // ---- what the page shows ----
  const ui = {
    input: select('[data-testid="paste-input"]'),
    read: select('[data-testid="paste-read"]'),
    result: select('[data-testid="paste-result"]'),
    environment: select('[data-testid="environment"]'),
    choose: select('[data-role="choose"]'),
    enterprises: select('[data-role="enterprises"]'),
    credentialRows: select('[data-role="credential-rows"]'),
    problems: select('[data-testid="problems"]'),
    noProblems: select('[data-role="no-problems"]'),
    manual: select('[data-role="manual"]'),
    manualRows: select('[data-role="manual-rows"]'),
    noValues: select('[data-role="no-values"]'),
    token: select('[data-role="token"]'),
    tokenRows: select('[data-role="token-rows"]'),
    clipboardNote: select('[data-testid="clipboard-note"]'),
    product: select('[data-testid="product"]'),
    checklist: select('[data-testid="checklist"]'),
    checklistError: select('[data-role="checklist-error"]'),
  };
  let shown = null;
  let lastResult = null;

  function setResult(state, text) {
    ui.result.dataset.state = state;
    ui.result.textContent = text;
  }

  function renderContext(context) {
    let any = false;
    for (const { key, testid } of CONTEXT) {
      const value = context?.[key];
      const row = select(`[data-row="${testid}"]`);
      row.hidden = !value;
      row.querySelector(`[data-testid="${testid}"]`).textContent = value ?? '';
      any ||= !!value;
    }
    ui.noValues.hidden = any;
  }

  function envName(env) {
    return t(env === 'prod' ? 'standalone_env_prod' : env === 'test' ? 'standalone_env_test' : 'standalone_env_unknown');
  }

  function renderEnterprises(view) {
    const list = view?.enterprises ?? [];
    const focused = document.activeElement?.dataset?.taxId;
    ui.enterprises.replaceChildren();
    for (const enterprise of list) {
      const taxId = String(enterprise.taxId ?? '');
      const button = el('button', {
        type: 'button', 'data-testid': 'enterprise', 'data-tax-id': taxId,
        'data-selected': String(!!enterprise.selected), 'aria-pressed': String(!!enterprise.selected),
      });
      button.append(el('span', { class: 'name' }, String(enterprise.name || t('standalone_unnamed'))), el('code', {}, taxId));
      button.addEventListener('click', () => choose(taxId));
      ui.enterprises.append(button);
      if (focused !== undefined && focused === taxId) button.focus();
    }
    ui.choose.hidden = !(list.length > 1 && !view.selected);
  }

  function renderCredentials(view) {
    ui.credentialRows.replaceChildren();
    for (const row of CREDENTIALS) {
      const value = (view?.credentials ?? []).find((c) => c.id === row.id);
      const held = !!value?.held;
      const line = el('div', { class: 'row credential-row' });
      const labelId = `label-${row.testid}`;
      const box = el('div', { class: 'credential', 'data-testid': row.testid, 'data-held': String(held), 'aria-labelledby': labelId });
      box.append(el('code', { class: 'value' }, held ? String(value.text ?? '') : ''));
      if (held) {
        const copy = el('button', { type: 'button', class: 'copy', 'aria-label': t('standalone_copy_named', t(row.label)) }, t('standalone_copy'));
        copy.addEventListener('click', () => copyFromCore(row.id, copy, !!value.secret));
        box.append(copy);
      }
      line.append(el('span', { class: 'label', id: labelId }, t(row.label)), box);
      if (!held) line.append(el('span', { class: 'note' }, t('standalone_not_held')));
      ui.credentialRows.append(line);
    }
  }

  function renderToken(token) {
    ui.tokenRows.replaceChildren();
    for (const row of TOKEN) {
      const value = token?.[row.key];
      if (!value) continue;
      const line = el('div', { class: 'row credential-row' });
      const labelId = `label-${row.testid}`;
      const box = el('div', { class: 'credential', 'data-testid': row.testid, 'data-held': 'true', 'aria-labelledby': labelId });
      box.append(el('code', { class: 'value' }, String(value)));
      const copy = el('button', { type: 'button', class: 'copy', 'aria-label': t('standalone_copy_named', t(row.label)) }, t('standalone_copy'));
      // A secret is copied whole from the core; an id is the text shown.
      copy.addEventListener('click', () => (row.secret ? copyFromCore(row.key, copy, true) : confirmCopy(copy, writeClipboard(String(value)))));
      box.append(copy);
      line.append(el('span', { class: 'label', id: labelId }, t(row.label)), box);
      ui.tokenRows.append(line);
    }
    ui.token.hidden = ui.tokenRows.children.length === 0;
  }

  function renderProblems(view) {
    const problems = view?.problems ?? [];
    ui.problems.replaceChildren(...problems.map((p) => el('li', {
      'data-problem': String(p.problem ?? ''),
      ...(p.taxId ? { 'data-tax-id': String(p.taxId) } : {}),
      ...(p.field ? { 'data-field': String(p.field) } : {}),
    }, String(p.message ?? ''))));
    ui.noProblems.hidden = problems.length > 0 || view === null;
  }

  function renderManual(view) {
    const values = view?.manual ?? [];
    ui.manualRows.replaceChildren();
    for (const value of values) {
      const row = el('div', {
        class: 'row manual-row', 'data-testid': 'manual-value', 'data-value-id': String(value.id),
        'data-held': String(!!value.held), 'data-checked': String(!!value.checked),
      });
      row.append(el('span', { class: 'label' }, String(value.label ?? '')), el('code', { class: 'value' }, String(value.text ?? '')));
      if (value.held) {
        const copy = el('button', { type: 'button', class: 'copy', 'aria-label': t('standalone_copy_named', String(value.label ?? '')) }, t('standalone_copy'));
        copy.addEventListener('click', () => copyFromCore(`manual:${value.id}`, copy, !!value.secret));
        row.append(copy);
      }
      if (value.note) row.append(el('p', { class: 'note' }, String(value.note)));
      ui.manualRows.append(row);
    }
    ui.manual.hidden = values.length === 0;
  }

  function render(view) {
    shown = view;
    renderContext(view?.context);
    renderToken(view?.token);
    const env = view ? String(view.environment ?? 'unknown') : 'unknown';
    ui.environment.dataset.env = env;
    ui.environment.textContent = envName(env) + (view?.environmentUrl ? ` · ${view.environmentUrl}` : '');
    renderEnterprises(view);
    renderCredentials(view);
    renderProblems(view);
    renderManual(view);
  }

  function okMessage(view) {
    return t('standalone_read_ok', t(KINDS[view?.kind] ?? 'standalone_kind_mail'));
  }

  async function read() {
    const text = ui.input.value;
    ui.read.disabled = true;
    setResult('busy', t('standalone_reading'));
    try {
      await coreReady;
      const view = await callCore('read', { text });
      lastResult = { state: 'ok' };
      setResult('ok', okMessage(view));
      render(view);
    } catch (error) {
      lastResult = { state: 'error', message: String(error?.message ?? error) };
      if (error?.code) ui.result.dataset.code = String(error.code); else delete ui.result.dataset.code;
      setResult('error', lastResult.message);
    } finally {
      ui.read.disabled = false;
    }
  }

  async function choose(taxId) {
    render(await callCore('select', { taxId }));
  }

  // ---- 复制: the user's click writes the whole value; nothing else reaches the clipboard ----
  async function writeClipboard(text) {
    if (navigator.clipboard?.writeText) {
      try {
        await navigator.clipboard.writeText(text);
        return;
      } catch {
        // A page that is not a secure context (plain http off this machine) has no async
        // clipboard; the selection copy below still works there on the user's click.
      }
    }
    const area = el('textarea', { readonly: '', 'aria-hidden': 'true' });
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('clipboard');
  }

  const copyTimers = new WeakMap();
  async function confirmCopy(button, promise) {
    const label = button.textContent;
    try {
      await promise;
      button.textContent = t('standalone_copied');
    } catch (error) {
      button.textContent = t('standalone_copy_failed', String(error?.message ?? error));
    }
    clearTimeout(copyTimers.get(button));
    copyTimers.set(button, setTimeout(() => { button.textContent = label; }, 1500));
  }

  function copyFromCore(id, button, secret) {
    const copied = callCore('value', { id }).then(writeClipboard);
    confirmCopy(button, copied);
    if (secret) copied.then(clearClipboardLater, () => {});
  }

  // A secret copied here leaves the clipboard after 30 s, as the extension's 复制 does. The page
  // cannot read the clipboard without a permission prompt, so it empties it whatever it holds
  // then; without focus it cannot write, so it empties it when the page has focus again.
  const CLEAR_AFTER_SECONDS = 30;
  let clearTimer = 0;
  function clearClipboardLater() {
    clearTimeout(clearTimer);
    ui.clipboardNote.hidden = false;
    ui.clipboardNote.textContent = t('standalone_clipboard_clears', String(CLEAR_AFTER_SECONDS));
    const clear = () => writeClipboard('').then(
      () => { ui.clipboardNote.textContent = t('standalone_clipboard_cleared'); },
      () => window.addEventListener('focus', clear, { once: true }),
    );
    clearTimer = setTimeout(clear, CLEAR_AFTER_SECONDS * 1000);
  }

  for (const button of document.querySelectorAll('[data-copy-text]')) {
    button.addEventListener('click', () => {
      const value = select(`[data-testid="${button.dataset.copyText}"]`).textContent.trim();
      confirmCopy(button, writeClipboard(value));
    });
  }

  // ---- the checklist of the product chosen; ticks are this page's, kept while it is open ----
  const ticks = new Map();
  async function renderChecklist() {
    const product = ui.product.value;
    ui.checklist.dataset.product = product;
    ui.checklist.replaceChildren();
    ui.checklistError.hidden = true;
    if (!product) return;
    let list;
    try {
      await coreReady;
      list = await callCore('checklist', { product, locale });
    } catch (error) {
      ui.checklistError.textContent = error?.code === 'no-checklist'
        ? t('standalone_checklist_missing')
        : t('standalone_checklist_unavailable', String(error?.message ?? error));
      ui.checklistError.hidden = false;
      return;
    }
    if (ui.product.value !== product) return;
    const done = ticks.get(product) ?? new Set();
    ticks.set(product, done);
    for (const step of list?.steps ?? []) {
      const id = String(step.id);
      const item = el('li', { 'data-step': id, 'data-done': String(done.has(id)), 'data-kind': String(step.kind ?? '') });
      const box = el('input', { type: 'checkbox', 'aria-label': t('standalone_step_done', String(step.title ?? id)) });
      box.checked = done.has(id);
      box.addEventListener('change', () => {
        if (box.checked) done.add(id); else done.delete(id);
        item.dataset.done = String(box.checked);
      });
      const head = el('label', { class: 'step-head' });
      head.append(box, el('span', { class: 'title' }, String(step.title ?? id)),
        el('span', { class: step.required ? 'tag required' : 'tag' }, t(step.required ? 'standalone_step_required' : 'standalone_step_optional')));
      item.append(head);
      if (step.why) item.append(el('p', { class: 'why' }, String(step.why)));
      const menu = Array.isArray(step.menuPath) ? step.menuPath.join('→') : step.menuPath;
      if (menu) item.append(el('p', { class: 'menu' }, t('standalone_step_menu', String(menu))));
      ui.checklist.append(item);
    }
  }

  async function changeLanguage() {
    locale = languageSwitch.value || browserLocale();
    translateStatic();
    try {
      await coreReady;
      const view = await callCore('locale', { locale });
      if (view) render(view); else render(shown);
      // The last read's outcome in the new language (an error's reason is re-read by the core).
      if (lastResult?.state === 'ok' && view) setResult('ok', okMessage(view));
      else if (lastResult?.state === 'error' && ui.input.value) await read();
    } catch {
      render(shown);
    }
    await renderChecklist();
  }

  ui.read.addEventListener('click', read);
  ui.product.addEventListener('change', renderChecklist);
  languageSwitch.addEventListener('change', changeLanguage);
  translateStatic();
  render(null);
  coreReady.then(() => {
    document.documentElement.dataset.ready = 'true';
  }, (error) => setResult('error', t('standalone_core_failed', String(error?.message ?? error))));
})();
