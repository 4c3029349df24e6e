import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Engine } from '../../server/src/service';
import { MemoryWorkspace } from './helpers';

/** A decimal text from a count of ten-thousandths: every digit, no trailing zeros (-12.5, 3, 0.0001). */
function decimal(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const magnitude = units < 0n ? -units : units;
  const fraction = (magnitude % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${sign}${magnitude / 10_000n}${fraction ? `.${fraction}` : ''}`;
}

/** A positive amount as the English messages write dollars: $1,234.5678. */
function dollars(units: bigint): string {
  const [whole, fraction] = decimal(units).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** `YYYY-MM-DD` of a day counted from 2027-01-01. */
function dateOf(day: number): string {
  return new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10);
}

const file = 'file:///workspace/actuals.mktplan.yaml';

describe('actuals, random', () => {
  it('finds a campaign overspent exactly when the exact sum of its lines, up to 10^15 with four decimals, exceeds its budget', async function () {
    this.timeout(60_000);
    const engine = new Engine(new MemoryWorkspace());
    // Sums up to 10^15 with four decimals: 10^19 ten-thousandths, beyond a double's 2^53. Each line
    // is at most an eighth of that, so that eight lines stay within it; refunds are negative.
    const most = 10n ** 19n / 8n;
    const amount = fc.oneof({ weight: 4, arbitrary: fc.bigInt({ min: 0n, max: most }) }, { weight: 1, arbitrary: fc.bigInt({ min: -most, max: 0n }) });
    const line = fc.record({ units: amount, day: fc.integer({ min: 0, max: 89 }) });
    const lines = fc.array(line, { minLength: 1, maxLength: 8 });
    // The budget a smallest unit either side of the sum or on it, below the sum, or anywhere up to 10^15.
    const budgetFor = (sum: bigint) =>
      fc
        .oneof(fc.constantFrom(sum - 1n, sum, sum + 1n), fc.bigInt({ min: 1n, max: sum > 1n ? sum : 1n }), fc.bigInt({ min: 1n, max: 10n ** 19n }))
        .map((budget) => (budget < 1n ? 1n : budget));
    const cases = lines.chain((spend) => budgetFor(spend.reduce((sum, { units }) => sum + units, 0n)).map((budget) => ({ spend, budget })));
    await fc.assert(
      fc.asyncProperty(cases, async ({ spend, budget }) => {
        const text = `mktplan: "1"
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  budget: {currency: USD}
  campaigns:
    - {id: c, start: 2027-01-01, end: 2027-12-31, budget: ${decimal(budget)}}
actuals:
  asOf: 2027-03-31
  spend:
${spend.map(({ units, day }) => `    - {date: ${dateOf(day)}, campaign: c, amount: ${decimal(units)}}\n`).join('')}`;
        const found = (await engine.check(file, text)).filter((diagnostic) => diagnostic.code === 'actuals/overspent');
        // The line that takes it over: lines by date, one date's as written, running totals exact.
        const order = spend.map((item, index) => ({ ...item, index })).sort((a, b) => a.day - b.day || a.index - b.index);
        let running = 0n;
        const crossing = order.find(({ units }) => (running += units) > budget);
        const sum = spend.reduce((total, { units }) => total + units, 0n);
        const firstSpendLine = text.split('\n').indexOf('  spend:') + 1;
        if (sum > budget) {
          assert.deepEqual(
            found.map((diagnostic) => diagnostic.range.start.line),
            [firstSpendLine + crossing!.index],
            text,
          );
          assert.ok(found[0].message.includes(dollars(sum)) && found[0].message.includes(dollars(sum - budget)), `${found[0].message}\n${text}`);
        } else assert.deepEqual(found, [], text);
      }),
      { numRuns: 100, seed: 20270331 },
    );
  });

  it('gives the same findings for lines written in `spend` and for the same lines read from a CSV source', async function () {
    this.timeout(60_000);
    const plan = `mktplan: "1"
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  budget:
    total: 12000
    currency: USD
    allocations:
      - {channel: social, amount: 6000}
      - {channel: search, amount: 3000}
  channels:
    - {id: social, type: social}
    - {id: search, type: search}
  campaigns:
    - {id: tet, channels: [social], start: 2027-01-20, end: 2027-02-10, budget: 2500}
`;
    const asOf = '2027-03-31';
    const line = fc.record({
      // From mid-December, before the plan period, to the end of April, after `asOf`.
      day: fc.integer({ min: -17, max: 119 }),
      target: fc.constantFrom('channel=social', 'channel=search', 'campaign=tet'),
      units: fc.oneof({ weight: 5, arbitrary: fc.bigInt({ min: 0n, max: 30_000_000n }) }, { weight: 1, arbitrary: fc.bigInt({ min: -5_000_000n, max: 0n }) }),
      quoted: fc.boolean(),
      thousands: fc.constantFrom('', ' ', '\u00a0', "'", 'other'),
    });
    const format = fc.record({
      decimal: fc.constantFrom('.', ','),
      delimiter: fc.constantFrom(',', ';', '\t'),
      delimiterGiven: fc.boolean(),
      dateFormat: fc.constantFrom('YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY/MM/DD'),
      crlf: fc.boolean(),
    });

    /** A date as the source's format writes it. */
    const written = (date: string, dateFormat: string) => {
      const [year, month, day] = date.split('-');
      const byFormat: Record<string, string> = {
        'YYYY-MM-DD': date,
        'DD.MM.YYYY': `${day}.${month}.${year}`,
        'DD/MM/YYYY': `${day}/${month}/${year}`,
        'MM/DD/YYYY': `${month}/${day}/${year}`,
        'YYYY/MM/DD': `${year}/${month}/${day}`,
      };
      return byFormat[dateFormat];
    };

    /** An amount as an export writes it: its decimal mark, thousands grouped or not. */
    const exported = (units: bigint, decimalMark: string, thousands: string) => {
      const [whole, fraction] = decimal(units).split('.');
      const separator = thousands === 'other' ? (decimalMark === '.' ? ',' : '.') : thousands;
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
      return fraction ? `${grouped}${decimalMark}${fraction}` : grouped;
    };

    /** The findings about actuals, their row words left out, in a stable order. */
    const actualsFindings = (diagnostics: Awaited<ReturnType<Engine['check']>>) =>
      diagnostics
        .filter((diagnostic) => diagnostic.code.startsWith('actuals/'))
        .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message.replace(/ \(row \d+\)/, '')}`)
        .sort();

    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 10 }), format, async (lines, source) => {
        const inYaml = `${plan}actuals:
  asOf: ${asOf}
  spend:
${lines.map(({ day, target, units }) => `    - {date: ${dateOf(day)}, ${target.replace('=', ': ')}, amount: ${decimal(units)}}\n`).join('')}`;
        const cell = (text: string, quoted: boolean) => (quoted || text.includes(source.delimiter) ? `"${text}"` : text);
        const rows = lines.map(({ day, target, units, quoted, thousands }) => {
          const [kind, id] = target.split('=');
          const cells = [written(dateOf(day), source.dateFormat), kind === 'channel' ? id : '', kind === 'campaign' ? id : '', exported(units, source.decimal, thousands)];
          return cells.map((text) => cell(text, quoted)).join(source.delimiter);
        });
        const newline = source.crlf ? '\r\n' : '\n';
        const csv = [['Date', 'Channel', 'Campaign', 'Amount'].join(source.delimiter), ...rows].join(newline) + newline;
        const entry = [`file: spend.csv`, 'kind: spend', `dateFormat: ${source.dateFormat}`, `decimal: "${source.decimal}"`, ...(source.delimiterGiven ? [`delimiter: ${JSON.stringify(source.delimiter)}`] : [])];
        const inCsv = `${plan}actuals:\n  asOf: ${asOf}\n  sources:\n    - {${entry.join(', ')}}\n`;

        const workspace = new MemoryWorkspace({ 'spend.csv': csv });
        const engine = new Engine(workspace);
        const fromYaml = actualsFindings(await engine.check(workspace.resolve('yaml.mktplan.yaml'), inYaml));
        const fromCsv = actualsFindings(await engine.check(workspace.resolve('csv.mktplan.yaml'), inCsv));
        assert.deepEqual(fromCsv, fromYaml, `${inYaml}\n${inCsv}\n${csv}`);
      }),
      { numRuns: 100, seed: 20270120 },
    );
  });
});
