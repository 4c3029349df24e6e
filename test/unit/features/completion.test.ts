import { strict as assert } from 'node:assert';
import { CompletionKind, Engine, type CompletionItem } from '../../../server/src/service';
import { MemoryWorkspace, cleanPlan } from '../helpers';
import { cursor, withCursor } from './cursor';
import { importingPlan, strategyFile } from './fixtures';

/** `cleanPlan` without its `plan.budget` section. */
const noBudget = withCursor(
  '  budget:\n    total: 50000\n    currency: USD\n    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n',
  '',
  cleanPlan,
);

/** Completion at the `$$` marker of a text opened as `/workspace/plan.mktplan.yaml`, with other files of the workspace given. */
async function completeAt(
  marked: string,
  options: { files?: Record<string, string>; snippets?: boolean; locale?: string } = {},
): Promise<CompletionItem[]> {
  const { text, position } = cursor(marked);
  const workspace = new MemoryWorkspace({ ...options.files, 'plan.mktplan.yaml': text });
  const engine = new Engine(workspace);
  return engine.complete(workspace.resolve('plan.mktplan.yaml'), text, position, {
    ...(options.snippets === undefined ? {} : { snippets: options.snippets }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
}

const labels = (items: CompletionItem[], kind?: CompletionKind) => items.filter((item) => kind === undefined || item.kind === kind).map((item) => item.label);
const only = (items: CompletionItem[], label: string, kind: CompletionKind) => {
  const found = items.filter((item) => item.label === label && item.kind === kind);
  assert.equal(found.length, 1, `${label} of kind ${kind} among ${labels(items).join(', ')}`);
  return found[0];
};

const inClean = (from: string, to: string) => withCursor(from, to, cleanPlan);

describe('completion (engine)', () => {
  describe('keys', () => {
    it('offers the plan keys not yet present, and none of those present', async () => {
      const items = await completeAt(inClean('plan:\n  owner: minh\n', 'plan:\n  owner: minh\n  $$\n'));
      // cleanPlan's plan lacks only `timeline` and `content`.
      assert.deepEqual(labels(items, CompletionKind.Property), ['timeline', 'content']);
      for (const present of ['owner', 'period', 'implements', 'budget', 'channels', 'campaigns', 'kpis', 'reporting', 'salesAlignment']) {
        assert.ok(!labels(items).includes(present), present);
      }
    });

    it('offers every other plan key in a plan that has an owner only', async () => {
      const items = await completeAt('mktplan: "1"\nplan:\n  owner: minh\n  $$\n');
      assert.deepEqual(labels(items, CompletionKind.Property), [
        'period',
        'implements',
        'budget',
        'timeline',
        'channels',
        'content',
        'campaigns',
        'kpis',
        'reporting',
        'salesAlignment',
      ]);
    });

    it('gives each key its title, docs and the start of its value in the shape the schema wants', async () => {
      const items = await completeAt('mktplan: "1"\nplan:\n  owner: minh\n  $$\n');
      const budget = only(items, 'budget', CompletionKind.Property);
      assert.equal(budget.detail, 'Budget');
      assert.match(budget.documentation!.value, /^\*\*Budget\*\*\n\n[\s\S]*Source: \[\*/);
      assert.deepEqual(budget.textEdit, { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, newText: 'budget:\n    $0' });
      assert.equal(only(items, 'implements', CompletionKind.Property).textEdit!.newText, 'implements: [$0]');
      assert.equal(only(items, 'campaigns', CompletionKind.Property).textEdit!.newText, 'campaigns:\n    - $0');
    });

    it('marks no plan key required: the schema requires none of them', async () => {
      const items = await completeAt('mktplan: "1"\nplan:\n  owner: minh\n  $$\n');
      assert.deepEqual(
        items.filter((item) => item.detail?.includes('(required)')).map((item) => item.label),
        [],
      );
    });

    it('marks required keys in detail, and only those, sorted first', async () => {
      const items = await completeAt(inClean('    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - $$\n'));
      const keys = items.filter((item) => item.kind === CompletionKind.Property);
      assert.deepEqual(
        keys.map((item) => [item.label, item.detail]),
        [
          ['id', 'Channel id (required)'],
          ['type', 'Channel type (required)'],
          ['name', 'Channel name'],
        ],
      );
      const sorted = [...keys].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
      assert.deepEqual(sorted.slice(0, 2), ['id', 'type']);
    });

    it('marks `amount` required in a budget allocation, and neither of the keys of which one is needed', async () => {
      const items = await completeAt(inClean('      - {channel: events, amount: 15000}\n', '      - {channel: events, amount: 15000}\n      - $$\n'));
      assert.deepEqual(
        items.map((item) => [item.label, item.detail]),
        [
          ['channel', 'Channel'],
          ['campaign', 'Campaign'],
          ['amount', 'Amount (required)'],
          ['note', 'Note'],
        ],
      );
    });

    it('completes a half-typed key, replacing what was typed', async () => {
      const marked = withCursor('plan:\n  owner: minh\n', 'plan:\n  bud$$\n  owner: minh\n', noBudget);
      const budget = only(await completeAt(marked), 'budget', CompletionKind.Property);
      const { line } = cursor(marked).position;
      assert.deepEqual(budget.textEdit, { range: { start: { line, character: 2 }, end: { line, character: 5 } }, newText: 'budget:\n    $0' });
    });

    it('does not offer a half-typed key that is already present', async () => {
      const items = await completeAt(inClean('plan:\n  owner: minh\n', 'plan:\n  bud$$\n  owner: minh\n'));
      assert.ok(!labels(items).includes('budget'), labels(items).join(', '));
      assert.deepEqual(labels(items, CompletionKind.Property), ['timeline', 'content']);
    });
  });

  describe('values', () => {
    it('offers the enum values after `frequency: `, in order, with their titles', async () => {
      const marked = inClean(
        '    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}',
        '    - id: pickups\n      frequency: $$',
      );
      const items = await completeAt(marked);
      assert.deepEqual(labels(items), ['daily', 'weekly', 'monthly', 'quarterly', 'yearly']);
      assert.ok(items.every((item) => item.kind === CompletionKind.EnumMember));
      const monthly = only(items, 'monthly', CompletionKind.EnumMember);
      assert.equal(monthly.detail, 'Monthly');
      assert.match(monthly.documentation!.value, /^\*\*`monthly`: Monthly\*\*/);
      assert.equal(monthly.textEdit!.newText, 'monthly');
    });

    it('replaces a half-typed enum value', async () => {
      const marked = inClean('frequency: monthly}', 'frequency: mon$$}');
      const { position } = cursor(marked);
      const monthly = only(await completeAt(marked), 'monthly', CompletionKind.EnumMember);
      assert.deepEqual(monthly.textEdit!.range, { start: { line: position.line, character: position.character - 3 }, end: position });
    });

    it('answers a value typed in full with plain text equal to it, which the editor\'s smart Enter leaves alone to start a new line', async () => {
      // `editor.acceptSuggestionOnEnter: smart` accepts with Enter only an item that changes the text: a snippet always does.
      for (const [marked, label, kind] of [
        [inClean('frequency: monthly}', 'frequency: monthly$$}'), 'monthly', CompletionKind.EnumMember],
        [inClean('plan:\n  owner: minh', 'plan:\n  owner: minh$$'), 'minh', CompletionKind.Reference],
      ] as const) {
        const { position } = cursor(marked);
        const item = only(await completeAt(marked), label, kind);
        assert.deepEqual(item.textEdit, { range: { start: { line: position.line, character: position.character - label.length }, end: position }, newText: label });
        assert.notEqual(item.insertTextFormat, 2);
      }
    });

    it('offers no values after a key of free text', async () => {
      const marked = inClean(
        '    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}',
        '    - id: pickups\n      unit: $$',
      );
      assert.deepEqual(await completeAt(marked), []);
    });
  });

  describe('ids', () => {
    it('offers the team members after `owner: `, with name and role', async () => {
      const items = await completeAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: $$'));
      assert.deepEqual(labels(items), ['linh', 'minh', 'hoa']);
      assert.ok(items.every((item) => item.kind === CompletionKind.Reference));
      assert.equal(only(items, 'minh', CompletionKind.Reference).detail, 'team member: Le Minh · marketing-manager');
      // A full-width colon after Chinese.
      const chinese = await completeAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: $$'), { locale: 'zh-cn' });
      assert.match(only(chinese, 'minh', CompletionKind.Reference).detail ?? '', /^[\u4e00-\u9fff]+：Le Minh · marketing-manager$/);
      // No ids of other kinds: channels, objectives, segments, KPIs, campaigns.
      for (const other of ['social', 'events', 'share', 'office', 'pickups', 'tet']) assert.ok(!labels(items).includes(other), other);
    });

    it('offers the team members of an imported file too', async () => {
      const items = await completeAt(withCursor('owner: binh', 'owner: $$', importingPlan), { files: { 'strategy.mktplan.yaml': strategyFile } });
      assert.deepEqual(labels(items), ['chi', 'an', 'binh']);
      assert.equal(only(items, 'binh', CompletionKind.Reference).detail, 'team member: Do Binh · marketing-manager');
    });

    it('offers no imported member when the import cannot be read', async () => {
      const items = await completeAt(withCursor('owner: binh', 'owner: $$', importingPlan));
      assert.deepEqual(labels(items), ['chi']);
    });

    it('offers channels only inside `channels: [`', async () => {
      for (const marked of [
        inClean('      channels: [social, events]', '      channels: [$$'),
        inClean('      channels: [social, events]', '      channels: [social, $$]'),
      ]) {
        const items = await completeAt(marked);
        assert.deepEqual(labels(items), ['social', 'events']);
        assert.ok(items.every((item) => item.kind === CompletionKind.Reference && item.detail === 'channel'));
      }
    });

    it('offers no channel of an imported file: imports lend members, objectives and segments only', async () => {
      const items = await completeAt(withCursor('channels: [social]}', 'channels: [$$]}', importingPlan), { files: { 'strategy.mktplan.yaml': strategyFile } });
      assert.deepEqual(labels(items), ['social']);
    });
  });

  describe('free text', () => {
    it('offers nothing inside the value of `statement:`', async () => {
      const flow = inClean('valueProposition: {statement: Single-origin coffee', 'valueProposition: {statement: Single-origin $$coffee');
      assert.deepEqual(await completeAt(flow), []);
      const block = inClean('  valueProposition: {statement: Single-origin coffee ready in two minutes}', '  valueProposition:\n    statement: Single-origin $$');
      assert.deepEqual(await completeAt(block), []);
    });

    it('offers no keys on a word of a multi-line statement, which looks like a half-typed key', async () => {
      const original = '  valueProposition: {statement: Single-origin coffee ready in two minutes}';
      for (const marked of [
        inClean(original, '  valueProposition:\n    statement: Single-origin coffee\n      bud$$'),
        inClean(original, '  valueProposition:\n    statement: |\n      Single-origin coffee\n      bud$$\n      ready in two minutes'),
        inClean(original, '  valueProposition:\n    statement: |\n      Single-origin coffee\n      $$\n      ready in two minutes'),
      ]) {
        assert.deepEqual(await completeAt(marked), [], JSON.stringify(marked.slice(marked.indexOf('$$') - 40, marked.indexOf('$$'))));
      }
    });

    it('offers nothing in a comment', async () => {
      assert.deepEqual(await completeAt(inClean('plan:\n  owner: minh', 'plan:\n  # bud$$\n  owner: minh')), []);
    });
  });

  describe('snippets', () => {
    it('offers the budget snippet by default where `budget` may go', async () => {
      const items = await completeAt(withCursor('plan:\n  owner: minh\n', 'plan:\n  owner: minh\n  $$\n', noBudget));
      const snippet = only(items, 'budget', CompletionKind.Snippet);
      assert.equal(snippet.insertTextFormat, 2);
      assert.match(snippet.textEdit!.newText, /^budget:\n    total: \$\{1:10000\}\n    currency: \$\{2\|USD,/);
      // The key is offered alongside the snippet.
      only(items, 'budget', CompletionKind.Property);
    });

    it('leaves snippets out with `snippets: false`, and keeps the keys', async () => {
      const items = await completeAt(withCursor('plan:\n  owner: minh\n', 'plan:\n  owner: minh\n  $$\n', noBudget), { snippets: false });
      assert.deepEqual(labels(items, CompletionKind.Snippet), []);
      assert.deepEqual(labels(items), ['budget', 'timeline', 'content']);
    });

    it('offers no budget snippet where the plan already has a budget', async () => {
      const items = await completeAt(inClean('plan:\n  owner: minh\n', 'plan:\n  owner: minh\n  $$\n'));
      assert.deepEqual(labels(items, CompletionKind.Snippet), []);
    });

    it('offers the whole-file and section snippets in an empty file, and not with `snippets: false`', async () => {
      assert.deepEqual(labels(await completeAt('$$\n'), CompletionKind.Snippet), ['mktplan', 'strategy', 'plan', 'actuals', 'mktplan-actuals']);
      assert.deepEqual(labels(await completeAt('$$\n', { snippets: false }), CompletionKind.Snippet), []);
    });

    describe('for actuals', () => {
      const withActuals = `${cleanPlan}actuals:\n  asOf: 2027-03-31\n  spend:\n    - {date: 2027-02-01, campaign: tet, amount: 900}\n  results:\n    - {date: 2027-02-28, kpi: pickups, value: 1500}\n  sources:\n    - {file: exports/ads.csv, kind: spend}\n`;

      it('offers the actuals section at the top level of a plan without one, and not the whole files', async () => {
        const items = await completeAt(`${cleanPlan}$$\n`);
        assert.deepEqual(labels(items, CompletionKind.Snippet), ['actuals']);
        const actuals = only(items, 'actuals', CompletionKind.Snippet);
        assert.match(actuals.textEdit!.newText, /^actuals:\n {2}asOf: \$\{1:\$\{CURRENT_YEAR\}-03-31\}\n {2}spend:\n {4}- date: /);
        // Its preview shows what Tab through leaves: the year it is (2027 in the tests), and the first option of each choice, `\,` read as a comma.
        assert.match(actuals.documentation!.value, /\n {6}decimal: "\."\n {6}delimiter: ","\n {6}encoding: utf-8\n/);
        assert.match(actuals.documentation!.value, /\n {2}asOf: 2027-03-31\n/);
      });

      it('offers no actuals section where the file has one', async () => {
        const items = await completeAt(withCursor('actuals:\n', '$$\nactuals:\n', withActuals));
        assert.deepEqual(labels(items, CompletionKind.Snippet), []);
        assert.ok(!labels(items).includes('actuals'));
      });

      it('offers a spend line in the spend list, a result line in the results, a CSV source in the sources, each from its dash', async () => {
        for (const [list, prefix] of [
          ['spend', 'spend'],
          ['results', 'result'],
          ['sources', 'source'],
        ]) {
          const marked = withCursor(`  ${list}:\n`, `  ${list}:\n    - $$\n`, withActuals);
          const items = await completeAt(marked);
          assert.deepEqual(labels(items, CompletionKind.Snippet), [prefix], list);
          const line = marked.split('\n').findIndex((text) => text.includes('$$'));
          const item = only(items, prefix, CompletionKind.Snippet);
          assert.deepEqual(item.textEdit!.range, { start: { line, character: 4 }, end: { line, character: 6 } }, list);
          assert.match(item.textEdit!.newText, /^- \w+: .*\n {6}\w+: /, list);
        }
      });

      it('offers none of them elsewhere: among the actuals keys, in a plan list, or in a source\'s columns', async () => {
        const inActuals = await completeAt(withCursor('  asOf: 2027-03-31\n', '  asOf: 2027-03-31\n  $$\n', `${cleanPlan}actuals:\n  asOf: 2027-03-31\n`));
        assert.deepEqual(labels(inActuals, CompletionKind.Snippet), []);
        assert.deepEqual(labels(inActuals, CompletionKind.Property), ['spend', 'results', 'sources']);
        const inCampaigns = await completeAt(withCursor('  campaigns:\n', '  campaigns:\n    - $$\n', withActuals));
        assert.deepEqual(labels(inCampaigns, CompletionKind.Snippet), ['campaign']);
        const inColumns = await completeAt(withCursor('    - {file: exports/ads.csv, kind: spend}\n', '    - file: exports/ads.csv\n      kind: spend\n      columns:\n        $$\n', withActuals));
        assert.deepEqual(labels(inColumns, CompletionKind.Snippet), []);
      });
    });
  });
});
