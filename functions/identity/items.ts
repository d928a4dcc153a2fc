import type { Membership, Role, Tenant, TenantRole } from '../../shared/index';
import { keys } from '../lib/keys';

export type Profile = { userId: string; email?: string; name?: string };

/**
 * The two rows of one membership; always written together in one transaction. A company contact's membership
 * names their company (`companyId`) in both rows: the tenant's row for the team list, the person's own for the
 * self-service routes, which read only the caller's memberships.
 */
export function membershipItems(profile: Profile, tenant: Tenant, role: TenantRole, createdAt: string, companyId?: string) {
  const link = role === 'company_contact' && companyId ? { companyId } : {};
  const membership: Membership = {
    tenantId: tenant.id,
    tenantName: tenant.name,
    tenantKind: tenant.kind,
    role,
    ...(tenant.umbrellaId ? { umbrellaId: tenant.umbrellaId } : {}),
    ...link,
  };
  return [
    { ...keys.userMembership(profile.userId, tenant.id), type: 'userMembership', userId: profile.userId, ...membership, createdAt },
    { ...keys.tenantMember(tenant.id, profile.userId), type: 'tenantMember', ...profile, role, ...link, version: 1, createdAt },
  ];
}

export function profileItem(profile: Profile, createdAt: string) {
  return { ...keys.userProfile(profile.userId), type: 'userProfile', ...profile, createdAt };
}

export function platformAdminItem(userId: string, createdAt: string) {
  return { ...keys.userPlatformRole(userId), type: 'platformRole', userId, role: 'platform_admin' satisfies Role, createdAt };
}

export function toMembership(item: Record<string, unknown>): Membership {
  const { tenantId, tenantName, tenantKind, role, umbrellaId, companyId } = item as Membership;
  return { tenantId, tenantName, tenantKind, role, ...(umbrellaId ? { umbrellaId } : {}), ...(companyId && role === 'company_contact' ? { companyId } : {}) };
}
