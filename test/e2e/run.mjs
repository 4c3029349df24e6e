#!/usr/bin/env node
// Real-editor end-to-end run: the packaged extension (mktplan.vsix) installed
// into code-server 4.100.3 (VS Code 1.100.3 in a browser, the extension in its
// Node extension host), driven through Debian's Chromium with playwright-core,
// keyboard first, as a person would. What the runs share is in common.mjs; the
// same extension in the web worker extension host is web.mjs.
// See test/e2e/README.md and shared/design/real-editor-testing.md.
//
// Usage: node test/e2e/run.mjs [scenario-name ...]
//   Environment:
//     MKTPLAN_E2E_VSIX    use this .vsix instead of /work/main/mktplan.vsix
//     MKTPLAN_E2E_CACHE   where code-server is installed (default ~/.cache/mktplan-e2e)
//     MKTPLAN_E2E_KEEP=1  keep the scratch folder (its path is printed)
//     MKTPLAN_E2E_HEADED=1  show the browser (needs a display)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { setup } from './setup.mjs';
import {
  REPO,
  NAV,
  SWOT_FIX,
  PREVIEW_PLAN,
  PREVIEW_BROKEN,
  SCREENSHOTS,
  WAIT_MS,
  log,
  SEL,
  waitFor,
  text,
  painted,
  editorLines,
  editorSquiggles,
  editorFullText,
  visibleTexts,
  quickOpen,
  activeEditorPath,
  cursorPosition,
  runCommand,
  hidePanel,
  filterProblems,
  findInWorkspaceFile,
  goToLine,
  suggestUntil,
  suggestItems,
  problemRows,
  showHover,
  screenshot,
  pressEscapes,
  previewFrame,
  previewState,
  ruleSeverities,
  readWorkspaceLines,
  chooseScenarios,
  findVsix,
  makeScratch,
  isolatedEnv,
  installExtension,
  startCodeServer,
  launchBrowser,
  openWorkbench,
  runScenarios,
  saveLogs,
  runToExit,
} from './common.mjs';

// A policy violation in Chromium's console: "Refused to load ..." or, for inline style and script in this
// Chromium, "Applying inline style violates the following Content Security Policy directive ...".
const POLICY_MESSAGE = /content security policy|refused to (apply|load|execute|evaluate|connect|frame|create)/i;

// ---------------------------------------------------------------------------
// Scenarios.
// ---------------------------------------------------------------------------

/**
 * Runs a command from the palette that opens a quick input of its own (a question, a picker):
 * F1 and its name, again while the palette does not list it yet, then Enter.
 */
async function runCommandOpening(page, label) {
  let opened = 0;
  await waitFor(
    page,
    async () => {
      if ((await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === label)) return true;
      if (Date.now() - opened > 5000) {
        if (await page.isVisible(SEL.quickInputBox)) await pressEscapes(page, 1);
        await page.keyboard.press('F1');
        await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: 5000 });
        await page.keyboard.type(label);
        opened = Date.now();
      }
      return false;
    },
    `the command palette to list "${label}"`,
  );
  await page.keyboard.press('Enter');
}

export const scenarios = [
  {
    name: 'problems',
    shot: '01-problems',
    async run(page, dirs) {
      const all = JSON.parse(fs.readFileSync(path.join(dirs.workspace, 'draft.expected.json'), 'utf8')).findings;
      // VS Code's Problems panel never lists diagnostics of severity Hint: those
      // findings are checked in the editor instead, as hint dots, or as faded text where
      // the finding is tagged Unnecessary (ref/unused).
      const severity = ruleSeverities(dirs);
      const expected = all.filter((f) => severity[f.code] !== 'hint' && severity[f.code] !== 'off');
      const hints = all.filter((f) => severity[f.code] === 'hint');
      await quickOpen(page, 'draft.mktplan.yaml');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector(SEL.markers, { state: 'visible', timeout: WAIT_MS });
      // The Problems panel filtered to the draft: the other plans of the workspace, checked too, sort before it.
      await filterProblems(page, '**/draft.mktplan.yaml');
      try {
        await this.check(page, expected, hints);
      } finally {
        await filterProblems(page, '');
      }
    },
    async check(page, expected, hints) {
      const codes = [...new Set(expected.map((f) => f.code))];
      // Wait until the panel lists mktplan findings (the language server takes a few seconds).
      await waitFor(
        page,
        async () => {
          const rows = await visibleTexts(page, SEL.markerRows);
          return rows.some((r) => codes.some((c) => r.includes(c)));
        },
        `mktplan findings (${codes.slice(0, 2).join(', ')}, ...) in the Problems panel`,
      );
      // All of them: wait until every expected code shows or the time is up.
      let rows = [];
      const missing = () =>
        expected.filter(
          (f) =>
            !rows.some((r) => {
              const m = /\[Ln (\d+), Col \d+\]/.exec(r.text) || / at line (\d+) /.exec(r.aria);
              return r.text.includes(f.code) && m && Number(m[1]) === f.line;
            }),
        );
      await waitFor(
        page,
        async () => {
          rows = (await problemRows(page)).filter((r) => r.level === 2 && r.file === 'draft.mktplan.yaml');
          return missing().length === 0;
        },
        'every expected finding of draft.expected.json',
        20_000,
      ).catch(() => {});
      await page.mouse.move(5, 700); // off the panel: no row tooltip in the screenshot
      await screenshot(page, this.shot);
      const miss = missing();
      if (miss.length) {
        throw new Error(
          `Problems panel lacks ${miss.length} of the ${expected.length} expected findings that are not hints: ` +
            miss.map((f) => `${f.code}@${f.line}`).join(', ') +
            `\n  rows shown:\n    ${rows.map((r) => r.text).join('\n    ')}`,
        );
      }
      const known = new Set(expected.map((f) => f.code));
      const extra = rows.filter((r) => ![...known].some((c) => r.text.includes(c)));
      if (extra.length) log(`note: the Problems panel also shows for draft.mktplan.yaml: ${extra.map((r) => r.text).join(' | ')}`);
      if (hints.length) {
        log(`hints (not listed in the Problems panel): ${hints.map((f) => `${f.code}@${f.line}`).join(', ')}`);
        const lacking = [];
        for (const line of [...new Set(hints.map((f) => f.line))]) {
          await goToLine(page, line, 1);
          const ok = await waitFor(
            page,
            async () => {
              const marks = (await editorSquiggles(page)).get(line);
              return marks?.has('hint') || marks?.has('unnecessary');
            },
            `a hint squiggle or faded text on line ${line}`,
            10_000,
          ).catch(() => false);
          if (!ok) lacking.push(line);
        }
        if (lacking.length) {
          throw new Error(
            `no hint squiggle or faded text in the editor on line(s) ${lacking.join(', ')} (expected ${hints
              .filter((f) => lacking.includes(f.line))
              .map((f) => f.code)
              .join(', ')})`,
          );
        }
      }
    },
  },
  {
    name: 'hover',
    shot: '02-hover',
    async run(page, dirs) {
      const file = 'saigon-bean.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      const idx = lines.findIndex((l) => /^\s*swot\s*:/.test(l));
      if (idx < 0) throw new Error(`no "swot:" key in examples/${file}`);
      const column = lines[idx].indexOf('swot') + 2; // inside the word
      await quickOpen(page, file);
      await goToLine(page, idx + 1, column);
      try {
        await showHover(page, (content) => content.includes('SWOT') && content.includes('Source:'), `a hover on "swot" (line ${idx + 1}) containing "SWOT" and "Source:"`);
      } finally {
        await screenshot(page, this.shot);
      }
      await pressEscapes(page);
    },
    describeFailure: async (page) => `hover shows: ${JSON.stringify(text((await visibleTexts(page, SEL.hover)).join(' | ')))}`,
  },
  {
    name: 'completion',
    shot: '03-completion',
    async run(page, dirs) {
      const file = 'new.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      const planLine = lines.findIndex((l) => /^plan\s*:/.test(l));
      if (planLine < 0) throw new Error(`no "plan:" in ${file}`);
      let last = planLine;
      for (let i = planLine + 1; i < lines.length && (lines[i] === '' || /^\s/.test(lines[i])); i++) {
        if (lines[i].trim() !== '') last = i;
      }
      await quickOpen(page, file);
      await goToLine(page, last + 1, 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // Whatever indentation the editor gave the new line, make it exactly two spaces.
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('  ');
      await waitFor(
        page,
        async () => (await editorLines(page)).get(last + 2) === '  ',
        `a new line "  " after line ${last + 1}`,
        10_000,
      );
      const want = ['kpis', 'budget'];
      const items = await suggestUntil(page, (its) => want.every((k) => its.some((i) => i.label === k)));
      await screenshot(page, this.shot);
      const labels = items.map((i) => i.label);
      await pressEscapes(page, 1);
      const lacking = want.filter((k) => !labels.includes(k));
      if (lacking.length) {
        throw new Error(`suggestions lack ${lacking.join(', ')}; offered: ${JSON.stringify(labels)}`);
      }
      if (labels.includes('owner')) log('note: completion offers `owner`, which the plan already has');
      log(`completion offered: ${labels.join(', ')}`);
    },
  },
  {
    name: 'snippet',
    shot: '04-snippet',
    async run(page) {
      const file = 'fresh.mktplan.yaml';
      await quickOpen(page, file);
      await page.keyboard.type('mktplan');
      const isPlanSnippet = (i) =>
        /new marketing plan/i.test(`${i.label} ${i.detail} ${i.aria}`) || (/mktplan/i.test(i.label) && /snippet/i.test(i.aria));
      const items = await suggestUntil(page, (its) => its.some(isPlanSnippet));
      const target = items.find(isPlanSnippet);
      log(`suggestions after "mktplan": ${items.map((i) => `${i.label} (${i.detail.slice(0, 40) || 'no detail'})`).join(', ')}`);
      if (!target) {
        await screenshot(page, this.shot);
        throw new Error(`no "New marketing plan" snippet among the suggestions: ${JSON.stringify(items.map((i) => i.aria || i.label))}`);
      }
      // Walk to it with the keyboard (suggestItems left the first item focused).
      await waitFor(
        page,
        async () => {
          const f = await page.$$eval(`${SEL.suggestRows}.focused`, (els) => els.map((e) => e.getAttribute('data-index')));
          if (f[0] === target.index) return true;
          await page.keyboard.press('ArrowDown');
          return false;
        },
        `the snippet row "${target.label}" focused`,
        20_000,
      );
      await page.keyboard.press('Enter');
      let content = '';
      try {
        await waitFor(
          page,
          async () => {
            content = await editorFullText(page);
            return /^strategy:/m.test(content) && /^plan:/m.test(content);
          },
          'the editor text to contain "strategy:" and "plan:"',
          20_000,
        );
        log(`snippet "${target.label}" (${target.detail}) inserted ${content.split('\n').length} lines`);
      } catch (e) {
        throw new Error(`${e.message}; editor text: ${JSON.stringify(content.slice(0, 600))}`);
      } finally {
        await screenshot(page, this.shot);
      }
      await pressEscapes(page, 1);
    },
  },
  {
    name: 'definition',
    shot: '05-definition',
    async run(page, dirs) {
      // F12 on a team member's id in a plan goes to its definition in the strategy the plan imports.
      const plan = `${NAV}/plans/south.mktplan.yaml`;
      const strategy = `${NAV}/strategy.mktplan.yaml`;
      const from = findInWorkspaceFile(dirs, plan, /^\s+owner:\s*duc\s*$/, 'duc');
      const to = findInWorkspaceFile(dirs, strategy, /\bid:\s*duc\b/, 'duc');
      await hidePanel(page);
      await quickOpen(page, path.basename(plan), path.dirname(plan));
      await goToLine(page, from.line, from.column + 1);
      // F12 again every 5 s while the plan stays in front (a request sent before the
      // language server is ready finds nothing).
      let asked = 0;
      try {
        await waitFor(
          page,
          async () => {
            const at = await activeEditorPath(page);
            if (at === strategy) return (await cursorPosition(page))?.line === to.line;
            if (at === plan && Date.now() - asked > 5000) {
              await page.keyboard.press('F12');
              asked = Date.now();
            }
            return false;
          },
          `F12 on "duc" (${plan}:${from.line}) to open ${strategy} at line ${to.line}`,
        );
        await waitFor(
          page,
          async () => (await editorLines(page)).get(to.line)?.includes('id: duc'),
          `the editor to show line ${to.line} of ${strategy} ("${to.text.trim()}")`,
          10_000,
        );
      } finally {
        await screenshot(page, this.shot);
      }
      const pos = await cursorPosition(page);
      if (pos.column !== to.column) throw new Error(`the cursor is at Ln ${pos.line}, Col ${pos.column}; expected the id "duc" at Col ${to.column}`);
      log(`F12 opened ${strategy} at Ln ${pos.line}, Col ${pos.column}`);
    },
    describeFailure: async (page) =>
      `active editor ${JSON.stringify(await activeEditorPath(page))}, cursor ${JSON.stringify(await cursorPosition(page))}, message ${JSON.stringify(
        (await visibleTexts(page, '.monaco-editor-overlaymessage')).join(' | '),
      )}`,
  },
  {
    name: 'rename',
    shot: '06-rename',
    async run(page, dirs) {
      // F2 on an objective's id where a plan implements it renames it in the strategy and in every plan.
      const oldId = 'thi-phan';
      const newId = 'market-share';
      const plan = `${NAV}/plans/north.mktplan.yaml`;
      const strategy = `${NAV}/strategy.mktplan.yaml`;
      const files = [strategy, plan, `${NAV}/plans/south.mktplan.yaml`, `${NAV}/plans/north-q1.mktplan.yaml`];
      const idRe = (id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`);
      for (const f of files) {
        if (!idRe(oldId).test(readWorkspaceLines(dirs, f).join('\n'))) throw new Error(`${f} does not mention ${oldId} before the rename`);
      }
      const from = findInWorkspaceFile(dirs, plan, /^\s+implements:.*\bthi-phan\b/, oldId);
      await hidePanel(page);
      await quickOpen(page, path.basename(plan), path.dirname(plan));
      await goToLine(page, from.line, from.column + 2);
      // F2 (again every 5 s, while no rename box shows) until the box offers the old id.
      const box = '.monaco-editor .rename-box input.rename-input';
      let asked = 0;
      await waitFor(
        page,
        async () => {
          // Visible, filled and focused: the box takes the focus a moment after it shows, and
          // keys typed before that would go to the editor.
          if (await page.isVisible(box)) {
            return (
              (await page.inputValue(box)) === oldId &&
              (await page.evaluate(() => !!document.activeElement?.matches('.rename-box input.rename-input')))
            );
          }
          if (Date.now() - asked > 5000) {
            await page.keyboard.press('F2');
            asked = Date.now();
          }
          return false;
        },
        `the rename box (F2) on "${oldId}" offering "${oldId}"`,
      );
      // The old id is selected in the box; typing (into the box only) replaces it.
      const input = page.locator(box).filter({ visible: true }).first();
      await input.press('Control+A');
      await input.pressSequentially(newId);
      await waitFor(page, async () => (await page.inputValue(box)) === newId, `"${newId}" typed in the rename box`, 10_000);
      await screenshot(page, `${this.shot}-input`);
      await input.press('Enter');
      await waitFor(
        page,
        async () => !(await page.isVisible(box)) && idRe(newId).test((await editorLines(page)).get(from.line) || ''),
        `line ${from.line} of ${plan} to read "${newId}" after Enter`,
        20_000,
      );
      // A rename is a workspace edit: files open in an editor stay dirty until saved
      // (File: Save All, which VS Code 1.100 lists as "File: Save All Files").
      await runCommand(page, 'File: Save All Files');
      const onDisk = () =>
        files.map((f) => {
          const t = readWorkspaceLines(dirs, f).join('\n');
          return { f, hasOld: idRe(oldId).test(t), hasNew: idRe(newId).test(t) };
        });
      try {
        await waitFor(
          page,
          async () => onDisk().every((r) => !r.hasOld && r.hasNew),
          `every file on disk to name "${newId}" and no longer "${oldId}"`,
          20_000,
        );
      } catch (e) {
        throw new Error(`${e.message}: ${JSON.stringify(onDisk())}`);
      }
      // And in the editor: the strategy shows the objective under its new id.
      const def = findInWorkspaceFile(dirs, strategy, new RegExp(`\\bid:\\s*${newId}\\b`), newId);
      await quickOpen(page, path.basename(strategy), path.dirname(strategy));
      await goToLine(page, def.line, def.column);
      try {
        await waitFor(
          page,
          async () => {
            const line = (await editorLines(page)).get(def.line) || '';
            return idRe(newId).test(line) && !idRe(oldId).test(line);
          },
          `line ${def.line} of ${strategy} in the editor to read "${newId}"`,
          10_000,
        );
        // Only for the screenshot: the breadcrumbs follow the cursor a moment later.
        await waitFor(
          page,
          async () => (await visibleTexts(page, '.part.editor .editor-group-container.active .breadcrumbs-control .outline-element')).some((t) => t.includes(newId)),
          `the breadcrumbs to show "${newId}"`,
          5000,
        ).catch(() => log(`note: the breadcrumbs do not show "${newId}"`));
      } finally {
        await screenshot(page, this.shot);
      }
      const dirty = await page.$$eval('.part.editor .tabs-container .tab.dirty', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      if (dirty.length) throw new Error(`editors still dirty after File: Save All Files: ${dirty.join(', ')}`);
      log(`renamed ${oldId} to ${newId} in ${files.join(', ')}`);
    },
    describeFailure: async (page) =>
      `rename box ${JSON.stringify(await page.inputValue('.monaco-editor .rename-box input.rename-input', { timeout: 1000 }).catch(() => null))}, message ${JSON.stringify(
        (await visibleTexts(page, '.monaco-editor-overlaymessage')).join(' | '),
      )}`,
  },
  {
    name: 'link',
    shot: '07-link',
    async run(page, dirs) {
      // Ctrl+click on an imports entry opens the file it names.
      const from = `${NAV}/plans/north-q1.mktplan.yaml`;
      const to = `${NAV}/plans/north.mktplan.yaml`;
      const entry = './north.mktplan.yaml';
      const at = findInWorkspaceFile(dirs, from, /^imports:/, entry);
      await hidePanel(page);
      await quickOpen(page, path.basename(from), path.dirname(from));
      await goToLine(page, at.line, at.column);
      // The language server's document link, drawn as a .detected-link span on that line.
      const link = page.locator(`${SEL.editor} .view-lines .detected-link`).filter({ hasText: 'north' }).filter({ visible: true }).first();
      await waitFor(page, async () => (await link.count()) > 0, `a document link on "${entry}" (line ${at.line})`);
      const box = await link.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // Resting on it shows the hover that says how to follow it (only for the screenshot:
      // holding Control hides it).
      await waitFor(
        page,
        async () => (await visibleTexts(page, SEL.hover)).some((t) => /follow link/i.test(t)),
        'the "Follow link" hover',
        5000,
      ).catch(() => log('note: no "Follow link" hover on the imports entry'));
      await screenshot(page, `${this.shot}-hover`);
      await page.keyboard.down('Control');
      try {
        // Held Control over the link: it is underlined (.detected-link-active).
        await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2);
        await waitFor(
          page,
          async () => (await page.locator(`${SEL.editor} .view-lines .detected-link-active`).filter({ visible: true }).count()) > 0,
          `the link on "${entry}" underlined while Control is held over it`,
          10_000,
        );
        await page.mouse.click(box.x + box.width / 2 + 2, box.y + box.height / 2);
      } finally {
        await page.keyboard.up('Control');
      }
      try {
        await waitFor(page, async () => (await activeEditorPath(page)) === to, `Ctrl+click on "${entry}" to open ${to}`, 20_000);
        await page.waitForSelector(`${SEL.editor} .view-lines`, { timeout: WAIT_MS });
        await page.mouse.move(5, 990); // off the editor: no hover in the screenshot
        await waitFor(page, async () => (await editorLines(page)).get(1)?.startsWith('mktplan:'), `the text of ${to}`, 10_000);
      } finally {
        await screenshot(page, this.shot);
      }
    },
    describeFailure: async (page) => `active editor ${JSON.stringify(await activeEditorPath(page))}`,
  },
  {
    name: 'fix-swot',
    shot: '08-fix-swot',
    async run(page, dirs) {
      // Ctrl+. on `strategy:` where strategy/swot-missing is, "Add `swot`": the SWOT section is inserted and the finding goes.
      const file = SWOT_FIX;
      const at = findInWorkspaceFile(dirs, file, /^strategy:/, 'strategy');
      const rowsOfFile = async () => (await problemRows(page)).filter((r) => r.level === 2 && r.file === file).map((r) => r.text);
      await quickOpen(page, file);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector(SEL.markers, { state: 'visible', timeout: WAIT_MS });
      // Only for the screenshots: the Problems panel filtered to this file (the workspace has more plans).
      await filterProblems(page, `**/${file}`);
      try {
        await this.fix(page, dirs, file, at, rowsOfFile);
      } finally {
        await filterProblems(page, '');
      }
    },
    async fix(page, dirs, file, at, rowsOfFile) {
      let rows = [];
      await waitFor(
        page,
        async () => (rows = await rowsOfFile()).some((r) => r.includes('strategy/swot-missing')),
        `strategy/swot-missing for ${file} in the Problems panel`,
      );
      await goToLine(page, at.line, at.column + 2);
      // Ctrl+. (again every 5 s while no menu shows: a request sent before the server is ready finds nothing).
      const menu = '.action-widget';
      const menuRows = `${menu} .monaco-list-row`;
      const title = 'Add `swot`';
      let asked = 0;
      await waitFor(
        page,
        async () => {
          if (await page.isVisible(menu)) return (await visibleTexts(page, menuRows)).some((t) => text(t).includes(title));
          if (Date.now() - asked > 5000) {
            await page.keyboard.press('Control+.');
            asked = Date.now();
          }
          return false;
        },
        `the quick fix menu (Ctrl+.) on line ${at.line} offering "${title}"`,
      );
      // Walk to it with the keyboard.
      await waitFor(
        page,
        async () => {
          const focused = await visibleTexts(page, `${menuRows}.focused`);
          if (focused.some((t) => text(t).includes(title))) return true;
          await page.keyboard.press('ArrowDown');
          return false;
        },
        `"${title}" focused in the quick fix menu`,
        20_000,
      );
      await screenshot(page, `${this.shot}-menu`);
      log(`quick fixes offered: ${(await visibleTexts(page, menuRows)).map((t) => text(t).trim()).join(' | ')}`);
      await page.keyboard.press('Enter');
      await waitFor(page, () => page.isHidden(menu), 'the quick fix menu to close', 10_000);
      // The section is in the editor, under strategy.
      let content = '';
      await waitFor(
        page,
        async () => {
          content = await editorFullText(page);
          return /^ {2}swot:\n {4}strengths:/m.test(content);
        },
        'a `swot:` section with its strengths in the editor',
        20_000,
      ).catch((e) => {
        throw new Error(`${e.message}; editor text: ${JSON.stringify(content.slice(0, 1500))}`);
      });
      // Out of the snippet's placeholders, then saved, to read it on disk.
      await pressEscapes(page, 2);
      await page.keyboard.press('Control+S');
      let swot;
      await waitFor(
        page,
        async () => {
          swot = parseYaml(readWorkspaceLines(dirs, file).join('\n'))?.strategy?.swot;
          return swot && ['strengths', 'weaknesses', 'opportunities', 'threats'].every((k) => Array.isArray(swot[k]) && swot[k].length > 0);
        },
        `${file} on disk to hold strategy.swot with its four quadrants`,
        20_000,
      ).catch((e) => {
        throw new Error(`${e.message}; strategy.swot is ${JSON.stringify(swot)}`);
      });
      // The finding is gone from the Problems panel; the strategy's other findings are still listed.
      await waitFor(
        page,
        async () => {
          rows = await rowsOfFile();
          return !rows.some((r) => r.includes('strategy/swot-missing')) && rows.some((r) => r.includes('strategy/competition-missing'));
        },
        `strategy/swot-missing to leave the Problems panel for ${file}`,
        20_000,
      ).catch((e) => {
        throw new Error(`${e.message}; rows: ${rows.join(' | ')}`);
      });
      // The new section in view.
      const swotAt = findInWorkspaceFile(dirs, file, /^ {2}swot:/, 'swot');
      await goToLine(page, swotAt.line, swotAt.column);
      await page.mouse.move(5, 990); // off the editor and the panel: no hover in the screenshot
      await screenshot(page, this.shot);
      log(`inserted strategy.swot at line ${swotAt.line}: ${JSON.stringify(swot)}`);
    },
    describeFailure: async (page) => `menu ${JSON.stringify((await visibleTexts(page, '.action-widget .monaco-list-row')).map((t) => text(t).trim()))}`,
  },
  {
    name: 'typing-suggest',
    shot: '09-typing-suggest',
    async run(page, dirs) {
      // Keys are suggested as they are typed, without Ctrl+Space; free text, list items and comments stay quiet.
      const file = 'typing.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      const planLine = lines.indexOf('plan:') + 1;
      const ownerLine = lines.indexOf('  owner: anna', planLine) + 1;
      await hidePanel(page);
      await quickOpen(page, file);
      // The server has read the plan once `plan:` has its squiggle (the plan has no budget, no KPIs...).
      await waitFor(page, async () => (await editorSquiggles(page)).get(planLine)?.size > 0, `a squiggle on \`plan:\` (line ${planLine})`);
      await goToLine(page, ownerLine, 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await editorLines(page)).get(ownerLine + 1) === '  ', `Enter after "  owner: anna" to give "  "`, 10_000);
      // Whether the suggest widget opened at any moment, and with what, recorded by the page itself.
      await page.evaluate(() => {
        window.__mktSuggest = [];
        window.__mktObserver?.disconnect();
        window.__mktObserver = new MutationObserver(() => {
          const widget = document.querySelector('.monaco-editor .suggest-widget.visible');
          if (!widget) return;
          const labels = [...widget.querySelectorAll('.monaco-list-row .label-name')].map((e) => e.textContent.trim()).join(', ');
          if (window.__mktSuggest.at(-1) !== labels) window.__mktSuggest.push(labels);
        });
        window.__mktObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      const seen = () => page.evaluate(() => window.__mktSuggest.splice(0));
      // `bud`: the widget opens by itself with the server's key `budget` (a property, not only the snippet of that name).
      const budget = `${SEL.suggestRows}:has(.codicon-symbol-property) .label-name`;
      let typedAt = 0;
      await waitFor(
        page,
        async () => {
          if ((await visibleTexts(page, budget)).some((t) => text(t).trim() === 'budget')) return true;
          const line = (await editorLines(page)).get(ownerLine + 1);
          if (line === '  ') {
            await page.keyboard.type('bud', { delay: 80 });
            typedAt = Date.now();
          } else if (line === '  bud' && Date.now() - typedAt > 10_000) {
            // No key after 10 s (typed before the server could answer): type it again.
            log(`after "bud": ${JSON.stringify(await visibleTexts(page, SEL.suggestRows))}; typing it again`);
            await pressEscapes(page, 1);
            for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
          }
          return false;
        },
        'the suggest widget to open by itself after typing "bud", with the key `budget`',
      );
      if (!(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null))) throw new Error('the focus left the editor');
      // The same picture whatever an earlier scenario left: the details pane closed (Ctrl+Space toggles it).
      if (await page.isVisible('.monaco-editor .suggest-details')) {
        await page.keyboard.press('Control+Space');
        await waitFor(page, () => page.isHidden('.monaco-editor .suggest-details'), 'the details pane to close', 5000).catch(() => log('note: the details pane stays open'));
      }
      await screenshot(page, this.shot);
      const offered = await visibleTexts(page, `${SEL.suggestRows} .label-name`);
      log(`typing "bud" offered: ${offered.map((t) => text(t).trim()).join(', ')}`);
      await pressEscapes(page, 1);
      await waitFor(page, async () => !(await page.isVisible(SEL.suggest)), 'the suggest widget to close', 5000);
      await seen();
      // Then free text, a list item and a comment: nothing may open. A quick suggestion comes within a few
      // milliseconds of a key and the server answers in well under a second: each text is watched while it is
      // typed and for 1.5 s after.
      const quiet = async (what, line, { enter = false, typed, expect }) => {
        await goToLine(page, line, 1);
        await page.keyboard.press('End');
        if (enter) {
          await page.keyboard.press('Enter');
          line++;
        }
        await page.keyboard.type(typed, { delay: 60 });
        await page.waitForTimeout(1500); // the window in which a widget would have opened: nothing to wait for here
        const opened = await seen();
        const now = (await editorLines(page)).get(line);
        if (now !== expect) throw new Error(`after typing in ${what}, line ${line} reads ${JSON.stringify(now)}, not ${JSON.stringify(expect)}`);
        if (opened.length) throw new Error(`the suggest widget opened in ${what}: ${opened.map((l) => `[${l}]`).join(' ')}`);
        log(`no suggestions in ${what}`);
      };
      await quiet('the free text of `vision:`', lines.indexOf('  vision: Good coffee') + 1, {
        typed: ' for every office, campaign and plan',
        expect: '  vision: Good coffee for every office, campaign and plan',
      });
      // Enter after a list item starts the next one (onEnterRules); its text is free text too.
      await quiet('a new strength (Enter after "- Own roastery")', lines.indexOf('      - Own roastery') + 1, {
        enter: true,
        typed: 'Strong brand and campaigns',
        expect: '      - Strong brand and campaigns',
      });
      // One line more from here on: the new strength.
      await quiet('a comment', lines.indexOf('# Notes') + 2, { typed: ' about the budget, the plan and strategy', expect: '# Notes about the budget, the plan and strategy' });
      await page.evaluate(() => window.__mktObserver?.disconnect());
    },
    describeFailure: async (page) => `suggest widget ${JSON.stringify((await visibleTexts(page, SEL.suggestRows)).map((t) => text(t).trim()))}`,
  },
  {
    name: 'typing-brackets',
    shot: '10-typing-brackets',
    async run(page, dirs) {
      // `"` typed after `name: ` closes itself, and so does `[` after `implements: `: the pair, with the cursor
      // between; the closing character typed then types over the one that was added.
      const file = 'brackets.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      await hidePanel(page);
      await quickOpen(page, file);
      const readLine = async (n) => (await editorLines(page)).get(n);
      const nameLine = lines.indexOf('  name: ') + 1;
      await goToLine(page, nameLine, lines[nameLine - 1].length + 1);
      await page.keyboard.type('"');
      await waitFor(page, async () => (await readLine(nameLine)) === '  name: ""', `'  name: ""' on line ${nameLine}`, 10_000).catch(async (e) => {
        throw new Error(`${e.message}; the line reads ${JSON.stringify(await readLine(nameLine))}`);
      });
      if (await page.isVisible(SEL.suggest)) await pressEscapes(page, 1);
      await page.keyboard.type('Bracket & Co"');
      await waitFor(page, async () => (await readLine(nameLine)) === '  name: "Bracket & Co"', `'  name: "Bracket & Co"' (the closing quote typed over)`, 10_000).catch(
        async (e) => {
          throw new Error(`${e.message}; the line reads ${JSON.stringify(await readLine(nameLine))}`);
        },
      );
      const line = lines.indexOf('  implements: ') + 1;
      await goToLine(page, line, lines[line - 1].length + 1);
      await page.keyboard.type('[');
      await waitFor(page, async () => (await editorLines(page)).get(line) === '  implements: []', `"  implements: []" on line ${line}`, 10_000).catch(async (e) => {
        throw new Error(`${e.message}; the line reads ${JSON.stringify((await editorLines(page)).get(line))}`);
      });
      const between = { line, column: '  implements: ['.length + 1 };
      await waitFor(
        page,
        async () => {
          const pos = await cursorPosition(page);
          return pos?.line === between.line && pos.column === between.column;
        },
        `the cursor between the brackets (Ln ${between.line}, Col ${between.column})`,
        10_000,
      );
      // A suggestion list opened by the `[` (a trigger character) would hide the brackets in the screenshot.
      if (await page.isVisible(SEL.suggest)) await pressEscapes(page, 1);
      await page.mouse.move(5, 990);
      await screenshot(page, this.shot);
      await page.keyboard.type('first-objective');
      await page.keyboard.type(']');
      await waitFor(
        page,
        async () => (await editorLines(page)).get(line) === '  implements: [first-objective]',
        `"]" typed over the closing bracket: "  implements: [first-objective]"`,
        10_000,
      ).catch(async (e) => {
        throw new Error(`${e.message}; the line reads ${JSON.stringify((await editorLines(page)).get(line))}`);
      });
      await pressEscapes(page, 1);
    },
  },
  {
    name: 'typing-enter',
    shot: '14-typing-enter',
    async run(page, dirs) {
      // A value typed to its end while the widget still offers it: Enter starts a new line, and what is typed next
      // stays on it. The widget must be open when Enter is pressed, or the scenario proves nothing.
      const file = 'enter.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      const planLine = lines.indexOf('plan:') + 1;
      const channelLine = lines.indexOf('    - id: fb') + 1;
      await hidePanel(page);
      await quickOpen(page, file);
      await waitFor(page, async () => (await editorSquiggles(page)).get(planLine)?.size > 0, `a squiggle on \`plan:\` (line ${planLine})`);
      const focused = async () => (await visibleTexts(page, `${SEL.suggestRows}.focused .label-name`)).map((t) => text(t).trim());
      /** Types `key: value` at the end of `line`, the widget opened by the space after the colon still offering `value`, then Enter and `next`. */
      const typeValueThenEnter = async (line, key, value, next) => {
        await goToLine(page, line, lines[line - 1].length + 1);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        const typedLine = line + 1;
        // The new line holds only its indentation once the editor has drawn it; read sooner, it is the line Enter pushed down.
        let indent = '';
        await waitFor(page, async () => /^\s*$/.test((indent = (await editorLines(page)).get(typedLine) ?? '')), `a new empty line ${typedLine} after Enter`, 10_000);
        await page.keyboard.type(`${key}: `, { delay: 60 });
        await waitFor(
          page,
          async () => {
            if ((await visibleTexts(page, `${SEL.suggestRows} .label-name`)).some((t) => text(t).trim() === value)) return true;
            // Asked before the server could answer: the space typed again asks again.
            await pressEscapes(page, 1);
            await page.keyboard.press('Backspace');
            await page.keyboard.type(' ');
            await page.waitForTimeout(1000); // spacing between requests, not a wait for the UI
            return false;
          },
          `the suggest widget to offer \`${value}\` after "${key}: "`,
        );
        await page.keyboard.type(value, { delay: 60 });
        await waitFor(page, async () => (await focused()).includes(value), `the widget still open, on \`${value}\`, once it is typed`, 10_000).catch(async (e) => {
          throw new Error(`${e.message}; focused: ${JSON.stringify(await focused())}`);
        });
        await screenshot(page, this.shot);
        await page.keyboard.press('Enter');
        await page.keyboard.type(next, { delay: 30 });
        await pressEscapes(page, 1);
        const got = [(await editorLines(page)).get(typedLine), (await editorLines(page)).get(typedLine + 1)];
        const want = [`${indent}${key}: ${value}`, `${indent}${next}`];
        if (got[0] !== want[0] || got[1]?.trimEnd() !== want[1]) throw new Error(`Enter after "${key}: ${value}": lines ${typedLine}-${typedLine + 1} read ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
        log(`Enter after "${key}: ${value}" started a new line`);
      };
      await typeValueThenEnter(channelLine, 'type', 'social', 'name: Facebook');
      // `anna` is offered beside `annabel`.
      await typeValueThenEnter(planLine, 'owner', 'anna', '# set by hand');
      await page.keyboard.press('Control+S');
      await waitFor(
        page,
        () => {
          const saved = parseYaml(fs.readFileSync(path.join(dirs.workspace, file), 'utf8'));
          return saved?.plan?.owner === 'anna' && JSON.stringify(saved.plan.channels) === JSON.stringify([{ id: 'fb', type: 'social', name: 'Facebook' }]);
        },
        `${file} saved with plan.owner anna and the channel {id: fb, type: social, name: Facebook}`,
        10_000,
      ).catch((e) => {
        throw new Error(`${e.message}; on disk:\n${fs.readFileSync(path.join(dirs.workspace, file), 'utf8')}`);
      });
    },
    describeFailure: async (page) => `suggest widget ${JSON.stringify((await visibleTexts(page, SEL.suggestRows)).map((t) => text(t).trim()))}`,
  },
  {
    name: 'new-plan',
    shot: '11-new-plan',
    async run(page, dirs) {
      // mktplan: New Marketing Plan asks for the organisation and the year, proposes a file name in the workspace
      // folder, and opens the new file with the whole-plan snippet filled in.
      const label = 'mktplan: New Marketing Plan';
      const message = async () => text((await visibleTexts(page, '.quick-input-widget .quick-input-message')).join(' '));
      const value = () => page.inputValue(SEL.quickInputBox);
      await hidePanel(page);
      // Right after start-up the workbench may not know the extension's commands yet: runCommandOpening asks again.
      await runCommandOpening(page, label);
      // The folder holds plans: a new plan, or the results file of one of them. A new plan is offered first.
      await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === 'A new marketing plan'), 'a new plan offered first');
      const offered = await visibleTexts(page, `${SEL.quickInputRows} .label-name`);
      if (!offered.some((t) => text(t).startsWith('The results file of '))) throw new Error(`no results file offered for the folder's plans: ${JSON.stringify(offered)}`);
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await message()).includes('Name of the organisation'), 'the question for the organisation\'s name');
      // An empty name is refused.
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await message()).includes('Enter the name of the organisation'), 'the message that the name is missing', 10_000);
      await page.keyboard.type('Bloom & Brew');
      await page.keyboard.press('Enter');
      const now = new Date();
      const start = new Date(now.getFullYear(), 0, 1).getTime();
      const proposed = (now.getTime() - start) / (new Date(now.getFullYear() + 1, 0, 1).getTime() - start) > 0.5 ? now.getFullYear() + 1 : now.getFullYear();
      await waitFor(
        page,
        async () => (await message()).includes('Year the plan covers') && (await value()) === String(proposed),
        `the question for the year, proposing ${proposed}`,
        10_000,
      );
      // A year that is not four digits is refused.
      await page.keyboard.press('Control+A');
      await page.keyboard.type('20x1');
      await waitFor(page, async () => (await message()).includes('Enter a year of four digits'), 'the message that the year is wrong', 10_000);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2031');
      await page.keyboard.press('Enter');
      // The save dialog (in a browser, VS Code's own, in the quick input) proposes the file in the workspace folder.
      const name = 'bloom-brew-2031.mktplan.yaml';
      const target = path.join(dirs.workspace, name);
      await waitFor(page, async () => (await value()) === target, `the save dialog to propose ${target}`, 10_000).catch(async (e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(await value().catch(() => null))}`);
      });
      await screenshot(page, `${this.shot}-save`);
      await page.keyboard.press('Enter');
      let plan;
      await waitFor(
        page,
        async () => {
          if (!fs.existsSync(target)) return false;
          plan = parseYaml(fs.readFileSync(target, 'utf8'));
          return plan?.plan?.period !== undefined;
        },
        `${name} to be written with the plan`,
        20_000,
      );
      const got = {
        title: plan.title,
        organization: plan.organization?.name,
        horizon: plan.strategy?.horizon,
        period: plan.plan?.period,
      };
      const want = {
        title: 'Bloom & Brew marketing 2031',
        organization: 'Bloom & Brew',
        horizon: { start: '2031-01-01', end: '2033-12-31' },
        period: { start: '2031-01-01', end: '2031-12-31' },
      };
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name} holds ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
      await waitFor(page, async () => (await activeEditorPath(page)) === name, `the editor of ${name}`, 10_000);
      // The snippet is still active: its first field (the organisation's stage, a choice) is selected.
      await waitFor(
        page,
        async () => /2 selections|\(3 selected\)/.test(text((await visibleTexts(page, '.statusbar-item[id$="status.editor.selection"]')).join(' '))),
        'the first field of the snippet ("sme") selected',
        10_000,
      ).catch(async (e) => log(`note: ${e.message}; status bar: ${(await visibleTexts(page, '.statusbar-item[id$="status.editor.selection"]')).join(' ')}`));
      await screenshot(page, this.shot);
      await pressEscapes(page, 2);
      log(`${name}: ${JSON.stringify(got)}`);
    },
    describeFailure: async (page) =>
      `quick input ${JSON.stringify(text((await visibleTexts(page, '.quick-input-widget')).join(' | ')).slice(0, 300))}`,
  },
  {
    name: 'strategy-typing',
    shot: '19-strategy-typing',
    async run(page, dirs) {
      // A strategy that three plans import, none of them ever opened: an objective's id typed anew gives
      // each plan its finding once the typing pauses, and the undo takes it away; twice, since the second
      // time the server finds the plans' findings again without reading them (Engine.recheck).
      const folder = 'typing';
      const strategy = `${folder}/strategy.mktplan.yaml`;
      const plans = [1, 2, 3].map((n) => `${folder}/plan-${n}.mktplan.yaml`);
      fs.mkdirSync(path.join(dirs.workspace, folder), { recursive: true });
      fs.writeFileSync(
        path.join(dirs.workspace, strategy),
        ['mktplan: "1"', 'team:', '  - {id: mai, role: marketing-manager, name: Mai}', 'strategy:', '  objectives:', '    - {id: grow, statement: Grow the shops}', ''].join('\n'),
      );
      plans.forEach((plan, index) =>
        fs.writeFileSync(
          path.join(dirs.workspace, plan),
          ['mktplan: "1"', 'imports: [strategy.mktplan.yaml]', 'plan:', `  period: {start: 2027-0${index + 1}-01, end: 2027-0${index + 1}-28}`, '  owner: mai', '  implements: [grow]', ''].join('\n'),
        ),
      );
      await quickOpen(page, path.basename(strategy), folder);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector(SEL.markers, { state: 'visible', timeout: WAIT_MS });
      await filterProblems(page, `**/${folder}/**`);
      let rows = [];
      const unknownIn = () => plans.filter((plan) => rows.some((row) => row.level === 2 && row.file === plan && row.text.includes('ref/unknown')));
      const listed = async (what, accept, timeout = WAIT_MS) => {
        const started = Date.now();
        await waitFor(page, async () => {
          rows = await problemRows(page);
          return accept();
        }, what, timeout).catch((e) => {
          throw new Error(`${e.message}; the panel lists ${JSON.stringify(rows.map((row) => `${row.file}: ${row.text}`))}`);
        });
        return Date.now() - started;
      };
      try {
        // Checked from the disk first: each plan has the findings of a plan without a budget, and no ref/unknown.
        // Files written behind the editor's back reach it through its file watcher, which after a long
        // run has taken close to a minute.
        const found = await listed('each new plan checked, without ref/unknown', () => plans.every((plan) => rows.some((row) => row.file === plan && row.level === 2)) && unknownIn().length === 0, 3 * WAIT_MS);
        log(`the new plans' findings listed ${found} ms after the Problems panel was opened`);
        const id = findInWorkspaceFile(dirs, strategy, /id: grow,/, 'grow');
        for (const round of [1, 2]) {
          await goToLine(page, id.line, id.column + 'grow'.length);
          await page.keyboard.type('x');
          const shown = await listed(`ref/unknown for "growx" in ${plans.join(', ')} (round ${round})`, () => unknownIn().length === plans.length);
          if (round === 2) await screenshot(page, this.shot);
          await page.keyboard.press('Control+Z');
          const cleared = await listed(`no ref/unknown once "grow" is back (round ${round})`, () => unknownIn().length === 0 && plans.every((plan) => rows.some((row) => row.file === plan)));
          log(`round ${round}: the plans' ref/unknown listed ${shown} ms after the key, cleared ${cleared} ms after the undo`);
        }
        // Earlier scenarios leave plans of their own edited; the strategy must not be.
        const dirty = await page.$$eval('.part.editor .tabs-container .tab.dirty', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
        if (dirty.some((label) => label.includes('strategy.mktplan.yaml'))) throw new Error(`the strategy is left edited after the undo: ${dirty.join(', ')}`);
      } finally {
        await filterProblems(page, '');
        await hidePanel(page);
      }
    },
  },
  {
    name: 'preview',
    shot: '13-preview',
    /**
     * Console messages of code-server's own that show up while the preview is open, left aside by the check
     * for policy violations (they are listed in the log all the same), and why.
     */
    noise: [
      {
        pattern: /allow-scripts and allow-same-origin for its sandbox attribute can escape its sandboxing/,
        why: "Chromium's warning about the iframes VS Code hosts every webview in (its host page's sandbox attributes), the same for any extension",
      },
      {
        pattern: /^%c\s*ERR\b.*Canceled/s,
        why: 'the workbench logging a request it cancelled itself (quick open, Go to Line, the palette closing on Enter)',
      },
    ],
    async run(page, dirs) {
      // mktplan: Open Preview to the Side shows the plan as a report beside its editor; it follows typing, keeps
      // its last drawing while the text does not parse, and a click on an item puts the editor's cursor on it.
      // Every console message of the page (webviews included) is kept meanwhile, for the CSP check at the end.
      const messages = [];
      const onConsole = (message) => messages.push({ type: message.type(), text: message.text(), url: message.location()?.url ?? '' });
      page.on('console', onConsole);
      try {
        await this.steps(page, dirs, messages);
      } catch (e) {
        e.message += `; the preview shows ${JSON.stringify(await previewState(page))?.slice(0, 800)}`;
        throw e;
      } finally {
        page.off('console', onConsole);
        await this.tidy(page, dirs).catch((e) => log(`note: could not close the preview: ${e.message}`));
      }
    },
    async steps(page, dirs, messages) {
      const file = PREVIEW_PLAN;
      const lines = readWorkspaceLines(dirs, file);
      const campaign = 'Opening month';
      const launchLine = lines.indexOf('    - id: launch') + 1;
      const nameLine = lines.indexOf(`      name: ${campaign}`, launchLine - 1) + 1;
      const nextLine = lines[nameLine]; // the line after `name:` (nameLine is 1-based)
      if (launchLine < 1 || nameLine !== launchLine + 1) throw new Error(`no campaign "launch" named "${campaign}" in ${file}`);
      const dates = { start: '2027-03-01', end: '2027-03-31' };
      // As the report writes a date in English (server/src/service/i18n/messages.ts: dateStyle medium, UTC).
      const shown = (date) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
      const want = { start: shown(dates.start), end: shown(dates.end) };
      const rowOf = (state) => state?.rows.find((cells) => cells[0].includes(campaign));
      const hasDates = (state) => rowOf(state)?.[2] === want.start && rowOf(state)?.[3] === want.end;
      const stale = 'The file does not parse right now: this is its last version that did.';
      const frame = async () => {
        const found = await previewFrame(page);
        if (!found) throw new Error('the preview has no document');
        return found;
      };
      const scrollY = async () => (await frame()).evaluate(() => Math.round(window.scrollY));
      /** A click on a link of the preview's own contents at its top ("Budget"): that section must come to the top. */
      const jumpTo = async (section, label) => {
        await (await frame()).locator('.report-header nav a', { hasText: label }).click();
        await waitFor(
          page,
          async () => (await frame()).evaluate((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 2 || window.innerHeight + window.scrollY >= document.body.scrollHeight - 1, section),
          `the link "${label}" to bring the ${label} section to the top of the preview`,
          10_000,
        );
      };
      let state;
      // Where the mouse rests for the pictures: the title bar's empty middle (the status bar's corner shows a tooltip).
      const away = [1150, 16];

      // 1. The preview beside the editor, with the draft's over-allocated budget.
      await hidePanel(page);
      await quickOpen(page, file);
      await runCommand(page, 'mktplan: Open Preview to the Side');
      await waitFor(page, async () => (state = await previewState(page))?.budget.includes('Over-allocated: the allocations exceed the total by'), 'the preview, with "Over-allocated: ..." in its Budget section').catch(
        (e) => {
          throw new Error(`${e.message}; the budget section reads ${JSON.stringify(state?.budget.slice(0, 300) ?? null)}`);
        },
      );
      const over = /Over-allocated: the allocations exceed the total by [^\n]*/.exec(state.budget)[0];
      if (!/3,000/.test(over)) throw new Error(`the budget section says "${over}"; the allocations (23,000) exceed the total (20,000) by 3,000`);
      const sections = ['Strategy', 'Budget', 'Timeline', 'Measurement', 'From objectives to results', 'People', 'Open findings'];
      if (JSON.stringify(state.sections) !== JSON.stringify(sections)) throw new Error(`the preview's sections are ${JSON.stringify(state.sections)}, not ${JSON.stringify(sections)}`);
      if (!rowOf(state)) throw new Error(`no row for "${campaign}" in the timeline's table: ${JSON.stringify(state.rows)}`);
      if (hasDates(state)) throw new Error(`"${campaign}" has dates before the edit: ${JSON.stringify(rowOf(state))}`);
      const tabs = await visibleTexts(page, '.part.editor .editor-group-container .tab .label-name');
      if (!tabs.some((t) => text(t).trim() === `Preview: ${file}`)) throw new Error(`no editor tab "Preview: ${file}"; tabs: ${JSON.stringify(tabs)}`);
      const groups = await page.locator('.part.editor .editor-group-container').count();
      if (groups < 2) throw new Error(`the preview is not beside the editor (${groups} editor group)`);
      // The preview opens without taking the focus: the editor keeps it (preserveFocus).
      const editorFocused = () => page.evaluate(() => !!document.activeElement?.closest('.part.editor .monaco-editor'));
      await waitFor(page, editorFocused, 'the keyboard focus to stay in the editor', 10_000);
      // The page says how wide it is, and the charts are drawn again as wide: their 12 px text stays 12 px.
      const chartTextSize = () =>
        frame().then((inner) =>
          inner.evaluate(() => {
            const svg = document.querySelector('#budget .chart-svg');
            return svg ? Math.round(12 * svg.getScreenCTM().a * 10) / 10 : 0;
          }),
        );
      await waitFor(page, async () => (await chartTextSize()) >= 11, "the charts drawn at the preview's width, their text at 12 px", 10_000);
      // Drawn in the theme's colours (a channel's bar, drawn #1f6feb, is painted in VS Code's charts.blue), and
      // nothing wider than the panel.
      const look = await (await frame()).evaluate(() => {
        const root = document.documentElement;
        const svg = document.querySelector('#budget .chart-svg');
        const bar = document.querySelector('#budget .chart-svg [fill="#1f6feb"]');
        const blue = document.createElement('span');
        blue.style.color = 'var(--vscode-charts-blue)'; // the style object, which the policy allows (not an attribute)
        document.body.append(blue);
        const theme = getComputedStyle(blue).color;
        blue.remove();
        const wide = [...document.querySelectorAll('#report *')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1).map((e) => e.tagName + (e.className ? `.${e.className}` : ''));
        return {
          width: root.clientWidth,
          overflow: root.scrollWidth - root.clientWidth,
          wide: wide.slice(0, 5),
          bar: bar ? getComputedStyle(bar).fill : null,
          theme,
          // The charts' text, drawn 12 px and set at 11 px by the style sheet (room for glyphs wider than ECharts measures), as large as it is drawn once the chart is scaled to the panel's width.
          chartText: svg ? Math.round(12 * svg.getScreenCTM().a * 10) / 10 : null,
          chartWidth: svg ? `${Math.round(svg.getBoundingClientRect().width)} px for ${svg.viewBox.baseVal.width} units` : null,
        };
      });
      if (look.overflow > 0 || look.wide.length) throw new Error(`the preview is wider than its panel (${look.width} px) by ${look.overflow} px: ${look.wide.join(', ')}`);
      if (!look.bar || look.bar !== look.theme) throw new Error(`a channel's bar is painted ${look.bar}, not in the theme's charts.blue (${look.theme})`);
      log(`preview ${look.width} px wide, nothing wider; bars in the theme's colours (${look.bar}); the charts' text drawn at ${look.chartText} px (${look.chartWidth})`);
      await this.watchPolicy(page, await frame(), messages);
      log(`preview: ${over}; "${campaign}" before the edit: ${JSON.stringify(rowOf(state))}`);
      // The Budget section in view, by the preview's own contents.
      await jumpTo('budget', 'Budget');
      await page.mouse.move(...away);
      await screenshot(page, this.shot);
      fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}.png`), path.join(REPO, 'docs', 'images', 'preview.png'));
      // For step 6, written now (after the picture), so that quick open knows it by then.
      fs.writeFileSync(path.join(dirs.workspace, PREVIEW_BROKEN), 'mktplan: "1"\ntitle: Broken\nplan:\n  channels: [instagram\n');
      await jumpTo('timeline', 'Timeline');
      // The click went to the webview: the keyboard back to the plan's editor (its group is the first).
      await page.keyboard.press('Control+1');
      await waitFor(page, editorFocused, 'the keyboard focus back in the editor (Ctrl+1)', 10_000);

      // 2. Dates typed under the campaign: the timeline's table shows them within a second of the last key.
      const indent = '      ';
      const readLine = async (n) => (await editorLines(page)).get(n);
      const closeSuggest = async () => {
        if (await page.isVisible(SEL.suggest)) {
          await pressEscapes(page, 1);
          await waitFor(page, async () => !(await page.isVisible(SEL.suggest)), 'the suggest widget to close', 5000);
        }
      };
      /**
       * Enter at the end of line `n`, then `typed` on the new line, indented as the campaign's keys, but for its last
       * `hold` characters; the line must then read one of `accept`.
       */
      const newLine = async (n, typed, hold = 0, accept = [indent + typed.slice(0, typed.length - hold)]) => {
        await goToLine(page, n, 1);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await waitFor(page, async () => /^ *$/.test((await readLine(n + 1)) ?? 'x'), `a new line after line ${n}`, 10_000);
        if ((await readLine(n + 1)) !== indent) {
          await page.keyboard.press('Shift+Home');
          await page.keyboard.type(indent);
        }
        await page.keyboard.type(typed.slice(0, typed.length - hold));
        await waitFor(page, async () => accept.includes(await readLine(n + 1)), `line ${n + 1} to read ${accept.map((a) => `"${a}"`).join(' or ')}`, 10_000).catch(async (e) => {
          throw new Error(`${e.message}; it reads ${JSON.stringify(await readLine(n + 1))}`);
        });
        // Keys are suggested as they are typed: Enter must not take a suggestion.
        await closeSuggest();
      };
      await newLine(nameLine, `start: ${dates.start}`);
      const endLine = nameLine + 2;
      await newLine(nameLine + 1, `end: ${dates.end}`, 1);
      // The preview's document notes the moment its table first shows both dates.
      await (await frame()).evaluate(
        ({ name, start, end }) => {
          window.__mktSeen = 0;
          const done = () =>
            [...document.querySelectorAll('#timeline table tbody tr')].some((tr) => {
              const cells = [...tr.children].map((cell) => cell.textContent.trim());
              return cells[0].includes(name) && cells[2] === start && cells[3] === end;
            });
          const watch = new MutationObserver(() => {
            if (done()) {
              window.__mktSeen = Date.now();
              watch.disconnect();
            }
          });
          watch.observe(document.getElementById('report'), { childList: true, subtree: true, characterData: true });
        },
        { name: campaign, start: want.start, end: want.end },
      );
      const keyAt = Date.now();
      await page.keyboard.type(dates.end.slice(-1));
      const keySent = Date.now() - keyAt;
      let seenAt = 0;
      await waitFor(
        page,
        async () => (seenAt = await (await frame()).evaluate(() => window.__mktSeen)),
        `the timeline's table to show "${campaign}" from ${want.start} to ${want.end}`,
        15_000,
      ).catch(async (e) => {
        throw new Error(`${e.message}; its row reads ${JSON.stringify(rowOf(await previewState(page)) ?? null)}; line ${endLine} reads ${JSON.stringify(await readLine(endLine))}`);
      });
      if ((await readLine(endLine)) !== `${indent}end: ${dates.end}`) throw new Error(`line ${endLine} reads ${JSON.stringify(await readLine(endLine))}`);
      const latency = seenAt - keyAt;
      log(`the timeline showed ${want.start} – ${want.end} ${latency} ms after the last key (the key took ${keySent} ms to send; the preview waits 250 ms for typing to stop)`);
      if (latency > 1000) throw new Error(`the timeline showed the new dates ${latency} ms after the last key, not within 1 s`);
      state = await previewState(page);
      // The whole report as it reads now, to know when the undo below has brought it back.
      const reportText = () => frame().then((f) => f.evaluate(() => document.getElementById('report').innerText));
      const edited = await reportText();
      if (!state.charts.some((chart) => chart.includes(campaign))) throw new Error(`no Gantt chart with "${campaign}" after the edit; charts: ${JSON.stringify(state.charts.map((c) => c.slice(0, 80)))}`);

      // 3. An unclosed bracket: the notice, above the last drawing that parsed; undone, the notice goes. The key is
      //    one the campaign lacks (a second `channels:` would not parse for that alone): `kpis: [instagram]` parses
      //    (an unknown KPI is only a finding), and the notice comes when Delete takes its `]` away.
      const bracketLine = endLine + 1;
      const bracket = `${indent}kpis: [instagram`;
      // `[` closes itself (`[]`) and `instagram` goes between: the line reads `[instagram]`.
      await newLine(endLine, bracket.trim(), 0, [bracket, `${bracket}]`]);
      if ((await readLine(bracketLine)) === `${bracket}]`) {
        await waitFor(page, async () => (state = await previewState(page)) && state.notice === null, `no notice while line ${bracketLine} reads "${bracket}]"`, 15_000);
        await page.keyboard.press('Delete');
      }
      const brokenAt = Date.now();
      await waitFor(page, async () => (await readLine(bracketLine)) === bracket, `line ${bracketLine} to read "${bracket}" (no closing bracket)`, 10_000).catch(async (e) => {
        throw new Error(`${e.message}; it reads ${JSON.stringify(await readLine(bracketLine))}`);
      });
      await waitFor(page, async () => (state = await previewState(page))?.notice === stale, `the notice "${stale}"`, 15_000).catch((e) => {
        throw new Error(`${e.message}; the notice reads ${JSON.stringify(state?.notice ?? null)}`);
      });
      log(`the notice showed within ${Date.now() - brokenAt} ms of the bracket left open (read every 200 ms)`);
      if (!hasDates(state)) throw new Error(`with the notice, the timeline lost the last drawing: "${campaign}" reads ${JSON.stringify(rowOf(state))}`);
      await page.mouse.move(...away);
      await screenshot(page, `${this.shot}-stale`);
      // Undo, one step at a time, until the bracket's line is gone (no further: the dates stay).
      const around = async () => JSON.stringify([await readLine(endLine), await readLine(bracketLine)]);
      const wanted = JSON.stringify([`${indent}end: ${dates.end}`, nextLine]);
      let undos = 0;
      for (; undos < 20 && (await around()) !== wanted; undos++) {
        const before = await around();
        await page.keyboard.press('Control+Z');
        await waitFor(page, async () => (await around()) !== before, 'Ctrl+Z to change the text', 5000).catch(() => {});
        if ((await readLine(endLine)) !== `${indent}end: ${dates.end}`) throw new Error(`Ctrl+Z went past the bracket: line ${endLine} reads ${JSON.stringify(await readLine(endLine))}`);
      }
      if ((await around()) !== wanted) throw new Error(`Ctrl+Z did not take the bracket away: lines ${endLine}-${bracketLine} read ${await around()}`);
      const undoneAt = Date.now();
      // Back as it was before the bracket: no notice, and the very same report (the undo redraws it on the way).
      await waitFor(page, async () => (state = await previewState(page)) && state.notice === null && (await reportText()) === edited, 'the notice to go after Ctrl+Z, and the report as before the bracket', 15_000).catch((e) => {
        throw new Error(`${e.message}; the notice reads ${JSON.stringify(state?.notice ?? null)}`);
      });
      log(`${undos}× Ctrl+Z: the notice gone and the report as before the bracket within ${Date.now() - undoneAt} ms of the last (read every 200 ms)`);
      if (!hasDates(state)) throw new Error(`after the undo, "${campaign}" reads ${JSON.stringify(rowOf(state))}`);

      // 4. A click on the campaign in the timeline's table puts the editor's cursor on its line; the preview stays
      //    where it was (VS Code's webviews scroll to the top on a link to "#" unless the page keeps the click).
      await goToLine(page, 1, 1);
      const link = (await frame()).locator('#timeline table tbody tr').filter({ hasText: campaign }).locator('a.goto').first();
      const target = { line: Number(await link.getAttribute('data-line')) + 1, column: Number(await link.getAttribute('data-character')) + 1 };
      if (target.line !== launchLine) throw new Error(`the link to "${campaign}" names line ${target.line}, not ${launchLine} (where "- id: launch" is)`);
      await link.scrollIntoViewIfNeeded();
      const scrolled = await scrollY();
      await link.click();
      await waitFor(
        page,
        async () => {
          const pos = await cursorPosition(page);
          return pos?.line === target.line && pos.column === target.column;
        },
        `the cursor at Ln ${target.line}, Col ${target.column} (the campaign "${campaign}") after the click`,
        10_000,
      ).catch(async (e) => {
        throw new Error(`${e.message}; it is at ${JSON.stringify(await cursorPosition(page))}`);
      });
      await waitFor(page, editorFocused, 'the keyboard focus in the editor after the click', 10_000);
      await waitFor(page, async () => (await readLine(launchLine))?.includes('- id: launch'), `the editor to show line ${launchLine}`, 10_000);
      if (Math.abs((await scrollY()) - scrolled) > 2) throw new Error(`the click scrolled the preview from ${scrolled} px to ${await scrollY()} px`);
      await page.mouse.move(...away);
      await screenshot(page, `${this.shot}-reveal`);
      log(`the click on "${campaign}" put the cursor at Ln ${target.line}, Col ${target.column}; the preview stayed at ${scrolled} px`);
      await this.checkPolicy(page, await frame(), messages);

      // 5. Hidden behind another editor and shown again, the preview shows the plan as it is now, where it was.
      const hideAt = Date.now();
      await page.keyboard.press('Control+2');
      await quickOpen(page, 'README.md');
      await waitFor(page, async () => (await previewFrame(page)) === null, 'the hidden preview to let go of its page', 10_000).catch(() => log('note: the hidden preview keeps its page'));
      const hidden = Date.now() - hideAt;
      await runCommand(page, 'View: Open Previous Editor');
      const shownAt = Date.now();
      await waitFor(page, async () => hasDates((state = await previewState(page))) && state.notice === null, `the preview shown again, with "${campaign}" from ${want.start} to ${want.end}`, 15_000).catch((e) => {
        throw new Error(`${e.message}; "${campaign}" reads ${JSON.stringify(rowOf(state) ?? null)}`);
      });
      await waitFor(page, async () => Math.abs((await scrollY()) - scrolled) <= 2, `the preview back at ${scrolled} px`, 5000).catch(async (e) => {
        throw new Error(`${e.message}; it is at ${await scrollY()} px`);
      });
      log(`hidden behind README.md (${hidden} ms), then shown again (${Date.now() - shownAt} ms): the plan as edited, at ${scrolled} px`);
      await this.watchPolicy(page, await frame(), messages);

      // 6. Another plan that does not parse: the notice alone, not the draft's drawing under that plan's name.
      await page.keyboard.press('Control+1');
      await quickOpen(page, PREVIEW_BROKEN);
      await waitFor(
        page,
        async () => (state = await previewState(page))?.notice === stale && state.sections.length === 0 && (await visibleTexts(page, '.tab .label-name')).some((t) => text(t).trim() === `Preview: ${PREVIEW_BROKEN}`),
        `the preview of ${PREVIEW_BROKEN}: the notice alone`,
        15_000,
      );
      await runCommand(page, 'View: Close Editor');
      await waitFor(page, async () => (await activeEditorPath(page)) === file && (state = await previewState(page))?.notice === null && hasDates(state), `the preview back on ${file}`, 15_000);
      log(`${PREVIEW_BROKEN}: the notice alone; back on ${file}`);
      await this.checkPolicy(page, await frame(), messages);
    },
    /**
     * From here on, the preview's document records any policy violation (its updates included), after a check that
     * both ways of hearing one work: a message it logs reaches the page's console listener, and an inline style
     * set on purpose is refused, heard in the console and by the document's listener (it is then left aside).
     */
    async watchPolicy(page, frame, messages) {
      const probe = `mktplan-e2e probe ${Date.now()}`;
      const before = messages.length;
      await frame.evaluate((message) => {
        window.__mktCsp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__mktCsp.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
        console.info(message);
        const styled = document.createElement('div');
        styled.setAttribute('style', 'color: red');
        document.body.append(styled);
        styled.remove();
      }, probe);
      await waitFor(page, async () => messages.some((m) => m.text === probe), "the preview's console message to reach the page's listener", 10_000);
      await waitFor(
        page,
        async () => messages.slice(before).some((m) => POLICY_MESSAGE.test(m.text)) && (await frame.evaluate(() => window.__mktCsp.length)) > 0,
        'the inline style set on purpose to be refused, in the console and as an event',
        10_000,
      );
      this.heard = messages.length;
      await frame.evaluate(() => window.__mktCsp.splice(0));
    },
    /** No policy violation in the preview since `watchPolicy`: neither in the console nor as an event. */
    async checkPolicy(page, frame, messages) {
      const later = messages.slice(this.heard);
      // Null when the preview has loaded a page since watchPolicy (step 6 does): the console alone then.
      const violations = (await frame.evaluate(() => window.__mktCsp ?? null)) ?? [];
      const csp = later.filter((m) => POLICY_MESSAGE.test(m.text));
      const noise = later.filter((m) => !csp.includes(m) && this.noise.some((n) => n.pattern.test(m.text)));
      for (const n of this.noise) {
        const count = noise.filter((m) => n.pattern.test(m.text)).length;
        if (count) log(`left aside ${count}× "${n.pattern.source.slice(0, 60)}": ${n.why}`);
      }
      const others = later.filter((m) => !csp.includes(m) && !noise.includes(m) && (m.type === 'error' || m.type === 'warning'));
      if (others.length) log(`other console errors and warnings: ${others.map((m) => `[${m.type}] ${m.text.slice(0, 160)} (${m.url.slice(-80)})`).join(' | ')}`);
      if (csp.length || violations.length) throw new Error(`policy violations while the preview was open: ${[...csp.map((m) => `${m.text} (${m.url})`), ...violations].join(' | ')}`);
      log(`no policy violation in the preview (${later.length} console messages heard)`);
    },
    /** Back as the next scenario expects: the copy as it was on disk, the preview closed. */
    async tidy(page, dirs) {
      await pressEscapes(page, 1);
      await page.keyboard.press('Control+1');
      if ((await activeEditorPath(page)) === PREVIEW_BROKEN) await runCommand(page, 'View: Close Editor');
      if ((await activeEditorPath(page)) === PREVIEW_PLAN) await runCommand(page, 'File: Revert File');
      if ((await page.locator('.part.editor .editor-group-container').count()) > 1) await runCommand(page, 'View: Close Editors in Other Groups');
      fs.rmSync(path.join(dirs.workspace, PREVIEW_BROKEN), { force: true });
    },
  },
  {
    name: 'preview-reload',
    shot: '15-preview-restored',
    async run(page, dirs) {
      // A laptop's window, where a preview beside its plan is about 390 px wide.
      await page.setViewportSize({ width: 1200, height: 1000 });
      try {
        await this.steps(page, dirs);
      } finally {
        await pressEscapes(page, 1);
        await page.keyboard.press('Control+1');
        if ((await page.locator('.part.editor .editor-group-container').count()) > 1) await runCommand(page, 'View: Close Editors in Other Groups').catch((e) => log(`note: ${e.message}`));
        await page.setViewportSize({ width: 1400, height: 1000 });
      }
    },
    async steps(page, dirs) {
      const file = 'saigon-bean.mktplan.yaml';
      /** The preview's timeline: where it stands, how wide the report is, and each chart's drawn width and date labels. */
      const timeline = async () => {
        const frame = await previewFrame(page);
        return frame
          ?.evaluate(() => {
            const section = document.getElementById('timeline');
            if (!section) return null;
            return {
              title: document.querySelector('#report h1')?.textContent.trim() ?? '',
              top: Math.round(section.getBoundingClientRect().top),
              scrollY: Math.round(window.scrollY),
              width: document.getElementById('report').clientWidth,
              charts: [...section.querySelectorAll('figure.chart svg')].map((svg) => ({
                drawn: svg.viewBox.baseVal.width,
                labels: [...svg.querySelectorAll('text[text-anchor="middle"]')].map((label) => label.textContent.trim()),
              })),
            };
          })
          .catch(() => null);
      };
      let state;
      await hidePanel(page);
      await quickOpen(page, file);
      await runCommand(page, 'mktplan: Open Preview to the Side');
      // Drawn first at a report's width, then again at the page's once it has said how wide it is.
      await waitFor(page, async () => (state = await timeline())?.charts.length === 2 && state.charts.every((chart) => chart.drawn <= state.width), 'the horizon and schedule charts drawn as wide as the preview').catch((e) => {
        throw new Error(`${e.message}; the timeline: ${JSON.stringify(state)}`);
      });
      const [horizon, schedule] = state.charts;
      log(`at ${state.width} px: horizon ${JSON.stringify(horizon.labels)}, schedule ${JSON.stringify(schedule.labels)}`);
      if (JSON.stringify(horizon.labels.filter((label) => /^\d{4}/.test(label))) !== JSON.stringify(['2027', '2028', '2029'])) throw new Error(`the horizon chart's labels are ${JSON.stringify(horizon.labels)}: each year of 2027-2029 must be named`);
      if (schedule.labels.length < 4) throw new Error(`the schedule chart's labels are ${JSON.stringify(schedule.labels)}: a year needs at least a label each quarter`);
      const frame = await previewFrame(page);
      await frame.locator('.report-header nav a', { hasText: 'Timeline' }).click();
      await waitFor(page, async () => Math.abs((state = await timeline())?.top) < 2, 'the Timeline section at the top of the preview', 10_000);
      await page.mouse.move(700, 16);
      await screenshot(page, '15-preview-narrow');
      const before = state;

      // Developer: Reload Window: the preview comes back in its place, with the same plan, scrolled where it was.
      await page.evaluate(() => {
        window.__mktBeforeReload = true;
      });
      await runCommand(page, 'Developer: Reload Window').catch(() => {}); // the palette goes with the page
      await waitFor(page, () => page.evaluate(() => window.__mktBeforeReload !== true).catch(() => false), 'the window to reload');
      await page.waitForSelector(SEL.workbench, { timeout: WAIT_MS });
      await waitFor(page, async () => (state = await timeline())?.title === before.title && state.charts.length === 2 && state.scrollY === before.scrollY, `the preview of ${file} restored, scrolled to ${before.scrollY} px`).catch((e) => {
        throw new Error(`${e.message}; the preview shows ${JSON.stringify(state)}`);
      });
      if (Math.abs(state.top) > 40) throw new Error(`the restored preview has its Timeline at ${state.top} px, not at the top`);
      const groups = await page.locator('.part.editor .editor-group-container').count();
      if (groups !== 2) throw new Error(`${groups} editor groups after the reload, not the plan's and the preview's`);
      // The server of the window before the reload kept V8's compiled code in the extension's storage as it exited.
      const codeCache = path.join(dirs.userData, 'User', 'globalStorage', 'mktplan.mktplan', 'code-cache');
      const kept = () => (fs.existsSync(codeCache) ? fs.readdirSync(codeCache) : []);
      await waitFor(page, async () => kept().some((name) => /^server-[0-9a-f]{8}-[0-9a-f]{16}\.v8cache$/.test(name)), `the server's compiled code kept in ${codeCache}`, 10_000).catch((e) => {
        throw new Error(`${e.message}; the folder holds ${JSON.stringify(kept())}`);
      });
      log(`the server's compiled code kept across the reload: ${kept().join(', ')}`);
      await page.mouse.move(700, 16);
      await screenshot(page, this.shot);
    },
  },
  {
    name: 'export-open',
    shot: '16-export-open',
    async run(page, dirs) {
      // mktplan: Export Report, then the notice's Open button: in a browser, the report opens in the editor.
      const plan = 'saigon-bean.mktplan.yaml';
      const toast = '.notifications-toasts .notification-toast';
      const exported = [];
      try {
        for (const [choice, name] of [
          ['Markdown', 'saigon-bean.md'],
          ['HTML page', 'saigon-bean.html'],
        ]) {
          const target = path.join(dirs.workspace, name);
          exported.push(target);
          await quickOpen(page, plan);
          // The command's own choice comes in the palette's place: not runCommand, which waits for the palette to close.
          const command = 'mktplan: Export Report (HTML or Markdown)';
          await page.keyboard.press('F1');
          await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: WAIT_MS });
          await page.keyboard.type(command);
          await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === command), `the command palette to list "${command}"`);
          await page.keyboard.press('Enter');
          await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows} .label-name`)).some((t) => text(t).trim() === choice), `the choice "${choice}"`, 10_000);
          await page.keyboard.type(choice);
          await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === choice), `"${choice}" focused`, 10_000);
          await page.keyboard.press('Enter');
          await waitFor(page, async () => (await page.inputValue(SEL.quickInputBox).catch(() => '')) === target, `the save dialog to propose ${target}`, 10_000);
          await page.keyboard.press('Enter');
          await waitFor(page, () => fs.existsSync(target) && fs.statSync(target).size > 0, `${name} written`, 20_000);
          const open = page.locator(toast, { hasText: `Report saved to ${target}` }).locator('.monaco-button', { hasText: /^Open$/ });
          await open.waitFor({ state: 'visible', timeout: WAIT_MS });
          await open.click();
          await waitFor(page, async () => (await activeEditorPath(page)) === name, `the editor of ${name} in front after Open`, 10_000).catch(async (e) => {
            throw new Error(`${e.message}; the editor in front is ${JSON.stringify(await activeEditorPath(page))}`);
          });
          log(`Open after exporting ${choice}: ${name} in the editor`);
        }
        // The HTML page is shown in the Explorer too, where it can be downloaded to open in a browser.
        await waitFor(page, async () => (await visibleTexts(page, '.explorer-folders-view .monaco-list-row.selected')).some((t) => text(t).trim() === 'saigon-bean.html'), 'saigon-bean.html selected in the Explorer', 10_000);
        await page.mouse.move(700, 16);
        await screenshot(page, this.shot);
      } finally {
        await pressEscapes(page, 1);
        // Only the reports' editors: closing all would stop at the question whether to save the plans earlier scenarios left edited.
        for (const file of exported) {
          if ((await activeEditorPath(page)) !== path.basename(file)) await quickOpen(page, path.basename(file)).catch((e) => log(`note: ${e.message}`));
          if ((await activeEditorPath(page)) === path.basename(file)) await runCommand(page, 'View: Close Editor').catch((e) => log(`note: ${e.message}`));
          fs.rmSync(file, { force: true });
        }
      }
    },
  },
  {
    name: 'compare',
    shot: '17-compare',
    async run(page, dirs) {
      // mktplan: Compare with a Revision… on a plan in a Git repository (review/, its own repository: a pull
      // request on Saigon Bean's plan, test/fixtures/diff, committed as before and changed in the working tree).
      const review = path.join(dirs.workspace, 'review');
      const plan = 'plan.mktplan.yaml';
      const fixtures = path.join(REPO, 'test', 'fixtures', 'diff');
      fs.mkdirSync(review, { recursive: true });
      const git = (...args) => execFileSync('git', ['-c', 'user.name=Linh', '-c', 'user.email=linh@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: review, stdio: 'pipe' });
      git('init', '-q');
      fs.copyFileSync(path.join(fixtures, 'before.mktplan.yaml'), path.join(review, plan));
      git('add', plan);
      git('commit', '-q', '-m', 'The plan as approved');
      fs.copyFileSync(path.join(fixtures, 'after.mktplan.yaml'), path.join(review, plan));
      const command = 'mktplan: Compare with a Revision…';
      const toast = '.notifications-toasts .notification-toast';
      // Git is turned on in the workspace's settings, which VS Code reads again by itself.
      const workspaceSettings = path.join(dirs.workspace, '.vscode', 'settings.json');
      const settingsBefore = fs.existsSync(workspaceSettings) ? fs.readFileSync(workspaceSettings, 'utf8') : undefined;
      /** Runs the command and waits for a notification that says `expected`. */
      const refused = async (file, dir, expected) => {
        await quickOpen(page, file, dir);
        await runCommand(page, command);
        await page.locator(toast, { hasText: expected }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
        log(`"${expected}" said for ${file}`);
        await runCommand(page, 'Notifications: Clear All Notifications');
      };
      /** What the comparison beside the editor shows, or null while there is none. */
      const comparison = async () => {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame() || frame.isDetached()) continue;
          const shown = await frame
            .evaluate(() => {
              if (!document.querySelector('#report .diff-plan')) return null;
              return {
                title: document.querySelector('#report h1')?.textContent.trim() ?? '',
                headline: document.querySelector('#report .diff-headline')?.textContent.trim() ?? '',
                parts: [...document.querySelectorAll('#report details > summary')].map((summary) => summary.textContent.trim()),
                text: document.getElementById('report').innerText,
              };
            })
            .catch(() => null);
          if (shown) return shown;
        }
        return null;
      };
      try {
        // VS Code's Git extension is off in this run's settings: the command says what it needs.
        await refused(plan, 'review', "needs VS Code's Git extension");
        fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
        fs.writeFileSync(workspaceSettings, JSON.stringify({ ...JSON.parse(settingsBefore ?? '{}'), 'git.enabled': true }, null, 2) + '\n');
        // Git on: a plan outside any repository has no revision (the extension said so once it has started).
        const started = Date.now();
        for (;;) {
          await quickOpen(page, 'draft.mktplan.yaml');
          await runCommand(page, command);
          const said = page.locator(toast, { hasText: /is not in a Git repository|needs VS Code's Git extension/ }).first();
          await said.waitFor({ state: 'visible', timeout: WAIT_MS });
          const words = text(await said.innerText());
          await runCommand(page, 'Notifications: Clear All Notifications');
          if (words.includes('is not in a Git repository')) break;
          if (Date.now() - started > WAIT_MS) throw new Error(`the Git extension did not start after git.enabled was set: "${words}"`);
          await page.waitForTimeout(2000);
        }
        log('"is not in a Git repository" said for draft.mktplan.yaml');

        // The plan in review/: the last commit is offered first, and Enter compares with it.
        await quickOpen(page, plan, 'review');
        await runCommandOpening(page, command);
        await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).includes('Last commit')), 'the last commit offered first', 30_000);
        await page.keyboard.press('Enter');
        let shown;
        await waitFor(page, async () => (shown = await comparison()) !== null, 'the comparison beside the plan');
        log(`comparison: ${shown.title} · ${shown.headline} · ${JSON.stringify(shown.parts)}`);
        if (!/since HEAD/.test(shown.title)) throw new Error(`the comparison's title is "${shown.title}"`);
        for (const expected of ['₫1,200,000,000 → ₫1,300,000,000', '9 changes', '1 finding introduced', '1 finding resolved']) {
          if (!shown.headline.includes(expected)) throw new Error(`the headline "${shown.headline}" does not say "${expected}"`);
        }
        for (const expected of ['Budget (3)', 'Campaigns (2)', 'Objectives left unserved (1)', 'Findings introduced (1)', 'Findings resolved (1)']) {
          if (!shown.parts.includes(expected)) throw new Error(`no part "${expected}" in ${JSON.stringify(shown.parts)}`);
        }
        if (!/tet-2027.*moved 14 days later/.test(shown.text)) throw new Error('the Tết campaign is not said to move 14 days later');
        await page.mouse.move(700, 16);
        await screenshot(page, this.shot);

        // An edit in the plan: the comparison follows it. A digit typed after the total makes it ten times larger.
        const { line, column } = findInWorkspaceFile(dirs, `review/${plan}`, /^\s+total: \d+/, 'total');
        await page.keyboard.press('Control+1');
        await goToLine(page, line, column);
        await page.keyboard.press('End');
        await page.keyboard.type('0');
        await waitFor(page, async () => (shown = await comparison())?.headline.includes('₫13,000,000,000'), 'the comparison to follow the edit', 20_000).catch((e) => {
          throw new Error(`${e.message}; the headline: ${shown?.headline}`);
        });
        log(`after the edit: ${shown.headline}`);
      } finally {
        await pressEscapes(page, 1);
        await page.keyboard.press('Control+1');
        if ((await activeEditorPath(page).catch(() => null))?.endsWith(plan)) await runCommand(page, 'File: Revert File').catch((e) => log(`note: ${e.message}`));
        if ((await page.locator('.part.editor .editor-group-container').count()) > 1) await runCommand(page, 'View: Close Editors in Other Groups').catch((e) => log(`note: ${e.message}`));
        if (settingsBefore === undefined) fs.rmSync(workspaceSettings, { force: true });
        else fs.writeFileSync(workspaceSettings, settingsBefore);
      }
    },
  },
  {
    name: 'actuals',
    shot: '18-actuals',
    async run(page, dirs) {
      // The example's record of 2027 (saigon-bean.actuals.mktplan.yaml, a Meta Ads export and a KPI export under
      // exports/): its findings, the figures they put at the ends of the plan's lines, and the plan's preview.
      const file = 'saigon-bean.actuals.mktplan.yaml';
      const plan = 'saigon-bean.mktplan.yaml';
      const expected = JSON.parse(fs.readFileSync(path.join(dirs.workspace, 'saigon-bean.actuals.expected.json'), 'utf8')).findings;
      await quickOpen(page, file);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector(SEL.markers, { state: 'visible', timeout: WAIT_MS });
      await filterProblems(page, `**/${file}`);
      try {
        // Each expected finding on its line; no other finding of actuals (the filter may show other files' findings too).
        let rows = [];
        const matches = (row, finding) => row.text.includes(`${finding.code} [Ln ${finding.line},`);
        await waitFor(page, async () => {
          rows = (await problemRows(page)).filter((row) => row.level === 2);
          return expected.every((finding) => rows.some((row) => matches(row, finding)));
        }, `the Problems panel to list ${expected.map((finding) => finding.code).join(', ')} for ${file}`).catch((e) => {
          throw new Error(`${e.message}; it lists ${JSON.stringify(rows.map((row) => row.text))}`);
        });
        const others = rows.filter((row) => /actuals\//.test(row.text) && !expected.some((finding) => matches(row, finding)));
        if (others.length > 0) throw new Error(`findings of actuals beyond those expected: ${JSON.stringify(others.map((row) => row.text))}`);
        await page.mouse.move(700, 16);
        await screenshot(page, `${this.shot}-problems`);
      } finally {
        await filterProblems(page, '');
        await hidePanel(page);
      }

      // The plan's campaign lines end with what was spent and how much of the span is gone.
      await quickOpen(page, plan);
      // The Tết campaign's budget line (its id's line holds its length and share of the budget).
      const campaignLine = findInWorkspaceFile(dirs, plan, /^\s+- id: tet-2027/, 'tet-2027').line;
      const line = campaignLine + readWorkspaceLines(dirs, plan).slice(campaignLine).findIndex((text) => /^\s+budget: /.test(text)) + 1;
      await goToLine(page, line + 20);
      await goToLine(page, line);
      let hinted;
      await waitFor(page, async () => {
        hinted = await editorLines(page);
        return /spent \d+(\.\d+)?% · \d+(\.\d+)?% of its span gone/.test(hinted.get(line) ?? '');
      }, `the spend hint at the end of line ${line}`).catch((e) => {
        throw new Error(`${e.message}; the line reads ${JSON.stringify(hinted?.get(line))}`);
      });
      log(`line ${line}: ${hinted.get(line)}`);
      await page.mouse.move(700, 16);
      await screenshot(page, `${this.shot}-hints`);

      // The plan's preview: "Where the plan stands", its charts drawn.
      await runCommand(page, 'mktplan: Open Preview to the Side');
      let standing;
      await waitFor(page, async () => {
        const frame = await previewFrame(page);
        standing = await frame
          ?.evaluate(() => {
            const section = document.getElementById('standing');
            if (!section) return null;
            section.scrollIntoView();
            return { heading: section.querySelector('h2')?.textContent.trim() ?? '', charts: section.querySelectorAll('svg').length, text: section.innerText };
          })
          .catch(() => null);
        return standing !== null && standing !== undefined && standing.charts >= 2;
      }, 'the preview\'s "Where the plan stands" with its charts').catch((e) => {
        throw new Error(`${e.message}; the section: ${JSON.stringify(standing)?.slice(0, 300)}`);
      });
      log(`preview: ${standing.heading}, ${standing.charts} charts`);
      if (!standing.text.includes('email-vp')) throw new Error('the section does not name the overspent newsletter channel');
      await page.mouse.move(700, 16);
      await screenshot(page, this.shot);
      await pressEscapes(page, 1);
      await page.keyboard.press('Control+1');
      if ((await page.locator('.part.editor .editor-group-container').count()) > 1) await runCommand(page, 'View: Close Editors in Other Groups').catch((e) => log(`note: ${e.message}`));
    },
  },
  {
    name: 'locale-vi',
    shot: '12-locale-vi',
    async run(page, dirs) {
      // Last, as it changes a setting: mktplan.locale set to Vietnamese in the workspace's settings file,
      // which VS Code reads again by itself; the findings and the hover follow without a restart.
      fs.mkdirSync(path.join(dirs.workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mktplan.locale': 'vi' }, null, 2) + '\n');
      const vietnamese = /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựđ]/i;
      await quickOpen(page, 'draft.mktplan.yaml');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector(SEL.markers, { state: 'visible', timeout: WAIT_MS });
      await filterProblems(page, '**/draft.mktplan.yaml');
      try {
        await waitFor(
          page,
          async () => {
            const rows = (await problemRows(page)).filter((row) => row.level === 2 && row.file === 'draft.mktplan.yaml');
            return rows.length > 0 && rows.every((row) => vietnamese.test(row.text));
          },
          'every finding of draft.mktplan.yaml in Vietnamese in the Problems panel',
        );
        await page.mouse.move(5, 700);
        await screenshot(page, this.shot);
      } finally {
        await filterProblems(page, '');
      }
      fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}.png`), path.join(REPO, 'docs', 'images', 'locale-vi-problems.png'));
      await hidePanel(page);
      const file = 'saigon-bean.mktplan.yaml';
      const lines = readWorkspaceLines(dirs, file);
      const idx = lines.findIndex((line) => /^\s*swot\s*:/.test(line));
      await quickOpen(page, file);
      await goToLine(page, idx + 1, lines[idx].indexOf('swot') + 2);
      await showHover(page, (content) => content.includes('SWOT') && vietnamese.test(content), 'a hover on "swot" in Vietnamese');
      await screenshot(page, `${this.shot}-hover`);
      fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}-hover.png`), path.join(REPO, 'docs', 'images', 'locale-vi-hover.png'));
      await pressEscapes(page);

      // The extension's own prompts, pickers and notifications follow mktplan.locale too, while VS Code stays in English.
      const vi = JSON.parse(fs.readFileSync(path.join(REPO, 'server/src/service/i18n/locales/vi.json'), 'utf8')).messages;
      const message = async () => text((await visibleTexts(page, '.quick-input-widget .quick-input-message')).join(' '));
      await runCommandOpening(page, 'mktplan: New Marketing Plan');
      await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === vi['client.newPlan.newPlan']), `"${vi['client.newPlan.newPlan']}" offered first`);
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await message()).includes(vi['client.newPlan.namePrompt']), `the question for the organisation's name in Vietnamese: "${vi['client.newPlan.namePrompt']}"`);
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await message()).includes(vi['client.newPlan.nameMissing']), `"${vi['client.newPlan.nameMissing']}"`, 10_000);
      await page.keyboard.type('Cà phê Phố Cổ');
      await page.keyboard.press('Enter');
      await waitFor(page, async () => (await message()).includes(vi['client.newPlan.yearPrompt']), `the question for the year in Vietnamese: "${vi['client.newPlan.yearPrompt']}"`, 10_000);
      await screenshot(page, `${this.shot}-new-plan`);
      fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}-new-plan.png`), path.join(REPO, 'docs', 'images', 'locale-vi-new-plan.png'));
      await pressEscapes(page, 2);

      const exportTarget = path.join(dirs.workspace, 'saigon-bean.html');
      try {
        await quickOpen(page, file);
        await runCommandOpening(page, 'mktplan: Export Report (HTML or Markdown)');
        const html = vi['client.export.html'];
        await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows} .label-name`)).some((t) => text(t).trim() === html), `the choice "${html}" in Vietnamese`, 10_000);
        await screenshot(page, `${this.shot}-export-picker`);
        await page.keyboard.type(html);
        await waitFor(page, async () => (await visibleTexts(page, `${SEL.quickInputRows}.focused .label-name`)).some((t) => text(t).trim() === html), `"${html}" focused`, 10_000);
        await page.keyboard.press('Enter');
        await waitFor(page, async () => (await page.inputValue(SEL.quickInputBox).catch(() => '')) === exportTarget, `the save dialog to propose ${exportTarget}`, 10_000);
        await page.keyboard.press('Enter');
        const saved = vi['client.export.saved'].replace('{0}', exportTarget);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: saved });
        await toast.locator('.monaco-button', { hasText: vi['client.export.open'] }).waitFor({ state: 'visible', timeout: WAIT_MS });
        await screenshot(page, `${this.shot}-export-saved`);
        fs.copyFileSync(path.join(SCREENSHOTS, `${this.shot}-export-saved.png`), path.join(REPO, 'docs', 'images', 'locale-vi-export.png'));
      } finally {
        await pressEscapes(page, 1);
        fs.rmSync(exportTarget, { force: true });
      }
    },
    describeFailure: async (page) => `problems: ${JSON.stringify((await problemRows(page)).slice(0, 3).map((row) => row.text))}`,
  },
];

// ---------------------------------------------------------------------------
// Main.
// ---------------------------------------------------------------------------

async function main() {
  const chosen = chooseScenarios(scenarios, process.argv.slice(2));
  setup();
  const vsix = findVsix();
  const dirs = makeScratch();
  log(`scratch folder ${dirs.scratch}`);
  const serverEnv = isolatedEnv(dirs.serverHome);
  installExtension(dirs, vsix, serverEnv);
  const base = await startCodeServer(dirs, serverEnv);
  const { page, pageErrors } = await launchBrowser(dirs);
  await openWorkbench(page, base, dirs.workspace);

  const { passed, failed } = await runScenarios(page, dirs, chosen);
  if (failed) {
    saveLogs(dirs);
    if (pageErrors.length) log(`page errors:\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
  }
  log(`screenshots in ${SCREENSHOTS}`);
  return { passed, failed };
}

// Run only as the entry script: web.mjs imports the scenarios.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runToExit(main, () => {
    // This run's screenshots anew; the web run's (web-*) stay.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const name of fs.readdirSync(SCREENSHOTS)) {
      if (!name.startsWith('web-')) fs.rmSync(path.join(SCREENSHOTS, name), { recursive: true, force: true });
    }
  });
}
