import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'kpi/not-measurable';

const kpiLine = '{id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}';
const objectiveTail = 'target: 15, unit: "%", due: 2029-12-31}';

async function messages(text: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.message);
}

describe(rule, () => {
  describe('fires', () => {
    it('on a KPI without a `unit`, on its id value, naming only the unit', async () => {
      const text = withChange(kpiLine, '{id: pickups, name: App pickups, target: 20000, frequency: monthly}');
      assert.deepEqual(await findingsOf(rule, text), ['49:pickups']);
      const [message] = await messages(text);
      assert.ok(message.includes('`unit`'), message);
      assert.ok(!message.includes('`target`') && !message.includes('`frequency`'), message);
    });

    it('is a warning by default', async () => {
      const text = withChange(kpiLine, '{id: pickups, name: App pickups, target: 20000, frequency: monthly}');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [2],
      );
    });

    it('once on a KPI lacking everything, naming each missing part', async () => {
      const text = withChange(kpiLine, '{id: pickups, name: App pickups}');
      assert.deepEqual(await findingsOf(rule, text), ['49:pickups']);
      const [message] = await messages(text);
      for (const part of ['`target`', '`unit`', '`due`', '`frequency`']) assert.ok(message.includes(part), `${part} not in: ${message}`);
    });

    it('on a KPI without a `due` or a `frequency`, naming both as the choice', async () => {
      const text = withChange(kpiLine, '{id: pickups, name: App pickups, target: 20000, unit: orders}');
      assert.deepEqual(await findingsOf(rule, text), ['49:pickups']);
      const [message] = await messages(text);
      assert.ok(message.includes('`due`') && message.includes('`frequency`') && !message.includes('`unit`'), message);
    });

    it('on a KPI whose target is text, or whose frequency is not a known one (they count as absent)', async () => {
      const textTarget = withChange('target: 20000', 'target: "20k"');
      assert.deepEqual(await findingsOf(rule, textTarget), ['49:pickups']);
      assert.ok((await messages(textTarget))[0].includes('`target`'));
      const badFrequency = withChange('frequency: monthly', 'frequency: hourly');
      assert.deepEqual(await findingsOf(rule, badFrequency), ['49:pickups']);
      assert.deepEqual(await findingsOf('schema', badFrequency), ['49:hourly']);
    });

    it('on a KPI without an id, on its first key', async () => {
      const text = withChange(kpiLine, '{name: App pickups, unit: orders}', withChange('kpis: [pickups]', 'kpis: []'));
      assert.deepEqual(await findingsOf(rule, text), ['49:name']);
    });

    it('on a strategy objective without a `due` date', async () => {
      const text = withChange(objectiveTail, 'target: 15, unit: "%"}');
      assert.deepEqual(await findingsOf(rule, text), ['12:share']);
      const [message] = await messages(text);
      assert.ok(message.includes('`due`') && !message.includes('`target`'), message);
    });

    it('on a strategy objective without a `target`, or with neither, naming what is missing', async () => {
      const noTarget = withChange(objectiveTail, 'unit: "%", due: 2029-12-31}');
      assert.deepEqual(await findingsOf(rule, noTarget), ['12:share']);
      const [onlyTarget] = await messages(noTarget);
      assert.ok(onlyTarget.includes('`target`') && !onlyTarget.includes('`due`'), onlyTarget);
      const neither = withChange(objectiveTail, 'unit: "%"}');
      assert.deepEqual(await findingsOf(rule, neither), ['12:share']);
      const [both] = await messages(neither);
      assert.ok(both.includes('`target`') && both.includes('`due`'), both);
    });

    it('on a strategy objective with a target written as text or a due that is not a real date', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('target: 15,', 'target: "15",')), ['12:share']);
      assert.deepEqual(await findingsOf(rule, withChange('due: 2029-12-31}', 'due: 2029-02-29}')), ['12:share']);
    });

    it('on an objective without an id, on its first key; one finding per item', async () => {
      const text = withChange(
        '    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n',
        '    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n    - {statement: Open a third shop}\n',
        withChange(kpiLine, '{id: pickups, name: App pickups, target: 20000, unit: orders}'),
      );
      assert.deepEqual(await findingsOf(rule, text), ['13:statement', '50:pickups']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on a KPI with a `due` date instead of a `frequency`', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('frequency: monthly}', 'due: 2027-12-31}')), []);
    });

    it('on a KPI with both a `due` and a `frequency`', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('frequency: monthly}', 'frequency: monthly, due: 2027-12-31}')), []);
    });

    it('on targets of zero or below zero, which are numbers', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('target: 20000', 'target: 0')), []);
      assert.deepEqual(await findingsOf(rule, withChange('target: 20000', 'target: -5, direction: decrease')), []);
    });

    it('on an objective with a target and a due date but no unit or metric', async () => {
      const text = withChange('metric: market share, target: 15, unit: "%", due: 2029-12-31}', 'target: 15, due: 2029-12-31}');
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});
