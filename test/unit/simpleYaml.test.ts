import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { parseDocument, Scalar, visit, type Document } from 'yaml';
import { generatePlan } from '../../bench/generate';
import { documentOf } from './helpers';
import { yamlOptions } from '../../server/src/service/document/options';
import { parseSimpleYaml } from '../../server/src/service/document/simpleYaml';
import { applyMutations, mutation, seeds } from '../fuzz/mutations';
import { simpleYamlText } from '../fuzz/simpleYaml';
import { yamlSuiteCases } from './yamlSuite';

const repository = nodePath.join(__dirname, '../..');

/** Reads `text` both ways: the quick reader's document, if it took the text; when it did, the two trees must be one. */
function readBothWays(text: string): Document.Parsed | undefined {
  const quick = parseSimpleYaml(text);
  if (!quick) return undefined;
  const library = parseDocument(text, yamlOptions);
  assert.deepEqual(documentOf(quick), documentOf(library), `read otherwise than the library:\n${text}`);
  return quick;
}

/** How many plain or quoted scalars of a document read from `text` are written over more than one line. */
function wrappedScalars(document: Document, text: string): number {
  let count = 0;
  visit(document, {
    Scalar(_, node) {
      const [start, end] = node.range!;
      if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED && text.slice(start, end).includes('\n')) count++;
    },
  });
  return count;
}

/** A line holding a value after a key or a dash: its indentation, dashes, key with its colon, and value. */
const valueLine = /^( *)((?:- )*)((?:[^\s#'"?:[{-][^#]*?|"[^"\\]*"|'[^']*'):(?: |$))?(.*)$/;

/**
 * `text` with every value on a line longer than `width` wrapped as a person or an editor wraps
 * it: words kept whole, the lines after the first `deeper` columns deeper than the key or the
 * dash. Plain values are wrapped, and quoted ones without escapes when `quoted`; block scalars,
 * flow collections and values followed by a comment stay as they are.
 */
function wrapLongValues(text: string, width: number, deeper: number, quoted: boolean): string {
  const lineBreak = text.includes('\r\n') ? '\r\n' : '\n';
  const wrapped: string[] = [];
  let blockScalarIndent = -1;
  for (const line of text.split(/\r?\n/)) {
    const indent = line.length - line.trimStart().length;
    if (blockScalarIndent >= 0 && (line.trim() === '' || indent > blockScalarIndent)) {
      wrapped.push(line);
      continue;
    }
    blockScalarIndent = -1;
    const [, pad, dashes, key = '', value] = valueLine.exec(line)!;
    if (/^[|>]/.test(value)) blockScalarIndent = indent;
    const plain = /^[\p{L}\p{N}]/u.test(value) && !value.includes(' #');
    const quotedWithoutEscapes = quoted && /^("[^"\\]*"|'[^']*')$/.test(value);
    if (line.length <= width || !(key || dashes) || !(plain || quotedWithoutEscapes)) {
      wrapped.push(line);
      continue;
    }
    const continuation = ' '.repeat(pad.length + dashes.length - (key ? 0 : 2) + deeper);
    let current = pad + dashes + key;
    value.split(' ').forEach((word, index) => {
      if (index > 0 && current.length + 1 + word.length > width) {
        wrapped.push(current);
        current = continuation + word;
      } else current += (index > 0 ? ' ' : '') + word;
    });
    wrapped.push(current);
  }
  return wrapped.join(lineBreak);
}

/**
 * What a wrapped value's lines after the first hold, inside its quotes or without: words and text
 * that the value takes as it is, and, less often, text that ends it, makes it a key or an error.
 */
const continuedText = {
  '': {
    taken: ['more words', 'x', 'Đối thủ lớn', '中文', '1', 'true', '~', '- item', '-', '? q', ':x', 'x:y', 'C#', 'a#b', '[a, b]', '{k: v}', '&a *b !c', '%p', '@x', '|', '>', '---', '...', 'ends with spaces  ', "it's", '"q"'],
    tricky: [': q', 'a #comment', '# comment', 'key: value', 'key:', '- key: value'],
  },
  '"': {
    taken: ['more words', '\\n\\t\\"quoted\\"', '\\x41\\u00e9\\U0001F600 \\/\\\\\\ \\_', 'ends with a backslash\\', '# not a comment', 'key: value', "'single'", 'ends with spaces  ', '  starts with spaces', '- item'],
    tricky: ['\\q', '\\x4', '\\U00110000', '"closed early'],
  },
  "'": {
    taken: ['more words', "it''s", '"double"', '\\n', '# not a comment', 'key: value', 'ends with spaces  ', '  starts with spaces', '- item'],
    tricky: ["it's"],
  },
} as const;

/** A value written over lines: its first line's text (after an opening quote), the lines after it, and what follows the last. */
const wrappedValue = fc.constantFrom('', '', '"', "'").chain((quote) =>
  fc.record({
    quote: fc.constant(quote),
    first: fc.constantFrom('Specialty coffee', 'text  ', '-20', quote === '' ? 'a b' : ''),
    lines: fc.array(
      fc.record({
        blanksBefore: fc.constantFrom(0, 0, 0, 1, 2),
        blank: fc.constantFrom('', '  ', '        '),
        // How much deeper than the key or the dash: no deeper ends the value.
        depth: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 4), weight: 6 }, { arbitrary: fc.constantFrom(-2, 0), weight: 1 }),
        text: fc.oneof({ arbitrary: fc.constantFrom(...continuedText[quote].taken), weight: 6 }, { arbitrary: fc.constantFrom(...continuedText[quote].tricky), weight: 1 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    after: fc.constantFrom('', '', '', ' # c', '  ', ' x'),
  }),
);

/**
 * Random YAML of the reader's kind with wrapped values: some values after a key or a dash of a
 * text of `simpleYamlText` that the reader takes written over lines, deeper than the key or the dash or not.
 */
const wrappedYamlText = fc
  .tuple(
    simpleYamlText.filter((text) => parseSimpleYaml(text) !== undefined),
    fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
    fc.array(wrappedValue, { minLength: 3, maxLength: 3 }),
  )
  .map(([text, at, values]) => {
    const lineBreak = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(/\r?\n/);
    // From the last line up, so that the lines a value adds do not move the next one's.
    const indices = [...new Set(at.map((index) => index % lines.length))].sort((a, b) => b - a);
    indices.forEach((index, which) => {
      const [, pad, dashes, key = '', value] = valueLine.exec(lines[index])!;
      if (value === '' || !(key || dashes)) return;
      const { quote, first, lines: continued, after } = values[which];
      const parent = pad.length + dashes.length - (key ? 0 : 2);
      const written = [pad + dashes + key + quote + first];
      for (const line of continued) {
        for (let blank = 0; blank < line.blanksBefore; blank++) written.push(line.blank);
        written.push(' '.repeat(Math.max(0, parent + line.depth)) + line.text);
      }
      written[written.length - 1] += quote + after;
      lines.splice(index, 1, ...written);
    });
    return lines.join(lineBreak);
  });

describe('the quick YAML reader', () => {
  it('reads the example plans and a generated plan itself, node for node as the library', () => {
    const examples = execFileSync('git', ['ls-files', 'examples/*.mktplan.yaml', 'examples/**/*.mktplan.yaml'], { cwd: repository, encoding: 'utf8' }).trim().split('\n');
    assert.ok(examples.length >= 3);
    for (const file of examples) assert.ok(readBothWays(readFileSync(nodePath.join(repository, file), 'utf8')), `${file} was left to the library`);
    assert.ok(readBothWays(generatePlan(3000)), 'the generated plan was left to the library');
  });

  it('reads the example plans and a generated plan with their long values wrapped, plain and quoted, itself', () => {
    const examples = execFileSync('git', ['ls-files', 'examples/*.mktplan.yaml', 'examples/**/*.mktplan.yaml'], { cwd: repository, encoding: 'utf8' }).trim().split('\n');
    const plans = [...examples.map((file) => readFileSync(nodePath.join(repository, file), 'utf8')), generatePlan(3000)];
    let wrapped = 0;
    for (const plan of plans) {
      for (const [width, deeper, crlf] of [[80, 2, false], [40, 4, true], [30, 1, false]] as const) {
        const text = wrapLongValues(crlf ? plan.replace(/\n/g, '\r\n') : plan, width, deeper, true);
        const read = readBothWays(text);
        assert.ok(read, `wrapped at ${width} columns, left to the library:\n${text}`);
        wrapped += wrappedScalars(read, text);
      }
    }
    assert.ok(wrapped > 500, `only ${wrapped} wrapped values`);
  });

  it('reads every YAML file of the repository alike, or leaves it to the library', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], {
      cwd: repository,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const read = files.filter((file) => readBothWays(readFileSync(nodePath.join(repository, file), 'utf8')));
    assert.ok(read.length > files.length / 2, `only ${read.length} of ${files.length} read`);
  });

  it('reads every case of the YAML test suite alike, or leaves it to the library', async () => {
    const cases = await yamlSuiteCases();
    const read = cases.filter((entry) => readBothWays(entry.yaml));
    assert.ok(read.length >= 10, `only ${read.length} cases read`);
  });

  it('reads random YAML of its kind alike, comments and blank lines anywhere, or leaves it to the library', () => {
    let read = 0;
    fc.assert(
      fc.property(simpleYamlText, (text) => {
        if (readBothWays(text)) read++;
      }),
      { numRuns: 2500, seed: 20270301 },
    );
    // The property says little if the reader leaves everything to the library.
    assert.ok(read > 300, `only ${read} of 2,500 texts read`);
  });

  it('reads random YAML of its kind with values wrapped over lines, plain and quoted, alike, or leaves it to the library', () => {
    let [read, wrapped] = [0, 0];
    fc.assert(
      fc.property(wrappedYamlText, (text) => {
        const document = readBothWays(text);
        if (document) read++;
        if (document && wrappedScalars(document, text) > 0) wrapped++;
      }),
      { numRuns: 3000, seed: 20270303 },
    );
    assert.ok(read > 1200 && wrapped > 400, `only ${read} of 3,000 texts read, ${wrapped} with a wrapped value`);
  });

  it('reads the plans of the corpus wrapped at any width, edited at random, alike, or leaves them to the library', () => {
    let wrapped = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.record({ width: fc.integer({ min: 16, max: 100 }), deeper: fc.integer({ min: 1, max: 4 }), quoted: fc.boolean(), crlf: fc.boolean() }),
        fc.array(mutation, { maxLength: 1 }),
        (seed, { width, deeper, quoted, crlf }, mutations) => {
          const text = seeds[seed % seeds.length].text;
          const edited = applyMutations(wrapLongValues(crlf ? text.replace(/\r?\n/g, '\r\n') : text, width, deeper, quoted), mutations);
          const document = readBothWays(edited);
          if (document && wrappedScalars(document, edited) > 0) wrapped++;
        },
      ),
      { numRuns: 600, seed: 20270304 },
    );
    assert.ok(wrapped > 80, `only ${wrapped} of 600 texts read with a wrapped value`);
  });

  it('reads the plans of the corpus, edited at random, with LF or CRLF line ends, alike, or leaves them to the library', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (seed, mutations, crlf) => {
        const text = seeds[seed % seeds.length].text;
        if (readBothWays(applyMutations(crlf ? text.replace(/\r?\n/g, '\r\n') : text, mutations))) read++;
      }),
      { numRuns: 1000, seed: 20270302 },
    );
    assert.ok(read > 100, `only ${read} of 1,000 texts read`);
  });

  it('places the comments that end a collection, and the lines after an empty value, where the library does', () => {
    const texts = [
      'a:\n  b: 1\n  # kept by the inner map\nc: 2\n',
      'a:\n  b: 1\n# given to the next key\nc: 2\n',
      "a:\n  b:\n    c: 1\n    # kept, up to the next line's indentation\n  d: 2\n",
      'a:\n  - x\n  # kept by the list\nc: 2\n',
      "a: 1\n# the document's\n",
      'a: 1\n\n\n',
      'a:\n  b: 1\n\n  # at the end\n',
      'a:\nb: 1\nc:\n',
      'a: # before a block\n  b: 1\nc:\n  # inside\n  d: 2\n',
      'items:\n- a\n# between\n- b\nnext: 1\n',
      'k: [ a ,b , [c] , {d: e }, "f"]\nm: {p: q , r: "s" }  \n',
      '- [a]\n- {b: c}\n- x: [y, z]\n  w: v\n',
      '\n\n# leading\n\na: 1',
      'a: 1\r\nb:\r\n  - x # note\r\n  # trailing\r\nc:\r\n',
      '    - id: a\n      x: 1\n    # c\n    - id: b\n',
      '# a block reparsed alone\n  a: 1\n  b:\n    - x\n  # t\n',
      'positioning: |\n  First line.\n\n    Kept deeper.\n  # not a comment\nnext: 1\n',
      'a: >-\n  folded\n  words\n\n\n  paragraph\n\nb:\n  - > # note\r\n    in a list\r\n',
      'last: |\n  x\n  y',
    ];
    for (const text of texts) assert.ok(readBothWays(text), `left to the library:\n${text}`);
  });

  it('reads literal and folded block scalars as the library does', () => {
    const read = parseSimpleYaml('a: |\n  one\n\n  two\nb: >-\n  folded\n  words\n\n  end\n');
    assert.ok(read);
    assert.deepEqual(read.toJS(), { a: 'one\n\ntwo\n', b: 'folded words\nend' });
  });

  it('reads values wrapped over lines, plain and quoted, as the library does', () => {
    const texts = [
      'positioning: Specialty coffee roasted every morning, ready in two minutes for\n  office workers who order ahead\nnext: 1\n',
      'risks:\n  - Đối thủ lớn có ngân sách quảng cáo gấp nhiều lần và mạng lưới cửa hàng\n    rộng khắp\n  - second\n',
      // Trailing spaces dropped, blank lines (with spaces or not) kept as line breaks.
      'a: one  \n  two  \n\n  \n   three  \n\nb: 1\n',
      // A comment at the key's column, or after the text, ends the value.
      "a: one\n  two\n\n# the document's\nb: 1\n",
      'a: one\n  two # a comment ends it\nb: 1\n',
      // What starts a list item, a key or a document elsewhere is text in a continuation line.
      'a: one\n  - two\n  ? three\n  -\n  ---\n  ...\n',
      'a: one\n  [two] {three} &four *five !six |seven >eight %nine @ten `eleven "twelve" \'thirteen\'\n',
      'a: one\n  two:three\n  four#five\n',
      // One column deeper than the dash or the key is enough.
      '- one\n two\n- three\n  four\n',
      'a:\n- one\n two\n- three\n',
      'x:\n  - k: one\n     two\n    l: 2\n',
      // The text ends inside the value.
      'a: one\n  two',
      'a: one\n  two\n\n  ',
      'a: one\r\n  two  \r\n\r\n  three\r\nb: 1\r\n',
      // Words that would be numbers or booleans on one line are text over two.
      'a: 1\n  2\nb: true\n  false\n',
      'a: "one\n  two\\\n    three \\"four\\"\n\n  five"\nb: 1\n',
      "a: 'one  \n   it''s  \n\n  three '\n",
      "a: '\n  '\n",
      'a: "\\x41\\u00e9\\U0001F600 \\/ \\\\ \\  \\_ \\N \\0"\n',
      'a: "ends with a space \n  then more"\n',
      '- "one\n  two"\n- three\n',
      // Escapes in keys and in flow collections.
      '"a\\"b": 1\nk: ["c\\"d", "e\\\\", \'f\'\'g\']\nm: {"\\x41": "\\u00e9"}\n',
    ];
    for (const text of texts) assert.ok(readBothWays(text), `left to the library:\n${text}`);
    assert.deepEqual(parseSimpleYaml(texts[0])!.toJS(), { positioning: 'Specialty coffee roasted every morning, ready in two minutes for office workers who order ahead', next: 1 });
    assert.deepEqual(parseSimpleYaml(texts[2])!.toJS(), { a: 'one two\n\nthree', b: 1 });
  });

  it('reads quotes inside the plain text of a flow collection as the library does', () => {
    const texts = ['m: {note: chuỗi video "một ngày ở Góc Phố", n: 1}\n', 'k: [a"b, c\'d, "e", f "g" h, i\'\', j""]\n', 'm: {a\'b: c, d"e: f"}\n', 'k: [a", b]\n'];
    for (const text of texts) assert.ok(readBothWays(text), `left to the library:\n${text}`);
    assert.deepEqual(parseSimpleYaml(texts[0])!.toJS(), { m: { note: 'chuỗi video "một ngày ở Góc Phố"', n: 1 } });
  });

  it('leaves to the library what it does not read', () => {
    const texts = [
      'a: &anchor 1\nb: *anchor\n',
      'a: !!str 1\n',
      'a: |+\n  kept\n\n',
      // Nested deeper than a parse accepts, and deep enough to exhaust the stack of a reader that recursed without a bound.
      'a: ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n',
      'a: |2\n   indented\n',
      'a: |\n\n  after a blank line\n',
      'a: >\n  folded\n    deeper\n',
      'a: |\n  x\n  # a comment below the text\nb: 1\n'.replace('  # a', '# a'),
      'a: 1\rb: 2\n',
      'a:\tb\n',
      // A key, or an indicator of one, in a continuation line: an error, or another tree.
      'a: one\n  two: three\n',
      'a: one\n  two:\n',
      'a: one\n  : two\n',
      'a: one\n  two\n  three: four\n',
      'a\n  b: c\n',
      // Text after a comment, a comment deeper than the key after the value (the value's), a continuation no deeper than the key.
      'a: one\n  two #c\n  three\n',
      'a: one # c\n  two\n',
      'a: one\n  # between\n  two\n',
      "a: one\n  two\n  # after, deeper than the key: the value's\nb: 1\n",
      'x:\n  a: one\n two\n',
      'x:\n  a: one\n  two\n',
      'a: one\n  \ttwo\n',
      // Quoted values: lines no deeper than the key, a key over lines, bad escapes, no closing quote, text after it.
      'a: "one\ntwo"\n',
      'a: "one\n\n"\n',
      'k:\n  a: "one\n  two"\n',
      '"one\n  two": x\n',
      '- "one\n  two": x\n',
      'a: "\\q"\n',
      'a: "\\x4"\n',
      'a: "\\U00110000"\n',
      'a: "one\n  two\n',
      "a: 'one\n  it's'\n",
      // Keys the library refuses: the same after their escapes, or quoted and too long.
      'a: 1\n"\\x61": 2\n',
      `"${'x'.repeat(1030)}": 1\n`,
      `- '${'x'.repeat(1100)}': 1\n`,
      'a: 1\na: 2\n',
      'a: 1\n    # deeper than its map: joined to the value\nb: 2\n',
      '---\na: 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\n  -\n  - b\n',
      'a:\n  - - b\n',
      '<<: {a: 1}\n',
      'a : 1\n',
      'a: [b, ]\n',
      'a: [b,\n  c]\n',
      'a: {b"c":d}\n',
      'a: b: c\n',
      '\uFEFFa: 1\n',
      'scalar\n',
      '',
      '# only a comment\n',
      'a:\n# a comment after an empty value\nb: 1\n',
    ];
    for (const text of texts) assert.equal(parseSimpleYaml(text), undefined, `read by the quick reader:\n${JSON.stringify(text)}`);
  });
});
