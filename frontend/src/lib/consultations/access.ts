import type { Me, Tenant } from '../contract';

/**
 * The consultation log is the umbrella's own: its OWN admins and staff read and write it (not the platform admin,
 * never an association). Mirrors the route table's access (functions/routes.ts, `umbrellaStaff`).
 */
export function canKeepConsultationLog(me: Me | undefined, umbrella: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (umbrella.kind !== 'umbrella') return false;
  const role = me?.memberships.find((membership) => membership.tenantId === umbrella.id)?.role;
  return role === 'umbrella_admin' || role === 'umbrella_staff';
}

/** Today in Brussels (`YYYY-MM-DD`): a contact moment lies on or before it; a follow-up before it is overdue. */
export function todayInBrussels(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
