import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { rules, rulePage } from '../../server/src/service';

const repository = nodePath.join(__dirname, '../..');

/** The rule table of the format, id and default severity, in its order. */
const catalogue: Array<[string, string]> = [
  ['schema', 'error'],
  ['yaml-syntax', 'error'],
  ['strategy/objectives-missing', 'warning'],
  ['strategy/audience-missing', 'warning'],
  ['strategy/value-proposition-missing', 'warning'],
  ['strategy/swot-missing', 'warning'],
  ['strategy/swot-incomplete', 'warning'],
  ['strategy/competition-missing', 'warning'],
  ['strategy/brand-missing', 'warning'],
  ['strategy/horizon-too-short', 'warning'],
  ['strategy/owner-not-leadership', 'information'],
  ['plan/budget-missing', 'warning'],
  ['plan/timeline-missing', 'warning'],
  ['plan/budget-without-timeline', 'warning'],
  ['plan/channels-missing', 'warning'],
  ['plan/content-missing', 'warning'],
  ['plan/kpis-missing', 'warning'],
  ['plan/period-too-long', 'warning'],
  ['plan/owner-not-management', 'information'],
  ['plan/not-linked-to-strategy', 'information'],
  ['plan/reporting-missing', 'hint'],
  ['plan/sales-alignment-missing', 'hint'],
  ['budget/over-allocated', 'error'],
  ['budget/under-allocated', 'information'],
  ['campaign/kpis-missing', 'warning'],
  ['campaign/dates-missing', 'warning'],
  ['dates/end-before-start', 'error'],
  ['dates/outside-period', 'warning'],
  ['kpi/not-measurable', 'warning'],
  ['ref/unknown', 'error'],
  ['ref/duplicate-id', 'error'],
  ['ref/unused', 'hint'],
];

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = nodePath.join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

describe('the rule catalogue', () => {
  it('has exactly the 32 rules of the format, with their default severities', () => {
    assert.deepEqual(
      rules.map((rule) => [rule.id, rule.defaultSeverity]),
      catalogue,
    );
  });

  for (const [id] of catalogue) {
    it(`${id} has a page that names it, linked from its findings`, () => {
      const page = nodePath.join(repository, 'docs/rules', `${id}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      assert.ok(readFileSync(page, 'utf8').split('\n')[0].includes(id));
      assert.ok(rulePage(id).endsWith(`/docs/rules/${id}.md`));
    });
  }

  it('has one summary line per rule for hover, SARIF and the README', () => {
    for (const rule of rules) assert.match(rule.summary, /^[A-Z`].*\.$/, rule.id);
  });
});

describe('the engine', () => {
  it('imports nothing of VS Code or the language server libraries', () => {
    const sources = filesUnder(nodePath.join(repository, 'server/src/service'), /\.ts$/);
    assert.ok(sources.length > 30);
    for (const source of sources) {
      assert.doesNotMatch(readFileSync(source, 'utf8'), /from ['"]vscode|require\(['"]vscode/, source);
    }
  });
});

const sources = JSON.parse(readFileSync(nodePath.join(repository, 'schemas', 'sources.json'), 'utf8')) as Record<string, unknown>;

describe('the schemas', () => {
  for (const name of ['mktplan', 'strategy', 'plan']) {
    it(`${name}.schema.json documents every property and enum value with a title, a description and its source`, () => {
      const schema = JSON.parse(readFileSync(nodePath.join(repository, 'schemas', `${name}.schema.json`), 'utf8'));
      const undocumented: string[] = [];
      let documented = 0;
      // A property or definition is an entry of a `properties` or `definitions` map; an enum value is a `const` branch.
      const walk = (node: unknown, pointer: string, isEntry: boolean): void => {
        if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${pointer}/${index}`, false));
        if (!node || typeof node !== 'object') return;
        const record = node as Record<string, unknown>;
        if (isEntry || 'const' in record) {
          const ok =
            typeof record.title === 'string' &&
            typeof record.markdownDescription === 'string' &&
            typeof record['x-source'] === 'string' &&
            Object.prototype.hasOwnProperty.call(sources, record['x-source']);
          if (ok) documented++;
          else undocumented.push(pointer);
        }
        for (const [key, value] of Object.entries(record)) {
          if (key === 'x-messages') continue;
          if (key === 'properties' || key === 'definitions') {
            for (const [name, entry] of Object.entries(value as Record<string, unknown>)) walk(entry, `${pointer}/${key}/${name}`, true);
          } else {
            walk(value, `${pointer}/${key}`, false);
          }
        }
      };
      walk(schema, '#', false);
      assert.deepEqual(undocumented, []);
      assert.ok(documented > 20);
    });
  }
});

describe('the README', () => {
  it('lists every rule with its page and default severity', () => {
    const readme = readFileSync(nodePath.join(repository, 'README.md'), 'utf8');
    for (const rule of rules) {
      assert.ok(readme.includes(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} |`), rule.id);
    }
  });
});
