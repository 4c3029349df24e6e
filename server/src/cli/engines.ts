import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { systemError } from './files';
import { DiskWorkspace, isInside, specialKindOf } from '../hosts/disk';
import { findEnclosingRepository } from '../hosts/repository';
import { Engine, fileUri, ParseCache, type ImportLoader } from '../service';
import type { MessageRef } from '../service/i18n/messages';

/** Each folder's boundary, by the folder given that holds it, as a run found it. */
const boundaryOfFolder = new Map<string, string>();

/**
 * The folder a plan's imports may not leave, found from the plan's own place and never from
 * where the command runs (plan-format.md, "Where the command line looks"): the repository that
 * holds it; outside one, the current folder when it holds the plan, else the folder given on
 * the command line that holds it (for a file given by name, its own folder).
 */
export function importBoundary(plan: string, givenFolder: string): string {
  const folder = nodePath.dirname(nodePath.resolve(plan));
  // A run asks for every plan of a folder, and the answer is the folder's: the disk is looked at once a folder.
  const key = `${folder}\u0000${givenFolder}`;
  let boundary = boundaryOfFolder.get(key);
  if (boundary === undefined) boundaryOfFolder.set(key, (boundary = folderBoundary(folder, givenFolder)));
  return boundary;
}

function folderBoundary(folder: string, givenFolder: string): string {
  const repository = findEnclosingRepository(folder);
  if (repository !== undefined) return repository;
  // A plan is inside the current folder when its own folder is.
  return isInside(process.cwd(), folder) ? process.cwd() : nodePath.resolve(givenFolder);
}

/** What the engines of one thread share with the run: the files read already, and the imported files other threads read. */
export interface EngineSharing {
  readFirst?: (path: string) => { bytes: Uint8Array; size: number } | undefined;
  /** The loader of imported files for the engine of one import boundary (a folder's path). */
  importLoaderFor?: (root: string) => ImportLoader;
}

/**
 * The engines the command line checks with, one per import boundary, sharing their parses.
 * Configuration files, which may stand above a boundary up to the repository root, are read
 * wherever they are; `--config` names the one for every plan.
 */
export class CommandLineEngines {
  readonly configReader = new DiskWorkspace(nodePath.parse(process.cwd()).root);
  /** A run checks each plan once and lets go of it (`Checker.check`), and lends what other plans import as loaded, not as parsed: it keeps few parses, which the collector would otherwise copy over and over. */
  private readonly cache = new ParseCache(8);
  private readonly engines = new Map<string, Engine>();

  private constructor(
    private readonly configFile: string | undefined,
    private readonly sharing: EngineSharing,
  ) {}

  /** The engines, or why the file `--config` names cannot be the configuration (missing, unreadable, a folder or a pipe). */
  static async open(config: string | undefined, sharing: EngineSharing = {}): Promise<CommandLineEngines | { refused: MessageRef }> {
    if (config === undefined) return new CommandLineEngines(undefined, sharing);
    const looked = await fs.stat(config).then(
      (stat) => ({ special: specialKindOf(stat) }),
      (error: NodeJS.ErrnoException) => ({ code: error.code ?? error.message }),
    );
    if ('code' in looked) return { refused: looked.code === 'ENOENT' ? { id: 'cli.noConfig', data: { file: config } } : { id: 'cli.cannotRead', data: { file: config, reason: systemError(looked.code) } } };
    if (looked.special) return { refused: { id: 'cli.configNotAFile', data: { file: config, reason: looked.special } } };
    return new CommandLineEngines(fileUri(nodePath.resolve(config)), sharing);
  }

  /** The engine whose workspace is the plan's import boundary. */
  for(plan: string, givenFolder: string): Engine {
    const root = importBoundary(plan, givenFolder);
    let engine = this.engines.get(root);
    if (!engine) {
      const { readFirst, importLoaderFor } = this.sharing;
      engine = new Engine(new DiskWorkspace(root, readFirst), this.cache, { configReader: this.configReader, configFile: this.configFile, importLoader: importLoaderFor?.(root) });
      this.engines.set(root, engine);
    }
    return engine;
  }
}
