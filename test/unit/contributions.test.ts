import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import * as nodePath from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { readSuppressions } from '../../server/src/service/document/suppressions';
import { engineMessages } from '../../server/src/service/i18n/catalogue';
import { localizedSnippetBody, untranslatableSnippetTexts } from '../../server/src/service/i18n/snippets';
import { useTranslations, type Translations } from '../../server/src/service/i18n/translations';
import { Translator } from '../../server/src/service/i18n/translator';
import { localesOnDisk } from '../../server/src/hosts/locales';
import { check, cleanPlan, coveredText } from './helpers';

const repository = nodePath.join(__dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(nodePath.join(repository, path), 'utf8'));

// ---------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const listItems = ['objective', 'segment', 'campaign', 'kpi', 'milestone', 'channel', 'content', 'spend', 'result', 'source'];
const sections = ['strategy', 'plan', 'swot', 'valueProposition', 'competition', 'brand', 'budget', 'reporting', 'salesAlignment', 'actuals'];
const wholeFiles = ['mktplan', 'mktplan-actuals'];
const prefixes = [...wholeFiles, ...sections, ...listItems];

function loadSnippets(): Record<string, Snippet> {
  return readJson('snippets/mktplan.json') as Record<string, Snippet>;
}

function snippet(prefix: string): Snippet {
  const found = Object.values(loadSnippets()).filter((candidate) => candidate.prefix === prefix);
  assert.equal(found.length, 1, `one snippet with prefix ${prefix}`);
  return found[0];
}

/** A parsed snippet body, in the TextMate snippet syntax VS Code uses. */
type SnippetNode =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

function parseSnippet(source: string): SnippetNode[] {
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${position} in ${JSON.stringify(source)}`);
  };
  const parseSequence = (insidePlaceholder: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (position < source.length) {
      const char = source[position];
      if (char === '\\' && position + 1 < source.length && '$}\\'.includes(source[position + 1])) {
        text += source[position + 1];
        position += 2;
      } else if (char === '}' && insidePlaceholder) {
        break;
      } else if (char === '$') {
        flush();
        nodes.push(parseDollar());
      } else {
        text += char;
        position++;
      }
    }
    flush();
    return nodes;
  };
  const parseDollar = (): SnippetNode => {
    position++; // $
    const bare = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(source.slice(position));
    if (bare) {
      position += bare[0].length;
      return /^\d/.test(bare[0]) ? { kind: 'tabstop', index: Number(bare[0]) } : { kind: 'variable', name: bare[0] };
    }
    if (source[position] !== '{') fail('a lone $');
    position++;
    const head = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(source.slice(position)) ?? fail('a ${ without a number or a variable name');
    position += head[0].length;
    const isTabstop = /^\d/.test(head[0]);
    const next = source[position];
    if (next === '}') {
      position++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]) } : { kind: 'variable', name: head[0] };
    }
    if (next === ':') {
      position++;
      const children = parseSequence(true);
      if (source[position] !== '}') fail('an unclosed placeholder');
      position++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]), children } : { kind: 'variable', name: head[0], children };
    }
    if (next === '|' && isTabstop) {
      position++;
      const options: string[] = [];
      let option = '';
      while (position < source.length && source.slice(position, position + 2) !== '|}') {
        const char = source[position];
        if (char === '\\' && ',|\\'.includes(source[position + 1])) {
          option += source[position + 1];
          position += 2;
        } else if (char === ',') {
          options.push(option);
          option = '';
          position++;
        } else {
          option += char;
          position++;
        }
      }
      if (position >= source.length) fail('an unclosed choice');
      options.push(option);
      position += 2;
      return { kind: 'choice', index: Number(head[0]), options };
    }
    return fail('an unsupported snippet construct (transforms are not expected here)');
  };
  const nodes = parseSequence(false);
  if (position !== source.length) fail('a stray }');
  return nodes;
}

/** The options of every choice of a snippet, as the editor offers them (`\\,` is a comma). */
function choicesOf(body: string[]): string[][] {
  const found: string[][] = [];
  const walk = (nodes: SnippetNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'choice') found.push(node.options);
      if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) walk(node.children);
    }
  };
  walk(parseSnippet(body.join('\n')));
  return found;
}

interface ExpandOptions {
  /** The value of `${CURRENT_YEAR}`. */
  year: string;
  /** Which option a choice takes; the first one, as VS Code does, unless told otherwise. */
  pick?: (options: string[]) => string;
}

/** The text VS Code inserts when the user tabs through a snippet without typing: placeholders keep their defaults, choices their first option, and a bare `$1` mirrors the placeholder `${1:...}`. */
function expand(body: string[], options: ExpandOptions): string {
  const nodes = parseSnippet(body.join('\n'));
  const variables: Record<string, string> = { CURRENT_YEAR: options.year };
  const pick = options.pick ?? ((choices: string[]) => choices[0]);
  const definitions = new Map<number, SnippetNode>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if ((node.kind === 'tabstop' && node.children) || node.kind === 'choice') {
        if (!definitions.has(node.index)) definitions.set(node.index, node);
      }
      if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.text;
          case 'choice':
            return pick(node.options);
          case 'variable':
            if (!(node.name in variables)) throw new Error(`unexpected snippet variable ${node.name}`);
            return variables[node.name];
          case 'tabstop': {
            const definition = node.children ? node : definitions.get(node.index);
            if (!definition) return '';
            return definition.kind === 'choice' ? pick(definition.options) : render((definition as { children: SnippetNode[] }).children);
          }
        }
      })
      .join('');
  return render(nodes);
}

/** A snippet inserted on a line holding only `indent`: VS Code prefixes every line after the first with that indentation. */
function inserted(body: string[], indent: string, options: ExpandOptions): string {
  return expand(body, options)
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}

/** Every finding as `code line:text`, for readable failures. */
async function findings(text: string, files?: Record<string, string>): Promise<string[]> {
  return (await check(text, { files })).map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `test setup: ${JSON.stringify(from)} is not in the text`);
  return text.replace(from, to);
}

/** The text without the block that starts at the line starting with `startKey` (up to the next line indented as much or less), and where it was. */
function withoutBlock(text: string, startKey: string): { text: string; at: number } {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(startKey));
  assert.ok(start >= 0, `test setup: no line starts with ${JSON.stringify(startKey)}`);
  const indent = startKey.length - startKey.trimStart().length;
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].length - lines[end].trimStart().length > indent)) end++;
  lines.splice(start, end - start);
  return { text: lines.join('\n'), at: start };
}

/** The host text with the snippet in place of the block that starts at `startKey`, inserted at that key's indentation. */
function replaceBlock(host: string, startKey: string, body: string[], options: ExpandOptions): string {
  const { text, at } = withoutBlock(host, startKey);
  const lines = text.split('\n');
  const indent = startKey.slice(0, startKey.length - startKey.trimStart().length);
  lines.splice(at, 0, inserted(body, indent, options));
  return lines.join('\n');
}

function insertAfter(host: string, line: string, body: string[], indent: string, options: ExpandOptions): string {
  return replaceOnce(host, `\n${line}\n`, `\n${line}\n${inserted(body, indent, options)}\n`);
}

/** A CSV export as the actuals snippets' sources read it with their defaults: a `Day`, a `Campaign` and a `Cost` column. */
const adsExport = 'Day,Campaign,Cost\n2027-01-25,tet,1500.50\n2027-02-01,tet,820\n';

/**
 * Where each section and item snippet goes in the format's example plan, where its content must then be found, and the
 * other files of the workspace it reads.
 */
const placements: Record<string, { place: (body: string[], options: ExpandOptions) => string; lands: (document: any) => unknown; files?: Record<string, string> }> = {
  strategy: {
    place: (body, options) => replaceBlock(cleanPlan, 'strategy:', body, options),
    lands: (document) => document.strategy.audience.segments[0].id,
  },
  plan: {
    place: (body, options) => replaceBlock(cleanPlan, 'plan:', body, options),
    lands: (document) => document.plan.kpis[0].id,
  },
  swot: {
    place: (body, options) => replaceBlock(cleanPlan, '  swot:', body, options),
    lands: (document) => document.strategy.swot.threats[0],
  },
  valueProposition: {
    place: (body, options) => replaceBlock(cleanPlan, '  valueProposition:', body, options),
    lands: (document) => document.strategy.valueProposition.usp,
  },
  competition: {
    place: (body, options) => replaceBlock(cleanPlan, '  competition:', body, options),
    lands: (document) => document.strategy.competition.competitors[0].weaknesses[0],
  },
  brand: {
    place: (body, options) => replaceBlock(cleanPlan, '  brand:', body, options),
    lands: (document) => document.strategy.brand.promise,
  },
  reporting: {
    place: (body, options) => replaceBlock(cleanPlan, '  reporting:', body, options),
    lands: (document) => document.plan.reporting.cadence,
  },
  salesAlignment: {
    place: (body, options) => replaceBlock(cleanPlan, '  salesAlignment:', body, options),
    lands: (document) => document.plan.salesAlignment.handoff,
  },
  budget: {
    place: (body, options) => replaceBlock(cleanPlan, '  budget:', body, options),
    lands: (document) => document.plan.budget.allocations[1].campaign,
  },
  objective: {
    place: (body, options) => insertAfter(cleanPlan, '  objectives:', body, '    ', options),
    lands: (document) => document.strategy.objectives[0].id,
  },
  segment: {
    place: (body, options) => insertAfter(cleanPlan, '    segments:', body, '      ', options),
    lands: (document) => document.strategy.audience.segments[0].id,
  },
  campaign: {
    place: (body, options) => insertAfter(cleanPlan, '  campaigns:', body, '    ', options),
    lands: (document) => document.plan.campaigns[0].content[0].message,
  },
  kpi: {
    place: (body, options) => insertAfter(cleanPlan, '  kpis:', body, '    ', options),
    lands: (document) => document.plan.kpis[0].frequency,
  },
  milestone: {
    place: (body, options) => insertAfter(replaceOnce(cleanPlan, '\n  channels:\n', '\n  timeline:\n  channels:\n'), '  timeline:', body, '    ', options),
    lands: (document) => document.plan.timeline[0].date,
  },
  channel: {
    place: (body, options) => insertAfter(cleanPlan, '  channels:', body, '    ', options),
    lands: (document) => document.plan.channels[0].type,
  },
  content: {
    place: (body, options) => insertAfter(replaceOnce(cleanPlan, '\n  campaigns:\n', '\n  content:\n  campaigns:\n'), '  content:', body, '    ', options),
    lands: (document) => document.plan.content[0].cadence,
  },
  actuals: {
    place: (body, options) => cleanPlan + inserted(body, '', options),
    lands: (document) => document.actuals.sources[0].columns.amount,
    files: { 'exports/ads.csv': adsExport },
  },
  spend: {
    place: (body, options) => insertAfter(`${cleanPlan}actuals:\n  asOf: 2027-03-31\n  spend:\n`, '  spend:', body, '    ', options),
    lands: (document) => document.actuals.spend[0].note,
  },
  result: {
    place: (body, options) => insertAfter(`${cleanPlan}actuals:\n  asOf: 2027-03-31\n  results:\n`, '  results:', body, '    ', options),
    lands: (document) => document.actuals.results[0].note,
  },
  source: {
    place: (body, options) => insertAfter(`${cleanPlan}actuals:\n  asOf: 2027-03-31\n  sources:\n`, '  sources:', body, '    ', options),
    lands: (document) => document.actuals.sources[0].columns.campaign,
    files: { 'exports/ads.csv': adsExport },
  },
};

const thisYear = String(new Date().getFullYear());

describe('the snippets', () => {
  it('parse as a VS Code snippet file with every snippet, each with a prefix, a body and a description', () => {
    const snippets = loadSnippets();
    assert.deepEqual(Object.values(snippets).map((entry) => entry.prefix).sort(), [...prefixes].sort());
    for (const [name, entry] of Object.entries(snippets)) {
      assert.deepEqual(Object.keys(entry).sort(), ['body', 'description', 'prefix'], name);
      assert.ok(Array.isArray(entry.body) && entry.body.length > 0 && entry.body.every((line) => typeof line === 'string'), name);
      assert.match(entry.description, /^[A-Z].{30,}\.$/, name);
    }
  });

  it('indent with two spaces and start where they are inserted: a list item with `- `, a section with its key', () => {
    for (const prefix of prefixes) {
      const { body } = snippet(prefix);
      for (const line of body) {
        assert.doesNotMatch(line, /\t/, `${prefix}: ${line}`);
        assert.equal((line.length - line.trimStart().length) % 2, 0, `${prefix}: ${line}`);
      }
      if (listItems.includes(prefix)) assert.match(body[0], /^- \w+: /, prefix);
      if (sections.includes(prefix)) assert.equal(body[0], `${prefix}:`);
    }
    for (const prefix of wholeFiles) assert.equal(snippet(prefix).body[0], 'mktplan: "1"', prefix);
  });

  it('number their tab stops in the order they appear, from 1 without gaps, and end at $0', () => {
    for (const prefix of prefixes) {
      const text = snippet(prefix).body.join('\n');
      const firstUses: number[] = [];
      for (const match of text.matchAll(/\$\{?(\d+)/g)) {
        const index = Number(match[1]);
        if (index !== 0 && !firstUses.includes(index)) firstUses.push(index);
      }
      assert.deepEqual(firstUses, firstUses.map((_, position) => position + 1), prefix);
      assert.equal(text.match(/\$0/g)?.length, 1, `${prefix}: one $0`);
      assert.ok(text.endsWith('$0'), `${prefix}: ends at $0`);
    }
  });

  it('offer as choices only values the schemas accept', () => {
    const allowed = [
      ['social', 'search', 'display', 'email', 'content', 'seo', 'events', 'influencer', 'pr', 'partnership', 'print', 'ooh', 'tv', 'radio', 'direct-sales', 'other'],
      ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'],
      ['increase', 'decrease'],
      ['startup', 'sme', 'enterprise'],
      ['differentiation', 'cost-leadership', 'focus', 'niche', 'other'],
      ['ceo', 'cmo', 'marketing-director', 'marketing-lead'],
      ['marketing-manager', 'marketing-specialist'],
      ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY/MM/DD'],
      ['utf-8', 'windows-1251', 'gb18030', 'windows-1258'],
      // A decimal mark and a delimiter, each inside double quotes, where `\t` is a tab.
      ['.', ','],
      [',', ';', '\\t'],
    ];
    for (const prefix of prefixes) {
      for (const options of choicesOf(snippet(prefix).body)) {
        const ok = allowed.some((set) => options.every((option) => set.includes(option))) || options.every((option) => /^[A-Z]{3}$/.test(option));
        assert.ok(ok, `${prefix}: ${options.join(' ')}`);
        assert.equal(new Set(options).size, options.length, `${prefix}: ${options.join(' ')} repeats an option`);
      }
    }
  });

  it('quote the decimal mark and the delimiter, whose options YAML would not read as plain text', () => {
    assert.deepEqual(choicesOf(snippet('actuals').body).slice(1, 3), [
      ['.', ','],
      [',', ';', '\\t'],
    ]);
    for (const prefix of ['actuals', 'mktplan-actuals']) {
      const body = snippet(prefix).body.join('\n');
      assert.match(body, /^ {6}decimal: "\$\{\d+\|[^|]*\|\}"$/m, prefix);
      assert.match(body, /^ {6}delimiter: "\$\{\d+\|[^|]*\|\}"$/m, prefix);
    }
  });

  describe('`mktplan`, expanded with its defaults, is a whole plan', () => {
    for (const year of [thisYear, '2028']) {
      it(`that the checker accepts without a single finding (${year})`, async () => {
        const text = expand(snippet('mktplan').body, { year });
        assert.deepEqual(await findings(text), []);
        const document = parseYaml(text);
        assert.deepEqual(Object.keys(document), ['mktplan', 'title', 'organization', 'team', 'strategy', 'plan']);
        assert.deepEqual(Object.keys(document.strategy), ['owner', 'horizon', 'basedOn', 'vision', 'objectives', 'audience', 'valueProposition', 'swot', 'competition', 'brand']);
        assert.deepEqual(Object.keys(document.plan), ['owner', 'period', 'implements', 'budget', 'timeline', 'channels', 'content', 'campaigns', 'kpis', 'reporting', 'salesAlignment']);
        assert.deepEqual(document.team.map((member: { role: string }) => member.role), ['cmo', 'marketing-manager']);
      });
    }

    it('whichever option of each choice the user picks', async () => {
      for (let option = 1; option < 16; option++) {
        const text = expand(snippet('mktplan').body, { year: thisYear, pick: (options) => options[Math.min(option, options.length - 1)] });
        assert.deepEqual(await findings(text), [], `option ${option}`);
      }
    });

    it('whose ids stay linked: an id typed once is used everywhere it is referred to', () => {
      const body = snippet('mktplan').body.join('\n');
      // The channel id is a placeholder once and a mirror in the channel list, the content and the campaign.
      const channel = /- channel: \$\{(\d+):social-media\}/.exec(body);
      assert.ok(channel);
      assert.equal(body.match(new RegExp(`\\$${channel[1]}(?!\\d)`, 'g'))?.length, 3);
    });
  });

  describe('`mktplan-actuals`, expanded with its defaults, is a whole actuals file', () => {
    const plan = () => expand(snippet('mktplan').body, { year: '2027' });
    const files = () => ({ 'plan.mktplan.yaml': plan(), 'exports/ads.csv': 'Day,Campaign,Cost\n2027-03-02,launch-campaign,400\n' });
    const actualsFile = (pick?: ExpandOptions['pick']) => expand(snippet('mktplan-actuals').body, { year: '2027', pick });

    it('that imports the plan it measures, and whose only errors are the ids left for the user to fill in', async () => {
      const text = actualsFile();
      const document = parseYaml(text);
      assert.deepEqual(Object.keys(document), ['mktplan', 'imports', 'actuals']);
      assert.deepEqual(document.imports, ['plan.mktplan.yaml']);
      assert.deepEqual(Object.keys(document.actuals), ['asOf', 'spend', 'results', 'sources']);
      assert.deepEqual(
        (await check(text, { name: '2027.actuals.mktplan.yaml', files: files() })).filter((diagnostic) => diagnostic.severity === 1).map((diagnostic) => `${diagnostic.code} ${coveredText(text, diagnostic)}`),
        ['ref/unknown campaign-id', 'ref/unknown kpi-id'],
      );
    });

    it('whichever option of each choice the user picks', async () => {
      for (let option = 0; option < 5; option++) {
        const text = actualsFile((options) => options[Math.min(option, options.length - 1)]);
        const found = (await check(text, { name: '2027.actuals.mktplan.yaml', files: files() })).map((diagnostic) => `${diagnostic.code} ${coveredText(text, diagnostic)}`);
        assert.deepEqual(found.filter((finding) => /^(schema|yaml-syntax) /.test(finding)), [], `option ${option}`);
      }
      // The last delimiter is a tab, written `"\t"`.
      assert.equal(parseYaml(actualsFile((options) => options[options.length - 1])).actuals.sources[0].delimiter, '\t');
    });

    it('holds the actuals section as it is, its tab stops after the import\'s', () => {
      const shifted = snippet('actuals').body.map((line) => line.replace(/\$\{?(\d+)/g, (whole, stop: string) => (stop === '0' ? whole : whole.replace(stop, String(Number(stop) + 1)))));
      assert.deepEqual(snippet('mktplan-actuals').body.slice(3), shifted);
    });
  });

  describe('each section and list item snippet, put in its place in a plan with its defaults', () => {
    for (const prefix of [...sections, ...listItems]) {
      it(`${prefix}: gives no schema or YAML finding, and lands where it belongs`, async () => {
        const text = placements[prefix].place(snippet(prefix).body, { year: thisYear });
        const { files } = placements[prefix];
        const found = await findings(text, files);
        assert.deepEqual(
          found.filter((finding) => finding.startsWith('schema ') || finding.startsWith('yaml-syntax ')),
          [],
          text,
        );
        // Other errors may only come from the host plan: references to ids it does not have, and, with the budget
        // snippet's default total of 10000, the host's own campaign budget of 12000.
        const hostErrors = prefix === 'budget' ? ['ref/unknown', 'budget/over-allocated'] : ['ref/unknown'];
        assert.deepEqual(
          (await check(text, { files })).filter((diagnostic) => diagnostic.severity === 1 && !hostErrors.includes(String(diagnostic.code))).map((diagnostic) => diagnostic.code),
          [],
        );
        const landed = placements[prefix].lands(parseYaml(text));
        assert.ok(typeof landed === 'string' && landed.length > 0, `${prefix} did not land where expected:\n${text}`);
      });
    }

    it('the content snippet also fits in a campaign', async () => {
      const host = placements.campaign.place(snippet('campaign').body, { year: '2027' });
      const text = insertAfter(host, '      content:', snippet('content').body, '        ', { year: '2027' });
      assert.deepEqual((await findings(text)).filter((finding) => /^(schema|yaml-syntax) /.test(finding)), []);
      assert.equal(parseYaml(text).plan.campaigns[0].content.length, 2);
    });
  });
});

// ---------------------------------------------------------------------------
// The "New Marketing Plan" command (client/src/extension.ts)
// ---------------------------------------------------------------------------

type ClientModule = typeof import('../../client/src/extension');
type TextsModule = typeof import('../../client/src/texts');

/** A module of the client, loaded with an empty stand-in for `vscode`: its helpers use nothing of VS Code. */
function loadWithoutVsCode<T>(load: () => T): T {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? {} : original.call(this, request, ...rest);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}

const loadClient = () => loadWithoutVsCode(() => require('../../client/src/extension') as ClientModule);
const loadTexts = () => loadWithoutVsCode(() => require('../../client/src/texts') as TextsModule);

/** The locales' texts as the tests read them (test/setup.ts), for a test that swaps them for its own to put back. */
const sourceLocales = nodePath.join(repository, 'server/src/service/i18n/locales');
const readLocale = (locale: string): Translations => JSON.parse(readFileSync(nodePath.join(sourceLocales, `${locale}.json`), 'utf8')) as Translations;

describe('the New Marketing Plan command', () => {
  const client = loadClient();
  const body = () => snippet('mktplan').body;
  /** The plan as the user has it when they Tab through without typing. */
  const planFor = (organization: string, year: number) => expand(client.newPlanSnippet(body(), organization, year).split('\n'), { year: 'not used' });

  it('proposes this year while less than half of it has gone by, and the next year after that', () => {
    assert.equal(client.defaultPlanYear(new Date(2027, 0, 1)), 2027);
    assert.equal(client.defaultPlanYear(new Date(2027, 5, 30, 12)), 2027);
    // The middle of 2027 is 2 July at noon (182.5 days); a few hours either side leaves room for daylight saving time.
    assert.equal(client.defaultPlanYear(new Date(2027, 6, 2, 9)), 2027);
    assert.equal(client.defaultPlanYear(new Date(2027, 6, 2, 15)), 2028);
    assert.equal(client.defaultPlanYear(new Date(2027, 11, 31, 23, 59)), 2028);
    // That of a leap year, 2 July at midnight (183 days).
    assert.equal(client.defaultPlanYear(new Date(2028, 6, 1, 21)), 2028);
    assert.equal(client.defaultPlanYear(new Date(2028, 6, 2, 3)), 2029);
  });

  it('takes a year of four digits only', () => {
    for (const year of ['2027', ' 2028 ', '1999']) assert.ok(client.isPlanYear(year), year);
    for (const year of ['', '27', '20270', 'next', '2027a', '2 027']) assert.ok(!client.isPlanYear(year), year);
  });

  it('names the file <organisation>-<year>.mktplan.yaml, in lowercase a-z, digits and dashes', () => {
    assert.equal(client.planFileName('Bloom & Brew', 2027), 'bloom-brew-2027.mktplan.yaml');
    assert.equal(client.planFileName('  Saigon Bean Co.  ', 2028), 'saigon-bean-co-2028.mktplan.yaml');
    assert.equal(client.planFileName('Sài Gòn Bean, Đà Nẵng', 2027), 'sai-gon-bean-da-nang-2027.mktplan.yaml');
    assert.equal(client.planFileName('Café Œuvre Straße', 2027), 'cafe-oeuvre-strasse-2027.mktplan.yaml');
    assert.equal(client.planFileName('7-Eleven', 2027), '7-eleven-2027.mktplan.yaml');
  });

  it('falls back to marketing-plan-<year>.mktplan.yaml for a name without Latin letters or digits', () => {
    assert.equal(client.planFileName('東京コーヒー', 2027), 'marketing-plan-2027.mktplan.yaml');
    assert.equal(client.planFileName('Кофе', 2027), 'marketing-plan-2027.mktplan.yaml');
    assert.equal(client.planFileName('& — !', 2027), 'marketing-plan-2027.mktplan.yaml');
  });

  it('keeps file names short', () => {
    const name = client.planFileName('A very long organisation name '.repeat(10), 2027);
    assert.ok(name.length <= 60 + '-2027.mktplan.yaml'.length, name);
    assert.match(name, /^[a-z0-9]+(?:-[a-z0-9]+)*-2027\.mktplan\.yaml$/);
  });

  for (const year of [2027, 2031]) {
    it(`fills the snippet for the organisation and the year (${year}): a plan without a single finding`, async () => {
      const text = planFor('Bloom & Brew', year);
      assert.deepEqual(await findings(text), []);
      const document = parseYaml(text);
      assert.equal(document.title, `Bloom & Brew marketing ${year}`);
      assert.equal(document.organization.name, 'Bloom & Brew');
      // The plan covers the year, from 1 January to 31 December; the strategy, three years from the same day.
      assert.deepEqual(document.plan.period, { start: `${year}-01-01`, end: `${year}-12-31` });
      assert.deepEqual(document.strategy.horizon, { start: `${year}-01-01`, end: `${year + 2}-12-31` });
      // Every other date is in the plan's year.
      const dates = [...text.matchAll(/\b(\d{4})-\d\d-\d\d\b/g)].map((match) => Number(match[1]));
      assert.deepEqual([...new Set(dates)].sort(), [year, year + 2]);
      assert.ok(text.endsWith('\n'));
    });
  }

  it('leaves the rest of the snippet to Tab through, without the variable the user was asked for', () => {
    const text = client.newPlanSnippet(body(), 'Bloom & Brew', 2027);
    assert.doesNotMatch(text, /CURRENT_YEAR|\$\{1[:|}]|\$1(?!\d)/);
    assert.match(text, /\$\{2\|sme,startup,enterprise\|\}/);
    assert.match(text, /^ {4}start: \$\{\d+:2027-01-01\}$/m);
    assert.ok(text.trimEnd().endsWith('$0'));
    // What remains is a valid snippet (the test's own parser throws on anything else).
    parseSnippet(text);
  });

  it('writes any organisation name so that it reads back as written, quoted where YAML needs it', async () => {
    for (const name of ['Acme: Inc', '#1 Coffee', '"Quoted" & Co', "O'Brien's", 'Cost $5 {per} cup \\ day', 'True', '2027', '- dash', 'Ends with colon:', '@home', 'Sài Gòn Bean']) {
      const text = planFor(name, 2027);
      const document = parseYaml(text);
      assert.equal(document.organization.name, name, text.slice(0, 200));
      assert.equal(document.title, `${name} marketing 2027`);
      assert.deepEqual((await findings(text)).filter((finding) => /^(schema|yaml-syntax) /.test(finding)), [], name);
    }
    // Plain where it can be.
    assert.match(client.newPlanSnippet(body(), 'Bloom & Brew', 2027), /^title: Bloom & Brew marketing 2027$/m);
  });

  describe('for the results of a plan already there', () => {
    const actualsBody = () => snippet('mktplan-actuals').body;
    /** The results file as the user has it when they Tab through without typing. */
    const actualsFor = (planPath: string, today: string) => expand(client.newActualsSnippet(actualsBody(), planPath, today).split('\n'), { year: 'not used' });

    it('offers the plan files that hold a plan, not those with only a strategy or only actuals', () => {
      assert.ok(client.holdsPlan(cleanPlan));
      assert.ok(client.holdsPlan('mktplan: "1"\nplan :\n  owner: minh\n'));
      assert.ok(!client.holdsPlan('mktplan: "1"\nstrategy:\n  owner: linh\n'));
      assert.ok(!client.holdsPlan('mktplan: "1"\nimports: [plan.mktplan.yaml]\nactuals:\n  asOf: 2027-03-31\n'));
      assert.ok(!client.holdsPlan('mktplan: "1"\n# plan: next year\nstrategy:\n  planned: no\n'));
    });

    it('names the file after the plan: <plan base name>.actuals.mktplan.yaml', () => {
      assert.equal(client.actualsFileName('bloom-brew-2027.mktplan.yaml'), 'bloom-brew-2027.actuals.mktplan.yaml');
      assert.equal(client.actualsFileName('ke-hoach-2027.mktplan.yml'), 'ke-hoach-2027.actuals.mktplan.yaml');
    });

    it('imports the plan and is as of today, every date it proposes today: only the ids are left to fill in', async () => {
      const text = actualsFor('bloom-brew-2027.mktplan.yaml', '2027-05-14');
      const document = parseYaml(text);
      assert.deepEqual(document.imports, ['bloom-brew-2027.mktplan.yaml']);
      assert.equal(document.actuals.asOf, '2027-05-14');
      assert.deepEqual([...new Set(text.match(/\b\d{4}-\d\d-\d\d\b/g))], ['2027-05-14']);
      const files = { 'bloom-brew-2027.mktplan.yaml': planFor('Bloom & Brew', 2027), 'exports/ads.csv': 'Day,Campaign,Cost\n2027-04-02,launch-campaign,400\n' };
      const found = (await check(text, { name: 'bloom-brew-2027.actuals.mktplan.yaml', files })).filter((diagnostic) => diagnostic.severity === 1);
      assert.deepEqual(found.map((diagnostic) => `${diagnostic.code} ${coveredText(text, diagnostic)}`), ['ref/unknown campaign-id', 'ref/unknown kpi-id']);
    });

    it('leaves the rest of the snippet to Tab through, from the first date on', () => {
      const text = client.newActualsSnippet(actualsBody(), 'bloom-brew-2027.mktplan.yaml', '2027-05-14');
      assert.doesNotMatch(text, /CURRENT_YEAR|\$\{1[:|}]|\$1(?!\d)/);
      assert.match(text, /^ {2}asOf: \$\{2:2027-05-14\}$/m);
      assert.ok(text.endsWith('$0\n'));
      parseSnippet(text);
    });

    it('writes any path to the plan so that it reads back as written', () => {
      for (const path of ['../plans/bloom-brew-2027.mktplan.yaml', 'plans/2027: draft.mktplan.yaml', 'cost $5 {per} cup.mktplan.yaml', '#1.mktplan.yaml']) {
        assert.deepEqual(parseYaml(actualsFor(path, '2027-05-14')).imports, [path], path);
      }
    });

    it('is exactly the snippet made ready for the plan and the day, in English with locale en', () => {
      const { clientTranslator } = loadTexts();
      assert.equal(client.newActualsText('plan.mktplan.yaml', '2027-05-14', clientTranslator('en')), client.newActualsSnippet(actualsBody(), 'plan.mktplan.yaml', '2027-05-14'));
    });
  });
});

describe('the New Marketing Plan command in the reader\'s language', () => {
  const client = loadClient();
  const { clientTranslator } = loadTexts();
  /** The new plan as the user has it when they Tab through without typing, in a locale. */
  const planIn = (locale: 'en' | 'vi' | 'zh-cn' | 'ru', organization = 'Bloom & Brew', year = 2027) => {
    const text = client.newPlanText(organization, year, clientTranslator(locale));
    assert.ok(text !== undefined, 'the whole-plan snippet is there');
    return { snippet: text, plan: expand(text.split('\n'), { year: 'not used' }) };
  };
  /** The placeholders' default texts that a language translates, English and translated; not the organisation's name, which the user gave. */
  const asked = /\$\{1:([^}]*)\}/.exec(snippet('mktplan').body.join('\n'))![1];
  const translatedPlaceholders = (locale: string) => Object.entries(readLocale(locale).snippets.mktplan?.placeholders ?? {}).filter(([english]) => english !== asked);

  it('is in English with locale en, exactly the snippet made ready for the organisation and the year', () => {
    assert.equal(planIn('en').snippet, client.newPlanSnippet(snippet('mktplan').body, 'Bloom & Brew', 2027));
  });

  it('is in Vietnamese with locale vi: every placeholder the Vietnamese texts translate is in Vietnamese, none left in English', async () => {
    const { snippet: text, plan } = planIn('vi');
    const placeholders = translatedPlaceholders('vi');
    assert.ok(placeholders.length >= 30, 'the Vietnamese texts translate the whole-plan snippet');
    for (const [english, vietnamese] of placeholders) {
      assert.notEqual(vietnamese, english);
      assert.ok(text.includes(`:${vietnamese}}`), `"${vietnamese}" is in the plan`);
      assert.ok(!text.includes(`:${english}}`), `"${english}" is left in English`);
    }
    assert.match(plan, /^ {2}industry: Sản phẩm hoặc dịch vụ của công ty$/m);
    assert.match(plan, /^ {6}- Điều bạn làm tốt hơn người khác$/m);
    // Still a plan the checker takes, with the format's keys, ids and enum values as they are.
    assert.deepEqual(await findings(plan), []);
    const document = parseYaml(plan);
    assert.deepEqual(Object.keys(document), ['mktplan', 'title', 'organization', 'team', 'strategy', 'plan']);
    assert.deepEqual(document.team.map((member: { id: string; role: string }) => `${member.id} ${member.role}`), ['leader cmo', 'manager marketing-manager']);
    assert.equal(document.organization.name, 'Bloom & Brew');
    assert.equal(document.organization.stage, 'sme');
    assert.deepEqual(document.plan.period, { start: '2027-01-01', end: '2027-12-31' });
  });

  it('words its comments and its title as the catalogue\'s snippet messages do in the locale', () => {
    const vi = clientTranslator('vi');
    const { plan } = planIn('vi');
    assert.ok(plan.split('\n').includes(`# ${vi.t('snippet.mktplan.teamComment')}`), plan.slice(0, 600));
    assert.ok(plan.split('\n').includes(`# ${vi.t('snippet.mktplan.strategyComment')}`));
    assert.ok(plan.split('\n').includes(`# ${vi.t('snippet.mktplan.planComment')}`));
    assert.equal(parseYaml(plan).title, vi.t('snippet.mktplan.title', { organization: 'Bloom & Brew', year: '2027' }));
  });

  it('in Chinese and Russian too: no placeholder left in English', () => {
    for (const locale of ['zh-cn', 'ru'] as const) {
      const { snippet: text } = planIn(locale);
      const placeholders = translatedPlaceholders(locale);
      assert.ok(placeholders.length >= 30, locale);
      for (const [english, translated] of placeholders) assert.ok(!text.includes(`:${english}}`) && text.includes(`:${translated}}`), `${locale}: ${english}`);
    }
  });

  describe('with the snippet\'s own words translated (a locale whose texts give them)', () => {
    const ownWords: Record<string, string> = {
      'snippet.mktplan.title': 'Kế hoạch marketing {organization} năm {year}',
      'snippet.mktplan.teamComment': 'Ai làm gì. Các trường owner và to bên dưới trỏ tới những id này.',
      'snippet.mktplan.strategyComment': 'Chiến lược dài hạn, do lãnh đạo phụ trách.',
      'snippet.mktplan.planComment': 'Kế hoạch của năm, do quản lý phụ trách.',
    };
    before(() => {
      const vi = readLocale('vi');
      useTranslations((locale) => (locale === 'vi' ? { ...vi, messages: { ...vi.messages, ...ownWords } } : undefined));
    });
    after(() => useTranslations(localesOnDisk(sourceLocales)));

    it('puts them in: the comments in Vietnamese, the title in its Vietnamese order, the name quoted where YAML needs it', async () => {
      const vi = new Translator('vi');
      const text = client.newPlanText('Acme: Inc', 2028, vi)!;
      const plan = expand(text.split('\n'), { year: 'not used' });
      assert.ok(plan.includes('\n# Ai làm gì. Các trường owner và to bên dưới trỏ tới những id này.\n'), plan.slice(0, 600));
      assert.ok(plan.includes('\n# Chiến lược dài hạn, do lãnh đạo phụ trách.\n'));
      assert.ok(plan.includes('\n# Kế hoạch của năm, do quản lý phụ trách.\n'));
      assert.doesNotMatch(plan, /Who is who|long-term strategy|plan for the year/);
      const document = parseYaml(plan);
      assert.equal(document.title, 'Kế hoạch marketing Acme: Inc năm 2028');
      assert.equal(document.organization.name, 'Acme: Inc');
      assert.deepEqual(await findings(plan), []);
    });
  });

  it('keeps every snippet exactly as written in English, and has a message for every comment and every text around a placeholder', () => {
    const english = new Translator('en');
    for (const prefix of prefixes) {
      assert.deepEqual(localizedSnippetBody(snippet(prefix), english), snippet(prefix).body, prefix);
      assert.deepEqual(untranslatableSnippetTexts(snippet(prefix)), [], prefix);
    }
  });

  it('would see a comment without a message', () => {
    assert.deepEqual(untranslatableSnippetTexts({ prefix: 'mktplan', body: ['# A comment nobody translates', 'name: ${1:a} and ${2:b}', 'id: ${3:x}'] }), ['A comment nobody translates', '${1:a} and ${2:b}']);
  });
});

describe('the client\'s own texts', () => {
  const sources = ['extension.ts', 'preview.ts', 'node.ts', 'browser.ts', 'texts.ts'].map((name) => readFileSync(nodePath.join(repository, 'client/src', name), 'utf8'));
  const used = [...new Set(sources.flatMap((source) => [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => match[1])))];

  it('come from the catalogue by id, never from VS Code\'s display language (vscode.l10n)', () => {
    assert.ok(used.length >= 15, used.join(', '));
    assert.deepEqual(used.filter((id) => !(id in engineMessages)), []);
    for (const source of sources) assert.doesNotMatch(source, /\bl10n\b/);
  });

  it('are every one translated in every language', () => {
    for (const locale of ['vi', 'zh-cn', 'ru']) {
      const messages = readLocale(locale).messages;
      assert.deepEqual(used.filter((id) => !messages[id]?.trim()), [], locale);
    }
  });

  it('follow mktplan.locale, and with auto (or no setting) the editor\'s display language; English where mktplan does not speak it', () => {
    const { clientLocale, clientTranslator } = loadTexts();
    assert.equal(clientLocale('vi', 'en'), 'vi');
    assert.equal(clientLocale('ru', 'zh-cn'), 'ru');
    assert.equal(clientLocale('auto', 'vi'), 'vi');
    assert.equal(clientLocale('auto', 'zh-cn'), 'zh-cn');
    assert.equal(clientLocale(undefined, 'ru'), 'ru');
    assert.equal(clientLocale('auto', 'fr'), 'en');
    assert.equal(clientLocale('en', 'vi'), 'en');
    assert.equal(clientTranslator('vi').t('client.newPlan.title'), readLocale('vi').messages['client.newPlan.title']);
    assert.equal(clientTranslator('vi').t('client.newPlan.yearInvalid', { '0': '2027' }), readLocale('vi').messages['client.newPlan.yearInvalid'].replace('{0}', '2027'));
    assert.equal(clientTranslator('en').t('client.newPlan.title'), 'New Marketing Plan');
  });
});

// ---------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------

interface GrammarRule {
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  name?: string;
  include?: string;
  patterns?: GrammarRule[];
  captures?: Record<string, GrammarRule>;
}

interface Grammar {
  scopeName: string;
  patterns: GrammarRule[];
  injections?: Record<string, GrammarRule>;
  repository: Record<string, GrammarRule>;
}

/**
 * An Oniguruma regex of the grammar as a JavaScript one. The grammar keeps to the common subset; the one exception is
 * `\A`, which vscode-textmate replaces with `\uFFFF` (a character that never occurs) on every line but the first.
 */
function toJavaScript(source: string): RegExp {
  assert.doesNotMatch(source, /\\x\{|\\[hHzZ]|\(\?>|[*+?}]\+|\(\?[imx-]+[):]|\\G/, `Oniguruma-only syntax in ${source}`);
  return new RegExp(source.replace(/\\A/g, '\\uFFFF'));
}

function everyRegex(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => everyRegex(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') found.push(value);
      else everyRegex(value, found);
    }
  }
  return found;
}

/** How the grammar reads one line with a suppression rule: the directive and the rule ids it highlights, or nothing. */
function highlighted(rule: GrammarRule, line: string): { directive: string; ids: string[] } | undefined {
  const match = toJavaScript(rule.match!).exec(line);
  if (!match) return undefined;
  assert.equal(rule.captures?.['2'].name, 'keyword.control.directive.mktplan');
  const idRule = rule.captures?.['3'].patterns?.find((pattern) => pattern.name === 'constant.language.rule-id.mktplan');
  assert.ok(idRule?.match);
  const ids = [...match[3].matchAll(new RegExp(toJavaScript(idRule.match).source, 'g'))].map((id) => id[0]);
  return { directive: match[2], ids };
}

describe('the grammar', () => {
  const grammar = readJson('syntaxes/mktplan.tmLanguage.json') as Grammar;
  const suppressionRules = Object.entries(grammar.repository).filter(([, rule]) => rule.name?.includes('meta.directive.suppression.mktplan'));

  it('parses, is source.mktplan, and puts the suppression comment before source.yaml', () => {
    assert.equal(grammar.scopeName, 'source.mktplan');
    assert.equal(grammar.patterns.length, 2);
    assert.ok(suppressionRules.some(([name]) => grammar.patterns[0].include === `#${name}`));
    assert.deepEqual(grammar.patterns[1], { include: 'source.yaml' });
    // Injected too, because the YAML grammar VS Code ships matches comments deep inside its own rules.
    const injected = Object.values(grammar.injections ?? {}).flatMap((rule) => rule.patterns ?? []).map((rule) => rule.include);
    for (const [name] of suppressionRules) assert.ok(injected.includes(`#${name}`), name);
    for (const rule of Object.values(grammar.repository)) {
      for (const pattern of rule.patterns ?? []) if (pattern.include?.startsWith('#')) assert.ok(pattern.include.slice(1) in grammar.repository);
    }
  });

  it('keeps its regexes within what Oniguruma and JavaScript share', () => {
    const regexes = everyRegex(grammar);
    assert.ok(regexes.length >= 5);
    for (const source of regexes) toJavaScript(source);
  });

  it('highlights the directive and each rule id of a suppression comment, and leaves other comments alone', () => {
    assert.ok(suppressionRules.length >= 1);
    for (const [name, rule] of suppressionRules) {
      assert.equal(rule.name, 'meta.directive.suppression.mktplan comment.line.number-sign.yaml', name);
      assert.equal(rule.captures?.['1'].name, 'punctuation.definition.comment.yaml', name);
      assert.deepEqual(highlighted(rule, '# mktplan-disable-next-line plan/kpis-missing, ref/unused'), {
        directive: 'mktplan-disable-next-line',
        ids: ['plan/kpis-missing', 'ref/unused'],
      }, name);
      assert.deepEqual(highlighted(rule, '# mktplan-disable budget/under-allocated'), { directive: 'mktplan-disable', ids: ['budget/under-allocated'] }, name);
      assert.deepEqual(highlighted(rule, '  owner: linh # mktplan-disable-next-line ref/unknown'), { directive: 'mktplan-disable-next-line', ids: ['ref/unknown'] }, name);
      assert.equal(highlighted(rule, '# a normal comment'), undefined, name);
      assert.equal(highlighted(rule, '# mktplan-disable-next-line'), undefined, name);
    }
  });

  it('highlights exactly the suppression comments the checker obeys, with the same rule ids', () => {
    const lines = [
      '# mktplan-disable-next-line plan/kpis-missing, ref/unused',
      '# mktplan-disable ref/unknown',
      '#mktplan-disable ref/unknown',
      'title: Plan # mktplan-disable-next-line schema',
      '  # mktplan-disable-next-line kpi/not-measurable,ref/unknown -- agreed with the CMO',
      '# mktplan-disable plan/kpis-missing, ',
      '# mktplan-disable-next-line',
      '# mktplan-disable',
      '# mktplan-disabled ref/unknown',
      '# mktplan-disable-next-line Ref/Unknown',
      '# a normal comment',
      'title: see#mktplan-disable ref/unknown',
    ];
    for (const [name, rule] of suppressionRules) {
      for (const line of lines) {
        const text = `${line}\nmktplan: "1"\n`;
        const read = readSuppressions(text, () => parseDocument(text));
        const obeyed = [...read.file, ...[...read.lines.values()].flatMap((ids) => [...ids])];
        const shown = highlighted(rule, line);
        assert.deepEqual(shown?.ids ?? [], obeyed, `${name}: ${line}`);
        if (shown) assert.equal(shown.directive.endsWith('-next-line'), read.lines.size > 0, `${name}: ${line}`);
      }
    }
  });

  it('gives the top-level mktplan, strategy and plan keys a scope of their own', () => {
    const rule = grammar.repository['top-level-key'];
    assert.ok(rule?.match && rule.name?.includes('entity.name.section.mktplan'));
    const regex = toJavaScript(rule.match);
    for (const line of ['mktplan: "1"', 'strategy:', 'plan:', 'plan: # the plan for 2027']) assert.match(line, regex);
    for (const line of ['  plan:', 'planning:', 'title: plan', '  strategy: x']) assert.doesNotMatch(line, regex);
  });

  /** The token type VS Code gives a token from its scopes, as vscode-textmate does: the last scope that names one wins. */
  const tokenType = (scopes: string): string =>
    scopes
      .split(' ')
      .map((scope) => /\b(comment|string|regex|meta\.embedded)\b/.exec(scope)?.[1])
      .filter((type): type is string => type !== undefined)
      .map((type) => (type === 'meta.embedded' ? 'other' : type))
      .pop() ?? 'other';
  const injectedAt = (rule: string) =>
    Object.entries(grammar.injections ?? {})
      .filter(([, injection]) => injection.patterns?.some((pattern) => pattern.include === `#${rule}`))
      .map(([selector]) => selector);

  describe('gives a key being typed the token type other, so that it is suggested as you type while values, free text and comments are not', () => {
    it('a key of a block mapping: inside the YAML grammar\'s plain key, with the colour of a key', () => {
      const rule = grammar.repository['key-being-typed'];
      assert.deepEqual(injectedAt('key-being-typed'), ['L:source.mktplan meta.map.key.yaml string.unquoted.plain.yaml']);
      // Inside the YAML key (a string), the rule's own scopes decide: other, and a key's colour from the last scope.
      assert.equal(tokenType(`meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml ${rule.name}`), 'other');
      assert.match(rule.name!, /entity\.name\.tag\.yaml$/);
      const regex = toJavaScript(rule.match!);
      assert.equal(regex.exec('budget')?.[0], 'budget');
      assert.equal(regex.exec('salesAlignment: x')?.[0], 'salesAlignment');
      assert.equal(regex.exec('bu')?.[0], 'bu');
    });

    it('a word alone on its line where no mapping has begun yet (an empty file, or the first key under `plan:`)', () => {
      const rule = grammar.repository['word-alone-at-line-start'];
      assert.deepEqual(injectedAt('word-alone-at-line-start'), ['L:source.mktplan string.unquoted.plain.out.yaml']);
      assert.equal(tokenType(`string.unquoted.plain.out.yaml ${rule.name}`), 'other');
      assert.match(rule.name!, /entity\.name\.tag\.yaml$/);
      const regex = toJavaScript(rule.match!);
      for (const line of ['bud', 'str', '  bud', '    salesAlign', 'mktplan  ']) assert.equal(regex.exec(line)?.[0], line.trim(), line);
      // Values stay strings: after `- ` (a list item, often free text such as a strength), after `key: `, or more than one word.
      for (const line of ['  - Sell', '    - own roastery', '  vision: Sell', '  statement: The plan', '  owner: anna', '  two words', '  - id']) {
        assert.equal(regex.exec(line), null, line);
      }
    });

    it('while a value, free text, a list item and a comment keep the YAML grammar\'s string and comment scopes', () => {
      assert.equal(tokenType('meta.map.value.yaml string.unquoted.plain.out.yaml'), 'string');
      assert.equal(tokenType('meta.block.sequence.yaml string.unquoted.plain.out.yaml'), 'string');
      assert.equal(tokenType('meta.map.value.yaml string.quoted.double.yaml'), 'string');
      assert.equal(tokenType('string.unquoted.block.yaml'), 'string');
      assert.equal(tokenType('comment.line.number-sign.yaml'), 'comment');
      // The top-level keys keep their own rule, which also names a string: they are complete once it matches.
      assert.equal(tokenType(grammar.repository['top-level-key'].name!), 'string');
    });
  });

  it('gives a number that is a whole value the token type other, so that a bracket or quote typed where a value starts closes itself (VS Code checks that the digit 0 typed there would not be in a string)', () => {
    const rule = grammar.repository['number-alone'];
    assert.deepEqual(injectedAt('number-alone'), ['L:source.mktplan string.unquoted.plain.out.yaml', 'L:source.mktplan string.unquoted.plain.in.yaml']);
    const regexes = (rule.patterns ?? []).map((pattern) => {
      assert.equal(tokenType(`string.unquoted.plain.out.yaml ${pattern.name}`), 'other');
      assert.match(pattern.name!, /constant\.numeric\.[a-z.]+\.yaml$/);
      return toJavaScript(pattern.match!);
    });
    const number = (line: string) => regexes.map((regex) => regex.exec(line)?.[0]).find((found) => found !== undefined);
    // Where a value starts: after `key: `, after `- `, alone on a line, in a flow list or map.
    for (const [line, found] of [
      ['title: 0', '0'],
      ['  implements: 0', '0'],
      ['  - 0', '0'],
      ['  0', '0'],
      ['x: [0', '0'],
      ['x: [a, 0]', '0'],
      ['x: {a: 0}', '0'],
      ['  target: 300 # customers', '300'],
      ['  target: -2.5', '-2.5'],
      ['  amount: 1e6', undefined],
    ] as const) {
      assert.equal(number(line), found, line);
    }
    // Inside free text, or part of a date or an id, a number stays in its string.
    for (const line of ['  statement: Win 300 offices', '  - 300 offices', 'title: He said 0', '  start: 2027-01-01', '  id: q1-2027', '  name: 7-Eleven']) {
      assert.equal(number(line), undefined, line);
    }
  });

  describe('ends a quoted scalar left open at the start of a line at the end of that line, so that one `"` does not turn the rest of the file into a string', () => {
    const rule = grammar.repository['unclosed-quote-at-line-start'];
    const [double, single] = ['"', "'"].map((quote) => {
      const found = rule.patterns?.find((pattern) => pattern.name?.startsWith(quote === '"' ? 'string.quoted.double' : 'string.quoted.single'));
      assert.ok(found?.match, quote);
      assert.equal(found.captures?.['1'].name, 'punctuation.definition.string.begin.yaml');
      return toJavaScript(found.match);
    });

    it('is injected wherever the YAML stream has begun, outside strings and comments', () => {
      assert.deepEqual(injectedAt('unclosed-quote-at-line-start'), ['L:source.mktplan meta.stream.yaml -string -comment']);
      for (const pattern of rule.patterns ?? []) assert.equal(pattern.begin, undefined, 'a match rule, which cannot go past the line');
    });

    it('a double quote: at the start of a line, after its indentation, or after `- `, when not closed on the line', () => {
      for (const line of ['"', '"mktplan: 1', '  "owner: anna', '  - "id: x', '    - - "a', '  "a \\"quoted\\" word', '  "ends with a backslash \\']) {
        assert.equal(double.exec(line)?.[0], line.trimStart().replace(/^(- )+/, ''), line);
      }
      // Closed on its line, or after `key: ` (which the YAML grammar ends at the end of its block): left alone.
      for (const line of ['"title": x', '  "owner": anna', '  - "a b"', 'title: "A plan', '  statement: "Open', '  x: a "b', '# "quoted']) {
        assert.equal(double.exec(line), null, line);
      }
    });

    it("a single quote, where '' stands for one quote", () => {
      for (const line of ["'", "  'owner: anna", "  - 'it''s", "  'it''s ''quoted'' too"]) assert.equal(single.exec(line)?.[0], line.trimStart().replace(/^(- )+/, ''), line);
      for (const line of ["'title': x", "  - 'it''s'", "title: 'A plan", "  name: O'Brien"]) assert.equal(single.exec(line), null, line);
    });
  });
});

// ---------------------------------------------------------------------------
// Language configuration
// ---------------------------------------------------------------------------

interface OnEnterRule {
  beforeText: string;
  action: { indent: string; appendText?: string };
}

describe('the language configuration', () => {
  const configuration = readJson('language-configuration.json') as {
    comments: { lineComment: string };
    brackets: string[][];
    autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
    surroundingPairs: string[][];
    folding: { offSide: boolean };
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules: OnEnterRule[];
  };

  it('parses, with # comments, [] and {} as brackets, brackets and quotes that close themselves and surround a selection (but not inside a string or a comment, where a lone quote or bracket is text), and folding by indentation', () => {
    assert.equal(configuration.comments.lineComment, '#');
    assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']']]);
    assert.deepEqual(configuration.autoClosingPairs.map((pair) => pair.open + pair.close), ['{}', '[]', '""', "''"]);
    for (const pair of configuration.autoClosingPairs) assert.deepEqual(pair.notIn, ['string', 'comment']);
    assert.deepEqual(configuration.surroundingPairs.map((pair) => pair.join('')), ['{}', '[]', '""', "''"]);
    assert.equal(configuration.folding.offSide, true);
  });

  /**
   * What Enter at the end of a line does, as VS Code applies onEnterRules: the first rule whose `beforeText` matches
   * the text before the cursor decides; `indent` adds one level (two spaces, the `[mktplan]` default), `none` keeps
   * the line's indentation, and `appendText` follows. Returns the new line's text, or undefined where no rule applies
   * (the indentation is then kept, or set by indentationRules).
   */
  const enter = (line: string): string | undefined => {
    const rule = configuration.onEnterRules.find((candidate) => new RegExp(candidate.beforeText).test(line));
    if (!rule) return undefined;
    const indentation = /^\s*/.exec(line)![0];
    assert.ok(['none', 'indent'].includes(rule.action.indent), rule.action.indent);
    return indentation + (rule.action.indent === 'indent' ? '  ' : '') + (rule.action.appendText ?? '');
  };

  it('Enter after `key:` whose value starts on the next line indents one level, for the nested map or list', () => {
    assert.equal(enter('plan:'), '  ');
    assert.equal(enter('  budget:'), '    ');
    assert.equal(enter('  budget:  # in USD'), '    ');
    assert.equal(enter('    allocations:'), '      ');
  });

  it('Enter after `key: |` or `key: >` indents one level, for the text of the block scalar', () => {
    assert.equal(enter('    handoff: >'), '      ');
    assert.equal(enter('  vision: |-'), '    ');
    assert.equal(enter('  vision: >2 # kept as written'), '    ');
  });

  it('Enter after a list item `- value` starts the next item, `- ` at the same indentation (lists of strengths, needs, ids)', () => {
    assert.equal(enter('      - own roastery'), '      - ');
    assert.equal(enter('  - Sell more coffee to offices # the main one'), '  - ');
    assert.equal(enter('      - {channel: social, amount: 35000}'), '      - ');
    assert.equal(enter('    - "quoted: with a colon"'), '    - ');
    assert.equal(enter('    - https://example.com/offer'), '    - ');
  });

  it('Enter after a list item that opens a map (`- id: x`) lines up with its keys, without a dash: the next line is most often the same item\'s next key (`name:` after `id:`), and a new item is two Backspaces and `- ` away', () => {
    // `- id: launch` at 4 spaces: its keys are at column 6, where `id` is.
    assert.equal(enter('    - id: launch'), '      ');
    assert.equal(enter('    - id: launch'), ' '.repeat('    - '.length));
    assert.equal(enter('  - name: Main competitor # the biggest'), '    ');
    assert.equal(enter('      - channel: social'), '        ');
  });

  it('Enter after a list item whose first key opens a block (`- content:`) indents under that key', () => {
    assert.equal(enter('    - content:'), '        ');
    assert.equal(enter('  - strengths: # what they do well'), '      ');
  });

  it('Enter after a bare `-` indents: the item\'s content goes on the next line', () => {
    assert.equal(enter('    -'), '      ');
    assert.equal(enter('  - '), '    ');
  });

  it('Enter after a complete `key: value`, a comment, or a colon inside quotes keeps the indentation (no rule applies)', () => {
    for (const line of ['  owner: linh', '# Budget:', '  # Budget:', 'title: "Plan: 2027"', "  name: 'Café: the first'", '  start: 2027-01-01']) {
      assert.equal(enter(line), undefined, line);
    }
  });

  it('indentationRules agree: more after a colon or an open bracket, less at a closing bracket', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    for (const line of ['  budget:', '    - content:', '  channels: [', '  budget: {']) assert.match(line, increase);
    assert.match('  ]', new RegExp(configuration.indentationRules.decreaseIndentPattern));
  });

  it('treats an id with dashes as one word, but not the dash of a list item', () => {
    const words = (line: string) => line.match(new RegExp(configuration.wordPattern, 'g'));
    assert.deepEqual(words('    - id: office-workers'), ['id', 'office-workers']);
    assert.deepEqual(words('channels: [social, email-vp]'), ['channels', 'social', 'email-vp']);
    assert.deepEqual(words('start: 2027-01-20'), ['start', '2027-01-20']);
  });
});

// ---------------------------------------------------------------------------
// Editor defaults and commands (package.json)
// ---------------------------------------------------------------------------

describe('the editor defaults for plans', () => {
  const manifest = readJson('package.json') as {
    contributes: {
      configurationDefaults: Record<string, Record<string, unknown>>;
      commands: Array<{ command: string; title: string; category?: string }>;
      menus?: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    };
  };
  const defaults = manifest.contributes.configurationDefaults['[mktplan]'];

  it('indent with two spaces, whatever a file was written with', () => {
    assert.equal(defaults['editor.tabSize'], 2);
    assert.equal(defaults['editor.insertSpaces'], true);
    assert.equal(defaults['editor.detectIndentation'], false);
  });

  it('suggest as you type in tokens of type other (a key being typed, see the grammar), never in strings (values, free text, list items) or comments', () => {
    assert.deepEqual(defaults['editor.quickSuggestions'], { other: 'on', comments: 'off', strings: 'off' });
  });

  it('suggest no words of the document: where the server has nothing to offer, such as in free text, nothing pops up', () => {
    assert.equal(defaults['editor.wordBasedSuggestions'], 'off');
  });

  it('start a new line on Enter after a value typed to its end while the widget still offers it (Tab still accepts)', () => {
    // `smart` accepts with Enter only a suggestion that changes the text: `type: social` with `social` offered keeps the Enter.
    assert.equal(defaults['editor.acceptSuggestionOnEnter'], 'smart');
  });

  it('offer New Marketing Plan in the command palette and in File > New File...', () => {
    const command = manifest.contributes.commands.find((candidate) => candidate.command === 'mktplan.newPlan');
    // A title may be a `%key%` of package.nls.json, the English text of the manifest.
    const english = (value: string | undefined) => {
      const key = /^%(.+)%$/.exec(value ?? '')?.[1];
      return key === undefined ? value : (readJson('package.nls.json') as Record<string, string>)[key];
    };
    assert.deepEqual(command && { title: english(command.title), category: english(command.category) }, { title: 'New Marketing Plan', category: 'mktplan' });
    assert.ok(manifest.contributes.menus?.['file/newFile']?.some((item) => item.command === 'mktplan.newPlan'));
    // Every command a menu names is contributed.
    const contributed = new Set(manifest.contributes.commands.map((candidate) => candidate.command));
    for (const items of Object.values(manifest.contributes.menus ?? {})) for (const item of items) assert.ok(contributed.has(item.command), item.command);
  });
});

// ---------------------------------------------------------------------------
// Icon
// ---------------------------------------------------------------------------

describe('the file icon', () => {
  it('is a 16 by 16 SVG', () => {
    const svg = readFileSync(nodePath.join(repository, 'images/mktplan-file.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 16 16"/);
    assert.match(svg, /<\/svg>\s*$/);
    assert.doesNotMatch(svg, /<script|href=/);
  });
});
