import Big from 'big.js';
import Papa from 'papaparse';
import { likelyEncoding } from '../document/decode';
import { dayNumber } from './reader';
import type { Amount } from './amounts';

/**
 * A CSV export read as `actuals` lines (plan-format.md, `sources`): decoded in its encoding,
 * split by papaparse (quotes, a delimiter inside quotes, CRLF), its header found on `headerRow`,
 * each row's date and number read as the source says they are written. What does not read is
 * said row by row; rows are numbered as lines of the file, the header's line included.
 */

export type SourceKind = 'spend' | 'results';
export type DateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYY/MM/DD';
export type SourceEncoding = 'utf-8' | 'windows-1251' | 'gb18030' | 'windows-1258';

/** The line keys a source maps to the file's columns. */
export const lineKeys = ['date', 'amount', 'value', 'channel', 'campaign', 'kpi', 'note'] as const;
export type LineKey = (typeof lineKeys)[number];

/** How a source is read, from its entry in `sources` (values that break the schema read as absent). */
export interface SourceFormat {
  kind: SourceKind;
  columns: Partial<Record<LineKey, string>>;
  dateFormat: DateFormat;
  decimal: '.' | ',';
  delimiter?: ',' | ';' | '\t';
  encoding: SourceEncoding;
  headerRow: number;
  /** The id every row is about, for the key the source gives it (`campaign`, `channel` or `kpi`). */
  sourceId?: { key: 'campaign' | 'channel' | 'kpi'; id: string };
  /** Names in the file mapped to the plan's ids. */
  ids: Record<string, string>;
}

/** One row that read: its line, its date, its number, the id it is about and under which key. */
export interface SourceRow {
  line: number;
  day: number;
  date: string;
  /** `amount` for spend (exact), `value` for results. */
  amount: Amount;
  target: { key: 'campaign' | 'channel' | 'kpi'; id: string };
  note?: string;
}

/** Why a source as a whole cannot be read: nothing of it counts. */
export type SourceFailure =
  | { kind: 'missing' }
  | { kind: 'notAFile' }
  | { kind: 'outside' }
  | { kind: 'unreadable'; reason: string }
  /** Its bytes are not text in its encoding; `likely`, the encoding they look like, as a plan file's advice names it. */
  | { kind: 'encoding'; encoding: SourceEncoding; likely?: string }
  /** Not text at all: NUL bytes (a workbook, an export in UTF-16 without its byte order mark). */
  | { kind: 'binary' }
  /** The file has fewer lines than its `headerRow`. */
  | { kind: 'noHeader'; headerRow: number }
  /** A column the lines need is not in the header: the key, and the header name looked for. */
  | { kind: 'column'; key: LineKey | 'channel-or-campaign'; name: string };

export type SourceRead = { kind: 'read'; rows: SourceRow[]; badRows: number[] } | { kind: 'failed'; failure: SourceFailure };

/** Bytes of text in an encoding, or undefined where they are not (TextDecoder knows the four in Node and in browsers). */
function decode(bytes: Uint8Array, encoding: SourceEncoding): string | undefined {
  try {
    // A byte order mark is dropped by the decoder.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The encoding bytes look like, as a plan file's advice names it (`windows-1251`, `GB18030`, `UTF-16`...). */
const likelyOf = (bytes: Uint8Array) => likelyEncoding(bytes);

/** The delimiter of a header line: of `,`, `;` and a tab, the one it holds most, outside quotes (a comma where it holds none). */
function delimiterOf(header: string): ',' | ';' | '\t' {
  const unquoted = header.replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((mark) => ({ mark, count: unquoted.split(mark).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.mark : ',';
}

const datePatterns: Record<DateFormat, { pattern: RegExp; order: [number, number, number] }> = {
  // Groups as [year, month, day] positions.
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  'YYYY/MM/DD': { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: [1, 2, 3] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
};

/** A date as the source writes it, as `YYYY-MM-DD` where it is a real calendar date. */
export function readSourceDate(text: string, format: DateFormat): string | undefined {
  const { pattern, order } = datePatterns[format];
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = order.map((group) => match[group]);
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return dayNumber(iso) === undefined ? undefined : iso;
}

/** Currency signs and codes written before or after an amount in an export. */
const currencyMark = String.raw`(?:[₫¥₽$€£]|[A-Z]{3}|руб\.?|р\.|元|đ)`;
const amountShape = new RegExp(String.raw`^(?:${currencyMark}\s*)?([-−+]?)\s*(?:${currencyMark}\s*)?([\d.,\s\u00a0\u202f']+)(?:\s*${currencyMark})?$`, 'u');

/** The whole part of a number for each decimal mark: digits, the other mark, spaces and `'` between them. */
const wholeShape = { '.': /^\d+(?:[,\s\u00a0\u202f']\d+)*$/u, ',': /^\d+(?:[.\s\u00a0\u202f']\d+)*$/u } as const;

/**
 * A number as the source writes it, exact: its decimal mark, and the other of `.` and `,`,
 * spaces, no-break spaces and `'` between digits as thousands separators; a currency sign or
 * ISO code before or after it ignored. Undefined where it is no number.
 */
export function readSourceNumber(text: string, decimal: '.' | ','): Amount | undefined {
  const match = amountShape.exec(text.trim());
  if (!match) return undefined;
  const [, sign, written] = match;
  const [whole, fraction, more] = written.trim().split(decimal);
  if (more !== undefined || !wholeShape[decimal].test(whole)) return undefined;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return undefined;
  const number = new Big(`${whole.replace(/\D/g, '')}${fraction !== undefined ? `.${fraction}` : ''}`);
  return sign === '-' || sign === '−' ? number.neg() : number;
}

/** The 1-based line each offset of a text falls on, for offsets asked in increasing order. */
function lineCounter(text: string, firstLine: number): (offset: number) => number {
  let line = firstLine;
  let at = 0;
  return (offset) => {
    // From line break to line break: the engine's search is faster than a look at each character.
    for (let next = text.indexOf('\n', at); next >= 0 && next < offset; next = text.indexOf('\n', at)) {
      line++;
      at = next + 1;
    }
    return line;
  };
}

/** Reads a source's bytes as lines of the kind it gives. `resolveName` maps a name in the file to an id (through `ids`). */
export function readSource(bytes: Uint8Array, format: SourceFormat): SourceRead {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) return { kind: 'failed', failure: { kind: 'binary' } };
  const decoded = utf16 ? undefined : decode(bytes, format.encoding);
  if (decoded === undefined) return { kind: 'failed', failure: { kind: 'encoding', encoding: format.encoding, ...(likelyOf(bytes) ? { likely: likelyOf(bytes) } : {}) } };
  // The header's line, and the text from it on.
  let start = 0;
  for (let line = 1; line < format.headerRow; line++) {
    const next = decoded.indexOf('\n', start);
    if (next < 0) return { kind: 'failed', failure: { kind: 'noHeader', headerRow: format.headerRow } };
    start = next + 1;
  }
  const text = decoded.slice(start);
  const headerLine = text.split(/\r?\n/, 1)[0];
  if (headerLine.trim() === '') return { kind: 'failed', failure: { kind: 'noHeader', headerRow: format.headerRow } };
  const delimiter = format.delimiter ?? delimiterOf(headerLine);

  const records: Array<{ cells: string[]; line: number }> = [];
  const lineAt = lineCounter(text, format.headerRow);
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    // Quotes as RFC 4180 writes them; an unclosed one ends the file's last field.
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      records.push({ cells: result.data, line: lineAt(rowStart) });
      rowStart = result.meta.cursor;
      // The cursor stands at the row's line break: the next row starts after it.
      if (text[rowStart] === '\r') rowStart++;
      if (text[rowStart] === '\n') rowStart++;
    },
  });
  const [header, ...rows] = records;
  // Names compared in one Unicode form: windows-1258 writes Vietnamese tone marks as combining characters.
  const nameKey = (name: string) => name.normalize('NFC').trim().toLowerCase();
  const headerNames = header.cells.map(nameKey);
  const columnOf = (key: LineKey): number => headerNames.indexOf(nameKey(format.columns[key] ?? key));
  const ids = new Map(Object.entries(format.ids).map(([name, id]) => [name.normalize('NFC').trim(), id]));

  const numberKey = format.kind === 'spend' ? 'amount' : 'value';
  const need = (key: LineKey): number | SourceFailure => {
    const index = columnOf(key);
    return index >= 0 ? index : { kind: 'column', key, name: format.columns[key] ?? key };
  };
  const dateColumn = need('date');
  if (typeof dateColumn !== 'number') return { kind: 'failed', failure: dateColumn };
  const numberColumn = need(numberKey);
  if (typeof numberColumn !== 'number') return { kind: 'failed', failure: numberColumn };
  // The id: the source's own, else a column of the row.
  let idColumns: Array<{ key: 'campaign' | 'channel' | 'kpi'; index: number }> = [];
  if (!format.sourceId) {
    const keys = format.kind === 'spend' ? (['campaign', 'channel'] as const) : (['kpi'] as const);
    idColumns = keys.map((key) => ({ key, index: columnOf(key) })).filter((column) => column.index >= 0);
    if (idColumns.length === 0) {
      const failure: SourceFailure = format.kind === 'spend' ? { kind: 'column', key: 'channel-or-campaign', name: `${format.columns.campaign ?? 'campaign'}, ${format.columns.channel ?? 'channel'}` } : { kind: 'column', key: 'kpi', name: format.columns.kpi ?? 'kpi' };
      return { kind: 'failed', failure };
    }
  }
  const noteColumn = columnOf('note');

  const read: SourceRow[] = [];
  const badRows: number[] = [];
  for (const { cells, line } of rows) {
    // A blank line, or one of empty cells (a spreadsheet's trailing rows), is no row.
    if (cells.every((cell) => cell.trim() === '')) continue;
    const date = readSourceDate(cells[dateColumn] ?? '', format.dateFormat);
    const amount = readSourceNumber(cells[numberColumn] ?? '', format.decimal);
    let target: SourceRow['target'] | undefined = format.sourceId;
    if (!target) {
      // Exactly one of the id columns holds a name.
      const named = idColumns.filter((column) => (cells[column.index] ?? '').trim() !== '');
      if (named.length === 1) {
        const name = cells[named[0].index].normalize('NFC').trim();
        target = { key: named[0].key, id: ids.get(name) ?? name };
      }
    }
    if (date === undefined || amount === undefined || !target) {
      badRows.push(line);
      continue;
    }
    const note = noteColumn >= 0 ? cells[noteColumn]?.trim() : undefined;
    read.push({ line, day: dayNumber(date)!, date, amount, target, ...(note ? { note } : {}) });
  }
  return { kind: 'read', rows: read, badRows };
}
