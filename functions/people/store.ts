import { BatchGetCommand, GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  BoardMember,
  BoardMemberInput,
  ParkManager,
  ParkManagerInput,
  People,
  UpdateBoardMember,
  UpdateParkManager,
  UpdateWorkingGroup,
  WorkingGroup,
  WorkingGroupInput,
} from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict, type FieldIssue } from '../lib/errors';
import { keys, type Key } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import { cancellationCodes } from '../lib/transactions';
import {
  boardMemberItem,
  compact,
  parkManagerItem,
  toBoardMember,
  toParkManager,
  toWorkingGroup,
  workingGroupItem,
  type StoredBoardMember,
  type StoredParkManager,
  type StoredWorkingGroup,
} from './items';
import { boardIssues, parkManagerIssues, parkManagerSummary, settleWorkingGroup } from './rules';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Board and park-manager writes re-read and retry when another write took the lock between read and write. */
const MAX_ATTEMPTS = 5;

const today = (actor: Actor) => actor.now.slice(0, 10);
const busy = () => new HttpError(503, 'people_busy', { headers: { 'retry-after': '1' } });

function throwIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new HttpError(400, 'validation_failed', { fields: issues });
}

// ---- reads ----

async function getItem(tenantId: string, key: Key): Promise<Record<string, unknown> | undefined> {
  const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

const readKind = (tenantId: string, prefix: string) => queryTenantPrefix(tenantId, `${keys.peoplePrefix}${prefix}`, { ConsistentRead: true });

/** Current names of the companies people refer to, read in one batch (a removed company simply has none). */
async function companyNames(tenantId: string, companyIds: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(companyIds)];
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(start, start + 100).map((id) => keys.company(tenantId, id));
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      if (attempt > 6) throw new Error('company names: DynamoDB kept returning unprocessed keys');
      const answer = await tenantClient(tenantId).send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: pending, ProjectionExpression: 'id, #name', ExpressionAttributeNames: { '#name': 'name' } } },
        }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) names.set(String(item.id), String(item.name));
      pending = answer.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return names;
}

function withCompanyName<T extends { companyId?: string }>(person: T, names: Map<string, string>): T & { companyName?: string } {
  const companyName = person.companyId ? names.get(person.companyId) : undefined;
  return companyName ? { ...person, companyName } : person;
}

async function namedBoardMember(tenantId: string, member: StoredBoardMember): Promise<BoardMember> {
  return withCompanyName(compact(member), await companyNames(tenantId, member.companyId ? [member.companyId] : []));
}

async function namedWorkingGroup(tenantId: string, group: StoredWorkingGroup): Promise<WorkingGroup> {
  const names = await companyNames(tenantId, group.members.flatMap((member) => (member.companyId ? [member.companyId] : [])));
  return compact({ ...group, members: group.members.map((member) => withCompanyName(compact(member), names)) });
}

const FUNCTION_ORDER = ['chair', 'vice_chair', 'secretary', 'treasurer', 'member'];
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');

/** The whole organisation chart in one Query of the `PEOPLE#` item collection, plus one batch for company names. */
export async function listPeople(tenantId: string, on: string): Promise<Omit<People, 'contactDetails'>> {
  const items = await queryTenantPrefix(tenantId, keys.peoplePrefix, { ConsistentRead: true });
  const board = items.filter((item) => item.type === 'boardMember').map(toBoardMember);
  const managers = items.filter((item) => item.type === 'parkManager').map(toParkManager);
  const groups = items.filter((item) => item.type === 'workingGroup').map(toWorkingGroup);
  const names = await companyNames(tenantId, [
    ...board.flatMap((member) => (member.companyId ? [member.companyId] : [])),
    ...groups.flatMap((group) => group.members.flatMap((member) => (member.companyId ? [member.companyId] : []))),
  ]);
  const past = (manager: StoredParkManager) => (manager.until !== undefined && manager.until < on ? 1 : 0);
  return {
    boardMembers: board
      .sort((a, b) => FUNCTION_ORDER.indexOf(a.function) - FUNCTION_ORDER.indexOf(b.function) || byName(a, b))
      .map((member) => withCompanyName(compact(member), names)),
    parkManagers: managers.sort((a, b) => past(a) - past(b) || a.from.localeCompare(b.from) || byName(a, b)).map((manager) => compact(manager)),
    workingGroups: groups
      .sort(byName)
      .map((group) => compact({ ...group, members: group.members.map((member) => withCompanyName(compact(member), names)) })),
  };
}

// ---- the pieces of a write ----

type Entry =
  | { role: 'object' | 'lock' | 'idempotency' | 'audit'; item: TransactItem }
  | { role: 'company'; item: TransactItem; paths: string[] };

/** One ConditionCheck per company referred to (a transaction may touch an item once), with the fields naming it. */
function companyEntries(tenantId: string, references: { companyId?: string; path: string }[]): Entry[] {
  const paths = new Map<string, string[]>();
  for (const { companyId, path } of references) if (companyId) paths.set(companyId, [...(paths.get(companyId) ?? []), path]);
  return [...paths].map(([companyId, fields]) => ({
    role: 'company',
    paths: fields,
    item: { ConditionCheck: { TableName: tableName(), Key: keys.company(tenantId, companyId), ConditionExpression: 'attribute_exists(pk)' } },
  }));
}

export type CreateOptions = { id: string; idempotencyKey?: string; fingerprint?: string };

function idempotencyEntries(tenantId: string, scope: string, { id, idempotencyKey, fingerprint }: CreateOptions, actor: Actor): Entry[] {
  if (!idempotencyKey) return [];
  const nowSeconds = Math.floor(Date.parse(actor.now) / 1000);
  return [{
    role: 'idempotency',
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.idempotency(tenantId, scope, idempotencyKey), type: 'idempotency', objectId: id, fingerprint, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
        ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
      },
    },
  }];
}

/**
 * The object an earlier request with the same Idempotency-Key created, if that key is still live; checked before
 * any validation, since a retried create of a chair would otherwise clash with the chair it created itself.
 * A key reused by someone else or for another body is refused.
 */
async function priorCreate(tenantId: string, scope: string, { idempotencyKey, fingerprint }: CreateOptions, actor: Actor): Promise<string | undefined> {
  if (!idempotencyKey) return undefined;
  const record = await getItem(tenantId, keys.idempotency(tenantId, scope, idempotencyKey));
  if (!record || Number(record.expiresAt) < Math.floor(Date.parse(actor.now) / 1000)) return undefined;
  if (record.fingerprint !== fingerprint) {
    throw new HttpError(422, 'idempotency_key_reused', { fields: [{ path: 'header.idempotency-key', code: 'idempotency_key_reused' }] });
  }
  return String(record.objectId);
}

type Outcome = 'done' | 'object' | 'idempotency' | 'retry';

/** Runs a write; a failed condition is named by the role of its entry (company checks become field errors). */
async function run(tenantId: string, entries: Entry[]): Promise<Outcome> {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: entries.map((entry) => entry.item) }));
    return 'done';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = (role: Entry['role']) => entries.some((entry, index) => entry.role === role && codes[index] === 'ConditionalCheckFailed');
    if (failed('object')) return 'object';
    if (failed('idempotency')) return 'idempotency';
    if (failed('lock') || codes.includes('TransactionConflict')) return 'retry';
    const issues = entries.flatMap((entry, index) =>
      entry.role === 'company' && codes[index] === 'ConditionalCheckFailed' ? entry.paths.map((path) => ({ path, code: 'unknown_company' })) : [],
    );
    throwIssues(issues);
    throw error;
  }
}

const putNew = (item: Record<string, unknown>): TransactItem => ({ Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
const putOver = (item: Record<string, unknown>, version: number): TransactItem => ({
  Put: {
    TableName: tableName(), Item: item,
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': version },
  },
});
const deleteAt = (key: Key, version: number): TransactItem => ({
  Delete: {
    TableName: tableName(), Key: key,
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': version },
  },
});

/** Names of the fields whose values differ (never the values: the audit log must not copy personal data). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

// ---- board ----

const BOARD_FIELDS = ['name', 'function', 'companyId', 'email', 'phone', 'termStart', 'termEnd', 'contactVisibleToMembers'] as const;

async function readBoardLock(tenantId: string): Promise<number> {
  return Number((await getItem(tenantId, keys.boardLock(tenantId)))?.rev ?? 0);
}

/** Every board write moves the lock on; a write validated against an older board finds it moved and starts over. */
function boardLock(tenantId: string, rev: number, actor: Actor): Entry {
  return {
    role: 'lock',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.boardLock(tenantId),
        UpdateExpression: 'SET rev = :next, #type = :type, updatedAt = :now',
        ConditionExpression: rev === 0 ? 'attribute_not_exists(pk)' : 'rev = :rev',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':next': rev + 1, ':type': 'lock', ':now': actor.now, ...(rev === 0 ? {} : { ':rev': rev }) },
      },
    },
  };
}

const readBoard = async (tenantId: string) => (await readKind(tenantId, 'BOARD#')).map(toBoardMember);

export async function createBoardMember(tenantId: string, input: BoardMemberInput, actor: Actor, options: CreateOptions): Promise<{ member: BoardMember; replayed: boolean }> {
  const scope = 'createBoardMember';
  const replay = async (objectId: string) => {
    const item = await getItem(tenantId, keys.boardMember(tenantId, objectId));
    if (!item) throw notFound(); // created, then removed since
    return { member: await namedBoardMember(tenantId, toBoardMember(item)), replayed: true };
  };
  const prior = await priorCreate(tenantId, scope, options, actor);
  if (prior) return replay(prior);
  const member: StoredBoardMember = compact({ ...input, id: options.id, version: 1, createdAt: actor.now, updatedAt: actor.now });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readBoardLock(tenantId);
    throwIssues(boardIssues(member, await readBoard(tenantId)));
    const outcome = await run(tenantId, [
      { role: 'object', item: putNew(boardMemberItem(tenantId, member)) },
      boardLock(tenantId, rev, actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'boardMember.create', objectType: 'boardMember', objectId: member.id }) },
      ...idempotencyEntries(tenantId, scope, options, actor),
      ...companyEntries(tenantId, [{ companyId: member.companyId, path: 'body.companyId' }]),
    ]);
    if (outcome === 'done') return { member: await namedBoardMember(tenantId, member), replayed: false };
    if (outcome === 'idempotency') return replay((await priorCreate(tenantId, scope, options, actor))!);
    if (outcome === 'object') throw new Error(`board member ${member.id} already exists`);
  }
  throw busy();
}

export async function updateBoardMember(tenantId: string, id: string, input: UpdateBoardMember, actor: Actor): Promise<BoardMember> {
  const { version, ...fields } = input;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readBoardLock(tenantId);
    const board = await readBoard(tenantId);
    const current = board.find((member) => member.id === id);
    if (!current) throw notFound();
    if (current.version !== version) throw versionConflict(await namedBoardMember(tenantId, current));
    const next: StoredBoardMember = compact({ ...fields, id, version: version + 1, createdAt: current.createdAt, updatedAt: actor.now });
    throwIssues(boardIssues(next, board));
    const outcome = await run(tenantId, [
      { role: 'object', item: putOver(boardMemberItem(tenantId, next), version) },
      boardLock(tenantId, rev, actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'boardMember.update', objectType: 'boardMember', objectId: id, fields: changedFields(current, next, BOARD_FIELDS) }) },
      ...companyEntries(tenantId, [{ companyId: next.companyId, path: 'body.companyId' }]),
    ]);
    if (outcome === 'done') return namedBoardMember(tenantId, next);
    if (outcome === 'object') await conflictOrGone(tenantId, keys.boardMember(tenantId, id), (item) => namedBoardMember(tenantId, toBoardMember(item)));
  }
  throw busy();
}

export async function deleteBoardMember(tenantId: string, id: string, version: number, actor: Actor): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readBoardLock(tenantId);
    const item = await getItem(tenantId, keys.boardMember(tenantId, id));
    if (!item) throw notFound();
    const current = toBoardMember(item);
    if (current.version !== version) throw versionConflict(await namedBoardMember(tenantId, current));
    const outcome = await run(tenantId, [
      { role: 'object', item: deleteAt(keys.boardMember(tenantId, id), version) },
      boardLock(tenantId, rev, actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'boardMember.delete', objectType: 'boardMember', objectId: id }) },
    ]);
    if (outcome === 'done') return;
    if (outcome === 'object') await conflictOrGone(tenantId, keys.boardMember(tenantId, id), (found) => namedBoardMember(tenantId, toBoardMember(found)));
  }
  throw busy();
}

/** After a failed version condition: 409 with the object as it is now, or 404 when it is gone. */
async function conflictOrGone(tenantId: string, key: Key, present: (item: Record<string, unknown>) => Promise<unknown>): Promise<never> {
  const item = await getItem(tenantId, key);
  throw item ? versionConflict(await present(item)) : notFound();
}

// ---- park managers ----

const MANAGER_FIELDS = ['name', 'organisation', 'daysPerWeek', 'interim', 'from', 'until', 'email', 'phone', 'contactVisibleToMembers'] as const;

/** The park managers' lock is the tenant item itself: the summary on it must follow from the managers as written. */
async function readManagerRev(tenantId: string): Promise<number> {
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId), ConsistentRead: true, ProjectionExpression: 'parkManagerRev' }),
  );
  return Number(Item?.parkManagerRev ?? 0);
}

const readManagers = async (tenantId: string) => (await readKind(tenantId, 'MANAGER#')).map(toParkManager);

/**
 * The summary on the tenant item, in the transaction of the change. `statsVersion` moves on too: the umbrella's
 * copy of the association's figures (rollups) is ordered by it, so a future copy of the summary stays in order.
 */
function managerSummary(tenantId: string, rev: number, managers: StoredParkManager[], actor: Actor): Entry {
  return {
    role: 'lock',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.tenant(tenantId),
        UpdateExpression: 'SET parkManager = :summary, parkManagerRev = :next ADD statsVersion :one',
        ConditionExpression: rev === 0 ? 'attribute_exists(pk) AND attribute_not_exists(parkManagerRev)' : 'parkManagerRev = :rev',
        ExpressionAttributeValues: {
          ':summary': parkManagerSummary(managers, today(actor)), ':next': rev + 1, ':one': 1, ...(rev === 0 ? {} : { ':rev': rev }),
        },
      },
    },
  };
}

export async function createParkManager(tenantId: string, input: ParkManagerInput, actor: Actor, options: CreateOptions): Promise<{ manager: ParkManager; replayed: boolean }> {
  const scope = 'createParkManager';
  const replay = async (objectId: string) => {
    const item = await getItem(tenantId, keys.parkManager(tenantId, objectId));
    if (!item) throw notFound();
    return { manager: compact(toParkManager(item)), replayed: true };
  };
  const prior = await priorCreate(tenantId, scope, options, actor);
  if (prior) return replay(prior);
  const manager: StoredParkManager = compact({ ...input, id: options.id, version: 1, createdAt: actor.now, updatedAt: actor.now });
  throwIssues(parkManagerIssues(manager));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readManagerRev(tenantId);
    const managers = [...(await readManagers(tenantId)), manager];
    const outcome = await run(tenantId, [
      { role: 'object', item: putNew(parkManagerItem(tenantId, manager)) },
      managerSummary(tenantId, rev, managers, actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'parkManager.create', objectType: 'parkManager', objectId: manager.id }) },
      ...idempotencyEntries(tenantId, scope, options, actor),
    ]);
    if (outcome === 'done') return { manager, replayed: false };
    if (outcome === 'idempotency') return replay((await priorCreate(tenantId, scope, options, actor))!);
    if (outcome === 'object') throw new Error(`park manager ${manager.id} already exists`);
  }
  throw busy();
}

export async function updateParkManager(tenantId: string, id: string, input: UpdateParkManager, actor: Actor): Promise<ParkManager> {
  const { version, ...fields } = input;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readManagerRev(tenantId);
    const managers = await readManagers(tenantId);
    const current = managers.find((manager) => manager.id === id);
    if (!current) throw notFound();
    if (current.version !== version) throw versionConflict(compact(current));
    const next: StoredParkManager = compact({ ...fields, id, version: version + 1, createdAt: current.createdAt, updatedAt: actor.now });
    throwIssues(parkManagerIssues(next));
    const outcome = await run(tenantId, [
      { role: 'object', item: putOver(parkManagerItem(tenantId, next), version) },
      managerSummary(tenantId, rev, managers.map((manager) => (manager.id === id ? next : manager)), actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'parkManager.update', objectType: 'parkManager', objectId: id, fields: changedFields(current, next, MANAGER_FIELDS) }) },
    ]);
    if (outcome === 'done') return next;
    if (outcome === 'object') await conflictOrGone(tenantId, keys.parkManager(tenantId, id), async (item) => compact(toParkManager(item)));
  }
  throw busy();
}

export async function deleteParkManager(tenantId: string, id: string, version: number, actor: Actor): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rev = await readManagerRev(tenantId);
    const managers = await readManagers(tenantId);
    const current = managers.find((manager) => manager.id === id);
    if (!current) throw notFound();
    if (current.version !== version) throw versionConflict(compact(current));
    const outcome = await run(tenantId, [
      { role: 'object', item: deleteAt(keys.parkManager(tenantId, id), version) },
      managerSummary(tenantId, rev, managers.filter((manager) => manager.id !== id), actor),
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'parkManager.delete', objectType: 'parkManager', objectId: id }) },
    ]);
    if (outcome === 'done') return;
    if (outcome === 'object') await conflictOrGone(tenantId, keys.parkManager(tenantId, id), async (item) => compact(toParkManager(item)));
  }
  throw busy();
}

// ---- working groups ----

const GROUP_FIELDS = ['name', 'theme', 'description', 'members', 'leadMemberId'] as const;

function memberCompanies(group: StoredWorkingGroup) {
  return group.members.map((member, index) => ({ companyId: member.companyId, path: `body.members.${index}.companyId` }));
}

export async function createWorkingGroup(tenantId: string, input: WorkingGroupInput, actor: Actor, options: CreateOptions): Promise<{ group: WorkingGroup; replayed: boolean }> {
  const scope = 'createWorkingGroup';
  const replay = async (objectId: string) => {
    const item = await getItem(tenantId, keys.workingGroup(tenantId, objectId));
    if (!item) throw notFound();
    return { group: await namedWorkingGroup(tenantId, toWorkingGroup(item)), replayed: true };
  };
  const prior = await priorCreate(tenantId, scope, options, actor);
  if (prior) return replay(prior);
  const { members, issues } = settleWorkingGroup(input);
  throwIssues(issues);
  const group: StoredWorkingGroup = compact({ ...input, members, id: options.id, version: 1, createdAt: actor.now, updatedAt: actor.now });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const outcome = await run(tenantId, [
      { role: 'object', item: putNew(workingGroupItem(tenantId, group)) },
      { role: 'audit', item: auditPut(tenantId, actor, { action: 'workingGroup.create', objectType: 'workingGroup', objectId: group.id }) },
      ...idempotencyEntries(tenantId, scope, options, actor),
      ...companyEntries(tenantId, memberCompanies(group)),
    ]);
    if (outcome === 'done') return { group: await namedWorkingGroup(tenantId, group), replayed: false };
    if (outcome === 'idempotency') return replay((await priorCreate(tenantId, scope, options, actor))!);
    if (outcome === 'object') throw new Error(`working group ${group.id} already exists`);
  }
  throw busy();
}

export async function updateWorkingGroup(tenantId: string, id: string, input: UpdateWorkingGroup, actor: Actor): Promise<WorkingGroup> {
  const { version, ...fields } = input;
  const item = await getItem(tenantId, keys.workingGroup(tenantId, id));
  if (!item) throw notFound();
  const current = toWorkingGroup(item);
  if (current.version !== version) throw versionConflict(await namedWorkingGroup(tenantId, current));
  const { members, issues } = settleWorkingGroup(fields);
  throwIssues(issues);
  const next: StoredWorkingGroup = compact({ ...fields, members, id, version: version + 1, createdAt: current.createdAt, updatedAt: actor.now });
  const outcome = await run(tenantId, [
    { role: 'object', item: putOver(workingGroupItem(tenantId, next), version) },
    { role: 'audit', item: auditPut(tenantId, actor, { action: 'workingGroup.update', objectType: 'workingGroup', objectId: id, fields: changedFields(current, next, GROUP_FIELDS) }) },
    ...companyEntries(tenantId, memberCompanies(next)),
  ]);
  if (outcome === 'done') return namedWorkingGroup(tenantId, next);
  if (outcome === 'retry') throw busy(); // another write to the same group is in flight
  return conflictOrGone(tenantId, keys.workingGroup(tenantId, id), (found) => namedWorkingGroup(tenantId, toWorkingGroup(found)));
}

export async function deleteWorkingGroup(tenantId: string, id: string, version: number, actor: Actor): Promise<void> {
  const item = await getItem(tenantId, keys.workingGroup(tenantId, id));
  if (!item) throw notFound();
  const current = toWorkingGroup(item);
  if (current.version !== version) throw versionConflict(await namedWorkingGroup(tenantId, current));
  const outcome = await run(tenantId, [
    { role: 'object', item: deleteAt(keys.workingGroup(tenantId, id), version) },
    { role: 'audit', item: auditPut(tenantId, actor, { action: 'workingGroup.delete', objectType: 'workingGroup', objectId: id }) },
  ]);
  if (outcome === 'retry') throw busy();
  if (outcome !== 'done') await conflictOrGone(tenantId, keys.workingGroup(tenantId, id), (found) => namedWorkingGroup(tenantId, toWorkingGroup(found)));
}
