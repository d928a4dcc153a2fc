import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { coverageOf, coverageSeries, type Coverage, type Dues, type Goals, type Zone, type ZoneCoverage } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryAll, queryTenantPrefix } from '../lib/query';
import { cancellationCodes } from '../lib/transactions';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CoverageEvent } from '../../shared/coverage';

export const DEFAULT_GOALS: Goals = { targetCoverage: 0.5, foundingThreshold: 20, stage: 'founded', version: 0 };

export async function getGoals(tenantId: string): Promise<Goals> {
  const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.goals(tenantId), ConsistentRead: true }));
  if (!Item) return DEFAULT_GOALS;
  const { targetCoverage, foundingThreshold, stage, version } = Item as Goals;
  return { targetCoverage, foundingThreshold, stage, version };
}

export async function putGoals(tenantId: string, input: Omit<Goals, 'version'> & { version: number }, actor: Actor): Promise<Goals> {
  const next: Goals = { targetCoverage: input.targetCoverage, foundingThreshold: input.foundingThreshold, stage: input.stage, version: input.version + 1 };
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.goals(tenantId), type: 'goals', ...next, updatedAt: actor.now },
              ConditionExpression: input.version === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
              ...(input.version === 0 ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': input.version } }),
            },
          },
          auditPut(tenantId, actor, { action: 'goals.update', objectType: 'goals', objectId: tenantId, fields: ['targetCoverage', 'foundingThreshold', 'stage'] }),
          // The stage on the tenant item, ordered by statsVersion: the rollups copy it into the umbrella's
          // comparison row (issue #6) with the association's other figures.
          {
            Update: {
              TableName: tableName(),
              Key: keys.tenant(tenantId),
              UpdateExpression: 'SET stage = :stage ADD statsVersion :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':stage': input.stage, ':one': 1 },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw versionConflict(await getGoals(tenantId));
    throw error;
  }
  return next;
}

async function readEvents(tenantId: string): Promise<CoverageEvent[]> {
  const items = await queryTenantPrefix(tenantId, keys.registerEventPrefix, {
    ProjectionExpression: 'companyId, kind, #to, #on',
    ExpressionAttributeNames: { '#to': 'to', '#on': 'on' },
  });
  return items as CoverageEvent[];
}

type Figures = { companies: number; members: number };
const figuresOf = ({ companies, members }: Figures) => ({ companies, members, coverage: coverageOf(members, companies) });

/**
 * A park's zones with their figures from the zone counters (functions/companies/counters.ts): a zone counts its
 * subzones too, and what no zone counts is the park's companies without a zone.
 */
export function zoneFigures(park: Figures & { zones: Zone[] }, counted: Map<string, Figures>): { zones: ZoneCoverage[]; withoutZone: Figures & { coverage: number } } {
  const own = (zoneId: string) => counted.get(zoneId) ?? { companies: 0, members: 0 };
  const zones: ZoneCoverage[] = [];
  let zoned: Figures = { companies: 0, members: 0 };
  for (const zone of park.zones.filter((z) => !z.parentId)) {
    const subzones = park.zones.filter((z) => z.parentId === zone.id);
    const total = [zone, ...subzones].map((z) => own(z.id)).reduce((sum, f) => ({ companies: sum.companies + f.companies, members: sum.members + f.members }));
    zoned = { companies: zoned.companies + total.companies, members: zoned.members + total.members };
    zones.push({ zoneId: zone.id, name: zone.name, ...figuresOf(total) });
    for (const subzone of subzones) zones.push({ zoneId: subzone.id, name: subzone.name, parentId: zone.id, ...figuresOf(own(subzone.id)) });
  }
  return { zones, withoutZone: figuresOf({ companies: park.companies - zoned.companies, members: park.members - zoned.members }) };
}

/**
 * Coverage now (exact counters on the parks, their zones and the association) and over time (replayed from the
 * register's history), against the association's goals.
 */
export async function coverage(tenantId: string, now: string): Promise<Coverage> {
  const client = tenantClient(tenantId);
  const [goals, parks, zoneStats, tenant, events] = await Promise.all([
    getGoals(tenantId),
    queryTenantPrefix(tenantId, keys.parkPrefix, { ConsistentRead: true }),
    queryTenantPrefix(tenantId, keys.zoneStatsPrefix, { ConsistentRead: true }),
    client.send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId), ConsistentRead: true })),
    readEvents(tenantId),
  ]);
  const interested = await countInterested(tenantId);
  const companies = Number(tenant.Item?.companyCount ?? 0);
  const members = Number(tenant.Item?.memberCount ?? 0);
  const totalCoverage = coverageOf(members, companies);
  const countedByPark = new Map<string, Map<string, Figures>>();
  for (const item of zoneStats) {
    const perZone = countedByPark.get(String(item.parkId)) ?? new Map<string, Figures>();
    perZone.set(String(item.zoneId), { companies: Number(item.companyCount ?? 0), members: Number(item.memberCount ?? 0) });
    countedByPark.set(String(item.parkId), perZone);
  }
  return {
    goals,
    totals: {
      companies, members, coverage: totalCoverage, interested,
      targetReached: totalCoverage >= goals.targetCoverage,
      foundingThresholdReached: interested + members >= goals.foundingThreshold,
    },
    parks: parks
      .map((park) => {
        const figures = { companies: Number(park.companyCount ?? 0), members: Number(park.memberCount ?? 0) };
        const zones = (park.zones ?? []) as Zone[];
        return {
          parkId: String(park.id), name: String(park.name), ...figuresOf(figures),
          ...zoneFigures({ ...figures, zones }, countedByPark.get(String(park.id)) ?? new Map()),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    series: coverageSeries(events, now.slice(0, 7)),
  };
}

/** Companies currently 'interested', for the founding threshold: counted from the register's status index. */
async function countInterested(tenantId: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await tenantClient(tenantId).send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.companiesByStatus(tenantId, 'interested') },
        Select: 'COUNT',
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

export async function companyHistory(tenantId: string, companyId: string) {
  const items = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.companyHistory(tenantId, companyId) },
    },
    tenantClient(tenantId),
  );
  return items.map(({ id, companyId: company, kind, from, to, on, at, actorId }) => ({
    id, companyId: company, kind, ...(from ? { from } : {}), ...(to ? { to } : {}), on, at, actorId,
  }));
}

// ---- dues ----

const toDues = (item: Record<string, unknown>): Dues => {
  const { companyId, year, amountCents, invoicedOn, paidOn, version } = item as Dues;
  return { companyId, year, amountCents, ...(invoicedOn ? { invoicedOn } : {}), ...(paidOn ? { paidOn } : {}), version };
};

export async function listDues(tenantId: string, year: number): Promise<Dues[]> {
  const items = await queryTenantPrefix(tenantId, keys.duesPrefix(year));
  return items.map(toDues);
}

/** Sets a member's dues for a year (create with version 0, then edit with the version read). */
export async function putDues(
  tenantId: string,
  companyId: string,
  year: number,
  input: { amountCents: number; invoicedOn?: string; paidOn?: string; version: number },
  actor: Actor,
): Promise<Dues> {
  if (input.invoicedOn && input.paidOn && input.paidOn < input.invoicedOn) {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: 'body.paidOn', code: 'paid_before_invoiced' }] });
  }
  const next: Dues = {
    companyId, year, amountCents: input.amountCents,
    ...(input.invoicedOn ? { invoicedOn: input.invoicedOn } : {}), ...(input.paidOn ? { paidOn: input.paidOn } : {}),
    version: input.version + 1,
  };
  const creating = input.version === 0;
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.company(tenantId, companyId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.dues(tenantId, companyId, year), type: 'dues', ...next, updatedAt: actor.now },
              ConditionExpression: creating ? 'attribute_not_exists(pk)' : '#version = :expected',
              ...(creating ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': input.version } }),
            },
          },
          auditPut(tenantId, actor, { action: 'dues.update', objectType: 'dues', objectId: `${companyId}/${year}`, fields: ['amountCents', 'invoicedOn', 'paidOn'] }),
        ],
      }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw notFound();
    if (codes?.[1] === 'ConditionalCheckFailed') {
      const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.dues(tenantId, companyId, year), ConsistentRead: true }));
      throw versionConflict(Item ? toDues(Item) : null);
    }
    throw error;
  }
  return next;
}

