import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepositoryRoot } from '../hosts/repository';
import { escapeJsonForLogs, escapeTerminal, escapeWorkflowData, escapeWorkflowProperty } from '../report/escape';
import { ruleDescriptions } from './ruleDescriptions.generated';
import { rulePage, rules, severityByName, severityNames, Severity, type Diagnostic, type Translator } from '../service';

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export const formats = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof formats)[number];

/**
 * A checked file's path from the root, with `/` between folders; `undefined` when no relative
 * path leads there (another drive). A file reached through a symbolic link that leaves the root
 * is placed by its real path when that one is inside.
 */
export function pathFromRoot(file: string, root: string): string | undefined {
  const outside = (relative: string) => relative === '..' || relative.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(relative);
  let relative = nodePath.relative(root, nodePath.resolve(file));
  if (outside(relative)) {
    try {
      const real = nodePath.relative(realpathSync(root), realpathSync(file));
      if (!outside(real)) relative = real;
    } catch {
      // Unreadable links keep the path as given.
    }
  }
  return nodePath.isAbsolute(relative) ? undefined : relative.split(nodePath.sep).join('/');
}

/** The path of a file in reports that name files by text (GitHub, GitLab): from the root, else absolute. */
function reportPath(file: string, root: string): string {
  return pathFromRoot(file, root) ?? nodePath.resolve(file).split(nodePath.sep).join('/');
}

/**
 * One fingerprint per finding of a file, in its order, that stays the same when lines move: a
 * hash of what the finding is about (rule, file from the root, data path, message) rather than
 * where it is, with a counter that tells identical findings apart by their order. The key names
 * the file, so the counter is the file's own.
 */
function fingerprints({ file, diagnostics }: FileReport, root: string): string[] {
  const seen = new Map<string, number>();
  const path = reportPath(file, root);
  return diagnostics.map((diagnostic) => {
    const key = JSON.stringify([diagnostic.data.ruleId, path, diagnostic.data.path, diagnostic.data.messageId]);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return createHash('sha256').update(`${key}\n${occurrence}`).digest('hex');
  });
}

/**
 * A report written piece by piece, file by file and finding by finding, so that no more than one
 * file's findings are held at once and no text grows past what a string can hold: the pieces
 * joined are the whole report.
 */
export interface ReportWriter {
  /** The pieces of one file's findings, after those of the files before it. */
  file(report: FileReport): Iterable<string>;
  /** The pieces that close the report, once every file is written. */
  end(): Iterable<string>;
}

/** The whole report as one text, for a caller that holds every file's findings anyway. */
export function reportText(writer: ReportWriter, reports: FileReport[]): string {
  return [...reports.flatMap((report) => [...writer.file(report)]), ...writer.end()].join('');
}

/** A value as `JSON.stringify(value, null, 2)` writes it `depth` levels deep, made safe for a CI log. */
function jsonAt(value: unknown, depth: number): string {
  return escapeJsonForLogs(JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`));
}

/** A JSON array `depth` levels deep, written item by item exactly as `JSON.stringify(array, null, 2)` writes it whole. */
class JsonArrayWriter {
  private count = 0;

  constructor(private readonly depth: number) {}

  /** What comes before the next item: the bracket that opens the array, or the comma after the last item. */
  next(): string {
    return `${this.count++ === 0 ? '[' : ','}\n${'  '.repeat(this.depth + 1)}`;
  }

  item(value: unknown): string {
    return this.next() + jsonAt(value, this.depth + 1);
  }

  close(): string {
    return this.count === 0 ? '[]' : `\n${'  '.repeat(this.depth)}]`;
  }
}

/** `[{"file", "diagnostics": [...]}]`, one entry per checked file. */
export function jsonWriter(): ReportWriter {
  const files = new JsonArrayWriter(0);
  return {
    *file({ file, diagnostics }) {
      yield `${files.next()}{\n    "file": ${jsonAt(file, 2)},\n    "diagnostics": `;
      const list = new JsonArrayWriter(2);
      for (const diagnostic of diagnostics) {
        yield list.item({
          code: diagnostic.code,
          severity: severityNames[diagnostic.severity],
          message: diagnostic.message,
          range: diagnostic.range,
          url: diagnostic.codeDescription.href,
        });
      }
      yield `${list.close()}\n  }`;
    },
    *end() {
      yield `${files.close()}\n`;
    },
  };
}

/** For people: findings by file, then a count; nothing at all when no file was read, since a summary of none would only hide the error said after it. */
export function stylishWriter(color: boolean, translator: Translator): ReportWriter {
  // The severities line up in every language: as wide as the longest word for one.
  const severityWidth = Math.max(...Object.values(severityNames).map((name) => translator.t(`severity.${name}`).length)) + 1;
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tone: Record<Severity, number> = { [Severity.Error]: 31, [Severity.Warning]: 33, [Severity.Information]: 36, [Severity.Hint]: 90 };
  const counts = new Map<Severity, number>();
  let files = 0;
  return {
    *file({ file, diagnostics }) {
      files++;
      if (diagnostics.length === 0) return;
      // A file name that opens a line could start a workflow command (`::error`): `./` names the same file.
      const heading = escapeTerminal(file);
      yield `${paint(4, /^\s*::/.test(heading) ? `./${heading}` : heading)}\n`;
      const positionOf = (diagnostic: Diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      // Folded, not spread: a file may hold more findings than a call takes arguments.
      const width = diagnostics.reduce((widest, diagnostic) => Math.max(widest, positionOf(diagnostic).length), 0);
      for (const diagnostic of diagnostics) {
        counts.set(diagnostic.severity, (counts.get(diagnostic.severity) ?? 0) + 1);
        const severity = translator.t(`severity.${severityNames[diagnostic.severity]}`).padEnd(severityWidth);
        yield `  ${positionOf(diagnostic).padEnd(width)}  ${paint(tone[diagnostic.severity], severity)}  ${escapeTerminal(diagnostic.message)}  ${paint(90, diagnostic.code)}\n`;
      }
      yield '\n';
    },
    *end() {
      if (files === 0) return;
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      if (total === 0) {
        yield `${translator.t('cli.clean', { files })}\n`;
        return;
      }
      const countMessages: Record<Severity, string> = {
        [Severity.Error]: 'cli.errors',
        [Severity.Warning]: 'cli.warnings',
        [Severity.Information]: 'cli.informations',
        [Severity.Hint]: 'cli.hints',
      };
      const parts = [Severity.Error, Severity.Warning, Severity.Information, Severity.Hint]
        .filter((severity) => counts.has(severity))
        .map((severity) => translator.t(countMessages[severity], { count: counts.get(severity)! }));
      yield `${translator.t('cli.summary', { problems: total, counts: parts, files })}\n`;
    },
  };
}

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'note',
  [Severity.Hint]: 'note',
};

/** `word-word/word` as `WordWordWord`: GitHub shows a rule's name, and wants it to differ from its id. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A SARIF artifact location: a percent-encoded path from the root, so that the log moves with the checkout. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = pathFromRoot(file, root);
  if (relative === undefined) return { uri: pathToFileURL(nodePath.resolve(file)).href };
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

/** SARIF 2.1.0: the rules, then the results written file by file into the run's `results`, its last key. */
export function sarifWriter(version: string, translator: Translator, root: string = findRepositoryRoot(process.cwd())): ReportWriter {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const rootUri = pathToFileURL(root).href;
  const envelope = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mktplan',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/mktplan/mktplan',
            rules: rules.map((rule) => {
              // The help is the rule's page in the reader's language; for a rule added since the last
              // `npm run generate`, the rule's summary stands for its description.
              const summary = translator.summary(rule);
              const texts = ruleDescriptions[translator.locale][rule.id] ?? { description: { text: summary, markdown: summary }, fix: { text: '', markdown: '' } };
              const page = rulePage(rule.id, translator.locale);
              return {
                id: rule.id,
                name: pascalCase(rule.id),
                shortDescription: { text: summary },
                fullDescription: texts.description,
                help: {
                  text: translator.t('sarif.helpText', { description: texts.description.text, fix: texts.fix.text, page }),
                  markdown: translator.t('sarif.helpMarkdown', { description: texts.description.markdown, fix: texts.fix.markdown, page }),
                },
                helpUri: page,
                defaultConfiguration: { level: sarifLevel[severityByName[rule.defaultSeverity]] },
                properties: { tags: [rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : 'format'] },
              };
            }),
          },
        },
        // The language of the log's messages and rule help (RFC 5646), so that a viewer knows it is not English.
        language: translator.locale === 'zh-cn' ? 'zh-CN' : translator.locale,
        // A folder URI ends with `/`, or the relative URIs would resolve against its parent.
        originalUriBaseIds: { SRCROOT: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        // LSP characters are UTF-16 code units, which is also SARIF's default; said for readers.
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  // The envelope's text around its empty `results`, the last `[]` in it: the results are written between.
  const text = jsonAt(envelope, 0);
  const [before, after] = [text.slice(0, text.lastIndexOf('[]')), text.slice(text.lastIndexOf('[]') + 2)];
  const results = new JsonArrayWriter(3);
  let started = false;
  return {
    *file(report) {
      if (!started) yield before;
      started = true;
      const prints = fingerprints(report, root);
      for (const [index, diagnostic] of report.diagnostics.entries()) {
        yield results.item({
          ruleId: diagnostic.code,
          ruleIndex: ruleIndex.get(diagnostic.code),
          level: sarifLevel[diagnostic.severity],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(report.file, root),
                region: {
                  startLine: diagnostic.range.start.line + 1,
                  startColumn: diagnostic.range.start.character + 1,
                  endLine: diagnostic.range.end.line + 1,
                  endColumn: diagnostic.range.end.character + 1,
                },
              },
            },
          ],
          partialFingerprints: { 'mktplanFinding/v1': prints[index] },
        });
      }
    },
    *end() {
      if (!started) yield before;
      yield `${results.close()}${after}\n`;
    },
  };
}

const githubCommand: Record<Severity, string> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'notice',
  [Severity.Hint]: 'notice',
};

/** GitHub workflow commands, a line per finding, that annotate a pull request. */
export function githubWriter(root: string = findRepositoryRoot(process.cwd())): ReportWriter {
  return {
    *file({ file, diagnostics }) {
      for (const d of diagnostics) {
        const properties = [
          // Annotations land on a pull request's files only by their path from the repository root.
          `file=${escapeWorkflowProperty(escapeTerminal(reportPath(file, root)))}`,
          `line=${d.range.start.line + 1}`,
          `col=${d.range.start.character + 1}`,
          `endLine=${d.range.end.line + 1}`,
          `endColumn=${d.range.end.character + 1}`,
          `title=${escapeWorkflowProperty(`mktplan ${d.code}`)}`,
        ];
        // Controls shown as in the terminal: the annotation reads as the stylish line does, and a local run clears no screen.
        yield `::${githubCommand[d.severity]} ${properties.join(',')}::${escapeWorkflowData(escapeTerminal(d.message))}\n`;
      }
    },
    *end() {},
  };
}

// GitLab's Code Quality severities; it has no level for a mere note.
const gitlabSeverity: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  [Severity.Error]: 'major',
  [Severity.Warning]: 'minor',
  [Severity.Information]: 'info',
  [Severity.Hint]: 'info',
};

/** GitLab's Code Quality report; GitLab matches findings across pipelines by their fingerprints. */
export function gitlabWriter(root: string = findRepositoryRoot(process.cwd())): ReportWriter {
  const results = new JsonArrayWriter(0);
  return {
    *file(report) {
      const prints = fingerprints(report, root);
      for (const [index, diagnostic] of report.diagnostics.entries()) {
        yield results.item({
          description: diagnostic.message,
          check_name: diagnostic.code,
          fingerprint: prints[index],
          severity: gitlabSeverity[diagnostic.severity],
          location: { path: reportPath(report.file, root), lines: { begin: diagnostic.range.start.line + 1 } },
        });
      }
    },
    *end() {
      yield `${results.close()}\n`;
    },
  };
}
