import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../helpers';

/** The codes of every finding, and the 1-based lines of the yaml-syntax ones. */
async function syntax(text: string): Promise<{ codes: string[]; lines: number[]; severities: number[] }> {
  const diagnostics = await check(text);
  const yaml = diagnostics.filter((diagnostic) => diagnostic.code === 'yaml-syntax');
  return {
    codes: [...new Set(diagnostics.map((diagnostic) => diagnostic.code))],
    lines: yaml.map((diagnostic) => diagnostic.range.start.line + 1),
    severities: yaml.map((diagnostic) => diagnostic.severity),
  };
}

describe('yaml-syntax', () => {
  describe('fires, and nothing else does, when the YAML does not parse', () => {
    it('on an unclosed bracket (where the parser notices it: the next key)', async () => {
      const text = withChange('  implements: [share]', '  implements: [share');
      assert.deepEqual(await syntax(text), { codes: ['yaml-syntax'], lines: [28], severities: [1] });
    });

    it('on an unclosed quote, at its line', async () => {
      const text = withChange('title: Saigon Bean', 'title: "Saigon Bean');
      assert.deepEqual(await syntax(text), { codes: ['yaml-syntax'], lines: [2], severities: [1] });
    });

    it('on a list item indented differently from its siblings', async () => {
      const text = withChange('    - {id: events, type: events}\n', '      - {id: events, type: events}\n');
      assert.deepEqual(await syntax(text), { codes: ['yaml-syntax'], lines: [36], severities: [1] });
    });

    it('on a duplicate key, at the second occurrence, in block and in flow maps', async () => {
      const block = withChange('  owner: minh\n', '  owner: minh\n  owner: hoa\n');
      assert.deepEqual(await syntax(block), { codes: ['yaml-syntax'], lines: [26], severities: [1] });
      const flow = withChange('{id: linh, role: cmo, name: Tran Linh}', '{id: linh, role: cmo, name: Tran Linh, role: ceo}');
      assert.deepEqual(await syntax(flow), { codes: ['yaml-syntax'], lines: [5], severities: [1] });
    });

    it('on tab indentation', async () => {
      const text = withChange('  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}\n', '  salesAlignment:\n\towner: hoa\n');
      assert.deepEqual(await syntax(text), { codes: ['yaml-syntax'], lines: [52], severities: [1] });
      assert.deepEqual(await syntax('mktplan: "1"\nplan:\n\towner: minh\n'), { codes: ['yaml-syntax'], lines: [3], severities: [1] });
    });

    it('alone, even when the rest of the file breaks the schema and the rules', async () => {
      const text = withChange('mktplan: "1"', 'mktplan: 1', withChange('total: 50000', 'total: 10', withChange('  owner: minh\n', '  owner: nobody\n  owner: nobody\n')));
      const { codes } = await syntax(text);
      assert.deepEqual(codes, ['yaml-syntax']);
    });

    it('on an unknown tag such as !!js/function, as a warning, without running it; the other rules still apply', async () => {
      const text = withChange(
        'title: Saigon Bean — marketing 2027',
        'title: !!js/function "function () { throw new Error(\'ran\') }"',
        withChange('  owner: minh\n', '  owner: !!js/function mihn\n'),
      );
      assert.deepEqual(await findingsOf('yaml-syntax', text), ['2:!!js/function', '25:!!js/function']);
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === 'yaml-syntax').map((diagnostic) => diagnostic.severity),
        [2, 2],
      );
      // The tagged value is read as the text "mihn", which names no team member.
      assert.deepEqual(await findingsOf('ref/unknown', text), ['25:mihn']);
      assert.deepEqual(await findingsOf('schema', text), []);
    });

    it('with an unknown tag, still lets the budget rules run', async () => {
      const text = withChange('title: Saigon Bean — marketing 2027', 'title: !!js/function "x"', withChange('total: 50000', 'total: 40000'));
      assert.deepEqual(await findingsOf('yaml-syntax', text), ['2:!!js/function']);
      assert.deepEqual(await findingsOf('budget/over-allocated', text), ['29:40000']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf('yaml-syntax', cleanPlan), []);
    });

    it('on a document start marker, comments, and quoted text holding # and :', async () => {
      const text = '---\n# the 2027 plan\n' + withChange('title: Saigon Bean — marketing 2027', 'title: "Saigon Bean: #1 coffee" # marketing 2027');
      assert.deepEqual(await findingsOf('yaml-syntax', text), []);
    });

    it('on block style instead of flow style', async () => {
      const text = withChange('  reporting: {cadence: monthly, to: linh}\n', '  reporting:\n    cadence: monthly\n    to: linh\n');
      assert.deepEqual(await findingsOf('yaml-syntax', text), []);
      assert.deepEqual(await check(text), []);
    });

    it('on the same key in two different maps', async () => {
      // `owner` appears under strategy, plan and salesAlignment: not a duplicate.
      assert.deepEqual(await findingsOf('yaml-syntax', cleanPlan), []);
      const text = withChange('{id: linh, role: cmo, name: Tran Linh}', '{id: linh, role: cmo, name: Tran Linh}\n  - {id: an, role: agency, name: An}');
      assert.deepEqual(await findingsOf('yaml-syntax', text), []);
    });
  });
});
