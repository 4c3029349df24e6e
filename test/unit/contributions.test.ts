import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { readSuppressions } from '../../server/src/service/document/suppressions';
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

const listItems = ['objective', 'segment', 'campaign', 'kpi', 'milestone', 'channel', 'content'];
const sections = ['strategy', 'plan', 'swot', 'valueProposition', 'competition', 'brand', 'budget', 'reporting', 'salesAlignment'];
const prefixes = ['mktplan', ...sections, ...listItems];

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
async function findings(text: string): Promise<string[]> {
  return (await check(text)).map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
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

/** Where each section and item snippet goes in the format's example plan, and where its content must then be found. */
const placements: Record<string, { place: (body: string[], options: ExpandOptions) => string; lands: (document: any) => unknown }> = {
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
    assert.equal(snippet('mktplan').body[0], 'mktplan: "1"');
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
    ];
    for (const prefix of prefixes) {
      for (const match of snippet(prefix).body.join('\n').matchAll(/\$\{\d+\|([^|]*)\|\}/g)) {
        const options = match[1].split(',');
        const ok = allowed.some((set) => options.every((option) => set.includes(option))) || options.every((option) => /^[A-Z]{3}$/.test(option));
        assert.ok(ok, `${prefix}: ${match[1]}`);
        assert.equal(new Set(options).size, options.length, `${prefix}: ${match[1]} repeats an option`);
      }
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

  describe('each section and list item snippet, put in its place in a plan with its defaults', () => {
    for (const prefix of [...sections, ...listItems]) {
      it(`${prefix}: gives no schema or YAML finding, and lands where it belongs`, async () => {
        const text = placements[prefix].place(snippet(prefix).body, { year: thisYear });
        const found = await findings(text);
        assert.deepEqual(
          found.filter((finding) => finding.startsWith('schema ') || finding.startsWith('yaml-syntax ')),
          [],
          text,
        );
        // Other errors may only come from the host plan: references to ids it does not have, and, with the budget
        // snippet's default total of 10000, the host's own campaign budget of 12000.
        const hostErrors = prefix === 'budget' ? ['ref/unknown', 'budget/over-allocated'] : ['ref/unknown'];
        assert.deepEqual(
          (await check(text)).filter((diagnostic) => diagnostic.severity === 1 && !hostErrors.includes(String(diagnostic.code))).map((diagnostic) => diagnostic.code),
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
        const read = readSuppressions(text, parseDocument(text));
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

  it('parses, with # comments, brackets, quotes that close themselves outside strings and comments, and folding by indentation', () => {
    assert.equal(configuration.comments.lineComment, '#');
    assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']']]);
    assert.deepEqual(configuration.autoClosingPairs.map((pair) => pair.open + pair.close), ['{}', '[]', '""', "''"]);
    for (const pair of configuration.autoClosingPairs) assert.deepEqual(pair.notIn, ['string', 'comment']);
    assert.deepEqual(configuration.surroundingPairs.map((pair) => pair.join('')), ['{}', '[]', '""', "''"]);
    assert.equal(configuration.folding.offSide, true);
  });

  it('indents after a line ending in a colon, and continues a list', () => {
    /** What Enter does at the end of a line: the first rule that matches, as VS Code applies them. */
    const onEnter = (line: string) => {
      const rule = configuration.onEnterRules.find((candidate) => new RegExp(candidate.beforeText).test(line));
      return rule ? `${rule.action.indent}${rule.action.appendText ? ` + ${JSON.stringify(rule.action.appendText)}` : ''}` : 'nothing';
    };
    assert.equal(onEnter('plan:'), 'indent');
    assert.equal(onEnter('  budget:  # in USD'), 'indent');
    assert.equal(onEnter('    handoff: >'), 'indent');
    assert.equal(onEnter('    - content:'), 'indent + "  "');
    assert.equal(onEnter('    - id: launch'), 'none + "  "');
    assert.equal(onEnter('      - own roastery'), 'none + "- "');
    assert.equal(onEnter('      - {channel: social, amount: 35000}'), 'none + "- "');
    assert.equal(onEnter('    -'), 'indent');
    assert.equal(onEnter('  owner: linh'), 'nothing');
    assert.equal(onEnter('# Budget:'), 'nothing');
    assert.equal(onEnter('title: "Plan: 2027"'), 'nothing');
    assert.match('  budget:', new RegExp(configuration.indentationRules.increaseIndentPattern));
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
