//! Builds the demo console (a mock of Kingdee's Cosmic console made with Kingdee's own React
//! library KDesign) into dist/demo/: one minified JS and one CSS file per page, no inline
//! script, so it runs under the strict Content-Security-Policy www/serve.mjs sends.
//!
//! KDesign's stylesheet embeds its icon font as a `data:` URL; the strict policy's
//! `default-src 'self'` refuses data: fonts, so the font is written out as a file instead.
//! Deterministic: same sources, same bytes (no hashes, no timestamps, no source maps).
//!
//! The Cosmic runtime variant (www/demo/cosmic/, plain React, no KDesign) goes to
//! dist/demo/cosmic/ with the same rules.
//!
//! Usage (from anywhere): node www/build-demo.mjs

import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = path.join(ROOT, 'www', 'demo');
const OUT = path.join(ROOT, 'dist', 'demo');
const PAGES = ['login', 'index'];
const COSMIC_PAGES = ['login', 'index', 'form'];

/** Rewrites KDesign's inline icon font to a file the strict CSP accepts. */
const kdesignFontAsFile = {
  name: 'kdesign-font-as-file',
  setup(b) {
    b.onLoad({ filter: /kdesign[\\/]dist[\\/]kdesign(\.min)?\.css$/ }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const fonts = [];
      const rewritten = css.replace(/url\((['"]?)data:font\/(woff2?|ttf);base64,([A-Za-z0-9+/=]+)\1\)/g, (_m, _q, kind, data) => {
        const name = `kdicon-${fonts.length}.${kind}`;
        fonts.push({ name, data: Buffer.from(data, 'base64') });
        return `url("./${name}")`;
      });
      await mkdir(path.join(OUT, 'assets'), { recursive: true });
      await Promise.all(fonts.map((f) => writeFile(path.join(OUT, 'assets', f.name), f.data)));
      return { contents: rewritten, loader: 'css' };
    });
    // The font files referenced above already sit in dist/demo/assets/: keep the URL as is.
    b.onResolve({ filter: /^\.\/kdicon-\d+\.woff2?$/ }, (args) => ({ path: args.path, external: true }));
  },
};

export async function buildDemo({ quiet = false } = {}) {
  const started = Date.now();
  const outputs = [
    ...(await buildVariant({ src: path.join(DEMO, 'src'), html: DEMO, out: OUT, pages: PAGES, quiet })),
    ...(await buildVariant({
      src: path.join(DEMO, 'src', 'cosmic'), html: path.join(DEMO, 'cosmic'), out: path.join(OUT, 'cosmic'), pages: COSMIC_PAGES, quiet,
    })),
  ];
  if (!quiet) {
    const sizes = outputs.map(([file, info]) => `${file} ${(info.bytes / 1024).toFixed(0)} KiB`).join(', ');
    process.stdout.write(`demo console built in ${Date.now() - started} ms → dist/demo/ (${sizes})\n`);
  }
  return OUT;
}

/** One console variant: `pages` from `src/<page>.jsx` and `html/<page>.html` into `out/`. */
async function buildVariant({ src, html, out, pages, quiet }) {
  // Files are overwritten in place, never removed first: a server may be serving dist/demo/
  // while another command rebuilds it. Leftovers of older builds are removed afterwards.
  await mkdir(path.join(out, 'assets'), { recursive: true });

  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(pages.map((p) => [p, path.join(src, `${p}.jsx`)])),
    outdir: path.join(out, 'assets'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110'],
    platform: 'browser',
    jsx: 'automatic',
    loader: { '.js': 'jsx', '.png': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    metafile: true,
    logLevel: quiet ? 'silent' : 'warning',
    plugins: [kdesignFontAsFile],
  });

  for (const page of pages) await copyFile(path.join(html, `${page}.html`), path.join(out, `${page}.html`));

  const produced = new Set(Object.keys(result.metafile.outputs).map((f) => path.basename(f)));
  const files = await readdir(path.join(out, 'assets'));
  for (const file of files) {
    if (!produced.has(file) && !/^kdicon-\d+\.woff2?$/.test(file)) {
      await rm(path.join(out, 'assets', file), { force: true, recursive: true });
    }
  }
  for (const file of [...produced].filter((f) => f.endsWith('.js'))) {
    // The page's CSP forbids eval: fail the build rather than ship a page that breaks there.
    // `Function("return this")()` is the global-object probe of core-js, lodash and
    // resize-observer-polyfill; it is the last fallback after `globalThis`/`self`/`window`,
    // so it never runs in a browser: ignore that idiom, flag everything else.
    const text = (await readFile(path.join(out, 'assets', file), 'utf8')).replace(
      /Function\(\s*(["'])return this\1\s*\)\(\)/g,
      '',
    );
    const evalUse = /\beval\(|new Function\(|\bFunction\(\s*["'`]/.exec(text);
    if (evalUse) {
      const at = evalUse.index;
      throw new Error(`${file} uses eval-like code near: ${text.slice(Math.max(0, at - 80), at + 80)}`);
    }
  }
  return Object.entries(result.metafile.outputs).map(([file, info]) => [path.relative(OUT, file), info]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDemo();
}
