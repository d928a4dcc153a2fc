/**
 * What a person may see and do in one tenant, to adapt the pages (hide a button, show a notice instead of a
 * register). The API decides for real on every call (functions/routes.ts, `access`); these rules mirror it so
 * that nobody is offered something that would only answer 403.
 */
import type { Me, Membership, Role, Tenant } from './contract';

/** The role that applies in a tenant: the person's own membership there, else their role in the association's
 *  umbrella, else platform admin; `null` when they have no relationship with it (the API answers 404). */
export function roleIn(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind' | 'umbrellaId'>): Role | null {
  if (!me) return null;
  const own = me.memberships.find((membership) => membership.tenantId === tenant.id);
  if (own) return own.role;
  if (tenant.kind === 'association' && tenant.umbrellaId) {
    const viaUmbrella = me.memberships.find((membership) => membership.tenantId === tenant.umbrellaId && membership.tenantKind === 'umbrella');
    if (viaUmbrella) return viaUmbrella.role;
  }
  return me.platformAdmin ? 'platform_admin' : null;
}

const REGISTER_READERS: readonly Role[] = ['association_admin', 'association_editor'];
/** An umbrella's people read an association's register only while the association shares it (a `register` grant). */
const REGISTER_READERS_BY_GRANT: readonly Role[] = ['umbrella_admin', 'umbrella_staff'];
const REGISTER_EDITORS: readonly Role[] = ['association_admin', 'association_editor'];
const PARK_READERS: readonly Role[] = [
  'association_admin',
  'association_editor',
  'company_contact',
  'umbrella_admin',
  'umbrella_staff',
  'platform_admin',
];

/**
 * The company register (list and open companies): the association's admins and editors, and the umbrella's
 * admins and staff while the association shares its register with them (`registerShared`: it granted `register`).
 */
export function canReadRegister(role: Role | null, registerShared = false): boolean {
  if (role === null) return false;
  return REGISTER_READERS.includes(role) || (registerShared && REGISTER_READERS_BY_GRANT.includes(role));
}

/** Whether this role reads the register only through the association's grant (then the grant decides). */
export function readsRegisterByGrant(role: Role | null): boolean {
  return role !== null && REGISTER_READERS_BY_GRANT.includes(role);
}

/** Adding, editing and deleting companies: never through a grant, which opens the register for reading only. */
export function canEditRegister(role: Role | null): boolean {
  return role !== null && REGISTER_EDITORS.includes(role);
}

export function canSeeParks(role: Role | null): boolean {
  return role !== null && PARK_READERS.includes(role);
}

/** Coverage (members ÷ companies, against the goals): the register's people and the umbrella's, platform admins. */
const COVERAGE_READERS: readonly Role[] = ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'];

export function canSeeCoverage(role: Role | null): boolean {
  return role !== null && COVERAGE_READERS.includes(role);
}

/**
 * Setting the goals (target coverage, founding threshold, stage): the association's OWN admins only (no role
 * through the umbrella, no platform admin).
 */
export function canEditGoals(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  return me?.memberships.find((membership) => membership.tenantId === tenant.id)?.role === 'association_admin';
}

/**
 * Adding a park and editing a park's name, place, streets and zones: the association's OWN admins only (no role
 * through the umbrella, no platform admin, no editor).
 */
export function canManageParks(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  return me?.memberships.find((membership) => membership.tenantId === tenant.id)?.role === 'association_admin';
}

/** The members' yearly dues: the association's admins and editors (never through the umbrella). */
export function canManageDues(role: Role | null): boolean {
  return role !== null && REGISTER_EDITORS.includes(role);
}

/** The roles that run a tenant's team: the association's or the umbrella's own admins. */
const TEAM_ADMINS: readonly Role[] = ['association_admin', 'umbrella_admin'];

/**
 * The team (members, invitations) and the audit log: for the tenant's OWN admins only. Unlike the other rules,
 * a role through the umbrella does not count (umbrella people get 403 on an association's team: personal data),
 * and neither does platform admin.
 */
export function canManageTeam(me: Me | undefined, tenant: Pick<Tenant, 'id'>): boolean {
  const own = me?.memberships.find((membership) => membership.tenantId === tenant.id);
  return own !== undefined && TEAM_ADMINS.includes(own.role);
}

/** The audit log follows the team's rule. */
export const canReadAudit = canManageTeam;

/**
 * Sharing the company register with the umbrella (giving and withdrawing the grant): the association's OWN admins
 * only, and only for an association that belongs to an umbrella.
 */
export function canManageGrants(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind' | 'umbrellaId'>): boolean {
  if (tenant.kind !== 'association' || !tenant.umbrellaId) return false;
  return me?.memberships.find((membership) => membership.tenantId === tenant.id)?.role === 'association_admin';
}

/** What an umbrella's associations shared with it (`GET /tenants/{umbrellaId}/grants`): its own admins and staff. */
export function canSeeUmbrellaGrants(me: Me | undefined, umbrellaId: string): boolean {
  return (
    me?.memberships.some(
      (membership) => membership.tenantId === umbrellaId && membership.tenantKind === 'umbrella' && REGISTER_READERS_BY_GRANT.includes(membership.role),
    ) ?? false
  );
}

/** Whether the umbrella's own page (with its associations) opens for this person. */
export function canOpenUmbrella(me: Me | undefined, umbrellaId: string): boolean {
  if (!me) return false;
  return me.platformAdmin || me.memberships.some((membership) => membership.tenantId === umbrellaId && membership.tenantKind === 'umbrella');
}

/** Umbrellas first, then associations, each alphabetically: the order of the switcher and the home page. */
export function sortMemberships(memberships: readonly Membership[], locale: string): Membership[] {
  const kindOrder = { umbrella: 0, association: 1 } as const;
  return [...memberships].sort(
    (a, b) => kindOrder[a.tenantKind] - kindOrder[b.tenantKind] || a.tenantName.localeCompare(b.tenantName, locale),
  );
}

// — member self-service —

/**
 * "Mijn bedrijf": a company contact's own company, for the association's OWN company contacts only (staff and
 * umbrella people use the register instead). Whether the account is linked to a company yet, the page asks the API.
 */
export function canUseSelfService(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  return me?.memberships.find((membership) => membership.tenantId === tenant.id)?.role === 'company_contact';
}

const MEMBER_DIRECTORY_READERS: readonly Role[] = ['association_admin', 'association_editor', 'company_contact'];

/** The member directory (what the association publishes to its members): its own admins, editors and company contacts. */
export function canSeeMemberDirectory(me: Me | undefined, tenant: Pick<Tenant, 'id' | 'kind'>): boolean {
  if (tenant.kind !== 'association') return false;
  const own = me?.memberships.find((membership) => membership.tenantId === tenant.id);
  return own !== undefined && MEMBER_DIRECTORY_READERS.includes(own.role);
}

// — activities: the organiser's pages —

const ACTIVITY_ORGANISERS: readonly Role[] = ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'];

/**
 * Organising activities (list, create, registrations, check-in, outcomes): the tenant's OWN admins and editors
 * (an association) or admins and staff (an umbrella); a role through the umbrella does not count (routes.ts
 * `activityOrganisers`, `viaUmbrella: false`).
 */
export function canOrganiseActivities(me: Me | undefined, tenant: Pick<Tenant, 'id'>): boolean {
  const own = me?.memberships.find((membership) => membership.tenantId === tenant.id);
  return own !== undefined && ACTIVITY_ORGANISERS.includes(own.role);
}

/** Participation figures (who took part, per year): as the coverage, plus the umbrella's people on an association. */
export const canSeeParticipation = canSeeCoverage;

// — umbrella dashboard (issue #6) —

const COMPARISON_READERS: readonly Role[] = ['umbrella_admin', 'umbrella_staff', 'platform_admin'];

/** The comparison table of an umbrella's associations: its admins and staff (and the platform), routes.ts `getComparison`. */
export function canSeeComparison(role: Role | null): boolean {
  return role !== null && COMPARISON_READERS.includes(role);
}
