//! The offscreen clipboard document, opened on demand by the worker (复制 of a secret or a
//! pasted value) and by the popup (诊断此页's copy): whichever asks first creates it, the other
//! finds it.

const OFFSCREEN_URL = 'offscreen/clipboard.html';

/** Resolves once the offscreen clipboard document exists. */
export async function offscreenReady() {
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (contexts.length) return;
  try {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_URL,
      reasons: ['CLIPBOARD'],
      justification: 'Copy on the user’s request and clear it from the clipboard after 30 seconds',
    });
  } catch (error) {
    // Two callers raced (the worker and the popup, or two of the worker's): the other created it.
    if (!/single offscreen|already/i.test(String(error?.message))) throw error;
  }
}
