// Builds the .vsix: production bundles, then vsce with everything bundled (no node_modules inside).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'mktplan.vsix');
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: root, stdio: 'inherit' });

/** Names in a zip file, read from its central directory. */
function zipEntries(file) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names = [];
  for (let index = 0; index < count; index++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// A .vsix is a zip: list it to prove nothing from node_modules went in.
const require = createRequire(import.meta.url);
const entries = zipEntries(out);
const leaked = entries.filter((entry) => entry.includes('node_modules/'));
if (leaked.length > 0) {
  console.error(`mktplan.vsix contains node_modules: ${leaked.slice(0, 5).join(', ')}`);
  process.exit(1);
}
const kib = (statSync(out).size / 1024).toFixed(0);
console.log(`mktplan.vsix: ${kib} KiB, ${entries.length} entries, no node_modules (vsce ${require('@vscode/vsce/package.json').version})`);
