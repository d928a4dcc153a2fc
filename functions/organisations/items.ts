import type { AssociationSummary, Park, Tenant, TenantKind } from '../../shared/index';
import { keys } from '../lib/keys';

/** Item shapes of this context; the seed and the store both build items here so they cannot drift. */
export type TenantItem = Tenant & { pk: string; sk: string; type: 'tenant'; gsi1pk: string; gsi1sk: string; version: number; createdAt: string };
export type UmbrellaAssociationItem = AssociationSummary & { pk: string; sk: string; type: 'umbrellaAssociation' };
export type ParkItem = Omit<Park, 'companyCount' | 'memberCount' | 'version' | 'streets' | 'zones'> & { streets?: string[]; zones?: Park['zones']; pk: string; sk: string; type: 'park'; tenantId: string; companyCount: number; memberCount: number; version: number; createdAt: string };

/** Association figures kept on the tenant item, changed in the same transactions as what they count. */
export type TenantStats = { parkCount: number; companyCount: number; memberCount?: number };

export function tenantItem(tenant: Tenant, createdAt: string, stats?: TenantStats): TenantItem {
  return {
    ...keys.tenant(tenant.id),
    ...keys.tenantDirectory(tenant.kind, tenant.name, tenant.id),
    type: 'tenant',
    ...tenant,
    ...(stats ? { memberCount: 0, ...stats, statsVersion: 1 } : {}),
    version: 1,
    createdAt,
  };
}

export function umbrellaAssociationItem(umbrellaId: string, summary: AssociationSummary): UmbrellaAssociationItem {
  return { ...keys.umbrellaAssociation(umbrellaId, summary.id), type: 'umbrellaAssociation', ...summary };
}

export function parkItem(tenantId: string, park: Omit<Park, 'companyCount' | 'memberCount' | 'version' | 'streets' | 'zones'> & Partial<Pick<Park, 'streets' | 'zones'>>, createdAt: string, companyCount = 0, memberCount = 0): ParkItem {
  return { ...keys.park(tenantId, park.id), type: 'park', tenantId, ...park, companyCount, memberCount, version: 1, createdAt };
}

export function toTenant(item: Record<string, unknown>): Tenant {
  const { id, kind, name, region, website, umbrellaId, umbrellaName } = item as TenantItem;
  return { id, kind: kind as TenantKind, name, region, website, umbrellaId, umbrellaName };
}

export function toAssociationSummary(item: Record<string, unknown>): AssociationSummary {
  const { id, name, region, parkCount, companyCount, memberCount, lastContactAt } = item as UmbrellaAssociationItem;
  return { id, name, region, parkCount, companyCount, memberCount: memberCount ?? 0, ...(lastContactAt ? { lastContactAt } : {}) };
}

export function toPark(item: Record<string, unknown>): Park {
  const { id, name, municipality, postalCode, streets, zones, companyCount, memberCount, version } = item as ParkItem;
  return { id, name, municipality, postalCode, streets: streets ?? [], zones: zones ?? [], companyCount, memberCount: memberCount ?? 0, version };
}
