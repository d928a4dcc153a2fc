import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { formatEnterpriseNumber, normaliseEnterpriseNumber } from '../../shared/enterprise-number';
import { registerValues, type KboCandidate } from '../../shared/kbo/index';
import type { Company } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError } from '../lib/errors';
import { keys } from '../lib/keys';
import { companyItem } from './items';
import { kboDiff } from './kbo-preview';
import { getCompany } from './store';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What the user confirmed in the preview; the import runs only if the register still looks exactly like that. */
export type ImportExpectation = { added: string[]; changed: { companyId: string; version: number }[]; vanished: { companyId: string; version: number }[] };

type Operation = { write: TransactItem[]; undo: TransactItem[]; added: number };

/** Transactions hold at most 100 items; two go to the park and association counters. */
const ITEMS_PER_TRANSACTION = 96;

const candidateKey = (c: { establishmentNumber: string | null; enterpriseNumber: string }) => c.establishmentNumber ?? c.enterpriseNumber;

function put(item: Record<string, unknown>, condition: string, values?: Record<string, unknown>): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: condition,
      ...(values ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: values } : {}),
    },
  };
}

function counters(tenantId: string, parkId: string, added: number): TransactItem[] {
  if (added === 0) return [];
  return [keys.park(tenantId, parkId), keys.tenant(tenantId)].map((key) => ({
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'ADD companyCount :n, statsVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':n': added, ':one': 1 },
    },
  }));
}

function withRegister(company: Company, candidate: KboCandidate): Company {
  const values = registerValues(candidate);
  return {
    ...company,
    name: values.name ?? company.name,
    ...(values.street ? { street: values.street } : {}),
    ...(values.houseNumber ? { houseNumber: values.houseNumber } : {}),
    ...(values.postalCode ? { postalCode: values.postalCode } : {}),
    ...(values.municipality ? { municipality: values.municipality } : {}),
    ...(values.naceCode ? { naceCode: values.naceCode } : {}),
  };
}

/**
 * Applies a confirmed import: new companies (as prospects), register fields of matched ones, a `kboVanishedOn`
 * mark on vanished ones — never membership, contacts or notes. Writes go in transactions of ≤ 100 items; if one
 * fails, the ones before it are undone (each write is conditioned on the version it produced), so a failed
 * import leaves the register as it was.
 */
export async function applyKboImport(
  tenantId: string,
  parkId: string,
  candidates: KboCandidate[],
  expectation: ImportExpectation,
  actor: Actor,
  snapshotDate?: string,
): Promise<{ added: number; changed: number; vanished: number }> {
  const { diff } = await kboDiff(tenantId, parkId, candidates);
  const sorted = (list: string[]) => JSON.stringify([...list].sort());
  const same =
    sorted(diff.added.map(candidateKey)) === sorted(expectation.added) &&
    sorted(diff.changed.map((c) => c.id)) === sorted(expectation.changed.map((c) => c.companyId)) &&
    sorted(diff.vanished.map((c) => c.id)) === sorted(expectation.vanished.map((c) => c.companyId));
  if (!same) throw new HttpError(409, 'import_stale');

  const on = snapshotDate ?? actor.now.slice(0, 10);
  const operations: Operation[] = [];

  for (const candidate of diff.added) {
    const id = ulid(Date.parse(actor.now));
    const company: Company = {
      ...withRegister({ id, tenantId, parkId, name: candidate.name, membershipStatus: 'prospect', version: 1, createdAt: actor.now, updatedAt: actor.now } as Company, candidate),
      enterpriseNumber: formatEnterpriseNumber(normaliseEnterpriseNumber(candidate.enterpriseNumber) ?? candidate.enterpriseNumber),
    };
    const eventId = ulid(Date.parse(actor.now));
    const audit = auditPut(tenantId, actor, { action: 'company.import', objectType: 'company', objectId: id });
    operations.push({
      write: [
        put(companyItem(company), 'attribute_not_exists(pk)'),
        put({ ...keys.registerEvent(tenantId, eventId), gsi1pk: keys.companyHistory(tenantId, id), gsi1sk: eventId, type: 'registerEvent', id: eventId, companyId: id, parkId, kind: 'created', to: 'prospect', on, at: actor.now, actorId: actor.userId }, 'attribute_not_exists(pk)'),
        audit,
      ],
      undo: [
        { Delete: { TableName: tableName(), Key: keys.company(tenantId, id), ConditionExpression: '#version = :v', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':v': 1 } } },
        { Delete: { TableName: tableName(), Key: keys.registerEvent(tenantId, eventId) } },
        { Delete: { TableName: tableName(), Key: { pk: String(audit.Put.Item.pk), sk: String(audit.Put.Item.sk) } } },
      ],
      added: 1,
    });
  }

  const touch = async (companyId: string, version: number, change: (company: Company) => Company, action: string) => {
    const current = await getCompany(tenantId, companyId);
    if (!current || current.version !== version) throw new HttpError(409, 'import_stale');
    const next = { ...change(current), version: version + 1, updatedAt: actor.now };
    const audit = auditPut(tenantId, actor, { action, objectType: 'company', objectId: companyId });
    operations.push({
      write: [put(companyItem(next), '#version = :v', { ':v': version }), audit],
      undo: [
        put(companyItem(current), '#version = :v', { ':v': version + 1 }),
        { Delete: { TableName: tableName(), Key: { pk: String(audit.Put.Item.pk), sk: String(audit.Put.Item.sk) } } },
      ],
      added: 0,
    });
  };
  for (const { companyId, version } of expectation.changed) {
    const { candidate } = diff.changed.find((change) => change.id === companyId)!;
    await touch(companyId, version, (company) => withRegister(company, candidate), 'company.import');
  }
  for (const { companyId, version } of expectation.vanished) {
    await touch(companyId, version, (company) => ({ ...company, kboVanishedOn: on }), 'company.vanished');
  }

  // Chunk into transactions, undoing the committed ones if a later one fails.
  const chunks: Operation[][] = [];
  let current: Operation[] = [];
  let size = 0;
  for (const operation of operations) {
    if (size + operation.write.length > ITEMS_PER_TRANSACTION) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(operation);
    size += operation.write.length;
  }
  if (current.length) chunks.push(current);

  const committed: Operation[][] = [];
  try {
    for (const chunk of chunks) {
      const added = chunk.reduce((sum, op) => sum + op.added, 0);
      await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [...chunk.flatMap((op) => op.write), ...counters(tenantId, parkId, added)] }));
      committed.push(chunk);
    }
  } catch (error) {
    for (const chunk of committed.reverse()) {
      const added = chunk.reduce((sum, op) => sum + op.added, 0);
      await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [...chunk.flatMap((op) => op.undo), ...counters(tenantId, parkId, -added)] }));
    }
    if ((error as { name?: string }).name === 'TransactionCanceledException') throw new HttpError(409, 'import_stale');
    throw error;
  }
  return { added: diff.added.length, changed: expectation.changed.length, vanished: expectation.vanished.length };
}

