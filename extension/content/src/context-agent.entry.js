//! Entry of content/context-agent.js, the first ISOLATED-world script (document_start, every
//! frame): the receiving end of main-hook.js's channel, started in the same turn as the hook.
//! A bundle of its own, listed before content/forms.js: it shares nothing with the forms side.
import { startContextAgent } from './context-agent.js';

startContextAgent();
