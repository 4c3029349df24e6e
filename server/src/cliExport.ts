import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { commandLineEngine } from './cliEngine';
import { commitOf, renderReport, type ReportFormat } from './report';
import { escapeTerminal } from './report/escape';
import { localToday } from './report/today';
import { findRepositoryRoot } from './repositoryRoot';
import { decodePlanFile, type Translator } from './service';

export interface ExportOptions {
  command: 'export';
  format: ReportFormat;
  file: string;
  /** Where to write the report; standard output without it. */
  output?: string;
  /** The day the report counts as today (`YYYY-MM-DD`); the local date without it. */
  asOf?: string;
  locale?: string;
  config?: string;
}

/** `mktplan export`: one plan as a report for people who read it rather than write it. */
export async function exportReport(options: ExportOptions, translator: Translator): Promise<number> {
  const fail = (id: string, data: Record<string, string>) => {
    process.stderr.write(`mktplan: ${escapeTerminal(translator.t(id, data))}\n`);
    return 2;
  };
  const file = nodePath.resolve(options.file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return fail('cli.cannotRead', { file: options.file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  const decoded = decodePlanFile(bytes);
  if (decoded.kind !== 'text') return fail('cli.exportNotText', { file: options.file });
  const opened = await commandLineEngine(options.config);
  if (!opened) return fail('cli.noConfig', { file: options.config! });
  const { engine } = opened;
  const view = await engine.view(file, decoded.text, options.asOf ?? localToday(), { locale: translator.locale });
  const text = await renderReport(view, translator, options.format, { commit: await commitOf(file) }, findRepositoryRoot(process.cwd()));
  if (options.output === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    await fs.writeFile(options.output, text);
  } catch (error) {
    return fail('cli.cannotWrite', { file: options.output, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  process.stderr.write(`mktplan: ${escapeTerminal(translator.t('cli.exported', { file: options.output }))}\n`);
  return 0;
}
