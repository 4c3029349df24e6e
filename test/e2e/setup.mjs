#!/usr/bin/env node
// Installs what the real-editor e2e run needs, idempotently:
//   - with apt, when missing: Debian's chromium and ripgrep; and, only while
//     code-server still has to be built, a C/C++ toolchain (gcc, g++, make,
//     python3: node-gyp builds its native modules) and libkrb5-dev;
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
// engines.node of code-server 4.100.3 is "20" (any 20.x), and its own
// postinstall stops on any other major version. Checked against the installed
// package.json after each install.
export const CODE_SERVER_NODE = '20';
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
 * plus npm_config_yes=true (node-pty's build calls `npx node-gyp`), plus
 * npm_config_nodedir = this Node's own prefix when its headers are there
 * (else node-gyp downloads them, which fails without internet).
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
  const prefix = path.dirname(path.dirname(process.execPath));
  if (!env.npm_config_nodedir && !env.NPM_CONFIG_NODEDIR && exists(path.join(prefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = prefix;
  }
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

export function exists(p) {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}

/** `command -v cmd`: is an executable named cmd on PATH? */
export function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, cmd), fs.constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

// What the setup needs from the system, and the Debian package that brings it.
// The run needs Chromium; rg is copied into code-server when it is installed.
const RUN_NEEDS = [
  { what: 'chromium', pkg: 'chromium', present: () => exists(CHROMIUM) },
  { what: 'rg', pkg: 'ripgrep', present: () => exists(RIPGREP) },
];
// Only to build code-server's native modules with node-gyp: argon2 (C),
// node-pty, spdlog, kerberos, native-watchdog (C++). None of them ships a
// binary that installs here: argon2 and kerberos would download theirs.
const BUILD_NEEDS = [
  { what: 'cc', pkg: 'gcc', present: () => onPath('cc') },
  { what: 'g++', pkg: 'g++', present: () => onPath('g++') },
  { what: 'make', pkg: 'make', present: () => onPath('make') },
  { what: 'python3', pkg: 'python3', present: () => onPath('python3') },
  { what: 'libkrb5-dev', pkg: 'libkrb5-dev', present: () => debInstalled('libkrb5-dev') },
];

function ensureSystemPackages({ needBuild }) {
  const needs = needBuild ? [...RUN_NEEDS, ...BUILD_NEEDS] : RUN_NEEDS;
  const missing = needs.filter((n) => !n.present());
  if (missing.length === 0) {
    log(`system: ${needs.map((n) => n.what).join(', ')} present; skipping apt-get`);
    return;
  }
  const pkgs = missing.map((n) => n.pkg);
  const cmd = `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
  log(`system: missing ${missing.map((n) => n.what).join(', ')}`);
  if (!onPath('apt-get')) {
    throw new Error(`no apt-get here: install ${missing.map((n) => n.what).join(', ')} by hand (Debian: ${cmd})`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`apt-get needs root: run \`${cmd}\` as root, then this setup again`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...pkgs], { env });
  const still = missing.filter((n) => !n.present());
  if (still.length > 0) {
    throw new Error(`still missing after apt-get install: ${still.map((n) => n.what).join(', ')}`);
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
  const engines = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).engines?.node;
  if (engines !== CODE_SERVER_NODE) {
    throw new Error(`code-server's engines.node is "${engines}", setup.mjs expects "${CODE_SERVER_NODE}": update CODE_SERVER_NODE`);
  }

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
  if (process.versions.node.split('.')[0] !== CODE_SERVER_NODE) {
    throw new Error(
      `Node ${process.versions.node}: code-server ${CODE_SERVER_VERSION} needs Node ${CODE_SERVER_NODE} ` +
        `(its engines.node is "${CODE_SERVER_NODE}"); run the e2e tests with Node ${CODE_SERVER_NODE}`,
    );
  }
  const marker = path.join(codeServerRoot(), MARKER_NAME);
  const needCodeServer = !exists(marker);
  ensureSystemPackages({ needBuild: needCodeServer });
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
