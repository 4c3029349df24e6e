import { strict as assert } from 'node:assert';
import { formatFor, minusSign, moneyValue, readMoneyValue, type CountForms, type Locale } from '../../server/src/service/i18n/format';
import { formatValue, renderMessage } from '../../server/src/service/i18n/messages';

/** What each locale writes for each kind of value, at its edges; spaces written as they are: \u00a0 no-break, \u202f narrow, \u2009 thin. */
interface Expected {
  number: { zero: string; negative: string; quadrillion: string; fourDecimals: string };
  amount: { twentyDigits: string; negativeTiny: string; fourDecimals: string };
  money: Record<string, string>;
  percent: { share: string; negative: string; zero: string; unit: string };
  date: string;
  month: string;
  range: { sameMonth: string; sameYear: string; acrossYears: string; oneDay: string; reversed: string };
  list: { one: string; two: string; five: string; or: string; series: string };
  compact: { zero: string; billions: string; millions: string; negative: string };
  quantity: { orders: string; han: string };
}

const expected: Record<Locale, Expected> = {
  en: {
    number: { zero: '0', negative: '\u22121,234.5', quadrillion: '1,000,000,000,000,000', fourDecimals: '1.2345' },
    amount: { twentyDigits: '12,345,678,901,234,567,890', negativeTiny: '\u22120.0001', fourDecimals: '22,500,000,000.2999' },
    money: {
      'USD 20000': '$20,000',
      'USD 1234.5': '$1,234.50',
      'USD 1234.5678': '$1,234.5678',
      'USD -20000': '\u2212$20,000',
      'USD 0': '$0',
      'VND 1200000000': '₫1,200,000,000',
      'RUB 1200000': 'RUB\u00a01,200,000',
      'XYZ 20000': 'XYZ\u00a020,000',
      'dollars 20000': '20,000\u00a0dollars',
      '- 1200000000': '1,200,000,000',
      '- 1000000000000000': '1,000,000,000,000,000',
    },
    percent: { share: '35%', negative: '\u221212.5%', zero: '0%', unit: '15%' },
    date: 'Jan 2, 2028',
    month: 'Jan 2028',
    range: { sameMonth: 'Jul 1\u2009–\u200931, 2027', sameYear: 'Jul 1\u2009–\u2009Sep 30, 2027', acrossYears: 'Jul 1, 2027\u2009–\u2009Sep 30, 2028', oneDay: 'Jul 1, 2027', reversed: 'Jul 31, 2027 – Jul 1, 2027' },
    list: { one: 'a', two: 'a and b', five: 'a, b, c, d, and e', or: 'a, b, or c', series: 'a, b, c' },
    compact: { zero: '0', billions: '1.2B', millions: '34M', negative: '\u22121.5K' },
    quantity: { orders: '20,000\u00a0orders', han: '20,000单' },
  },
  vi: {
    number: { zero: '0', negative: '\u22121.234,5', quadrillion: '1.000.000.000.000.000', fourDecimals: '1,2345' },
    amount: { twentyDigits: '12.345.678.901.234.567.890', negativeTiny: '\u22120,0001', fourDecimals: '22.500.000.000,2999' },
    money: {
      'VND 1200000000': '1,2\u00a0tỷ\u00a0đồng',
      'VND 34000000': '34\u00a0triệu\u00a0đồng',
      'VND 1250000': '1.250.000\u00a0đồng',
      'VND 1234000000': '1.234\u00a0triệu\u00a0đồng',
      'VND -1200000000': '\u22121,2\u00a0tỷ\u00a0đồng',
      'VND 0': '0\u00a0đồng',
      'VND 1000000000000000': '1.000.000\u00a0tỷ\u00a0đồng',
      'VND 1250000.5': '1.250.000,5\u00a0đồng',
      'USD 20000': '20.000\u00a0US$',
      'USD 1234.5': '1.234,50\u00a0US$',
      'XYZ 20000': '20.000\u00a0XYZ',
      'dollars 20000': '20.000\u00a0dollars',
      '- 1200000000': '1,2\u00a0tỷ',
      '- 999999': '999.999',
    },
    percent: { share: '35%', negative: '\u221212,5%', zero: '0%', unit: '15%' },
    date: '2/1/2028',
    month: 'tháng 1/2028',
    range: { sameMonth: '1/7–31/7/2027', sameYear: '1/7–30/9/2027', acrossYears: '1/7/2027–30/9/2028', oneDay: '1/7/2027', reversed: '31/7/2027–1/7/2027' },
    list: { one: 'a', two: 'a và b', five: 'a, b, c, d và e', or: 'a, b hoặc c', series: 'a, b, c' },
    compact: { zero: '0', billions: '1,2 tỷ', millions: '34 triệu', negative: '\u22121,5 nghìn' },
    quantity: { orders: '20.000\u00a0orders', han: '20.000单' },
  },
  'zh-cn': {
    number: { zero: '0', negative: '\u22121,234.5', quadrillion: '1,000,000,000,000,000', fourDecimals: '1.2345' },
    amount: { twentyDigits: '12,345,678,901,234,567,890', negativeTiny: '\u22120.0001', fourDecimals: '22,500,000,000.2999' },
    money: {
      'CNY 30000000': '3,000万元',
      'CNY 120000000': '1.2亿元',
      'CNY 125000000': '1.25亿元',
      'CNY 5000': '5,000元',
      'CNY 12345': '12,345元',
      'CNY 1234500000': '123,450万元',
      'CNY -30000000': '\u22123,000万元',
      'CNY 0': '0元',
      'CNY 1000000000000000': '1,000万亿元',
      'CNY 1234.5': '1,234.50元',
      'USD 20000': '2万美元',
      'USD 23000': '2.3万美元',
      'VND 1200000000': '12亿越南盾',
      'USD 1234.5': '1,234.50美元',
      'XYZ 20000': 'XYZ\u00a020,000',
      'dollars 20000': '20,000\u00a0dollars',
      '- 1200000000': '12亿',
      '- 5000': '5,000',
    },
    percent: { share: '35%', negative: '\u221212.5%', zero: '0%', unit: '15%' },
    date: '2028年1月2日',
    month: '2028年1月',
    range: { sameMonth: '2027年7月1日至31日', sameYear: '2027年7月1日至9月30日', acrossYears: '2027年7月1日至2028年9月30日', oneDay: '2027年7月1日', reversed: '2027年7月31日至2027年7月1日' },
    list: { one: 'a', two: 'a和b', five: 'a、b、c、d和e', or: 'a、b或c', series: 'a、b、c' },
    compact: { zero: '0', billions: '12亿', millions: '3400万', negative: '\u22121500' },
    quantity: { orders: '20,000\u00a0orders', han: '20,000单' },
  },
  ru: {
    number: { zero: '0', negative: '\u22121\u00a0234,5', quadrillion: '1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000', fourDecimals: '1,2345' },
    amount: { twentyDigits: '12\u00a0345\u00a0678\u00a0901\u00a0234\u00a0567\u00a0890', negativeTiny: '\u22120,0001', fourDecimals: '22\u00a0500\u00a0000\u00a0000,2999' },
    money: {
      'RUB 1200000': '1\u00a0200\u00a0000\u00a0₽',
      'RUB 1234.5': '1\u00a0234,50\u00a0₽',
      'RUB -1200000': '\u22121\u00a0200\u00a0000\u00a0₽',
      'RUB 0': '0\u00a0₽',
      'USD 20000': '20\u00a0000\u00a0$',
      'XYZ 20000': '20\u00a0000\u00a0XYZ',
      'dollars 20000': '20\u00a0000\u00a0dollars',
      '- 1200000000': '1\u00a0200\u00a0000\u00a0000',
    },
    percent: { share: '35\u00a0%', negative: '\u221212,5\u00a0%', zero: '0\u00a0%', unit: '15\u00a0%' },
    date: '2 января 2028\u00a0г.',
    month: 'январь 2028\u00a0г.',
    range: {
      sameMonth: '1–31 июля 2027\u00a0г.',
      sameYear: '1 июля – 30 сентября 2027\u00a0г.',
      acrossYears: '1 июля 2027\u00a0г. – 30 сентября 2028\u00a0г.',
      oneDay: '1 июля 2027\u00a0г.',
      reversed: '31 июля 2027\u00a0г. – 1 июля 2027\u00a0г.',
    },
    list: { one: 'a', two: 'a и b', five: 'a, b, c, d и e', or: 'a, b или c', series: 'a, b, c' },
    compact: { zero: '0', billions: '1,2\u00a0млрд', millions: '34\u00a0млн', negative: '\u22121,5\u00a0тыс.' },
    quantity: { orders: '20\u00a0000\u00a0orders', han: '20\u00a0000单' },
  },
};

/** Days in each language's plural forms, and what a count of 1, 2, 5 and 21 days is written as. */
const days: Record<Locale, { forms: CountForms; written: string[] }> = {
  en: { forms: { one: '# day', other: '# days' }, written: ['1 day', '2 days', '5 days', '21 days'] },
  vi: { forms: { other: '# ngày' }, written: ['1 ngày', '2 ngày', '5 ngày', '21 ngày'] },
  'zh-cn': { forms: { other: '#天' }, written: ['1天', '2天', '5天', '21天'] },
  ru: { forms: { one: '# день', few: '# дня', many: '# дней', other: '# дня' }, written: ['1 день', '2 дня', '5 дней', '21 день'] },
};

describe('values as each language writes them', () => {
  for (const [locale, want] of Object.entries(expected) as Array<[Locale, Expected]>) {
    describe(locale, () => {
      const format = formatFor(locale);

      it('numbers: zero, a negative one with the minus sign, 10^15, four decimals', () => {
        assert.equal(format.number(0), want.number.zero);
        assert.equal(format.number(-0), want.number.zero);
        assert.equal(format.number(-1234.5), want.number.negative);
        assert.equal(format.number(1e15), want.number.quadrillion);
        assert.equal(format.number(1.2345), want.number.fourDecimals);
      });

      it('exact amounts: every digit of 20, of four decimals and of a tiny negative one', () => {
        assert.equal(format.amount('12345678901234567890'), want.amount.twentyDigits);
        assert.equal(format.amount('22500000000.2999'), want.amount.fourDecimals);
        assert.equal(format.amount('-0.0001'), want.amount.negativeTiny);
        assert.equal(format.amount('-0'), '0');
        // Past the 20 fraction digits Intl takes, the amount's own digits.
        assert.match(format.amount('0.1234567890123456789012345'), /1234567890123456789012345$/);
      });

      it('money in the home currency, another, an unknown code and none', () => {
        for (const [key, written] of Object.entries(want.money)) {
          const [currency, exact] = key.split(' ');
          assert.equal(format.money(exact, currency === '-' ? undefined : currency), written, key);
        }
      });

      it('money in full: every digit, never a large unit, in every currency', () => {
        for (const key of Object.keys(want.money)) {
          const [currency, exact] = key.split(' ');
          const written = format.money(exact, currency === '-' ? undefined : currency, 'inFull');
          assert.doesNotMatch(written, /万|亿|triệu|tỷ|млн|млрд/, key);
          // The digits are all there, in order, whatever separates them.
          const digits = exact.replace(/^-/, '').replace('.', '').replace(/^0+(?=\d)/, '');
          assert.ok(written.replace(/\D/g, '').includes(digits.replace(/0+$/, '')), `${key}: ${written}`);
        }
      });

      it('shares and a `%` unit, one style for both', () => {
        assert.equal(format.percent(0.35), want.percent.share);
        assert.equal(format.percent(-0.125), want.percent.negative);
        assert.equal(format.percent(0), want.percent.zero);
        assert.equal(format.percent(-0.00001), want.percent.zero);
        assert.equal(format.quantity(15, '%'), want.percent.unit);
      });

      it('a date, a month, and text that is no date as it is', () => {
        assert.equal(format.date('2028-01-02'), want.date);
        assert.equal(format.month('2028-01-02'), want.month);
        assert.equal(format.date('2027-02-30'), '2027-02-30');
        assert.equal(format.date('soon'), 'soon');
      });

      it('ranges inside one month, inside one year and across years, of one day and reversed', () => {
        assert.equal(format.range('2027-07-01', '2027-07-31'), want.range.sameMonth);
        assert.equal(format.range('2027-07-01', '2027-09-30'), want.range.sameYear);
        assert.equal(format.range('2027-07-01', '2028-09-30'), want.range.acrossYears);
        assert.equal(format.range('2027-07-01', '2027-07-01'), want.range.oneDay);
        assert.equal(format.range('2027-07-31', '2027-07-01'), want.range.reversed);
      });

      it('lists of one, two and five, alternatives and a series', () => {
        assert.equal(format.list(['a']), want.list.one);
        assert.equal(format.list(['a', 'b']), want.list.two);
        assert.equal(format.list(['a', 'b', 'c', 'd', 'e']), want.list.five);
        assert.equal(format.list(['a', 'b', 'c'], 'or'), want.list.or);
        assert.equal(format.list(['a', 'b', 'c'], 'series'), want.list.series);
      });

      it('counts of 1, 2, 5 and 21 with the form of the word each takes', () => {
        assert.deepEqual(
          [1, 2, 5, 21].map((count) => format.count(count, days[locale].forms)),
          days[locale].written,
        );
      });

      it("a chart axis's figures", () => {
        assert.equal(format.compact(0), want.compact.zero);
        assert.equal(format.compact(1_200_000_000), want.compact.billions);
        assert.equal(format.compact(34_000_000), want.compact.millions);
        assert.equal(format.compact(-1500), want.compact.negative);
      });

      it('quantities with a unit of the plan', () => {
        assert.equal(format.quantity(20000, 'orders'), want.quantity.orders);
        assert.equal(format.quantity(20000, '单'), want.quantity.han);
        assert.equal(format.quantity(20000, ' '), format.number(20000));
      });

      it('never a hyphen for a minus', () => {
        for (const written of [format.number(-3), format.amount('-3'), format.money('-3', 'USD'), format.money('-3'), format.percent(-0.5), format.compact(-3000)]) {
          assert.ok(written.includes(minusSign) && !written.includes('-'), written);
        }
      });
    });
  }

  it('joins pieces with full-width marks after Chinese, with ASCII ones elsewhere', () => {
    assert.equal(formatFor('zh-cn').labelled('总额', '3,000万元'), '总额：3,000万元');
    assert.equal(formatFor('zh-cn').aside('广告', 'ads'), '广告（ads）');
    assert.equal(formatFor('ru').labelled('Итого', '1 ₽'), 'Итого: 1 ₽');
    assert.equal(formatFor('en').aside('Ads', 'ads'), 'Ads (ads)');
    assert.equal(formatFor('zh-cn').joined('需求：', 'fast pickup'), '需求：fast pickup');
    assert.equal(formatFor('en').joined('Needs:', 'fast pickup'), 'Needs: fast pickup');
  });

  it("carries money in a message's data as text, and renders it in the reader's language", () => {
    assert.deepEqual(readMoneyValue(moneyValue('1200000000', 'VND')), { exact: '1200000000', currency: 'VND' });
    assert.deepEqual(readMoneyValue(moneyValue('5', undefined)), { exact: '5' });
    const spec = { text: 'Left: {left}', placeholders: { left: 'money' as const } };
    assert.equal(renderMessage('vi', 'left', spec, { left: moneyValue('1200000000', 'VND') }), 'Left: 1,2\u00a0tỷ\u00a0đồng');
    assert.equal(renderMessage('zh-cn', 'left', spec, { left: moneyValue('30000000', 'CNY') }), 'Left: 3,000万元');
    assert.equal(renderMessage('ru', 'left', spec, { left: moneyValue('1200000', 'RUB') }), 'Left: 1\u00a0200\u00a0000\u00a0₽');
  });

  it('writes placeholders through the same formats: dates, series, and text that is no date quoted', () => {
    assert.equal(formatValue('ru', 'date', '2028-01-02'), '2 января 2028\u00a0г.');
    assert.equal(formatValue('zh-cn', 'series', ['error', 'warning', 'off']), 'error、warning、off');
    assert.equal(formatValue('en', 'date', 'x'.repeat(100)), 'x'.repeat(79) + '…');
  });
});
