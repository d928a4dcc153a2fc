import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Grant, ParkManagerSummary } from '../../shared/index';
import { keys } from '../lib/keys';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient, tableName } from '../lib/dynamo';
import { createLogger } from '../lib/logger';
import { type TenantItem } from '../organisations/items';
import { brusselsMonth, FIGURE } from '../organisations/figures';
import { cancellationCodes } from '../lib/transactions';
import { mirrorBudget } from '../budgets/rollup';
import type { BudgetItem } from '../budgets/items';

const logger = createLogger('rollups');

type AssociationStats = TenantItem & {
  parkCount?: number; companyCount?: number; memberCount?: number; statsVersion?: number;
  parkManager?: ParkManagerSummary; stage?: 'in_formation' | 'founded';
};

/**
 * Copies each association's figures into its umbrella's partition, so umbrella pages read one partition of
 * their own (and, in AWS, with credentials scoped to it). Streams deliver at least once and only per item in
 * order: each copy carries the association's `statsVersion` and never overwrites a newer one, so replays and
 * reordering are harmless.
 *
 * The comparison table (issue #6) needs more of the tenant item, all of it moved in the transaction of what it
 * counts and ordered by the same `statsVersion`: the park-manager summary (people/store.ts), the stage (the
 * goals, membership/store.ts) and the members at the end of each month, `members@<month>` — the month of the
 * write (the stream record's creation time, the same on every replay), so the last copy of a month holds that
 * month's end. It is an update, not a put: the row also holds figures other writers keep (credits, outcomes,
 * activities organised, later the last contact moment) that a copy must not wipe.
 */
async function rollUp(association: AssociationStats, writtenAt: Date): Promise<void> {
  if (association.kind !== 'association' || !association.umbrellaId) return;
  const statsVersion = association.statsVersion ?? 0;
  const memberCount = association.memberCount ?? 0;
  const key = keys.umbrellaAssociation(association.umbrellaId, association.id);
  // Every name through a placeholder: several (name, region, stage …) are or may become reserved words.
  const set: Record<string, unknown> = {
    type: 'umbrellaAssociation', id: association.id, name: association.name, parkCount: association.parkCount ?? 0,
    companyCount: association.companyCount ?? 0, memberCount, statsVersion, [FIGURE.membersAt(brusselsMonth(writtenAt))]: memberCount,
    stage: association.stage ?? 'founded',
    ...(association.region !== undefined ? { region: association.region } : {}),
    ...(association.parkManager ? { parkManager: association.parkManager } : {}),
  };
  const remove = [...(association.region === undefined ? ['region'] : []), ...(association.parkManager ? [] : ['parkManager'])];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': statsVersion };
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const version = Object.keys(names).find((placeholder) => names[placeholder] === 'statsVersion')!;
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `attribute_not_exists(pk) OR attribute_not_exists(${version}) OR ${version} <= :v`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return; // a newer copy is there
    throw error;
  }
}

type OccurrenceImage = { type: 'occurrence'; id: string; organiserId: string; year: number; status: string; version: number };

const umbrellaOf = new Map<string, string | null>();

/** The organiser's umbrella when the organiser is an association under one (cached: an association never moves). */
async function organiserUmbrella(organiserId: string): Promise<string | undefined> {
  if (!umbrellaOf.has(organiserId)) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.tenant(organiserId), ProjectionExpression: 'kind, umbrellaId' }),
    );
    if (!Item) return undefined; // not cached: a tenant written later is found then
    umbrellaOf.set(organiserId, Item.kind === 'association' && typeof Item.umbrellaId === 'string' ? Item.umbrellaId : null);
  }
  return umbrellaOf.get(organiserId) ?? undefined;
}

/**
 * "Activities organised" per association and year (issue #6): the occurrences of an association's own activities
 * that are not cancelled, counted in the year they take place. Done here rather than in the activity writes
 * because creating, moving and cancelling run in the organiser's partition with the organiser's credentials
 * only; the occurrence's `version` moves with every change of its year or status. A tally row per occurrence in
 * the umbrella's partition remembers the year it is counted in and the version that decided it; the row's move
 * and the tally's put are one transaction conditioned on the tally as read, so replays (same or older version)
 * change nothing and a concurrent delivery cancels and is retried by the stream.
 */
async function tallyOccurrence(newImage: OccurrenceImage | undefined, oldImage: OccurrenceImage | undefined): Promise<void> {
  const image = (newImage ?? oldImage)!;
  const umbrellaId = await organiserUmbrella(image.organiserId);
  if (!umbrellaId) return;
  const version = newImage ? Number(newImage.version) : Number(oldImage!.version) + 1;
  const countedIn = newImage && newImage.status === 'scheduled' ? Number(newImage.year) : null;
  const tallyKey = keys.umbrellaOccurrenceTally(umbrellaId, image.id);
  const { Item: tally } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: tallyKey, ConsistentRead: true }));
  if (tally && Number(tally.version) >= version) return; // already applied (a replay) or superseded
  const before = tally && typeof tally.year === 'number' ? tally.year : null;
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...tallyKey, type: 'occurrenceTally', associationId: image.organiserId, occurrenceId: image.id, version, ...(countedIn !== null ? { year: countedIn } : {}) },
        ConditionExpression: tally ? '#version = :seen' : 'attribute_not_exists(pk)',
        ...(tally ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':seen': tally.version } } : {}),
      },
    },
  ];
  if (before !== countedIn) {
    const adds: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    if (before !== null) { adds.push('#before :minus'); names['#before'] = FIGURE.activities(before); values[':minus'] = -1; }
    if (countedIn !== null) { adds.push('#after :plus'); names['#after'] = FIGURE.activities(countedIn); values[':plus'] = 1; }
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.umbrellaAssociation(umbrellaId, image.organiserId),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    // The tally moved meanwhile (another delivery of this occurrence): read again and decide again.
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return tallyOccurrence(newImage, oldImage);
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

/** When the record's write happened: Lambda events carry epoch seconds; the SDK's GetRecords (the local poller) a Date. */
function writtenAt(approximate: unknown): Date {
  if (approximate instanceof Date) return approximate;
  if (typeof approximate === 'number' && Number.isFinite(approximate)) return new Date(approximate * 1000);
  return new Date();
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const newImage = record.dynamodb?.NewImage;
    const oldImage = record.dynamodb?.OldImage;
    const type = (newImage ?? oldImage)?.type?.S;
    if (type !== 'tenant' && type !== 'grant' && type !== 'budget' && type !== 'occurrence') continue;
    try {
      if (type === 'budget') {
        // Budget totals for the umbrella's comparison table (functions/budgets/rollup.ts); budgets are never deleted.
        if (newImage) await mirrorBudget(unmarshall(newImage as Record<string, AttributeValue>) as BudgetItem);
        continue;
      }
      if (type === 'occurrence') {
        const read = (image: typeof newImage) => (image ? (unmarshall(image as Record<string, AttributeValue>) as OccurrenceImage) : undefined);
        await tallyOccurrence(read(newImage), read(oldImage));
        continue;
      }
      if (type === 'grant') {
        // Per-item order is kept by the stream, so the last record of a grant decides: put or delete.
        const image = unmarshall((newImage ?? oldImage) as Record<string, AttributeValue>) as Grant;
        await mirrorGrant(image, Boolean(newImage));
        continue;
      }
      if (!newImage) continue;
      await rollUp(unmarshall(newImage as Record<string, AttributeValue>) as AssociationStats, writtenAt(record.dynamodb?.ApproximateCreationDateTime));
    } catch (error) {
      logger.error('rollup failed', { error: error as Error, sequenceNumber: record.dynamodb?.SequenceNumber });
      // Report this record and stop: the stream retries from here, keeping per-item order.
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break;
    }
  }
  return { batchItemFailures: failures };
}
