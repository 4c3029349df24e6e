import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { reportText, sarifWriter } from '../../server/src/cli/formats';
import { catalogue as messageCatalogue, locales, rules, rulePage, translatorFor, type MessageSpec } from '../../server/src/service';
import { englishTexts } from '../../scripts/translations';
import { placeholdersUsed, type PlaceholderType } from '../../server/src/service/i18n/messages';
import { derivedFiles } from '../../scripts/generate';

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
  ['actuals/overspent', 'warning'],
  ['actuals/off-pace', 'information'],
  ['actuals/kpi-behind', 'warning'],
  ['actuals/kpi-no-recent-result', 'information'],
  ['actuals/after-as-of', 'warning'],
  ['actuals/source-unreadable', 'error'],
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

  it('gives every rule page a source: an article named, or common practice, or a convention of this format', () => {
    for (const rule of rules) {
      const page = readFileSync(nodePath.join(repository, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.match(page, /^Source: (\[\*[^\]]+\*\]\([^)]*sources\.md#[a-z-]+\)|common practice|a convention of this format)/im, rule.id);
    }
  });

  it('has one summary line per rule for hover, SARIF and the README', () => {
    for (const rule of rules) assert.match(rule.summary, /^[A-Z`].*\.$/, rule.id);
  });
});

describe('the engine', () => {
  it('imports nothing of VS Code or the language server libraries (only vscode-uri, which names its files)', () => {
    const sources = filesUnder(nodePath.join(repository, 'server/src/service'), /\.ts$/);
    assert.ok(sources.length > 30);
    for (const source of sources) {
      assert.doesNotMatch(readFileSync(source, 'utf8'), /from ['"]vscode(?!-uri['"])|require\(['"]vscode/, source);
    }
  });
});

const sources = JSON.parse(readFileSync(nodePath.join(repository, 'schemas', 'sources.json'), 'utf8')) as Record<string, unknown>;

describe('the schemas', () => {
  for (const name of ['mktplan', 'strategy', 'plan', 'actuals']) {
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

describe('what is derived from the rule catalogue', () => {
  const derived = derivedFiles();

  for (const [file, expected] of derived) {
    it(`${file} is as \`npm run generate\` writes it`, () => {
      assert.ok(readFileSync(nodePath.join(repository, file), 'utf8') === expected, `${file} is stale: run npm run generate`);
    });
  }

  it('gives each rule the same summary in package.json, the README, the rule index, its page and SARIF', () => {
    const manifest = JSON.parse(derived.get('package.json')!);
    const settings = manifest.contributes.configuration.properties['mktplan.rules'].properties;
    const nls = JSON.parse(derived.get('package.nls.json')!) as Record<string, string>;
    const sarif = JSON.parse(reportText(sarifWriter('0', translatorFor('en')), [])).runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string } }>;
    for (const rule of rules) {
      assert.equal(settings[rule.id].markdownDescription, `%package.rule.${rule.id}%`);
      assert.equal(nls[`package.rule.${rule.id}`], `${rule.summary} [About this rule](${rule.page})`);
      assert.ok(derived.get('README.md')!.includes(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.summary} |`), rule.id);
      assert.ok(derived.get('docs/rules/README.md')!.includes(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.defaultSeverity} | ${rule.summary} |`), rule.id);
      assert.ok(derived.get(`docs/rules/${rule.id}.md`)!.includes(`\n${rule.summary}\n`), rule.id);
      assert.equal(sarif.find((entry) => entry.id === rule.id)?.shortDescription.text, rule.summary);
    }
  });
});

/** A value of each placeholder type, as a rule or a door would pass it. */
const sampleValues: Record<PlaceholderType, string | number | string[]> = {
  text: 'sample words',
  quote: 'sample-id',
  number: 1234.5,
  amount: '22500000000.3',
  money: '1200000000 VND',
  moneyInFull: '1200000000 VND',
  percent: 0.24,
  compact: 1234567,
  month: '2027-03-01',
  count: 2,
  date: '2027-03-01',
  list: ['first', 'second'],
  alternatives: ['first', 'second'],
  units: ['1 error', '2 warnings'],
  series: ['error', 'warning', 'off'],
  choice: 'other',
};

describe('every language', () => {
  const english = englishTexts();
  for (const locale of locales.filter((candidate) => candidate !== 'en')) {
    const file = nodePath.join(repository, 'server/src/service/i18n/locales', `${locale}.json`);
    const translated = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { messages: {}, schema: {}, snippets: {} }) as ReturnType<typeof englishTexts>;

    it(`${locale} has every message English has, each with the same placeholders, and renders each`, () => {
      const problems: string[] = [];
      for (const [id, text] of Object.entries(english.messages)) {
        const own = translated.messages[id];
        if (typeof own !== 'string' || own.trim() === '') {
          problems.push(`${id}: missing`);
          continue;
        }
        const [expected, actual] = [[...placeholdersUsed(text)].sort(), [...placeholdersUsed(own)].sort()];
        if (expected.join() !== actual.join()) problems.push(`${id}: placeholders ${actual.join(', ')} instead of ${expected.join(', ')}`);
      }
      for (const id of Object.keys(translated.messages)) if (!(id in english.messages)) problems.push(`${id}: no such message in English`);
      assert.deepEqual(problems, []);
      const translator = translatorFor(locale);
      for (const [id, spec] of Object.entries(messageCatalogue as Record<string, MessageSpec>)) {
        const data = Object.fromEntries(Object.entries(spec.placeholders ?? {}).map(([name, type]) => [name, sampleValues[type]]));
        assert.doesNotMatch(translator.t(id, data), /[{}]/, `${locale} ${id}`);
      }
    });

    it(`${locale} has every schema title and description, and every snippet text`, () => {
      const missing = Object.entries(english.schema).flatMap(([pointer, entry]) =>
        (['title', 'markdownDescription'] as const).filter((part) => entry[part] !== undefined && !translated.schema[pointer]?.[part]).map((part) => `${pointer} ${part}`),
      );
      for (const [prefix, snippet] of Object.entries(english.snippets)) {
        if (!translated.snippets[prefix]?.description) missing.push(`snippet ${prefix} description`);
        for (const text of Object.keys(snippet.placeholders ?? {})) if (!translated.snippets[prefix]?.placeholders?.[text]) missing.push(`snippet ${prefix} "${text}"`);
      }
      assert.deepEqual(missing, []);
    });

    it(`${locale} has a page for every rule`, () => {
      for (const rule of rules) assert.ok(existsSync(nodePath.join(repository, 'docs/rules', locale, `${rule.id}.md`)), `docs/rules/${locale}/${rule.id}.md`);
    });
  }
});

describe('the message catalogue', () => {
  const entries = Object.entries(messageCatalogue as Record<string, MessageSpec>);

  it('holds every rule message under `<rule id>.<message id>`', () => {
    for (const rule of rules) {
      for (const id of Object.keys(rule.messages)) assert.ok(`${rule.id}.${id}` in messageCatalogue, `${rule.id}.${id}`);
    }
    assert.ok(entries.length > 150);
  });

  for (const [id, spec] of entries) {
    it(`${id} declares exactly the placeholders it uses, and renders every one of them`, () => {
      const declared = Object.keys(spec.placeholders ?? {}).sort();
      assert.deepEqual([...placeholdersUsed(spec.text)].sort(), declared);
      const data = Object.fromEntries(Object.entries(spec.placeholders ?? {}).map(([name, type]) => [name, sampleValues[type]]));
      const rendered = translatorFor('en').t(id, data);
      assert.doesNotMatch(rendered, /[{}]/, 'a placeholder is left in the text');
      for (const [name, type] of Object.entries(spec.placeholders ?? {})) {
        if (type === 'quote' || type === 'text') assert.ok(rendered.includes(String(sampleValues[type])), `${name} is not rendered`);
      }
    });
  }

  it('formats numbers, amounts, dates, lists and plurals through Intl for the locale', () => {
    const en = translatorFor('en');
    assert.equal(en.t('budget/over-allocated.allocations', { sum: '22500000000.3', excess: '0.0001', total: '22500000000.2999' }), 'The allocations add up to 22,500,000,000.3, 0.0001 more than the total of 22,500,000,000.2999.');
    assert.equal(en.t('dates/end-before-start.endsFirst', { end: '2027-01-31', start: '2027-02-01' }), 'This ends on Jan 31, 2027, before it starts on Feb 1, 2027.');
    assert.equal(en.t('strategy/horizon-too-short.tooShort', { days: 1 }).split(';')[0], 'This strategy looks 1 day ahead');
    assert.equal(en.t('strategy/horizon-too-short.tooShort', { days: 200 }).split(';')[0], 'This strategy looks 200 days ahead');
    assert.equal(en.t('campaign/dates-missing.unnamed', { missing: ['`start`', '`end`'] }), 'Campaign has a budget but no `start` and `end`: money needs dates to be spent against.');
    // Each language as its publications write it: money with its currency, dates, the values a key allows.
    const money = { sum: '1300000000 VND', excess: '100000000 VND', total: '1200000000 VND' };
    for (const sum of ['1,3\u00a0tỷ\u00a0đồng', '100\u00a0triệu\u00a0đồng', '1,2\u00a0tỷ\u00a0đồng']) assert.ok(translatorFor('vi').t('budget/over-allocated.allocations', money).includes(sum), sum);
    assert.ok(translatorFor('zh-cn').t('budget/over-allocated.allocations', { sum: '130000000 CNY', excess: '10000000 CNY', total: '120000000 CNY' }).includes('1.3亿元'));
    assert.ok(translatorFor('ru').t('budget/over-allocated.allocations', { sum: '1300000 RUB', excess: '100000 RUB', total: '1200000 RUB' }).includes('1\u00a0300\u00a0000\u00a0₽'));
    assert.ok(translatorFor('ru').t('dates/end-before-start.endsFirst', { end: '2027-01-31', start: '2027-02-01' }).includes('31 января 2027\u00a0г.'));
    assert.ok(translatorFor('vi').t('dates/end-before-start.endsFirst', { end: '2027-01-31', start: '2027-02-01' }).includes('31/1/2027'));
    assert.ok(translatorFor('zh-cn').t('schema.enum', { subject: 'x', values: ['error', 'warning', 'off'], value: 'y' }).includes('error、warning、off'));
    assert.ok(en.t('schema.enum', { subject: 'x', values: ['error', 'warning', 'off'], value: 'y' }).includes('error, warning, off'));
  });

  it('never quotes more than 80 characters of the file', () => {
    const rendered = translatorFor('en').t('actual.text', { value: 'x'.repeat(500) });
    assert.equal(rendered, `"${'x'.repeat(79)}…" is text`);
  });
});
