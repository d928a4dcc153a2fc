import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { messageFor, type Locale, type Park, type Zone } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict, type FieldIssue } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import { cancellationCodes } from '../lib/transactions';
import { parkItem, toPark } from './items';

export type ParkInput = {
  name: string;
  municipality: string;
  postalCode: string;
  streets: string[];
  zones: { id?: string; name: string; parentId?: string; streets: string[] }[];
};

/**
 * Zones keep their ids; new ones get one. A subzone names an existing zone of the same park as its parent, and
 * subzones have no subzones of their own (Plassendale 1 → 1A, never deeper). Names are unique per level.
 */
function settleZones(input: ParkInput['zones']): Zone[] {
  const zones = input.map((zone) => ({ ...zone, id: zone.id ?? ulid() }));
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const key = `${zone.parentId ?? ''}/${zone.name.toLowerCase()}`;
    if (seen.has(key)) issues.push({ path: `body.zones.${i}.name`, code: 'duplicate_name' });
    seen.add(key);
    if (zone.parentId === undefined) return;
    const parent = byId.get(zone.parentId);
    if (!parent || parent.id === zone.id) issues.push({ path: `body.zones.${i}.parentId`, code: 'unknown_zone' });
    else if (parent.parentId !== undefined) issues.push({ path: `body.zones.${i}.parentId`, code: 'zone_too_deep' });
  });
  if (issues.length) throw new HttpError(400, 'validation_failed', { fields: issues });
  return zones.map(({ id, name, parentId, streets }) => ({ id, name, ...(parentId ? { parentId } : {}), streets }));
}

export async function createPark(tenantId: string, input: ParkInput, actor: Actor): Promise<Park> {
  const id = ulid();
  const item = { ...parkItem(tenantId, { id, name: input.name, municipality: input.municipality, postalCode: input.postalCode, streets: input.streets, zones: settleZones(input.zones) }, actor.now) };
  await tenantClient(tenantId).send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          // The association's park count travels to its umbrella through the stream (statsVersion orders copies).
          Update: {
            TableName: tableName(),
            Key: keys.tenant(tenantId),
            UpdateExpression: 'ADD parkCount :one, statsVersion :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        auditPut(tenantId, actor, { action: 'park.create', objectType: 'park', objectId: id }),
      ],
    }),
  );
  return toPark(item);
}

/** Transactions hold 100 items: the park, its audit row and one condition per removed zone. */
const MAX_REMOVED_ZONES = 98;

async function readPark(tenantId: string, parkId: string) {
  const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.park(tenantId, parkId), ConsistentRead: true }));
  return Item;
}

/**
 * 400 `zone_in_use` for each zone the edit removes that still has companies, with the zone's name in the message
 * (the zone is no longer in the body, so its path cannot name it).
 */
async function refuseZonesInUse(tenantId: string, parkId: string, removed: Zone[], locale: Locale): Promise<void> {
  if (removed.length === 0) return;
  const counters = await queryTenantPrefix(tenantId, keys.zoneStatsOfParkPrefix(parkId), { ConsistentRead: true });
  const inUse = new Map(counters.filter((item) => Number(item.companyCount ?? 0) > 0).map((item) => [String(item.zoneId), Number(item.companyCount)]));
  const issues: FieldIssue[] = removed
    .filter((zone) => inUse.has(zone.id))
    .map((zone) => ({ path: 'body.zones', code: 'zone_in_use', message: `${zone.name}: ${messageFor('zone_in_use', locale)}` }));
  if (issues.length) throw new HttpError(400, 'validation_failed', { fields: issues });
}

/**
 * Edits a park. A zone the edit leaves out is removed only while no company is in it: its counter must be zero
 * (or absent) in the same transaction, and company writes into a zone are conditioned on the park's version, so
 * neither side can slip past the other. The counter rows of removed zones go with them.
 */
export async function updatePark(tenantId: string, parkId: string, input: ParkInput & { version: number }, actor: Actor, locale: Locale = 'nl'): Promise<Park> {
  const zones = settleZones(input.zones);
  const current = await readPark(tenantId, parkId);
  if (!current) throw notFound();
  if (Number(current.version) !== input.version) throw versionConflict(toPark(current));
  const kept = new Set(zones.map((zone) => zone.id));
  const removed = ((current.zones ?? []) as Zone[]).filter((zone) => !kept.has(zone.id));
  if (removed.length > MAX_REMOVED_ZONES) throw new HttpError(400, 'validation_failed', { fields: [{ path: 'body.zones', code: 'too_many' }] });
  await refuseZonesInUse(tenantId, parkId, removed, locale);
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.park(tenantId, parkId),
              UpdateExpression: 'SET #name = :name, municipality = :municipality, postalCode = :postalCode, streets = :streets, zones = :zones, updatedAt = :now, #version = #version + :one',
              ConditionExpression: 'attribute_exists(pk) AND #version = :version',
              ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
              ExpressionAttributeValues: {
                ':name': input.name, ':municipality': input.municipality, ':postalCode': input.postalCode,
                ':streets': input.streets, ':zones': zones, ':now': actor.now, ':one': 1, ':version': input.version,
              },
            },
          },
          auditPut(tenantId, actor, { action: 'park.update', objectType: 'park', objectId: parkId, fields: ['name', 'municipality', 'postalCode', 'streets', 'zones'] }),
          ...removed.map((zone) => ({
            Delete: {
              TableName: tableName(),
              Key: keys.zoneStats(tenantId, parkId, zone.id),
              ConditionExpression: 'attribute_not_exists(pk) OR companyCount = :zero',
              ExpressionAttributeValues: { ':zero': 0 },
            },
          })),
        ],
      }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') {
      const latest = await readPark(tenantId, parkId);
      throw latest ? versionConflict(toPark(latest)) : notFound();
    }
    // A company entered a removed zone after we counted: say which one, as above.
    if (codes?.slice(2).includes('ConditionalCheckFailed')) {
      await refuseZonesInUse(tenantId, parkId, removed, locale);
      throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
    }
    throw error;
  }
  const latest = await readPark(tenantId, parkId);
  return toPark(latest!);
}
