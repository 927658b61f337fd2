// The first-run page (opened by the worker on install): three steps to enable the helper on a
// console, the fill shortcut as the browser has it, and a way to the options.
import { loadStrings } from '../shared/i18n.js';

const FILL_COMMAND = 'fill-form';
const { message, localise } = await loadStrings();
localise();

const commands = (await chrome.commands?.getAll?.()) ?? [];
const keys = commands.find((c) => c.name === FILL_COMMAND)?.shortcut;
const shortcut = document.querySelector('[data-role="shortcut"]');
shortcut.hidden = !keys;
if (keys) shortcut.textContent = message('onboarding_shortcut', keys);

document.querySelector('[data-testid="open-options"]').addEventListener('click', () => chrome.runtime.openOptionsPage());
document.documentElement.dataset.ready = 'true';
