import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { foldForSearch, type Company, type CreateCompany, type UpdateCompany } from '../../shared/index';
import { encodeCursor, decodeCursor } from '../lib/cursor';
import { auditPut, type Actor } from '../lib/audit';
import { cancellationCodes } from '../lib/transactions';
import { tenantClient, tableName } from '../lib/dynamo';
import { invalidField, notFound, versionConflict } from '../lib/errors';
import { keys } from '../lib/keys';
import { COMPANY_FIELDS, companyIndexKeys, companyItem, searchTextOf, toCompany } from './items';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** With a search filter a page may need several reads; this bounds the cost of one request. */
const MAX_READS_PER_PAGE = 5;

/** Counters are only moved on rows that exist, so a stray ADD can never create a half-empty item. */
function counterUpdate(key: { pk: string; sk: string }, delta: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'ADD companyCount :delta, statsVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta, ':one': 1 },
    },
  };
}

/**
 * Counts each company on its park and on its association in the same transaction: exact, and all inside the
 * association's own partition. The umbrella's copy of the figures follows from the table's stream (rollups).
 */
function countersFor(tenantId: string, parkId: string, delta: 1 | -1): TransactItem[] {
  return [counterUpdate(keys.park(tenantId, parkId), delta), counterUpdate(keys.tenant(tenantId), delta)];
}


export async function getCompany(tenantId: string, companyId: string): Promise<Company | undefined> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.company(tenantId, companyId), ConsistentRead: true }),
  );
  return Item ? toCompany(Item) : undefined;
}

export type CreateOptions = { id: string; idempotencyKey?: string };

export async function createCompany(
  tenantId: string,
  input: CreateCompany,
  actor: Actor,
  { id, idempotencyKey }: CreateOptions,
): Promise<{ company: Company; replayed: boolean }> {
  const now = actor.now;
  const company: Company = { ...input, id, tenantId, version: 1, createdAt: now, updatedAt: now };
  const transactItems: TransactItem[] = [
    { Put: { TableName: tableName(), Item: companyItem(company), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...countersFor(tenantId, company.parkId, 1),
    auditPut(tenantId, actor, { action: 'company.create', objectType: 'company', objectId: id }),
  ];
  if (idempotencyKey) {
    transactItems.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.idempotency(tenantId, 'createCompany', idempotencyKey),
          type: 'idempotency',
          companyId: id,
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
      return { company: await replayCreate(tenantId, idempotencyKey), replayed: true };
    }
    if (codes[1] === 'ConditionalCheckFailed') throw invalidField('body.parkId', 'unknown_park');
    throw error;
  }
}

async function replayCreate(tenantId: string, idempotencyKey: string): Promise<Company> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(tenantId, 'createCompany', idempotencyKey), ConsistentRead: true }),
  );
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
  return COMPANY_FIELDS.filter((field) => JSON.stringify(current[field]) !== JSON.stringify((input as Record<string, unknown>)[field]));
}

/** Applies an edit based on `input.version`; a stale version answers 409 with the current company. */
export async function updateCompany(tenantId: string, companyId: string, input: UpdateCompany, actor: Actor): Promise<Company> {
  const current = await getCompany(tenantId, companyId);
  if (!current) throw notFound();
  if (current.version !== input.version) throw versionConflict(current);
  const update = {
    TableName: tableName(),
    Key: keys.company(tenantId, companyId),
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ...setAndRemove(input, actor.now, companyIndexKeys({ ...input, id: companyId, tenantId }), searchTextOf(input)),
  };
  const parkChanged = current.parkId !== input.parkId;
  const transactItems: TransactItem[] = [
    { Update: update },
    auditPut(tenantId, actor, { action: 'company.update', objectType: 'company', objectId: companyId, fields: changedFields(current, input) }),
    ...(parkChanged ? [counterUpdate(keys.park(tenantId, current.parkId), -1), counterUpdate(keys.park(tenantId, input.parkId), 1)] : []),
  ];
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: transactItems }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[3] === 'ConditionalCheckFailed') throw invalidField('body.parkId', 'unknown_park');
    if (codes?.[0] === 'ConditionalCheckFailed') {
      const latest = await getCompany(tenantId, companyId);
      throw latest ? versionConflict(latest) : notFound();
    }
    throw error;
  }
  // The transaction succeeded against `current`, so the new state is exactly `current` with the edit applied.
  const { version: _version, ...fields } = input;
  return toCompany({ ...fields, id: companyId, tenantId, version: current.version + 1, createdAt: current.createdAt, updatedAt: actor.now });
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
          ...countersFor(tenantId, current.parkId, -1),
          auditPut(tenantId, actor, { action: 'company.delete', objectType: 'company', objectId: companyId }),
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
  let startKey: Record<string, string> | undefined = decodeCursor(cursor, { attribute: pkName, value: partition, keys: keyNames });
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

