import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { Park, Zone } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict, type FieldIssue } from '../lib/errors';
import { keys } from '../lib/keys';
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

export async function updatePark(tenantId: string, parkId: string, input: ParkInput & { version: number }, actor: Actor): Promise<Park> {
  const zones = settleZones(input.zones);
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
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
      const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.park(tenantId, parkId), ConsistentRead: true }));
      throw Item ? versionConflict(toPark(Item)) : notFound();
    }
    throw error;
  }
  const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.park(tenantId, parkId), ConsistentRead: true }));
  return toPark(Item!);
}
