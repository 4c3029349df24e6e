import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { Engine } from '../../server/src/service';
import { cursor } from '../unit/features/cursor';
import { MemoryWorkspace } from '../unit/helpers';
import { budgetFor } from './budget';

const cli = nodePath.join(__dirname, '../../dist/cli.js');

/**
 * Texts a plan's author controls that a reader's terminal, CI log or renderer would act on:
 * each a channel `type` the schema refuses, so that its finding quotes it (under the 80
 * characters a message quotes).
 */
const vectors = {
  forgedAnnotation: 'x\n::warning file=evil.ts,line=1::forged',
  stopCommands: 'x\n::stop-commands::pause',
  legacyCommand: 'x ##[error]forged',
  osc: '\u001b]0;retitled\u0007\u001b[2J\u001b[31mred',
  c1: '\u009b2J\u0085next',
  bidi: 'abc\u202edcba',
  carriageReturn: 'shown\rhidden',
};

/** A YAML double-quoted scalar: every control and mark written as an escape, since YAML refuses most of them raw. */
const yamlQuoted = (text: string) => JSON.stringify(text).replace(/[\u007f-\u009f\u202a-\u202e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

const planWith = (types: string[]) => `mktplan: "1"\nplan:\n  channels:\n${types.map((type, index) => `    - {id: c${index}, type: ${yamlQuoted(type)}}`).join('\n')}\n`;

/** A line GitHub Actions would run as a workflow command: `::name` after leading white space, or `##[name]` anywhere. */
const commandName = (line: string): string | undefined => /^\s*::([^\s:]*)/.exec(line)?.[1] ?? /##\[([^\s\]]*)/.exec(line)?.[1];

/** Characters a terminal acts on, or that make a line read other than it is. */
const rawControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function run(args: string[], cwd: string, options: { preload?: string } = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANG', 'LC_ALL', 'LC_MESSAGES', 'NO_COLOR'].includes(key)));
  const node = options.preload ? ['--require', options.preload] : [];
  const result = spawnSync(process.execPath, [...node, cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: clean });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every line of an output that GitHub Actions would run as a command, with its name. */
function commandsIn(output: string): string[] {
  return output.split(/\r\n|\r|\n/).flatMap((line) => commandName(line) ?? []);
}

describe('texts from a plan, escaped for where they go', function () {
  this.timeout(budgetFor(0));
  let folder: string;

  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-injection-'));
    writeFileSync(nodePath.join(folder, 'vectors.mktplan.yaml'), planWith(Object.values(vectors)));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  describe('stylish output (the default)', () => {
    it('keeps each finding on one line, every control shown as an escape, no workflow command started', () => {
      const { stdout } = run(['check', 'vectors.mktplan.yaml'], folder);
      assert.doesNotMatch(stdout, rawControls);
      assert.deepEqual(commandsIn(stdout), []);
      for (const shown of [
        'x\\n::warning file=evil.ts,line=1::forged',
        'x\\n::stop-commands::pause',
        'x ##\\u005berror]forged',
        '\\u001b]0;retitled\\u0007\\u001b[2J\\u001b[31mred',
        '\\u009b2J\\u0085next',
        'abc\\u202edcba',
        'shown\\rhidden',
      ])
        assert.equal(stdout.split('\n').filter((line) => line.includes(`"${shown}"`) && line.includes('schema')).length, 1, `${shown} on one line of a finding:\n${stdout}`);
    });

    it('shows file names holding newlines, escape sequences and workflow commands as one safe line', () => {
      const names = ['::warning file=evil.ts::named.mktplan.yaml', 'a\n::error::named.mktplan.yaml', 'b\u001b]0;t\u0007 ##[error]x.mktplan.yaml'];
      const named = nodePath.join(folder, 'named');
      mkdirSync(named);
      for (const name of names) writeFileSync(nodePath.join(named, name), planWith(['tv']));
      const { stdout } = run(['check', 'named'], folder);
      assert.doesNotMatch(stdout, rawControls);
      assert.deepEqual(commandsIn(stdout), []);
      const lines = stdout.split('\n');
      for (const shown of ['named/::warning file=evil.ts::named.mktplan.yaml', 'named/a\\n::error::named.mktplan.yaml', 'named/b\\u001b]0;t\\u0007 ##\\u005berror]x.mktplan.yaml'])
        assert.ok(lines.includes(shown), `${shown} in\n${stdout}`);
    });

    it('names a file whose name starts a workflow command by ./ and its name', () => {
      writeFileSync(nodePath.join(folder, '::error::top.mktplan.yaml'), planWith(['tv']));
      const { stdout } = run(['check', '::error::top.mktplan.yaml'], folder);
      assert.deepEqual(commandsIn(stdout), []);
      assert.ok(stdout.split('\n').includes('./::error::top.mktplan.yaml'), stdout);
    });
  });

  describe('--format github', () => {
    it('writes one workflow command per finding, its own, with the plan text escaped as data', () => {
      const { stdout } = run(['check', '--format', 'github', 'vectors.mktplan.yaml'], folder);
      assert.doesNotMatch(stdout, rawControls);
      const lines = stdout.trimEnd().split('\n');
      assert.deepEqual(new Set(commandsIn(stdout)), new Set(['error', 'warning', 'notice']));
      assert.equal(commandsIn(stdout).length, lines.length, 'every line is a command of its own');
      for (const line of lines) {
        // The properties are those before the first `::` after the command: the file checked, never one the plan names.
        const properties = line.slice(line.indexOf(' ') + 1, line.indexOf('::', 2));
        assert.match(properties, /^file=vectors\.mktplan\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=mktplan [^,]+$/, line);
      }
      assert.ok(stdout.includes('"x\\n::warning file=evil.ts,line=1::forged"'), stdout);
    });

    it('escapes a file name in the file property', () => {
      const named = nodePath.join(folder, 'property');
      mkdirSync(named);
      writeFileSync(nodePath.join(named, 'a,title=forged:b%0A.mktplan.yaml'), planWith(['tv']));
      const { stdout } = run(['check', '--format', 'github', 'property'], folder);
      assert.ok(stdout.includes('file=property/a%2Ctitle=forged%3Ab%250A.mktplan.yaml,line='), stdout);
    });
  });

  describe('the JSON formats', () => {
    for (const format of ['json', 'sarif', 'gitlab'])
      it(`--format ${format}: the same data, and no line a workflow command`, () => {
        const { stdout } = run(['check', '--format', format, 'vectors.mktplan.yaml'], folder);
        assert.deepEqual(commandsIn(stdout), []);
        assert.ok(JSON.stringify(JSON.parse(stdout)).includes('##[error]forged'), 'the JSON still holds the text as written');
      });
  });

  describe('standard error', () => {
    it('escapes an input named with a newline, a workflow command and an escape sequence', () => {
      const { stderr, code } = run(['check', 'nothing\n::error::forged\u001b[2J.mktplan.yaml'], folder);
      assert.equal(code, 2);
      assert.doesNotMatch(stderr, rawControls);
      assert.deepEqual(commandsIn(stderr), []);
      assert.match(stderr, /^mktplan: nothing\\n::error::forged\\u001b\[2J\.mktplan\.yaml/);
    });

    it('escapes an argument quoted by a usage error', () => {
      const { stderr, code } = run(['check', '--format', 'x\n::error::forged', 'vectors.mktplan.yaml'], folder);
      assert.equal(code, 2);
      assert.deepEqual(commandsIn(stderr), []);
      assert.ok(stderr.split('\n')[0].includes('x\\n::error::forged'), stderr);
    });

    it('escapes the text of an internal error', () => {
      // Any failure the checker does not expect reaches the same printer: here writing the report fails with a hostile text.
      const preload = nodePath.join(folder, 'failing-write.js');
      writeFileSync(preload, `process.stdout.write = () => { throw new Error(${JSON.stringify('boom\n::error file=evil.ts::forged\n\u001b]0;retitled\u0007')}); };\n`);
      const { stderr, code } = run(['check', 'vectors.mktplan.yaml'], folder, { preload });
      assert.equal(code, 2);
      assert.doesNotMatch(stderr, rawControls);
      assert.deepEqual(commandsIn(stderr), []);
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      assert.ok(stderr.includes('boom\\n::error file=evil.ts::forged\\n\\u001b]0;retitled\\u0007'), stderr);
    });
  });

  describe('mktplan export', () => {
    const strategy = `mktplan: "1"\nteam:\n  - {id: linh, role: cmo, name: Linh}\nstrategy:\n  owner: linh\n  objectives:\n    - {id: grow, statement: Grow}\n`;
    const importedName = '<img src=x onerror=alert(1)>.mktplan.yaml';
    const plan = `mktplan: "1"
imports: [${JSON.stringify(importedName)}]
title: "Plan\\r| split | row"
organization: {name: "x\\n::error::forged ##[warning]legacy"}
plan:
  owner: linh
  implements: [grow]
  channels:
    - {id: ch, type: social, name: "www.evil.example https://evil.example <b>&amp;</b> @team"}
  budget: {total: 10, currency: USD, allocations: [{channel: ch, amount: 5, note: "a\\r| b | c\\r\\n| d"}]}
  campaigns:
    - {id: launch, name: "Launch ##[error]in the chart", objective: grow, start: 2027-02-01, end: 2027-03-01, channels: [ch], budget: 5}
`;

    before(() => {
      const exported = nodePath.join(folder, 'export');
      mkdirSync(exported);
      writeFileSync(nodePath.join(exported, importedName), strategy);
      writeFileSync(nodePath.join(exported, 'plan.mktplan.yaml'), plan);
    });

    /** Each table row with as many cells as its header: no `|` the plan wrote, no line break it held, splits one. */
    function assertTablesWhole(markdown: string) {
      const cells = (line: string) => line.replace(/\\\\|\\\|/g, '').split('|').length;
      let header: number | undefined;
      for (const line of markdown.split('\n')) {
        if (!line.startsWith('|')) header = undefined;
        else if (header === undefined) header = cells(line);
        else assert.equal(cells(line), header, line);
      }
    }

    it('writes Markdown in which the plan and file names make no markup, no row break and no workflow command', () => {
      const { stdout, code } = run(['export', '--format', 'md', '--as-of', '2027-01-01', 'plan.mktplan.yaml'], nodePath.join(folder, 'export'));
      assert.equal(code, 0);
      assert.ok(!stdout.includes('\r'), 'no lone carriage return');
      assertTablesWhole(stdout);
      assert.deepEqual(commandsIn(stdout), []);
      assert.ok(stdout.includes('From \\<img src\\=x onerror\\=alert(1)\\>.mktplan.yaml'), 'the imported file name as text');
      assert.ok(stdout.includes('Channel: www\\.evil.example https\\://evil.example \\<b\\>\\&amp;\\</b\\> \\@team'), stdout);
      assert.ok(stdout.includes('— a \\| b \\| c \\| d'), stdout);
      assert.match(stdout, /^# Plan \\\| split \\\| row$/m);
    });

    it('writes an HTML page in which neither a file name nor a line break of the plan makes markup or a workflow command, charts included', () => {
      const { stdout, code } = run(['export', '--as-of', '2027-01-01', 'plan.mktplan.yaml'], nodePath.join(folder, 'export'));
      assert.equal(code, 0);
      assert.ok(stdout.includes('<svg'), 'the page draws its charts');
      assert.deepEqual(commandsIn(stdout), []);
      assert.ok(!stdout.includes('<img src=x'), 'the imported file name as text');
      assert.ok(stdout.includes('&lt;img src=x onerror=alert(1)&gt;.mktplan.yaml'));
    });
  });

  describe('hover', () => {
    const imported = 'x) ![i](https:evil.example).mktplan.yaml';
    const strategy = `mktplan: "1"\nteam:\n  - {id: linh, role: cmo, name: "![avatar](https://evil.example/track.png)"}\nstrategy:\n  owner: linh\n`;

    async function hoverAt(marked: string): Promise<string> {
      const { text, position } = cursor(marked);
      const workspace = new MemoryWorkspace({ [imported]: strategy, 'plan.mktplan.yaml': text });
      const hover = await new Engine(workspace).hover(workspace.resolve('plan.mktplan.yaml'), text, position);
      assert.ok(hover, 'a hover');
      return hover.contents.value;
    }

    /**
     * The links and images a hover's Markdown makes, read as CommonMark reads them: outside code
     * spans, with backslash-escaped characters taken as text; also any bare URL or raw HTML.
     */
    function liveMarkup(markdown: string): string[] {
      const text = markdown.replace(/`[^`]*`/g, '').replace(/\\[!-/:-@[-`{-~]/g, '');
      const links = [...text.matchAll(/(!?)\[[^\]]*\]\(([^)]*)\)/g)].map((match) => `${match[1]}${match[2]}`);
      const rest = text.replace(/(!?)\[[^\]]*\]\(([^)]*)\)/g, '');
      return [...links, ...(rest.match(/<|https?:|www\./g) ?? [])];
    }

    it('shows a name holding an image as text: nothing is fetched', async () => {
      const markdown = await hoverAt(`mktplan: "1"\nimports: [${JSON.stringify(imported)}]\nplan:\n  owner: li$$nh\n`);
      assert.ok(markdown.includes('Name: !\\[avatar\\](https\\://evil.example/track.png)'), markdown);
      // Only the product's own link: to where the id is defined, in the imported file, percent-encoded whole.
      assert.deepEqual(liveMarkup(markdown).filter((link) => !link.startsWith('https://github.com/mktplan/mktplan/')), ['file:///workspace/x%29%20%21%5Bi%5D%28https%3Aevil.example%29.mktplan.yaml#L3']);
    });

    it('shows an id that names nothing, holding a backtick and a link, inside its code span', async () => {
      const markdown = await hoverAt('mktplan: "1"\nplan:\n  owner: "a`[rule page](https://evil.example)`$$"\n');
      // The finding there links to the rule's page: the product's own link, the only one.
      assert.deepEqual(liveMarkup(markdown).filter((link) => !link.startsWith('https://github.com/mktplan/mktplan/')), []);
      assert.ok(markdown.includes("`a'[rule page](https://evil.example)'`"), markdown);
    });

    it('shows a statement holding a link like the product\'s as text', async () => {
      const markdown = await hoverAt(`mktplan: "1"\nimports: [${JSON.stringify(imported)}]\nstrategy:\n  objectives:\n    - {id: grow, statement: "See the [rule page](https://evil.example/rules) <b>now</b>"}\nplan:\n  implements: [gr$$ow]\n`);
      assert.ok(markdown.includes('Statement: See the \\[rule page\\](https\\://evil.example/rules) \\<b\\>now\\</b\\>'), markdown);
      assert.deepEqual(liveMarkup(markdown).filter((link) => !link.startsWith('file:')), []);
    });
  });
});
