//! What the demo console reads from its own URL and from the server, in one place.
//! Query parameters exist for tests: `prefill` (URL-encoded JSON, field label → value, applied
//! as a form's initial React state), `gateway` (fixes the x-acgw-identity value), `delay`
//! (ms a form takes to "load", default 300) and `open` (menu label of a form to open at boot).

const params = new URLSearchParams(window.location.search);

/** Field label → initial value, from `&prefill=`; ignores anything that is not a JSON object. */
export function prefillFor(labels) {
  const raw = params.get('prefill');
  if (!raw) return {};
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out = {};
  for (const label of labels) {
    if (Object.prototype.hasOwnProperty.call(parsed, label)) out[label] = parsed[label];
  }
  return out;
}

export function formDelayMs() {
  const n = Number(params.get('delay'));
  return Number.isFinite(n) && n >= 0 && n <= 60000 && params.has('delay') ? n : 300;
}

export function formToOpen() {
  return params.get('open') || '';
}

export function fixedGateway() {
  return params.get('gateway') || '';
}

/** The console prefix as the guides define it: everything before index.html. */
export function consolePrefix() {
  const { origin, pathname } = window.location;
  return origin + pathname.replace(/[^/]*$/, '');
}

/**
 * Asks the server who we are, the way the real console does at boot. The accountId is read
 * from the raw text: as a JSON number it has 19 digits and JSON.parse would round it.
 */
export async function loadUserLanguage(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const text = await response.text();
  const match = /"accountId"\s*:\s*"?([0-9A-Za-z_-]{1,40})"?/.exec(text);
  let userName = '';
  try {
    const json = JSON.parse(text);
    userName = (json && json.data && json.data.userName) || '';
  } catch {
    userName = '';
  }
  return { accountId: match ? match[1] : '', userName };
}

/** Random letters and digits from the CSPRNG (used for the demo's own generated values). */
export function randomToken(length, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') {
  const out = [];
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < 256 - (256 % alphabet.length)) out.push(alphabet[b % alphabet.length]);
      if (out.length === length) break;
    }
  }
  return out.join('');
}

export const loginUser = () => sessionStorage.getItem('demo-user') || 'administrator';
