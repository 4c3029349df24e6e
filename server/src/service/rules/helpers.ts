import type { Path } from '../locate';
import type { PlanReader } from '../reader';
import type { Definition } from '../symbols';
import type { RuleContext } from './rule';

export const strategyPath: Path = ['strategy'];
export const planPath: Path = ['plan'];

export const leadershipRoles: ReadonlySet<string> = new Set(['ceo', 'cmo', 'marketing-director', 'marketing-lead']);

/** Both dates of a span, when both are real dates. */
export function span(read: PlanReader, path: Path): { start: number; end: number } | undefined {
  const start = read.day([...path, 'start']);
  const end = read.day([...path, 'end']);
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

/** Whole days from start to end, both included. */
export function daysIncluded(range: { start: number; end: number }): number {
  return range.end - range.start + 1;
}

/** A campaign with both `start` and `end`, or a milestone with `date` or `start`, puts the plan on a schedule. */
export function hasSchedule(read: PlanReader): boolean {
  const campaigns = read.objectIndexes(['plan', 'campaigns']);
  if (campaigns.some((index) => read.has(['plan', 'campaigns', index, 'start']) && read.has(['plan', 'campaigns', index, 'end']))) {
    return true;
  }
  const milestones = read.objectIndexes(['plan', 'timeline']);
  return milestones.some((index) => read.has(['plan', 'timeline', index, 'date']) || read.has(['plan', 'timeline', index, 'start']));
}

/** The team member an owner reference names, in this file or its imports. */
export function memberNamed(context: RuleContext, id: string): Definition | undefined {
  return (
    context.definitions.find((definition) => definition.kind === 'member' && definition.id === id) ??
    context.importedDefinitions.find((definition) => definition.kind === 'member' && definition.id === id)
  );
}

export function listOfMissing(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
