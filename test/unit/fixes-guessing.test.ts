import { strict as assert } from 'node:assert';
import { Engine, type Diagnostic } from '../../server/src/service';
import { parse } from '../../server/src/service/document/parse';
import { insertKey, plainInsertion } from '../../server/src/service/rules/fixes/edits';
import { budgetFor } from '../hostile/budget';
import { MemoryWorkspace } from './helpers';

type Edit = { range: Diagnostic['range']; text: string; snippet?: string };
type Action = { title: string; diagnostic: Diagnostic; edits: Edit[] };

const name = 'plan.mktplan.yaml';

/** A text with edits applied from the end; lines as the text writes them (LF or CRLF). */
function apply(text: string, edits: readonly { range: Diagnostic['range']; text: string }[]): string {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const offsetAt = ({ line, character }: Diagnostic['range']['start']) => starts[line] + character;
  let result = text;
  for (const edit of [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start))) {
    result = result.slice(0, offsetAt(edit.range.start)) + edit.text + result.slice(offsetAt(edit.range.end));
  }
  return result;
}

/** A snippet as the user leaves it after typing `values` over its tab stops in order. */
function typedOver(snippet: string, values: readonly string[]): string {
  let stop = 0;
  return snippet.replace(/\$\{\d+(?::[^}]*|\|[^|]*\|)\}/g, () => values[stop++]).replace(/\$0/g, '');
}

async function actionsFor(text: string, code: string, snippets: boolean, locale?: string): Promise<{ engine: Engine; file: string; actions: Action[] }> {
  const workspace = new MemoryWorkspace({ [name]: text });
  const engine = new Engine(workspace);
  const file = workspace.resolve(name);
  const findings = (await engine.check(file, text)).filter((diagnostic) => diagnostic.code === code);
  assert.ok(findings.length > 0, `no ${code} finding`);
  const actions: Action[] = [];
  for (const finding of findings) actions.push(...(await engine.codeActions(file, text, finding.range, { locale }, { snippets })).filter((action) => action.diagnostic.code === code));
  return { engine, file, actions };
}

const withoutSilencing = (actions: readonly Action[]) => actions.filter((action) => !action.title.startsWith('Silence'));

const planHead = `mktplan: "1"
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  budget:
    total: 1000
    currency: VND
`;

describe('quick fixes that never guess content', () => {
  describe('kpi/not-measurable', () => {
    const text = `${planHead}  kpis:
    - id: orders
      name: Online orders
`;

    it('leaves the target, the unit and the date selected for the user to type over, for a client that takes snippets', async () => {
      const { engine, file, actions } = await actionsFor(text, 'kpi/not-measurable', true);
      const [add] = withoutSilencing(actions);
      assert.equal(add.title, 'Add what makes it measurable');
      const snippet = add.edits.map((edit) => edit.snippet).join('');
      assert.doesNotMatch(snippet, /customers|500|monthly/);
      assert.match(snippet, /target: \$\{1:target\}/);
      assert.match(snippet, /unit: \$\{2:unit\}/);
      assert.match(snippet, /due: \$\{3:YYYY-MM-DD\}/);
      // Typed over, the KPI is measurable.
      const fixed = apply(text, add.edits.map((edit) => ({ range: edit.range, text: typedOver(edit.snippet!, ['120', 'orders', '2027-03-31']) })));
      assert.match(fixed, /target: 120\n {6}unit: orders\n {6}due: 2027-03-31\n/);
      assert.deepEqual((await engine.check(file, fixed)).filter((diagnostic) => diagnostic.code === 'kpi/not-measurable' || diagnostic.code === 'schema'), []);
    });

    it('words the placeholders in the reader\'s language', async () => {
      const { actions } = await actionsFor(text, 'kpi/not-measurable', true, 'ru');
      const snippet = withoutSilencing(actions)[0].edits.map((edit) => edit.snippet).join('');
      assert.match(snippet, /due: \$\{3:ГГГГ-ММ-ДД\}/);
      assert.doesNotMatch(snippet, /unit: \$\{2:unit\}/);
    });

    it('is not offered where the client takes no snippets, nor applied by fixAll', async () => {
      const { engine, file, actions } = await actionsFor(text, 'kpi/not-measurable', false);
      assert.deepEqual(withoutSilencing(actions), []);
      assert.equal((await engine.fixAll(file, text))?.text, text);
    });
  });

  describe('a missing required key (schema)', () => {
    const text = `${planHead}  channels:
    - id: zalo
      name: Zalo OA
`;

    it('offers a channel\'s `type` as a choice among the types, for a client that takes snippets', async () => {
      const { actions } = await actionsFor(text, 'schema', true);
      const add = withoutSilencing(actions).find((action) => action.title === 'Add `type`')!;
      assert.ok(add);
      assert.equal(add.edits[0].snippet, '      type: ${1|social,search,display,email,content,seo,events,influencer,pr,partnership,print,ooh,tv,radio,direct-sales,other|}\n');
    });

    it('offers no `type` where the client takes no snippets: nothing in the plan implies it', async () => {
      const { engine, file, actions } = await actionsFor(text, 'schema', false);
      assert.deepEqual(withoutSilencing(actions).map((action) => action.title), []);
      assert.equal((await engine.fixAll(file, text))?.text, text);
    });

    it('still offers what the plan implies: an item\'s id from its name, the format version', async () => {
      const noId = `${planHead}  channels:\n    - name: Zalo Official Account\n      type: social\n`;
      const { actions } = await actionsFor(noId, 'schema', false);
      const [add] = withoutSilencing(actions);
      assert.equal(add.title, 'Add `id`');
      assert.equal(add.edits[0].text, '      id: zalo-official-account\n');
      const noVersion = planHead.replace('mktplan: "1"\n', 'title: Kế hoạch\n');
      const version = withoutSilencing((await actionsFor(noVersion, 'schema', false)).actions);
      assert.deepEqual(
        version.map((action) => action.edits[0].text),
        ['mktplan: "1"\n'],
      );
    });
  });

  describe('campaign/dates-missing', () => {
    const text = `${planHead}  campaigns:
    - id: tet
      name: Tết 2027
      budget: 400
`;

    it('leaves the start and the end selected for the user to type, rather than the plan period', async () => {
      const { engine, file, actions } = await actionsFor(text, 'campaign/dates-missing', true);
      const [add] = withoutSilencing(actions);
      assert.equal(add.title, 'Add the dates');
      const snippet = add.edits.map((edit) => edit.snippet).join('');
      assert.doesNotMatch(snippet, /2027-01-01|2027-12-31/);
      assert.match(snippet, /start: \$\{1:YYYY-MM-DD\}\n {6}end: \$\{2:YYYY-MM-DD\}/);
      const fixed = apply(text, add.edits.map((edit) => ({ range: edit.range, text: typedOver(edit.snippet!, ['2027-01-20', '2027-02-12']) })));
      assert.deepEqual((await engine.check(file, fixed)).filter((diagnostic) => diagnostic.code === 'campaign/dates-missing' || diagnostic.code === 'schema'), []);
    });

    it('is not offered where the client takes no snippets', async () => {
      const { actions } = await actionsFor(text, 'campaign/dates-missing', false);
      assert.deepEqual(withoutSilencing(actions), []);
    });
  });
});

describe('quick fixes in a file with CRLF line ends', () => {
  const lf = `mktplan: "1"
strategy:
  owner: linh
  vision: Ngon
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
`;
  const crlf = lf.replace(/\n/g, '\r\n');

  async function fixedBy(text: string, code: string, title: string, snippets = false): Promise<{ fixed: string; edits: Edit[] }> {
    const { actions } = await actionsFor(text, code, snippets);
    const action = actions.find((candidate) => candidate.title === title);
    assert.ok(action, `no "${title}" among ${actions.map((candidate) => candidate.title).join(', ')}`);
    return { fixed: apply(text, action.edits), edits: action.edits };
  }

  for (const [code, title] of [
    ['strategy/swot-missing', 'Add `swot`'],
    ['plan/kpis-missing', 'Add `kpis`'],
    ['plan/reporting-missing', 'Add `reporting`'],
  ] as const) {
    it(`${title} writes CRLF, and the file is otherwise the same byte for byte`, async () => {
      const { fixed, edits } = await fixedBy(crlf, code, title);
      assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'a lone LF or CR');
      // The same fix on the LF file, written with CRLF: the same text.
      assert.equal(fixed, (await fixedBy(lf, code, title)).fixed.replace(/\n/g, '\r\n'));
      for (const edit of edits) assert.doesNotMatch(edit.snippet!.replace(/\r\n/g, ''), /[\r\n]/);
    });
  }

  it('adds a key under an empty map at its line end, before the CR', () => {
    const text = 'mktplan: "1"\r\nplan:\r\nstrategy: {}\r\n';
    const edit = insertKey('file:///workspace/plan.mktplan.yaml', parse(text), ['plan'], 'owner', { value: plainInsertion('linh'), inline: true }, 'linh')!;
    const fixed = apply(text, [edit]);
    assert.equal(fixed, 'mktplan: "1"\r\nplan:\r\n  owner: linh\r\nstrategy: {}\r\n');
  });

  it('joins two keys added at one place with CRLF between them, tab stops kept', async () => {
    const text = `mktplan: "1"\r\nplan:\r\n  period: {start: 2027-01-01, end: 2027-12-31}\r\n  kpis:\r\n    - id: orders\r\n      target: 10\r\n`;
    const { fixed, edits } = await fixedBy(text, 'kpi/not-measurable', 'Add what makes it measurable', true);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].snippet, '      unit: ${1:unit}\r\n      due: ${2:YYYY-MM-DD}\r\n');
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/);
  });
});

describe('repairs of YAML syntax errors', () => {
  async function repairs(text: string): Promise<Array<{ title: string; fixed: string }>> {
    const workspace = new MemoryWorkspace({ [name]: text });
    const engine = new Engine(workspace);
    const file = workspace.resolve(name);
    const errors = (await engine.check(file, text)).filter((diagnostic) => diagnostic.code === 'yaml-syntax');
    assert.ok(errors.length > 0, 'no yaml-syntax finding');
    const found: Array<{ title: string; fixed: string }> = [];
    for (const error of errors) {
      for (const action of await engine.codeActions(file, text, error.range)) {
        if (!action.title.startsWith('Silence')) found.push({ title: action.title, fixed: apply(text, action.edits) });
      }
    }
    return found;
  }

  async function parsesClean(text: string): Promise<void> {
    const workspace = new MemoryWorkspace({ [name]: text });
    const findings = await new Engine(workspace).check(workspace.resolve(name), text);
    assert.deepEqual(findings.filter((diagnostic) => diagnostic.code === 'yaml-syntax').map((diagnostic) => diagnostic.message), []);
  }

  it('indents with spaces a file indented with tabs, two for each', async () => {
    const text = 'mktplan: "1"\nplan:\n\tperiod:\n\t\tstart: 2027-01-01\n\t\tend: 2027-12-31\n';
    const found = await repairs(text);
    assert.deepEqual([...new Set(found.map((repair) => repair.title))], ['Indent with spaces']);
    assert.equal(found[0].fixed, 'mktplan: "1"\nplan:\n  period:\n    start: 2027-01-01\n    end: 2027-12-31\n');
    await parsesClean(found[0].fixed);
  });

  it('offers nothing for a tab where spaces indent other lines: how wide the tab was meant is not known', async () => {
    assert.deepEqual(await repairs('mktplan: "1"\nplan:\n  owner: x\n\tperiod: y\n'), []);
  });

  it('closes a quote left open at the end of its line', async () => {
    const text = 'mktplan: "1"\ntitle: "Tết 2027\nplan:\n  owner: x\n';
    const found = await repairs(text);
    assert.deepEqual(found.map((repair) => repair.title), ['Close with `"` at the end of the line']);
    assert.equal(found[0].fixed, 'mktplan: "1"\ntitle: "Tết 2027"\nplan:\n  owner: x\n');
    await parsesClean(found[0].fixed);
  });

  it('closes a list or a map left open at the end of its line, before its comment, in CRLF', async () => {
    const text = 'mktplan: "1"\r\nplan:\r\n  implements: [growth, {id: x # the two\r\n  owner: x\r\n';
    const found = await repairs(text);
    // Each error the open brackets cause offers the one repair.
    assert.deepEqual([...new Set(found.map((repair) => `${repair.title} ${JSON.stringify(repair.fixed)}`))], [
      `Close with \`}]\` at the end of the line ${JSON.stringify('mktplan: "1"\r\nplan:\r\n  implements: [growth, {id: x}] # the two\r\n  owner: x\r\n')}`,
    ]);
    assert.equal(found[0].fixed, 'mktplan: "1"\r\nplan:\r\n  implements: [growth, {id: x}] # the two\r\n  owner: x\r\n');
  });

  it('puts a space after a key glued to its value', async () => {
    const text = 'mktplan: "1"\nplan:\n  budget:\n    total:5000\n    currency: VND\n';
    const found = await repairs(text);
    assert.deepEqual(found.map((repair) => repair.title), ['Add a space after `total:`']);
    assert.equal(found[0].fixed, 'mktplan: "1"\nplan:\n  budget:\n    total: 5000\n    currency: VND\n');
  });

  it('quotes a text value that holds ": ", but not what may be a nested key', async () => {
    const found = await repairs('mktplan: "1"\ntitle: Kế hoạch: 2027 # draft\n');
    assert.deepEqual(found.map((repair) => repair.title), ['Put the value in quotes']);
    assert.equal(found[0].fixed, 'mktplan: "1"\ntitle: "Kế hoạch: 2027" # draft\n');
    assert.deepEqual(await repairs('mktplan: "1"\nplan: owner: linh\n'), []);
  });

  it('offers nothing for a key written twice: which one to keep is the user\'s choice', async () => {
    assert.deepEqual(await repairs('mktplan: "1"\nplan:\n  owner: a\n  owner: b\n'), []);
  });

  it('titles the repairs in every language', async () => {
    const text = 'mktplan: "1"\nplan:\n\towner: x\n';
    const workspace = new MemoryWorkspace({ [name]: text });
    const engine = new Engine(workspace);
    const file = workspace.resolve(name);
    const [error] = await engine.check(file, text);
    const titles = [];
    for (const locale of ['vi', 'zh-cn', 'ru']) titles.push((await engine.codeActions(file, text, error.range, { locale }))[0].title);
    assert.deepEqual(titles, ['Thụt lề bằng dấu cách', '改用空格缩进', 'Заменить табуляцию в отступах пробелами']);
  });
});

describe('repairs of YAML syntax errors in a file with a great many of them', () => {
  const text = 'mktplan: "1"\nplan:\n' + Array.from({ length: 10_000 }, (_, index) => `\tkey${index}: value\n`).join('');
  const workspace = new MemoryWorkspace({ [name]: text });
  const engine = new Engine(workspace);
  const file = workspace.resolve(name);
  let first: Diagnostic;
  before(async function () {
    // Reading a file with a tab on every line is the parser's own cost, not the repair's.
    this.timeout(120_000);
    [first] = await engine.check(file, text);
  });

  it('are found in time: one pass to write the repaired text, lines found by halving', async function () {
    this.timeout(budgetFor(text.length));
    const actions = await engine.codeActions(file, text, first.range);
    assert.equal(actions[0].title, 'Indent with spaces');
    assert.equal(actions[0].edits.length, 10_000);
  });
});
