import { rules, severityByName, severityNames, Severity, type Diagnostic, type Translator } from './service';

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export const formats = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof formats)[number];

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(
    reports.map(({ file, diagnostics }) => ({
      file,
      diagnostics: diagnostics.map((diagnostic) => ({
        code: diagnostic.code,
        severity: severityNames[diagnostic.severity],
        message: diagnostic.message,
        range: diagnostic.range,
      })),
    })),
    null,
    2,
  );
}

export function formatStylish(reports: FileReport[], color: boolean, translator: Translator): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tone: Record<Severity, number> = { [Severity.Error]: 31, [Severity.Warning]: 33, [Severity.Information]: 36, [Severity.Hint]: 90 };
  const lines: string[] = [];
  const counts = new Map<Severity, number>();
  for (const { file, diagnostics } of reports) {
    if (diagnostics.length === 0) continue;
    lines.push(paint(4, file));
    const positions = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    const width = Math.max(...positions.map((position) => position.length));
    diagnostics.forEach((diagnostic, index) => {
      counts.set(diagnostic.severity, (counts.get(diagnostic.severity) ?? 0) + 1);
      const severity = translator.t(`severity.${severityNames[diagnostic.severity]}`).padEnd(11);
      lines.push(`  ${positions[index].padEnd(width)}  ${paint(tone[diagnostic.severity], severity)}  ${diagnostic.message}  ${paint(90, diagnostic.code)}`);
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

export function formatSarif(reports: FileReport[], version: string, translator: Translator): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mktplan',
            version,
            informationUri: 'https://github.com/mktplan/mktplan',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: rule.page,
              help: { text: translator.t('sarif.help', { summary: rule.summary, page: rule.page }) },
              defaultConfiguration: { level: sarifLevel[severityByName[rule.defaultSeverity]] },
            })),
          },
        },
        results: reports.flatMap(({ file, diagnostics }) =>
          diagnostics.map((diagnostic) => ({
            ruleId: diagnostic.code,
            ruleIndex: ruleIndex.get(diagnostic.code),
            level: sarifLevel[diagnostic.severity],
            message: { text: diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split('\\').join('/') },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

const githubCommand: Record<Severity, string> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'notice',
  [Severity.Hint]: 'notice',
};

// Workflow command escaping: data escapes %, CR and LF; properties also : and ,.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(reports: FileReport[]): string {
  return reports
    .flatMap(({ file, diagnostics }) =>
      diagnostics.map((d) => {
        const properties = [
          `file=${escapeProperty(file)}`,
          `line=${d.range.start.line + 1}`,
          `col=${d.range.start.character + 1}`,
          `endLine=${d.range.end.line + 1}`,
          `endColumn=${d.range.end.character + 1}`,
          `title=${escapeProperty(`mktplan ${d.code}`)}`,
        ];
        return `::${githubCommand[d.severity]} ${properties.join(',')}::${escapeData(d.message)}`;
      }),
    )
    .join('\n');
}
