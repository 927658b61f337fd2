// MAIN world, document_start: hands the console's own getUserLanguage.do text to
// context-agent.js over a private channel (docs/PROTOCOL.md). Runs before any page script,
// so every built-in it uses is captured here, unpatched. The page's fetch promise and XHR
// are returned untouched; only a clone is read, after the page has its response.
(() => {
  'use strict';
  const A = Reflect.apply;
  const get = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
  const E = EventTarget.prototype;
  const [dispatch, listen, unlisten] = [E.dispatchEvent, E.addEventListener, E.removeEventListener];
  const target = get(Event.prototype, 'target');
  const Evt = CustomEvent;
  const bare = Object.create;
  const str = JSON.stringify;
  const Url = URL;
  const path = get(URL.prototype, 'pathname');
  const lower = String.prototype.toLowerCase;
  const slice = String.prototype.slice;
  const lastIndex = String.prototype.lastIndexOf;
  const then = Promise.prototype.then;
  const R = Response.prototype;
  const [clone, text, resUrl, resHeaders] = [R.clone, R.text, get(R, 'url'), get(R, 'headers')];
  const header = Headers.prototype.get;
  const X = XMLHttpRequest.prototype;
  const [xSend, xUrl, xType, xText] = [X.send, get(X, 'responseURL'), get(X, 'responseType'), get(X, 'responseText')];
  const fetch0 = window.fetch;
  const doc = document;
  const CAP = 512 * 1024; // as the core's MAX_BODY_BYTES
  const HELLO = 'fapiao-helper:hello';
  const ACK = 'fapiao-helper:ack';
  let channel = null;

  // Handshake, mirrored in context-agent.js: the second world to run announces a fresh
  // element while it is briefly in the document; the first answers on it. Both keep it,
  // detached, so nothing the page listens to ever sees what is dispatched on it.
  const el = doc.createElement('fapiao-helper-channel');
  const onAck = () => { channel = el; };
  A(listen, el, [ACK, onAck]);
  (doc.documentElement || doc).appendChild(el);
  A(dispatch, el, [new Evt(HELLO, { bubbles: true })]);
  el.remove();
  A(unlisten, el, [ACK, onAck]);
  if (!channel) {
    const onHello = (event) => {
      A(unlisten, doc, [HELLO, onHello, true]);
      channel = A(target, event, []);
      A(dispatch, channel, [new Evt(ACK)]);
    };
    A(listen, doc, [HELLO, onHello, true]);
    // The agent is injected in this same turn; any later hello is the page's.
    setTimeout(() => A(unlisten, doc, [HELLO, onHello, true]), 0);
  }

  const wanted = (url) => {
    try {
      const p = A(lower, A(path, new Url(url), []), []);
      return A(slice, p, [A(lastIndex, p, ['/']) + 1]) === 'getuserlanguage.do';
    } catch { return false; }
  };
  const post = (url, body) => {
    if (!channel) return;
    const init = bare(null); // no option is looked up on a prototype the page may patch
    init.detail = '{"url":' + A(str, JSON, [url]) + ',"body":' + A(str, JSON, [body]) + '}';
    A(dispatch, channel, [new Evt('fapiao-helper:user-language', init)]);
  };

  const onResponse = (response) => {
    try {
      const url = A(resUrl, response, []);
      if (!wanted(url)) return;
      const length = A(header, A(resHeaders, response, []), ['content-length']);
      if (length !== null && !(+length <= CAP)) return;
      A(then, A(text, A(clone, response, []), []), [(body) => { if (body.length <= CAP) post(url, body); }, () => {}]);
    } catch { /* never disturb the page */ }
  };
  window.fetch = function fetch(_input) {
    const promise = A(fetch0, this, arguments);
    // Registered before the page's own .then, so the clone is taken before it reads the body.
    try { A(then, promise, [onResponse, () => {}]); } catch { /* not a promise */ }
    return promise;
  };

  function onLoadEnd() {
    try {
      const url = A(xUrl, this, []);
      if (!wanted(url)) return;
      const type = A(xType, this, []);
      // A 'json' or binary response has no raw text here (and a parsed 19-digit id is already
      // rounded): send the URL alone and let the agent read the text itself.
      const body = type === '' || type === 'text' ? A(xText, this, []) : null;
      if (body === null || body.length <= CAP) post(url, body);
    } catch { /* never disturb the page */ }
  }
  X.send = function send(_payload) {
    try { A(listen, this, ['loadend', onLoadEnd]); } catch { /* not an XHR */ }
    return A(xSend, this, arguments);
  };
})();
