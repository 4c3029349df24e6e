// Debian's Chromium for the web worker test and bench: the same binary and apt package as the
// real-editor run (test/e2e/setup.mjs), installed with apt when missing and we are root.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as nodePath from 'node:path';

export const chromiumPath = '/usr/bin/chromium';

export type ChromiumLookup = { found: true; path: string } | { found: false; reason: string };

function exists(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(nodePath.delimiter).some((folder) => folder !== '' && exists(nodePath.join(folder, command)));
}

/** Chromium's path, installing Debian's package first if it is missing; or why it cannot be had. */
export function findOrInstallChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ChromiumLookup {
  if (exists(chromiumPath)) return { found: true, path: chromiumPath };
  const command = 'apt-get update && apt-get install -y chromium';
  if (!onPath('apt-get')) return { found: false, reason: `${chromiumPath} is missing and there is no apt-get to install it (Debian: ${command})` };
  if (process.getuid?.() !== 0) return { found: false, reason: `${chromiumPath} is missing and apt-get needs root: run \`${command}\`` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    log(`[web] ${chromiumPath} is missing: apt-get ${args.join(' ')}`);
    // Output goes to stderr, so that a harness's report on stdout stays clean.
    const run = spawnSync('apt-get', args, { env, stdio: ['ignore', process.stderr, process.stderr], timeout: 15 * 60_000 });
    if (run.error || run.status !== 0) return { found: false, reason: `apt-get ${args.join(' ')} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`})` };
  }
  return exists(chromiumPath) ? { found: true, path: chromiumPath } : { found: false, reason: `apt-get installed chromium but ${chromiumPath} is still missing` };
}
