import { promises as fs, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { CommandLineEngines } from './engines';
import { whyNotRead } from './files';
import { listPlanFiles, planGlob, readRegularFile } from '../hosts/disk';
import { changedPlans, commitOfRevision, pathInRepository, RevisionHost, workingTreeRoot, type GitResult } from '../hosts/revision';
import { introducesAtLeast, renderDiff, type ComparedPlan, type DiffFormat } from '../report/diff';
import { escapeTerminal } from '../report/escape';
import { comparePlanVersions, decodePlanFile, Engine, fileUri, type PlanVersion, type SeverityName, type Translator } from '../service';
import type { MessageRef } from '../service/i18n/messages';

export interface DiffOptions {
  command: 'diff';
  format: DiffFormat;
  failSeverity: SeverityName;
  locale?: string;
  config?: string;
  /** `--base REV`: each plan compared with its version at that revision. */
  base?: string;
  inputs: string[];
}

/** A version of a plan as the command line names it: a file on the disk, or a file at a Git revision. */
type SideSpec = { kind: 'disk'; path: string; shown: string } | { kind: 'revision'; root: string; commit: string; revision: string; relative: string; shown: string };

/** A side that could not be had, in the user's words. */
class SideError extends Error {
  constructor(readonly reason: MessageRef) {
    super(reason.id);
  }
}

/** Why git could not be run, or failed, in the user's words. */
function gitError(result: Exclude<GitResult, { kind: 'ok' }>, command: string): MessageRef {
  if (result.kind === 'missing') return { id: 'cli.gitMissing' };
  // Git's own words, first line only: one line per error.
  return { id: 'cli.gitFailed', data: { command, reason: result.stderr.split('\n')[0] } };
}

/** The real path of the current folder: git names the working tree's root by its real path. */
function currentFolder(): string {
  try {
    return realpathSync(process.cwd());
  } catch {
    return process.cwd();
  }
}

/** The working tree's root and the commit a revision names, for an input that needs them; each asked of git once. */
class Repository {
  private rootLookup: Promise<string> | undefined;
  private readonly commits = new Map<string, Promise<string>>();
  private readonly hosts = new Map<string, Engine>();

  constructor(private readonly engines: CommandLineEngines) {}

  root(input: string): Promise<string> {
    return (this.rootLookup ??= (async () => {
      const found = await workingTreeRoot(currentFolder());
      if ('root' in found) return found.root;
      throw new SideError(found.kind === 'none' ? { id: 'cli.notARepository', data: { input } } : gitError(found, 'rev-parse'));
    })());
  }

  commit(root: string, revision: string): Promise<string> {
    let lookup = this.commits.get(revision);
    if (!lookup) {
      lookup = (async () => {
        const commit = await commitOfRevision(root, revision);
        if (commit === undefined) throw new SideError({ id: 'cli.unknownRevision', data: { revision } });
        if (typeof commit !== 'string') throw new SideError(gitError(commit, 'rev-parse'));
        return commit;
      })();
      // A rejection is handled by whoever awaits it; none is left unhandled meanwhile.
      lookup.catch(() => undefined);
      this.commits.set(revision, lookup);
    }
    return lookup;
  }

  /** The engine that reads the repository at a commit: one per commit, its configuration `--config`'s or the commit's own. */
  engineAt(root: string, commit: string, configFile: string | undefined): Engine {
    let engine = this.hosts.get(commit);
    if (!engine) {
      const options = configFile === undefined ? {} : { configReader: this.engines.configReader, configFile: fileUri(nodePath.resolve(configFile)) };
      this.hosts.set(commit, (engine = new Engine(new RevisionHost(root, commit), undefined, options)));
    }
    return engine;
  }
}

/**
 * `OLD` or `NEW` as given: a file on the disk where one is there; else `REV:PATH`, a path from
 * the repository's root (or from the current folder, written `./` or `../`) at a revision.
 */
async function sideSpec(input: string, repository: Repository): Promise<SideSpec> {
  const onDisk = await fs.stat(input).then(
    () => true,
    () => false,
  );
  const colon = input.indexOf(':');
  // `C:\plans\a.mktplan.yaml` is a path on Windows, not a revision `C`.
  const drive = /^[A-Za-z]:[\\/]/.test(input) && process.platform === 'win32';
  if (onDisk || colon < 0 || drive) return { kind: 'disk', path: input, shown: input };
  const [revision, written] = [input.slice(0, colon), input.slice(colon + 1)];
  const root = await repository.root(input);
  const commit = await repository.commit(root, revision);
  const fromCurrent = /^\.\.?([\\/]|$)/.test(written);
  const absolute = fromCurrent ? nodePath.resolve(currentFolder(), written) : nodePath.resolve(root, written);
  const relative = pathInRepository(root, absolute);
  if (relative === undefined || relative === '') throw new SideError({ id: 'cli.notAtRevision', data: { file: written, revision } });
  return { kind: 'revision', root, commit, revision, relative, shown: input };
}

/** A version read, with the engine that reads its imports where it was read; undefined where the file is not there. */
async function versionOf(spec: SideSpec, engines: CommandLineEngines, repository: Repository, configFile: string | undefined): Promise<PlanVersion | undefined> {
  if (spec.kind === 'disk') {
    const stored = await readRegularFile(spec.path);
    if (stored.kind === 'missing') return undefined;
    if (stored.kind !== 'ok') throw new SideError(whyNotRead(spec.shown, stored));
    const decoded = decodePlanFile(stored.bytes, stored.stat.size);
    if (decoded.kind !== 'text') throw new SideError({ id: 'cli.exportNotText', data: { file: spec.shown } });
    const path = nodePath.resolve(spec.path);
    return { engine: engines.for(path, nodePath.dirname(path)), file: fileUri(path), text: decoded.text };
  }
  const engine = repository.engineAt(spec.root, spec.commit, configFile);
  const host = engine.workspace as RevisionHost;
  const shown = await host.show(spec.relative);
  if (shown.kind === 'missing') return undefined;
  if (shown.kind === 'notAFile') throw new SideError({ id: 'files.notChecked', data: { file: spec.shown, reason: 'folder', folder: '' } });
  if (shown.kind === 'unreadable') throw new SideError(shown.reason === 'ENOENT' ? { id: 'cli.gitMissing' } : { id: 'cli.cannotRead', data: { file: spec.shown, reason: { id: 'files.error', data: { code: shown.reason } } } });
  const decoded = decodePlanFile(shown.bytes, shown.bytes.length);
  if (decoded.kind !== 'text') throw new SideError({ id: 'cli.exportNotText', data: { file: spec.shown } });
  return { engine, file: fileUri(nodePath.join(spec.root, ...spec.relative.split('/'))), text: decoded.text };
}

/** A path as the reader gave it or would: from the current folder, with the system's separator. */
function shownPath(root: string, relative: string): string {
  const absolute = nodePath.join(root, ...relative.split('/'));
  return nodePath.relative(currentFolder(), absolute) || absolute;
}

/** The pairs of versions `--base` compares: each plan given, or every plan that changed since the revision, or whose imports did. */
async function basePairs(
  options: DiffOptions,
  engines: CommandLineEngines,
  repository: Repository,
): Promise<Array<{ name: string; before: SideSpec; after: SideSpec }>> {
  const revision = options.base!;
  const root = await repository.root(`--base ${revision}`);
  const commit = await repository.commit(root, revision);
  const pair = (relative: string) => {
    const name = shownPath(root, relative);
    return {
      name,
      before: { kind: 'revision', root, commit, revision, relative, shown: `${revision}:${relative}` } as const,
      after: { kind: 'disk', path: name, shown: name } as const,
    };
  };
  const files = options.inputs.filter((input) => input !== '');
  const folders: string[] = [];
  const named: string[] = [];
  for (const input of files) {
    const absolute = nodePath.resolve(currentFolder(), input);
    const relative = pathInRepository(root, absolute);
    if (relative === undefined) throw new SideError({ id: 'cli.notARepository', data: { input } });
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isDirectory()) folders.push(relative);
    else named.push(relative);
  }
  if (files.length > 0 && folders.length === 0) return named.map(pair);

  // Every plan that changed, or that imports one that did (as the working tree has it).
  const changed = await changedPlans(root, commit);
  if ('kind' in changed) throw new SideError(gitError(changed, 'diff'));
  const selected = new Set(changed.paths);
  const changedUris = new Set(changed.paths.map((relative) => fileUri(nodePath.join(root, ...relative.split('/')))));
  if (changedUris.size > 0) {
    for (const plan of (await listPlanFiles(planGlob, root, root)).plans) {
      const relative = pathInRepository(root, plan);
      if (relative === undefined || selected.has(relative)) continue;
      const stored = await readRegularFile(plan);
      if (stored.kind !== 'ok') continue;
      const decoded = decodePlanFile(stored.bytes, stored.stat.size);
      if (decoded.kind !== 'text') continue;
      const engine = engines.for(plan, root);
      const uri = fileUri(plan);
      await engine.analyze(uri, decoded.text);
      if (engine.dependenciesOf(uri).some((dependency) => changedUris.has(dependency))) selected.add(relative);
    }
  }
  const inFolders = (relative: string) => folders.length === 0 || folders.some((folder) => folder === '' || relative === folder || relative.startsWith(`${folder}/`));
  const discovered = [...selected].filter(inFolders);
  // A plan its configuration ignores is not compared, as it is not checked.
  const kept: string[] = [];
  for (const relative of discovered) {
    const absolute = nodePath.join(root, ...relative.split('/'));
    if (!(await engines.for(absolute, root).isIgnored(fileUri(absolute)))) kept.push(relative);
  }
  return [...new Set([...named, ...kept])].sort().map(pair);
}

/** `mktplan diff`: two versions of a plan, or each changed plan and its version at `--base`, compared by meaning. */
export async function diffCommand(options: DiffOptions, translator: Translator): Promise<number> {
  const errors: MessageRef[] = [];
  const printErrors = () => {
    for (const error of errors) process.stderr.write(`mktplan: ${escapeTerminal(translator.render(error))}\n`);
  };
  const engines = await CommandLineEngines.open(options.config);
  if ('refused' in engines) {
    errors.push(engines.refused);
    printErrors();
    return 2;
  }
  const repository = new Repository(engines);
  const settings = { locale: translator.locale };
  const compared: ComparedPlan[] = [];

  let pairs: Array<{ name: string; before: SideSpec; after: SideSpec }>;
  try {
    if (options.base !== undefined) {
      pairs = await basePairs(options, engines, repository);
    } else {
      const [before, after] = [await sideSpec(options.inputs[0], repository), await sideSpec(options.inputs[1], repository)];
      pairs = [{ name: before.shown === after.shown ? after.shown : `${before.shown} → ${after.shown}`, before, after }];
    }
  } catch (error) {
    if (!(error instanceof SideError)) throw error;
    errors.push(error.reason);
    printErrors();
    return 2;
  }

  for (const { name, before, after } of pairs) {
    try {
      const [old, now] = [await versionOf(before, engines, repository, options.config), await versionOf(after, engines, repository, options.config)];
      // Two files named: each must be there. With --base, a plan on one side only is added or removed.
      const missing = [old ? undefined : before, now ? undefined : after].filter((spec) => spec !== undefined);
      if (options.base !== undefined && missing.length === 2 && before.kind === 'revision') {
        errors.push({ id: 'cli.nowhere', data: { file: after.shown, revision: before.revision } });
        continue;
      }
      if (missing.length > 0 && (options.base === undefined || missing.length === 2)) {
        for (const spec of missing)
          errors.push(spec.kind === 'disk' ? { id: 'cli.noSuchInput', data: { input: spec.shown } } : { id: 'cli.notAtRevision', data: { file: spec.relative, revision: spec.revision } });
        continue;
      }
      const diff = await comparePlanVersions(old, now, settings);
      if ('unparsed' in diff) {
        for (const side of diff.unparsed) errors.push({ id: 'cli.notParsed', data: { file: (side === 'before' ? before : after).shown } });
        continue;
      }
      compared.push({ file: name, ...(old ? { before: before.shown } : {}), ...(now ? { after: after.shown } : {}), diff });
    } catch (error) {
      if (!(error instanceof SideError)) throw error;
      errors.push(error.reason);
    }
  }

  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Nothing to show when every pair failed: the errors say why.
  if (compared.length > 0 || errors.length === 0) process.stdout.write(renderDiff(options.format, compared, translator, { color, base: options.base }));
  printErrors();
  if (errors.length > 0) return 2;
  return compared.some((plan) => introducesAtLeast(plan, options.failSeverity)) ? 1 : 0;
}
