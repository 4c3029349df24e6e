import * as nodePath from 'node:path';
import picomatch from 'picomatch';
import { pointerOf } from '../document/data';
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
  return (configFileNames as readonly string[]).includes(nodePath.basename(file));
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
 * glob into a regular expression that backtracks: each wildcard multiplies the ways a path can be
 * tried (`*a*a*a*a*a*a*a*a*a*ab` took 12 s on one path of 40 letters), so a glob has a few.
 */
export const ignoreLimits = { globs: 100, length: 256, wildcards: 3 } as const;

/** The parts of a glob that let a match try many lengths or ways: a run of `*`, a `{…}` of alternatives, an extglob's `?(`, `+(`, `@(`, `!(`. */
function wildcardsOf(glob: string): number {
  return glob.match(/\*+|\{|[?+@!]\(/g)?.length ?? 0;
}

/** Why a glob is not used, or undefined when it is. */
function globProblem(glob: string): MessageRef | undefined {
  if (glob.length > ignoreLimits.length) return message('config.globTooLong', { length: glob.length, limit: ignoreLimits.length });
  const wildcards = wildcardsOf(glob);
  return wildcards > ignoreLimits.wildcards ? message('config.globTooComplex', { count: wildcards, limit: ignoreLimits.wildcards }) : undefined;
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
  const matches = globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
  const folder = nodePath.dirname(file);
  return {
    file,
    rules,
    ignores: (planFile) => {
      if (!matches) return false;
      // Globs are relative to the configuration's folder, written with `/` on every system.
      const relative = nodePath.relative(folder, planFile).split(nodePath.sep).join('/');
      return !relative.startsWith('../') && matches(relative);
    },
  };
}
