// ESLint for the JavaScript `cargo xtask test` lints (its gates stage runs
// `eslint extension www bench tests/e2e`): the recommended rules and, per folder, the globals
// that code really has. Kept small on purpose: Rust holds the rules, this catches slips.
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
    // Extension pages, content scripts, the offscreen document and the service worker.
    files: ['extension/**'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions },
    },
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
