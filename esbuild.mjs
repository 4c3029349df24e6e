// One esbuild context per door; everything is bundled so the package ships no node_modules.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

// `yaml` ships CommonJS for Node and ES modules for other platforms: the ES modules let the
// bundle call its functions directly, where CommonJS would put a property getter in front
// of every call in the parser's hot loops.
const yamlAsModules = {
  name: 'yaml-as-modules',
  setup(build) {
    const entry = path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

// What only some requests need is a bundle of its own, read by the doors when first asked for:
// ECharts, which draws the report's charts, and any-ascii's tables (half a megabyte), which a
// fix that writes an id in ASCII reads. Starting the server or running `mktplan check` reads neither.
const apart = [
  { specifier: './echarts.mjs', entry: 'server/src/report/echarts.mjs', outfile: 'dist/echarts.js' },
  { specifier: 'any-ascii', entry: 'any-ascii', outfile: 'dist/any-ascii.js' },
];
const bundlesApart = {
  name: 'bundles-apart',
  setup(build) {
    const bundleOf = new Map(apart.map(({ specifier, outfile }) => [specifier, `./${path.basename(outfile)}`]));
    const filter = new RegExp(`^(${[...bundleOf.keys()].map((specifier) => specifier.replace(/[./]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => (args.kind === 'entry-point' ? undefined : { path: bundleOf.get(args.path), external: true }));
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * How a door is built for Node: what only some requests need stays in bundles of its own, whose
 * `import()` becomes a `require` when first asked for. The command's and the server's code is
 * compiled by their doors with the code V8 kept from an earlier run, and code compiled so has
 * no `import()` on Node 20 (only behind an experimental option, which loses it in the cache).
 */
const inNode = { platform: 'node', target: 'node20', format: 'cjs', supported: { 'dynamic-import': false }, plugins: [yamlAsModules, bundlesApart] };
/** How a door is built for a browser: one file with everything inside, since a worker reads no sibling file. */
const inBrowser = { platform: 'browser', target: 'es2022', plugins: [yamlAsModules] };

const doors = [
  ...apart.map(({ entry, outfile }) => ({ ...inNode, entry, outfile })),
  // The command and the server each come in by a small door that compiles their bundle with the
  // code V8 kept from the last run (server/src/hosts/codeCache.ts).
  { ...inNode, entry: 'server/src/cli/door.ts', outfile: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { ...inNode, entry: 'server/src/cli/main.ts', outfile: 'dist/cli-code.js' },
  { ...inNode, entry: 'server/src/lsp/door.ts', outfile: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { ...inNode, entry: 'server/src/lsp/node.ts', outfile: 'dist/server-code.js' },
  { ...inNode, entry: 'client/src/node.ts', outfile: 'dist/client.js' },
  // vscode.dev and github.dev: the client in the web extension host, the server in a web worker,
  // ECharts, any-ascii's tables and the languages' texts inside it.
  { ...inBrowser, entry: 'client/src/browser.ts', outfile: 'dist/web/client.js', format: 'cjs' },
  { ...inBrowser, entry: 'server/src/lsp/worker.ts', outfile: 'dist/web/server.js', format: 'iife' },
];

const contexts = await Promise.all(
  doors.map(({ entry, outfile, banner, ...build }) =>
    esbuild.context({
      ...build,
      entryPoints: [entry],
      outfile,
      bundle: true,
      sourcemap: !production,
      minify: production,
      banner: banner ? { js: banner } : undefined,
      external: ['vscode'],
      logLevel: 'warning',
    }),
  ),
);

// Each language's texts ship beside the bundles and are read only when that language is in use.
const localesSource = path.join('server', 'src', 'service', 'i18n', 'locales');
fs.mkdirSync(path.join('dist', 'locales'), { recursive: true });
for (const name of fs.readdirSync(localesSource).filter((file) => file.endsWith('.json'))) {
  fs.copyFileSync(path.join(localesSource, name), path.join('dist', 'locales', name));
}

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
