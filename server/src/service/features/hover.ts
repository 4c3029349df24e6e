import { targetAt } from '../document/cursor';
import { baseName } from '../document/uris';
import type { ParseCache } from '../document/parse';
import { nodeOffsets, type Path } from '../document/paths';
import type { Translator } from '../i18n/translator';
import type { Analysis } from '../model/analysis';
import { definedItem, kindName, referenceKindAt, type Definition } from '../model/ids';
import { valueAt } from '../document/data';
import { decimalText, sumOf } from '../model/amounts';
import { moneyValue } from '../i18n/format';
import { repositoryUrl, rulePage, rulesById } from '../rules';
import { describe, enumValues, schemaAt } from '../schema/definitions';
import { configSchemaRoot } from '../schema/files';
import { severityNames, type Diagnostic, type Hover, type Position } from '../types';
import { docsMarkdown, localized } from './docs';
import { escapeMarkdown, inCodeSpan } from './escape';
import { idRange, resolveId } from './navigation';

/** A plan's value as hover shows it: text that reads as written, never as Markdown of its own. */
const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? escapeMarkdown(String(value)) : undefined);

/**
 * A plan's figure or date as the reader's language writes it (`2/1/2028`, `3,000万元`), never as
 * the file's ISO text; a value that is neither, as written.
 */
function written(value: unknown, as: (value: number | string) => string | undefined): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const formatted = as(value);
  return formatted === undefined ? text(value) : escapeMarkdown(formatted);
}

/** One line per fact a reader wants about the thing an id names; `currency` is the budget's, for its sums. */
function describeItem(definition: Definition, item: Record<string, unknown>, translator: Translator, currency: string | undefined): string[] {
  const facts: string[] = [];
  const format = translator.formats;
  const add = (id: string, value: string | undefined) => value !== undefined && facts.push(`- ${translator.t(id, { value })}`);
  const date = (value: unknown) => written(value, (day) => (typeof day === 'string' && format.date(day) !== day ? format.date(day) : undefined));
  const figure = (value: unknown) => written(value, (number) => (typeof number === 'number' ? format.number(number) : undefined));
  add('hover.name', text(item.name));
  add('hover.statement', text(item.statement));
  if (definition.kind === 'member' && typeof item.role === 'string') {
    const role = enumValues(schemaAt(['team', 0, 'role'])!).find((value) => value.value === item.role);
    facts.push(`- ${role ? translator.t('hover.role', { role: item.role, title: localized(role, translator).title ?? item.role }) : translator.t('hover.unknownRole', { role: inCodeSpan(item.role) })}`);
  }
  if (definition.kind === 'channel') add('hover.type', text(item.type));
  add('hover.metric', text(item.metric));
  // A target with its unit, a `%` as the language writes a percentage ("15%", "15 %"); a target that is no number, as written.
  if (typeof item.target === 'number') add('hover.target', escapeMarkdown(format.quantity(item.target, typeof item.unit === 'string' ? item.unit : undefined)));
  else if (text(item.target) !== undefined) add('hover.target', [text(item.target), text(item.unit)].filter(Boolean).join(' '));
  add('hover.baseline', figure(item.baseline));
  add('hover.direction', text(item.direction));
  add('hover.frequency', text(item.frequency));
  add('hover.due', date(item.due));
  if (item.start !== undefined || item.end !== undefined) facts.push(`- ${translator.t('hover.dates', { start: date(item.start) ?? '?', end: date(item.end) ?? '?' })}`);
  add('hover.budget', written(item.budget, (amount) => (typeof amount === 'number' ? format.money(amount, currency) : undefined)));
  add('hover.description', text(item.description));
  return facts;
}

function referenceMarkdown(analysis: Analysis, cache: ParseCache, path: Path, id: string, translator: Translator): string {
  const kind = referenceKindAt(path)!;
  const found = resolveId(analysis, id, kind);
  // The id sits between the message's backticks.
  const shownId = inCodeSpan(id);
  if (!found) return translator.sentence({ id: 'hover.noSuchId', data: { kind: kindName(kind), id: shownId } });
  const item = definedItem(found, (file) => (file === analysis.file ? analysis.parsed.data : cache.peek(file)?.data));
  const heading =
    found.file === analysis.file
      ? translator.sentence({ id: 'hover.idHere', data: { kind: kindName(kind), id: shownId } })
      : translator.sentence({ id: 'hover.idFrom', data: { kind: kindName(kind), id: shownId, file: inCodeSpan(baseName(found.file)) } });
  // A link to where it is defined, in this file or another: a click opens it there.
  const defining = found.file === analysis.file ? analysis.parsed : cache.peek(found.file);
  const where = defining && idRange(defining, [...found.itemPath, 'id']);
  // A URI's written form encodes the spaces, brackets and parentheses that would end a Markdown link.
  const link = where ? ['', translator.t('hover.definedAt', { file: escapeMarkdown(baseName(found.file)), line: where.start.line + 1, uri: `${found.file}#L${where.start.line + 1}` })] : [];
  const budgetCurrency = valueAt(found.file === analysis.file ? analysis.parsed.data : cache.peek(found.file)?.data, ['plan', 'budget', 'currency']);
  const currency = typeof budgetCurrency === 'string' ? budgetCurrency : undefined;
  return [`**${heading}**`, ...(item ? describeItem(found, item, translator, currency) : []), ...link].join('\n');
}

function findingsMarkdown(diagnostics: Diagnostic[], position: Position, translator: Translator): string | undefined {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const here = diagnostics.filter((diagnostic) => before(diagnostic.range.start, position) && before(position, diagnostic.range.end));
  if (here.length === 0) return undefined;
  return here
    .map((diagnostic) => {
      const rule = rulesById.get(diagnostic.code);
      const finding = translator.t('hover.finding', { severity: { id: `severity.${severityNames[diagnostic.severity]}` }, code: diagnostic.code, summary: rule ? translator.summary(rule) : '' });
      return `${finding} [${translator.t('hover.aboutRule')}](${diagnostic.codeDescription.href})`;
    })
    .join('\n\n');
}

/** A link to a rule's page, wherever in a text it points. */
const rulePageLink = new RegExp(`\\]\\(${repositoryUrl.replace(/[.]/g, '\\.')}/blob/main/docs/rules/[^)\\s]*\\.md\\)`, 'g');

/**
 * A rule's entry in `mktplan.config.yaml` links to the rule's page in the reader's language
 * (`docs/rules/<locale>/<id>.md`), whatever page its translated description names.
 */
function withRulePage(markdown: string, analysis: Analysis, path: Path, translator: Translator): string {
  const id = path.length === 2 && path[0] === 'rules' ? String(path[1]) : undefined;
  if (analysis.schemaRoot !== configSchemaRoot || id === undefined || !rulesById.has(id)) return markdown;
  const page = rulePage(id, translator.locale);
  return markdown.match(rulePageLink) ? markdown.replace(rulePageLink, `](${page})`) : `${markdown}\n\n[${translator.t('hover.aboutRule')}](${page})`;
}

/** Hover: the definition of the key or value under the cursor, what an id points at, and the findings there. */
/** Hover; `diagnostics` are the findings to list, none for an editor that shows them in its own hover. */
/** On a CSV source's `file`: how many rows it read, over which dates, for what total (or what did not read). */
function sourceMarkdown(analysis: Analysis, path: Path, translator: Translator): string | undefined {
  if (path.length !== 4 || path[0] !== 'actuals' || path[1] !== 'sources' || path[3] !== 'file') return undefined;
  const source = analysis.actuals?.sources.find((candidate) => candidate.index === path[2]);
  if (!source || source.read.kind !== 'read') return undefined;
  const { rows } = source.read;
  if (rows.length === 0) return translator.t('hover.sourceEmpty', { bad: source.read.badRows.length });
  const days = rows.map((row) => row.day);
  const [first, last] = [rows[days.indexOf(Math.min(...days))].date, rows[days.indexOf(Math.max(...days))].date];
  const total = decimalText(sumOf(rows.map((row) => row.amount)));
  const currency = analysis.actuals?.plan && valueAt(analysis.actuals.plan.read.root, ['plan', 'budget', 'currency']);
  const isSpend = valueAt(analysis.parsed.data, [...path.slice(0, 3), 'kind']) === 'spend';
  const data = { rows: rows.length, from: first, to: last, bad: source.read.badRows.length, unknown: source.unknown.length };
  return isSpend
    ? translator.t('hover.sourceSpend', { ...data, total: moneyValue(total, typeof currency === 'string' ? currency : undefined) })
    : translator.t('hover.sourceResults', data);
}

export function hoverAt(analysis: Analysis, cache: ParseCache, position: Position, diagnostics: Diagnostic[], translator: Translator): Hover | undefined {
  const { parsed } = analysis;
  const offset = parsed.offsetAt(position);
  const target = targetAt(parsed.yaml, offset);
  const sections: string[] = [];
  let range: [number, number] | undefined;
  if (target) {
    range = target.node ? nodeOffsets(target.node) : undefined;
    const schema = schemaAt(target.path, analysis.schemaRoot);
    const value = target.on === 'value' && target.node && 'value' in target.node ? (target.node as { value: unknown }).value : undefined;
    const property = schema ? describe(schema) : undefined;
    const source = target.on === 'value' ? sourceMarkdown(analysis, target.path, translator) : undefined;
    if (source) sections.push(source);
    if (target.on === 'value' && typeof value === 'string' && referenceKindAt(target.path)) {
      sections.push(referenceMarkdown(analysis, cache, target.path, value, translator));
    } else if (target.on === 'value' && schema && value !== undefined) {
      const choice = enumValues(schema).find((option) => option.value === String(value));
      if (choice) sections.push(docsMarkdown(choice, translator, (title) => `\`${choice.value}\`: ${title}`));
      else if (property && typeof value !== 'object') sections.push(docsMarkdown(property, translator));
    } else if (property && target.on === 'key') {
      sections.push(withRulePage(docsMarkdown(property, translator), analysis, target.path, translator));
    }
  }
  const findings = findingsMarkdown(diagnostics, position, translator);
  if (findings) sections.push(findings);
  if (sections.length === 0) return undefined;
  return {
    contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') },
    range: range && range[1] > range[0] ? parsed.rangeOf(range[0], range[1]) : undefined,
  };
}
