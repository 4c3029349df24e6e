import picomatch from 'picomatch';
import { pointerOf } from '../document/data';
import { baseName, folderOf, relativePath } from '../document/uris';
import type { MessageRef } from '../i18n/messages';
import { message } from '../i18n/translator';
import { schemaAt } from '../schema/definitions';
import { configSchemaRoot } from '../schema/files';
import { validate, type SchemaResult } from '../schema/validate';
import type { RuleSetting } from '../types';
import type { PlanReader } from './reader';

/** The names of the shared configuration file; neither matches `*.mktplan.yaml`, so it is never checked as a plan. */
export const configFileNames = ['mktplan.config.yaml', 'mktplan.config.yml'] as const;

export function isConfigFile(file: string): boolean {
  return (configFileNames as readonly string[]).includes(baseName(file));
}

/** What a configuration file sets, its mistakes left out (they are findings of the file itself). */
export interface LoadedConfig {
  file: string;
  rules: Readonly<Record<string, RuleSetting>>;
  /** Whether a plan file is one the configuration says not to check. */
  ignores(planFile: string): boolean;
}

/**
 * Bounds on the `ignore` globs, past which a glob is a finding and is not used. picomatch turns a
 * glob into a regular expression that backtracks: on a path that does not match, each wildcard
 * multiplies the ways it is tried by the length it can span (`*a*a*a*a*a*a*a*a*a*ab` took 12 s on
 * one path of 40 letters). A run of `*` spans a name, at most `name` characters on any file
 * system; a `**` spans the whole path, at most `path` characters, so a glob has few wildcards and
 * fewer `**`. Alternatives (`{a,b}`, a group's `|`) multiply by their count of branches, and count
 * as wildcards too. Extglobs are off: `*(a*)` would be a repeated group, which backtracks
 * exponentially.
 */
export const ignoreLimits = { globs: 100, length: 256, wildcards: 3, globstars: 2, name: 255, path: 4096 } as const;

const globOptions = { dot: true, noextglob: true } as const;

/** The parts of a glob that let a match try many lengths or ways: a run of `*`, a `{…}` of alternatives, a group `(` and its `|`. */
function wildcardsOf(glob: string): number {
  return glob.match(/\*+|[{(|]/g)?.length ?? 0;
}

/** The runs of `*` that span folders: the `**` of a glob. */
function globstarsOf(glob: string): number {
  return glob.match(/\*{2,}/g)?.length ?? 0;
}

/** Why a glob is not used, or undefined when it is. */
function globProblem(glob: string): MessageRef | undefined {
  if (glob.length > ignoreLimits.length) return message('config.globTooLong', { length: glob.length, limit: ignoreLimits.length });
  const wildcards = wildcardsOf(glob);
  if (wildcards > ignoreLimits.wildcards) return message('config.globTooComplex', { count: wildcards, limit: ignoreLimits.wildcards });
  const globstars = globstarsOf(glob);
  return globstars > ignoreLimits.globstars ? message('config.globTooManyGlobstars', { count: globstars, limit: ignoreLimits.globstars }) : undefined;
}

/** Whether a path could be on a file system: longer names or paths are never matched, since the bounds above rest on them. */
function withinPathLimits(path: string): boolean {
  return path.length <= ignoreLimits.path && path.split('/').every((name) => name.length <= ignoreLimits.name);
}

/** Validates a configuration's data: its schema, and the `ignore` globs too slow to match, which then read as absent. */
export function validateConfig(data: unknown): SchemaResult {
  const result = validate(data, configSchemaRoot);
  const globs = (data as { ignore?: unknown } | null)?.ignore;
  if (!Array.isArray(globs)) return result;
  for (const [index, glob] of globs.entries()) {
    const path = ['ignore', index];
    // The globs past the limit are not used: the first of them says so.
    const problem =
      index >= ignoreLimits.globs
        ? index === ignoreLimits.globs ? message('config.tooManyGlobs', { limit: ignoreLimits.globs }) : undefined
        : typeof glob === 'string' ? globProblem(glob) : undefined;
    if (problem) result.problems.push({ path, target: 'value', message: problem });
    if (problem || index >= ignoreLimits.globs) result.invalidPointers.add(pointerOf(path));
  }
  return result;
}

/** Reads the valid parts of a configuration's data: a rule setting or a glob that breaks the schema is left out. */
export function loadConfig(file: string, read: PlanReader): LoadedConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const id of Object.keys(read.object(['rules']) ?? {})) {
    // An id that names no rule is a finding of the file, not a setting.
    if (!schemaAt(['rules', id], configSchemaRoot)) continue;
    const setting = read.text(['rules', id]);
    if (setting !== undefined) rules[id] = setting as RuleSetting;
  }
  const globs = (read.list(['ignore']) ?? []).flatMap((_, index) => read.text(['ignore', index]) ?? []);
  const matches = globs.length > 0 ? picomatch(globs, globOptions) : undefined;
  const folder = folderOf(file);
  return {
    file,
    rules,
    ignores: (planFile) => {
      if (!matches) return false;
      // Globs are relative to the configuration's folder, written with `/` on every system.
      const relative = relativePath(folder, planFile);
      return relative !== undefined && !relative.startsWith('../') && withinPathLimits(relative) && matches(relative);
    },
  };
}
