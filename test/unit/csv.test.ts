import { strict as assert } from 'node:assert';
import { readSource, readSourceDate, readSourceNumber, type DateFormat, type SourceFormat, type SourceRead } from '../../server/src/service/model/csv';
import { decimalText } from '../../server/src/service/model/amounts';

/** How a spend source is read where its entry says nothing more (plan-format.md, `sources`). */
function spendFormat(overrides: Partial<SourceFormat> = {}): SourceFormat {
  return { kind: 'spend', columns: {}, dateFormat: 'YYYY-MM-DD', decimal: '.', encoding: 'utf-8', headerRow: 1, ids: {}, ...overrides };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The rows a source gave, compactly: `line date target=id amount`, and the lines that did not read. */
function rowsOf(read: SourceRead): { rows: string[]; badRows: number[] } {
  if (read.kind !== 'read') assert.fail(`the source did not read: ${JSON.stringify(read.failure)}`);
  return {
    rows: read.rows.map((row) => `${row.line} ${row.date} ${row.target.key}=${row.target.id} ${decimalText(row.amount)}${row.note !== undefined ? ` ${JSON.stringify(row.note)}` : ''}`),
    badRows: read.badRows,
  };
}

function failureOf(read: SourceRead): unknown {
  if (read.kind !== 'failed') assert.fail(`the source read: ${JSON.stringify(read)}`);
  return read.failure;
}

/** windows-1251 as Excel saves CSV in Russia: ASCII as is, А..я from C0 to FF, Ё/ё at A8/B8. */
function windows1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (character) => {
    const code = character.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (character === 'Ё') return 0xa8;
    if (character === 'ё') return 0xb8;
    throw new Error(`test setup: ${character} is not in the table`);
  });
}

/** Bytes from pieces: text (as UTF-8, ASCII here) and lists of bytes in another encoding. */
function bytesOf(...parts: Array<string | number[]>): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));
}

describe('CSV sources', () => {
  describe('readSourceDate', () => {
    const cases: Array<{ format: DateFormat; written: string[]; wrong: string[] }> = [
      { format: 'YYYY-MM-DD', written: ['2027-01-05', '2027-1-5'], wrong: ['05.01.2027', '2027/01/05', '2027-01-05x'] },
      { format: 'DD.MM.YYYY', written: ['05.01.2027', '5.1.2027'], wrong: ['2027-01-05', '05/01/2027', '05.01.27'] },
      { format: 'DD/MM/YYYY', written: ['05/01/2027', '5/1/2027'], wrong: ['2027-01-05', '05.01.2027', '5/1/27'] },
      { format: 'MM/DD/YYYY', written: ['01/05/2027', '1/5/2027'], wrong: ['2027-01-05', '01.05.2027'] },
      { format: 'YYYY/MM/DD', written: ['2027/01/05', '2027/1/5'], wrong: ['2027-01-05', '05/01/2027'] },
    ];

    for (const { format, written, wrong } of cases) {
      it(`reads ${format}, a day and month of one digit too, as 5 January 2027`, () => {
        for (const text of written) assert.equal(readSourceDate(text, format), '2027-01-05', text);
        // Space around a cell, as spreadsheets leave it, is no part of the date.
        assert.equal(readSourceDate(` ${written[0]} `, format), '2027-01-05');
      });

      it(`reads no date in ${format} from text written another way`, () => {
        for (const text of [...wrong, '', 'yesterday']) assert.equal(readSourceDate(text, format), undefined, text);
      });
    }

    it('tells DD/MM/YYYY from MM/DD/YYYY', () => {
      assert.equal(readSourceDate('5/1/2027', 'DD/MM/YYYY'), '2027-01-05');
      assert.equal(readSourceDate('5/1/2027', 'MM/DD/YYYY'), '2027-05-01');
      assert.equal(readSourceDate('13/1/2027', 'DD/MM/YYYY'), '2027-01-13');
      assert.equal(readSourceDate('13/1/2027', 'MM/DD/YYYY'), undefined);
    });

    it('reads no date that is not in the calendar, in every format', () => {
      assert.equal(readSourceDate('31.02.2027', 'DD.MM.YYYY'), undefined);
      assert.equal(readSourceDate('29.02.2027', 'DD.MM.YYYY'), undefined);
      assert.equal(readSourceDate('29.02.2028', 'DD.MM.YYYY'), '2028-02-29');
      assert.equal(readSourceDate('2027-13-01', 'YYYY-MM-DD'), undefined);
      assert.equal(readSourceDate('2027-04-31', 'YYYY-MM-DD'), undefined);
      assert.equal(readSourceDate('00/01/2027', 'DD/MM/YYYY'), undefined);
      assert.equal(readSourceDate('02/30/2027', 'MM/DD/YYYY'), undefined);
      assert.equal(readSourceDate('2027/02/29', 'YYYY/MM/DD'), undefined);
      assert.equal(readSourceDate('2027/12/31', 'YYYY/MM/DD'), '2027-12-31');
    });
  });

  describe('readSourceNumber', () => {
    const read = (text: string, decimal: '.' | ',') => {
      const number = readSourceNumber(text, decimal);
      return number === undefined ? undefined : decimalText(number);
    };

    it('reads a decimal point with `,`, spaces, no-break spaces and `\'` as thousands separators', () => {
      for (const text of ['1250.5', '1,250.50', '1 250.50', '1\u00a0250.50', "1'250.50"]) assert.equal(read(text, '.'), '1250.5', text);
      assert.equal(read('1,250,000', '.'), '1250000');
      assert.equal(read('1 234 567.8901', '.'), '1234567.8901');
    });

    it('reads a decimal comma with `.`, spaces, no-break spaces and `\'` as thousands separators', () => {
      for (const text of ['1250,5', '1.250,50', '1 250,50', '1\u00a0250,50', "1'250,50"]) assert.equal(read(text, ','), '1250.5', text);
      assert.equal(read('1.250.000', ','), '1250000');
    });

    it('takes the other mark for a thousands separator, not for a decimal one', () => {
      assert.equal(read('1,250', '.'), '1250');
      assert.equal(read('1.250', ','), '1250');
    });

    it('reads every digit, exactly, up to 10^15 with four decimals', () => {
      assert.equal(read('999 999 999 999 999,9999', ','), '999999999999999.9999');
      assert.equal(read('999,999,999,999,999.9999', '.'), '999999999999999.9999');
      assert.equal(read('0.0001', '.'), '0.0001');
    });

    it('ignores a currency sign or code before or after the number', () => {
      const cases: Array<[string, '.' | ',', string]> = [
        ['₫1.250.000', ',', '1250000'],
        ['1.250.000 ₫', ',', '1250000'],
        ['1.250.000₫', ',', '1250000'],
        ['¥1,250.50', '.', '1250.5'],
        ['1,250.50 ¥', '.', '1250.5'],
        ['₽ 1 250,50', ',', '1250.5'],
        ['1 250,50 ₽', ',', '1250.5'],
        ['$1,250.50', '.', '1250.5'],
        ['1,250.50$', '.', '1250.5'],
        ['€1.250,50', ',', '1250.5'],
        ['1.250,50 €', ',', '1250.5'],
        ['VND 1.250.000', ',', '1250000'],
        ['1.250.000 VND', ',', '1250000'],
        ['1 250,50 руб.', ',', '1250.5'],
        ['руб. 1 250,50', ',', '1250.5'],
        ['USD 1,250.50', '.', '1250.5'],
      ];
      for (const [text, decimal, expected] of cases) assert.equal(read(text, decimal), expected, text);
    });

    it('reads negatives (refunds), the sign before or after a currency sign', () => {
      assert.equal(read('-1,250.50', '.'), '-1250.5');
      assert.equal(read('-1 250,50', ','), '-1250.5');
      assert.equal(read('-$1,250.50', '.'), '-1250.5');
      assert.equal(read('$-1,250.50', '.'), '-1250.5');
      assert.equal(read('-1 250,50 ₽', ','), '-1250.5');
      assert.equal(read('−1 250,50 руб.', ','), '-1250.5');
    });

    it('reads no number from text that is none', () => {
      const cases: Array<[string, '.' | ',']> = [
        ['', '.'],
        ['   ', ','],
        ['abc', '.'],
        ['12abc', '.'],
        ['N/A', ','],
        ['—', ','],
        ['$', '.'],
        ['руб.', ','],
        ['1.250.50', '.'],
        ['1,250,50', ','],
        ['1.5.', '.'],
        ['12,5,', ','],
        ['1 2 3 abc', '.'],
        ['--5', '.'],
        ['5-', '.'],
        ['1,250.5x', '.'],
        ['12.5%', '.'],
      ];
      for (const [text, decimal] of cases) assert.equal(read(text, decimal), undefined, JSON.stringify(text));
    });
  });

  describe('readSource', () => {
    it('reads a file with a byte order mark: the header\'s first name is found', () => {
      const bytes = bytesOf([0xef, 0xbb, 0xbf], 'date,channel,amount\n2027-01-05,social,12.5\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())), { rows: ['2 2027-01-05 channel=social 12.5'], badRows: [] });
    });

    it('reads CRLF line ends, nothing of them left in a cell', () => {
      const bytes = utf8('date,channel,amount,note\r\n2027-01-05,social,12.5,first\r\n2027-01-06,social,7,second\r\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())), {
        rows: ['2 2027-01-05 channel=social 12.5 "first"', '3 2027-01-06 channel=social 7 "second"'],
        badRows: [],
      });
    });

    it('reads quoted fields holding the delimiter and a line break, rows numbered by the lines they start on', () => {
      const bytes = utf8('date,channel,amount,note\n2027-01-05,social,"1,250.50","flyers, posters\nand more"\n2027-01-06,social,7,x\nbad,social,1,y\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())), {
        rows: ['2 2027-01-05 channel=social 1250.5 "flyers, posters\\nand more"', '4 2027-01-06 channel=social 7 "x"'],
        badRows: [5],
      });
    });

    it('reads the header from `headerRow`, numbering rows as lines of the file, the title line included', () => {
      const bytes = utf8('Ads report, Q1 2027\ndate,channel,amount\n2027-01-05,social,5\nsoon,social,5\n2027-01-07,social,6\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat({ headerRow: 2 }))), {
        rows: ['3 2027-01-05 channel=social 5', '5 2027-01-07 channel=social 6'],
        badRows: [4],
      });
      // Read from line 1, the title is the header, and it has no `date` column.
      assert.deepEqual(failureOf(readSource(bytes, spendFormat())), { kind: 'column', key: 'date', name: 'date' });
    });

    it('finds the delimiter from the header: `;`, a tab, `,`', () => {
      // Rows hold more commas than the header's delimiter: the header decides.
      const semicolons = utf8('Day;Channel;Cost\n05.01.2027;social;1,250,5\n');
      const tabs = utf8('Day\tChannel\tCost\n05.01.2027\tsocial\t1,250,5\n');
      const commas = utf8('Day,Channel,Cost\n05.01.2027,social,"1.250,5"\n');
      const format = spendFormat({ columns: { date: 'Day', channel: 'Channel', amount: 'Cost' }, dateFormat: 'DD.MM.YYYY', decimal: ',' });
      // `1,250,5` has two decimal commas: no number, the row does not read; `1.250,5` reads.
      assert.deepEqual(rowsOf(readSource(semicolons, format)), { rows: [], badRows: [2] });
      assert.deepEqual(rowsOf(readSource(tabs, format)), { rows: [], badRows: [2] });
      assert.deepEqual(rowsOf(readSource(commas, format)), { rows: ['2 2027-01-05 channel=social 1250.5'], badRows: [] });
      assert.deepEqual(rowsOf(readSource(utf8('Day;Channel;Cost\n05.01.2027;social;1.250,5\n'), format)), { rows: ['2 2027-01-05 channel=social 1250.5'], badRows: [] });
      assert.deepEqual(rowsOf(readSource(utf8('Day\tChannel\tCost\n05.01.2027\tsocial\t1 250,5\n'), format)), { rows: ['2 2027-01-05 channel=social 1250.5'], badRows: [] });
    });

    it('uses a delimiter the source gives over the one the header suggests', () => {
      const bytes = utf8('date;channel;amount\n2027-01-05;social;5\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat({ delimiter: ';' }))).rows, ['2 2027-01-05 channel=social 5']);
      assert.deepEqual(failureOf(readSource(bytes, spendFormat({ delimiter: '\t' }))), { kind: 'column', key: 'date', name: 'date' });
    });

    it('matches header names case-insensitively, by `columns` or by the key\'s own name', () => {
      const bytes = utf8('DATE,Campaign,Cost\n2027-01-05,tet,5\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat({ columns: { amount: 'cost' } }))).rows, ['2 2027-01-05 campaign=tet 5']);
    });

    it('reads windows-1251, as Excel saves CSV in Russia', () => {
      const text = 'Дата;Кампания;Сумма\n31.01.2027;tet;1 250,50 руб.\n';
      const bytes = windows1251(text);
      // The table agrees with the encoding's own: Дата is C4 E0 F2 E0.
      assert.deepEqual([...bytes.slice(0, 4)], [0xc4, 0xe0, 0xf2, 0xe0]);
      assert.equal(new TextDecoder('windows-1251').decode(bytes), text);
      const format = spendFormat({ encoding: 'windows-1251', columns: { date: 'Дата', campaign: 'Кампания', amount: 'Сумма' }, dateFormat: 'DD.MM.YYYY', decimal: ',' });
      assert.deepEqual(rowsOf(readSource(bytes, format)), { rows: ['2 2027-01-31 campaign=tet 1250.5'], badRows: [] });
      // The same bytes are not UTF-8.
      assert.deepEqual(failureOf(readSource(bytes, { ...format, encoding: 'utf-8' })), { kind: 'encoding', encoding: 'utf-8', likely: 'windows-1251' });
    });

    it('reads gb18030, as Excel saves CSV in China', () => {
      const date = [0xc8, 0xd5, 0xc6, 0xda]; // 日期
      const campaign = [0xbb, 0xee, 0xb6, 0xaf]; // 活动
      const amount = [0xbd, 0xf0, 0xb6, 0xee]; // 金额
      const yen = [0x81, 0x30, 0x84, 0x36]; // ¥, four bytes in gb18030
      const bytes = bytesOf(date, ',', campaign, ',', amount, '\n2027/1/31,tet,"', yen, '1,250.50"\n');
      assert.equal(new TextDecoder('gb18030').decode(bytes), '日期,活动,金额\n2027/1/31,tet,"¥1,250.50"\n');
      const format = spendFormat({ encoding: 'gb18030', columns: { date: '日期', campaign: '活动', amount: '金额' }, dateFormat: 'YYYY/MM/DD' });
      assert.deepEqual(rowsOf(readSource(bytes, format)), { rows: ['2 2027-01-31 campaign=tet 1250.5'], badRows: [] });
      // A lead byte with nothing after it is no gb18030 text.
      // (What the few bytes look like is a guess, not asserted here.)
      const { kind, encoding } = failureOf(readSource(bytesOf(date, ',', campaign, ',', amount, '\n', [0x81]), format)) as { kind: string; encoding: string };
      assert.deepEqual({ kind, encoding }, { kind: 'encoding', encoding: 'gb18030' });
    });

    it('reads windows-1258, as Excel saves CSV in Vietnam', () => {
      const day = [0x4e, 0x67, 0xe0, 0x79]; // Ngày
      const channel = [0x4b, 0xea, 0x6e, 0x68]; // Kênh
      const cost = [0x43, 0x68, 0x69, 0x20, 0x70, 0x68, 0xed]; // Chi phí
      const dong = [0xfe]; // ₫
      const bytes = bytesOf(day, ';', channel, ';', cost, '\n31/01/2027;social;1.250.000', dong, '\n');
      assert.equal(new TextDecoder('windows-1258').decode(bytes), 'Ngày;Kênh;Chi phí\n31/01/2027;social;1.250.000₫\n');
      const format = spendFormat({ encoding: 'windows-1258', columns: { date: 'Ngày', channel: 'Kênh', amount: 'Chi phí' }, dateFormat: 'DD/MM/YYYY', decimal: ',' });
      assert.deepEqual(rowsOf(readSource(bytes, format)), { rows: ['2 2027-01-31 channel=social 1250000'], badRows: [] });
    });

    it('matches a windows-1258 header whose tone marks the encoding stores apart (Số tiền) with the name as written in `columns`', () => {
      // windows-1258 has no byte for ố or ề: it writes ô (F4) + combining acute (EC), ê (EA) + combining grave (CC).
      const amount = [0x53, 0xf4, 0xec, 0x20, 0x74, 0x69, 0xea, 0xcc, 0x6e];
      assert.equal(new TextDecoder('windows-1258').decode(Uint8Array.from(amount)).normalize('NFC'), 'Số tiền');
      const bytes = bytesOf('date;channel;', amount, '\n2027-01-31;social;5\n');
      const format = spendFormat({ encoding: 'windows-1258', columns: { amount: 'Số tiền' } });
      assert.deepEqual(rowsOf(readSource(bytes, format)), { rows: ['2 2027-01-31 channel=social 5'], badRows: [] });
    });

    it('says which column is missing, by the name looked for', () => {
      assert.deepEqual(failureOf(readSource(utf8('date,channel\n2027-01-05,social\n'), spendFormat())), { kind: 'column', key: 'amount', name: 'amount' });
      assert.deepEqual(failureOf(readSource(utf8('date,channel,amount\n2027-01-05,social,5\n'), spendFormat({ columns: { amount: 'Cost' } }))), {
        kind: 'column',
        key: 'amount',
        name: 'Cost',
      });
      const results = spendFormat({ kind: 'results' });
      assert.deepEqual(failureOf(readSource(utf8('date,kpi,amount\n2027-01-05,visits,5\n'), results)), { kind: 'column', key: 'value', name: 'value' });
      assert.deepEqual(failureOf(readSource(utf8('date,value\n2027-01-05,5\n'), results)), { kind: 'column', key: 'kpi', name: 'kpi' });
      const noId = failureOf(readSource(utf8('date,amount\n2027-01-05,5\n'), spendFormat()));
      assert.equal((noId as { kind: string }).kind, 'column');
    });

    it('names each row that does not read by its line, and reads the others', () => {
      const bytes = utf8(
        [
          'date,channel,campaign,amount',
          '2027-01-05,social,,5',
          '31.01.2027,social,,5', // a date in another format
          '2027-02-31,social,,5', // no such day
          '2027-01-06,social,,five', // no number
          '2027-01-07,,,5', // no id
          '2027-01-08,social,tet,5', // two ids
          '2027-01-09,,tet,6',
        ].join('\n'),
      );
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())), { rows: ['2 2027-01-05 channel=social 5', '8 2027-01-09 campaign=tet 6'], badRows: [3, 4, 5, 6, 7] });
    });

    it('skips empty trailing rows, blank or of empty cells, as spreadsheets save them', () => {
      const bytes = utf8('date,channel,amount\n2027-01-05,social,5\n,,\n\n ,  ,\n\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())), { rows: ['2 2027-01-05 channel=social 5'], badRows: [] });
    });

    it('maps names through `ids`, and looks a name it does not map up as an id', () => {
      const bytes = utf8('date,campaign,amount\n2027-01-05,Tet 2027 - Video,5\n2027-01-06,tet,6\n2027-01-07,Summer,7\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat({ ids: { 'Tet 2027 - Video': 'tet' } }))).rows, [
        '2 2027-01-05 campaign=tet 5',
        '3 2027-01-06 campaign=tet 6',
        '4 2027-01-07 campaign=Summer 7',
      ]);
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat())).rows[0], '2 2027-01-05 campaign=Tet 2027 - Video 5');
    });

    it('gives every row a source-wide id, where the file has no id column', () => {
      const bytes = utf8('date,amount\n2027-01-05,5\n2027-01-06,6\n');
      assert.deepEqual(rowsOf(readSource(bytes, spendFormat({ sourceId: { key: 'campaign', id: 'tet' } }))).rows, ['2 2027-01-05 campaign=tet 5', '3 2027-01-06 campaign=tet 6']);
      const results = spendFormat({ kind: 'results', sourceId: { key: 'kpi', id: 'visits' } });
      const read = readSource(utf8('date,value\n2027-01-05,1200\n'), results);
      assert.deepEqual(rowsOf(read).rows, ['2 2027-01-05 kpi=visits 1200']);
      // Without it, the same file says nothing of what its rows are about.
      assert.equal(readSource(bytes, spendFormat()).kind, 'failed');
    });
  });
});
