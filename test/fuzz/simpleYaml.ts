// Random YAML in the quick reader's subset (server/src/service/document/simpleYaml.ts), and just
// outside it: block maps and lists, one-line scalars and flow collections, block scalars, empty
// values, and comments and blank lines wherever a person might leave them, for the property that
// the reader and the library agree.
import fc from 'fast-check';

const scalar = fc.constantFrom(
  'a',
  'b c',
  '1',
  '-2',
  '0x1F',
  '0o17',
  '1e3',
  '2.50',
  '.inf',
  'true',
  'null',
  '~',
  '',
  "'q'",
  "'it''s'",
  '"d q"',
  '""',
  '2027-01-01',
  'x:y',
  'C#',
  'Tiếng Việt',
  '中文',
  'Маркетинг',
  'a #b',
  '[]',
  '{}',
  '[a, b ,  c]',
  '{k: v, n: [1, 2]}',
  '[{id: x, n: -1}]',
  '"a" ',
  'v  ',
  '-x',
  '[ a ]',
);
const key = fc.constantFrom('a', 'b', 'id', 'name', 'k-1', '"q"', "'s'", 'true', '1', 'null', 'x y', '-k');

/** A block scalar's header, and its lines (an empty one a blank line), written one level deeper than its key or dash. */
const blockScalar = fc.record({
  header: fc.constantFrom('|', '|-', '>', '>-', '| # note', '|+', '|2'),
  lines: fc.array(fc.constantFrom('text', 'more words', '', '  deeper', '# not a comment', 'ends with a space ', 'key: value', '- item'), { minLength: 1, maxLength: 4 }),
});

type Tree =
  | { kind: 'map'; entries: Array<[string, Tree]> }
  | { kind: 'list'; items: Tree[] }
  | { kind: 'scalar'; text: string }
  | { kind: 'block'; header: string; lines: string[] };

const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('scalar' as const), text: scalar }),
    tie('map'),
    tie('list'),
    blockScalar.map((block) => ({ kind: 'block' as const, ...block })),
  ),
  map: fc.record({
    kind: fc.constant('map' as const),
    entries: fc.uniqueArray(fc.tuple(key, tie('node')), {
      minLength: 1,
      maxLength: 4,
      selector: (entry) => entry[0],
    }),
  }),
  list: fc.record({
    kind: fc.constant('list' as const),
    items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
  }),
})) as unknown as { map: fc.Arbitrary<Tree>; list: fc.Arbitrary<Tree> };

/** A block scalar's lines below its header, at `indent`. */
function blockLines(block: { lines: string[] }, indent: number): string[] {
  return block.lines.map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
}

function render(node: Tree, indent: number, lines: string[], style: { indentless: boolean; step: number }): void {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    for (const [name, value] of node.entries) {
      if (value.kind === 'scalar') lines.push(`${pad}${name}:${value.text === '' ? '' : ' ' + value.text}`);
      else if (value.kind === 'block') lines.push(`${pad}${name}: ${value.header}`, ...blockLines(value, indent + style.step));
      else {
        lines.push(`${pad}${name}:`);
        render(value, value.kind === 'list' && style.indentless ? indent : indent + style.step, lines, style);
      }
    }
  } else if (node.kind === 'list') {
    for (const item of node.items) {
      if (item.kind === 'scalar') lines.push(`${pad}- ${item.text === '' ? 'e' : item.text}`);
      else if (item.kind === 'block') lines.push(`${pad}- ${item.header}`, ...blockLines(item, indent + 2));
      else if (item.kind === 'map') {
        const inner: string[] = [];
        render(item, indent + 2, inner, style);
        inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
        lines.push(...inner);
      } else {
        lines.push(`${pad}-`);
        render(item, indent + 2, lines, style);
      }
    }
  }
}

export const simpleYamlText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(tree.map, tree.list),
    fc.boolean(),
    fc.constantFrom(2, 4),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 }), fc.constantFrom('# c', '', '  ', '#', '# x: y')), { maxLength: 5 }),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom(0, 0, 2, 4),
  )
  .map(([root, indentless, step, insertions, trailingComments, finalNewline, crlf, rootIndent]) => {
    const lines: string[] = [];
    render(root, rootIndent, lines, { indentless, step });
    for (const at of trailingComments) lines[at % lines.length] += '  # t';
    for (const [at, indent, line] of insertions) lines.splice(at % (lines.length + 1), 0, line === '' ? '' : ' '.repeat(indent) + line);
    const lineBreak = crlf ? '\r\n' : '\n';
    return lines.join(lineBreak) + (finalNewline ? lineBreak : '');
  });
