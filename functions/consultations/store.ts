import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { ContactMoment, ContactMomentInput, ContactMomentListQuery, ContactMomentPage, FollowUpPage } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { brusselsDay } from '../lib/brussels';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict, type FieldIssue } from '../lib/errors';
import { keys, tenantPartition, type Key } from '../lib/keys';
import { cancellationCodes } from '../lib/transactions';
import { contactDateItem, contactMomentItem, followUpItems, toContactMoment, toFollowUpEntry } from './items';

/**
 * The consultation log's store. Every write is one transaction in the umbrella's partition: the contact moment,
 * its date row, its follow-up rows, the umbrella's summary row of the association (`lastContactAt`, exact) and the
 * audit row. Writes for one association are serialised by `contactsVersion` on that summary row: each write reads
 * it, recomputes `lastContactAt` from the association's date rows (a strongly consistent Query) and commits only if
 * no other contact write for that association came in between (else it re-reads and tries again).
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Role = 'moment' | 'summary' | 'idempotency' | 'other';
type Entry = { role: Role; item: TransactItem };

const MAX_ATTEMPTS = 8;
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const busy = () => new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
/** Before another attempt after losing a race: a short, jittered pause, so concurrent writers spread out. */
const pause = (attempt: number) => (attempt === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 15 * 2 ** attempt + Math.random() * 25)));

/** Today in Brussels (`YYYY-MM-DD`): a contact moment lies on or before it. */
export const todayInBrussels = (at: Date = new Date()): string => brusselsDay(at);

async function getItem(umbrellaId: string, key: Key): Promise<Record<string, unknown> | undefined> {
  const { Item } = await tenantClient(umbrellaId).send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

/** The umbrella's summary row of one of its associations; an association outside the umbrella is not found. */
async function summaryOf(umbrellaId: string, associationId: string): Promise<{ name: string; contactsVersion: number; lastContactAt?: string }> {
  const item = await getItem(umbrellaId, keys.umbrellaAssociation(umbrellaId, associationId));
  if (!item || item.type !== 'umbrellaAssociation') throw notFound();
  return { name: String(item.name), contactsVersion: Number(item.contactsVersion ?? 0), ...(item.lastContactAt ? { lastContactAt: String(item.lastContactAt) } : {}) };
}

/** A moment of this umbrella with this association, or 404. */
async function momentOf(umbrellaId: string, associationId: string, momentId: string): Promise<ContactMoment> {
  const item = await getItem(umbrellaId, keys.contactMoment(umbrellaId, momentId));
  if (!item || item.type !== 'contactMoment' || item.associationId !== associationId) throw notFound();
  return toContactMoment(item);
}

/** The latest contact date of the association, leaving out one moment (the one being changed or removed). */
async function latestDateWithout(umbrellaId: string, associationId: string, without?: string): Promise<string | undefined> {
  const { Items = [] } = await tenantClient(umbrellaId).send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPartition(umbrellaId), ':prefix': keys.contactDatesOfAssociationPrefix(associationId) },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 2,
    }),
  );
  return Items.find((item) => item.momentId !== without)?.date as string | undefined;
}

function latest(...dates: (string | undefined)[]): string | undefined {
  return dates.filter((date): date is string => date !== undefined).sort().at(-1);
}

/** Field checks that need more than the schema: the date is not in the future, follow-up ids are the moment's own. */
function check(input: ContactMomentInput, before: ContactMoment | undefined, today: string): void {
  const issues: FieldIssue[] = [];
  if (input.date > today) issues.push({ path: 'body.date', code: 'contact_in_future' });
  const known = new Set(before?.followUps.map((followUp) => followUp.id) ?? []);
  const seen = new Set<string>();
  input.followUps.forEach((followUp, index) => {
    if (followUp.id === undefined) return;
    if (!known.has(followUp.id) || seen.has(followUp.id)) issues.push({ path: `body.followUps.${index}.id`, code: 'unknown_follow_up' });
    seen.add(followUp.id);
  });
  if (issues.length > 0) throw new HttpError(400, 'validation_failed', { fields: issues });
}

const FIELDS = ['date', 'type', 'participants', 'notes', 'followUps'] as const;
function changedFields(before: ContactMoment | undefined, after: ContactMoment | undefined): string[] {
  return FIELDS.filter((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after?.[field]));
}

/** The transaction items of one change of a moment (create: no `before`; delete: no `after`). */
function entries(
  umbrellaId: string,
  associationId: string,
  change: { before?: ContactMoment; after?: ContactMoment },
  summary: { contactsVersion: number; lastContactAt: string | undefined },
  actor: Actor,
): Entry[] {
  const { before, after } = change;
  const list: Entry[] = [];
  const table = tableName();
  const versionCondition = { ConditionExpression: 'attribute_exists(pk) AND #version = :expected', ExpressionAttributeNames: { '#version': 'version' } };
  if (after) {
    const item = contactMomentItem(after);
    list.push({
      role: 'moment',
      item: before
        ? { Put: { TableName: table, Item: item, ...versionCondition, ExpressionAttributeValues: { ':expected': before.version } } }
        : { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    });
  } else if (before) {
    list.push({ role: 'moment', item: { Delete: { TableName: table, Key: keys.contactMoment(umbrellaId, before.id), ...versionCondition, ExpressionAttributeValues: { ':expected': before.version } } } });
  }
  // The date row moves with the date.
  if (before && before.date !== after?.date) list.push({ role: 'other', item: { Delete: { TableName: table, Key: keys.contactDate(umbrellaId, associationId, before.date, before.id) } } });
  if (after && before?.date !== after.date) list.push({ role: 'other', item: { Put: { TableName: table, Item: contactDateItem(after) } } });
  // Follow-up rows: every current one is written again (it carries the moment's version), vanished ones go.
  const kept = new Set(after?.followUps.map((followUp) => followUp.id) ?? []);
  for (const followUp of before?.followUps ?? []) {
    if (!kept.has(followUp.id)) list.push({ role: 'other', item: { Delete: { TableName: table, Key: keys.followUp(umbrellaId, followUp.id) } } });
  }
  for (const item of after ? followUpItems(after) : []) list.push({ role: 'other', item: { Put: { TableName: table, Item: item } } });
  // The summary row: lastContactAt, exact, guarded by the association's contact version.
  const { contactsVersion, lastContactAt } = summary;
  list.push({
    role: 'summary',
    item: {
      Update: {
        TableName: table,
        Key: keys.umbrellaAssociation(umbrellaId, associationId),
        UpdateExpression: lastContactAt ? 'SET contactsVersion = :next, lastContactAt = :last' : 'SET contactsVersion = :next REMOVE lastContactAt',
        ConditionExpression: contactsVersion === 0 ? 'attribute_exists(pk) AND attribute_not_exists(contactsVersion)' : 'attribute_exists(pk) AND contactsVersion = :seen',
        ExpressionAttributeValues: {
          ':next': contactsVersion + 1,
          ...(contactsVersion === 0 ? {} : { ':seen': contactsVersion }),
          ...(lastContactAt ? { ':last': lastContactAt } : {}),
        },
      },
    },
  });
  const action = !before ? 'create' : !after ? 'delete' : 'update';
  list.push({
    role: 'other',
    item: auditPut(umbrellaId, actor, {
      action: `contactMoment.${action}`,
      objectType: 'contactMoment',
      objectId: (after ?? before)!.id,
      ...(action === 'update' ? { fields: changedFields(before, after) } : {}),
    }),
  });
  return list;
}

type Outcome = 'done' | 'moment' | 'idempotency' | 'retry';

async function run(umbrellaId: string, list: Entry[]): Promise<Outcome> {
  try {
    await tenantClient(umbrellaId).send(new TransactWriteCommand({ TransactItems: list.map((entry) => entry.item) }));
    return 'done';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = (role: Role) => list.some((entry, index) => entry.role === role && codes[index] === 'ConditionalCheckFailed');
    if (failed('moment')) return 'moment';
    if (failed('idempotency')) return 'idempotency';
    if (failed('summary') || codes.includes('TransactionConflict')) return 'retry';
    throw error;
  }
}

export type CreateOptions = { id: string; idempotencyKey?: string; fingerprint?: string };

/** The moment an earlier request with the same Idempotency-Key created; a key reused for another body is refused. */
async function priorCreate(umbrellaId: string, { idempotencyKey, fingerprint }: CreateOptions, actor: Actor): Promise<string | undefined> {
  if (!idempotencyKey) return undefined;
  const record = await getItem(umbrellaId, keys.idempotency(umbrellaId, 'contactMoment', idempotencyKey));
  if (!record || Number(record.expiresAt) < Math.floor(Date.parse(actor.now) / 1000)) return undefined;
  if (record.fingerprint !== fingerprint) {
    throw new HttpError(422, 'idempotency_key_reused', { fields: [{ path: 'header.idempotency-key', code: 'idempotency_key_reused' }] });
  }
  return String(record.objectId);
}

function idempotencyEntry(umbrellaId: string, { id, idempotencyKey, fingerprint }: CreateOptions, actor: Actor): Entry[] {
  if (!idempotencyKey) return [];
  const nowSeconds = Math.floor(Date.parse(actor.now) / 1000);
  return [{
    role: 'idempotency',
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.idempotency(umbrellaId, 'contactMoment', idempotencyKey), type: 'idempotency', objectId: id, fingerprint, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
        ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
      },
    },
  }];
}

function build(umbrellaId: string, associationId: string, associationName: string, input: ContactMomentInput, before: ContactMoment | undefined, id: string, actor: Actor): ContactMoment {
  return {
    id,
    umbrellaId,
    associationId,
    associationName,
    date: input.date,
    type: input.type,
    participants: input.participants,
    notes: input.notes,
    followUps: input.followUps.map((followUp) => ({ id: followUp.id ?? ulid(), text: followUp.text, dueOn: followUp.dueOn, done: followUp.done })),
    version: before ? before.version + 1 : 1,
    createdAt: before?.createdAt ?? actor.now,
    updatedAt: actor.now,
    ...(before ? (before.createdBy ? { createdBy: before.createdBy } : {}) : actor.name ? { createdBy: actor.name } : {}),
  };
}

export async function createContactMoment(umbrellaId: string, associationId: string, input: ContactMomentInput, actor: Actor, options: CreateOptions): Promise<{ moment: ContactMoment; created: boolean }> {
  const prior = await priorCreate(umbrellaId, options, actor);
  if (prior) return { moment: await momentOf(umbrellaId, associationId, prior), created: false };
  check(input, undefined, todayInBrussels(new Date(actor.now)));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    await pause(attempt);
    const summary = await summaryOf(umbrellaId, associationId);
    const moment = build(umbrellaId, associationId, summary.name, input, undefined, options.id, actor);
    const lastContactAt = latest(summary.lastContactAt, moment.date);
    const list = [...entries(umbrellaId, associationId, { after: moment }, { contactsVersion: summary.contactsVersion, lastContactAt }, actor), ...idempotencyEntry(umbrellaId, options, actor)];
    const outcome = await run(umbrellaId, list);
    if (outcome === 'done') return { moment, created: true };
    if (outcome === 'idempotency') {
      const again = await priorCreate(umbrellaId, options, actor);
      if (again) return { moment: await momentOf(umbrellaId, associationId, again), created: false };
    }
  }
  throw busy();
}

/** Edits a moment based on a version; `change` derives the new input from the current moment (a stale version: 409). */
async function changeMoment(
  umbrellaId: string,
  associationId: string,
  momentId: string,
  version: number,
  actor: Actor,
  change: (current: ContactMoment) => ContactMomentInput | undefined,
): Promise<ContactMoment | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    await pause(attempt);
    const before = await momentOf(umbrellaId, associationId, momentId);
    if (before.version !== version) throw versionConflict(before);
    const input = change(before);
    if (input) check(input, before, todayInBrussels(new Date(actor.now)));
    const summary = await summaryOf(umbrellaId, associationId);
    const after = input ? build(umbrellaId, associationId, summary.name, input, before, before.id, actor) : undefined;
    const lastContactAt = latest(await latestDateWithout(umbrellaId, associationId, before.id), after?.date);
    const outcome = await run(umbrellaId, entries(umbrellaId, associationId, { before, after }, { contactsVersion: summary.contactsVersion, lastContactAt }, actor));
    if (outcome === 'done') return after;
    if (outcome === 'moment') {
      const current = await momentOf(umbrellaId, associationId, momentId);
      throw versionConflict(current);
    }
  }
  throw busy();
}

export async function updateContactMoment(umbrellaId: string, associationId: string, momentId: string, input: ContactMomentInput & { version: number }, actor: Actor): Promise<ContactMoment> {
  const { version, ...rest } = input;
  return (await changeMoment(umbrellaId, associationId, momentId, version, actor, () => rest))!;
}

export async function deleteContactMoment(umbrellaId: string, associationId: string, momentId: string, version: number, actor: Actor): Promise<void> {
  await changeMoment(umbrellaId, associationId, momentId, version, actor, () => undefined);
}

/** Marks one follow-up of a moment done (or open again), based on the moment's version. */
export async function setFollowUp(umbrellaId: string, associationId: string, momentId: string, followUpId: string, body: { done: boolean; version: number }, actor: Actor): Promise<ContactMoment> {
  return (await changeMoment(umbrellaId, associationId, momentId, body.version, actor, (current) => {
    if (!current.followUps.some((followUp) => followUp.id === followUpId)) throw notFound();
    const { date, type, participants, notes } = current;
    return { date, type, participants, notes, followUps: current.followUps.map((followUp) => (followUp.id === followUpId ? { ...followUp, done: body.done } : followUp)) };
  }))!;
}

// ---- reads ----

const invalidCursor = () => new HttpError(400, 'validation_failed', { fields: [{ path: 'query.cursor', code: 'invalid_cursor' }] });

/** Contact moments of the umbrella (or of one association) in a date range, by date; cursors bound to the range. */
export async function listContactMoments(umbrellaId: string, query: ContactMomentListQuery): Promise<ContactMomentPage> {
  if (query.associationId) await summaryOf(umbrellaId, query.associationId);
  const index = query.associationId ? 'gsi2' : 'gsi1';
  const partition = query.associationId ? keys.contactMomentsOfAssociation(umbrellaId, query.associationId) : keys.contactMomentsOfUmbrella(umbrellaId);
  const lower = query.from;
  const upper = query.to ? `${query.to}#~` : undefined;
  const sk = `${index}sk`;
  const condition = [`${index}pk = :pk`, lower && upper ? `${sk} BETWEEN :from AND :to` : lower ? `${sk} >= :from` : upper ? `${sk} <= :to` : undefined].filter(Boolean).join(' AND ');
  const start = decodeCursor(query.cursor, {
    attribute: `${index}pk`,
    value: partition,
    keys: ['pk', 'sk', `${index}pk`, sk],
    prefixes: { pk: tenantPartition(umbrellaId), sk: 'CONTACT#' },
  });
  if (start && ((lower && start[sk]! < lower) || (upper && start[sk]! > upper))) throw invalidCursor();
  const page = await tenantClient(umbrellaId).send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: condition,
      ExpressionAttributeValues: { ':pk': partition, ...(lower ? { ':from': lower } : {}), ...(upper ? { ':to': upper } : {}) },
      ScanIndexForward: query.sort === 'date',
      Limit: query.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { items: (page.Items ?? []).map(toContactMoment), nextCursor: encodeCursor(page.LastEvaluatedKey as Record<string, string> | undefined) };
}

/** The umbrella's follow-ups of one status, by due date (open ones: the most urgent first). */
export async function listFollowUps(umbrellaId: string, query: { status: 'open' | 'done'; limit: number; cursor?: string }): Promise<FollowUpPage> {
  const partition = keys.followUpsOfUmbrella(umbrellaId, query.status);
  const start = decodeCursor(query.cursor, {
    attribute: 'gsi1pk',
    value: partition,
    keys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
    prefixes: { pk: tenantPartition(umbrellaId), sk: 'FOLLOWUP#' },
  });
  const page = await tenantClient(umbrellaId).send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: query.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { items: (page.Items ?? []).map(toFollowUpEntry), nextCursor: encodeCursor(page.LastEvaluatedKey as Record<string, string> | undefined) };
}
