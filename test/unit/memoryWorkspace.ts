import * as nodePath from 'node:path';
import { Engine } from '../../server/src/service';
import type { Diagnostic, ReadResult, Settings, WorkspaceReader } from '../../server/src/service';

/** Files in memory, for tests: paths are relative to `/workspace`. */
export class MemoryWorkspace implements WorkspaceReader {
  readonly root = '/workspace';
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(this.resolve(path), text);
  }

  resolve(path: string): string {
    return nodePath.resolve(this.root, path);
  }

  async read(absolutePath: string): Promise<ReadResult> {
    const text = this.files.get(absolutePath);
    return text === undefined ? { kind: 'missing' } : { kind: 'ok', text };
  }
}

/** Checks one text as `/workspace/<name>`, with other files of the workspace given. */
export async function check(text: string, options: { name?: string; files?: Record<string, string>; settings?: Settings } = {}): Promise<Diagnostic[]> {
  const workspace = new MemoryWorkspace(options.files);
  const engine = new Engine(workspace);
  return engine.check(workspace.resolve(options.name ?? 'test.mktplan.yaml'), text, options.settings);
}
