import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganiserRegister, ParticipationFigures, Register, Role, Tenant } from '../../shared/index';
import type { Caller } from '../identity/store';
import type { Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, invalidField, notFound } from '../lib/errors';
import { keys } from '../lib/keys';
import { loadTenant } from '../lib/tenants';
import { getCompany } from '../companies/store';
import { assertMaySpeakFor, audienceIncludes } from './audience';
import { toActivity, toRegistration, type ActivityItem, type OccurrenceItem, type RegistrationItem } from './items';
import { sendRegistrationMails } from './mail';
import {
  assertBatchFitsLimit,
  assertOpen,
  assertWholeCompanyAllowed,
  cancelOne,
  getRegistration,
  promoteWaiting,
  registerOne,
  type CancelReason,
  type Idempotency,
  type Registrant,
  type RegisterResult,
} from './registrations';
import { loadActivity, markActivityCancelled, markOccurrenceCancelled, queryOccurrenceRows, updateOccurrence } from './store';
import type { UpdateOccurrence } from '../../shared/index';

/** The flows behind the routes: rules, then the store's conditioned writes, then mail. */

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HttpError && error.statusCode === 404) return undefined;
  throw error;
}

async function activityOf(organiserId: string, activityId: string) {
  const found = await loadActivity(organiserId, activityId);
  if (!found) throw notFound();
  return found;
}

function occurrenceOf(found: { occurrences: OccurrenceItem[] }, occurrenceId: string): OccurrenceItem {
  const occurrence = found.occurrences.find((o) => o.id === occurrenceId);
  if (!occurrence) throw notFound();
  return occurrence;
}

const registrantsOf = (body: Register | OrganiserRegister): Registrant[] =>
  body.kind === 'people' ? body.people.map((person) => ({ kind: 'person' as const, person })) : [{ kind: 'company' as const, person: body.contact }];

/**
 * Registers a batch for one company, one transaction per person (each exact on its own). The whole batch is
 * refused before any write when the activity is closed, the company's limit cannot hold it, or the company is
 * not in the register; then the people go in one by one, in the order given, and the waiting list is served.
 */
async function registerBatch(input: {
  found: { activity: ActivityItem; occurrences: OccurrenceItem[] };
  occurrenceId: string;
  home: Tenant;
  companyId: string;
  body: Register | OrganiserRegister;
  actor: Actor;
  idempotency?: Idempotency;
}): Promise<{ results: { outcome: RegisterResult['outcome']; registration: ReturnType<typeof toRegistration> }[]; created: boolean }> {
  const { found, occurrenceId, home, companyId, body, actor, idempotency } = input;
  const occurrence = occurrenceOf(found, occurrenceId);
  if (found.activity.status === 'cancelled') throw new HttpError(409, 'activity_cancelled');
  assertOpen(occurrence, new Date().toISOString());
  const registrants = registrantsOf(body);
  assertWholeCompanyAllowed(found.activity, registrants);
  const company = await getCompany(home.id, companyId);
  if (!company) throw invalidField('body.companyId', 'unknown_company');
  await assertBatchFitsLimit(occurrence, company.id, registrants.length);

  const results: RegisterResult[] = [];
  for (const [index, registrant] of registrants.entries()) {
    results.push(
      await registerOne({
        activity: found.activity, occurrenceId, home, company: { id: company.id, name: company.name }, registrant, actor,
        ...(idempotency ? { idempotency: { ...idempotency, index } } : {}),
      }),
    );
  }
  for (const kind of ['confirmed', 'waitlisted'] as const) {
    await sendRegistrationMails(kind, results.filter((r) => r.outcome === kind).map((r) => r.registration), found.activity, occurrence);
  }
  // Someone may have been waitlisted while a seat was being freed: serving the queue here heals that at once.
  const promoted = await serveWaitlist(found.activity, occurrence, actor);
  const promotedIds = new Set(promoted.map((registration) => registration.id));
  // A waiting person may also have been promoted by someone else's request meanwhile: read those again.
  const current = await Promise.all(
    results.map(async ({ registration }) => {
      const mine = promoted.find((p) => p.id === registration.id);
      if (mine || registration.status !== 'waitlisted') return mine ?? registration;
      return (await getRegistration(registration.organiserId, registration.occurrenceId, registration.id)) ?? registration;
    }),
  );
  const positions = current.some((registration) => registration.status === 'waitlisted' && !promotedIds.has(registration.id))
    ? new Map((await queryOccurrenceRows(found.activity.organiserId, keys.waitlistPrefix(occurrenceId))).map((row, index) => [String(row.registrationId), index + 1]))
    : new Map<string, number>();
  const fresh = results.map((result, i) => ({
    outcome: result.outcome,
    registration: toRegistration(current[i]!, current[i]!.status === 'waitlisted' ? positions.get(current[i]!.id) : undefined),
  }));
  return { results: fresh, created: results.some((r) => r.outcome !== 'existing') };
}

/** Promotes whoever a free seat allows, and tells them. */
async function serveWaitlist(activity: ActivityItem, occurrence: OccurrenceItem, actor: Actor): Promise<RegistrationItem[]> {
  const promoted = await promoteWaiting(activity.organiserId, activity.id, occurrence.id, actor);
  if (promoted.length) await sendRegistrationMails('promoted', promoted, activity, occurrence);
  return promoted;
}

/** A member's registration, from their own association (the path's tenant), for a company they speak for. */
export async function registerAsMember(input: {
  home: Tenant; caller: Caller; role: Role; organiserId: string; activityId: string; occurrenceId: string; body: Register; actor: Actor; idempotency?: Idempotency;
}) {
  const found = await activityOf(input.organiserId, input.activityId);
  if (!audienceIncludes(found.activity, input.home)) throw new HttpError(403, 'outside_audience');
  assertMaySpeakFor(input.caller, input.role, input.home.id, input.body.companyId);
  return registerBatch({ found, occurrenceId: input.occurrenceId, home: input.home, companyId: input.body.companyId, body: input.body, actor: input.actor, ...(input.idempotency ? { idempotency: input.idempotency } : {}) });
}

/** The organiser registers people of a company of an association in the audience. */
export async function registerAsOrganiser(input: {
  organiser: Tenant; activityId: string; occurrenceId: string; body: OrganiserRegister; actor: Actor; idempotency?: Idempotency;
}) {
  const found = await activityOf(input.organiser.id, input.activityId);
  const home = input.body.associationId === input.organiser.id ? input.organiser : await loadTenant(input.body.associationId, 'association').catch(notFoundAsUndefined);
  if (!home || home.kind !== 'association') throw invalidField('body.associationId', 'unknown_association');
  if (!audienceIncludes(found.activity, home)) throw invalidField('body.associationId', 'outside_audience');
  return registerBatch({ found, occurrenceId: input.occurrenceId, home, companyId: input.body.companyId, body: input.body, actor: input.actor, ...(input.idempotency ? { idempotency: input.idempotency } : {}) });
}

async function cancelAndServe(found: { activity: ActivityItem; occurrences: OccurrenceItem[] }, occurrenceId: string, registrationId: string, reason: CancelReason, actor: Actor, check?: Parameters<typeof cancelOne>[0]['check']) {
  const occurrence = occurrenceOf(found, occurrenceId);
  const { registration, changed, seatFreed } = await cancelOne({ organiserId: found.activity.organiserId, activityId: found.activity.id, occurrenceId, registrationId, reason, actor, ...(check ? { check } : {}) });
  if (changed) await sendRegistrationMails('cancelled', [registration], found.activity, occurrence);
  // Also when nothing changed here: a retried cancellation must still finish the promotion it may have missed.
  if (seatFreed || !changed) await serveWaitlist(found.activity, occurrence, actor);
  return toRegistration(registration);
}

/** A member cancels their company's registration, until the registration deadline. */
export async function cancelAsMember(input: { home: Tenant; caller: Caller; role: Role; organiserId: string; activityId: string; occurrenceId: string; registrationId: string; actor: Actor }) {
  const found = await activityOf(input.organiserId, input.activityId);
  return cancelAndServe(found, input.occurrenceId, input.registrationId, 'by_contact', input.actor, (registration, occurrence) => {
    if (registration.associationId !== input.home.id) throw notFound();
    assertMaySpeakFor(input.caller, input.role, input.home.id, registration.companyId);
    if (occurrence.closesAt <= new Date().toISOString()) throw new HttpError(409, 'registration_deadline_passed');
  });
}

export async function cancelAsOrganiser(input: { organiserId: string; activityId: string; occurrenceId: string; registrationId: string; actor: Actor }) {
  const found = await activityOf(input.organiserId, input.activityId);
  return cancelAndServe(found, input.occurrenceId, input.registrationId, 'by_organiser', input.actor);
}

/** Releases every live registration of a cancelled occurrence (credits withdrawn) and tells each person. */
async function releaseOccurrence(activity: ActivityItem, occurrence: OccurrenceItem, actor: Actor): Promise<void> {
  const rows = (await queryOccurrenceRows(activity.organiserId, keys.registrationPrefix(occurrence.id))) as RegistrationItem[];
  const released: RegistrationItem[] = [];
  for (const row of rows.filter((r) => r.status !== 'cancelled')) {
    const { registration, changed } = await cancelOne({ organiserId: activity.organiserId, activityId: activity.id, occurrenceId: occurrence.id, registrationId: row.id, reason: 'activity_cancelled', actor });
    if (changed) released.push(registration);
  }
  await sendRegistrationMails('activity_cancelled', released, activity, occurrence);
}

export async function cancelActivity(organiserId: string, activityId: string, version: number, actor: Actor) {
  const { activity, occurrences } = await markActivityCancelled(organiserId, activityId, version, actor);
  for (const occurrence of occurrences) await releaseOccurrence(activity, occurrence, actor);
  const after = await activityOf(organiserId, activityId);
  return toActivity(after.activity, after.occurrences);
}

export async function cancelOccurrence(organiserId: string, activityId: string, occurrenceId: string, version: number, actor: Actor) {
  const found = await activityOf(organiserId, activityId);
  const occurrence = await markOccurrenceCancelled(organiserId, activityId, occurrenceId, version, actor);
  await releaseOccurrence(found.activity, occurrence, actor);
  const after = await activityOf(organiserId, activityId);
  return toActivity(after.activity, after.occurrences);
}

/** Moves an occurrence or changes its seats; added seats go to the waitlist, a move is announced. */
export async function changeOccurrence(organiserId: string, activityId: string, occurrenceId: string, input: UpdateOccurrence, actor: Actor) {
  const { after, moved, seatsAdded } = await updateOccurrence(organiserId, activityId, occurrenceId, input, actor);
  const found = await activityOf(organiserId, activityId);
  if (seatsAdded) await serveWaitlist(found.activity, after, actor);
  if (moved) {
    const rows = (await queryOccurrenceRows(organiserId, keys.registrationPrefix(occurrenceId))) as RegistrationItem[];
    await sendRegistrationMails('moved', rows.filter((r) => r.status !== 'cancelled'), found.activity, after);
  }
  const latest = await activityOf(organiserId, activityId);
  return toActivity(latest.activity, latest.occurrences);
}

/** What a tenant is credited with in a year: its own companies' participation (an umbrella: its associations'). */
export async function participationFigures(tenantId: string, year: number): Promise<ParticipationFigures> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.participationYear(tenantId, year), ConsistentRead: true }),
  );
  return {
    year,
    participantsRegistered: Number(Item?.participantsRegistered ?? 0),
    participantsAttended: Number(Item?.participantsAttended ?? 0),
    companiesRegistered: Number(Item?.companiesRegistered ?? 0),
    companiesAttended: Number(Item?.companiesAttended ?? 0),
  };
}

/**
 * The activity as a member of `home` sees it: without the organiser's audience list or the host's register ids
 * (they name other tenants), with their own association's registrations (a contact: only their company's).
 */
export async function offeredActivity(input: { home: Tenant; caller: Caller; role: Role; organiserId: string; activityId: string }) {
  const found = await activityOf(input.organiserId, input.activityId);
  if (!audienceIncludes(found.activity, input.home)) throw new HttpError(403, 'outside_audience');
  const activity = toActivity(found.activity, found.occurrences);
  const linked = input.role === 'company_contact' ? (input.caller.memberships.find((m) => m.tenantId === input.home.id) as { companyId?: string } | undefined)?.companyId : undefined;
  const mine = await Promise.all(
    found.occurrences.map(async (occurrence) => {
      const rows = (await queryOccurrenceRows(input.organiserId, keys.registrationPrefix(occurrence.id))) as RegistrationItem[];
      let position = 0;
      return rows
        .map((row) => ({ row, position: row.status === 'waitlisted' ? ++position : undefined }))
        .filter(({ row }) => row.associationId === input.home.id && (input.role !== 'company_contact' || row.companyId === linked))
        .map(({ row, position: p }) => toRegistration(row, p));
    }),
  );
  const { place, audience, ...rest } = activity;
  const publicPlace =
    place.kind === 'company'
      ? { kind: place.kind, companyName: place.companyName, street: place.street, houseNumber: place.houseNumber, postalCode: place.postalCode, municipality: place.municipality, note: place.note }
      : place;
  return { ...rest, place: publicPlace, audience: { kind: audience.kind }, myRegistrations: mine.flat() };
}
