import { URI, Utils } from 'vscode-uri';

// Files are named by URIs, so that a folder of `vscode-vfs://` (github.dev) or of the editor's
// memory is read as a `file://` one is. Each is kept in the one form `URI.toString()` writes, so
// that two names of one file are one string.

/** A URI in its one written form: `file:///a%20b/c.yaml` for `file:///a b/c.yaml` too. */
export function normalUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** The URI of a file on a disk, from its absolute path. */
export function fileUri(path: string): string {
  return URI.file(path).toString();
}

/** The folder that holds a file (or a folder); a root is its own folder. */
export function folderOf(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

/** The last segment of a URI's path, decoded: a file's name as its reader knows it. */
export function baseName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** A name, or a relative path with `/`, inside a folder. */
export function joinUri(folder: string, relativePath: string): string {
  return Utils.joinPath(URI.parse(folder), relativePath).toString();
}

/** A path written in a file (relative, or absolute on its scheme's root; `\` read as `/`) from the file's folder. */
export function resolveFrom(file: string, written: string): string {
  return Utils.resolvePath(Utils.dirname(URI.parse(file)), written.replace(/\\/g, '/')).toString();
}

function segmentsOf(uri: URI): string[] {
  return uri.path.split('/').filter((segment) => segment !== '');
}

/**
 * The path from a folder to a file, with `/` and `..` as needed; undefined where the two do not
 * share a scheme and an authority (no path leads from one to the other).
 */
export function relativePath(folder: string, file: string): string | undefined {
  const [from, to] = [URI.parse(folder), URI.parse(file)];
  if (from.scheme !== to.scheme || from.authority !== to.authority) return undefined;
  const [fromSegments, toSegments] = [segmentsOf(from), segmentsOf(to)];
  let shared = 0;
  while (shared < fromSegments.length && shared < toSegments.length && fromSegments[shared] === toSegments[shared]) shared++;
  return [...fromSegments.slice(shared).map(() => '..'), ...toSegments.slice(shared)].join('/');
}

/** Whether a file (or folder) is the folder itself or lies under it. */
export function isInside(folder: string, file: string): boolean {
  const relative = relativePath(folder, file);
  return relative !== undefined && relative !== '..' && !relative.startsWith('../');
}
