// What the real-editor runs share: the packaged extension installed into
// code-server 4.100.3 (VS Code 1.100.3 in a browser), driven through Debian's
// Chromium with playwright-core. run.mjs runs it in code-server's Node
// extension host, web.mjs in its web worker extension host; each keeps its own
// scenarios. See test/e2e/README.md and shared/design/real-editor-testing.md.
//
//   Environment (both runs):
//     MKTPLAN_E2E_VSIX    use this .vsix instead of /work/main/mktplan.vsix
//     MKTPLAN_E2E_CACHE   where code-server is installed (default ~/.cache/mktplan-e2e)
//     MKTPLAN_E2E_KEEP=1  keep the scratch folder (its path is printed)
//     MKTPLAN_E2E_HEADED=1  show the browser (needs a display)

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, codeServerEntry } from './setup.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const EXAMPLES = path.join(REPO, 'examples');
// The cross-file fixture (a strategy and plans that import it), copied into the workspace as nav/.
export const NAV_FIXTURE = path.join(REPO, 'test', 'fixtures', 'workspace');
export const NAV = 'nav';
// A copy of examples/draft.mktplan.yaml for the quick fix scenario (a name that quick open does not confuse with the draft's).
export const SWOT_FIX = 'swot-fix.mktplan.yaml';
// Another copy of the draft for the preview scenario, which edits it (its budget is over-allocated).
export const PREVIEW_PLAN = 'preview.mktplan.yaml';
// A plan that does not parse, written and removed by the preview scenario.
export const PREVIEW_BROKEN = 'preview-broken.mktplan.yaml';
// The typing scenarios' plans: a plan section to type a key in, free text, a list of strengths and a comment.
export const TYPING_PLAN = [
  'mktplan: "1"',
  'title: Typing',
  'organization:',
  '  name: Typing Co',
  'team:',
  '  - id: anna',
  '    role: cmo',
  '    name: Anna',
  'strategy:',
  '  owner: anna',
  '  vision: Good coffee',
  '  swot:',
  '    strengths:',
  '      - Own roastery',
  '# Notes',
  'plan:',
  '  owner: anna',
  '',
].join('\n');
// Values typed to their end while the suggest widget still offers them: a channel's type and the plan's owner.
export const ENTER_PLAN = [
  'mktplan: "1"',
  'title: Enter',
  'team:',
  '  - id: anna',
  '    role: marketing-manager',
  '  - id: annabel',
  '    role: marketing-specialist',
  'plan:',
  '  channels:',
  '    - id: fb',
  '',
].join('\n');
export const BRACKETS_PLAN = ['mktplan: "1"', 'title: Brackets', 'organization:', '  name: ', 'plan:', '  owner: anna', '  implements: ', ''].join('\n');
export const SCREENSHOTS = path.join(HERE, 'screenshots');
export const WAIT_MS = 60_000; // the bound on every wait for the UI or a server

export const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
export const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

// ---------------------------------------------------------------------------
// Clean-up: always, also on Ctrl+C and SIGTERM.
// ---------------------------------------------------------------------------

export const state = { scratch: null, codeServer: null, context: null, cleaning: null, aborted: false };

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function killCodeServer() {
  const child = state.codeServer;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(hard);
      resolve();
    };
    child.once('exit', done);
    const group = (sig) => {
      try {
        process.kill(-child.pid, sig); // the whole group: extension host, language server
      } catch {
        /* already gone */
      }
    };
    group('SIGTERM');
    const hard = setTimeout(() => {
      group('SIGKILL');
      setTimeout(resolve, 1000);
    }, 5000);
  });
}

export async function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    if (state.context) {
      await withTimeout(state.context.close(), 15_000, 'closing the browser').catch((e) => log(`warning: ${e.message}`));
      state.context = null;
    }
    await killCodeServer();
    // Whatever is left in the group (a language server that ignored SIGTERM).
    if (state.codeServer) {
      try {
        process.kill(-state.codeServer.pid, 'SIGKILL');
      } catch {
        /* none left */
      }
    }
    if (state.scratch) {
      if (process.env.MKTPLAN_E2E_KEEP === '1') {
        log(`kept scratch folder ${state.scratch}`);
      } else {
        fs.rmSync(state.scratch, { recursive: true, force: true });
      }
      state.scratch = null;
    }
  })();
  return state.cleaning;
}

// Last resort when the process ends without the clean-up above (an uncaught
// error, a closed stdout): only synchronous work is possible here.
process.on('exit', () => {
  if (state.codeServer && state.codeServer.exitCode === null) {
    try {
      process.kill(-state.codeServer.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (state.scratch && process.env.MKTPLAN_E2E_KEEP !== '1') fs.rmSync(state.scratch, { recursive: true, force: true });
});
process.on('uncaughtException', (err) => {
  if (err && err.code === 'EPIPE') return; // stdout closed (| head): carry on, clean up normally
  console.error(`[e2e] uncaught: ${err?.stack || err}`);
  cleanup().finally(() => process.exit(1));
});
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
});

for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(sig, () => {
    console.log(`\n[e2e] ${sig}: cleaning up`);
    state.aborted = true;
    cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------
// Preparation: the .vsix, the scratch folder, code-server.
// ---------------------------------------------------------------------------

export function findVsix() {
  if (process.env.MKTPLAN_E2E_VSIX) {
    const p = path.resolve(process.env.MKTPLAN_E2E_VSIX);
    if (!fs.existsSync(p)) throw new Error(`MKTPLAN_E2E_VSIX=${p} does not exist`);
    return p;
  }
  const p = path.join(REPO, 'mktplan.vsix');
  if (!fs.existsSync(p)) {
    log(`${p} is missing: running \`npm run package\` once`);
    const r = spawnSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0 || !fs.existsSync(p)) {
      throw new Error(`\`npm run package\` did not produce ${p} (exit ${r.status})`);
    }
  }
  return p;
}

/** The scratch folder: extensions, user data with the run's settings (and `settings` on top), the workspace. */
export function makeScratch({ settings: extraSettings = {} } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mktplan-e2e-'));
  state.scratch = scratch;
  const dirs = {
    scratch,
    extensions: path.join(scratch, 'extensions'),
    userData: path.join(scratch, 'user-data'),
    workspace: path.join(scratch, 'workspace'),
    serverHome: path.join(scratch, 'server-home'),
    browserHome: path.join(scratch, 'browser-home'),
    browserProfile: path.join(scratch, 'browser-profile'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });

  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.editor.enablePreview': false,
    // No suggestions by themselves in other languages. Plans get the extension's
    // `[mktplan]` defaults instead (a setting for a language wins over a general
    // one, even a user's): keys are suggested as they are typed, and nothing in
    // values, free text or comments. The typing-suggest scenario checks them;
    // the other scenarios ask with Ctrl+Space and cope with a widget that opened
    // by itself. Trigger characters are on, as in VS Code by default.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.wordBasedSuggestions': 'off',
    'editor.acceptSuggestionOnEnter': 'on',
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
    'editor.wordWrap': 'off',
    // The fixture's titles hold en dashes, which VS Code boxes as ambiguous characters: noise in the screenshots.
    'editor.unicodeHighlight.ambiguousCharacters': false,
    'workbench.tree.enableStickyScroll': false,
    'files.autoSave': 'off',
    'git.enabled': false,
    ...extraSettings,
  };
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');

  fs.cpSync(EXAMPLES, dirs.workspace, { recursive: true });
  // Scenario c: a plan that lacks most of its keys.
  fs.writeFileSync(
    path.join(dirs.workspace, 'new.mktplan.yaml'),
    [
      'mktplan: "1"',
      'title: A new plan',
      'organization:',
      '  name: New Co',
      'team:',
      '  - id: anna',
      '    role: marketing-manager',
      '    name: Anna',
      'plan:',
      '  owner: anna',
      '',
    ].join('\n'),
  );
  // Scenario d: an empty file.
  fs.writeFileSync(path.join(dirs.workspace, 'fresh.mktplan.yaml'), '');
  // The navigation scenarios: nav/strategy.mktplan.yaml and nav/plans/*.mktplan.yaml.
  fs.cpSync(NAV_FIXTURE, path.join(dirs.workspace, NAV), { recursive: true });
  // The quick fix scenario works on a copy of the draft, so that the draft stays as the problems scenario expects.
  fs.copyFileSync(path.join(EXAMPLES, 'draft.mktplan.yaml'), path.join(dirs.workspace, SWOT_FIX));
  // The preview scenario edits its own copy of the draft.
  fs.copyFileSync(path.join(EXAMPLES, 'draft.mktplan.yaml'), path.join(dirs.workspace, PREVIEW_PLAN));
  // The typing scenarios.
  fs.writeFileSync(path.join(dirs.workspace, 'typing.mktplan.yaml'), TYPING_PLAN);
  fs.writeFileSync(path.join(dirs.workspace, 'brackets.mktplan.yaml'), BRACKETS_PLAN);
  fs.writeFileSync(path.join(dirs.workspace, 'enter.mktplan.yaml'), ENTER_PLAN);
  return dirs;
}

/** HOME, XDG_* and TMPDIR pointed into `home`, so nothing lands in the real home or /tmp. */
export function isolatedEnv(home) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(npm_|INIT_CWD$|VSCODE_)/i.test(k)) delete env[k];
  }
  for (const d of ['config', 'data', 'cache', 'state', 'tmp', 'runtime']) {
    fs.mkdirSync(path.join(home, d), { recursive: true, mode: 0o700 });
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_RUNTIME_DIR: path.join(home, 'runtime'),
    TMPDIR: path.join(home, 'tmp'),
  };
}

/** code-server's own installer: the .vsix unpacked into `extensionsDir` (by default the one code-server runs with). */
export function installExtension(dirs, vsix, env, { extensionsDir = dirs.extensions, userData = dirs.userData } = {}) {
  log(`installing ${vsix}`);
  const r = spawnSync(
    process.execPath,
    [codeServerEntry(), '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userData],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension failed (exit ${r.status ?? r.signal}):\n${out}`);
  }
  log(out.trim().split('\n').filter((l) => /install/i.test(l)).pop() || 'installed');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

export async function startCodeServer(dirs, env) {
  const port = await freePort();
  const logFile = path.join(dirs.scratch, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    codeServerEntry(),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir',
    dirs.extensions,
    '--user-data-dir',
    dirs.userData,
  ];
  log(`starting code-server on 127.0.0.1:${port}`);
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  state.codeServer = child;
  state.codeServerLog = logFile;

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    }
    if ((await httpStatus(`${base}/healthz`)) === 200) {
      log(`code-server is up (${base}/healthz)`);
      return base;
    }
    await new Promise((r) => setTimeout(r, 250)); // polling interval, not a wait for the UI
  }
  throw new Error(`code-server did not answer ${base}/healthz within ${WAIT_MS / 1000} s:\n${tail(logFile)}`);
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------
// Workbench helpers (DOM selectors of VS Code 1.100).
// ---------------------------------------------------------------------------

export const SEL = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeTab: '.part.editor .tabs-container .tab.active',
  editor: '.part.editor .editor-instance .monaco-editor',
  markers: '.markers-panel',
  // Rows of the tree itself, not the sticky header copies above it.
  markerRows: '.markers-panel .monaco-list-rows > .monaco-list-row',
  hover: '.monaco-editor .monaco-hover',
  suggest: '.monaco-editor .suggest-widget.visible',
  suggestRows: '.monaco-editor .suggest-widget.visible .monaco-list-row',
};

/** Poll `fn` until it returns a truthy value; throw `what` after `ms`. */
export async function waitFor(page, fn, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await page.waitForTimeout(200); // polling interval between checks of a condition
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
}

export const text = (s) => (s || '').replace(/\u00a0/g, ' ');

/** Wait until the page has painted twice (after a scroll, before reading the DOM again). */
export const painted = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * The lines the visible editor renders now, as 1-based line number -> text
 * (Monaco renders only the lines in view, and not in DOM order: lines are
 * matched to their numbers in the gutter by their vertical position).
 */
export async function editorLines(page) {
  const pairs = await page.$$eval(SEL.editor, (editors) => {
    const ed = editors.find((e) => e.offsetParent !== null);
    if (!ed) return [];
    const numbers = new Map();
    for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
      const top = n.parentElement?.style.top || n.style.top;
      numbers.set(parseFloat(top), Number(n.textContent.trim()));
    }
    return [...ed.querySelectorAll('.view-lines .view-line')].map((l) => [numbers.get(parseFloat(l.style.top)), l.textContent || '']);
  });
  return new Map(pairs.filter(([n]) => Number.isInteger(n) && n > 0).map(([n, t]) => [n, text(t)]));
}

/**
 * The diagnostic squiggles the visible editor draws now, as 1-based line
 * number -> severities ("error", "warning", "info", "hint"), and "unnecessary" where a finding
 * tagged Unnecessary fades the text instead, for the lines in view.
 */
export async function editorSquiggles(page) {
  const pairs = await page.$$eval(SEL.editor, (editors) => {
    const ed = editors.find((e) => e.offsetParent !== null);
    if (!ed) return [];
    const numbers = new Map();
    for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
      numbers.set(parseFloat(n.parentElement?.style.top || n.style.top), Number(n.textContent.trim()));
    }
    const out = [];
    for (const row of ed.querySelectorAll('.view-overlays > div')) {
      const kinds = [...row.querySelectorAll('[class*="squiggly-"]')]
        .flatMap((d) => [...d.classList])
        .filter((c) => /^squiggly-(error|warning|info|hint)$/.test(c))
        .map((c) => c.slice('squiggly-'.length));
      if (kinds.length) out.push([numbers.get(parseFloat(row.style.top)), kinds]);
    }
    // Unnecessary code is faded by an inline decoration on the text itself, not drawn in the overlays.
    for (const line of ed.querySelectorAll('.view-lines > .view-line')) {
      if (line.querySelector('.squiggly-inline-unnecessary')) out.push([numbers.get(parseFloat(line.style.top)), ['unnecessary']]);
    }
    return out;
  });
  const map = new Map();
  for (const [n, kinds] of pairs) if (Number.isInteger(n)) map.set(n, new Set([...(map.get(n) || []), ...kinds]));
  return map;
}

/** The whole text of the visible editor, read by scrolling it top to bottom with the mouse wheel. */
export async function editorFullText(page) {
  const box = await page.locator(SEL.editor).filter({ visible: true }).first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const toTop = async () => {
    // One wheel step per page: a single huge delta is not applied in full.
    for (let i = 0; i < 500 && !(await editorLines(page)).has(1); i++) {
      await page.mouse.wheel(0, -Math.max(100, box.height - 60));
      await painted(page);
    }
  };
  await toTop();
  const all = new Map();
  for (let i = 0; i < 200; i++) {
    const before = all.size;
    for (const [n, t] of await editorLines(page)) all.set(n, t);
    if (i > 0 && all.size === before) break;
    await page.mouse.wheel(0, Math.max(100, box.height - 60));
    await painted(page);
  }
  await toTop(); // back to the top, as a person would look at it
  const max = Math.max(0, ...all.keys());
  return Array.from({ length: max }, (_, i) => all.get(i + 1) ?? '').join('\n');
}

export async function visibleTexts(page, selector) {
  return page.$$eval(selector, (els) =>
    els.filter((e) => e.offsetParent !== null || e.getClientRects().length > 0).map((e) => e.innerText || e.textContent || ''),
  );
}

export async function openWorkbench(page, base, workspace) {
  const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: WAIT_MS });
  await page.waitForSelector(SEL.workbench, { timeout: WAIT_MS });
  // The explorer lists the workspace once the remote file system answers.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: WAIT_MS });
  log('workbench is up');
}

/**
 * Ctrl+P, type the name, Enter once the focused row is that file; wait for its tab.
 * With `dir` (relative to the workspace, e.g. "nav/plans"), the file in that folder,
 * when other folders have a file of the same name.
 */
export async function quickOpen(page, name, dir) {
  const open = () =>
    waitFor(
      page,
      async () => {
        if (!(await page.isVisible(SEL.quickInputBox))) {
          await page.keyboard.press('Control+P');
          await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: 5000 }).catch(() => {});
        }
        return page.isVisible(SEL.quickInputBox);
      },
      'quick open (Ctrl+P)',
    );
  await open();
  await page.keyboard.type(dir ? `${dir}/${name}` : name);
  let typedAt = Date.now();
  await waitFor(
    page,
    async () => {
      // A file written a moment ago may be missing from the list quick open made when it opened: again after 10 s.
      if (Date.now() - typedAt > 10_000) {
        await page.keyboard.press('Escape');
        await waitFor(page, () => page.isHidden(SEL.quickInputBox), 'quick open to close', 5000).catch(() => {});
        await open();
        await page.keyboard.type(dir ? `${dir}/${name}` : name);
        typedAt = Date.now();
        return false;
      }
      const focused = await page.$$eval(`${SEL.quickInputRows}.focused`, (els) =>
        els.map((e) => ({
          name: (e.querySelector('.label-name')?.textContent || '').trim(),
          dir: (e.querySelector('.label-description')?.textContent || '').trim(),
          text: e.innerText || e.textContent || '',
        })),
      );
      return focused.some((r) => (dir ? r.name === name && r.dir === dir : r.text.includes(name)));
    },
    `quick open to list ${dir ? `${dir}/` : ''}${name}`,
  ).catch(async (e) => {
    const rows = await visibleTexts(page, SEL.quickInputRows).catch(() => []);
    throw new Error(`${e.message} (it lists ${JSON.stringify(rows.map((t) => text(t).replace(/\s+/g, ' ').trim()).slice(0, 6))})`);
  });
  await page.keyboard.press('Enter');
  await waitFor(
    page,
    async () => {
      const tab = await visibleTexts(page, SEL.activeTab);
      if (!tab.some((t) => t.includes(name)) || !(await page.isHidden(SEL.quickInputBox))) return false;
      return !dir || (await activeEditorPath(page)) === `${dir}/${name}`;
    },
    `the editor tab of ${dir ? `${dir}/` : ''}${name}`,
  );
  await page.waitForSelector(`${SEL.editor} .view-lines`, { timeout: WAIT_MS });
  // Keyboard focus in the editor's text area.
  await waitFor(
    page,
    () => page.evaluate(() => !!document.activeElement?.closest('.part.editor .monaco-editor')),
    `keyboard focus in the editor of ${name}`,
  );
}

/**
 * The workspace-relative path of the active editor's file, as its breadcrumbs show it
 * ("nav/plans/south.mktplan.yaml"): the folder and file items, without the symbols after them.
 */
export async function activeEditorPath(page) {
  const crumbs = await page.$$eval(
    '.part.editor .editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item',
    (items) =>
      items
        .filter((i) => i.getClientRects().length > 0)
        .map((i) => ({
          text: (i.textContent || '').trim(),
          // Folders and the file are items of class "folder" and "file"; symbols, "outline-element".
          file: i.classList.contains('folder') || i.classList.contains('file'),
        })),
  );
  return crumbs
    .filter((c) => c.file)
    .map((c) => c.text)
    .join('/');
}

/** The cursor as the status bar shows it: { line, column }, 1-based, or null. */
export async function cursorPosition(page) {
  const status = await visibleTexts(page, '.statusbar-item[id$="status.editor.selection"]');
  const m = status.map((s) => /Ln (\d+), Col (\d+)/.exec(s)).find(Boolean);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** F1, the command's name as the palette lists it, Enter once that row is focused. */
export async function runCommand(page, label) {
  await waitFor(
    page,
    async () => {
      // Some other quick input (quick open, Go to Line) is not the palette: close it first.
      if ((await page.isVisible(SEL.quickInputBox)) && !(await page.inputValue(SEL.quickInputBox)).startsWith('>')) {
        await page.keyboard.press('Escape');
        await waitFor(page, () => page.isHidden(SEL.quickInputBox), 'the quick input to close', 5000).catch(() => {});
      }
      if (!(await page.isVisible(SEL.quickInputBox))) {
        await page.keyboard.press('F1');
        await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: 5000 }).catch(() => {});
      }
      return page.isVisible(SEL.quickInputBox);
    },
    'the command palette (F1)',
  );
  await page.keyboard.type(label);
  // The first row is focused; where other commands' names hold this one's (View: Close Editor, View: Close All
  // Editors...), the Down key walks to it.
  await waitFor(
    page,
    async () => {
      if ((await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === label)) return true;
      if ((await visibleTexts(page, `${SEL.quickInputRows} .label-name`)).some((t) => text(t).trim() === label)) await page.keyboard.press('ArrowDown');
      return false;
    },
    `the command palette to list "${label}"`,
  ).catch(async (e) => {
    const rows = await visibleTexts(page, `${SEL.quickInputRows} .label-name`).catch(() => []);
    throw new Error(`${e.message} (it lists ${JSON.stringify(rows.map((t) => text(t).trim()).slice(0, 8))})`);
  });
  await page.keyboard.press('Enter');
  await waitFor(page, () => page.isHidden(SEL.quickInputBox), `the command palette to close after "${label}"`);
}

/** Hide the panel (Problems, left open by the problems scenario), for a larger editor in the screenshots. */
export async function hidePanel(page) {
  if (!(await page.isVisible('.part.panel'))) return;
  await runCommand(page, 'View: Hide Panel');
  await waitFor(page, () => page.isHidden('.part.panel'), 'the panel to hide', 10_000);
}

/**
 * Type `value` into the Problems panel's filter box (empty clears it), and wait for the panel to apply it.
 * Best effort: only the screenshots depend on it.
 */
export async function filterProblems(page, value) {
  const box = page.locator('.part.panel .viewpane-filter input').filter({ visible: true }).first();
  try {
    await box.fill(value, { timeout: 5000 });
    await waitFor(page, async () => (await box.inputValue()) === value, `the Problems filter to read "${value}"`, 5000);
    await painted(page);
  } catch (e) {
    log(`note: could not set the Problems filter to "${value}": ${e.message}`);
  }
}

/** The 1-based line and column of `word` on the first line of a workspace file that matches `re`. */
export function findInWorkspaceFile(dirs, file, re, word) {
  const lines = readWorkspaceLines(dirs, file);
  const idx = lines.findIndex((l) => re.test(l));
  if (idx < 0) throw new Error(`no line matching ${re} in ${file}`);
  const col = lines[idx].indexOf(word);
  if (col < 0) throw new Error(`no "${word}" on line ${idx + 1} of ${file}`);
  return { line: idx + 1, column: col + 1, text: lines[idx] };
}

/** Ctrl+G to 1-based line:column, then wait until the status bar shows it. */
export async function goToLine(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: WAIT_MS });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitFor(
    page,
    async () => {
      const status = await visibleTexts(page, '.statusbar-item[id$="status.editor.selection"]');
      return (await page.isHidden(SEL.quickInputBox)) && status.some((s) => s.includes(`Ln ${line}, Col ${column}`));
    },
    `the cursor at Ln ${line}, Col ${column}`,
  );
}

/** Open the suggest widget with Ctrl+Space and wait for rows (not "Loading..."). */
export async function triggerSuggest(page) {
  // A widget that opened by itself (a key being typed, a trigger character) is used as it is: Ctrl+Space on an
  // open widget would toggle its details pane instead, which VS Code then keeps open for later scenarios.
  if (!(await page.isVisible(SEL.suggest))) await page.keyboard.press('Control+Space');
  return waitFor(
    page,
    async () => {
      if ((await visibleTexts(page, SEL.suggestRows)).length > 0) return 'rows';
      const msg = (await visibleTexts(page, '.monaco-editor .suggest-widget .message')).join(' ').trim();
      return msg && !/loading/i.test(msg) ? msg : false;
    },
    'the suggest widget after Ctrl+Space',
  );
}

/**
 * Ctrl+Space, all items; again (Escape, Ctrl+Space) while `good(items)` is
 * false, up to `ms` (suggestions asked for before the language server is
 * ready come back empty). Returns the last items.
 */
export async function suggestUntil(page, good, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  let items = [];
  for (let attempt = 1; ; attempt++) {
    const got = await triggerSuggest(page);
    items = got === 'rows' ? await suggestItems(page) : [];
    if (good(items) || Date.now() + 5000 > deadline) return items;
    log(`suggestions attempt ${attempt}: ${got === 'rows' ? items.map((i) => i.label).join(', ') : got}; asking again`);
    await page.keyboard.press('Escape');
    await waitFor(page, async () => !(await page.isVisible(SEL.suggest)), 'the suggest widget to close', 5000).catch(() => {});
    await page.waitForTimeout(2000); // spacing between retries of a request, not a wait for the UI
  }
}

/**
 * Every item of the open suggest widget, by walking it with the Down key
 * (the list only renders the rows in view). Leaves the first item focused.
 */
export async function suggestItems(page, max = 200) {
  const focusedLabel = async () => {
    const rows = await page.$$eval(`${SEL.suggestRows}.focused`, (els) =>
      els.map((e) => ({
        label: (e.querySelector('.label-name')?.textContent || '').trim(),
        detail: (e.querySelector('.details-label')?.textContent || '').trim(),
        aria: e.getAttribute('aria-label') || '',
        index: e.getAttribute('data-index'),
      })),
    );
    return rows[0];
  };
  const items = [];
  const seen = new Set();
  for (let i = 0; i < max; i++) {
    const row = await waitFor(page, focusedLabel, 'a focused suggestion', 5000);
    if (seen.has(row.index)) break; // wrapped around to the first
    seen.add(row.index);
    items.push(row);
    if ((await visibleTexts(page, SEL.suggestRows)).length === 1) break; // a single item
    await page.keyboard.press('ArrowDown');
    const moved = await waitFor(
      page,
      async () => (await focusedLabel())?.index !== row.index,
      'the next suggestion',
      3000,
    ).catch(() => false);
    if (!moved) break; // a single item
  }
  return items;
}

/** Rows of the Problems panel, collected while scrolling (it only renders rows in view). */
export async function problemRows(page) {
  const collect = () =>
    page.$$eval(SEL.markerRows, (els) =>
      els.map((e) => ({
        index: e.getAttribute('data-index'),
        level: Number(e.getAttribute('aria-level') || 0),
        name: (e.querySelector('.label-name')?.textContent || '').trim(),
        aria: e.getAttribute('aria-label') || '',
        text: (e.innerText || '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim(),
      })),
    );
  // A list with rows draws some wherever it is scrolled: none drawn is an empty list, with nothing to
  // scroll (nor to hover, which would wait for it as long as any wait).
  if ((await collect()).length === 0) return [];
  const byIndex = new Map();
  const list = page.locator('.markers-panel .monaco-list').first();
  await list.hover().catch(() => {});
  for (let i = 0; i < 100; i++) {
    // To the top, one wheel step at a time, until the first row is drawn.
    const first = await page.$$eval(SEL.markerRows, (els) => els.some((e) => e.getAttribute('data-index') === '0'));
    if (first) break;
    await page.mouse.wheel(0, -400);
    await painted(page);
  }
  // Down to the end: a busy machine may draw the rows a wheel step brings a few frames late, so the
  // end is where three steps in a row bring none.
  for (let i = 0, idle = 0; i < 80 && idle < 3; i++) {
    const before = byIndex.size;
    for (const r of await collect()) byIndex.set(r.index, r);
    idle = i > 0 && byIndex.size === before ? idle + 1 : 0;
    await page.mouse.wheel(0, 200);
    await painted(page);
  }
  // Each marker row (level 2) under the file row (level 1) it belongs to.
  let file = '';
  return [...byIndex.entries()]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, r]) => {
      if (r.level === 1) {
        // "12 problems in file draft.mktplan.yaml of folder ." (the folder relative to the workspace)
        const m = /in file (.+) of folder (.+)$/.exec(r.aria);
        file = m ? (m[2] === '.' ? m[1] : `${m[2]}/${m[1]}`) : r.name;
      }
      return { ...r, file };
    });
}

/**
 * Shows the hover at the cursor (Ctrl+K Ctrl+I) until its text satisfies `accept`, asking again
 * every 10 s: a hover asked for before the language server is ready stays empty.
 */
export async function showHover(page, accept, what) {
  let asked = 0;
  await waitFor(
    page,
    async () => {
      if (accept(text((await visibleTexts(page, SEL.hover)).join('\n')))) return true;
      if (Date.now() - asked > 10_000) {
        if (asked) await page.keyboard.press('Escape');
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        asked = Date.now();
      }
      return false;
    },
    what,
  );
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' }).catch((e) => log(`warning: screenshot ${name}: ${e.message}`));
  return file;
}

export async function pressEscapes(page, n = 2) {
  for (let i = 0; i < n; i++) await page.keyboard.press('Escape');
}

/**
 * The preview's document. A webview in code-server is an iframe (VS Code's host page, `pre/index.html`)
 * holding another (the extension's page): the frame whose document holds `#report`, or null.
 */
export async function previewFrame(page) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.isDetached()) continue;
    const found = await withTimeout(
      frame.evaluate(() => document.getElementById('report') !== null).catch(() => false),
      500, // a frame that is still loading answers once loaded: not waited for here, asked again at the next poll
      'a frame',
    ).catch(() => false);
    if (found) return frame;
  }
  return null;
}

/**
 * What the preview shows now, or null while there is no preview: the headings of its sections, the budget
 * section's text, the notice (null while hidden), the timeline's table (each row as its cells' texts) and charts.
 */
export async function previewState(page) {
  const frame = await previewFrame(page);
  if (!frame) return null;
  return frame
    .evaluate(() => {
      const notice = document.getElementById('notice');
      const timeline = document.getElementById('timeline');
      return {
        sections: [...document.querySelectorAll('#report section > h2')].map((h) => h.textContent.trim()),
        budget: document.getElementById('budget')?.innerText ?? '',
        notice: notice && !notice.hidden ? notice.innerText.trim() : null,
        rows: [...(timeline?.querySelectorAll('table tbody tr') ?? [])].map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
        charts: [...(timeline?.querySelectorAll('figure.chart') ?? [])].map((figure) => figure.textContent),
      };
    })
    .catch(() => null);
}

// ---------------------------------------------------------------------------
// Reading the installed extension and the workspace.
// ---------------------------------------------------------------------------

/**
 * The default severity of each rule, from the installed extension's
 * contributes.configuration ("mktplan.rules" properties), or {} if it has none.
 */
export function ruleSeverities(dirs) {
  // The extensions code-server runs, and those unpacked for a browser to install (web.mjs).
  const folders = [dirs.extensions, dirs.staging].filter((root) => root && fs.existsSync(root)).flatMap((root) => fs.readdirSync(root).map((d) => path.join(root, d)));
  for (const folder of folders) {
    const pj = path.join(folder, 'package.json');
    if (!fs.existsSync(pj)) continue;
    const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
    if (!(pkg.contributes?.languages || []).some((l) => l.id === 'mktplan')) continue;
    const configs = [pkg.contributes.configuration || []].flat();
    const rules = configs.map((c) => c.properties?.['mktplan.rules']).find(Boolean);
    const out = {};
    for (const [code, schema] of Object.entries(rules?.properties || {})) out[code] = schema.default;
    return out;
  }
  return {};
}

export function readWorkspaceLines(dirs, file) {
  return fs.readFileSync(path.join(dirs.workspace, file), 'utf8').split(/\r?\n/);
}

// ---------------------------------------------------------------------------
// The run: the browser, the scenarios one after the other, the closing lines.
// ---------------------------------------------------------------------------

/** Chromium on a fresh profile, its home in the scratch folder; the page, and the page errors heard. */
export async function launchBrowser(dirs) {
  log('launching Chromium');
  state.context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: process.env.MKTPLAN_E2E_HEADED !== '1',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ].filter((a) => a !== '--headless' || process.env.MKTPLAN_E2E_HEADED !== '1'),
    env: isolatedEnv(dirs.browserHome),
    viewport: { width: 1400, height: 1000 },
    timeout: WAIT_MS,
  });
  const page = state.context.pages()[0] || (await state.context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { page, pageErrors };
}

/** The scenarios named on the command line (all when none is), or an error naming the unknown ones. */
export function chooseScenarios(scenarios, only) {
  const chosen = only.length ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
  if (only.length && chosen.length !== only.length) {
    throw new Error(`unknown scenario in ${only.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  }
  return chosen;
}

/** Each scenario in turn: `ok <name>` or `FAILED <name>: <reason>` (with its screenshot), whatever the others did. */
export async function runScenarios(page, dirs, chosen) {
  let passed = 0;
  let failed = 0;
  for (const s of chosen) {
    if (state.aborted) break;
    const start = Date.now();
    try {
      await s.run.call(s, page, dirs);
      passed++;
      console.log(`ok ${s.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    } catch (err) {
      if (state.aborted) break;
      failed++;
      let reason = err.message;
      if (s.describeFailure) reason += `; ${await s.describeFailure(page).catch(() => '')}`;
      if (!fs.existsSync(path.join(SCREENSHOTS, `${s.shot}.png`))) await screenshot(page, s.shot);
      console.log(`FAILED ${s.name}: ${reason}`);
      await pressEscapes(page).catch(() => {});
    }
  }
  return { passed, failed };
}

/** On failure, keep code-server's and VS Code's logs beside the screenshots, in screenshots/<folder>. */
export function saveLogs(dirs, folder = 'logs') {
  const dest = path.join(SCREENSHOTS, folder);
  try {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    if (state.codeServerLog) fs.copyFileSync(state.codeServerLog, path.join(dest, 'code-server.log'));
    const vsLogs = path.join(dirs.userData, 'logs');
    if (fs.existsSync(vsLogs)) fs.cpSync(vsLogs, path.join(dest, 'vscode'), { recursive: true });
    log(`logs saved in ${dest}`);
  } catch (e) {
    log(`warning: could not save logs: ${e.message}`);
  }
}

/**
 * Runs `main` (which returns { passed, failed }), cleans up whatever happened, prints the closing
 * `N passed, N failed` and ends the process: exit 1 if anything failed, or if the run could not start
 * (that counts as `FAILED e2e-setup`). `before` runs first, inside the same guard.
 */
export async function runToExit(main, before = () => {}) {
  let result = { passed: 0, failed: 0 };
  let fatal = null;
  try {
    before();
    result = await main();
  } catch (err) {
    fatal = err;
  } finally {
    await cleanup();
  }
  if (fatal) {
    console.log(`FAILED e2e-setup: ${fatal.message}`);
    result.failed += 1;
  }
  log(`done in ${elapsed()}`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exit(result.failed ? 1 : 0);
}
