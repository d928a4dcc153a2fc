import type { Me, Role, Tenant } from '../../contract';

/**
 * Who takes part in activities from an association's side (mirrors `activityMembers` in functions/routes.ts; the
 * API decides for real): the association's OWN admins and editors, for any company of its register, and its
 * company contacts, for the one company their membership is linked to. Umbrella people and platform admins do not.
 */
const MEMBER_ROLES: readonly Role[] = ['association_admin', 'association_editor', 'company_contact'];

export function ownRole(me: Me | undefined, tenantId: string): Role | null {
  return me?.memberships.find((membership) => membership.tenantId === tenantId)?.role ?? null;
}

export function canUseActivities(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  const role = ownRole(me, tenant.id);
  return role !== null && MEMBER_ROLES.includes(role);
}

/** Staff register any company of the register (they pick one); a contact only their own. */
export function picksCompany(me: Me | undefined, tenantId: string): boolean {
  const role = ownRole(me, tenantId);
  return role === 'association_admin' || role === 'association_editor';
}

/** A company contact's linked company in this association (absent while the account is not linked). */
export function linkedCompanyId(me: Me | undefined, tenantId: string): string | undefined {
  const membership = me?.memberships.find((candidate) => candidate.tenantId === tenantId);
  return membership?.role === 'company_contact' ? membership.companyId : undefined;
}
