//! The `chrome.storage` key prefixes the worker writes and the extension pages watch, spelled
//! once. Only the worker writes these; pages listen for changes under them to redraw.

/** `obs:<origin>` (session): the consoles' getUserLanguage.do observations and pasted contexts. */
export const OBSERVATIONS_PREFIX = 'obs:';
/** `secret:<kind>:<prefix>` (session): a held secret, written by the core. */
export const SECRET_PREFIX = 'secret:';
/** `expiredSecret:<kind>:<prefix>` (session): that a console's secret expired (no value). */
export const EXPIRED_SECRET_PREFIX = 'expiredSecret:';
/** `cred:<prefix>` / `cred:<origin>` (session): pasted credentials, written by the core. */
export const CREDENTIALS_PREFIX = 'cred:';
/** `progress:<prefix>` (session): a console's checklist progress. */
export const PROGRESS_PREFIX = 'progress:';

/** Whether a `chrome.storage.onChanged` change set touches a key under any of `prefixes`. */
export const touches = (changes, ...prefixes) => Object.keys(changes).some((key) => prefixes.some((prefix) => key.startsWith(prefix)));
