//! The worker's message table: each module exports `handlers = { '<type>': async (message,
//! sender, core) => reply }`. Adding a module is one import and one spread here.
import { handlers as context } from './context.js';
import { handlers as credentials } from './credentials.js';
import { handlers as documents } from './documents.js';
import { handlers as forms } from './forms.js';
import { handlers as registration } from './registration.js';
import { handlers as secrets } from './secrets.js';
import { handlers as settings } from './settings.js';
import { withBadge } from './badge.js';
import { withProgress } from './progress.js';

// withBadge keeps the toolbar badge current after recognitions and getUserLanguage.do;
// withProgress notes fills for the checklist and adds its own handlers (progress.js).
export const handlers = withProgress(withBadge({
  ...context,
  ...documents,
  ...forms,
  ...registration,
  ...secrets,
  // After secrets: it widens 清除所有密钥 and the popup's confirms to the pasted credentials.
  ...credentials,
  ...settings,
}));
