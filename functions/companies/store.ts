import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { foldForSearch, type Company, type Contact, type CreateCompany, type MembershipStatus, type UpdateCompany } from '../../shared/index';
import { encodeCursor, decodeCursor } from '../lib/cursor';
import { auditPut, type Actor } from '../lib/audit';
import { cancellationCodes } from '../lib/transactions';
import { tenantClient, tableName } from '../lib/dynamo';
import { HttpError, invalidField, notFound, versionConflict } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { COMPANY_FIELDS, companyIndexKeys, companyItem, searchTextOf, toCompany } from './items';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** With a search filter a page may need several reads; this bounds the cost of one request. */
const MAX_READS_PER_PAGE = 5;

type Delta = { companies: number; members: number };

/** Counters are only moved on rows that exist, so a stray ADD can never create a half-empty item. */
function counterUpdate(key: { pk: string; sk: string }, delta: Delta): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'ADD companyCount :companies, memberCount :members, statsVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':companies': delta.companies, ':members': delta.members, ':one': 1 },
    },
  };
}

const isMember = (status: MembershipStatus) => (status === 'member' ? 1 : 0);

/**
 * Counts companies and members per park and per association in the same transaction as the change: exact, and all
 * inside the association's own partition (one update per item: a transaction may not touch an item twice).
 * The umbrella's copy of the figures follows from the table's stream (rollups).
 */
function countersFor(tenantId: string, before: { parkId: string; status: MembershipStatus } | null, after: { parkId: string; status: MembershipStatus } | null): TransactItem[] {
  const parks = new Map<string, Delta>();
  const move = (parkId: string, companies: number, members: number) => {
    const delta = parks.get(parkId) ?? { companies: 0, members: 0 };
    parks.set(parkId, { companies: delta.companies + companies, members: delta.members + members });
  };
  if (before) move(before.parkId, -1, -isMember(before.status));
  if (after) move(after.parkId, 1, isMember(after.status));
  const total = [...parks.values()].reduce((sum, d) => ({ companies: sum.companies + d.companies, members: sum.members + d.members }), { companies: 0, members: 0 });
  const items = [...parks].filter(([, d]) => d.companies !== 0 || d.members !== 0).map(([parkId, d]) => counterUpdate(keys.park(tenantId, parkId), d));
  if (total.companies !== 0 || total.members !== 0) items.push(counterUpdate(keys.tenant(tenantId), total));
  return items;
}

export type RegisterEvent = {
  companyId: string;
  parkId: string;
  kind: 'created' | 'deleted' | 'status';
  from?: MembershipStatus;
  to?: MembershipStatus;
  /** The day it took effect (YYYY-MM-DD). */
  on: string;
};

/** A history row, written in the transaction of the change it records. */
function eventPut(tenantId: string, actor: Actor, event: RegisterEvent): TransactItem {
  const id = ulid(Date.parse(actor.now));
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.registerEvent(tenantId, id),
        gsi1pk: keys.companyHistory(tenantId, event.companyId),
        gsi1sk: id,
        type: 'registerEvent',
        id,
        ...event,
        at: actor.now,
        actorId: actor.userId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const today = (actor: Actor) => actor.now.slice(0, 10);

type ContactInput = NonNullable<CreateCompany['contacts']>[number];

/** New contacts get an id; a consent dated after today is refused (consents record what was given, not planned). */
function settleContacts(input: ContactInput[] | undefined, actor: Actor): Contact[] | undefined {
  if (input === undefined) return undefined;
  const issues = input.flatMap((contact, i) =>
    contact.consents.flatMap((consent, j) => (consent.givenOn > today(actor) ? [{ path: `body.contacts.${i}.consents.${j}.givenOn`, code: 'consent_in_future' }] : [])),
  );
  if (issues.length) throw new HttpError(400, 'validation_failed', { fields: issues });
  return input.map((contact) => ({ ...contact, id: contact.id ?? ulid(Date.parse(actor.now)) }));
}

export async function getCompany(tenantId: string, companyId: string): Promise<Company | undefined> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.company(tenantId, companyId), ConsistentRead: true }),
  );
  return Item ? toCompany(Item) : undefined;
}

/** `fingerprint`: who sent what; a key reused for another request or by someone else is refused, not replayed. */
export type CreateOptions = { id: string; idempotencyKey?: string; fingerprint?: string };

export async function createCompany(
  tenantId: string,
  input: CreateCompany,
  actor: Actor,
  { id, idempotencyKey, fingerprint }: CreateOptions,
): Promise<{ company: Company; replayed: boolean }> {
  const now = actor.now;
  const { contacts: contactInput, ...fields } = input;
  const contacts = settleContacts(contactInput, actor);
  const company: Company = {
    ...fields, ...(contacts ? { contacts } : {}), id, tenantId, version: 1, createdAt: now, updatedAt: now,
    ...(input.membershipStatus === 'member' ? { memberSince: today(actor) } : {}),
  };
  const transactItems: TransactItem[] = [
    { Put: { TableName: tableName(), Item: companyItem(company), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...countersFor(tenantId, null, { parkId: company.parkId, status: company.membershipStatus }),
    auditPut(tenantId, actor, { action: 'company.create', objectType: 'company', objectId: id }),
    eventPut(tenantId, actor, { companyId: id, parkId: company.parkId, kind: 'created', to: company.membershipStatus, on: today(actor) }),
  ];
  if (idempotencyKey) {
    transactItems.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.idempotency(tenantId, 'createCompany', idempotencyKey),
          type: 'idempotency',
          companyId: id,
          fingerprint,
          expiresAt: Math.floor(Date.parse(now) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
        ExpressionAttributeValues: { ':nowSeconds': Math.floor(Date.parse(now) / 1000) },
      },
    });
  }
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { company, replayed: false };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (idempotencyKey && codes[transactItems.length - 1] === 'ConditionalCheckFailed') {
      return { company: await replayCreate(tenantId, idempotencyKey, fingerprint), replayed: true };
    }
    if (codes[1] === 'ConditionalCheckFailed') throw invalidField('body.parkId', 'unknown_park');
    throw error;
  }
}

async function replayCreate(tenantId: string, idempotencyKey: string, fingerprint: string | undefined): Promise<Company> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(tenantId, 'createCompany', idempotencyKey), ConsistentRead: true }),
  );
  if (Item && Item.fingerprint !== fingerprint) {
    throw new HttpError(422, 'idempotency_key_reused', { fields: [{ path: 'header.idempotency-key', code: 'idempotency_key_reused' }] });
  }
  const company = Item ? await getCompany(tenantId, String(Item.companyId)) : undefined;
  if (!company) throw notFound();
  return company;
}

function setAndRemove(input: UpdateCompany, now: string, indexKeys: Record<string, string>, searchText: string) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': input.version, ':one': 1, ':now': now, ':search': searchText };
  const sets = ['#version = #version + :one', 'updatedAt = :now', 'searchText = :search'];
  const removes: string[] = [];
  names['#version'] = 'version';
  for (const [name, value] of Object.entries(indexKeys)) {
    sets.push(`${name} = :${name}`);
    values[`:${name}`] = value;
  }
  for (const field of COMPANY_FIELDS) {
    names[`#${field}`] = field;
    const value = (input as Record<string, unknown>)[field];
    if (value === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return { UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

function changedFields(current: Company, input: UpdateCompany): string[] {
  const fields = COMPANY_FIELDS.filter((field) => JSON.stringify(current[field]) !== JSON.stringify((input as Record<string, unknown>)[field]));
  // Contacts are compared without their ids, which new ones only get on saving.
  const strip = (list: unknown[] | undefined) => JSON.stringify((list ?? []).map((c) => ({ ...(c as object), id: undefined })));
  if (input.contacts !== undefined && strip(current.contacts) !== strip(input.contacts)) fields.push('contacts');
  return fields;
}

/** Applies an edit based on `input.version`; a stale version answers 409 with the current company. */
export async function updateCompany(tenantId: string, companyId: string, input: UpdateCompany, actor: Actor): Promise<Company> {
  const current = await getCompany(tenantId, companyId);
  if (!current) throw notFound();
  if (current.version !== input.version) throw versionConflict(current);
  const statusChanged = current.membershipStatus !== input.membershipStatus;
  const memberSince = input.membershipStatus === 'member' ? (statusChanged ? today(actor) : current.memberSince) : undefined;
  const contacts = settleContacts(input.contacts, actor);
  const update = setAndRemove(input, actor.now, companyIndexKeys({ ...input, id: companyId, tenantId }), searchTextOf(input));
  if (contacts) {
    update.UpdateExpression = update.UpdateExpression.replace('SET ', 'SET contacts = :contacts, ');
    update.ExpressionAttributeValues[':contacts'] = contacts;
  }
  if (memberSince) {
    update.UpdateExpression = update.UpdateExpression.replace('SET ', 'SET memberSince = :memberSince, ');
    update.ExpressionAttributeValues[':memberSince'] = memberSince;
  } else {
    update.UpdateExpression += update.UpdateExpression.includes(' REMOVE ') ? ', memberSince' : ' REMOVE memberSince';
  }
  const transactItems: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.company(tenantId, companyId),
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ...update,
      },
    },
    auditPut(tenantId, actor, { action: 'company.update', objectType: 'company', objectId: companyId, fields: changedFields(current, input) }),
    ...countersFor(tenantId, { parkId: current.parkId, status: current.membershipStatus }, { parkId: input.parkId, status: input.membershipStatus }),
    ...(statusChanged
      ? [eventPut(tenantId, actor, { companyId, parkId: input.parkId, kind: 'status', from: current.membershipStatus, to: input.membershipStatus, on: today(actor) })]
      : []),
  ];
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: transactItems }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') {
      const latest = await getCompany(tenantId, companyId);
      throw latest ? versionConflict(latest) : notFound();
    }
    // Any other failed condition is a counter row: the target park does not exist in this association.
    if (codes?.includes('ConditionalCheckFailed')) throw invalidField('body.parkId', 'unknown_park');
    throw error;
  }
  // The transaction succeeded against `current`, so the new state is exactly `current` with the edit applied.
  const { version: _version, contacts: _contacts, ...fields } = input;
  return toCompany({
    ...fields, contacts: contacts ?? current.contacts, id: companyId, tenantId, version: current.version + 1, createdAt: current.createdAt, updatedAt: actor.now,
    ...(memberSince ? { memberSince } : {}),
  });
}

export async function deleteCompany(tenantId: string, companyId: string, version: number, actor: Actor): Promise<void> {
  const current = await getCompany(tenantId, companyId);
  if (!current) throw notFound();
  if (current.version !== version) throw versionConflict(current);
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.company(tenantId, companyId),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': version },
            },
          },
          ...countersFor(tenantId, { parkId: current.parkId, status: current.membershipStatus }, null),
          auditPut(tenantId, actor, { action: 'company.delete', objectType: 'company', objectId: companyId }),
          eventPut(tenantId, actor, { companyId, parkId: current.parkId, kind: 'deleted', from: current.membershipStatus, on: today(actor) }),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
      const latest = await getCompany(tenantId, companyId);
      throw latest ? versionConflict(latest) : notFound();
    }
    throw error;
  }
}

export type ListOptions = { parkId?: string; q?: string; limit: number; cursor?: string };
export type ListResult = { items: Company[]; nextCursor: string | null; consumedCapacity: number; reads: number };

/** One page of companies by name, of one park (gsi1) or of the whole association (gsi2). */
export async function listCompanies(tenantId: string, { parkId, q, limit, cursor }: ListOptions): Promise<ListResult> {
  const index = parkId ? 'gsi1' : 'gsi2';
  const partition = parkId ? keys.companiesOfPark(tenantId, parkId) : keys.companiesOfTenant(tenantId);
  const pkName = `${index}pk`;
  const skName = `${index}sk`;
  const keyNames = ['pk', 'sk', pkName, skName];
  const search = q ? foldForSearch(q) : '';
  let startKey: Record<string, string> | undefined = decodeCursor(cursor, {
    attribute: pkName,
    value: partition,
    keys: keyNames,
    prefixes: { pk: `${tenantPartition(tenantId)}`, sk: 'COMPANY#' },
  });
  if (startKey && startKey.pk !== tenantPartition(tenantId)) throw invalidField('query.cursor', 'invalid_cursor');
  const items: Record<string, unknown>[] = [];
  let consumedCapacity = 0;
  let reads = 0;
  let lastEvaluated: Record<string, unknown> | undefined;
  do {
    const page = await tenantClient(tenantId).send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkName, ...(search ? { '#search': 'searchText' } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(search ? { ':q': search } : {}) },
        ...(search ? { FilterExpression: 'contains(#search, :q)' } : {}),
        // One extra item tells whether a next page exists, so "next" never leads to an empty page.
        Limit: search ? 100 : limit + 1 - items.length,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    reads += 1;
    consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(page.Items ?? []));
    lastEvaluated = page.LastEvaluatedKey;
    startKey = lastEvaluated as Record<string, string> | undefined;
  } while (items.length <= limit && lastEvaluated && reads < MAX_READS_PER_PAGE);

  let nextKey: Record<string, unknown> | undefined;
  if (items.length > limit) {
    const last = items[limit - 1]!;
    nextKey = Object.fromEntries(keyNames.map((name) => [name, last[name]]));
  } else if (lastEvaluated) {
    nextKey = lastEvaluated;
  }
  return {
    items: items.slice(0, limit).map(toCompany),
    nextCursor: encodeCursor(nextKey as Record<string, string> | undefined),
    consumedCapacity,
    reads,
  };
}

