//! Whether an activation of the bar is the person's own. The page can neither forge a trusted
//! click nor read our decisions, but it can borrow a person's: make the bar invisible over a
//! decoy, cover it with something the pointer passes through, move it under the pointer, or focus
//! a bar button and wait for an Enter meant for itself. An activation is refused unless the bar
//! is visible and unobscured (IntersectionObserver v2, computed styles up the tree, a hit test
//! at the point, our shadow root as we built it), has stayed put for a moment, and — from the
//! keyboard — has the focus because the person gave it (Tab or pointer), not a script.
import { boundTo, later, signal as helperLife } from './lifetime.js';

/** How long the bar must stay put (shown, not moved, not tampered with) before it acts. */
const SETTLE_MS = 500;
/** A focus arriving this soon after the person's Tab or pointer press is theirs. */
const USER_FOCUS_MS = 300;

// --- the person's Tab and pointer presses, per document -------------------------------------------
// Listened to in the capture phase on the window from document_start: before any page listener,
// so the page cannot hide them from us (it can only make us refuse).
// The first focus change after a person's Tab is that Tab's (later ones are someone else's);
// a page that focuses our button from its own Tab handler and cancels the Tab is seen by the
// keydown's defaultPrevented, read when the activation comes.
const inputs = new WeakMap();
function inputsOf(view) {
  let seen = inputs.get(view);
  if (seen) return seen;
  seen = { tab: null, tabAt: 0, focusByTab: null };
  inputs.set(view, seen);
  view.addEventListener('keydown', (e) => {
    if (e.isTrusted && e.key === 'Tab') { seen.tab = e; seen.tabAt = performance.now(); }
  }, { capture: true, signal: helperLife });
  view.addEventListener('focusin', () => {
    const fresh = seen.tab && performance.now() - seen.tabAt < USER_FOCUS_MS;
    seen.focusByTab = fresh ? seen.tab : null;
    seen.tab = null;
  }, { capture: true, signal: helperLife });
  return seen;
}

/**
 * Starts listening to the person's presses in `view` now. The helper calls it at document_start
 * for its own window, before any page listener exists; a bar in another (same-origin) frame's
 * document starts its window's when it is created.
 */
export function listenForPersonInput(view) {
  inputsOf(view);
}

const reasons = { hidden: 'forms_refused_hidden', moved: 'forms_refused_moved', focus: 'forms_refused_focus' };

/** Whether an element's own computed style can hide or disguise what it draws. */
function disguises(cs) {
  return Number(cs.opacity) < 0.99 || cs.visibility !== 'visible' || cs.filter !== 'none' ||
    cs.transform !== 'none' || (cs.scale && cs.scale !== 'none') || (cs.rotate && cs.rotate !== 'none') ||
    (cs.translate && cs.translate !== 'none') || (cs.zoom && Number(cs.zoom) !== 1) || cs.clipPath !== 'none' || (cs.maskImage && cs.maskImage !== 'none') ||
    (cs.webkitMaskImage && cs.webkitMaskImage !== 'none') || cs.mixBlendMode !== 'normal' ||
    cs.contentVisibility === 'hidden';
}

/** Whether `el` or anything above it (out of shadow roots and same-origin frames) disguises it. */
function disguisedChain(el) {
  for (let n = el, i = 0; n && i < 200; i++) {
    const view = n.ownerDocument && n.ownerDocument.defaultView;
    if (!view) return true;
    if (disguises(view.getComputedStyle(n))) return true;
    let up = n.parentElement || (n.parentNode && n.parentNode.host) || null;
    if (!up) {
      try { up = view.frameElement; } catch { up = null; } // another origin's frame: IO v2 judges it
    }
    n = up;
  }
  return false;
}

/**
 * A guard for one bar. `styleText` is the shadow root's own stylesheet, `style` its element.
 * `allow(event, button)` returns null to act, or the i18n key of the refusal. Everything it
 * watches ends with `signal` (the bar's life).
 */
export function createGuard({ doc, host, root, style, styleText, panel, onTamper, signal }) {
  const view = doc.defaultView;
  const seen = inputsOf(view);
  let changedAt = performance.now();
  let visible = null; // IntersectionObserver v2's word on the panel; null until it spoke
  let layoutKey = '';
  let userFocus = null; // the bar element the person focused
  let focusCause = null; // the Tab keydown that brought it, or 'pointer'
  let pointerAt = 0;
  let restoring = false;
  let readyTimer = 0;

  const changed = () => { changedAt = performance.now(); updateReady(); };

  let io = null;
  try {
    io = new view.IntersectionObserver((entries) => {
      for (const e of entries) {
        const now = 'isVisible' in e ? e.isVisible : e.isIntersecting;
        if (now && visible !== true) changedAt = performance.now();
        visible = now;
      }
      updateReady();
    }, { trackVisibility: true, delay: 100, threshold: [0, 1] });
    boundTo(signal, io).observe(panel);
  } catch { io = null; }

  // Anything the page changes in our shadow root or on our host counts as tampering: the bar
  // waits again, and is checked as a whole at the next activation.
  const mo = boundTo(signal, new view.MutationObserver((records) => {
    if (!records.length) return;
    changed();
    if (onTamper) onTamper();
  }));
  mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  mo.observe(host, { attributes: true });

  /** Runs our own change of the bar without counting it as the page's. */
  function ownChange(fn) {
    try { return fn(); } finally { mo.takeRecords(); }
  }

  root.addEventListener('pointerdown', (e) => { if (e.isTrusted) pointerAt = performance.now(); }, { capture: true, signal });
  root.addEventListener('focusin', (e) => {
    if (restoring) return;
    const byPointer = performance.now() - pointerAt < USER_FOCUS_MS;
    pointerAt = 0; // one press, one focus change
    focusCause = seen.focusByTab || (byPointer ? 'pointer' : null);
    userFocus = focusCause ? e.target : null;
  }, { signal });

  function keyOf() {
    const r = host.getBoundingClientRect();
    const a = root.querySelector('.actions');
    const ar = a ? a.getBoundingClientRect() : r;
    const names = a ? Array.from(a.children, (b) => b.getAttribute('data-action')).join() : '';
    return [r.left, r.top, r.width, ar.left, ar.top, ar.width, ar.height].map(Math.round).join() + names;
  }

  /** Called after our own layout work: a different layout than before means the bar moved. */
  function noteLayout() {
    const k = keyOf();
    if (k !== layoutKey) { layoutKey = k; changed(); }
  }

  /** Our own shadow root, untouched: our stylesheet only, our two children, no inline styles. */
  function intact() {
    if (host.shadowRoot !== root || !style.isConnected || style.textContent !== styleText) return false;
    if (root.childNodes.length !== 2 || root.firstChild !== style || root.lastChild !== panel) return false;
    if (root.adoptedStyleSheets && root.adoptedStyleSheets.length) return false;
    return root.querySelectorAll('style,link').length === 1 && !root.querySelector('[style]');
  }

  function unobscured(button, event) {
    if (!host.isConnected || !button.isConnected || !intact()) return false;
    if (io && visible !== true) return false;
    if (disguisedChain(button)) return false;
    const r = button.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.left < 0 || r.top < 0 || r.right > view.innerWidth || r.bottom > view.innerHeight) return false;
    // The point the person pressed (the button's centre from the keyboard) shows our button.
    const pointer = event.detail > 0 && (event.clientX || event.clientY);
    const x = pointer ? event.clientX : r.left + r.width / 2;
    const y = pointer ? event.clientY : r.top + r.height / 2;
    const top = doc.elementsFromPoint(x, y)[0];
    if (top !== host) return false;
    const inner = root.elementFromPoint(x, y);
    return !!inner && (inner === button || button.contains(inner));
  }

  function allow(event, button) {
    if (!event.isTrusted) return 'untrusted';
    // Whatever moved since we last looked (the page's CSS, a layout shift) counts from now.
    noteLayout();
    if (!unobscured(button, event)) return reasons.hidden;
    if (performance.now() - changedAt < SETTLE_MS) return reasons.moved;
    // A click from the keyboard (Enter/Space) carries no pointer detail.
    if (event.detail === 0 && (userFocus !== button || (focusCause !== 'pointer' && focusCause.defaultPrevented))) {
      return reasons.focus;
    }
    return null;
  }

  /** After a re-render replaced a button the person had focused, focus its successor for them. */
  function refocus(button) {
    restoring = true;
    const cause = focusCause;
    try { button.focus(); userFocus = button; focusCause = cause || 'pointer'; } finally { restoring = false; }
  }

  /** `data-ready` on the host: the bar would act on a person's click now (for tests and tools). */
  function updateReady() {
    clearTimeout(readyTimer);
    const wait = SETTLE_MS - (performance.now() - changedAt);
    const ready = wait <= 0 && (!io || visible === true);
    if ((host.getAttribute('data-ready') === 'true') !== ready) {
      ownChange(() => { if (ready) host.setAttribute('data-ready', 'true'); else host.removeAttribute('data-ready'); });
    }
    if (wait > 0) readyTimer = later(signal, updateReady, wait + 5);
  }

  updateReady();
  return {
    allow,
    ownChange,
    noteLayout,
    changed,
    refocus,
    userFocused: (el) => !!el && userFocus === el,
  };
}
