#!/usr/bin/env node
// Installs what the real-editor e2e run needs, idempotently:
//   - Debian's chromium, ripgrep and libkrb5-dev (apt), when missing;
//   - code-server 4.100.3 into a cache folder outside the repo,
//     ${MKTPLAN_E2E_CACHE:-$HOME/.cache/mktplan-e2e}/code-server-4.100.3,
//     following shared/design/real-editor-testing.md: `npm install
//     --ignore-scripts`, then code-server's postinstall done by hand (its own
//     postinstall would download ripgrep from the internet).
// A marker file is written only when the install is complete; a folder
// without it is removed and installed again.
//
// Usage: node test/e2e/setup.mjs        (run.mjs calls it too)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
export const RIPGREP = '/usr/bin/rg';
const MARKER_NAME = '.mktplan-e2e-complete';

export function cacheRoot() {
  return process.env.MKTPLAN_E2E_CACHE || path.join(os.homedir(), '.cache', 'mktplan-e2e');
}

export function codeServerRoot() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server package folder inside the install. */
export function codeServerPackage() {
  return path.join(codeServerRoot(), 'node_modules', 'code-server');
}

/** code-server's entry script; run it with this Node (`node entry.js ...`). */
export function codeServerEntry() {
  return path.join(codeServerPackage(), 'out', 'node', 'entry.js');
}

function log(msg) {
  console.log(`[e2e setup] ${msg}`);
}

/**
 * Environment for npm children: the caller's, minus what `npm run` adds that
 * points at /work/main (so the nested npm does not think it is in the repo),
 * plus npm_config_yes=true (node-pty's build calls `npx node-gyp`).
 */
function npmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (
      k.startsWith('npm_package_') ||
      k.startsWith('npm_lifecycle_') ||
      k === 'npm_config_local_prefix' ||
      k === 'npm_command' ||
      k === 'init_cwd' ||
      k === 'npm_config_yes'
    ) {
      delete env[key];
    }
  }
  env.npm_config_yes = 'true';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

function run(cmd, args, { cwd, env } = {}) {
  const where = cwd ? ` (in ${cwd})` : '';
  log(`$ ${[cmd, ...args].join(' ')}${where}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: env || process.env, stdio: 'inherit' });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal})${where}`);
  }
  log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function exists(p) {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function ensureApt({ needBuildDeps }) {
  const missing = [];
  if (!exists(CHROMIUM)) missing.push(`${CHROMIUM}`);
  if (!exists(RIPGREP)) missing.push(`${RIPGREP}`);
  // Only needed to build code-server's native modules (kerberos).
  if (needBuildDeps && !debInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) {
    log(`apt: ${CHROMIUM}, ${RIPGREP}${needBuildDeps ? ', libkrb5-dev' : ''} present; skipping apt-get`);
    return;
  }
  log(`apt: missing ${missing.join(', ')}; installing chromium ripgrep libkrb5-dev`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('apt-get needs root: run `apt-get install -y chromium ripgrep libkrb5-dev` as root');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', 'chromium', 'ripgrep', 'libkrb5-dev'], { env });
  for (const p of [CHROMIUM, RIPGREP]) {
    if (!exists(p)) throw new Error(`${p} still missing after apt-get install`);
  }
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(target, linkPath);
  log(`  ln -s ${target} ${linkPath}`);
}

function installCodeServer() {
  const root = codeServerRoot();
  const env = npmEnv();
  if (exists(root)) {
    log(`removing incomplete install at ${root}`);
    fs.rmSync(root, { recursive: true, force: true });
  }
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'mktplan-e2e-code-server', private: true }, null, 2) + '\n',
  );

  // 1. The package itself, without its postinstall (which would download rg).
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
  });
  const pkg = codeServerPackage();
  const vscode = path.join(pkg, 'lib', 'vscode');

  // 2. argon2 (password hashing; built from source, its prebuilt download fails here).
  run('npm', ['rebuild', 'argon2'], { cwd: root, env });

  // 3. VS Code's own dependencies, scripts off, then Debian's rg in place of
  //    the download, then the native builds.
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscode, env });
  const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync(RIPGREP, path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
  log(`  cp ${RIPGREP} ${path.join(rgDir, 'rg')}`);
  run('npm', ['rebuild'], { cwd: vscode, env });

  // 4. The links code-server's postinstall makes.
  symlink('node_modules', path.join(vscode, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));

  // 5. Built-in extensions' shared dependencies.
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: path.join(vscode, 'extensions'), env });

  // 6. Smoke check, then the marker.
  //    (code-server writes a config file and a log folder at every start:
  //    point them at a throwaway folder, not the home folder.)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mktplan-e2e-setup-'));
  let r;
  try {
    r = spawnSync(process.execPath, [codeServerEntry(), '--version'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        HOME: scratch,
        XDG_CONFIG_HOME: path.join(scratch, 'config'),
        XDG_DATA_HOME: path.join(scratch, 'data'),
        XDG_CACHE_HOME: path.join(scratch, 'cache'),
      },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const versionLine = (r.stdout || '').split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
  if (r.status !== 0 || !versionLine) {
    throw new Error(`code-server --version failed: ${r.stdout}${r.stderr}`);
  }
  log(`code-server --version: ${versionLine}`);
  fs.writeFileSync(path.join(root, MARKER_NAME), `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
}

export function setup() {
  const t0 = Date.now();
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 (engines.node "20"); this is Node ${process.versions.node}`);
  }
  const marker = path.join(codeServerRoot(), MARKER_NAME);
  const needCodeServer = !exists(marker);
  ensureApt({ needBuildDeps: needCodeServer });
  if (needCodeServer) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerRoot()}`);
    installCodeServer();
  } else {
    log(`code-server ${CODE_SERVER_VERSION} already installed at ${codeServerRoot()}`);
  }
  log(`setup finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    setup();
  } catch (err) {
    console.error(`[e2e setup] FAILED: ${err.message}`);
    process.exit(1);
  }
}
