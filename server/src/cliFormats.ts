import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepositoryRoot } from './repositoryRoot';
import { escapeJsonForLogs, escapeTerminal, escapeWorkflowData, escapeWorkflowProperty } from './report/escape';
import { ruleDescriptions } from './ruleDescriptions.generated';
import { rulePage, rules, severityByName, severityNames, Severity, type Diagnostic, type Translator } from './service';

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
 * One fingerprint per finding, in the reports' order, that stays the same when lines move: a
 * hash of what the finding is about (rule, file from the root, data path, message) rather than
 * where it is, with a counter that tells identical findings in one file apart by their order.
 */
function fingerprints(reports: FileReport[], root: string): string[][] {
  const seen = new Map<string, number>();
  return reports.map(({ file, diagnostics }) =>
    diagnostics.map((diagnostic) => {
      const key = JSON.stringify([diagnostic.data.ruleId, reportPath(file, root), diagnostic.data.path, diagnostic.data.messageId]);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return createHash('sha256').update(`${key}\n${occurrence}`).digest('hex');
    }),
  );
}

export function formatJson(reports: FileReport[]): string {
  return jsonText(
    reports.map(({ file, diagnostics }) => ({
      file,
      diagnostics: diagnostics.map((diagnostic) => ({
        code: diagnostic.code,
        severity: severityNames[diagnostic.severity],
        message: diagnostic.message,
        range: diagnostic.range,
        url: diagnostic.codeDescription.href,
      })),
    })),
  );
}

/** A report as indented JSON, printed where a CI log may read it. */
function jsonText(value: unknown): string {
  return escapeJsonForLogs(JSON.stringify(value, null, 2));
}

export function formatStylish(reports: FileReport[], color: boolean, translator: Translator): string {
  // The severities line up in every language: as wide as the longest word for one.
  const severityWidth = Math.max(...Object.values(severityNames).map((name) => translator.t(`severity.${name}`).length)) + 1;
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tone: Record<Severity, number> = { [Severity.Error]: 31, [Severity.Warning]: 33, [Severity.Information]: 36, [Severity.Hint]: 90 };
  const lines: string[] = [];
  const counts = new Map<Severity, number>();
  for (const { file, diagnostics } of reports) {
    if (diagnostics.length === 0) continue;
    // A file name that opens a line could start a workflow command (`::error`): `./` names the same file.
    const heading = escapeTerminal(file);
    lines.push(paint(4, /^\s*::/.test(heading) ? `./${heading}` : heading));
    const positions = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    // Folded, not spread: a file may hold more findings than a call takes arguments.
    const width = positions.reduce((widest, position) => Math.max(widest, position.length), 0);
    diagnostics.forEach((diagnostic, index) => {
      counts.set(diagnostic.severity, (counts.get(diagnostic.severity) ?? 0) + 1);
      const severity = translator.t(`severity.${severityNames[diagnostic.severity]}`).padEnd(severityWidth);
      lines.push(`  ${positions[index].padEnd(width)}  ${paint(tone[diagnostic.severity], severity)}  ${escapeTerminal(diagnostic.message)}  ${paint(90, diagnostic.code)}`);
    });
    lines.push('');
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) {
    lines.push(translator.t('cli.clean', { files: reports.length }));
  } else {
    const countMessages: Record<Severity, string> = {
      [Severity.Error]: 'cli.errors',
      [Severity.Warning]: 'cli.warnings',
      [Severity.Information]: 'cli.informations',
      [Severity.Hint]: 'cli.hints',
    };
    const parts = [Severity.Error, Severity.Warning, Severity.Information, Severity.Hint]
      .filter((severity) => counts.has(severity))
      .map((severity) => translator.t(countMessages[severity], { count: counts.get(severity)! }));
    lines.push(translator.t('cli.summary', { problems: total, counts: parts, files: reports.length }));
  }
  return lines.join('\n');
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

export function formatSarif(reports: FileReport[], version: string, translator: Translator, root: string = findRepositoryRoot(process.cwd())): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const rootUri = pathToFileURL(root).href;
  const prints = fingerprints(reports, root);
  const sarif = {
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
              // The pages' descriptions are English; in another language, and for a rule added since the last
              // `npm run generate`, the rule's summary in the reader's language stands for them.
              const summary = translator.summary(rule);
              const english = translator.locale === 'en' ? ruleDescriptions[rule.id] : undefined;
              const texts = english ?? { description: { text: summary, markdown: summary }, fix: { text: '', markdown: '' } };
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
        // A folder URI ends with `/`, or the relative URIs would resolve against its parent.
        originalUriBaseIds: { SRCROOT: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        // LSP characters are UTF-16 code units, which is also SARIF's default; said for readers.
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap(({ file, diagnostics }, fileIndex) =>
          diagnostics.map((diagnostic, index) => ({
            ruleId: diagnostic.code,
            ruleIndex: ruleIndex.get(diagnostic.code),
            level: sarifLevel[diagnostic.severity],
            message: { text: diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(file, root),
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
            partialFingerprints: { 'mktplanFinding/v1': prints[fileIndex][index] },
          })),
        ),
      },
    ],
  };
  return jsonText(sarif);
}

const githubCommand: Record<Severity, string> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'notice',
  [Severity.Hint]: 'notice',
};

export function formatGithub(reports: FileReport[], root: string = findRepositoryRoot(process.cwd())): string {
  return reports
    .flatMap(({ file, diagnostics }) =>
      diagnostics.map((d) => {
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
        return `::${githubCommand[d.severity]} ${properties.join(',')}::${escapeWorkflowData(escapeTerminal(d.message))}`;
      }),
    )
    .join('\n');
}

// GitLab's Code Quality severities; it has no level for a mere note.
const gitlabSeverity: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  [Severity.Error]: 'major',
  [Severity.Warning]: 'minor',
  [Severity.Information]: 'info',
  [Severity.Hint]: 'info',
};

/** GitLab's Code Quality report; GitLab matches findings across pipelines by their fingerprints. */
export function formatGitlab(reports: FileReport[], root: string = findRepositoryRoot(process.cwd())): string {
  const prints = fingerprints(reports, root);
  return jsonText(
    reports.flatMap(({ file, diagnostics }, fileIndex) =>
      diagnostics.map((diagnostic, index) => ({
        description: diagnostic.message,
        check_name: diagnostic.code,
        fingerprint: prints[fileIndex][index],
        severity: gitlabSeverity[diagnostic.severity],
        location: { path: reportPath(file, root), lines: { begin: diagnostic.range.start.line + 1 } },
      })),
    ),
  );
}
