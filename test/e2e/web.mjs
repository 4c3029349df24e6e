#!/usr/bin/env node
// Real-editor end-to-end run in code-server's web worker extension host: the
// same packaged extension (mktplan.vsix), its browser entry (`browser` in its
// package.json) running in a web worker of the page, its language server in a
// worker of that worker, and no Node process of its own. It asserts first that
// the extension really runs there, then repeats the core scenarios of run.mjs.
// See test/e2e/README.md ("In the web worker extension host").
//
// Usage: node test/e2e/web.mjs [scenario-name ...]
//   Environment: as run.mjs (MKTPLAN_E2E_VSIX, MKTPLAN_E2E_CACHE, MKTPLAN_E2E_KEEP, MKTPLAN_E2E_HEADED), and
//     MKTPLAN_E2E_WEB_INSTALL=location  (the default) the .vsix unpacked, served on the loopback through
//                                       code-server's own /proxy/<port>/ and installed into the browser with
//                                       "Developer: Install Extension from Location...", as vscode.dev installs
//                                       an extension from its gallery
//     MKTPLAN_E2E_WEB_INSTALL=remote    the .vsix installed into code-server as run.mjs does, sent to the web
//                                       worker host by the user setting "remote.extensionKind": ["web"]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { setup } from './setup.mjs';
import {
  REPO,
  PREVIEW_PLAN,
  SCREENSHOTS,
  WAIT_MS,
  SEL,
  log,
  state,
  waitFor,
  text,
  visibleTexts,
  quickOpen,
  runCommand,
  hidePanel,
  screenshot,
  pressEscapes,
  previewFrame,
  previewState,
  chooseScenarios,
  findVsix,
  makeScratch,
  isolatedEnv,
  installExtension,
  freePort,
  startCodeServer,
  launchBrowser,
  openWorkbench,
  runScenarios,
  saveLogs,
  runToExit,
} from './common.mjs';
import { scenarios as nodeScenarios } from './run.mjs';

const ROUTES = ['location', 'remote'];
const ROUTE = process.env.MKTPLAN_E2E_WEB_INSTALL || 'location';
// VS Code's name for the worker of the web worker extension host (webWorkerExtensionHostIframe.html), and the
// start of the name it gives a worker that an extension creates there ("ExtensionHostWorker -> server.js").
const HOST_WORKER = 'ExtensionHostWorker';
const NESTED_WORKER = `${HOST_WORKER} -> `;
const INSTALL_COMMAND = 'Developer: Install Extension from Location...';

/** The unpacked extension: its folder and what its manifest says. */
function readExtension(root) {
  for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const folder = path.join(root, name);
    const manifest = path.join(folder, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (!(pkg.contributes?.languages || []).some((l) => l.id === 'mktplan')) continue;
    return { folder, name, id: `${pkg.publisher}.${pkg.name}`, displayName: pkg.displayName || pkg.name, browser: pkg.browser, main: pkg.main };
  }
  throw new Error(`no mktplan extension in ${root}`);
}

/** A browser entry is what this run is about: without one (or its file) there is nothing to run in a web worker. */
function checkBrowserEntry(extension, vsix) {
  if (!extension.browser) {
    throw new Error(`${vsix} has no "browser" entry in its package.json: nothing can run in the web worker extension host (package it with its browser build: npm run package)`);
  }
  const entry = path.join(extension.folder, extension.browser.replace(/^\.\//, ''));
  if (!fs.existsSync(entry) && !fs.existsSync(`${entry}.js`)) throw new Error(`${vsix} names "browser": "${extension.browser}", which it does not hold`);
  log(`${extension.id}: main ${extension.main ?? '(none)'}, browser ${extension.browser}`);
}

/** Adds user settings to the settings.json that makeScratch wrote (code-server reads it when it starts). */
function addUserSettings(dirs, settings) {
  const file = path.join(dirs.userData, 'User', 'settings.json');
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...settings }, null, 2) + '\n');
}

const CONTENT_TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.md': 'text/markdown', '.txt': 'text/plain' };

/**
 * Serves the unpacked extension, read-only, on the loopback. The browser reaches it through code-server's
 * /proxy/<port>/, on the workbench's own origin: the workbench's policy (connect-src 'self' ws: wss: https:) refuses
 * http on another port, and the worker host's (script-src ... http://localhost:*) a script from 127.0.0.1.
 */
async function serveExtension(folder) {
  const root = path.resolve(folder);
  const server = http.createServer((req, res) => {
    let file;
    try {
      file = path.resolve(root, `.${decodeURIComponent(new URL(req.url, 'http://localhost').pathname)}`);
    } catch {
      res.writeHead(400).end(); // not a path
      return;
    }
    const inside = file === root || file.startsWith(`${root}${path.sep}`);
    if (!['GET', 'HEAD'].includes(req.method) || !inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405).end();
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const port = await freePort();
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  server.unref(); // ends with the run
  log(`serving ${folder} on 127.0.0.1:${port}`);
  return port;
}

/**
 * F1, "Developer: Install Extension from Location...", the URL in the box it opens, Enter. The command shows
 * once the workbench has its web extension server (the context key hasWebServer), a moment after the window
 * shows; the palette lists what it could run when it opened, so it is opened again until the command shows.
 */
async function installFromLocation(page, url) {
  const listed = () => waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === INSTALL_COMMAND), 'the command', 5000).catch(() => false);
  let rows = [];
  await waitFor(
    page,
    async () => {
      if (await page.isVisible(SEL.quickInputBox)) {
        await page.keyboard.press('Escape');
        await waitFor(page, () => page.isHidden(SEL.quickInputBox), 'the palette to close', 5000).catch(() => {});
      }
      await page.keyboard.press('F1');
      await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: 5000 }).catch(() => {});
      await page.keyboard.type(INSTALL_COMMAND);
      if (await listed()) return true;
      rows = await visibleTexts(page, SEL.quickInputRows).catch(() => []);
      return false;
    },
    `the command palette to list "${INSTALL_COMMAND}"`,
  ).catch((e) => {
    throw new Error(`${e.message} (it lists ${JSON.stringify(rows.map((t) => text(t).replace(/\s+/g, ' ').trim()).slice(0, 6))})`);
  });
  await page.keyboard.press('Enter');
  // The same quick input comes back, empty, asking for the location.
  await waitFor(page, async () => (await page.isVisible(SEL.quickInputBox)) && (await page.inputValue(SEL.quickInputBox)) === '', 'the box asking for the location', 10_000);
  await page.keyboard.type(url);
  await page.keyboard.press('Enter');
  await waitFor(page, () => page.isHidden(SEL.quickInputBox), 'the location box to close', 10_000);
  const error = (await visibleTexts(page, '.monaco-dialog-box')).join(' ').trim();
  if (error) throw new Error(`${INSTALL_COMMAND} ${url}: ${text(error).replace(/\s+/g, ' ')}`);
}

/** The rows of Developer: Show Running Extensions, as { text } ("mktplan 0.1.0 web worker Activation: 40ms"). */
async function runningExtensions(page) {
  return (await visibleTexts(page, '.runtime-extensions-editor .monaco-list-row')).map((t) => ({ text: text(t).replace(/\s+/g, ' ').trim() }));
}

/** Every dedicated worker of the page (frames' included): its name, and whether it has Node's `process` and `require`. */
async function workersOf(page) {
  const out = [];
  for (const worker of page.workers()) {
    const found = await worker.evaluate(() => ({ name: self.name, process: typeof process, require: typeof require })).catch(() => null);
    if (found) out.push(found);
  }
  return out;
}

/** The processes in code-server's process group (its extension host, any language server it started), as "pid args". */
function codeServerProcesses() {
  const r = spawnSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return (r.stdout || '')
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m) => m && Number(m[2]) === state.codeServer.pid)
    .map((m) => `${m[1]} ${m[3]}`);
}

/** What code-server's Node extension host logged (userData/logs/<time>/exthost<n>/remoteexthost.log). */
function nodeHostLog(dirs) {
  const logs = path.join(dirs.userData, 'logs');
  const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).filter((f) => path.basename(f) === 'remoteexthost.log') : [];
  return files.map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n');
}

/**
 * The scenarios of this run. `activation.error` is what the extension host said when activating the extension
 * failed (heard in the console): then `host` fails with it at once, and the others are not run.
 */
function webScenarios(extension, activation) {
  const byName = new Map(nodeScenarios.map((s) => [s.name, s]));
  /** A scenario of run.mjs under a screenshot name of this run (its methods read the name as this.shot). */
  const again = (name, shot, extra = {}) => {
    if (!byName.has(name)) throw new Error(`run.mjs has no scenario "${name}"`);
    return { ...byName.get(name), shot, ...extra };
  };
  const scenarios = [
    {
      name: 'host',
      shot: 'web-host',
      async run(page, dirs) {
        // The plan opened activates the extension (onLanguage:mktplan).
        await quickOpen(page, 'draft.mktplan.yaml');
        // 1. VS Code's own word: Developer: Show Running Extensions labels each extension with its host,
        //    "web worker" for the web worker extension host, the remote's name for code-server's Node one.
        await runCommand(page, 'Developer: Show Running Extensions');
        let rows = [];
        const ours = () => rows.find((row) => row.text.startsWith(`${extension.displayName} `));
        await waitFor(
          page,
          async () => {
            rows = await runningExtensions(page);
            return activation.error || (ours() && /\bActivation\b/.test(ours().text) && !/Activating/.test(ours().text));
          },
          `Running Extensions to list ${extension.displayName} as activated`,
        ).catch((e) => {
          throw new Error(`${e.message}; it lists ${JSON.stringify(rows.map((row) => row.text))}`);
        });
        if (activation.error) {
          await screenshot(page, this.shot);
          throw new Error(`activating ${extension.id} failed: ${activation.error}`);
        }
        await page.mouse.move(700, 16);
        await screenshot(page, this.shot);
        if (!/\bweb worker\b/.test(ours().text)) throw new Error(`Running Extensions shows "${ours().text}": not in the web worker extension host`);
        const inWorker = rows.filter((row) => /\bweb worker\b/.test(row.text)).map((row) => row.text);
        log(`Running Extensions: ${ours().text}; in the web worker host: ${JSON.stringify(inWorker)}`);
        await runCommand(page, 'View: Close Editor');

        // 2. The workers: the host's has no `process` nor `require`, and the extension started its language
        //    server in a worker of its own. Only this extension runs in the web worker host, so that worker is its.
        if (inWorker.length !== 1) throw new Error(`the web worker host runs more than this extension (${JSON.stringify(inWorker)}): the check of its workers would not know whose they are`);
        let workers = [];
        await waitFor(
          page,
          async () => (workers = await workersOf(page)).some((w) => w.name.startsWith(NESTED_WORKER)),
          `a worker started by the extension ("${NESTED_WORKER}...")`,
          20_000,
        ).catch((e) => {
          throw new Error(`${e.message}; the page's workers: ${JSON.stringify(workers)}`);
        });
        const mine = workers.filter((w) => w.name === HOST_WORKER || w.name.startsWith(NESTED_WORKER));
        if (!mine.some((w) => w.name === HOST_WORKER)) throw new Error(`no "${HOST_WORKER}" among the page's workers: ${JSON.stringify(workers)}`);
        const withNode = mine.filter((w) => w.process !== 'undefined' || w.require !== 'undefined');
        if (withNode.length) throw new Error(`Node's process or require is defined in ${JSON.stringify(withNode)}`);
        log(`workers: ${mine.map((w) => `${w.name} (process ${w.process}, require ${w.require})`).join('; ')}`);

        // 3. Nothing of it in code-server's Node extension host: no activation in its log (which does log
        //    the built-in extensions it activates), and no language server among its processes.
        const hostLog = nodeHostLog(dirs);
        if (!/_doActivateExtension /.test(hostLog)) throw new Error(`the Node extension host's log (remoteexthost.log) names no activation at all: nothing to tell from it`);
        const activated = hostLog.split('\n').filter((line) => line.includes(`_doActivateExtension ${extension.id},`));
        if (activated.length) throw new Error(`code-server's Node extension host activated ${extension.id}: ${activated[0]}`);
        const processes = codeServerProcesses();
        const servers = processes.filter((p) => p.includes(`${path.sep}${extension.name}${path.sep}`) || /mktplan[^ ]*\/dist\/server\.js/.test(p));
        if (servers.length) throw new Error(`a process of the extension runs under code-server: ${servers.join(' | ')}`);
        log(`code-server's processes: ${processes.length}, none of the extension's; its Node extension host did not activate ${extension.id}`);
      },
    },
    again('problems', 'web-problems', {
      async run(page, dirs) {
        await byName.get('problems').run.call(this, page, dirs);
        fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}.png`), path.join(REPO, 'docs', 'images', 'web-problems.png'));
      },
    }),
    again('hover', 'web-hover'),
    again('fix-swot', 'web-fix-swot'),
    again('definition', 'web-definition'),
    // The example's actuals read their CSV export through the editor's file system, as in vscode.dev.
    again('actuals', 'web-actuals'),
    {
      name: 'preview',
      shot: 'web-preview',
      async run(page) {
        // mktplan: Open Preview to the Side: the draft's report beside it, with its charts drawn.
        const file = PREVIEW_PLAN;
        let shown;
        await hidePanel(page);
        await quickOpen(page, file);
        await runCommand(page, 'mktplan: Open Preview to the Side');
        try {
          await waitFor(page, async () => (shown = await previewState(page))?.budget.includes('Over-allocated: the allocations exceed the total by'), 'the preview, with "Over-allocated: ..." in its Budget section');
          const over = /Over-allocated: the allocations exceed the total by [^\n]*/.exec(shown.budget)[0];
          if (!/\$3,000(?![.,]\d)/.test(over)) throw new Error(`the budget section says "${over}"; the allocations (23,000) exceed the total (20,000) by $3,000`);
          const sections = ['Strategy', 'Budget', 'Timeline', 'Measurement', 'From objectives to results', 'People', 'Open findings'];
          if (JSON.stringify(shown.sections) !== JSON.stringify(sections)) throw new Error(`the preview's sections are ${JSON.stringify(shown.sections)}, not ${JSON.stringify(sections)}`);
          const tabs = await visibleTexts(page, '.part.editor .editor-group-container .tab .label-name');
          if (!tabs.some((t) => text(t).trim() === `Preview: ${file}`)) throw new Error(`no editor tab "Preview: ${file}"; tabs: ${JSON.stringify(tabs)}`);
          const groups = await page.locator('.part.editor .editor-group-container').count();
          if (groups < 2) throw new Error(`the preview is not beside the editor (${groups} editor group)`);
          // The charts (ECharts, loaded by the language server when a report first needs one) are drawn.
          const frame = await previewFrame(page);
          await waitFor(page, () => frame.evaluate(() => document.querySelectorAll('#budget .chart-svg').length > 0), 'the Budget section\'s chart drawn', 10_000);
          // The Budget section in view, by the preview's own contents.
          await frame.locator('.report-header nav a', { hasText: 'Budget' }).click();
          await waitFor(page, () => frame.evaluate(() => Math.abs(document.getElementById('budget').getBoundingClientRect().top) < 2 || window.innerHeight + window.scrollY >= document.body.scrollHeight - 1), 'the Budget section at the top of the preview', 10_000);
          await page.mouse.move(1150, 16);
          await screenshot(page, this.shot);
          fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}.png`), path.join(REPO, 'docs', 'images', 'web-preview.png'));
          log(`preview: ${over}; sections ${shown.sections.join(', ')}`);
        } catch (e) {
          await screenshot(page, this.shot); // as it failed, before the preview is closed
          throw e;
        } finally {
          await pressEscapes(page, 1);
          await page.keyboard.press('Control+1');
          if ((await page.locator('.part.editor .editor-group-container').count()) > 1) await runCommand(page, 'View: Close Editors in Other Groups').catch((e) => log(`note: ${e.message}`));
        }
      },
      describeFailure: async (page) => `the preview shows ${JSON.stringify(await previewState(page))?.slice(0, 600)}`,
    },
  ];
  // Without the extension, each would wait a minute for what cannot come.
  return scenarios.map((scenario) =>
    scenario.name === 'host'
      ? scenario
      : {
          ...scenario,
          async run(page, dirs) {
            if (activation.error) throw new Error(`not run: activating ${extension.id} failed (${activation.error.slice(0, 120)})`);
            return scenario.run.call(this, page, dirs);
          },
        },
  );
}

async function main() {
  if (!ROUTES.includes(ROUTE)) throw new Error(`MKTPLAN_E2E_WEB_INSTALL=${ROUTE}: use one of ${ROUTES.join(', ')}`);
  setup();
  const vsix = findVsix();
  const dirs = makeScratch();
  dirs.staging = path.join(dirs.scratch, 'staging');
  log(`scratch folder ${dirs.scratch}; installed by way of: ${ROUTE}`);
  const serverEnv = isolatedEnv(dirs.serverHome);
  let extension;
  if (ROUTE === 'remote') {
    // Installed into code-server, as run.mjs does; the user setting sends it to the web worker host.
    installExtension(dirs, vsix, serverEnv);
    extension = readExtension(dirs.extensions);
    addUserSettings(dirs, { 'remote.extensionKind': { [extension.id]: ['web'] } });
  } else {
    // Unpacked by code-server's own installer, into a folder that code-server does not run extensions from.
    installExtension(dirs, vsix, serverEnv, { extensionsDir: dirs.staging, userData: path.join(dirs.scratch, 'staging-user-data') });
    extension = readExtension(dirs.staging);
  }
  checkBrowserEntry(extension, vsix);
  const activation = { error: null };
  const chosen = chooseScenarios(webScenarios(extension, activation), process.argv.slice(2));
  const served = ROUTE === 'location' ? await serveExtension(extension.folder) : null;
  const base = await startCodeServer(dirs, serverEnv);
  const { page, pageErrors } = await launchBrowser(dirs);
  // The page's errors in its console (the extension host's and the webviews' included), shown when a scenario failed.
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    consoleErrors.push(m.text().replace(/\s+/g, ' ').slice(0, 400));
    const failed = new RegExp(`^Activating extension '${extension.id.replace(/\./g, '\\.')}' failed: (.*)`, 's').exec(m.text());
    if (failed) activation.error ??= failed[1].trim();
  });
  // Requests that failed or were refused, with their address (the console does not say which).
  state.context.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url().slice(0, 300)}`);
  });
  state.context.on('requestfailed', (r) => consoleErrors.push(`${r.failure()?.errorText ?? 'failed'} ${r.url().slice(0, 300)}`));
  await openWorkbench(page, base, dirs.workspace);
  if (served) await installFromLocation(page, `${base}/proxy/${served}/`);

  const { passed, failed } = await runScenarios(page, dirs, chosen);
  if (failed) {
    saveLogs(dirs, 'web-logs');
    if (pageErrors.length) log(`page errors:\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
    if (consoleErrors.length) log(`errors in the console (the last 15):\n  ${consoleErrors.slice(-15).join('\n  ')}`);
  }
  log(`screenshots in ${SCREENSHOTS} (web-*.png)`);
  return { passed, failed };
}

await runToExit(main, () => {
  // This run's screenshots anew (web-*), the Node run's stay.
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const name of fs.readdirSync(SCREENSHOTS)) {
    if (name.startsWith('web-')) fs.rmSync(path.join(SCREENSHOTS, name), { recursive: true, force: true });
  }
});
