import type { Me, Tenant } from '../contract';

/**
 * The association's position among its peers (routes.ts `getPeerPosition`; the API decides for real): its OWN
 * admins and editors. Umbrella people have the comparison table itself; contacts and partners do not see figures.
 */
export function canSeePeerPosition(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  const own = me?.memberships.find((membership) => membership.tenantId === tenant.id);
  return own?.role === 'association_admin' || own?.role === 'association_editor';
}
