import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulidx';
import { WHOLE_COMPANY_TYPES, type PersonInput, type Registration, type Tenant } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound } from '../lib/errors';
import { keys } from '../lib/keys';
import { createLogger } from '../lib/logger';
import { creditItems, type Credited } from './credits';
import { toRegistration, type ActivityItem, type OccurrenceItem, type RegistrationItem } from './items';
import { participationClient } from './participation-client';
import { queryOccurrenceRows } from './store';
import { AGAIN, transact, untilSettled, type TransactItem } from './transact';

const logger = createLogger('activities');
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Registration ids are taken on arrival and order the waitlist: monotonic within a process, time-ordered across. */
const nextRegistrationId = monotonicFactory();

/** The normalised e-mail, hashed: the registrant row's key (no personal data in keys) for “never twice”. */
export function personKey(email: string): string {
  return `E${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`;
}
const companyKey = (companyId: string) => `C${companyId}`;

export type Registrant = { kind: 'person' | 'company'; person: PersonInput };
export type CompanyRef = { id: string; name: string };
export type Outcome = 'confirmed' | 'waitlisted' | 'existing';
export type RegisterResult = { outcome: Outcome; registration: RegistrationItem };
/** One per person of a request: the key row makes each person's registration happen once per Idempotency-Key. */
export type Idempotency = { key: string; fingerprint: string };

const get = async (client: DynamoDBDocumentClient, key: { pk: string; sk: string }) =>
  (await client.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

/** Why a registration is refused before anything is written; the same checks sit in the write's condition. */
function refusal(occurrence: OccurrenceItem | undefined, now: string): HttpError | undefined {
  if (!occurrence) return notFound();
  if (occurrence.status !== 'scheduled') return new HttpError(409, 'activity_cancelled');
  if (!occurrence.registrationOpen) return new HttpError(409, 'registration_closed');
  if (occurrence.closesAt <= now) return new HttpError(409, 'registration_deadline_passed');
  return undefined;
}

export function assertWholeCompanyAllowed(activity: ActivityItem, registrants: Registrant[]): void {
  if (registrants.some((r) => r.kind === 'company') && !WHOLE_COMPANY_TYPES.includes(activity.activityType)) {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: 'body.kind', code: 'whole_company_not_allowed' }] });
  }
}

/** Refuses a batch that cannot fit the company's limit as a whole, before writing any of it. */
export async function assertBatchFitsLimit(occurrence: OccurrenceItem, companyId: string, count: number): Promise<void> {
  if (occurrence.perCompanyLimit === undefined) return;
  const row = await get(tenantClient(occurrence.organiserId), keys.occurrenceCompany(occurrence.organiserId, occurrence.id, companyId));
  if (Number(row?.seats ?? 0) + count > occurrence.perCompanyLimit) throw new HttpError(409, 'company_limit_reached');
}

export function assertOpen(occurrence: OccurrenceItem | undefined, now: string): asserts occurrence is OccurrenceItem {
  const refused = refusal(occurrence, now);
  if (refused) throw refused;
}

function participationCopy(item: RegistrationItem) {
  return {
    ...keys.participation(item.associationId, item.id),
    gsi1pk: keys.participationsOfCompany(item.associationId, item.companyId),
    gsi1sk: item.id,
    // gsi2: all of the association's copies (its staff's “my registrations” without a company filter)
    gsi2pk: keys.participationsOfAssociation(item.associationId),
    gsi2sk: item.id,
    type: 'participation',
    registrationId: item.id,
    organiserId: item.organiserId,
    activityId: item.activityId,
    occurrenceId: item.occurrenceId,
    companyId: item.companyId,
    companyName: item.companyName,
    name: item.name,
    kind: item.kind,
    year: item.year,
    status: item.status,
  };
}

const setCopyStatus = (item: RegistrationItem, status: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.participation(item.associationId, item.id),
    UpdateExpression: 'SET #status = :status',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status },
  },
});

const credited = (item: RegistrationItem): Credited => ({
  associationId: item.associationId,
  ...(item.umbrellaId ? { umbrellaId: item.umbrellaId } : {}),
  companyId: item.companyId,
  year: item.year,
  kind: item.kind,
});

const clientFor = (item: Pick<RegistrationItem, 'organiserId' | 'associationId' | 'umbrellaId'>) =>
  participationClient({ organiserId: item.organiserId, homeId: item.associationId, ...(item.umbrellaId ? { homeUmbrellaId: item.umbrellaId } : {}) });

async function replayed(organiserId: string, idempotency: Idempotency, index: number): Promise<RegisterResult | undefined> {
  const row = await get(tenantClient(organiserId), keys.idempotency(organiserId, 'register', `${idempotency.key}#${index}`));
  if (!row || Number(row.expiresAt) < Date.now() / 1000) return undefined;
  if (row.fingerprint !== idempotency.fingerprint) {
    throw new HttpError(422, 'idempotency_key_reused', { fields: [{ path: 'header.idempotency-key', code: 'idempotency_key_reused' }] });
  }
  const registration = await get(tenantClient(organiserId), keys.registration(organiserId, String(row.occurrenceId), String(row.registrationId)));
  if (!registration) throw notFound();
  return { outcome: row.outcome as Outcome, registration: registration as RegistrationItem };
}

/**
 * Registers one person (or a whole company) for one occurrence, in one TransactWriteItems: the registrant row
 * (never twice), the registration, the seat or waitlist counter (conditioned on the state that was read), the
 * company's seat count (conditioned on its limit), the credits (when a seat is taken), the home's copy, the
 * audit row and, with an Idempotency-Key, its key row. A seat goes to the newcomer only when nobody waits, so
 * the waitlist keeps its order; a lost race re-reads and decides again.
 */
export async function registerOne(input: {
  activity: ActivityItem;
  occurrenceId: string;
  home: Tenant;
  company: CompanyRef;
  registrant: Registrant;
  actor: Actor;
  idempotency?: Idempotency & { index: number };
}): Promise<RegisterResult> {
  const { activity, occurrenceId, home, company, registrant, actor, idempotency } = input;
  const organiserId = activity.organiserId;
  const organiser = tenantClient(organiserId);
  if (idempotency) {
    const earlier = await replayed(organiserId, idempotency, idempotency.index);
    if (earlier) return earlier;
  }
  const registrantKey = registrant.kind === 'person' ? personKey(registrant.person.email) : companyKey(company.id);
  const id = nextRegistrationId(Date.parse(actor.now));
  const client = participationClient({ organiserId, homeId: home.id, ...(home.umbrellaId ? { homeUmbrellaId: home.umbrellaId } : {}) });

  return untilSettled(async () => {
    const now = new Date().toISOString();
    const [occurrence, guard, companyRow] = await Promise.all([
      get(organiser, keys.occurrence(organiserId, activity.id, occurrenceId)) as Promise<OccurrenceItem | undefined>,
      get(organiser, keys.registrant(organiserId, occurrenceId, registrantKey)),
      get(organiser, keys.occurrenceCompany(organiserId, occurrenceId, company.id)),
    ]);
    assertOpen(occurrence, now);
    if (guard) {
      const existing = (await get(organiser, keys.registration(organiserId, occurrenceId, String(guard.registrationId)))) as RegistrationItem | undefined;
      if (!existing) return AGAIN; // the guard of a registration being cancelled right now
      if (existing.companyId !== company.id) throw new HttpError(409, 'already_registered');
      return { outcome: 'existing' as const, registration: existing };
    }
    if (occurrence.perCompanyLimit !== undefined && Number(companyRow?.seats ?? 0) >= occurrence.perCompanyLimit) {
      throw new HttpError(409, 'company_limit_reached');
    }
    const seat = (occurrence.capacity === undefined || occurrence.taken < occurrence.capacity) && occurrence.waiting === 0;
    const item: RegistrationItem = {
      ...keys.registration(organiserId, occurrenceId, id),
      type: 'registration',
      id,
      organiserId,
      activityId: activity.id,
      occurrenceId,
      kind: registrant.kind,
      registrantKey,
      name: registrant.person.name,
      email: registrant.person.email.trim().toLowerCase(),
      ...(registrant.person.function ? { function: registrant.person.function } : {}),
      ...(registrant.person.notes ? { notes: registrant.person.notes } : {}),
      language: registrant.person.language,
      companyId: company.id,
      companyName: company.name,
      associationId: home.id,
      ...(home.umbrellaId ? { umbrellaId: home.umbrellaId } : {}),
      year: occurrence.year,
      status: seat ? 'confirmed' : 'waitlisted',
      attendance: 'unknown',
      registeredAt: actor.now,
      registeredBy: actor.userId,
      version: 1,
    };
    const open = 'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND closesAt > :now';
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.registrant(organiserId, occurrenceId, registrantKey), type: 'registrant', registrationId: id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(),
          Key: keys.occurrence(organiserId, activity.id, occurrenceId),
          UpdateExpression: seat ? 'ADD taken :one' : 'ADD waiting :one',
          ConditionExpression: seat
            ? `${open} AND waiting = :zero AND (attribute_not_exists(#capacity) OR taken < #capacity)`
            : `${open} AND (waiting > :zero OR (attribute_exists(#capacity) AND taken >= #capacity))`,
          ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
          ExpressionAttributeValues: { ':scheduled': 'scheduled', ':true': true, ':now': now, ':one': 1, ':zero': 0 },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.occurrenceCompany(organiserId, occurrenceId, company.id),
          UpdateExpression: 'SET #type = :type, companyId = :company, companyName = :name, associationId = :home ADD seats :one',
          ...(occurrence.perCompanyLimit !== undefined ? { ConditionExpression: 'attribute_not_exists(seats) OR seats < :limit' } : {}),
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'occurrenceCompany', ':company': company.id, ':name': company.name, ':home': home.id, ':one': 1,
            ...(occurrence.perCompanyLimit !== undefined ? { ':limit': occurrence.perCompanyLimit } : {}),
          },
        },
      },
      ...(seat
        ? await creditItems(client, credited(item), { registered: 1 })
        : [{ Put: { TableName: tableName(), Item: { ...keys.waitlistEntry(organiserId, occurrenceId, id), type: 'waitlistEntry', registrationId: id }, ConditionExpression: 'attribute_not_exists(pk)' } }]),
      { Put: { TableName: tableName(), Item: participationCopy(item), ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(organiserId, actor, { action: seat ? 'registration.confirm' : 'registration.waitlist', objectType: 'registration', objectId: id }),
    ];
    if (idempotency) {
      const nowSeconds = Math.floor(Date.parse(now) / 1000);
      items.push({
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.idempotency(organiserId, 'register', `${idempotency.key}#${idempotency.index}`),
            type: 'idempotency', registrationId: id, occurrenceId, outcome: seat ? 'confirmed' : 'waitlisted', fingerprint: idempotency.fingerprint,
            expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
          ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
        },
      });
    }
    const result = await transact(client, items);
    if (result.ok) return { outcome: seat ? ('confirmed' as const) : ('waitlisted' as const), registration: item };
    if (idempotency && result.codes[items.length - 1] === 'ConditionalCheckFailed') {
      const earlier = await replayed(organiserId, idempotency, idempotency.index);
      if (earlier) return earlier;
    }
    // Someone registered the same person, the seats or the waitlist moved, the company hit its limit, or only
    // contention: read again and decide again (closed, full, duplicate and limit are then answered as such).
    return AGAIN;
  });
}

export type CancelReason = 'by_contact' | 'by_organiser' | 'activity_cancelled';

/**
 * Cancels one registration: frees the seat (or leaves the waitlist), withdraws its credits (registered, and
 * attended if checked in) in the same transaction, and releases the registrant row so the person may register
 * again. Cancelling a cancelled registration changes nothing (retry-safe). `check` may refuse (the contact's
 * deadline). Returns whether anything changed and whether a seat was freed.
 */
export async function cancelOne(input: {
  organiserId: string;
  activityId: string;
  occurrenceId: string;
  registrationId: string;
  reason: CancelReason;
  actor: Actor;
  check?: (registration: RegistrationItem, occurrence: OccurrenceItem) => void;
}): Promise<{ registration: RegistrationItem; changed: boolean; seatFreed: boolean }> {
  const { organiserId, activityId, occurrenceId, registrationId, reason, actor, check } = input;
  const organiser = tenantClient(organiserId);
  return untilSettled(async () => {
    const [registration, occurrence] = await Promise.all([
      get(organiser, keys.registration(organiserId, occurrenceId, registrationId)) as Promise<RegistrationItem | undefined>,
      get(organiser, keys.occurrence(organiserId, activityId, occurrenceId)) as Promise<OccurrenceItem | undefined>,
    ]);
    if (!registration || !occurrence || registration.activityId !== activityId) throw notFound();
    if (registration.status === 'cancelled') return { registration, changed: false, seatFreed: false };
    check?.(registration, occurrence);
    const confirmed = registration.status === 'confirmed';
    const present = confirmed && registration.attendance === 'present';
    const client = clientFor(registration);
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.registration(organiserId, occurrenceId, registrationId),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, cancelReason = :reason, #version = #version + :one',
          ConditionExpression: '#status = :seen',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':now': actor.now, ':by': actor.userId, ':reason': reason, ':one': 1, ':seen': registration.status },
        },
      },
      {
        Delete: {
          TableName: tableName(),
          Key: keys.registrant(organiserId, occurrenceId, registration.registrantKey),
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': registrationId },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.occurrence(organiserId, activityId, occurrenceId),
          UpdateExpression: confirmed ? `ADD taken :minus${present ? ', attended :minus' : ''}` : 'ADD waiting :minus',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.occurrenceCompany(organiserId, occurrenceId, registration.companyId),
          UpdateExpression: 'ADD seats :minus',
          ConditionExpression: 'seats > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
      ...(confirmed
        ? await creditItems(client, credited(registration), { registered: -1, ...(present ? { attended: -1 as const } : {}) })
        : [{ Delete: { TableName: tableName(), Key: keys.waitlistEntry(organiserId, occurrenceId, registrationId), ConditionExpression: 'attribute_exists(pk)' } }]),
      setCopyStatus(registration, 'cancelled'),
      auditPut(organiserId, actor, { action: 'registration.cancel', objectType: 'registration', objectId: registrationId, fields: [reason] }),
    ];
    const result = await transact(client, items);
    if (!result.ok) return AGAIN;
    const after: RegistrationItem = { ...registration, status: 'cancelled', version: registration.version + 1 };
    return { registration: after, changed: true, seatFreed: confirmed };
  });
}

/**
 * Gives free seats to the waitlist, first come first served: each promotion is one conditioned transaction
 * (the waitlist row must still be there, the registration still waiting, a seat still free), so concurrent or
 * repeated promoters never promote anyone twice or out of order; a lost race re-reads. Stops when no seat is
 * free, nobody waits, or the occurrence is cancelled or has started.
 */
export async function promoteWaiting(organiserId: string, activityId: string, occurrenceId: string, actor: Actor): Promise<RegistrationItem[]> {
  const organiser = tenantClient(organiserId);
  const promoted: RegistrationItem[] = [];
  for (;;) {
    const next = await untilSettled(async () => {
      const occurrence = (await get(organiser, keys.occurrence(organiserId, activityId, occurrenceId))) as OccurrenceItem | undefined;
      if (!occurrence || occurrence.status !== 'scheduled' || occurrence.startsAtUtc <= new Date().toISOString()) return null;
      if (occurrence.waiting <= 0 || (occurrence.capacity !== undefined && occurrence.taken >= occurrence.capacity)) return null;
      const { Items = [] } = await organiser.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': occurrence.pk, ':prefix': keys.waitlistPrefix(occurrenceId) },
          ConsistentRead: true,
          Limit: 1,
        }),
      );
      const first = Items[0];
      if (!first) {
        logger.warn('waiting counter without waitlist rows', { organiserId, occurrenceId, waiting: occurrence.waiting });
        return null;
      }
      const registration = (await get(organiser, keys.registration(organiserId, occurrenceId, String(first.registrationId)))) as RegistrationItem | undefined;
      if (!registration || registration.status !== 'waitlisted') return AGAIN;
      const client = clientFor(registration);
      const items: TransactItem[] = [
        { Delete: { TableName: tableName(), Key: keys.waitlistEntry(organiserId, occurrenceId, registration.id), ConditionExpression: 'attribute_exists(pk)' } },
        {
          Update: {
            TableName: tableName(),
            Key: keys.registration(organiserId, occurrenceId, registration.id),
            UpdateExpression: 'SET #status = :confirmed, promotedAt = :now, #version = #version + :one',
            ConditionExpression: '#status = :waitlisted',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':now': actor.now, ':one': 1 },
          },
        },
        {
          Update: {
            TableName: tableName(),
            Key: keys.occurrence(organiserId, activityId, occurrenceId),
            UpdateExpression: 'ADD taken :one, waiting :minus',
            ConditionExpression: '#status = :scheduled AND waiting > :zero AND (attribute_not_exists(#capacity) OR taken < #capacity)',
            ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
            ExpressionAttributeValues: { ':scheduled': 'scheduled', ':one': 1, ':minus': -1, ':zero': 0 },
          },
        },
        ...(await creditItems(client, credited(registration), { registered: 1 })),
        setCopyStatus(registration, 'confirmed'),
        auditPut(organiserId, actor, { action: 'registration.promote', objectType: 'registration', objectId: registration.id }),
      ];
      const result = await transact(client, items);
      if (!result.ok) return AGAIN;
      return { ...registration, status: 'confirmed' as const, version: registration.version + 1 };
    });
    if (!next) return promoted;
    promoted.push(next);
  }
}

/** An occurrence's registrations in arrival order, with each waiting person's place in the queue. */
export async function listRegistrations(organiserId: string, occurrenceId: string): Promise<Registration[]> {
  const rows = (await queryOccurrenceRows(organiserId, keys.registrationPrefix(occurrenceId))) as RegistrationItem[];
  let position = 0;
  return rows.map((row) => toRegistration(row, row.status === 'waitlisted' ? ++position : undefined));
}

export async function getRegistration(organiserId: string, occurrenceId: string, registrationId: string): Promise<RegistrationItem | undefined> {
  return (await get(tenantClient(organiserId), keys.registration(organiserId, occurrenceId, registrationId))) as RegistrationItem | undefined;
}
