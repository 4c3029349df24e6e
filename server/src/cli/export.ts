import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { CommandLineEngines } from './engines';
import { replaceFile, whyNotRead, whyNotWritten } from './files';
import { readRegularFile, specialKindOf } from '../hosts/disk';
import { renderReport, type ReportFormat } from '../report';
import { commitOf } from '../hosts/git';
import { escapeTerminal } from '../report/escape';
import { localToday } from '../report/today';
import { findRepositoryRoot } from '../hosts/repository';
import { decodePlanFile, fileUri, type Engine, type Translator } from '../service';
import { pathOf } from '../hosts/disk';
import type { MessageData, MessageRef } from '../service/i18n/messages';

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
  const fail = (id: string, data: MessageData) => {
    process.stderr.write(`mktplan: ${escapeTerminal(translator.t(id, data))}\n`);
    return 2;
  };
  const file = nodePath.resolve(options.file);
  const failWith = (reason: MessageRef) => fail(reason.id, reason.data ?? {});
  const stored = await readRegularFile(file);
  if (stored.kind !== 'ok') return failWith(whyNotRead(options.file, stored));
  const engines = await CommandLineEngines.open(options.config);
  if ('refused' in engines) return failWith(engines.refused);
  const engine = engines.for(file, nodePath.dirname(file));
  const uri = fileUri(file);
  const decoded = decodePlanFile(stored.bytes, stored.stat.size);
  // Too large to read: the finding a check gives says how large, and what to do.
  if (decoded.kind !== 'text' && decoded.reason === 'tooLarge') return fail('cli.cannotRead', { file: options.file, reason: engine.notTextFindings(decoded, { locale: translator.locale })[0].message });
  if (decoded.kind !== 'text') return fail('cli.exportNotText', { file: options.file });
  const view = await engine.view(uri, decoded.text, options.asOf ?? localToday(), { locale: translator.locale });
  const text = await renderReport(view, translator, options.format, { commit: await commitOf(file) }, fileUri(findRepositoryRoot(process.cwd())));
  if (options.output === undefined) {
    process.stdout.write(text);
    return 0;
  }
  if (await isReadFrom(engine, uri, options.output)) return fail('cli.exportOntoPlan', { file: options.output });
  const special = await fs.stat(options.output).then(specialKindOf, () => undefined);
  // A pipe or a device (`-o /dev/stdout`) takes the report as a stream; a file is replaced whole, or not at all.
  const refusal =
    special !== undefined && special !== 'folder'
      ? await fs.writeFile(options.output, text).then(
          () => undefined,
          (error: NodeJS.ErrnoException) => ({ kind: 'failed' as const, reason: error.code ?? error.message }),
        )
      : await replaceFile(options.output, text);
  if (refusal) return failWith(whyNotWritten(options.output, refusal));
  process.stderr.write(`mktplan: ${escapeTerminal(translator.t('cli.exported', { file: options.output }))}\n`);
  return 0;
}

/**
 * Whether a path is a file the report was made from: the plan, a file it imports, or the
 * configuration that applied to it (the same file, by any name or link).
 */
async function isReadFrom(engine: Engine, plan: string, output: string): Promise<boolean> {
  const target = await fs.stat(output).catch(() => undefined);
  if (!target) return false;
  const config = (await engine.configFor(plan))?.file;
  for (const input of [plan, ...engine.dependenciesOf(plan), ...(config === undefined ? [] : [config])]) {
    const path = pathOf(input);
    const read = path === undefined ? undefined : await fs.stat(path).catch(() => undefined);
    if (read && read.dev === target.dev && read.ino === target.ino) return true;
  }
  return false;
}
