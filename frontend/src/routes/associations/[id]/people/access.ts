import type { Role } from '#lib/contract.ts';

/**
 * Who may see and change the association's people (mirrors the `access` of the people routes in
 * functions/routes.ts; the API decides for real): its admins and editors write; its company contacts and its
 * umbrella's admins and staff read. External partners and platform admins do not see them.
 */
const READERS: readonly Role[] = ['association_admin', 'association_editor', 'company_contact', 'umbrella_admin', 'umbrella_staff'];
const EDITORS: readonly Role[] = ['association_admin', 'association_editor'];

export function canReadPeople(role: Role | null): boolean {
  return role !== null && READERS.includes(role);
}

export function canEditPeople(role: Role | null): boolean {
  return role !== null && EDITORS.includes(role);
}
