import type { MyRegistration, Role } from '../../shared/index';
import type { Caller } from '../identity/store';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryAll } from '../lib/query';
import { linkedCompanyOf } from '../activities/audience';
import type { ActivityItem, OccurrenceItem } from '../activities/items';
import { loadActivity } from '../activities/store';

export type When = 'upcoming' | 'past' | 'all';

/**
 * Which companies' registrations a caller may list in their association: a company contact only their linked
 * company (another one is 403 `not_your_company`; none linked yet: nothing); admins and editors any one, or all.
 */
export function companyScope(caller: Caller, role: Role, associationId: string, companyId: string | undefined): { companyId?: string } | 'none' {
  if (role !== 'company_contact') return companyId ? { companyId } : {};
  const linked = linkedCompanyOf(caller, associationId);
  if (companyId && companyId !== linked) throw new HttpError(403, 'not_your_company');
  return linked ? { companyId: linked } : 'none';
}

/** The home association's copies of its companies' registrations: one company's (gsi1) or all of them (gsi2). */
async function copiesOf(associationId: string, companyId: string | undefined): Promise<Record<string, unknown>[]> {
  const [index, pk] = companyId ? ['gsi1', keys.participationsOfCompany(associationId, companyId)] : ['gsi2', keys.participationsOfAssociation(associationId)];
  return queryAll(
    { TableName: tableName(), IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk } },
    tenantClient(associationId),
  );
}

/**
 * Registrations of the association's companies across every organiser, with the activity and occurrence as they
 * are now (moved, cancelled). The organisers' partitions are read with their own scoped credentials, once per
 * distinct activity however many registrations point at it.
 */
export async function myRegistrations(associationId: string, scope: { companyId?: string } | 'none', when: When, now = new Date().toISOString()): Promise<MyRegistration[]> {
  return (await joinedRegistrations(associationId, scope, when, now)).map((joined) => joined.registration);
}

/**
 * The same, each with a SEQUENCE for calendar files: it grows with the activity's and the occurrence's versions
 * and with the registration's status (waitlisted → confirmed → cancelled), so subscribed apps take every change.
 */
export async function joinedRegistrations(associationId: string, scope: { companyId?: string } | 'none', when: When, now = new Date().toISOString()): Promise<{ registration: MyRegistration; sequence: number; place: ActivityItem['place']; description?: string }[]> {
  if (scope === 'none') return [];
  const copies = await copiesOf(associationId, scope.companyId);
  const activityKeys = [...new Set(copies.map((copy) => `${copy.organiserId}/${copy.activityId}`))];
  const loaded = new Map<string, { activity: ActivityItem; occurrences: OccurrenceItem[] }>();
  await Promise.all(
    activityKeys.map(async (key) => {
      const [organiserId, activityId] = key.split('/') as [string, string];
      const found = await loadActivity(organiserId, activityId);
      if (found) loaded.set(key, found);
    }),
  );
  const items: { registration: MyRegistration; sequence: number; place: ActivityItem['place']; description?: string }[] = [];
  const statusStep = { waitlisted: 0, confirmed: 1, cancelled: 2 } as const;
  for (const copy of copies) {
    const found = loaded.get(`${copy.organiserId}/${copy.activityId}`);
    const occurrence = found?.occurrences.find((o) => o.id === copy.occurrenceId);
    if (!found || !occurrence) continue;
    const past = Date.parse(occurrence.endsAt) <= Date.parse(now);
    if ((when === 'upcoming' && past) || (when === 'past' && !past)) continue;
    const registration: MyRegistration = {
      id: String(copy.registrationId),
      organiserId: found.activity.organiserId,
      organiserName: found.activity.organiserName,
      activityId: found.activity.id,
      occurrenceId: occurrence.id,
      activityTitle: found.activity.title,
      activityType: found.activity.activityType,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      occurrenceStatus: found.activity.status === 'cancelled' || occurrence.status === 'cancelled' ? 'cancelled' : 'scheduled',
      kind: copy.kind as MyRegistration['kind'],
      name: String(copy.name),
      companyId: String(copy.companyId),
      companyName: String(copy.companyName ?? ''),
      status: copy.status as MyRegistration['status'],
      registrationClosesAt: occurrence.closesAt,
    };
    items.push({
      registration,
      sequence: found.activity.version + occurrence.version - 2 + statusStep[registration.status],
      place: found.activity.place,
      ...(found.activity.description ? { description: found.activity.description } : {}),
    });
  }
  type Joined = (typeof items)[number];
  const byStart = (a: Joined, b: Joined) => Date.parse(a.registration.startsAt) - Date.parse(b.registration.startsAt) || a.registration.id.localeCompare(b.registration.id);
  return items.sort(when === 'past' ? (a, b) => byStart(b, a) : byStart);
}
