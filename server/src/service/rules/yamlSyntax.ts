import type { YamlProblem } from '../document/parse';
import type { MessageSpec } from '../i18n/messages';
import { defineRule } from './rule';

const messages = {
  tooDeep: { text: 'YAML: the document nests more than {limit} levels deep', placeholders: { limit: 'number' } },
  tooLarge: {
    text: 'YAML: this file is {size} MB, and mktplan reads files up to {limit} MB: split it, for example one plan per year joined by `imports`',
    placeholders: { size: 'number', limit: 'number' },
  },
  aliasLimit: { text: 'YAML: the document expands its aliases (`*name`) too many times to be read; write the values out instead' },
  DUPLICATE_KEY: { text: 'YAML: the key `{key}` is written twice in the same map; keep one', placeholders: { key: 'quote' } },
  TAB_AS_INDENT: { text: 'YAML: a tab is used to indent; indent with spaces' },
  BAD_INDENT: { text: 'YAML: this line is not indented as its section needs, or a bracket is left open' },
  MISSING_CHAR: { text: 'YAML: a quote or bracket opened here is never closed' },
  TAG_RESOLVE_FAILED: { text: 'YAML: the tag `{tag}` is unknown here and is ignored', placeholders: { tag: 'quote' } },
  TAG_TIMESTAMP: { text: 'YAML: the tag `!!timestamp` is ignored here: write the date as YYYY-MM-DD, without the tag' },
  TAG_MISFIT: { text: 'YAML: this value does not fit its tag `{tag}`, so the tag is ignored; write the value without it', placeholders: { tag: 'quote' } },
  MULTIPLE_ANCHORS: { text: 'YAML: a value can have one anchor (`&name`) at most' },
  MULTIPLE_TAGS: { text: 'YAML: a value can have one tag (`!name`) at most' },
  BLOCK_AS_IMPLICIT_KEY: { text: 'YAML: a key and its value belong on separate lines here; a value cannot hold another `key: value` on the same line' },
  MULTILINE_IMPLICIT_KEY: { text: 'YAML: a key must stay on one line; check the indentation above' },
  BAD_DQ_ESCAPE: { text: 'YAML: a backslash in double quotes starts an escape that does not exist; use single quotes, or write two backslashes' },
  BAD_ALIAS: { text: 'YAML: an alias (`*name`) names no anchor (`&name`) defined before it' },
  BAD_MERGE: { text: 'YAML: a merge key (`<<`) takes a map, an alias of a map (`*name`) or a list of them' },
  KEY_OVER_1024_CHARS: { text: 'YAML: a key is longer than 1,024 characters' },
  BAD_SCALAR_START: { text: 'YAML: a plain value cannot start with this character; put the value in quotes' },
  UNEXPECTED_TOKEN: { text: 'YAML: something here does not fit the structure around it; check the indentation and the `-` of list items' },
  other: { text: 'YAML: this part of the file is not valid YAML' },
  binary: { text: 'This file is not text (it holds NUL bytes): a plan file is YAML text saved as UTF-8' },
  encoding: {
    text: 'This file is not valid UTF-8. In VS Code, click the encoding in the status bar, choose "Reopen with Encoding" and the one it was saved in, then "Save with Encoding" and UTF-8',
  },
  likelyEncoding: {
    text: 'This file is not valid UTF-8: it looks like {encoding}. In VS Code, click the encoding in the status bar, choose "Reopen with Encoding" and {encoding}, then "Save with Encoding" and UTF-8',
    placeholders: { encoding: 'text' },
  },
} satisfies Record<string, MessageSpec>;

type MessageId = keyof typeof messages;

/** The message for a problem: the parser's code where the catalogue words it, else a plain one. */
function messageFor(problem: YamlProblem): MessageId {
  if (problem.code === 'TOO_DEEP' || problem.code === 'RESOURCE_EXHAUSTION') return 'tooDeep';
  if (problem.code === 'TOO_LARGE') return 'tooLarge';
  if (problem.code === 'ALIAS_LIMIT') return 'aliasLimit';
  return Object.prototype.hasOwnProperty.call(messages, problem.code) ? (problem.code as MessageId) : 'other';
}

export const yamlSyntaxRule = defineRule({
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  summary: 'The YAML itself does not parse; nothing else is checked until it does.',
  messages,
  check({ parsed, report }) {
    for (const problem of [...parsed.errors, ...parsed.warnings]) {
      report({ place: { on: 'offsets', offsets: problem.offsets }, message: messageFor(problem), data: problem.data, facts: { code: problem.code } });
    }
  },
});
