import { strict as assert } from 'node:assert';
import { Engine, type Diagnostic } from '../../server/src/service';
import { MemoryWorkspace, cleanPlan, coveredText } from './helpers';

/**
 * `actuals` checked through the engine, as plan-format.md says: the plan they measure, the six
 * `actuals/*` rules, ids resolved against the plan, suppression and navigation. Most cases keep
 * their actuals in `actuals.mktplan.yaml`, which imports `plan.mktplan.yaml` below.
 */

const plan = `mktplan: "1"
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  budget:
    total: 10000
    currency: USD
    allocations:
      - {channel: social, amount: 4000}
      - {channel: search, amount: 2000}
      - {campaign: spring, amount: 1000}
      - {campaign: spring, amount: 500}
  channels:
    - {id: social, type: social}
    - {id: search, type: search}
    - {id: print, type: print}
  campaigns:
    - {id: tet, channels: [social], start: 2027-01-20, end: 2027-02-10, budget: 1200}
    - {id: spring, channels: [search], start: 2027-03-01, end: 2027-05-31}
    - {id: undated, channels: [social], budget: 300}
    - {id: opening, channels: [social], start: 2027-01-01, budget: 200}
    - {id: free, channels: [social]}
  kpis:
    - {id: signups, target: 2000, baseline: 1000, due: 2027-01-11, unit: users}
    - {id: members, target: 3640, baseline: 0, unit: members}
    - {id: cpa, target: 50, baseline: 100, due: 2027-01-11, unit: USD}
    - {id: rising, target: 50, baseline: 100, direction: increase, due: 2027-01-11, unit: points}
    - {id: churn, target: 100, baseline: 50, direction: decrease, due: 2027-01-11, unit: "%"}
    - {id: visits, target: 1000, frequency: weekly, unit: visits}
    - {id: complaints, target: 10, direction: decrease, frequency: weekly, unit: complaints}
    - {id: awareness, target: 50, due: 2027-12-31, unit: "%"}
    - {id: reach, target: 1000, frequency: monthly, due: 2027-12-31, unit: people}
    - {id: mood, baseline: 5, frequency: weekly, unit: points}
`;

const planFile = 'plan.mktplan.yaml';
const actualsFile = 'actuals.mktplan.yaml';

/** An actuals file that imports the plan, its `actuals` section's body as given (indented by two). */
function actualsOf(body: string): string {
  return `mktplan: "1"\nimports: [${planFile}]\nactuals:\n${body}`;
}

interface Options {
  /** Files of the workspace besides the plan (text), by path. */
  files?: Record<string, string>;
  /** Files given as raw bytes (a CSV in its own encoding), by path. */
  bytes?: Record<string, Uint8Array>;
  /** The plan file's text, where not the one above. */
  planText?: string;
}

function workspaceOf(options: Options): MemoryWorkspace {
  const workspace = new MemoryWorkspace({ [planFile]: options.planText ?? plan, ...options.files });
  for (const [path, bytes] of Object.entries(options.bytes ?? {})) workspace.bytes.set(workspace.resolve(path), bytes);
  return workspace;
}

async function diagnosticsOf(text: string, options: Options = {}, name = actualsFile): Promise<Diagnostic[]> {
  const workspace = workspaceOf(options);
  return new Engine(workspace).check(workspace.resolve(name), text);
}

/** Each finding of a rule as `covered text @ the whole line it stands on`, with its message. */
async function findings(code: string, text: string, options: Options = {}): Promise<Array<{ at: string; message: string }>> {
  const lines = text.split('\n');
  return (await diagnosticsOf(text, options))
    .filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => ({ at: `${coveredText(text, diagnostic)} @ ${lines[diagnostic.range.start.line].trim()}`, message: diagnostic.message }));
}

/** Where the findings of a rule stand. */
async function placesOf(code: string, text: string, options: Options = {}): Promise<string[]> {
  return (await findings(code, text, options)).map((finding) => finding.at);
}

/** The messages of a rule's findings about one id (named in the message as `id`). */
async function messagesAbout(code: string, id: string, text: string, options: Options = {}): Promise<string[]> {
  return (await findings(code, text, options)).map((finding) => finding.message).filter((message) => message.includes(`\`${id}\``));
}

function assertIncludes(text: string | undefined, parts: readonly string[]): void {
  assert.ok(text !== undefined, 'no message');
  for (const part of parts) assert.ok(text.includes(part), `${JSON.stringify(text)} lacks ${JSON.stringify(part)}`);
}

/** A spend section of lines `date campaign-or-channel=id amount`. */
function spend(asOf: string, ...lines: string[]): string {
  return actualsOf(`  asOf: ${asOf}\n  spend:\n${lines.map(spendLine).join('')}`);
}

function spendLine(line: string): string {
  const [date, target, amount] = line.split(' ');
  const [kind, id] = target.split('=');
  return `    - {date: ${date}, ${kind}: ${id}, amount: ${amount}}\n`;
}

/** A results section of lines `date kpi value`. */
function results(asOf: string, ...lines: string[]): string {
  return actualsOf(`  asOf: ${asOf}\n  results:\n${lines.map(resultLine).join('')}`);
}

function resultLine(line: string): string {
  const [date, kpi, value] = line.split(' ');
  return `    - {date: ${date}, kpi: ${kpi}, value: ${value}}\n`;
}

/** Days after a date, as `YYYY-MM-DD`. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the English messages write it (Mar 31, 2027). */
function written(date: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

describe('actuals', () => {
  it('finds nothing in a record on pace, within budget, each KPI on its path and measured recently', async () => {
    const text = actualsOf(`  asOf: 2027-01-30
  spend:
    - {date: 2027-01-25, campaign: tet, amount: 600}
  results:
    - {date: 2027-01-06, kpi: signups, value: 1500}
    - {date: 2027-01-30, kpi: visits, value: 1000}
    - {date: 2027-01-30, kpi: complaints, value: 5}
    - {date: 2027-01-30, kpi: mood, value: 3}
`);
    assert.deepEqual(
      (await diagnosticsOf(text)).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`),
      [],
    );
  });

  it('gives each rule its default severity', async () => {
    const text = actualsOf(`  asOf: 2027-03-31
  spend:
    - {date: 2027-01-25, campaign: tet, amount: 5000}
    - {date: 2027-04-02, channel: social, amount: 1}
  results:
    - {date: 2027-01-06, kpi: signups, value: 10}
  sources:
    - {file: none.csv, kind: spend}
`);
    const severities = new Map((await diagnosticsOf(text)).map((diagnostic) => [diagnostic.code, diagnostic.severity]));
    assert.deepEqual(
      ['actuals/overspent', 'actuals/off-pace', 'actuals/kpi-behind', 'actuals/kpi-no-recent-result', 'actuals/after-as-of', 'actuals/source-unreadable'].map((code) => [code, severities.get(code)]),
      [
        ['actuals/overspent', 2],
        ['actuals/off-pace', 3],
        ['actuals/kpi-behind', 2],
        ['actuals/kpi-no-recent-result', 3],
        ['actuals/after-as-of', 2],
        ['actuals/source-unreadable', 1],
      ],
    );
  });

  it('gives the format\'s own example the findings its comments announce', async () => {
    // plan-format.md, "Example": the record kept beside Saigon Bean's plan, its CSV export included.
    const text = `mktplan: "1"
imports: [saigon-bean.mktplan.yaml]
actuals:
  asOf: 2027-03-31
  spend:
    - {date: 2027-01-31, campaign: tet, amount: 9000}
    - {date: 2027-02-10, campaign: tet, amount: 4100, note: extra print run}
    - {date: 2027-03-31, channel: social, amount: 6000}
  results:
    - {date: 2027-03-31, kpi: pickups, value: 14500}
  sources:
    - file: exports/ads-2027-q1.csv
      kind: spend
      columns: {date: Day, campaign: Campaign, amount: Cost}
      dateFormat: DD.MM.YYYY
      decimal: ","
`;
    const files = { 'saigon-bean.mktplan.yaml': cleanPlan, 'exports/ads-2027-q1.csv': 'Day;Campaign;Cost\n31.01.2027;tet;1 250,50\n' };
    const found = (await diagnosticsOf(text, { files })).map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
    assert.deepEqual(found.sort(), ['actuals/kpi-behind 4:2027-03-31', 'actuals/off-pace 4:2027-03-31', 'actuals/off-pace 4:2027-03-31', 'actuals/overspent 7:4100']);
    const paces = await findings('actuals/off-pace', text, { files });
    assertIncludes(paces.find((finding) => finding.message.includes('`tet`'))?.message, ['ahead']);
    assertIncludes(paces.find((finding) => finding.message.includes('`events`'))?.message, ['behind']);
    const [overspent] = await findings('actuals/overspent', text, { files });
    assertIncludes(overspent.message, ['$14,350.50', '$2,350.50', '$12,000']);
  });

  describe('actuals/overspent', () => {
    const rule = 'actuals/overspent';

    it('fires on the line whose amount takes the running total over, with what was planned, spent and the excess', async () => {
      const text = spend('2027-03-31', '2027-01-21 campaign=tet 500', '2027-01-22 campaign=tet 600', '2027-01-23 campaign=tet 200', '2027-01-24 campaign=tet 50');
      const found = await findings(rule, text);
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['200 @ - {date: 2027-01-23, campaign: tet, amount: 200}'],
      );
      assertIncludes(found[0].message, ['`tet`', '$1,350', '$150', '$1,200', written('2027-03-31')]);
    });

    it('stays quiet when the total reaches what is planned exactly', async () => {
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-21 campaign=tet 500', '2027-01-22 campaign=tet 600', '2027-01-23 campaign=tet 100')), []);
    });

    it('takes lines in date order, not in the order they are written', async () => {
      // By date: 600 (01-21), 700 (01-22), 1400 (01-25): the line of 01-25, written first, takes it over.
      const text = spend('2027-03-31', '2027-01-25 campaign=tet 700', '2027-01-21 campaign=tet 600', '2027-01-22 campaign=tet 100');
      assert.deepEqual(await placesOf(rule, text), ['700 @ - {date: 2027-01-25, campaign: tet, amount: 700}']);
    });

    it('takes lines of one date in the order they are written', async () => {
      const text = spend('2027-03-31', '2027-01-25 campaign=tet 300', '2027-01-25 campaign=tet 1000', '2027-01-25 campaign=tet 5');
      assert.deepEqual(await placesOf(rule, text), ['1000 @ - {date: 2027-01-25, campaign: tet, amount: 1000}']);
      const reversed = spend('2027-03-31', '2027-01-25 campaign=tet 1000', '2027-01-25 campaign=tet 300', '2027-01-25 campaign=tet 5');
      assert.deepEqual(await placesOf(rule, reversed), ['300 @ - {date: 2027-01-25, campaign: tet, amount: 300}']);
    });

    it('takes a `spend` line before a CSV row of the same date, wherever `sources` is written', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  sources:
    - {file: ads.csv, kind: spend}
  spend:
    - {date: 2027-01-25, campaign: tet, amount: 700}
`);
      const files = { 'ads.csv': 'date,campaign,amount\n2027-01-25,tet,600\n' };
      const found = await findings(rule, text, { files });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['ads.csv @ - {file: ads.csv, kind: spend}'],
      );
      assertIncludes(found[0].message, ['(row 2)', '$1,300']);
    });

    it('takes a CSV row dated before a `spend` line first', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  spend:
    - {date: 2027-01-25, campaign: tet, amount: 700}
  sources:
    - {file: ads.csv, kind: spend}
`);
      const files = { 'ads.csv': 'date,campaign,amount\n2027-01-24,tet,600\n' };
      const found = await findings(rule, text, { files });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['700 @ - {date: 2027-01-25, campaign: tet, amount: 700}'],
      );
      assert.ok(!found[0].message.includes('(row'), found[0].message);
    });

    it('stays quiet when a refund brings the total at `asOf` back under what is planned', async () => {
      const text = spend('2027-03-31', '2027-01-21 campaign=tet 1000', '2027-01-22 campaign=tet 500', '2027-01-23 campaign=tet -400');
      assert.deepEqual(await placesOf(rule, text), []);
    });

    it('fires on the first line that took it over when, refunds and all, it ends over', async () => {
      // 1000, 1500 (over), 1100 (under again), 1300 (over again): the first crossing counts.
      const text = spend('2027-03-31', '2027-01-21 campaign=tet 1000', '2027-01-22 campaign=tet 500', '2027-01-23 campaign=tet -400', '2027-01-24 campaign=tet 200');
      const found = await findings(rule, text);
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['500 @ - {date: 2027-01-22, campaign: tet, amount: 500}'],
      );
      assertIncludes(found[0].message, ['$1,300', '$100', '$1,200']);
    });

    it('checks a campaign by the sum of the allocations that name it, where it has no budget', async () => {
      // spring: 1000 + 500 allocated.
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-03-02 campaign=spring 1000', '2027-03-03 campaign=spring 500')), []);
      const found = await findings(rule, spend('2027-03-31', '2027-03-02 campaign=spring 1000', '2027-03-03 campaign=spring 501'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['501 @ - {date: 2027-03-03, campaign: spring, amount: 501}'],
      );
      assertIncludes(found[0].message, ['`spring`', '$1,500', '$1,501', '$1']);
    });

    it('checks a channel by the sum of the allocations that name it', async () => {
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-02 channel=social 4000')), []);
      const found = await findings(rule, spend('2027-03-31', '2027-01-02 channel=social 3000', '2027-01-03 channel=social 1000.01'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['1000.01 @ - {date: 2027-01-03, channel: social, amount: 1000.01}'],
      );
      assertIncludes(found[0].message, ['`social`', '$4,000', '$4,000.01', '$0.01']);
    });

    it('checks the total against `budget.total`, all lines counted, items the plan gives nothing included', async () => {
      // Every item within what it is given (9000 in all), and 1001 on print, which the plan gives nothing.
      const within = ['2027-01-02 channel=social 4000', '2027-01-02 channel=search 2000', '2027-01-21 campaign=tet 1200', '2027-03-02 campaign=spring 1500', '2027-01-02 campaign=undated 300'];
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', ...within, '2027-03-30 channel=print 1000')), []);
      const found = await findings(rule, spend('2027-03-31', ...within, '2027-03-30 channel=print 1001'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['1001 @ - {date: 2027-03-30, channel: print, amount: 1001}'],
      );
      assertIncludes(found[0].message, ['$10,001', '$1', '$10,000']);
    });

    it('does not count spend on a campaign for its channels', async () => {
      // tet runs on social (4000 allocated): 5000 on tet takes tet over, not social.
      const found = await findings(rule, spend('2027-03-31', '2027-01-21 campaign=tet 5000'));
      assert.equal(found.length, 1, JSON.stringify(found));
      assertIncludes(found[0].message, ['`tet`']);
      assert.deepEqual(await messagesAbout(rule, 'social', spend('2027-03-31', '2027-01-21 campaign=tet 5000')), []);
    });

    it('does not check an item the plan gives nothing', async () => {
      // print has no allocation, free no budget and no allocation.
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-02 channel=print 500', '2027-01-02 campaign=free 500')), []);
    });

    it('does not count lines dated after `asOf`', async () => {
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-21 campaign=tet 1200', '2027-04-01 campaign=tet 500')), []);
      assert.deepEqual(await placesOf(rule, spend('2027-04-01', '2027-01-21 campaign=tet 1200', '2027-04-01 campaign=tet 500')), ['500 @ - {date: 2027-04-01, campaign: tet, amount: 500}']);
    });

    it('adds amounts exactly in decimal, to four decimals and up to 10^15', async () => {
      const planText = plan.replace('budget: 1200}', 'budget: 999999999999999.9999}').replace('total: 10000', 'total: 1000000000000000');
      const exact = spend('2027-03-31', '2027-01-21 campaign=tet 999999999999999.9998', '2027-01-22 campaign=tet 0.0001');
      assert.deepEqual(await placesOf(rule, exact, { planText }), []);
      const over = spend('2027-03-31', '2027-01-21 campaign=tet 999999999999999.9998', '2027-01-22 campaign=tet 0.0002');
      assert.deepEqual(await placesOf(rule, over, { planText }), ['0.0002 @ - {date: 2027-01-22, campaign: tet, amount: 0.0002}']);
      // 0.1 + 0.2 is 0.3, not a hair over it.
      const tenths = plan.replace('budget: 1200}', 'budget: 0.3}');
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-21 campaign=tet 0.1', '2027-01-22 campaign=tet 0.2'), { planText: tenths }), []);
      assert.deepEqual(await placesOf(rule, spend('2027-03-31', '2027-01-21 campaign=tet 0.1', '2027-01-22 campaign=tet 0.2001'), { planText: tenths }), [
        '0.2001 @ - {date: 2027-01-22, campaign: tet, amount: 0.2001}',
      ]);
    });

    it('says by how much it is over to the smallest amount written', async () => {
      const planText = plan.replace('budget: 1200}', 'budget: 999999999999999.9999}').replace('total: 10000', 'total: 1000000000000000');
      const found = await findings(rule, spend('2027-03-31', '2027-01-21 campaign=tet 999999999999999.9998', '2027-01-22 campaign=tet 0.0002'), { planText });
      assertIncludes(found[0]?.message, ['0.0001']);
    });
  });

  describe('actuals/off-pace', () => {
    const rule = 'actuals/off-pace';
    // tet runs 2027-01-20..2027-02-10: 22 days, 1200 planned, 180 (15 %) of leeway.

    it('fires ahead by more than 15 % of the planned amount, halfway through the span', async () => {
      // 2027-01-30 is day 11 of 22: an even pace has spent 600.
      const found = await messagesAbout(rule, 'tet', spend('2027-01-30', '2027-01-21 campaign=tet 781'));
      assert.equal(found.length, 1, JSON.stringify(found));
      assertIncludes(found[0], ['ahead', '$781', '$181', '$600', '$1,200', '50%']);
    });

    it('fires behind by more than 15 %', async () => {
      const found = await messagesAbout(rule, 'tet', spend('2027-01-30', '2027-01-21 campaign=tet 419'));
      assert.equal(found.length, 1, JSON.stringify(found));
      assertIncludes(found[0], ['behind', '$419', '$181', '$600']);
    });

    it('stays quiet within 15 %, both sides', async () => {
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-01-30', '2027-01-21 campaign=tet 780')), []);
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-01-30', '2027-01-21 campaign=tet 420')), []);
    });

    it('stands on the `asOf` value, one finding per item', async () => {
      const text = spend('2027-01-30', '2027-01-21 campaign=tet 500', '2027-01-22 campaign=tet 500');
      const found = (await findings(rule, text)).filter((finding) => finding.message.includes('`tet`'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['2027-01-30 @ asOf: 2027-01-30'],
      );
    });

    it('does not check a span `asOf` has not reached', async () => {
      // All of it spent before the campaign starts: on 2027-01-19 tet is not checked, on 2027-01-20 it is.
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-01-19', '2027-01-15 campaign=tet 1200')), []);
      assert.equal((await messagesAbout(rule, 'tet', spend('2027-01-20', '2027-01-15 campaign=tet 1200'))).length, 1);
    });

    it('counts the span\'s first day as elapsed', async () => {
      // On 2027-01-20, 1/22 of the span is gone: an even pace has spent 54.55.
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-01-20', '2027-01-20 campaign=tet 234')), []);
      const found = await messagesAbout(rule, 'tet', spend('2027-01-20', '2027-01-20 campaign=tet 235'));
      assertIncludes(found[0], ['ahead', '$54.55']);
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-01-20')), []);
    });

    it('takes the whole span as elapsed on its last day', async () => {
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-02-10', '2027-01-21 campaign=tet 1020')), []);
      const found = await messagesAbout(rule, 'tet', spend('2027-02-10', '2027-01-21 campaign=tet 1019'));
      assertIncludes(found[0], ['behind', '$181', '$1,200']);
    });

    it('holds the elapsed share at 1 after the span ends', async () => {
      assert.deepEqual(await messagesAbout(rule, 'tet', spend('2027-03-31', '2027-01-21 campaign=tet 1020')), []);
      const found = await messagesAbout(rule, 'tet', spend('2027-03-31', '2027-01-21 campaign=tet 1019'));
      assertIncludes(found[0], ['behind', '$181', '$1,200', '100%']);
    });

    it('does not check a campaign without both `start` and `end`', async () => {
      // undated has neither, opening only a start: all of each budget spent at once, early in the year.
      assert.deepEqual(await messagesAbout(rule, 'undated', spend('2027-01-10', '2027-01-02 campaign=undated 300')), []);
      assert.deepEqual(await messagesAbout(rule, 'opening', spend('2027-01-10', '2027-01-02 campaign=opening 200')), []);
    });

    it('checks a channel over the plan period', async () => {
      // 2027-03-31 is day 90 of 365: an even pace has spent 493.15 of search's 2000; 300 of leeway.
      const ahead = await messagesAbout(rule, 'search', spend('2027-03-31', '2027-01-02 channel=search 800'));
      assert.equal(ahead.length, 1, JSON.stringify(ahead));
      assertIncludes(ahead[0], ['ahead', '$800', '$306.85', '$493.15', '$2,000']);
      const behind = await messagesAbout(rule, 'search', spend('2027-03-31', '2027-01-02 channel=search 190'));
      assertIncludes(behind[0], ['behind', '$303.15']);
      assert.deepEqual(await messagesAbout(rule, 'search', spend('2027-03-31', '2027-01-02 channel=search 700')), []);
      assert.deepEqual(await messagesAbout(rule, 'search', spend('2027-03-31', '2027-01-02 channel=search 200')), []);
    });

    it('does not count spend on a campaign for its channel, nor check an item the plan gives nothing', async () => {
      // spring runs on search; print and free are given nothing.
      const text = spend('2027-03-31', '2027-03-02 campaign=spring 500', '2027-01-02 channel=search 493.15', '2027-01-02 channel=print 5000', '2027-01-02 campaign=free 5000');
      assert.deepEqual(await messagesAbout(rule, 'search', text), []);
      assert.deepEqual(await messagesAbout(rule, 'print', text), []);
      assert.deepEqual(await messagesAbout(rule, 'free', text), []);
    });
  });

  describe('actuals/kpi-behind', () => {
    const rule = 'actuals/kpi-behind';

    it('fires when a result is behind the path from `baseline` to `target` on `due` by more than 10 % of the distance', async () => {
      // signups: 1000 on 2027-01-01 to 2000 on 2027-01-11; on 2027-01-06 the path stands at 1500, 100 of leeway.
      const found = await findings(rule, results('2027-03-31', '2027-01-06 signups 1399'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['2027-03-31 @ asOf: 2027-03-31'],
      );
      assertIncludes(found[0].message, ['`signups`', '1,399', written('2027-01-06'), '1,500', '2,000']);
    });

    it('stays quiet within 10 % of the distance, and ahead of the path', async () => {
      assert.deepEqual(await placesOf(rule, results('2027-03-31', '2027-01-06 signups 1400')), []);
      assert.deepEqual(await placesOf(rule, results('2027-03-31', '2027-01-06 signups 1999')), []);
    });

    it('holds the path at `target` after `due`, and at `baseline` on and before the period\'s start', async () => {
      assert.equal((await messagesAbout(rule, 'signups', results('2027-03-31', '2027-02-01 signups 1899'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'signups', results('2027-03-31', '2027-02-01 signups 1900')), []);
      assert.equal((await messagesAbout(rule, 'signups', results('2027-03-31', '2027-01-01 signups 899'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'signups', results('2027-03-31', '2027-01-01 signups 900')), []);
      assert.equal((await messagesAbout(rule, 'signups', results('2027-03-31', '2026-12-20 signups 899'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'signups', results('2027-03-31', '2026-12-20 signups 900')), []);
    });

    it('runs the path to the plan period\'s end where there is no `due`', async () => {
      // members: 0 on 2027-01-01 to 3640 on 2027-12-31 (364 days on); on 2027-07-02 (182 days on) 1820, 364 of leeway.
      const found = await messagesAbout(rule, 'members', results('2027-07-31', '2027-07-02 members 1455'));
      assert.equal(found.length, 1);
      assertIncludes(found[0], ['1,455', '1,820', '3,640']);
      assert.deepEqual(await messagesAbout(rule, 'members', results('2027-07-31', '2027-07-02 members 1456')), []);
    });

    it('takes a target below the baseline as falling: behind is above the path', async () => {
      // cpa: 100 to 50 by 2027-01-11; on 2027-01-06 the path stands at 75, 5 of leeway.
      assert.equal((await messagesAbout(rule, 'cpa', results('2027-03-31', '2027-01-06 cpa 81'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'cpa', results('2027-03-31', '2027-01-06 cpa 80')), []);
      assert.deepEqual(await messagesAbout(rule, 'cpa', results('2027-03-31', '2027-01-06 cpa 60')), []);
    });

    it('follows a `direction` given over the one the numbers suggest', async () => {
      // rising: 100 to 50 but `increase`: behind is below 70. churn: 50 to 100 but `decrease`: behind is above 80.
      assert.equal((await messagesAbout(rule, 'rising', results('2027-03-31', '2027-01-06 rising 69'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'rising', results('2027-03-31', '2027-01-06 rising 70')), []);
      assert.deepEqual(await messagesAbout(rule, 'rising', results('2027-03-31', '2027-01-06 rising 90')), []);
      assert.equal((await messagesAbout(rule, 'churn', results('2027-03-31', '2027-01-06 churn 81'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'churn', results('2027-03-31', '2027-01-06 churn 80')), []);
      assert.deepEqual(await messagesAbout(rule, 'churn', results('2027-03-31', '2027-01-06 churn 60')), []);
    });

    it('checks a KPI with a `frequency`, no `baseline` and no `due` against its target for each period', async () => {
      // visits: 1000 a week, 100 of leeway; complaints: at most 10 a week (`decrease`), 1 of leeway.
      const found = await messagesAbout(rule, 'visits', results('2027-03-31', '2027-03-30 visits 899'));
      assert.equal(found.length, 1);
      assertIncludes(found[0], ['899', '1,000']);
      assert.deepEqual(await messagesAbout(rule, 'visits', results('2027-03-31', '2027-03-30 visits 900')), []);
      assert.deepEqual(await messagesAbout(rule, 'visits', results('2027-03-31', '2027-03-30 visits 5000')), []);
      assert.equal((await messagesAbout(rule, 'complaints', results('2027-03-31', '2027-03-30 complaints 11.5'))).length, 1);
      assert.deepEqual(await messagesAbout(rule, 'complaints', results('2027-03-31', '2027-03-30 complaints 11')), []);
      assert.deepEqual(await messagesAbout(rule, 'complaints', results('2027-03-31', '2027-03-30 complaints 2')), []);
    });

    it('does not check other KPIs: no baseline and a `due`, no target', async () => {
      // awareness: a target and a due only; reach: a frequency and a due; mood: no target.
      const text = results('2027-03-31', '2027-03-30 awareness 1', '2027-03-30 reach 1', '2027-03-30 mood 0');
      assert.deepEqual(await placesOf(rule, text), []);
    });

    it('takes the latest result by date, not the last written', async () => {
      // 2027-01-06 is on its path (1500); 2027-01-05, written after it, would be behind (path 1400).
      assert.deepEqual(await placesOf(rule, results('2027-03-31', '2027-01-06 signups 1500', '2027-01-05 signups 1000')), []);
      assert.equal((await placesOf(rule, results('2027-03-31', '2027-01-05 signups 1500', '2027-01-06 signups 1000'))).length, 1);
    });

    it('takes, of several results on the latest date, the last written', async () => {
      assert.deepEqual(await placesOf(rule, results('2027-03-31', '2027-01-06 signups 1399', '2027-01-06 signups 1500')), []);
      const found = await messagesAbout(rule, 'signups', results('2027-03-31', '2027-01-06 signups 1500', '2027-01-06 signups 1399'));
      assertIncludes(found[0], ['1,399']);
    });

    it('reads `results` lines before each source\'s rows, sources in order, wherever `sources` is written', async () => {
      const text = (first: string, second: string) =>
        actualsOf(`  asOf: 2027-03-31
  sources:
    - {file: first.csv, kind: results}
    - {file: second.csv, kind: results}
  results:
    - {date: 2027-01-06, kpi: signups, value: 1500}
`) + `# ${first} ${second}\n`;
      const files = (first: string, second: string) => ({ 'first.csv': `date,kpi,value\n2027-01-06,signups,${first}\n`, 'second.csv': `date,kpi,value\n2027-01-06,signups,${second}\n` });
      // The second source's row is the last read: it counts.
      assert.equal((await placesOf(rule, text('1500', '1399'), { files: files('1500', '1399') })).length, 1);
      assert.deepEqual(await placesOf(rule, text('1399', '1500'), { files: files('1399', '1500') }), []);
    });

    it('ignores results dated after `asOf`', async () => {
      assert.deepEqual(await placesOf(rule, results('2027-01-06', '2027-01-06 signups 1500', '2027-01-08 signups 100')), []);
      assert.equal((await placesOf(rule, results('2027-01-06', '2027-01-06 signups 1399', '2027-01-08 signups 1900'))).length, 1);
    });
  });

  describe('actuals/kpi-no-recent-result', () => {
    const rule = 'actuals/kpi-no-recent-result';
    const frequencies = [
      ['daily', 1],
      ['weekly', 7],
      ['monthly', 31],
      ['quarterly', 92],
      ['yearly', 366],
    ] as const;
    /** The plan with one KPI, measured at a frequency. */
    const planAt = (frequency: string) =>
      plan.slice(0, plan.indexOf('  kpis:\n')) + `  kpis:\n    - {id: pulse, target: 10, unit: points, frequency: ${frequency}}\n`;
    const asOf = '2028-01-15';

    for (const [frequency, days] of frequencies) {
      describe(`${frequency} (${days} ${days === 1 ? 'day' : 'days'})`, () => {
        const planText = planAt(frequency);

        it('stays quiet with a result on `asOf`, or on the first day of the window', async () => {
          assert.deepEqual(await placesOf(rule, results(asOf, `${asOf} pulse 10`), { planText }), []);
          assert.deepEqual(await placesOf(rule, results(asOf, `${addDays(asOf, -days + 1)} pulse 10`), { planText }), []);
        });

        it('fires, on the `asOf` value, with the latest result one day before the window', async () => {
          const found = await findings(rule, results(asOf, `${addDays(asOf, -days)} pulse 10`), { planText });
          assert.deepEqual(
            found.map((finding) => finding.at),
            [`${asOf} @ asOf: ${asOf}`],
          );
          assertIncludes(found[0].message, ['`pulse`', written(addDays(asOf, -days + 1)), written(asOf)]);
        });

        it('fires without any result, or with one after `asOf` only', async () => {
          assert.equal((await placesOf(rule, results(asOf, `${addDays(asOf, 1)} pulse 10`), { planText })).length, 1);
          assert.equal((await placesOf(rule, actualsOf(`  asOf: ${asOf}\n`), { planText })).length, 1);
        });

        it(`stays quiet while the plan period started less than ${days} days before \`asOf\``, async () => {
          assert.deepEqual(await placesOf(rule, actualsOf(`  asOf: ${addDays('2027-01-01', days - 1)}\n`), { planText }), []);
          assert.equal((await placesOf(rule, actualsOf(`  asOf: ${addDays('2027-01-01', days)}\n`), { planText })).length, 1);
        });
      });
    }

    it('does not check a KPI without a `frequency`', async () => {
      const planText = plan.slice(0, plan.indexOf('  kpis:\n')) + '  kpis:\n    - {id: pulse, target: 10, unit: points, due: 2027-12-31}\n';
      assert.deepEqual(await placesOf(rule, actualsOf(`  asOf: ${asOf}\n`), { planText }), []);
    });
  });

  describe('actuals/after-as-of', () => {
    const rule = 'actuals/after-as-of';

    it('fires on a `spend` or `results` line\'s `date` value, and not on a line dated `asOf`', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  spend:
    - {date: 2027-03-31, channel: social, amount: 10}
    - {date: 2027-04-01, channel: social, amount: 20}
  results:
    - {date: 2027-03-31, kpi: visits, value: 1000}
    - {date: 2027-04-02, kpi: visits, value: 1000}
`);
      const found = await findings(rule, text);
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['2027-04-01 @ - {date: 2027-04-01, channel: social, amount: 20}', '2027-04-02 @ - {date: 2027-04-02, kpi: visits, value: 1000}'],
      );
      assertIncludes(found[0].message, [written('2027-04-01'), written('2027-03-31')]);
      assert.ok(!found[0].message.includes('(row'), found[0].message);
    });

    it('fires on a CSV row\'s source `file` value, naming the row', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  sources:
    - file: exports/ads.csv
      kind: spend
`);
      const files = { 'exports/ads.csv': 'date,channel,amount\n2027-03-31,social,10\n2027-04-05,social,10\n' };
      const found = await findings(rule, text, { files });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['exports/ads.csv @ - file: exports/ads.csv'],
      );
      assertIncludes(found[0].message, ['(row 3)', written('2027-04-05')]);
    });

    it('makes such a line count for nothing else', async () => {
      // Counted, the late lines would take tet over, put signups behind, give visits a recent result and take search ahead.
      const early = `  asOf: 2027-01-30
  spend:
    - {date: 2027-01-21, campaign: tet, amount: 600}
  results:
    - {date: 2027-01-06, kpi: signups, value: 1500}
`;
      const late = `${early}    - {date: 2027-02-01, kpi: signups, value: 1}
    - {date: 2027-01-31, kpi: visits, value: 1000}
  sources:
    - {file: late.csv, kind: spend}
`.replace('amount: 600}\n', 'amount: 600}\n    - {date: 2027-02-01, campaign: tet, amount: 5000}\n');
      const files = { 'late.csv': 'date,channel,amount\n2027-01-31,search,1000\n' };
      const others = async (text: string) =>
        (await diagnosticsOf(actualsOf(text), { files })).filter((diagnostic) => diagnostic.code !== 'actuals/after-as-of').map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
      assert.equal((await placesOf(rule, actualsOf(late), { files })).length, 4);
      assert.deepEqual(await others(late), await others(early));
    });

    it('still counts a line dated outside the plan period', async () => {
      const text = spend('2027-03-31', '2026-12-31 campaign=tet 1000', '2027-01-21 campaign=tet 201');
      assert.deepEqual(await placesOf('actuals/overspent', text), ['201 @ - {date: 2027-01-21, campaign: tet, amount: 201}']);
      assert.deepEqual(await placesOf(rule, text), []);
    });

    it('leaves a line dated outside the plan period to `dates/outside-period`, on its `date` value', async () => {
      const text = spend('2027-03-31', '2026-12-31 campaign=tet 10', '2027-01-21 campaign=tet 10');
      assert.deepEqual(await placesOf('dates/outside-period', text), ['2026-12-31 @ - {date: 2026-12-31, campaign: tet, amount: 10}']);
    });
  });

  describe('actuals/source-unreadable', () => {
    const rule = 'actuals/source-unreadable';
    const sourceText = (file: string, more = '') => actualsOf(`  asOf: 2027-03-31\n  sources:\n    - {file: ${file}, kind: spend${more}}\n`);

    it('stays quiet on a source that reads', async () => {
      assert.deepEqual(await placesOf(rule, sourceText('ads.csv'), { files: { 'ads.csv': 'date,channel,amount\n2027-01-02,social,5\n' } }), []);
    });

    it('fires on the `file` value of a source that is missing', async () => {
      const found = await findings(rule, sourceText('exports/none.csv'));
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['exports/none.csv @ - {file: exports/none.csv, kind: spend}'],
      );
      assertIncludes(found[0].message, ['exports/none.csv']);
    });

    it('fires on a source that is not text in its encoding', async () => {
      const bytes = { 'ads.csv': Uint8Array.from([...new TextEncoder().encode('date,channel,amount\n2027-01-02,social,'), 0xff, 0xfe, 0x0a]) };
      const found = await findings(rule, sourceText('ads.csv'), { bytes });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['ads.csv @ - {file: ads.csv, kind: spend}'],
      );
      assertIncludes(found[0].message, ['ads.csv', 'utf-8']);
      // The same bytes are text in windows-1251 (ÿþ): the row does not read, the file does.
      const asWindows1251 = await findings(rule, sourceText('ads.csv', ', encoding: windows-1251'), { bytes });
      assert.equal(asWindows1251.length, 1);
      assert.notEqual(asWindows1251[0].message, found[0].message);
    });

    it('advises, as for a plan file, the encoding a source not in UTF-8 looks like', async () => {
      // The same export saved by Excel in Russia (windows-1251) and in China (gb18030), read as UTF-8.
      const russian = Uint8Array.from([0xc4, 0xe0, 0xf2, 0xe0, 0x3b, 0xd1, 0xf3, 0xec, 0xec, 0xe0, 0x0a, 0x33, 0x31, 0x2e, 0x30, 0x31, 0x2e, 0x32, 0x30, 0x32, 0x37, 0x3b, 0x35, 0x0a]);
      const chinese = Uint8Array.from([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0x32, 0x30, 0x32, 0x37, 0x2f, 0x31, 0x2f, 0x33, 0x31, 0x2c, 0x35, 0x0a]);
      const [inRussian] = await findings(rule, sourceText('ads.csv'), { bytes: { 'ads.csv': russian } });
      const [inChinese] = await findings(rule, sourceText('ads.csv'), { bytes: { 'ads.csv': chinese } });
      assert.notEqual(inRussian?.message, inChinese?.message, 'the advice names the encoding each file looks like');
    });

    it('fires on a source that holds NUL bytes (not text), whatever its encoding', async () => {
      // A UTF-16 export (Excel's "Unicode Text") declared as windows-1251.
      const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'date,channel,amount\n2027-01-02,social,5\n'].flatMap((character) => [character.charCodeAt(0), 0])]);
      const found = await findings(rule, sourceText('ads.csv', ', encoding: windows-1251'), { bytes: { 'ads.csv': utf16 } });
      assert.equal(found.length, 1);
      assert.match(found[0].message, /not text/);
    });

    it('fires on a source that lacks a column it needs, naming the column', async () => {
      const files = { 'ads.csv': 'date,channel,cost\n2027-01-02,social,5\n' };
      const found = await findings(rule, sourceText('ads.csv'), { files });
      assert.equal(found.length, 1);
      assertIncludes(found[0].message, ['`amount`']);
      const mapped = await findings(rule, sourceText('ads.csv', ', columns: {amount: Spend}'), { files });
      assertIncludes(mapped[0]?.message, ['`Spend`']);
      assert.deepEqual(await placesOf(rule, sourceText('ads.csv', ', columns: {amount: Cost}'), { files }), []);
    });

    it('names the first three rows that do not read, and counts the rest', async () => {
      const rows = ['2027-01-02,social,5', 'x,social,5', '2027-01-03,social,x', '2027-01-04,social,5', '2027-02-30,social,5', 'x,,', 'y,social,5'];
      const files = { 'ads.csv': `date,channel,amount\n${rows.join('\n')}\n` };
      const found = await findings(rule, sourceText('ads.csv'), { files });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['ads.csv @ - {file: ads.csv, kind: spend}'],
      );
      // Bad rows: lines 3, 4, 6, 7 and 8.
      assertIncludes(found[0].message, ['3', '4', '6', '2 more rows']);
      assert.ok(!/\b7\b|\b8\b/.test(found[0].message), found[0].message);
      const three = await findings(rule, sourceText('ads.csv'), { files: { 'ads.csv': `date,channel,amount\n${rows.slice(0, 5).join('\n')}\n` } });
      assertIncludes(three[0]?.message, ['3', '4', '6']);
      assert.ok(!/more/.test(three[0].message), three[0].message);
    });

    it('still counts the rows that read', async () => {
      const files = { 'ads.csv': 'date,campaign,amount\n2027-01-21,tet,1000\nbad,tet,1\n2027-01-22,tet,300\n' };
      assert.equal((await placesOf(rule, sourceText('ads.csv'), { files })).length, 1);
      const overspent = await findings('actuals/overspent', sourceText('ads.csv'), { files });
      assert.deepEqual(
        overspent.map((finding) => finding.at),
        ['ads.csv @ - {file: ads.csv, kind: spend}'],
      );
      assertIncludes(overspent[0].message, ['(row 4)', '$1,300']);
    });

    it('gives one finding per source', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  sources:
    - {file: a.csv, kind: spend}
    - {file: b.csv, kind: spend}
    - {file: c.csv, kind: spend}
`);
      const files = { 'b.csv': 'date,channel,amount\nx,social,5\ny,social,5\n', 'c.csv': 'date,channel,amount\n2027-01-02,social,5\n' };
      assert.deepEqual(await placesOf(rule, text, { files }), ['a.csv @ - {file: a.csv, kind: spend}', 'b.csv @ - {file: b.csv, kind: spend}']);
    });
  });

  describe('the measured plan', () => {
    it('is the plan in the same file', async () => {
      const text = `${plan}actuals:\n  asOf: 2027-03-31\n  spend:\n    - {date: 2027-01-21, campaign: tet, amount: 1300}\n`;
      const found = await diagnosticsOf(text, {}, 'own.mktplan.yaml');
      assert.deepEqual(
        found.filter((diagnostic) => diagnostic.code === 'actuals/overspent' || diagnostic.code === 'schema').map((diagnostic) => `${diagnostic.code}:${coveredText(text, diagnostic)}`),
        ['actuals/overspent:1300'],
      );
    });

    it('is the one plan among the imports, reached through another file', async () => {
      const files = { 'strategy.mktplan.yaml': `mktplan: "1"\nimports: [${planFile}]\nstrategy: {vision: Coffee in two minutes}\n` };
      const text = `mktplan: "1"\nimports: [strategy.mktplan.yaml]\nactuals:\n  asOf: 2027-03-31\n  spend:\n    - {date: 2027-01-21, campaign: tet, amount: 1300}\n`;
      const found = await diagnosticsOf(text, { files });
      assert.deepEqual(
        found.filter((diagnostic) => ['actuals/overspent', 'schema', 'ref/unknown'].includes(diagnostic.code)).map((diagnostic) => `${diagnostic.code}:${coveredText(text, diagnostic)}`),
        ['actuals/overspent:1300'],
      );
    });

    it('is one plan however many routes reach it', async () => {
      const files = {
        'a.mktplan.yaml': `mktplan: "1"\nimports: [${planFile}]\nstrategy: {vision: A}\n`,
        'b.mktplan.yaml': `mktplan: "1"\nimports: [${planFile}]\nstrategy: {vision: B}\n`,
      };
      const text = `mktplan: "1"\nimports: [a.mktplan.yaml, b.mktplan.yaml]\nactuals:\n  asOf: 2027-03-31\n`;
      assert.deepEqual((await diagnosticsOf(text, { files })).filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.message), []);
    });

    it('is a `schema` error on the `actuals` key where no plan is in reach', async () => {
      const files = { 'strategy.mktplan.yaml': `mktplan: "1"\nstrategy: {vision: Coffee in two minutes}\n` };
      for (const text of [`mktplan: "1"\nactuals:\n  asOf: 2027-03-31\n`, `mktplan: "1"\nimports: [strategy.mktplan.yaml]\nactuals:\n  asOf: 2027-03-31\n`]) {
        const found = (await diagnosticsOf(text, { files })).filter((diagnostic) => diagnostic.code === 'schema');
        assert.deepEqual(
          found.map((diagnostic) => `${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`),
          [`${text.split('\n').indexOf('actuals:') + 1}:actuals`],
          text,
        );
        assert.equal(found[0].severity, 1);
      }
    });

    it('is a `schema` error on the `actuals` key where more than one plan is in reach', async () => {
      const files = { 'other.mktplan.yaml': plan };
      const text = `mktplan: "1"\nimports: [${planFile}, other.mktplan.yaml]\nactuals:\n  asOf: 2027-03-31\n`;
      const found = (await diagnosticsOf(text, { files })).filter((diagnostic) => diagnostic.code === 'schema');
      assert.deepEqual(
        found.map((diagnostic) => `${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`),
        ['3:actuals'],
      );
      // The messages for none and several differ.
      const none = (await diagnosticsOf(`mktplan: "1"\nactuals:\n  asOf: 2027-03-31\n`)).filter((diagnostic) => diagnostic.code === 'schema');
      assert.notEqual(found[0].message, none[0]?.message);
    });

    it('resolves ids in `spend` and `results` against the plan: an unknown one is `ref/unknown`', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  spend:
    - {date: 2027-01-21, campaign: tet, amount: 10}
    - {date: 2027-01-21, campaign: nope, amount: 10}
    - {date: 2027-01-21, channel: social, amount: 10}
  results:
    - {date: 2027-01-06, kpi: signups, value: 1500}
    - {date: 2027-01-06, kpi: sign-ups-typo, value: 1500}
`);
      assert.deepEqual(await placesOf('ref/unknown', text), ['nope @ - {date: 2027-01-21, campaign: nope, amount: 10}', 'sign-ups-typo @ - {date: 2027-01-06, kpi: sign-ups-typo, value: 1500}']);
    });

    it('resolves a CSV row\'s id too: an unknown one is `ref/unknown` on the source\'s `file`, naming the row', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  sources:
    - file: ads.csv
      kind: spend
      ids: {"Tet 2027 - Video": tet}
`);
      const files = { 'ads.csv': 'date,campaign,amount\n2027-01-21,Tet 2027 - Video,5\n2027-01-21,tet,5\n2027-01-22,Summer 2027,5\n' };
      const found = await findings('ref/unknown', text, { files });
      assert.deepEqual(
        found.map((finding) => finding.at),
        ['ads.csv @ - file: ads.csv'],
      );
      assertIncludes(found[0].message, ['Summer 2027', '4']);
    });

    it('reports findings about actuals in the file that holds them, never in the plan\'s', async () => {
      const text = spend('2027-03-31', '2027-01-21 campaign=tet 5000', '2027-05-01 channel=social 1');
      const workspace = workspaceOf({ files: { [actualsFile]: text } });
      const engine = new Engine(workspace);
      assert.ok((await engine.check(workspace.resolve(actualsFile), text)).some((diagnostic) => diagnostic.code === 'actuals/overspent'));
      const inPlan = await engine.check(workspace.resolve(planFile), plan);
      assert.deepEqual(
        inPlan.filter((diagnostic) => diagnostic.code.startsWith('actuals/')).map((diagnostic) => diagnostic.code),
        [],
      );
    });
  });

  describe('suppression', () => {
    it('silences one `actuals/after-as-of` finding with `# mktplan-disable-next-line`', async () => {
      const text = actualsOf(`  asOf: 2027-03-31
  spend:
    # mktplan-disable-next-line actuals/after-as-of
    - {date: 2027-04-01, channel: social, amount: 20}
    - {date: 2027-04-02, channel: social, amount: 20}
`);
      assert.deepEqual(await placesOf('actuals/after-as-of', text), ['2027-04-02 @ - {date: 2027-04-02, channel: social, amount: 20}']);
      assert.equal((await placesOf('actuals/after-as-of', text.replace('    # mktplan-disable-next-line actuals/after-as-of\n', ''))).length, 2);
    });
  });

  describe('navigation', () => {
    const text = actualsOf(`  asOf: 2027-03-31
  spend:
    - {date: 2027-01-21, campaign: tet, amount: 10, note: tet flyers}
  results:
    - {date: 2027-01-06, kpi: signups, value: 1500}
  sources:
    - {file: tet.csv, kind: spend, campaign: tet}
`);
    const files = { [actualsFile]: text, 'tet.csv': 'date,amount\n2027-01-22,5\n' };

    /** The position of the `occurrence`th `word` (0-based) on the first line holding `lineHolding`. */
    function positionOf(source: string, lineHolding: string, word: string, occurrence = 0) {
      const lines = source.split('\n');
      const line = lines.findIndex((candidate) => candidate.includes(lineHolding));
      assert.ok(line >= 0, `test setup: no line holds ${lineHolding}`);
      let character = -1;
      for (let seen = 0; seen <= occurrence; seen++) character = lines[line].indexOf(word, character + 1);
      return { line, character: character + 1 };
    }

    const where = (ranges: Array<{ file: string; range: Diagnostic['range'] }>, workspace: MemoryWorkspace) =>
      ranges
        .map(({ file, range }) => {
          const source = file === workspace.resolve(planFile) ? plan : text;
          const name = file.slice(file.lastIndexOf('/') + 1);
          return `${name}:${range.start.line + 1}:${coveredText(source, { range } as Diagnostic)}`;
        })
        .sort();

    it('goes from a campaign and a KPI named in actuals to their definitions in the plan', async () => {
      const workspace = workspaceOf({ files });
      const engine = new Engine(workspace);
      const file = workspace.resolve(actualsFile);
      const tetLine = plan.split('\n').findIndex((line) => line.includes('{id: tet,')) + 1;
      const signupsLine = plan.split('\n').findIndex((line) => line.includes('{id: signups,')) + 1;
      assert.deepEqual(where(await engine.definition(file, text, positionOf(text, 'campaign: tet, amount', 'tet')), workspace), [`${planFile}:${tetLine}:tet`]);
      assert.deepEqual(where(await engine.definition(file, text, positionOf(text, 'kpi: signups', 'signups')), workspace), [`${planFile}:${signupsLine}:signups`]);
      assert.deepEqual(where(await engine.definition(file, text, positionOf(text, 'file: tet.csv', 'tet', 1)), workspace), [`${planFile}:${tetLine}:tet`]);
      // A word in a note is no id.
      assert.deepEqual(await engine.definition(file, text, positionOf(text, 'note: tet flyers', 'tet', 1)), []);
    });

    it('finds the references to a campaign in the actuals file, from its definition in the plan', async () => {
      const workspace = workspaceOf({ files });
      const engine = new Engine(workspace);
      const references = await engine.references(workspace.resolve(planFile), plan, positionOf(plan, '{id: tet,', 'tet'), false);
      assert.deepEqual(where(references, workspace), [`${actualsFile}:10:tet`, `${actualsFile}:6:tet`]);
    });

    it('renames a campaign in the plan and in the actuals that name it', async () => {
      const workspace = workspaceOf({ files });
      const engine = new Engine(workspace);
      const renamed = await engine.rename(workspace.resolve(actualsFile), text, positionOf(text, 'campaign: tet, amount', 'tet'), 'tet-2027');
      assert.ok('edits' in renamed, JSON.stringify(renamed));
      const edited = [...renamed.edits].flatMap(([file, edits]) => where(edits.map(({ range }) => ({ file, range })), workspace));
      const tetLine = plan.split('\n').findIndex((line) => line.includes('{id: tet,')) + 1;
      assert.deepEqual(edited.sort(), [`${actualsFile}:10:tet`, `${actualsFile}:6:tet`, `${planFile}:${tetLine}:tet`].sort());
      assert.ok([...renamed.edits.values()].flat().every((edit) => edit.newText === 'tet-2027'));
    });
  });
});
