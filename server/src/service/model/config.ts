import * as nodePath from 'node:path';
import picomatch from 'picomatch';
import { schemaAt } from '../schema/definitions';
import { configSchemaRoot } from '../schema/files';
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
