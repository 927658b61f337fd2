//! Entry of content/forms.js, the ISOLATED-world script that finds forms and drives the bar
//! (document_start, every frame). `cargo xtask build` bundles it with esbuild into one IIFE; its
//! modules import what they use, and the only global it defines is the documented entry point
//! of api.js. A second injection into a frame that already runs the helper stands down.
import { published, publish, unpublish } from './api.js';
import { listenForPersonInput } from './bar-guard.js';
import { collect } from './collect.js';
import { startFormsAgent } from './forms-agent.js';
import { onAbort, signal } from './lifetime.js';

if (!published()) {
  const api = publish(collect);
  onAbort(signal, () => unpublish(api));
  listenForPersonInput(window);
  startFormsAgent(api);
}
