import { isPlainObject, pointerSegments, type PlainObject } from '../document/data';
import type { Path } from '../document/paths';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

// Plans repeat the same few dozen dates thousands of times: each is read once.
const dayCache = new Map<string, number | undefined>();

/** Days since 1970-01-01 of a real calendar date written YYYY-MM-DD, else undefined. */
export function dayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (dayCache.has(value)) return dayCache.get(value);
  const day = parseDay(value);
  if (dayCache.size > 10_000) dayCache.clear();
  dayCache.set(value, day);
  return day;
}

function parseDay(value: string): number | undefined {
  const match = isoDate.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / 86_400_000;
}

/**
 * Typed access to a plan's data for the rules. A value that broke the schema at its own
 * place (wrong type, bad date, unknown enum value) reads as absent, so no rule trips on it.
 */
interface Trie {
  children: Map<string, Trie>;
  broken: boolean;
}

export class PlanReader {
  /** The broken values' paths as a tree of segments, so that a lookup builds no string. */
  private readonly broken: Trie = { children: new Map(), broken: false };

  constructor(
    readonly root: unknown,
    invalidPointers: ReadonlySet<string>,
  ) {
    for (const pointer of invalidPointers) {
      let node = this.broken;
      for (const segment of pointerSegments(pointer)) {
        let child = node.children.get(segment);
        if (!child) node.children.set(segment, (child = { children: new Map(), broken: false }));
        node = child;
      }
      node.broken = true;
    }
  }

  at(path: Path): unknown {
    let value = this.root;
    for (const segment of path) {
      if (typeof segment === 'number') {
        if (!Array.isArray(value)) return undefined;
        value = value[segment];
      } else {
        if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
        value = value[segment];
      }
    }
    if (value === undefined || this.isBroken(path)) return undefined;
    return value;
  }

  /** True when the text has a value at `path` that the rules read as absent because it broke the schema. */
  isBroken(path: Path): boolean {
    let node: Trie | undefined = this.broken;
    for (let index = 0; index < path.length && node; index++) node = node.children.get(String(path[index]));
    return node?.broken === true;
  }

  object(path: Path): PlainObject | undefined {
    const value = this.at(path);
    return isPlainObject(value) ? value : undefined;
  }

  list(path: Path): unknown[] | undefined {
    const value = this.at(path);
    return Array.isArray(value) ? value : undefined;
  }

  /** Indexes of the list's items that are maps. */
  objectIndexes(path: Path): number[] {
    const list = this.list(path) ?? [];
    const indexes: number[] = [];
    list.forEach((item, index) => {
      if (isPlainObject(item) && !this.isBroken([...path, index])) indexes.push(index);
    });
    return indexes;
  }

  /** True when the list holds at least one usable entry. */
  hasEntries(path: Path): boolean {
    const list = this.list(path);
    if (!list) return false;
    return list.some((_, index) => this.at([...path, index]) !== undefined && this.at([...path, index]) !== null);
  }

  text(path: Path): string | undefined {
    const value = this.at(path);
    return typeof value === 'string' ? value : undefined;
  }

  number(path: Path): number | undefined {
    const value = this.at(path);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  day(path: Path): number | undefined {
    return dayNumber(this.at(path));
  }

  has(path: Path): boolean {
    const value = this.at(path);
    return value !== undefined && value !== null;
  }
}
