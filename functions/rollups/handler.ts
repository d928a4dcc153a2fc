import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Grant } from '../../shared/index';
import { keys } from '../lib/keys';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient, tableName } from '../lib/dynamo';
import { createLogger } from '../lib/logger';
import { umbrellaAssociationItem, type TenantItem } from '../organisations/items';
import { mirrorBudget } from '../budgets/rollup';
import type { BudgetItem } from '../budgets/items';

const logger = createLogger('rollups');

type AssociationStats = TenantItem & { parkCount?: number; companyCount?: number; memberCount?: number; statsVersion?: number };

/**
 * Copies each association's figures into its umbrella's partition, so umbrella pages read one partition of
 * their own (and, in AWS, with credentials scoped to it). Streams deliver at least once and only per item in
 * order: each copy carries the association's `statsVersion` and never overwrites a newer one, so replays and
 * reordering are harmless.
 */
async function rollUp(association: AssociationStats): Promise<void> {
  if (association.kind !== 'association' || !association.umbrellaId) return;
  const statsVersion = association.statsVersion ?? 0;
  const { pk, sk, type, id, name, region, parkCount, companyCount, memberCount } = umbrellaAssociationItem(association.umbrellaId, {
    id: association.id,
    name: association.name,
    region: association.region,
    parkCount: association.parkCount ?? 0,
    companyCount: association.companyCount ?? 0,
    memberCount: association.memberCount ?? 0,
  });
  // An update of the copy's own fields only: the row also carries what others keep there (the consultation log's
  // `lastContactAt` and `contactsVersion`), which a Put of the whole row would wipe.
  const fields: Record<string, unknown> = { type, id, name, parkCount, companyCount, memberCount, statsVersion };
  const set = Object.entries(fields).map(([field]) => `#${field} = :${field}`);
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk, sk },
        UpdateExpression: `SET ${set.join(', ')}${region === undefined ? ' REMOVE #region' : ', #region = :region'}`,
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(#statsVersion) OR #statsVersion <= :statsVersion',
        ExpressionAttributeNames: { ...Object.fromEntries(Object.keys(fields).map((field) => [`#${field}`, field])), '#region': 'region' },
        ExpressionAttributeValues: {
          ...Object.fromEntries(Object.entries(fields).map(([field, value]) => [`:${field}`, value])),
          ...(region === undefined ? {} : { ':region': region }),
        },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return; // a newer copy is there
    throw error;
  }
}

/** Mirrors an association's grant into its umbrella's partition: present while the grant exists, gone after. */
async function mirrorGrant(image: Grant, present: boolean): Promise<void> {
  const { associationId, associationName, umbrellaId, scope, grantedBy, grantedAt } = image;
  const key = keys.umbrellaGrant(umbrellaId, associationId, scope);
  const copy = { ...key, type: 'umbrellaGrant', associationId, associationName, umbrellaId, scope, grantedBy, grantedAt };
  if (present) await documentClient().send(new PutCommand({ TableName: tableName(), Item: copy }));
  else await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const newImage = record.dynamodb?.NewImage;
    const oldImage = record.dynamodb?.OldImage;
    const type = (newImage ?? oldImage)?.type?.S;
    if (type !== 'tenant' && type !== 'grant' && type !== 'budget') continue;
    try {
      if (type === 'budget') {
        // Budget totals for the umbrella's comparison table (functions/budgets/rollup.ts); budgets are never deleted.
        if (newImage) await mirrorBudget(unmarshall(newImage as Record<string, AttributeValue>) as BudgetItem);
        continue;
      }
      if (type === 'grant') {
        // Per-item order is kept by the stream, so the last record of a grant decides: put or delete.
        const image = unmarshall((newImage ?? oldImage) as Record<string, AttributeValue>) as Grant;
        await mirrorGrant(image, Boolean(newImage));
        continue;
      }
      if (!newImage) continue;
      await rollUp(unmarshall(newImage as Record<string, AttributeValue>) as AssociationStats);
    } catch (error) {
      logger.error('rollup failed', { error: error as Error, sequenceNumber: record.dynamodb?.SequenceNumber });
      // Report this record and stop: the stream retries from here, keeping per-item order.
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break;
    }
  }
  return { batchItemFailures: failures };
}
