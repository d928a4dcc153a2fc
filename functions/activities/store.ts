/**
 * Activities: where everything lives, and why (issue #5).
 *
 * Organiser's partition `T#<organiser>` (an umbrella or an association) holds the activity and all of it:
 *   ACTIVITY#<a>                   the activity (gsi1 `T#<organiser>#ACTIVITIES` by first start: the organiser's list)
 *   ACTIVITY#<a>#OCC#<o>           each occurrence, with its seat counters (taken, waiting, attended), capacity,
 *                                  status, open flag, deadline and per-company limit — all a registration's
 *                                  condition needs, so a registration locks one occurrence, never the activity
 *   OCC#<o>#REG#<r>                a registration; <r> is a ULID taken on arrival: the waitlist is served by it
 *   OCC#<o>#WHO#<E hash | C id>    one row per person (SHA-256 of the normalised e-mail) or whole company: put
 *                                  with attribute_not_exists in the registration's transaction, so the same
 *                                  person can never hold two registrations of one occurrence
 *   OCC#<o>#WAIT#<r>               the waitlist, in arrival order (a consistent Query, Limit 1, finds the next)
 *   OCC#<o>#COMPANY#<c>            per company: seats held (against the per-company limit) and its outcomes
 * Participant's home association `T#<home>` and that association's umbrella `T#<umbrella>` hold the credits:
 *   CREDIT#<year>                  participants registered/attended and distinct companies registered/attended
 *   CREDIT#<year>#COMPANY#<c>      that company's registrations/attendances that year (for the distinct counts)
 *   PARTICIPATION#<r>              (home only) the association's copy of its company's registration
 *
 * One registration = one TransactWriteItems: registrant row + registration + the occurrence's counter
 * (conditioned on a free seat, or on being full for the waitlist) + the company row (conditioned on the limit)
 * + the credits in the home association and its umbrella + the home's copy + the audit row. The seat and the
 * credit are therefore exact together; a lost race cancels the whole transaction and is retried after a re-read.
 *
 * IAM: tenant sessions may only touch `T#<own id>` and `T#<own id>#…` (tests/infra/isolation.test.ts), but this
 * write spans up to three tenants. The choice: a dedicated participation role, assumable only by the activities
 * function, whose session is tagged with the organiser, the home association and its umbrella — ids derived on
 * the server (the organiser from the authorised path; the home association from the register row of the company,
 * checked to be in the audience; the umbrella from the home's tenant row) — and which allows the organiser's
 * partitions plus single-item Get/Put/Update/Delete/ConditionCheck on exactly `T#<home>` and `T#<umbrella>`
 * (no Query, no index). See participation-client.ts and infra/stacks/api-stack.ts. The alternative — credit rows
 * in the organiser's partition keyed by home association, copied by the stream consumer — keeps IAM single-tenant
 * but makes the home's and umbrella's figures eventually consistent and puts replay/ordering logic into the
 * rollups; the issue asks for figures exact in the same write, so the wider (but still three-partition, item-
 * level) session is the price. Every key is still built by functions/lib/keys.ts from validated ULIDs.
 *
 * Under a rush the occurrence item is hot: DynamoDB cancels concurrent transactions on it (TransactionConflict);
 * every write here re-reads and retries with jittered backoff (transact.ts), and answers 503 + Retry-After when
 * the store stays saturated — safe to retry, because the registrant row makes a repeated registration a no-op.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Activity, CreateActivity, Place, PlaceInput, Tenant, UpdateActivity, UpdateOccurrence } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, invalidField, notFound, versionConflict } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { queryAll } from '../lib/query';
import { loadTenant } from '../lib/tenants';
import { getCompany } from '../companies/store';
import { checkAudience } from './audience';
import { activityItem, toActivity, type ActivityItem, type OccurrenceItem } from './items';
import { brusselsYear, inBrussels, MAX_OCCURRENCES, occurrenceSlots } from './schedule';
import { AGAIN, transact, untilSettled, type TransactItem } from './transact';
import { ulid } from 'ulidx';

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const HOUR_MS = 60 * 60 * 1000;

const utc = (instant: string | number) => new Date(instant).toISOString();
const closesAt = (startsAt: string, hoursBefore: number) => utc(Date.parse(startsAt) - hoursBefore * HOUR_MS);

/** The activity row and its occurrences, read consistently with the organiser's credentials. */
export async function loadActivity(organiserId: string, activityId: string): Promise<{ activity: ActivityItem; occurrences: OccurrenceItem[] } | undefined> {
  const items = await queryAll(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.activity(organiserId, activityId).pk, ':prefix': keys.activityWithOccurrencesPrefix(activityId) },
      ConsistentRead: true,
    },
    tenantClient(organiserId),
  );
  const activity = items.find((item) => item.type === 'activity') as ActivityItem | undefined;
  if (!activity) return undefined;
  return { activity, occurrences: items.filter((item) => item.type === 'occurrence') as OccurrenceItem[] };
}

export async function getActivity(organiserId: string, activityId: string): Promise<Activity> {
  const found = await loadActivity(organiserId, activityId);
  if (!found) throw notFound();
  return toActivity(found.activity, found.occurrences);
}

export async function getOccurrence(organiserId: string, activityId: string, occurrenceId: string): Promise<OccurrenceItem | undefined> {
  const { Item } = await tenantClient(organiserId).send(
    new GetCommand({ TableName: tableName(), Key: keys.occurrence(organiserId, activityId, occurrenceId), ConsistentRead: true }),
  );
  return Item as OccurrenceItem | undefined;
}

/** The organiser's activities by first start, optionally from a day on. */
export async function listActivities(organiserId: string, from?: string): Promise<Activity[]> {
  const index = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: from ? 'gsi1pk = :pk AND gsi1sk >= :from' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.activitiesOfOrganiser(organiserId), ...(from ? { ':from': utc(`${from}T00:00:00Z`) } : {}) },
      ProjectionExpression: 'id',
    },
    tenantClient(organiserId),
  );
  const activities = await Promise.all(index.map((item) => loadActivity(organiserId, String(item.id))));
  return activities.filter((found) => found !== undefined).map((found) => toActivity(found.activity, found.occurrences));
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HttpError && error.statusCode === 404) return undefined;
  throw error;
}

/** A host company must be in the organiser's own register, or (for an umbrella) in one of its associations'. */
async function resolvePlace(organiser: Tenant, input: PlaceInput): Promise<Place> {
  if (input.kind !== 'company') return input;
  const association = input.associationId === organiser.id ? organiser : await loadTenant(input.associationId, 'association').catch(notFoundAsUndefined);
  const allowed = association && association.kind === 'association' && (association.id === organiser.id || association.umbrellaId === organiser.id);
  if (!allowed) throw invalidField('body.place.associationId', 'unknown_association');
  const company = await getCompany(input.associationId, input.companyId);
  if (!company) throw invalidField('body.place.companyId', 'unknown_company');
  return {
    kind: 'company',
    associationId: input.associationId,
    companyId: company.id,
    companyName: company.name,
    ...(company.street ? { street: company.street } : {}),
    ...(company.houseNumber ? { houseNumber: company.houseNumber } : {}),
    ...(company.postalCode ? { postalCode: company.postalCode } : {}),
    ...(company.municipality ? { municipality: company.municipality } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
}

/** Field errors of a start and end: not in the past, end after start. */
function checkTimes(startsAt: string, endsAt: string, now: string, paths = { start: 'body.startsAt', end: 'body.endsAt' }): void {
  const fields: { path: string; code: string }[] = [];
  if (Date.parse(startsAt) <= Date.parse(now)) fields.push({ path: paths.start, code: 'in_the_past' });
  if (Date.parse(endsAt) <= Date.parse(startsAt)) fields.push({ path: paths.end, code: 'end_before_start' });
  if (fields.length) throw new HttpError(400, 'validation_failed', { fields });
}

function occurrenceItem(organiserId: string, activityId: string, slot: { startsAt: string; endsAt: string }, input: { capacity: number | null; perCompanyLimit: number | null; registrationClosesHoursBefore: number }, id: string): OccurrenceItem {
  return {
    ...keys.occurrence(organiserId, activityId, id),
    type: 'occurrence',
    id,
    activityId,
    organiserId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    startsAtUtc: utc(slot.startsAt),
    ...keys.occurrenceDayIndex(inBrussels(slot.startsAt).slice(0, 10), utc(slot.startsAt), organiserId, id),
    closesAt: closesAt(slot.startsAt, input.registrationClosesHoursBefore),
    ...(input.capacity !== null ? { capacity: input.capacity } : {}),
    taken: 0,
    waiting: 0,
    attended: 0,
    registrationOpen: true,
    status: 'scheduled',
    ...(input.perCompanyLimit !== null ? { perCompanyLimit: input.perCompanyLimit } : {}),
    year: brusselsYear(slot.startsAt),
    version: 1,
  };
}

export type CreateOptions = { id: string; idempotencyKey?: string; fingerprint?: string };

export async function createActivity(organiser: Tenant, input: CreateActivity, actor: Actor, options: CreateOptions): Promise<Activity> {
  checkTimes(input.startsAt, input.endsAt, actor.now);
  const slots = occurrenceSlots(input.startsAt, input.endsAt, input.repeat);
  if (input.repeat && input.repeat.until < inBrussels(input.startsAt).slice(0, 10)) throw invalidField('body.repeat.until', 'repeat_until_before_start');
  if (slots.length > MAX_OCCURRENCES) throw invalidField('body.repeat.until', 'too_many_occurrences');
  await checkAudience(organiser, input.audience);
  const place = await resolvePlace(organiser, input.place);

  const { startsAt: _s, endsAt: _e, capacity, repeat, ...fields } = input;
  const activity: Omit<Activity, 'occurrences'> = {
    ...fields,
    place,
    id: options.id,
    organiserId: organiser.id,
    organiserName: organiser.name,
    organiserKind: organiser.kind,
    ...(repeat ? { repeat } : {}),
    status: 'scheduled',
    version: 1,
    createdAt: actor.now,
    updatedAt: actor.now,
  };
  const occurrences = slots.map((slot) => occurrenceItem(organiser.id, options.id, slot, { capacity, perCompanyLimit: fields.perCompanyLimit, registrationClosesHoursBefore: fields.registrationClosesHoursBefore }, ulid(Date.parse(actor.now))));
  const items: TransactItem[] = [
    { Put: { TableName: tableName(), Item: activityItem(activity, occurrences[0]!.startsAtUtc, organiser.kind === 'association' ? organiser.umbrellaId : undefined), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...occurrences.map((Item): TransactItem => ({ Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
    auditPut(organiser.id, actor, { action: 'activity.create', objectType: 'activity', objectId: options.id }),
  ];
  if (options.idempotencyKey) {
    const nowSeconds = Math.floor(Date.parse(actor.now) / 1000);
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.idempotency(organiser.id, 'createActivity', options.idempotencyKey), type: 'idempotency', activityId: options.id, fingerprint: options.fingerprint, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
        ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
      },
    });
  }
  const result = await transact(tenantClient(organiser.id), items);
  if (result.ok) return toActivity(activityItem(activity, occurrences[0]!.startsAtUtc), occurrences);
  if (options.idempotencyKey && result.codes[items.length - 1] === 'ConditionalCheckFailed') return replayCreate(organiser.id, options.idempotencyKey, options.fingerprint);
  if (result.transient) throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
  throw new Error(`activity create cancelled: ${result.codes.join(',')}`);
}

async function replayCreate(organiserId: string, idempotencyKey: string, fingerprint: string | undefined): Promise<Activity> {
  const { Item } = await tenantClient(organiserId).send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(organiserId, 'createActivity', idempotencyKey), ConsistentRead: true }),
  );
  if (Item && Item.fingerprint !== fingerprint) {
    throw new HttpError(422, 'idempotency_key_reused', { fields: [{ path: 'header.idempotency-key', code: 'idempotency_key_reused' }] });
  }
  if (!Item) throw notFound();
  return getActivity(organiserId, String(Item.activityId));
}

function changedFields(current: ActivityItem, input: UpdateActivity): string[] {
  const before: Record<string, unknown> = { ...current, type: current.activityType };
  return Object.keys(input).filter((field) => field !== 'version' && JSON.stringify(before[field] ?? null) !== JSON.stringify((input as Record<string, unknown>)[field] ?? null));
}

/**
 * Edits what describes the activity (based on its version). The deadline and the per-company limit are copied
 * onto every scheduled occurrence in the same transaction, since that is where registrations check them.
 */
export async function updateActivity(organiser: Tenant, activityId: string, input: UpdateActivity, actor: Actor): Promise<Activity> {
  const found = await loadActivity(organiser.id, activityId);
  if (!found) throw notFound();
  if (found.activity.version !== input.version) throw versionConflict(toActivity(found.activity, found.occurrences));
  if (found.activity.status === 'cancelled') throw new HttpError(409, 'activity_cancelled');
  await checkAudience(organiser, input.audience);
  const place = await resolvePlace(organiser, input.place);
  await untilSettled(async () => {
    const current = await loadActivity(organiser.id, activityId);
    if (!current) throw notFound();
    if (current.activity.version !== input.version) throw versionConflict(toActivity(current.activity, current.occurrences));
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.activity(organiser.id, activityId),
          UpdateExpression:
            'SET activityType = :type, title = :title, themes = :themes, place = :place, audience = :audience, perCompanyLimit = :limit, ' +
            'registrationClosesHoursBefore = :hours, updatedAt = :now, #version = #version + :one' + (input.description ? ', description = :description' : ' REMOVE description'),
          ConditionExpression: '#version = :expected AND #status = :scheduled',
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: {
            ':type': input.type, ':title': input.title, ':themes': input.themes, ':place': place, ':audience': input.audience, ':limit': input.perCompanyLimit,
            ':hours': input.registrationClosesHoursBefore, ':now': actor.now, ':one': 1, ':expected': input.version, ':scheduled': 'scheduled',
            ...(input.description ? { ':description': input.description } : {}),
          },
        },
      },
      ...current.occurrences
        .filter((occurrence) => occurrence.status === 'scheduled')
        .map((occurrence): TransactItem => ({
          Update: {
            TableName: tableName(),
            Key: keys.occurrence(organiser.id, activityId, occurrence.id),
            UpdateExpression: `SET closesAt = :closes${input.perCompanyLimit !== null ? ', perCompanyLimit = :limit' : ' REMOVE perCompanyLimit'}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':closes': closesAt(occurrence.startsAt, input.registrationClosesHoursBefore), ...(input.perCompanyLimit !== null ? { ':limit': input.perCompanyLimit } : {}) },
          },
        })),
      auditPut(organiser.id, actor, { action: 'activity.update', objectType: 'activity', objectId: activityId, fields: changedFields(current.activity, input) }),
    ];
    const result = await transact(tenantClient(organiser.id), items);
    return result.ok ? true : AGAIN;
  });
  return getActivity(organiser.id, activityId);
}

/** Marks the activity and its scheduled occurrences cancelled (based on the activity's version). */
export async function markActivityCancelled(organiserId: string, activityId: string, version: number, actor: Actor): Promise<{ activity: ActivityItem; occurrences: OccurrenceItem[]; alreadyCancelled: boolean }> {
  return untilSettled(async () => {
    const found = await loadActivity(organiserId, activityId);
    if (!found) throw notFound();
    // Cancelling again finishes what an interrupted cancellation left (registrations still to release).
    if (found.activity.status === 'cancelled') return { ...found, alreadyCancelled: true };
    if (found.activity.version !== version) throw versionConflict(toActivity(found.activity, found.occurrences));
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.activity(organiserId, activityId),
          UpdateExpression: 'SET #status = :cancelled, updatedAt = :now, #version = #version + :one',
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':now': actor.now, ':one': 1, ':expected': version },
        },
      },
      ...found.occurrences
        .filter((occurrence) => occurrence.status === 'scheduled')
        .map((occurrence): TransactItem => cancelOccurrenceUpdate(organiserId, activityId, occurrence.id)),
      auditPut(organiserId, actor, { action: 'activity.cancel', objectType: 'activity', objectId: activityId }),
    ];
    const result = await transact(tenantClient(organiserId), items);
    if (!result.ok) return AGAIN;
    const after = await loadActivity(organiserId, activityId);
    return { ...after!, alreadyCancelled: false };
  });
}

function cancelOccurrenceUpdate(organiserId: string, activityId: string, occurrenceId: string, version?: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.occurrence(organiserId, activityId, occurrenceId),
      UpdateExpression: 'SET #status = :cancelled, #version = #version + :one',
      ConditionExpression: version === undefined ? 'attribute_exists(pk)' : '#version = :expected',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':one': 1, ...(version === undefined ? {} : { ':expected': version }) },
    },
  };
}

/** Marks one occurrence cancelled (based on its version); cancelling again is a no-op that lets release finish. */
export async function markOccurrenceCancelled(organiserId: string, activityId: string, occurrenceId: string, version: number, actor: Actor): Promise<OccurrenceItem> {
  return untilSettled(async () => {
    const occurrence = await getOccurrence(organiserId, activityId, occurrenceId);
    if (!occurrence) throw notFound();
    if (occurrence.status === 'cancelled') return occurrence;
    if (occurrence.version !== version) throw versionConflict(await getActivity(organiserId, activityId));
    const result = await transact(tenantClient(organiserId), [
      cancelOccurrenceUpdate(organiserId, activityId, occurrenceId, version),
      auditPut(organiserId, actor, { action: 'occurrence.cancel', objectType: 'occurrence', objectId: occurrenceId }),
    ]);
    if (!result.ok) return AGAIN;
    return (await getOccurrence(organiserId, activityId, occurrenceId))!;
  });
}

export type OccurrenceChange = { before: OccurrenceItem; after: OccurrenceItem; moved: boolean; seatsAdded: boolean };

/**
 * Moves an occurrence, changes its seats or opens/closes its registration (based on its version). Seats can
 * never drop below the confirmed registrations (field error; the condition re-checks it against registrations
 * arriving meanwhile), and an occurrence with registrations cannot move into another year: its participants
 * are credited to the year it starts in.
 */
export async function updateOccurrence(organiserId: string, activityId: string, occurrenceId: string, input: UpdateOccurrence, actor: Actor): Promise<OccurrenceChange> {
  const found = await loadActivity(organiserId, activityId);
  const before = found?.occurrences.find((occurrence) => occurrence.id === occurrenceId);
  if (!found || !before) throw notFound();
  if (before.version !== input.version) throw versionConflict(toActivity(found.activity, found.occurrences));
  if (before.status === 'cancelled' || found.activity.status === 'cancelled') throw new HttpError(409, 'activity_cancelled');
  const startsAt = inBrussels(input.startsAt);
  const endsAt = inBrussels(input.endsAt);
  const moved = startsAt !== before.startsAt || endsAt !== before.endsAt;
  if (moved) checkTimes(input.startsAt, input.endsAt, actor.now);
  if (input.capacity !== null && input.capacity < before.taken) throw invalidField('body.capacity', 'capacity_below_registrations');
  const year = brusselsYear(startsAt);
  if (year !== before.year && before.taken + before.waiting > 0) throw invalidField('body.startsAt', 'year_change_with_registrations');

  const firstStart = found.occurrences.map((o) => (o.id === occurrenceId ? utc(startsAt) : o.startsAtUtc)).sort()[0]!;
  const dayIndex = keys.occurrenceDayIndex(startsAt.slice(0, 10), utc(startsAt), organiserId, occurrenceId);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.occurrence(organiserId, activityId, occurrenceId),
        UpdateExpression:
          'SET startsAt = :startsAt, endsAt = :endsAt, startsAtUtc = :startsAtUtc, gsi2pk = :dayPk, gsi2sk = :daySk, closesAt = :closes, registrationOpen = :open, #year = :year, #version = #version + :one' +
          (input.capacity !== null ? ', #capacity = :capacity' : ' REMOVE #capacity'),
        ConditionExpression: `#version = :expected AND #status = :scheduled${input.capacity !== null ? ' AND #taken <= :capacity' : ''}${year !== before.year ? ' AND #taken = :zero AND #waiting = :zero' : ''}`,
        ExpressionAttributeNames: {
          '#version': 'version', '#status': 'status', '#year': 'year', '#capacity': 'capacity',
          ...(input.capacity !== null || year !== before.year ? { '#taken': 'taken' } : {}),
          ...(year !== before.year ? { '#waiting': 'waiting' } : {}),
        },
        ExpressionAttributeValues: {
          ':startsAt': startsAt, ':endsAt': endsAt, ':startsAtUtc': utc(startsAt),
          // The reminder job's index moves with the occurrence.
          ':dayPk': dayIndex.gsi2pk, ':daySk': dayIndex.gsi2sk,
          ':closes': closesAt(startsAt, found.activity.registrationClosesHoursBefore),
          ':open': input.registrationOpen, ':year': year, ':one': 1, ':expected': input.version, ':scheduled': 'scheduled',
          ...(input.capacity !== null ? { ':capacity': input.capacity } : {}),
          ...(year !== before.year ? { ':zero': 0 } : {}),
        },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.activity(organiserId, activityId),
        UpdateExpression: 'SET gsi1sk = :sk, updatedAt = :now',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sk': keys.activityIndex(organiserId, firstStart, activityId).gsi1sk, ':now': actor.now, ':scheduled': 'scheduled' },
      },
    },
    auditPut(organiserId, actor, {
      action: 'occurrence.update', objectType: 'occurrence', objectId: occurrenceId,
      fields: [
        ...(moved ? ['startsAt', 'endsAt'] : []),
        ...((before.capacity ?? null) !== input.capacity ? ['capacity'] : []),
        ...(before.registrationOpen !== input.registrationOpen ? ['registrationOpen'] : []),
      ],
    }),
  ];
  const result = await transact(tenantClient(organiserId), items);
  if (!result.ok) {
    const latest = await loadActivity(organiserId, activityId);
    const now = latest?.occurrences.find((occurrence) => occurrence.id === occurrenceId);
    if (now && now.version === input.version && input.capacity !== null && now.taken > input.capacity) throw invalidField('body.capacity', 'capacity_below_registrations');
    if (now && now.version === input.version && year !== now.year && now.taken + now.waiting > 0) throw invalidField('body.startsAt', 'year_change_with_registrations');
    if (result.transient && now && now.version === input.version) throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
    if (!latest) throw notFound();
    throw versionConflict(toActivity(latest.activity, latest.occurrences));
  }
  const after = (await getOccurrence(organiserId, activityId, occurrenceId))!;
  const seatsAdded = input.capacity === null ? before.capacity !== undefined : before.capacity === undefined ? false : input.capacity > before.capacity;
  return { before, after, moved, seatsAdded };
}

/** Every row of one kind under an occurrence (registrations, waitlist, companies), in key order. */
export async function queryOccurrenceRows(organiserId: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPartition(organiserId), ':prefix': prefix },
      ConsistentRead: true,
    },
    tenantClient(organiserId),
  );
}

