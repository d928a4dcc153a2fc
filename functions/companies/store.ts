import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import {
  foldForSearch,
  NO_ZONE,
  type Company,
  type CompanyListQuery,
  type Contact,
  type CreateCompany,
  type UpdateCompany,
  type Zone,
} from '../../shared/index';
import { encodeCursor, decodeCursor } from '../lib/cursor';
import type { Actor } from '../lib/audit';
import { cancellationCodes } from '../lib/transactions';
import { tenantClient, tableName } from '../lib/dynamo';
import { HttpError, invalidField, notFound, versionConflict } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import { companyChange, companyDeleteItems, companyTransaction, itemKind, type TransactItem } from './changes';
import { COMPANY_FIELDS, toCompany } from './items';

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Reads of one list page when filters drop items; this bounds the cost of one request. */
const MAX_READS_PER_PAGE = 5;
/** Items one filtered page may read in all (its Queries together): bounds the cost of one request. */
const MAX_ITEMS_READ_PER_PAGE = 500;

/**
 * How many items the next Query of a filtered page reads: the first reads what an unfiltered page would (when
 * the filter keeps everything, that is the whole cost); later ones read what the share kept so far suggests is
 * still missing, within what the page may still read.
 */
function nextReadSize(limit: number, evaluated: number, kept: number): number {
  const missing = limit + 1 - kept;
  if (evaluated === 0) return missing;
  const share = Math.max(kept / evaluated, 0.05);
  return Math.max(1, Math.min(Math.ceil(missing / share), MAX_ITEMS_READ_PER_PAGE - evaluated));
}
/** A park edited between our read of its zones and our write: build the write again on the fresh park. */
const PARK_RETRIES = 3;

export {
  chunkCompanyChanges,
  companyChange,
  companyChangeItems,
  companyCreateItems,
  companyDeleteItems,
  companyTransaction,
  companyUpdateItems,
  MAX_ITEMS_PER_COMPANY_CHANGE,
  MAX_TRANSACT_ITEMS,
  type CompanyChange,
  type CompanyChangeOptions,
  type TransactItem,
} from './changes';

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

export type ParkZones = { id: string; version: number; zones: Zone[] };

export async function getParkZones(tenantId: string, parkId: string, consistent = true): Promise<ParkZones | undefined> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({
      TableName: tableName(), Key: keys.park(tenantId, parkId), ConsistentRead: consistent,
      ProjectionExpression: 'id, #version, zones', ExpressionAttributeNames: { '#version': 'version' },
    }),
  );
  return Item ? { id: String(Item.id), version: Number(Item.version), zones: (Item.zones ?? []) as Zone[] } : undefined;
}

/**
 * The park version a company's zone is checked against, or undefined when the company keeps the zone it has
 * (a zone with companies cannot be removed, so it still exists). 400 `unknown_zone` for a zone of no park of
 * ours or of another park, `unknown_park` for a park we do not have.
 */
async function zoneCheck(tenantId: string, before: Company | null, after: Pick<Company, 'parkId' | 'zoneId'>): Promise<number | undefined> {
  if (!after.zoneId) return undefined;
  if (before && before.zoneId === after.zoneId && before.parkId === after.parkId) return undefined;
  const park = await getParkZones(tenantId, after.parkId);
  if (!park) throw invalidField('body.parkId', 'unknown_park');
  if (!park.zones.some((zone) => zone.id === after.zoneId)) throw invalidField('body.zoneId', 'unknown_zone');
  return park.version;
}

/**
 * Sends a register transaction built by `build` (which checks the zone afresh each time). A park that changed
 * since its zones were read makes the guard fail: build again (the zone may be gone now: unknown_zone); a
 * counter of a park we do not have: unknown_park. Returns the codes of any other cancellation to the caller.
 */
async function sendWithParkRetry<T>(
  tenantId: string,
  build: () => Promise<{ items: TransactItem[]; result: T }>,
  onCancelled: (codes: string[], items: TransactItem[]) => Promise<never> | never,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const { items, result } = await build();
    try {
      await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: items }));
      return result;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = items.filter((_, i) => codes[i] === 'ConditionalCheckFailed');
      const parkFailed = failed.length > 0 && failed.every((item) => itemKind(item) === 'park');
      if (parkFailed) {
        const guarded = failed.some((item) => item.ConditionCheck !== undefined || item.Update?.ExpressionAttributeValues?.[':parkVersion'] !== undefined);
        if (!guarded) throw invalidField('body.parkId', 'unknown_park');
        if (attempt < PARK_RETRIES) continue;
        throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
      }
      return onCancelled(codes, items);
    }
  }
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
  const draft: Company = { ...fields, ...(contacts ? { contacts } : {}), id, tenantId, version: 1, createdAt: now, updatedAt: now };
  const idempotencyItem = (): TransactItem[] =>
    idempotencyKey
      ? [{
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
        }]
      : [];
  try {
    const company = await sendWithParkRetry(
      tenantId,
      async () => {
        const parkVersion = await zoneCheck(tenantId, null, draft);
        const change = companyChange(null, draft, actor, { parkVersion });
        return { items: [...companyTransaction([change]), ...idempotencyItem()], result: change.company! };
      },
      (codes) => {
        if (idempotencyKey && codes.at(-1) === 'ConditionalCheckFailed') throw new ReplayNeeded();
        throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
      },
    );
    return { company, replayed: false };
  } catch (error) {
    if (error instanceof ReplayNeeded) return { company: await replayCreate(tenantId, idempotencyKey!, fingerprint), replayed: true };
    throw error;
  }
}

class ReplayNeeded extends Error {}

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

/** The stored state an edit leads to: the edit's fields replace the register fields; contacts only when sent. */
function editedCompany(current: Company, input: UpdateCompany, contacts: Contact[] | undefined): Company {
  const { version: _version, contacts: _contacts, ...fields } = input;
  const kept = Object.fromEntries(
    Object.entries(current).filter(([field]) => !(COMPANY_FIELDS as string[]).includes(field) && field !== 'contacts'),
  ) as Partial<Company>;
  return { ...kept, ...fields, ...((contacts ?? current.contacts) ? { contacts: contacts ?? current.contacts } : {}) } as Company;
}

/** Applies an edit based on `input.version`; a stale version answers 409 with the current company. */
export async function updateCompany(tenantId: string, companyId: string, input: UpdateCompany, actor: Actor): Promise<Company> {
  const contacts = settleContacts(input.contacts, actor);
  const conflict = async (): Promise<never> => {
    const latest = await getCompany(tenantId, companyId);
    throw latest ? versionConflict(latest) : notFound();
  };
  const company = await sendWithParkRetry(
    tenantId,
    async () => {
      const current = await getCompany(tenantId, companyId);
      if (!current) throw notFound();
      if (current.version !== input.version) throw versionConflict(current);
      const next = editedCompany(current, input, contacts);
      const parkVersion = await zoneCheck(tenantId, current, next);
      const change = companyChange(current, next, actor, { parkVersion });
      return { items: companyTransaction([change]), result: change.company! };
    },
    (codes, items) => {
      const failed = items.filter((_, i) => codes[i] === 'ConditionalCheckFailed').map(itemKind);
      if (failed.includes('company')) return conflict();
      throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
    },
  );
  return toCompany(company);
}

export async function deleteCompany(tenantId: string, companyId: string, version: number, actor: Actor): Promise<void> {
  const current = await getCompany(tenantId, companyId);
  if (!current) throw notFound();
  if (current.version !== version) throw versionConflict(current);
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: companyDeleteItems(current, actor) }));
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
      const latest = await getCompany(tenantId, companyId);
      throw latest ? versionConflict(latest) : notFound();
    }
    throw error;
  }
}

export type ListOptions = Partial<Omit<CompanyListQuery, 'limit'>> & { limit: number };
export type ListResult = {
  items: Company[];
  nextCursor: string | null;
  /** Read capacity of the page's Queries (and the park read a zone filter needs). */
  consumedCapacity: number;
  /** Queries of the company indexes this page took (1 without filters). */
  reads: number;
};

type ListPlan = {
  index: 'gsi1' | 'gsi2' | 'gsi3';
  partition: string;
  filters: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
  /** What the cursor is bound to: a cursor issued for other filters or another sort is refused. */
  fingerprint: string;
};

/** The zone filter as ids: a zone stands for itself and its subzones. */
async function zoneFilter(tenantId: string, parkId: string | undefined, zoneId: string): Promise<{ parkId: string; zoneIds: string[]; rcu: number }> {
  const parks: ParkZones[] = [];
  let rcu = 0;
  if (parkId) {
    const park = await getParkZones(tenantId, parkId, false);
    rcu += 0.5;
    if (park) parks.push(park);
  } else {
    const items = await queryTenantPrefix(tenantId, keys.parkPrefix, { ProjectionExpression: 'id, #version, zones', ExpressionAttributeNames: { '#version': 'version' } });
    parks.push(...items.map((item) => ({ id: String(item.id), version: Number(item.version), zones: (item.zones ?? []) as Zone[] })));
    rcu += Math.max(1, parks.length) * 0.5;
  }
  const park = parks.find((p) => p.zones.some((zone) => zone.id === zoneId));
  if (!park) throw invalidField('query.zoneId', 'unknown_zone');
  return { parkId: park.id, zoneIds: [zoneId, ...park.zones.filter((zone) => zone.parentId === zoneId).map((zone) => zone.id)], rcu };
}

/**
 * Which index serves the filters: a status → gsi3 (the association's companies of that status), else a park →
 * gsi1, else gsi2 (all the association's companies). Everything else is a filter on what the index returns.
 */
async function planList(tenantId: string, options: ListOptions): Promise<ListPlan & { rcu: number }> {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let parkId = options.parkId;
  let zoneIds: string[] | undefined;
  let rcu = 0;
  if (options.zoneId && options.zoneId !== NO_ZONE) {
    const zone = await zoneFilter(tenantId, parkId, options.zoneId);
    parkId = zone.parkId;
    zoneIds = zone.zoneIds;
    rcu += zone.rcu;
  }
  const index = options.status ? 'gsi3' : parkId ? 'gsi1' : 'gsi2';
  const partition = options.status
    ? keys.companiesByStatus(tenantId, options.status)
    : parkId
      ? keys.companiesOfPark(tenantId, parkId)
      : keys.companiesOfTenant(tenantId);
  if (index === 'gsi3' && parkId) {
    filters.push('parkId = :parkId');
    values[':parkId'] = parkId;
  }
  if (zoneIds) {
    names['#zoneId'] = 'zoneId';
    filters.push(`#zoneId IN (${zoneIds.map((_, i) => `:zone${i}`).join(', ')})`);
    zoneIds.forEach((id, i) => (values[`:zone${i}`] = id));
  } else if (options.zoneId === NO_ZONE) {
    names['#zoneId'] = 'zoneId';
    filters.push('attribute_not_exists(#zoneId)');
  }
  if (options.sector) {
    filters.push('begins_with(naceCode, :sector)');
    values[':sector'] = options.sector;
  }
  const search = options.q ? foldForSearch(options.q) : '';
  if (search) {
    names['#search'] = 'searchText';
    filters.push('contains(#search, :q)');
    values[':q'] = search;
  }
  const bound = JSON.stringify([index, partition, parkId ?? null, options.zoneId ?? null, options.sector ?? null, search, options.sort ?? 'name']);
  const fingerprint = createHash('sha256').update(bound).digest('base64url').slice(0, 16);
  return { index, partition, filters, names, values, fingerprint, rcu };
}

/**
 * One page of companies by name (A→Z or Z→A). Without filters a page is one Query of exactly the page (plus one
 * item, to know whether a next page exists); with filters the Queries read what the share of kept items suggests
 * (nextReadSize), at most MAX_READS_PER_PAGE of them and MAX_ITEMS_READ_PER_PAGE items in all: a page may then
 * come back short, with a cursor to read on.
 */
export async function listCompanies(tenantId: string, options: ListOptions): Promise<ListResult> {
  const { limit, cursor, sort = 'name' } = options;
  const plan = await planList(tenantId, { ...options, sort });
  const pkName = `${plan.index}pk`;
  const skName = `${plan.index}sk`;
  const keyNames = ['pk', 'sk', pkName, skName];
  const decoded = decodeCursor(cursor, {
    attribute: pkName,
    value: plan.partition,
    keys: [...keyNames, 'f'],
    prefixes: { pk: tenantPartition(tenantId), sk: 'COMPANY#' },
  });
  if (decoded && (decoded.pk !== tenantPartition(tenantId) || decoded.f !== plan.fingerprint)) throw invalidField('query.cursor', 'invalid_cursor');
  let startKey: Record<string, string> | undefined = decoded ? Object.fromEntries(keyNames.map((name) => [name, decoded[name]!])) : undefined;
  const filtered = plan.filters.length > 0;
  const items: Record<string, unknown>[] = [];
  let consumedCapacity = plan.rcu;
  let reads = 0;
  let evaluated = 0;
  let lastEvaluated: Record<string, unknown> | undefined;
  do {
    const page = await tenantClient(tenantId).send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: plan.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkName, ...plan.names },
        ExpressionAttributeValues: { ':pk': plan.partition, ...plan.values },
        ...(filtered ? { FilterExpression: plan.filters.join(' AND ') } : {}),
        ScanIndexForward: sort !== '-name',
        // One extra item tells whether a next page exists, so "next" never leads to an empty page.
        Limit: filtered ? nextReadSize(limit, evaluated, items.length) : limit + 1 - items.length,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    reads += 1;
    evaluated += page.ScannedCount ?? 0;
    consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(page.Items ?? []));
    lastEvaluated = page.LastEvaluatedKey;
    startKey = lastEvaluated as Record<string, string> | undefined;
  } while (items.length <= limit && lastEvaluated && reads < MAX_READS_PER_PAGE && evaluated < MAX_ITEMS_READ_PER_PAGE);

  let nextKey: Record<string, unknown> | undefined;
  if (items.length > limit) {
    const last = items[limit - 1]!;
    nextKey = Object.fromEntries(keyNames.map((name) => [name, last[name]]));
  } else if (lastEvaluated) {
    nextKey = lastEvaluated;
  }
  return {
    items: items.slice(0, limit).map(toCompany),
    nextCursor: encodeCursor(nextKey ? { ...(nextKey as Record<string, string>), f: plan.fingerprint } : undefined),
    consumedCapacity,
    reads,
  };
}
