import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument } from '../document/parse';
import { keyText } from '../document/paths';
import type { Translator } from '../i18n/translator';
import { SymbolKindNumber, type DocumentSymbol, type FoldingRange } from '../types';

// An outline of thousands of campaigns is still useful; one of every field of each is not.
const maxDepth = 8;
/** At most this many symbols, as editors show no more (VS Code's YAML support stops at 5,000 too). */
export const maxSymbols = 5000;

/** What a list item is called in the outline: its name, else its id, else what it says. */
function itemName(node: unknown, index: number, translator: Translator): string {
  if (isMap(node)) {
    for (const key of ['name', 'id', 'statement', 'message', 'positioning']) {
      const pair = node.items.find((item) => isPair(item) && keyText(item) === key);
      if (pair && isScalar(pair.value) && pair.value.value !== null) return String(pair.value.value);
    }
  }
  if (isScalar(node) && node.value !== null) return String(node.value);
  return translator.t('outline.item', { number: index + 1 });
}

function kindOf(node: unknown): SymbolKindNumber {
  if (isMap(node)) return SymbolKindNumber.Object;
  if (isSeq(node)) return SymbolKindNumber.Array;
  if (isScalar(node) && typeof node.value === 'number') return SymbolKindNumber.Number;
  return SymbolKindNumber.String;
}

/**
 * The outline: the sections, their keys, and every list item named as a reader would name
 * it (a campaign by its name, a KPI by its name ...). Inside list items only lists and maps
 * are listed, not each plain field, so that a year of campaigns stays readable.
 */
export function outline(parsed: ParsedDocument, translator: Translator): DocumentSymbol[] {
  const range = (start: number, end: number) => parsed.rangeOf(start, end);
  let budget = maxSymbols;
  const childrenOf = (node: unknown, depth: number, insideItem: boolean): DocumentSymbol[] => {
    if (depth > maxDepth || budget <= 0) return [];
    if (isMap(node)) {
      return node.items.flatMap((pair) => {
        const key = isPair(pair) ? keyText(pair) : undefined;
        const keyRange = isPair(pair) && isScalar(pair.key) ? pair.key.range : undefined;
        if (key === undefined || !keyRange || budget <= 0) return [];
        const value = pair.value as Node | null;
        if (insideItem && !isMap(value) && !isSeq(value)) return [];
        budget--;
        const end = value?.range ? value.range[1] : keyRange[1];
        const detail = isScalar(value) && value.value !== null ? String(value.value) : undefined;
        return [
          {
            name: key,
            detail,
            kind: depth === 0 ? SymbolKindNumber.Module : kindOf(value),
            range: range(keyRange[0], Math.max(end, keyRange[1])),
            selectionRange: range(keyRange[0], keyRange[1]),
            children: isMap(value) || isSeq(value) ? childrenOf(value, depth + 1, insideItem) : undefined,
          },
        ];
      });
    }
    if (isSeq(node)) {
      return node.items.flatMap((item, index) => {
        const itemRange = (item as Node | null)?.range;
        if (!itemRange || budget <= 0) return [];
        budget--;
        const children = isMap(item) ? childrenOf(item, depth + 1, true) : undefined;
        const name = itemName(item, index, translator);
        const id = isMap(item) ? item.items.find((pair) => isPair(pair) && keyText(pair) === 'id') : undefined;
        const idText = isPair(id) && isScalar(id.value) && id.value.value !== null ? String(id.value.value) : undefined;
        return [
          {
            name,
            // The id beside the name, so that `kpis: [orders]` can be matched to its entry.
            detail: idText !== undefined && idText !== name ? idText : undefined,
            kind: kindOf(item),
            range: range(itemRange[0], itemRange[1]),
            selectionRange: range(itemRange[0], itemRange[0]),
            children,
          },
        ];
      });
    }
    return [];
  };
  return childrenOf(parsed.yaml.contents, 0, false);
}

/** Folding ranges for every map and list that spans more than one line. */
export function foldingRanges(parsed: ParsedDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > 1000 || !(isMap(node) || isSeq(node))) return;
    for (const item of node.items) {
      const value = isPair(item) ? item.value : item;
      const start = isPair(item) && isScalar(item.key) ? item.key.range : (value as Node | null)?.range;
      const end = (value as Node | null)?.range;
      if (start && end) {
        const startLine = parsed.positionAt(start[0]).line;
        // A block ends where the next one starts: fold up to the last character of its own content.
        const endLine = parsed.positionAt(Math.max(start[0], end[1] - 1)).line;
        if (endLine > startLine) ranges.push({ startLine, endLine });
      }
      walk(value, depth + 1);
    }
  };
  walk(parsed.yaml.contents, 0);
  return ranges;
}
