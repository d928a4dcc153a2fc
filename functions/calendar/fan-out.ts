import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import type { ActivityItem, OccurrenceItem } from '../activities/items';
import { loadActivity } from '../activities/store';
import { calendarEntryItem } from './items';
import { inviteAudience } from './invitations';

/**
 * The members' calendar, fanned out (issue #5). An activity lives in its organiser's partition; each association
 * in its audience gets a copy of every occurrence in its own partition (`CALENDAR#<occurrence>`), so members
 * read their calendar with their own association's credentials and never touch another tenant's partition.
 *
 * The table's stream drives it (at least once, in order per item only). Each relevant record re-reads the
 * activity as it is now and writes that state; every copy carries the activity's and the occurrence's versions
 * and is put only when it is not older than what is stored. So a replayed or late record writes the current
 * state again (a no-op), and two consumers racing on different shards cannot put an older state back.
 */

type Image = Record<string, unknown>;

/** Fields of an activity that a calendar shows (or that decide whose calendar it is in). */
const ACTIVITY_FIELDS = ['activityType', 'title', 'description', 'themes', 'place', 'audience', 'status', 'organiserName'] as const;
/** Seat counters (taken, waiting, attended) change with every registration and are not calendar matters. */
const OCCURRENCE_FIELDS = ['startsAt', 'endsAt', 'status'] as const;

const differs = (before: Image, after: Image, fields: readonly string[]) =>
  fields.some((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));

/** Handles one stream record's images; unrelated items and changes that no calendar shows are skipped. */
export async function fanOutRecord(oldImage: Image | undefined, newImage: Image | undefined): Promise<void> {
  if (!newImage) return; // activities and occurrences are never deleted, only cancelled
  if (newImage.type === 'activity') {
    if (oldImage && !differs(oldImage, newImage, ACTIVITY_FIELDS)) return;
    await syncActivity(String(newImage.organiserId), String(newImage.id), { previous: oldImage as ActivityItem | undefined });
  } else if (newImage.type === 'occurrence') {
    // A new occurrence is written with its activity, whose own record copies them all.
    if (!oldImage || !differs(oldImage, newImage, OCCURRENCE_FIELDS)) return;
    await syncActivity(String(newImage.organiserId), String(newImage.activityId), { onlyOccurrence: String(newImage.id) });
  }
}

/**
 * The associations whose calendars list an activity: own members → the organiser; chosen associations → those
 * (and the organiser, if an association); umbrella → every association under the umbrella (the umbrella
 * partition's copies of its associations) and the organiser; link → the organiser only (if an association).
 */
export async function audienceAssociations(activity: Pick<ActivityItem, 'audience' | 'organiserId' | 'organiserKind' | 'organiserUmbrellaId'>): Promise<string[]> {
  const ids = new Set<string>();
  if (activity.organiserKind === 'association') ids.add(activity.organiserId);
  if (activity.audience.kind === 'associations') for (const id of activity.audience.associationIds) ids.add(id);
  if (activity.audience.kind === 'umbrella') {
    const umbrellaId = activity.organiserKind === 'umbrella' ? activity.organiserId : activity.organiserUmbrellaId;
    if (umbrellaId) {
      const copies = await queryTenantPrefix(umbrellaId, keys.umbrellaAssociationPrefix, { ProjectionExpression: 'id' });
      for (const copy of copies) ids.add(String(copy.id));
    }
  }
  return [...ids].sort();
}

/** Runs `work` over `items`, a few at a time (one activity may be dozens of associations × occurrences). */
async function inPool<T>(items: T[], work: (item: T) => Promise<void>, width = 16): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
  }));
}

async function putEntry(associationId: string, activity: ActivityItem, occurrence: OccurrenceItem): Promise<void> {
  const item = calendarEntryItem(associationId, activity, occurrence);
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk) OR (activityVersion <= :activity AND occurrenceVersion <= :occurrence)',
        ExpressionAttributeValues: { ':activity': item.activityVersion, ':occurrence': item.occurrenceVersion },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return; // a newer copy is there
    throw error;
  }
}

async function deleteEntry(associationId: string, occurrenceId: string): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.calendarEntry(associationId, occurrenceId) }));
}

/**
 * Writes the activity's current state into every audience association's calendar; removes it from associations
 * that were in the previous image's audience and are not any more; invites associations new to the audience.
 * Only the activity item's own records delete: they arrive in order, so a removal can never overtake a re-add.
 */
export async function syncActivity(organiserId: string, activityId: string, options: { previous?: ActivityItem; onlyOccurrence?: string }): Promise<void> {
  const found = await loadActivity(organiserId, activityId);
  if (!found) return;
  const audience = await audienceAssociations(found.activity);
  const occurrences = options.onlyOccurrence ? found.occurrences.filter((o) => o.id === options.onlyOccurrence) : found.occurrences;
  await inPool(
    audience.flatMap((associationId) => occurrences.map((occurrence) => ({ associationId, occurrence }))),
    ({ associationId, occurrence }) => putEntry(associationId, found.activity, occurrence),
  );
  if (options.previous) {
    const before = await audienceAssociations(options.previous);
    const gone = before.filter((id) => !audience.includes(id));
    await inPool(
      gone.flatMap((associationId) => found.occurrences.map((occurrence) => ({ associationId, occurrenceId: occurrence.id }))),
      ({ associationId, occurrenceId }) => deleteEntry(associationId, occurrenceId),
    );
  }
  if (!options.onlyOccurrence) await inviteAudience(found.activity, found.occurrences, audience);
}
