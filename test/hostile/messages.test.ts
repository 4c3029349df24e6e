import { strict as assert } from 'node:assert';
import { writtenNumber } from '../../server/src/service/schema/meant';
import { Engine } from '../../server/src/service';
import { check, MemoryWorkspace } from '../unit/helpers';
import { budgetFor } from './budget';

/** The messages of one rule's findings. */
async function messagesOf(code: string, text: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.message);
}

describe('messages about values as hostile files write them', () => {
  it('read a file with a %YAML 1.1 directive as YAML 1.2: NO and 9:16 stay text', async () => {
    const text = '%YAML 1.1\n---\nmktplan: "1"\ntitle: 9:16\norganization: {name: NO}\nplan: {}\n';
    const schema = await messagesOf('schema', text);
    assert.deepEqual(schema, []);
    const diagnostics = await check('%YAML 1.1\n---\nmktplan: "1"\nplan:\n  kpis: [{id: k, target: NO, unit: x, frequency: monthly}]\n');
    const target = diagnostics.find((diagnostic) => diagnostic.code === 'schema');
    assert.match(target?.message ?? '', /"NO" is text/);
  });

  it('say that .inf, -.inf and .nan are no usable number, never that Infinity is a number', async () => {
    for (const [value, said] of [['.inf', /infinite/], ['-.inf', /infinite/], ['.nan', /`\.nan` is no usable number/]] as const) {
      const messages = await messagesOf('schema', `mktplan: "1"\nplan:\n  budget: {total: ${value}, currency: USD}\n`);
      assert.equal(messages.length, 1, value);
      assert.match(messages[0], said, value);
      assert.doesNotMatch(messages[0], /Infinity|NaN/, value);
    }
  });

  it('say that an amount of 400 digits is too large to be an amount, never Infinity', async () => {
    const messages = await messagesOf('schema', `mktplan: "1"\nplan:\n  budget: {total: 1${'0'.repeat(400)}, currency: USD}\n`);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /too large to be an amount: an amount is at most 1,000,000,000,000,000/);
    assert.doesNotMatch(messages[0], /Infinity/);
  });

  it('say that an amount above 10^15 is too large to be an amount, in every language, and check no sum with it', async () => {
    const plan = (total: string) => `mktplan: "1"\nplan:\n  budget:\n    total: ${total}\n    currency: VND\n    allocations: [{channel: a, amount: 5}]\n  channels: [{id: a, type: social}]\n`;
    assert.deepEqual(await messagesOf('schema', plan('2000000000000000')), ['`total` is too large to be an amount: an amount is at most 1,000,000,000,000,000, the largest sum added up exactly']);
    assert.deepEqual(await messagesOf('budget/under-allocated', plan('2000000000000000')), []);
    assert.deepEqual(await messagesOf('schema', plan('1000000000000000')), []);
    for (const [locale, words] of [['vi', /quá lớn để là một số tiền: số tiền tối đa là 1\.000\.000\.000\.000\.000/], ['zh-cn', /太大，不能作为金额/], ['ru', /слишком большое значение для суммы — сумма не может превышать 1\u00a0000/]] as const) {
      const [message] = (await check(plan('2000000000000000'), { settings: { locale } })).filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.message);
      assert.match(message, words, locale);
    }
  });
});

describe('the number meant by a number written as people write it', () => {
  const offered = async (value: string) => (await messagesOf('schema', `mktplan: "1"\nplan:\n  budget: {total: "${value}", currency: VND}\n`))[0];
  for (const [written, meant] of [
    ['300.000.000', '300000000'],
    ['1.234.567,89', '1234567.89'],
    ['1.500,5', '1500.5'],
    ['1 500 000,50', '1500000.5'],
    ['80万', '800000'],
    ['3,000万', '30000000'],
    ['3,000万元', '30000000'],
    ['1.2亿', '120000000'],
    ['1,2 tỷ', '1200000000'],
    ['1,2 tỷ đồng', '1200000000'],
    ['500 tr', '500000000'],
    ['2 triệu', '2000000'],
    ['3 млн', '3000000'],
    ['150 тыс.', '150000'],
    ['1,5 млрд', '1500000000'],
    ['2M', '2000000'],
    ['1 500 000', '1500000'],
    ['50,000', '50000'],
    ['40k', '40000'],
    ['50_000', '50000'],
  ]) {
    it(`offers ${meant} for "${written}"`, async () => {
      assert.match(await offered(written), new RegExp(`is text: write ${meant.replace('.', '\\.')}$`));
    });
  }

  for (const written of ['1.500', '1.500 tr', '1.000', '1 5', '1,234 567', '1.2.3', '1,000,', '80 thousand', '万']) {
    it(`offers nothing for "${written}", whose grouping is not certain or which is no number`, async () => {
      assert.match(await offered(written), /is text$/);
    });
  }
});

describe('the number a text means, on adversarial text', () => {
  // The scanner itself, without the length cap numberMeant puts before it: linear in the text.
  for (const [name, text] of [
    ['digits and spaces', '1' + ' '.repeat(1_000_000) + '1!'],
    ['digit groups', '1' + ' 1'.repeat(500_000) + 'x!'],
    ['groups of three', '1' + ',000'.repeat(250_000) + 'x'],
    ['dot groups before a decimal comma', '1' + '.000'.repeat(250_000) + ',5 tỷ'],
    ['separators', '1' + '., '.repeat(333_000) + '!'],
    ['spaces before a word', '1' + ' '.repeat(1_000_000) + 'млн!'],
  ] as const) {
    it(`scans 1 MB of ${name} within its budget`, function () {
      this.timeout(budgetFor(text.length));
      assert.equal(writtenNumber(text), undefined);
    });
  }

  for (const [name, text] of [
    ['digits and spaces', '1' + ' '.repeat(100_000) + '1!'],
    ['digit groups', '1' + ' 1'.repeat(50_000) + 'x!'],
    ['separators', '1' + '., '.repeat(33_000) + '!'],
  ] as const) {
    it(`reads 100 kB of ${name} within its budget`, async function () {
      this.timeout(budgetFor(text.length));
      const messages = await messagesOf('schema', `mktplan: "1"\nplan:\n  budget: {total: "${text}", currency: USD}\n`);
      assert.equal(messages.length, 1);
    });
  }
});

describe('messages about anchors, aliases, merge keys and tags', () => {
  /** Each yaml-syntax finding as `line:character message`, lines counted from 1. */
  async function yamlFindings(text: string, locale?: string): Promise<string[]> {
    const diagnostics = await check(text, locale ? { settings: { locale } } : {});
    return diagnostics.filter((diagnostic) => diagnostic.code === 'yaml-syntax').map(({ range, message }) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.character + 1} ${message}`);
  }
  const team = 'mktplan: "1"\nteam:\n  - {id: minh, role: marketing-manager, name: Le Minh}\n';

  it('says an alias with no anchor names none, on the alias, in every language', async () => {
    const text = `${team}plan:\n  owner: *boss\n`;
    assert.deepEqual(await yamlFindings(text), ['5:10-15 YAML: an alias (`*name`) names no anchor (`&name`) defined before it']);
    for (const [locale, words] of [['vi', /không trỏ tới điểm neo/], ['zh-cn', /在它之前没有定义/], ['ru', /выше не определён/]] as const) {
      const [finding] = await yamlFindings(text, locale);
      assert.match(finding, words, locale);
    }
  });

  it('says an alias used before its anchor names none, rather than that aliases expand too often', async () => {
    assert.deepEqual(await yamlFindings(`${team}plan:\n  owner: *boss\nstrategy:\n  owner: &boss minh\n`), ['5:10-15 YAML: an alias (`*name`) names no anchor (`&name`) defined before it']);
  });

  it('says a merge key given a text takes maps, on its value', async () => {
    assert.deepEqual(await yamlFindings(`${team}base: &base minh\nplan:\n  <<: *base\n`), ['6:7-12 YAML: a merge key (`<<`) takes a map, an alias of a map (`*name`) or a list of them']);
  });

  it('says a date tagged !!timestamp is written without the tag, never that it is a map of keys, in every language', async () => {
    const text = 'mktplan: "1"\nplan:\n  period: {start: !!timestamp 2027-01-01, end: 2027-12-31}\n';
    assert.deepEqual(await yamlFindings(text), ['3:19-30 YAML: the tag `!!timestamp` is ignored here: write the date as YYYY-MM-DD, without the tag']);
    assert.deepEqual(await messagesOf('schema', text), []);
    for (const [locale, words] of [['vi', /hãy viết ngày theo dạng YYYY-MM-DD, không kèm thẻ/], ['zh-cn', /请按YYYY-MM-DD格式书写日期/], ['ru', /запишите дату в формате ГГГГ-ММ-ДД без тега/]] as const) {
      const [finding] = await yamlFindings(text, locale);
      assert.match(finding, words, locale);
    }
  });

  it('says a core tag that does not fit its value does not fit, and an unknown tag is unknown; the value is read as written', async () => {
    const text = 'mktplan: "1"\nplan:\n  budget: {total: !!int abc, currency: !custom USD}\n  channels: !!binary aGVsbG8=\n';
    assert.deepEqual(await yamlFindings(text), [
      '3:19-24 YAML: this value does not fit its tag `!!int`, so the tag is ignored; write the value without it',
      '3:40-47 YAML: the tag `!custom` is unknown here and is ignored',
      '4:13-21 YAML: the tag `!!binary` is unknown here and is ignored',
    ]);
    assert.deepEqual(await messagesOf('schema', text), ['`total` must be a number; "abc" is text', '`channels` must be a list; "aGVsbG8=" is text']);
  });
});

describe('the number fix of an amount written with a currency', () => {
  const file = 'file:///workspace/test.mktplan.yaml';
  const plan = (total: string, currency?: string) => `mktplan: "1"\nplan:\n  budget:\n    total: "${total}"\n${currency ? `    currency: ${currency}\n` : ''}`;
  const engineFor = (text: string) => new Engine(new MemoryWorkspace({ 'test.mktplan.yaml': text }));
  const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

  for (const [total, currency] of [['50000 VND', 'USD'], ['₫50000', 'USD'], ['5 tr đồng', 'CNY'], ['3 млн руб.', 'USD'], ['80万元', 'JPY'], ['$40k', 'VND'], ['50000 VND', undefined], ['¥5000', 'USD']] as const) {
    it(`is offered but not applied by fix-all for "${total}" in a budget in ${currency ?? 'no currency'}`, async () => {
      const text = plan(total, currency);
      const engine = engineFor(text);
      assert.equal((await engine.fixAll(file, text))?.applied ?? 0, 0);
      const titles = (await engine.codeActions(file, text, whole)).map((action) => action.title);
      assert.ok(titles.some((title) => /^Change to `[\d.]+`$/.test(title)), titles.join(' | '));
    });
  }

  for (const [total, currency, written] of [['50000 VND', 'VND', '50000'], ['₫50000', 'VND', '50000'], ['80万元', 'CNY', '800000'], ['$40k', 'USD', '40000'], ['3 млн руб.', 'RUB', '3000000'], ['50,000', undefined, '50000']] as const) {
    it(`is applied by fix-all for "${total}" in a budget in ${currency ?? 'no currency'}`, async () => {
      const text = plan(total, currency);
      const fixed = await engineFor(text).fixAll(file, text);
      assert.equal(fixed?.text, text.replace(`"${total}"`, written));
    });
  }
});
