import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { DiskWorkspace } from './diskWorkspace';
import { Engine } from './service';

/**
 * The engine the command line checks with: the current folder is the workspace (imports stay in
 * it), and configuration files, which may stand above it up to the repository root, are read
 * wherever they are; `--config` names the one for every plan. Undefined when that file does not exist.
 */
export async function commandLineEngine(config: string | undefined): Promise<{ engine: Engine; configReader: DiskWorkspace } | undefined> {
  const configFile = config === undefined ? undefined : nodePath.resolve(config);
  if (configFile !== undefined && !(await fs.stat(configFile).catch(() => undefined))?.isFile()) return undefined;
  const configReader = new DiskWorkspace(nodePath.parse(process.cwd()).root);
  return { engine: new Engine(new DiskWorkspace(process.cwd()), undefined, { configReader, configFile }), configReader };
}
