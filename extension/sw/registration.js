//! Dynamic content scripts follow the sites the user granted: host access is optional and per
//! site, so the scripts listed in content-scripts.json are registered for exactly the granted
//! origins, minus those the manifest's static content_scripts already cover (the e2e build),
//! so no page ever gets two hooks.
import { fromExtensionPage } from './senders.js';

let queue = Promise.resolve();

/**
 * Re-registers our content scripts for the granted origins. Calls are serialised (onInstalled,
 * onStartup and permission events may fire together) and never reject.
 */
export function syncContentScripts() {
  queue = queue.then(registerForGrantedOrigins).catch(() => false);
  return queue;
}

async function registerForGrantedOrigins() {
  const scripts = await (await fetch(chrome.runtime.getURL('content-scripts.json'))).json();
  const ids = scripts.map((script) => script.id);
  const staticMatches = (chrome.runtime.getManifest().content_scripts ?? [])
    .flatMap((entry) => entry.matches ?? []);
  const { origins = [] } = await chrome.permissions.getAll();
  const matches = origins.filter(
    (pattern) => isWebPattern(pattern) && !staticMatches.some((outer) => covers(outer, pattern)),
  );

  const registered = await chrome.scripting.getRegisteredContentScripts({ ids });
  if (registered.length > 0) {
    await chrome.scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
  }
  if (matches.length > 0) {
    await chrome.scripting.registerContentScripts(
      scripts.map((script) => ({ ...script, matches, persistAcrossSessions: true })),
    );
  }
  return true;
}

const PATTERN = /^(\*|https?):\/\/([^/]+)(\/.*)$/;

function isWebPattern(pattern) {
  return pattern === '<all_urls>' || PATTERN.test(pattern);
}

/** Whether every URL `inner` matches is matched by `outer` (match-pattern syntax). */
export function covers(outer, inner) {
  if (outer === '<all_urls>') return true;
  if (inner === '<all_urls>') return false;
  const a = PATTERN.exec(outer);
  const b = PATTERN.exec(inner);
  if (!a || !b) return false;
  const [, outerScheme, outerHost, outerPath] = a;
  const [, innerScheme, innerHost, innerPath] = b;
  const schemeOk = outerScheme === innerScheme || (outerScheme === '*' && innerScheme !== '*');
  return schemeOk && hostCovers(outerHost, innerHost) && pathCovers(outerPath, innerPath);
}

function hostCovers(outer, inner) {
  const [outerName, outerPort] = splitPort(outer);
  const [innerName, innerPort] = splitPort(inner);
  // A pattern without a port matches every port.
  if (outerPort !== null && outerPort !== innerPort) return false;
  if (outerName === '*') return true;
  if (outerName.startsWith('*.')) {
    const base = outerName.slice(2);
    return innerName === base || innerName.endsWith(`.${base}`) || innerName === outerName
      || (innerName.startsWith('*.') && innerName.slice(2).endsWith(`.${base}`));
  }
  return outerName === innerName;
}

function splitPort(host) {
  const match = /^(.*?)(?::(\d+|\*))?$/.exec(host);
  return [match[1], match[2] === undefined || match[2] === '*' ? null : match[2]];
}

function pathCovers(outer, inner) {
  if (outer === '/*') return true;
  return outer === inner;
}

export const handlers = {
  /** From the popup right after the user granted a site: register now, then it says reload. */
  'sync-content-scripts': async (_message, sender) => {
    if (!fromExtensionPage(sender)) return { ok: false, error: 'not an extension page' };
    return { ok: await syncContentScripts() };
  },
};
