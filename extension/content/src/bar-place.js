//! Where a bar sits: beside its form's dialog, or in a corner of its form's pane, never over the
//! console's header, menu or toolbars. The bar follows its form cheaply: scroll and resize are
//! coalesced into one placement per animation frame (no frame loop while nothing moves), and a
//! ResizeObserver on the dialog or pane covers layout changes; an IntersectionObserver on the
//! form's own elements tells the agent when they may have gone (a dialog closed, a tab hidden).
import { boundTo, nextFrame } from './lifetime.js';

const GAP = 12;
// Semantic dialogs; many consoles draw theirs as a fixed box instead (found by its position).
const DIALOG_SELECTOR = 'dialog,[role=dialog],[role=alertdialog],[aria-modal=true]';
// What holds the console's own navigation: a pane stops below the ancestor holding one.
const NAV_SELECTOR = 'nav,[role=navigation],[role=menu],[role=menubar],[role=banner],[role=tablist]';
// The page's own things a person clicks: the bar avoids covering them.
const CLICKABLE = 'button,[role=button],a[href],input,select,textarea,[role=tab],[role=menuitem]';
const MAX_CLIMB = 30;

const parentOf = (n) => n.parentElement || (n.parentNode && n.parentNode.host) || null;

function commonAncestor(els) {
  const chain = [];
  for (let n = els[0]; n; n = parentOf(n)) chain.push(n);
  let best = 0;
  for (const el of els.slice(1)) {
    const seen = new Set();
    for (let n = el; n; n = parentOf(n)) seen.add(n);
    while (best < chain.length && !seen.has(chain[best])) best++;
  }
  return chain[best] || null;
}

const area = (r) => Math.max(0, r.width) * Math.max(0, r.height);

/**
 * The box a form lives in: `{kind: 'dialog', el}` for a dialog (semantic, or a fixed-position
 * box smaller than the viewport), `{kind: 'pane', el}` for the largest ancestor that holds
 * none of the console's navigation, or null when the form has no element on screen.
 */
function formBox(doc, elements) {
  const els = elements.filter((e) => e && e.isConnected && e.ownerDocument === doc);
  if (!els.length) return null;
  const view = doc.defaultView;
  const screen = view.innerWidth * view.innerHeight;
  let pane = commonAncestor(els);
  if (!pane || pane === doc.documentElement || pane === doc.body) return { kind: 'pane', el: doc.documentElement };
  let lastSmall = null;
  for (let n = pane, i = 0; n && i < MAX_CLIMB; n = parentOf(n), i++) {
    if (n === doc.body || n === doc.documentElement) break;
    if (n.matches(DIALOG_SELECTOR)) return { kind: 'dialog', el: n };
    const r = n.getBoundingClientRect();
    if (area(r) > 0 && area(r) < 0.9 * screen) lastSmall = n;
    if (view.getComputedStyle(n).position === 'fixed') {
      // A fixed box the size of the screen is a mask or a wrapper: its dialog is inside it.
      const box = area(r) < 0.9 * screen ? n : lastSmall;
      if (box) return { kind: 'dialog', el: box };
    }
    const up = parentOf(n);
    // No navigation anywhere above: the form's pane is its whole document (a frame's page).
    if (!up || up === doc.body || up === doc.documentElement) return { kind: 'pane', el: doc.documentElement };
    if (holdsNavigation(up, n)) break;
    pane = up;
  }
  return { kind: 'pane', el: pane };
}

/** Whether `el` holds navigation outside `child` (the branch the form is in). */
function holdsNavigation(el, child) {
  for (const nav of el.querySelectorAll(NAV_SELECTOR)) if (!child.contains(nav)) return true;
  return false;
}

const intersect = (a, b) => {
  const left = Math.max(a.left, b.left), top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right), bottom = Math.min(a.bottom, b.bottom);
  return { left, top, right, bottom, width: right - left, height: bottom - top };
};
const overlaps = (r, c, w, h) => r.left < c.left + w && r.right > c.left && r.top < c.top + h && r.bottom > c.top;

/**
 * Rectangles the bar must not cover, weighted: the console's navigation and banner-like
 * headers heavily, the page's clickable things lightly; other bars very heavily. A dialog's
 * own controls (its 确定, its inputs) weigh more than navigation: behind a modal mask the
 * navigation cannot be used anyway, while a covered 确定 stops the user's task.
 */
function obstacles(doc, host, within, ownDialog) {
  const out = [];
  const view = doc.defaultView;
  for (const n of doc.querySelectorAll(NAV_SELECTOR + ',header')) {
    if (n.closest('[data-fapiao-helper]')) continue;
    const r = n.getBoundingClientRect();
    // A <header> counts when it is the page's banner (a wide strip), not a card's heading.
    if (n.localName === 'header' && !n.matches(NAV_SELECTOR) && r.width < 0.6 * view.innerWidth) continue;
    if (r.width > 0 && r.height > 0) out.push({ rect: r, weight: 100 });
  }
  const all = doc.querySelectorAll(CLICKABLE);
  for (let i = 0; i < all.length && i < 1500; i++) {
    const n = all[i];
    if (n.closest('[data-fapiao-helper]')) continue;
    const r = n.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0) || (within && !overlaps(r, within, within.width, within.height))) continue;
    const own = ownDialog && overlaps(r, ownDialog, ownDialog.width, ownDialog.height);
    out.push({ rect: r, weight: own ? 300 : 1 });
  }
  for (const b of doc.querySelectorAll('[data-fapiao-helper="bar"]')) {
    if (b !== host && b.isConnected) out.push({ rect: b.getBoundingClientRect(), weight: 1000 });
  }
  return out;
}

/** The candidate covering the least (by weight); the first that covers nothing. */
function best(candidates, obstacleList, w, h) {
  let pick = candidates[0], least = Infinity;
  for (const c of candidates) {
    const hits = obstacleList.reduce((n, o) => n + (overlaps(o.rect, c, w, h) ? o.weight : 0), 0);
    if (hits < least) { pick = c; least = hits; }
    if (!hits) break;
  }
  return pick;
}

/** Candidate spots for a bar of size w×h beside a dialog box (right, left, below, inside). */
function besideDialog(box, w, h, vw, vh) {
  const top = Math.max(GAP, Math.min(box.top, vh - h - GAP));
  return [
    { name: 'right', left: box.right + GAP, top, fits: box.right + GAP + w <= vw - GAP },
    { name: 'left', left: box.left - GAP - w, top, fits: box.left - GAP - w >= GAP },
    { name: 'below', left: box.right - w, top: box.bottom + GAP, fits: box.bottom + GAP + h <= vh - GAP },
    { name: 'inside', left: box.right - w - GAP, top: box.bottom - h - GAP, fits: true },
  ].filter((c) => c.fits);
}

/** Candidate spots in the corners of a pane's visible part: bottom-right first. */
function paneCorners(p, w, h) {
  const right = p.right - w - GAP, bottom = p.bottom - h - GAP;
  const left = p.left + GAP, top = p.top + GAP;
  return [{ name: 'br', left: right, top: bottom }, { name: 'tr', left: right, top },
    { name: 'bl', left, top: bottom }, { name: 'tl', left, top }];
}

/**
 * The spot for the bar `host` (w×h) given its form's box; viewport corners without one.
 * Which candidate (a corner, a side) is chosen against the page's obstacles only when the
 * box's shape changed (`memo`): scrolling merely carries the chosen spot along, cheaply.
 */
function spotFor(doc, host, box, w, h, memo) {
  const view = doc.defaultView;
  const vw = view.innerWidth, vh = view.innerHeight;
  const screen = { left: 0, top: 0, right: vw, bottom: vh, width: vw, height: vh };
  let candidates, within = null;
  const r = box && box.el !== doc.documentElement ? box.el.getBoundingClientRect() : screen;
  if (box && box.kind === 'dialog') {
    candidates = besideDialog(r, w, h, vw, vh);
  } else {
    let p = box && box.el !== doc.documentElement ? intersect(r, screen) : screen;
    // Too narrow to hold the bar (or scrolled away): its own corner of the screen instead.
    if (!(p.width >= Math.min(w, vw) && p.height > 0)) p = screen;
    candidates = paneCorners(p, w, h);
    within = p;
  }
  // When every spot by the form is taken (another bar, the console's navigation), a corner
  // of the screen.
  if (within !== screen) {
    candidates = candidates.concat(paneCorners(screen, w, h).map((c) => ({ ...c, name: 'screen-' + c.name })));
    within = null;
  }
  // Scored where they will really be: inside the screen.
  for (const c of candidates) {
    c.left = Math.max(0, Math.min(c.left, vw - w));
    c.top = Math.max(0, Math.min(c.top, vh - h));
  }
  const shape = [box ? box.kind : '', Math.round(r.width), Math.round(r.height), w, h, vw, vh,
    candidates.map((c) => c.name).join()].join();
  const kept = memo.shape === shape && candidates.find((c) => c.name === memo.name);
  if (kept) return kept;
  const pick = best(candidates, obstacles(doc, host, within, box && box.kind === 'dialog' ? r : null), w, h);
  memo.shape = shape;
  memo.name = pick.name;
  return pick;
}

/**
 * Keeps `host` beside its form. `onMove()` is called whenever its position changes,
 * `onAnchorsChanged(elements)` when the form's elements may have been hidden or removed.
 * Everything it watches ends with `signal` (the bar's life).
 */
export function createPlacer(doc, host, { onMove, onAnchorsChanged, apply, signal }) {
  const view = doc.defaultView;
  let anchors = [];
  let box = null;
  let frame = 0;
  let dragged = null;
  let last = null;
  const choice = { shape: '', name: '' }; // the spot chosen for the box's current shape

  const resizeObserver = boundTo(signal, new view.ResizeObserver(() => schedule()));
  const anchorObserver = boundTo(signal, new view.IntersectionObserver((entries) => {
    if (entries.some((e) => !e.isIntersecting)) onAnchorsChanged(anchors);
    schedule();
  }));

  function schedule() {
    if (frame) return;
    frame = nextFrame(signal, view, () => { frame = 0; place(); });
  }

  function setAnchors(elements) {
    const next = (elements || []).filter(Boolean);
    if (next.length === anchors.length && next.every((e, i) => e === anchors[i])) return;
    anchorObserver.disconnect();
    anchors = next;
    for (const el of anchors.slice(0, 50)) anchorObserver.observe(el);
    box = null;
    choice.shape = '';
    schedule();
  }

  /** `fresh`: look at the page's obstacles again (a render, new anchors), not only at the box. */
  function place(fresh) {
    if (!host.isConnected) return;
    if (fresh) choice.shape = '';
    const w = host.offsetWidth || 288, h = host.offsetHeight || 120;
    let spot;
    if (dragged) spot = dragged;
    else {
      if (!box || !box.el.isConnected) {
        if (box) resizeObserver.unobserve(box.el);
        box = formBox(doc, anchors);
        if (box) resizeObserver.observe(box.el);
      }
      spot = spotFor(doc, host, box, w, h, choice);
    }
    const left = Math.round(Math.max(0, Math.min(spot.left, view.innerWidth - w)));
    const top = Math.round(Math.max(0, Math.min(spot.top, view.innerHeight - h)));
    if (last && last.left === left && last.top === top) return;
    last = { left, top };
    apply(left, top);
    onMove();
  }

  const onScroll = () => schedule();
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
  view.addEventListener('resize', onScroll, { passive: true, signal });

  return {
    setAnchors,
    place: () => place(true),
    schedule,
    drag(spot) { dragged = spot; place(); },
    /** Applies the spot again next frame, even if it did not change (the page moved the host). */
    reassert() { last = null; schedule(); },
    position: () => last,
  };
}
