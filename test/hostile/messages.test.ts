import { strict as assert } from 'node:assert';
import { check } from '../unit/helpers';
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

  it('say that an amount of 400 digits is too large to be read, never Infinity', async () => {
    const messages = await messagesOf('schema', `mktplan: "1"\nplan:\n  budget: {total: 1${'0'.repeat(400)}, currency: USD}\n`);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /too large/);
    assert.doesNotMatch(messages[0], /Infinity/);
  });
});

describe('the number a text means, on adversarial text', () => {
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
