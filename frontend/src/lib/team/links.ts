import { resolve } from '$app/paths';
import type { TenantKind } from '../contract';

/** The pages of one tenant; umbrellas and associations have the same set under their own path. */
export function tenantHref(kind: TenantKind, id: string): string {
  return kind === 'umbrella' ? resolve('/umbrellas/[id]', { id }) : resolve('/associations/[id]', { id });
}

export function teamHref(kind: TenantKind, id: string): string {
  return kind === 'umbrella' ? resolve('/umbrellas/[id]/team', { id }) : resolve('/associations/[id]/team', { id });
}

export function auditHref(kind: TenantKind, id: string): string {
  return kind === 'umbrella' ? resolve('/umbrellas/[id]/audit', { id }) : resolve('/associations/[id]/audit', { id });
}

/** How a member is named on screen: the name, else the e-mail address, else the id. */
export function displayName(person: { name?: string; email?: string; userId: string }): string {
  return person.name?.trim() || person.email?.trim() || person.userId;
}
