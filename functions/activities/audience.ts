import type { Audience, Role, Tenant } from '../../shared/index';
import type { Caller } from '../identity/store';
import { HttpError } from '../lib/errors';
import { loadTenant } from '../lib/tenants';
import type { ActivityItem } from './items';

/**
 * Whether members of `home` (an association) may see and register for an activity. The organiser's own members
 * are always in (unless the organiser is an umbrella, which has no member companies); `umbrella` means every
 * association under the organiser's umbrella (for an umbrella organiser: its own associations).
 */
export function audienceIncludes(activity: Pick<ActivityItem, 'audience' | 'organiserId' | 'organiserKind' | 'organiserUmbrellaId'>, home: Pick<Tenant, 'id' | 'umbrellaId'>): boolean {
  const own = home.id === activity.organiserId;
  switch (activity.audience.kind) {
    case 'own_members':
      return own;
    case 'associations':
      return own || activity.audience.associationIds.includes(home.id);
    case 'umbrella':
      if (activity.organiserKind === 'umbrella') return home.umbrellaId === activity.organiserId;
      return own || (activity.organiserUmbrellaId !== undefined && home.umbrellaId === activity.organiserUmbrellaId);
    case 'link':
      return true;
  }
}

/**
 * Checks a chosen audience: an umbrella has no members of its own; chosen associations must exist and sit under
 * the same umbrella as the organiser (an umbrella's: its own associations). Reads each named association's
 * tenant row with that tenant's scoped credentials.
 */
export async function checkAudience(organiser: Tenant, audience: Audience, path = 'body.audience'): Promise<void> {
  if (audience.kind === 'own_members' && organiser.kind === 'umbrella') {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: `${path}.kind`, code: 'audience_without_members' }] });
  }
  if (audience.kind === 'umbrella' && organiser.kind === 'association' && !organiser.umbrellaId) {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: `${path}.kind`, code: 'audience_without_umbrella' }] });
  }
  if (audience.kind !== 'associations') return;
  const umbrellaId = organiser.kind === 'umbrella' ? organiser.id : organiser.umbrellaId;
  const issues: { path: string; code: string }[] = [];
  await Promise.all(
    audience.associationIds.map(async (associationId, index) => {
      const association = await loadTenant(associationId, 'association').catch(notFoundAsUndefined);
      const sibling = association && (association.id === organiser.id || (umbrellaId !== undefined && association.umbrellaId === umbrellaId));
      if (!sibling) issues.push({ path: `${path}.associationIds.${index}`, code: 'unknown_association' });
    }),
  );
  if (issues.length) throw new HttpError(400, 'validation_failed', { fields: issues.sort((a, b) => a.path.localeCompare(b.path)) });
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HttpError && error.statusCode === 404) return undefined;
  throw error;
}

/** The company a company contact speaks for in an association, once the team links it (membership `companyId`). */
export function linkedCompanyOf(caller: Caller, associationId: string): string | undefined {
  const membership = caller.memberships.find((m) => m.tenantId === associationId && m.role === 'company_contact');
  return (membership as { companyId?: string } | undefined)?.companyId;
}

/**
 * Who may register colleagues of a company from its association's side: the association's admins and editors
 * for any company of the register; a company contact only for the company their membership is linked to.
 */
export function assertMaySpeakFor(caller: Caller, role: Role, associationId: string, companyId: string): void {
  if (role === 'association_admin' || role === 'association_editor') return;
  if (role === 'company_contact' && linkedCompanyOf(caller, associationId) === companyId) return;
  throw new HttpError(403, 'not_your_company');
}
