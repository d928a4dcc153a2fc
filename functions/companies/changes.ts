import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { Company, MembershipStatus } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName } from '../lib/dynamo';
import { keys, type Key } from '../lib/keys';
import { COMPANY_FIELDS, companyIndexKeys, companyItem, searchTextOf } from './items';

/**
 * Pure transaction builders for every write to the register (the API's create/update/delete, the KBO import, the
 * CSV import): the company row, its history event, its audit row and the counters (per association, per park,
 * per zone) always change together, so the counters stay exact whoever writes.
 *
 * A single change needs at most MAX_ITEMS_PER_COMPANY_CHANGE transaction items. Several changes can share one
 * transaction (`companyTransaction`): their counter deltas are merged into one item per counter, since a
 * transaction may not touch an item twice; `chunkCompanyChanges` packs changes into transactions of ≤ 100 items.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one TransactWriteItems call. */
export const MAX_TRANSACT_ITEMS = 100;
/**
 * Company row, history event, audit row (3) + counters: association, two parks (a move), two zones (a move) (5).
 * A zone guard on the target park rides on that park's counter, or is one ConditionCheck when the park's counter
 * does not move (then the parks count one less), so 8 is the most one change can take.
 */
export const MAX_ITEMS_PER_COMPANY_CHANGE = 8;

export type Delta = { companies: number; members: number };

export type CompanyChangeOptions = {
  /**
   * The version of the target park whose zones `after.zoneId` was checked against. Required when a change puts a
   * company into a zone it was not in (new company, other zone, other park): the write is conditioned on that
   * version, so a zone removed meanwhile cannot receive it.
   */
  parkVersion?: number;
  /** Audit action; default `company.create`, `company.update` or `company.delete`. */
  action?: string;
  /** The day the history event takes effect (YYYY-MM-DD); default the actor's today. */
  on?: string;
};

export type CompanyChange = {
  tenantId: string;
  companyId: string;
  /** The state written (membership dates settled), or null for a deletion. */
  company: Company | null;
  /** Company row, history event (if any), audit row — counters are not in here (see companyTransaction). */
  items: TransactItem[];
  /** Counter moves, keyed by counterKey(). */
  counts: Map<string, { key: Key; zone?: { parkId: string; zoneId: string }; park?: string; delta: Delta }>;
  /** Parks whose zones this change relies on, with the version checked. */
  guards: Map<string, number>;
  /** The same change undone: restores the company row as it was and removes the history and audit rows. */
  undo: () => CompanyChange;
};

const today = (actor: Actor) => actor.now.slice(0, 10);
const isMember = (status: MembershipStatus) => (status === 'member' ? 1 : 0);

/**
 * `memberSince` follows the status: set on becoming a member (to today, unless given), kept while a member,
 * dropped otherwise.
 */
export function settleMembershipDates(before: Company | null, after: Company, on: string): Company {
  const next = { ...after };
  if (next.membershipStatus !== 'member') delete next.memberSince;
  else if (before?.membershipStatus === 'member') next.memberSince = after.memberSince ?? before.memberSince ?? on;
  else next.memberSince = after.memberSince ?? on;
  return next;
}

/** The fields an edit touched, for the audit row (names only). Contacts are compared without their ids. */
export function changedFields(before: Company, after: Company): string[] {
  const fields: string[] = COMPANY_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  const strip = (list: unknown[] | undefined) => JSON.stringify((list ?? []).map((c) => ({ ...(c as object), id: undefined })));
  if (strip(before.contacts) !== strip(after.contacts)) fields.push('contacts');
  if (before.kboVanishedOn !== after.kboVanishedOn) fields.push('kboVanishedOn');
  return fields;
}

/** Every attribute the API knows of a company, besides its identity, as SET/REMOVE on the stored row. */
const WRITTEN_FIELDS = [...COMPANY_FIELDS, 'contacts', 'memberSince', 'kboVanishedOn', 'updatedAt'] as const;

/**
 * Rewrites the company row from `expected` to `next` in place (SET what `next` has, REMOVE what it lacks), so
 * attributes other features keep on the row survive; conditioned on the version it is based on.
 */
function companyRowUpdate(next: Company, expectedVersion: number): TransactItem {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':version': next.version, ':search': searchTextOf(next) };
  const sets = ['#version = :version', 'searchText = :search'];
  const removes: string[] = [];
  for (const [name, value] of Object.entries(companyIndexKeys(next))) {
    sets.push(`${name} = :${name}`);
    values[`:${name}`] = value;
  }
  for (const field of WRITTEN_FIELDS) {
    names[`#${field}`] = field;
    const value = (next as Record<string, unknown>)[field];
    if (value === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  return {
    Update: {
      TableName: tableName(),
      Key: keys.company(next.tenantId, next.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

type Placement = { parkId: string; zoneId?: string; status: MembershipStatus };

function countsFor(tenantId: string, before: Placement | null, after: Placement | null): CompanyChange['counts'] {
  const counts: CompanyChange['counts'] = new Map();
  const move = (id: string, entry: { key: Key; zone?: { parkId: string; zoneId: string }; park?: string }, delta: Delta) => {
    const current = counts.get(id) ?? { ...entry, delta: { companies: 0, members: 0 } };
    current.delta = { companies: current.delta.companies + delta.companies, members: current.delta.members + delta.members };
    counts.set(id, current);
  };
  const apply = (placement: Placement, sign: 1 | -1) => {
    const delta = { companies: sign, members: sign * isMember(placement.status) };
    move('tenant', { key: keys.tenant(tenantId) }, delta);
    move(`park#${placement.parkId}`, { key: keys.park(tenantId, placement.parkId), park: placement.parkId }, delta);
    if (placement.zoneId) {
      move(`zone#${placement.parkId}#${placement.zoneId}`, { key: keys.zoneStats(tenantId, placement.parkId, placement.zoneId), zone: { parkId: placement.parkId, zoneId: placement.zoneId } }, delta);
    }
  };
  if (before) apply(before, -1);
  if (after) apply(after, 1);
  for (const [id, entry] of counts) if (entry.delta.companies === 0 && entry.delta.members === 0) counts.delete(id);
  return counts;
}

function eventPut(tenantId: string, actor: Actor, event: Record<string, unknown> & { companyId: string }): { item: TransactItem; key: Key } {
  const id = ulid(Date.parse(actor.now));
  const key = keys.registerEvent(tenantId, id);
  return {
    key,
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...key, gsi1pk: keys.companyHistory(tenantId, event.companyId), gsi1sk: id, type: 'registerEvent', id, ...event, at: actor.now, actorId: actor.userId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

const deleteRow = (key: Key): TransactItem => ({ Delete: { TableName: tableName(), Key: key } });

/**
 * One change to the register: `before` null = a new company, `after` null = a removal, both = an edit (an
 * edit's `after.version` is ignored: it becomes `before.version + 1`). Pure: builds items, writes nothing.
 */
export function companyChange(before: Company | null, after: Company | null, actor: Actor, options: CompanyChangeOptions = {}): CompanyChange {
  const subject = (after ?? before)!;
  if (!subject) throw new TypeError('companyChange needs a before or an after state');
  const tenantId = subject.tenantId;
  const companyId = subject.id;
  const on = options.on ?? today(actor);
  const next = after
    ? settleMembershipDates(before, { ...after, version: before ? before.version + 1 : after.version, updatedAt: before ? actor.now : after.updatedAt }, on)
    : null;

  const items: TransactItem[] = [];
  const added: Key[] = [];
  let undoRow: TransactItem;
  if (!before) {
    items.push({ Put: { TableName: tableName(), Item: companyItem(next!), ConditionExpression: 'attribute_not_exists(pk)' } });
    undoRow = {
      Delete: {
        TableName: tableName(), Key: keys.company(tenantId, companyId),
        ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': next!.version },
      },
    };
  } else if (!next) {
    items.push({
      Delete: {
        TableName: tableName(), Key: keys.company(tenantId, companyId),
        ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': before.version },
      },
    });
    undoRow = { Put: { TableName: tableName(), Item: companyItem(before), ConditionExpression: 'attribute_not_exists(pk)' } };
  } else {
    items.push(companyRowUpdate(next, before.version));
    undoRow = companyRowUpdate(before, next.version);
  }

  const event = !before
    ? { companyId, parkId: next!.parkId, kind: 'created', to: next!.membershipStatus, on }
    : !next
      ? { companyId, parkId: before.parkId, kind: 'deleted', from: before.membershipStatus, on }
      : before.membershipStatus !== next.membershipStatus
        ? { companyId, parkId: next.parkId, kind: 'status', from: before.membershipStatus, to: next.membershipStatus, on }
        : undefined;
  if (event) {
    const { item, key } = eventPut(tenantId, actor, event);
    items.push(item);
    added.push(key);
  }
  const action = options.action ?? (!before ? 'company.create' : !next ? 'company.delete' : 'company.update');
  const audit = auditPut(tenantId, actor, { action, objectType: 'company', objectId: companyId, ...(before && next ? { fields: changedFields(before, next) } : {}) });
  items.push(audit);
  added.push({ pk: String(audit.Put.Item.pk), sk: String(audit.Put.Item.sk) });

  const placement = (company: Company | null): Placement | null => (company ? { parkId: company.parkId, zoneId: company.zoneId, status: company.membershipStatus } : null);
  const counts = countsFor(tenantId, placement(before), placement(next));
  const guards = new Map<string, number>();
  if (next?.zoneId && (before?.zoneId !== next.zoneId || before?.parkId !== next.parkId)) {
    if (options.parkVersion === undefined) throw new TypeError('a change into a zone needs the park version its zone was checked against');
    guards.set(next.parkId, options.parkVersion);
  }

  const change: CompanyChange = {
    tenantId, companyId, company: next, items, counts, guards,
    undo: () => ({
      tenantId, companyId, company: before,
      items: [undoRow, ...added.map(deleteRow)],
      counts: countsFor(tenantId, placement(next), placement(before)),
      guards: new Map(),
      undo: () => change,
    }),
  };
  return change;
}

/** Moves counters; parks and the association must exist, zone counters are created by their first move. */
function counterItem(entry: { key: Key; zone?: { parkId: string; zoneId: string }; park?: string; delta: Delta }, parkVersion: number | undefined): TransactItem {
  if (entry.zone) {
    return {
      Update: {
        TableName: tableName(),
        Key: entry.key,
        UpdateExpression: 'SET #type = :type, parkId = :park, zoneId = :zone ADD companyCount :companies, memberCount :members',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'zoneStats', ':park': entry.zone.parkId, ':zone': entry.zone.zoneId, ':companies': entry.delta.companies, ':members': entry.delta.members },
      },
    };
  }
  const guarded = parkVersion !== undefined;
  return {
    Update: {
      TableName: tableName(),
      Key: entry.key,
      // statsVersion orders the copies the stream makes for the umbrella (rollups).
      UpdateExpression: 'ADD companyCount :companies, memberCount :members, statsVersion :one',
      ConditionExpression: guarded ? 'attribute_exists(pk) AND #version = :parkVersion' : 'attribute_exists(pk)',
      ...(guarded ? { ExpressionAttributeNames: { '#version': 'version' } } : {}),
      ExpressionAttributeValues: { ':companies': entry.delta.companies, ':members': entry.delta.members, ':one': 1, ...(guarded ? { ':parkVersion': parkVersion } : {}) },
    },
  };
}

function parkGuard(tenantId: string, parkId: string, version: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.park(tenantId, parkId),
      ConditionExpression: 'attribute_exists(pk) AND #version = :parkVersion',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':parkVersion': version },
    },
  };
}

/**
 * The transaction items of one or more changes of one tenant: their rows, then one item per counter (deltas
 * merged; counters that end at zero left out), then park guards whose counter does not move. Changes of the
 * same company cannot share a transaction. Order: every change's `items` in turn, then counters, then guards.
 */
export function companyTransaction(changes: readonly CompanyChange[]): TransactItem[] {
  if (changes.length === 0) return [];
  const tenantId = changes[0]!.tenantId;
  const seen = new Set<string>();
  const counts: CompanyChange['counts'] = new Map();
  const guards = new Map<string, number>();
  for (const change of changes) {
    if (change.tenantId !== tenantId) throw new TypeError('one transaction, one tenant');
    if (seen.has(change.companyId)) throw new TypeError(`company ${change.companyId} changes twice in one transaction`);
    seen.add(change.companyId);
    for (const [id, entry] of change.counts) {
      const current = counts.get(id) ?? { ...entry, delta: { companies: 0, members: 0 } };
      counts.set(id, { ...current, delta: { companies: current.delta.companies + entry.delta.companies, members: current.delta.members + entry.delta.members } });
    }
    for (const [parkId, version] of change.guards) {
      if (guards.has(parkId) && guards.get(parkId) !== version) throw new TypeError(`park ${parkId} checked at two versions`);
      guards.set(parkId, version);
    }
  }
  const counters: TransactItem[] = [];
  for (const entry of counts.values()) {
    if (entry.delta.companies === 0 && entry.delta.members === 0) continue;
    const version = entry.park ? guards.get(entry.park) : undefined;
    if (entry.park) guards.delete(entry.park);
    counters.push(counterItem(entry, version));
  }
  return [...changes.flatMap((change) => change.items), ...counters, ...[...guards].map(([parkId, version]) => parkGuard(tenantId, parkId, version))];
}

/**
 * Packs changes, in order, into as few transactions as fit `limit` items each (counters included); a change of a
 * company already in the current chunk starts a new one.
 */
export function chunkCompanyChanges(changes: readonly CompanyChange[], limit = MAX_TRANSACT_ITEMS): CompanyChange[][] {
  const chunks: CompanyChange[][] = [];
  let current: CompanyChange[] = [];
  for (const change of changes) {
    const candidate = [...current, change];
    const fits = !current.some((c) => c.companyId === change.companyId) && companyTransaction(candidate).length <= limit;
    if (fits) current = candidate;
    else {
      if (current.length) chunks.push(current);
      current = [change];
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** A new company (its `version` is written as given, normally 1). */
export function companyCreateItems(company: Company, actor: Actor, options: CompanyChangeOptions = {}): TransactItem[] {
  return companyTransaction([companyChange(null, company, actor, options)]);
}

/** An edit of `current` into `next`, conditioned on `current.version`; `next.version` becomes `current.version + 1`. */
export function companyUpdateItems(current: Company, next: Company, actor: Actor, options: CompanyChangeOptions = {}): TransactItem[] {
  return companyTransaction([companyChange(current, next, actor, options)]);
}

/** The removal of `current`, conditioned on its version. */
export function companyDeleteItems(current: Company, actor: Actor, options: CompanyChangeOptions = {}): TransactItem[] {
  return companyTransaction([companyChange(current, null, actor, options)]);
}

/** Any of the three: `before` null = create, `after` null = delete. */
export function companyChangeItems(before: Company | null, after: Company | null, actor: Actor, options: CompanyChangeOptions = {}): TransactItem[] {
  return companyTransaction([companyChange(before, after, actor, options)]);
}

/** Which kind of row a transaction item touches, to tell which condition failed. */
export function itemKind(item: TransactItem): 'company' | 'park' | 'tenant' | 'zone' | 'other' {
  const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as Key | undefined;
  const sk = String(key?.sk ?? '');
  if (sk.startsWith('COMPANY#')) return 'company';
  if (sk.startsWith(keys.parkPrefix)) return 'park';
  if (sk === 'TENANT') return 'tenant';
  if (sk.startsWith(keys.zoneStatsPrefix)) return 'zone';
  return 'other';
}
