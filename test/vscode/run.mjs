// `npm run test:vscode`: the extension tests in a downloaded VS Code (@vscode/test-electron).
// Where VS Code cannot be downloaded, it says so and exits 0, or 1 with --strict (or MKTPLAN_STRICT=1).
import { build } from 'esbuild';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const strict = process.argv.includes('--strict') || process.env.MKTPLAN_STRICT === '1';
const out = path.join(root, 'out', 'vscode-tests');

await build({
  entryPoints: [path.join(root, 'test/vscode/index.ts'), path.join(root, 'test/vscode/extension.test.ts')],
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

let executable;
try {
  executable = await downloadAndUnzipVSCode({ version: '1.100.3', timeout: 30_000 });
} catch (error) {
  console.log(`VS Code could not be downloaded here (${error instanceof Error ? error.message.split('\n')[0] : error}), so the @vscode/test-electron suite did not run.`);
  console.log('The same scenarios run in a real VS Code through code-server: npm run test:e2e.');
  process.exit(strict ? 1 : 0);
}

try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(out, 'index.js'),
    launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`The VS Code extension tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
