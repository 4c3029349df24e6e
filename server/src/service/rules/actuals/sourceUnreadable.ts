import { value } from '../../document/places';
import { engineMessages } from '../../i18n/catalogue';
import { message } from '../../i18n/translator';
import { defineRule } from '../rule';

/** The encodings a source reads, by the name the guess of a file's encoding gives. */
const readableEncodings: Record<string, string> = { 'windows-1251': 'windows-1251', GB18030: 'gb18030', 'windows-1258': 'windows-1258', 'UTF-8': 'utf-8' };

/** Rows named in a message; the rest are counted. */
const namedRows = 3;

export const actualsSourceUnreadable = defineRule({
  id: 'actuals/source-unreadable',
  defaultSeverity: 'error',
  summary: 'A CSV source is missing, not text, lacks a column it needs, or has rows that do not read.',
  messages: {
    missing: { text: 'There is no file `{file}`.', placeholders: { file: 'quote' } },
    notAFile: { text: '`{file}` is a folder, not a file.', placeholders: { file: 'quote' } },
    outside: { text: '`{file}` leads out of the workspace folder, so it is not read.', placeholders: { file: 'quote' } },
    unreadable: { text: '`{file}` cannot be read: {reason}.', placeholders: { file: 'quote', reason: 'text' } },
    encoding: {
      text: '`{file}` is not text in {encoding}: save it as CSV UTF-8, or set `encoding` to the one it was saved in (`windows-1251`, `gb18030` or `windows-1258`, as Excel saves CSV in Russia, China and Vietnam).',
      placeholders: { file: 'quote', encoding: 'quote' },
    },
    encodingLikely: {
      text: '`{file}` is not text in {encoding}: it looks like {likely}. Set `encoding: {code}` on this source.',
      placeholders: { file: 'quote', encoding: 'quote', likely: 'text', code: 'text' },
    },
    encodingUnread: {
      text: '`{file}` is not text in {encoding}: it looks like {likely}, which is not read here. Save it from the spreadsheet as CSV UTF-8.',
      placeholders: { file: 'quote', encoding: 'quote', likely: 'text' },
    },
    binary: { text: '`{file}` is not text (a workbook, or an export in UTF-16): save it from the spreadsheet as CSV UTF-8.', placeholders: { file: 'quote' } },
    noHeader: { text: '`{file}` has no line {line} to read its header from.', placeholders: { file: 'quote', line: 'number' } },
    column: { text: '`{file}` has no column `{name}` for `{key}`: name the file\'s header for it in `columns`.', placeholders: { file: 'quote', name: 'quote', key: 'quote' } },
    idColumn: {
      text: '`{file}` has no column `{name}` to say what each row is about: name it in `columns`, or give the source a `{key}` that every row is about.',
      placeholders: { file: 'quote', name: 'quote', key: 'quote' },
    },
    rows: {
      text: '{count, plural, one {Row {rows} of `{file}` does not read} other {Rows {rows} of `{file}` do not read}}: its date, its number or its id is not written as the source says.',
      placeholders: { count: 'count', rows: 'list', file: 'quote' },
    },
    rowsAndMore: {
      text: 'Rows {rows} of `{file}` and {more, plural, one {# more row} other {# more rows}} do not read: their date, their number or their id is not written as the source says.',
      placeholders: { rows: 'list', file: 'quote', more: 'count' },
    },
  },
  check({ actuals, read, report }) {
    for (const source of actuals?.sources ?? []) {
      const filePath = [...source.path, 'file'];
      const file = read.text(filePath) ?? '';
      const place = value(filePath);
      if (source.read.kind === 'read') {
        const bad = source.read.badRows;
        if (bad.length === 0) continue;
        const rows = bad.slice(0, namedRows).map(String);
        if (bad.length <= namedRows) report({ place, message: 'rows', data: { count: bad.length, rows, file }, facts: { rows: bad } });
        else report({ place, message: 'rowsAndMore', data: { rows, file, more: bad.length - namedRows }, facts: { rows: bad } });
        continue;
      }
      const failure = source.read.failure;
      switch (failure.kind) {
        case 'missing':
        case 'notAFile':
        case 'outside':
          report({ place, message: failure.kind, data: { file } });
          break;
        case 'unreadable':
          report({ place, message: 'unreadable', data: { file, reason: message('files.error', { code: failure.reason }) } });
          break;
        case 'encoding': {
          const code = failure.likely === undefined ? undefined : readableEncodings[failure.likely];
          // By the name VS Code's menu gives it, where the catalogue has one.
          const likely = failure.likely === undefined ? undefined : `encoding.${failure.likely}` in engineMessages ? message(`encoding.${failure.likely}`) : failure.likely;
          if (code && code !== failure.encoding) report({ place, message: 'encodingLikely', data: { file, encoding: failure.encoding, likely: likely!, code } });
          else if (failure.likely !== undefined && !code) report({ place, message: 'encodingUnread', data: { file, encoding: failure.encoding, likely: likely! } });
          else report({ place, message: 'encoding', data: { file, encoding: failure.encoding } });
          break;
        }
        case 'binary':
          report({ place, message: 'binary', data: { file } });
          break;
        case 'noHeader':
          report({ place, message: 'noHeader', data: { file, line: failure.headerRow } });
          break;
        case 'column':
          if (failure.key === 'channel-or-campaign') report({ place, message: 'idColumn', data: { file, name: failure.name, key: 'campaign' } });
          else report({ place, message: 'column', data: { file, name: failure.name, key: failure.key } });
          break;
      }
    }
  },
});
