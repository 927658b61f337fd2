//! Dynamic content scripts follow the sites the user granted: host access is optional and per
//! site, so the scripts listed in content-scripts.json are registered for the patterns the core
//! picks (`contentScriptMatches`: the granted web origins the manifest's static content_scripts
//! do not already cover, as in the e2e build), so no page ever gets two hooks.
import { loadCore } from './core.js';
import { requireExtensionPage } from './senders.js';
import { serialisedQueue } from './shared.js';

// onInstalled, onStartup and permission events may fire together.
const serialised = serialisedQueue();

/** Re-registers our content scripts for the granted origins, one call at a time; never rejects. */
export function syncContentScripts() {
  return serialised(registerForGrantedOrigins).catch(() => false);
}

async function registerForGrantedOrigins() {
  const scripts = await (await fetch(chrome.runtime.getURL('content-scripts.json'))).json();
  const ids = scripts.map((script) => script.id);
  const staticMatches = (chrome.runtime.getManifest().content_scripts ?? [])
    .flatMap((entry) => entry.matches ?? []);
  const { origins = [] } = await chrome.permissions.getAll();
  const matches = (await loadCore()).contentScriptMatches(origins, staticMatches);

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

export const handlers = {
  /** From the popup right after the user granted a site: register now, then it says reload. */
  'sync-content-scripts': async (_message, sender) => {
    requireExtensionPage(sender);
    return { ok: await syncContentScripts() };
  },
};
