import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { foldForSearch, type Company, type CreateCompany, type UpdateCompany } from '../../shared/index';
import { encodeCursor, decodeCursor } from '../lib/cursor';
import { documentClient, tableName } from '../lib/dynamo';
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
      UpdateExpression: 'ADD companyCount :delta',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  };
}

/** Rolls each company into its park and into the umbrella's summary row in the same transaction: exact counts. */
function countersFor(tenant: { id: string; umbrellaId?: string }, parkId: string, delta: 1 | -1): TransactItem[] {
  const items = [counterUpdate(keys.park(tenant.id, parkId), delta)];
  if (tenant.umbrellaId) items.push(counterUpdate(keys.umbrellaAssociation(tenant.umbrellaId, tenant.id), delta));
  return items;
}

function cancellationCodes(error: unknown): string[] | undefined {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  }
  return undefined;
}

export async function getCompany(tenantId: string, companyId: string): Promise<Company | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.company(tenantId, companyId), ConsistentRead: true }),
  );
  return Item ? toCompany(Item) : undefined;
}

export type CreateOptions = { id: string; now: string; idempotencyKey?: string };

export async function createCompany(
  tenant: { id: string; umbrellaId?: string },
  input: CreateCompany,
  { id, now, idempotencyKey }: CreateOptions,
): Promise<{ company: Company; replayed: boolean }> {
  const company: Company = { ...input, id, tenantId: tenant.id, version: 1, createdAt: now, updatedAt: now };
  const transactItems: TransactItem[] = [
    { Put: { TableName: tableName(), Item: companyItem(company), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...countersFor(tenant, company.parkId, 1),
  ];
  if (idempotencyKey) {
    transactItems.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.idempotency(tenant.id, 'createCompany', idempotencyKey),
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
    await documentClient().send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { company, replayed: false };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (idempotencyKey && codes[transactItems.length - 1] === 'ConditionalCheckFailed') {
      return { company: await replayCreate(tenant.id, idempotencyKey), replayed: true };
    }
    if (codes[1] === 'ConditionalCheckFailed') throw invalidField('body.parkId', 'unknown_park');
    throw error;
  }
}

async function replayCreate(tenantId: string, idempotencyKey: string): Promise<Company> {
  const { Item } = await documentClient().send(
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

/** Applies an edit based on `input.version`; a stale version answers 409 with the current company. */
export async function updateCompany(
  tenant: { id: string; umbrellaId?: string },
  companyId: string,
  input: UpdateCompany,
  now: string,
): Promise<Company> {
  const current = await getCompany(tenant.id, companyId);
  if (!current) throw notFound();
  if (current.version !== input.version) throw versionConflict(current);
  const update = {
    TableName: tableName(),
    Key: keys.company(tenant.id, companyId),
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ...setAndRemove(input, now, companyIndexKeys({ ...input, id: companyId, tenantId: tenant.id }), searchTextOf(input)),
  };
  const parkChanged = current.parkId !== input.parkId;
  try {
    if (!parkChanged) {
      const { Attributes } = await documentClient().send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return toCompany(Attributes!);
    }
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: update },
          counterUpdate(keys.park(tenant.id, current.parkId), -1),
          counterUpdate(keys.park(tenant.id, input.parkId), 1),
        ],
      }),
    );
    return (await getCompany(tenant.id, companyId))!;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[2] === 'ConditionalCheckFailed') throw invalidField('body.parkId', 'unknown_park');
    if (codes?.[0] === 'ConditionalCheckFailed' || (error as { name?: string })?.name === 'ConditionalCheckFailedException') {
      const latest = await getCompany(tenant.id, companyId);
      throw latest ? versionConflict(latest) : notFound();
    }
    throw error;
  }
}

export async function deleteCompany(tenant: { id: string; umbrellaId?: string }, companyId: string, version: number): Promise<void> {
  const current = await getCompany(tenant.id, companyId);
  if (!current) throw notFound();
  if (current.version !== version) throw versionConflict(current);
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.company(tenant.id, companyId),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': version },
            },
          },
          ...countersFor(tenant, current.parkId, -1),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
      const latest = await getCompany(tenant.id, companyId);
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
    const page = await documentClient().send(
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

