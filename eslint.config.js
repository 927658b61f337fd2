// ESLint for the JavaScript `cargo xtask test` lints (its gates stage runs
// `eslint extension www bench tests/e2e tools`): the recommended rules and, per folder, the
// globals and the kind of script that code really is. Kept small on purpose: Rust holds the rules, this catches slips.
import js from '@eslint/js';
import globals from 'globals';

/**
 * What core ESLint misses in JSX: `<Button>` uses the variable `Button`, and under the classic
 * transform (esbuild's default, which the e2e React fixture is bundled with) every element uses
 * `React`. Marks both used, as eslint-plugin-react's jsx-uses-vars and jsx-uses-react do,
 * without bringing in that plugin.
 */
const jsxUsesVars = {
  create(context) {
    const used = (name, node) => context.sourceCode.markVariableAsUsed(name, node);
    return {
      JSXOpeningElement(node) {
        used('React', node);
        let name = node.name;
        while (name.type === 'JSXMemberExpression') name = name.object;
        if (name.type === 'JSXIdentifier' && !/^[a-z]/.test(name.name)) used(name.name, node);
      },
      JSXOpeningFragment(node) {
        used('React', node);
      },
    };
  },
};

export default [
  { ignores: ['dist/', 'target/', 'node_modules/', '**/node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,jsx}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { local: { rules: { 'jsx-uses-vars': jsxUsesVars } } },
    rules: {
      'local/jsx-uses-vars': 'error',
      // `_name` says "deliberately unused" (a destructured-away field, a positional parameter).
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Extension pages, the offscreen document and the service worker.
    files: ['extension/**'],
    ignores: ['extension/content/**'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions },
    },
  },
  {
    // The content scripts' ES modules (extension/content/src/), which `cargo xtask build`
    // bundles into one IIFE per *.entry.js: a page's globals and chrome.*, nothing of a worker.
    files: ['extension/content/src/**'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    // The MAIN-world hook runs as it is, a classic script in the page's own world (no chrome.*).
    files: ['extension/content/main-hook.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The demo console, the standalone page and the test pages run in a browser.
    files: ['www/demo/src/**', 'www/standalone/**', 'tests/e2e/fixtures/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The standalone page's script also runs as its own Web Worker.
    files: ['www/standalone/**'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // Node scripts that drive Chromium: the callbacks they hand to the page or the worker
    // (`page.evaluate(() => document…)`) run there, so those globals are real too.
    files: ['www/*.mjs', 'www/driver/**', 'www/demo/fixtures/**', 'bench/**', 'tests/e2e/*.mjs', 'tools/**'],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser, ...globals.serviceworker, ...globals.webextensions },
    },
  },
];
