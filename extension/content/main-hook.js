// MAIN world, document_start: sees the console's own getUserLanguage.do answer and hands the
// raw text to the isolated world over a channel the page can neither read nor write.
// Runs before any page script, so every built-in it needs is captured here, unpatched.
// The page's fetch promise and XHR are returned untouched; we only read a clone afterwards.
(() => {
  'use strict';
  const apply = Reflect.apply;
  const get = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const doc = document;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const unlisten = EventTarget.prototype.removeEventListener;
  const eventTarget = get(Event.prototype, 'target');
  const CustomEvt = CustomEvent;
  const create = Document.prototype.createElement;
  const append = Node.prototype.appendChild;
  const remove = Element.prototype.remove;
  const stringify = JSON.stringify;
  const bare = Object.create;
  const Url = URL;
  const pathname = get(URL.prototype, 'pathname');
  const lastIndexOf = String.prototype.lastIndexOf;
  const slice = String.prototype.slice;
  const lower = String.prototype.toLowerCase;
  const then = Promise.prototype.then;
  const clone = Response.prototype.clone;
  const text = Response.prototype.text;
  const resUrl = get(Response.prototype, 'url');
  const resHeaders = get(Response.prototype, 'headers');
  const header = Headers.prototype.get;
  const Xhr = XMLHttpRequest.prototype;
  const xhrSend = Xhr.send;
  const xhrUrl = get(Xhr, 'responseURL');
  const xhrType = get(Xhr, 'responseType');
  const xhrText = get(Xhr, 'responseText');
  const nativeFetch = window.fetch;

  const CAP = 512 * 1024; // the core refuses more (user_language::MAX_BODY_BYTES)
  const HELLO = 'fapiao-helper:hello';
  const ACK = 'fapiao-helper:ack';
  const DATA = 'fapiao-helper:user-language';
  let channel = null;

  // Handshake (same steps in context-agent.js): whichever world runs second announces a fresh
  // element while it is briefly in the document; the first answers on it synchronously.
  // Both keep the element, now detached: no page listener sees events dispatched on it.
  const el = apply(create, doc, ['fapiao-helper-channel']);
  const onAck = () => { channel = el; };
  apply(listen, el, [ACK, onAck]);
  apply(append, doc.documentElement || doc, [el]);
  apply(dispatch, el, [new CustomEvt(HELLO, { bubbles: true })]);
  apply(remove, el, []);
  apply(unlisten, el, [ACK, onAck]);
  if (!channel) {
    const onHello = (event) => {
      apply(unlisten, doc, [HELLO, onHello, true]);
      const peer = apply(eventTarget, event, []);
      channel = peer;
      apply(dispatch, peer, [new CustomEvt(ACK)]);
    };
    apply(listen, doc, [HELLO, onHello, true]);
    // The other world is injected in the same turn; later hellos can only be the page's.
    setTimeout(() => apply(unlisten, doc, [HELLO, onHello, true]), 0);
  }

  const isUserLanguage = (url) => {
    try {
      const path = apply(lower, apply(pathname, new Url(url), []), []);
      return apply(slice, path, [apply(lastIndexOf, path, ['/']) + 1]) === 'getuserlanguage.do';
    } catch { return false; }
  };
  const send = (url, body) => {
    if (!channel) return;
    // Built by hand: JSON.stringify of a plain object would consult Object.prototype.toJSON.
    const init = bare(null); // no lookups through a prototype the page may have patched
    init.detail = '{"url":' + apply(stringify, JSON, [url]) + ',"body":' + apply(stringify, JSON, [body]) + '}';
    apply(dispatch, channel, [new CustomEvt(DATA, init)]);
  };

  const observeResponse = (response) => {
    try {
      const url = apply(resUrl, response, []);
      if (!isUserLanguage(url)) return;
      const length = apply(header, apply(resHeaders, response, []), ['content-length']);
      if (length !== null && !(+length <= CAP)) return;
      const copy = apply(clone, response, []);
      apply(then, apply(text, copy, []), [(body) => { if (body.length <= CAP) send(url, body); }, () => {}]);
    } catch { /* never disturb the page */ }
  };

  window.fetch = function fetch(input) {
    const promise = apply(nativeFetch, this, arguments);
    // Registered before the page's own .then, so the clone is taken before it reads the body.
    try { apply(then, promise, [observeResponse, () => {}]); } catch { /* not a promise */ }
    return promise;
  };

  const onLoadEnd = function () {
    try {
      const url = apply(xhrUrl, this, []);
      if (!isUserLanguage(url)) return;
      const type = apply(xhrType, this, []);
      // responseText exists only for text responses; for the rest the agent reads the URL
      // itself (a parsed 'json' response would have rounded a 19-digit id already).
      const body = type === '' || type === 'text' ? apply(xhrText, this, []) : null;
      if (body === null || body.length <= CAP) send(url, body);
    } catch { /* never disturb the page */ }
  };
  Xhr.send = function send(payload) {
    try { apply(listen, this, ['loadend', onLoadEnd]); } catch { /* not an XHR */ }
    return apply(xhrSend, this, arguments);
  };
})();
