import { enumValues, schemaAt } from '../schema/definitions';

/** The parts of the work the sources give each role, as the schema's `x-role-group` says. */
export type RoleGroup = 'company-head' | 'marketing-leadership' | 'sales-leadership' | 'marketing-management';

let groups: Map<string, RoleGroup> | undefined;

/** The group of a role, from the schema; undefined for a role in none (an agency, a sales manager, other). */
export function roleGroup(role: string): RoleGroup | undefined {
  groups ??= new Map(
    enumValues(schemaAt(['team', 0, 'role'])!).flatMap((value) => (value.roleGroup ? [[value.value, value.roleGroup as RoleGroup] as const] : [])),
  );
  return groups.get(role);
}
