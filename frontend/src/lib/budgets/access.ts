import type { Role } from '../contract';

/**
 * Who may see and change an association's budgets and subsidy KPIs (mirrors the `access` of the budgets routes
 * in functions/routes.ts; the API decides for real): its admins and editors write; they and its umbrella's admins
 * and staff read. Company contacts, external partners and platform admins do not see them.
 */
const READERS: readonly Role[] = ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'];
const EDITORS: readonly Role[] = ['association_admin', 'association_editor'];

export function canReadBudgets(role: Role | null): boolean {
  return role !== null && READERS.includes(role);
}

export function canEditBudgets(role: Role | null): boolean {
  return role !== null && EDITORS.includes(role);
}
