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

// ECharts, which draws the report's charts, is a bundle of its own, read by the doors only when
// a preview or an export draws a chart: starting a check never reads it.
const chartsApart = {
  name: 'charts-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/echarts\.mjs$/ }, (args) => (args.importer.endsWith('echarts.mjs') ? undefined : { path: './echarts.js', external: true }));
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const doors = [
  { entry: 'server/src/report/echarts.mjs', outfile: 'dist/echarts.js' },
  { entry: 'server/src/cli.ts', outfile: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { entry: 'server/src/server.ts', outfile: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { entry: 'client/src/extension.ts', outfile: 'dist/client.js' },
];

const contexts = await Promise.all(
  doors.map((door) =>
    esbuild.context({
      entryPoints: [door.entry],
      outfile: door.outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      banner: door.banner ? { js: door.banner } : undefined,
      external: ['vscode'],
      plugins: [yamlAsModules, chartsApart],
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
