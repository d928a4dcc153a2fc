import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName, tenantClient } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { createLogger } from '../lib/logger';
import { sendMail } from '../lib/mail';
import { queryAll } from '../lib/query';
import type { ActivityItem, OccurrenceItem, RegistrationItem } from './items';
import { registrationMail } from './mail';
import { inBrussels } from './schedule';
import { loadActivity, queryOccurrenceRows } from './store';

/**
 * Reminders the day before (issue #5): every confirmed participant of an occurrence that starts tomorrow (the
 * Brussels calendar day) gets one mail in their language. The job runs daily in AWS (EventBridge) and every
 * 15 minutes locally; running it again, or twice at once, sends nothing twice.
 *
 * Once per registration: before sending, the job claims a marker row (keys.reminder: registration + start time)
 * with a conditional Put; only the run whose Put succeeds sends, then marks it sent. A run that dies between the
 * claim and the send leaves a claim that the next run may take over once it is older than CLAIM_LEASE_MS, so a
 * crash loses no reminder; a mail that cannot leave releases its claim for the next run. The one window left —
 * sent, then a crash before the "sent" mark — can repeat a single mail after the lease, never lose one.
 *
 * Finding tomorrow's occurrences across organisers: gsi2 partition `OCCURRENCES#<day>` (keys.occurrenceDayIndex),
 * queried with the function's own credentials; everything in an organiser's partition (the occurrence, the
 * activity, its registrations, the markers) is read and written with that organiser's tenant session.
 */

const logger = createLogger('reminders');
export const CLAIM_LEASE_MS = 15 * 60 * 1000;
const MARKER_TTL_SECONDS = 60 * 24 * 60 * 60;

/** The Brussels calendar day after the Brussels day of `now`, as `YYYY-MM-DD`. */
export function tomorrowInBrussels(now: Date): string {
  const today = inBrussels(now).slice(0, 10);
  return new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type ReminderRun = { day: string; occurrences: number; sent: number; alreadyHandled: number; failed: number };

export async function sendReminders(now: Date = new Date()): Promise<ReminderRun> {
  const day = tomorrowInBrussels(now);
  const run: ReminderRun = { day, occurrences: 0, sent: 0, alreadyHandled: 0, failed: 0 };
  const indexed = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :day',
    ExpressionAttributeValues: { ':day': keys.occurrencesOnDay(day) },
    ProjectionExpression: 'organiserId, activityId, id',
  }, documentClient());

  for (const entry of indexed) {
    const organiserId = String(entry.organiserId);
    // The index is eventually consistent: the organiser's own rows, read consistently, decide.
    const found = await loadActivity(organiserId, String(entry.activityId));
    const occurrence = found?.occurrences.find((o) => o.id === entry.id);
    if (!found || !occurrence) continue;
    if (found.activity.status !== 'scheduled' || occurrence.status !== 'scheduled') continue;
    if (inBrussels(occurrence.startsAt).slice(0, 10) !== day) continue; // moved since the index was read
    run.occurrences += 1;
    const registrations = (await queryOccurrenceRows(organiserId, keys.registrationPrefix(occurrence.id))) as RegistrationItem[];
    for (const registration of registrations.filter((r) => r.status === 'confirmed')) {
      const outcome = await remindOnce(found.activity, occurrence, registration, now);
      if (outcome === 'sent') run.sent += 1;
      else if (outcome === 'handled') run.alreadyHandled += 1;
      else run.failed += 1;
    }
  }
  logger.info('reminders run', { ...run });
  return run;
}

async function remindOnce(activity: ActivityItem, occurrence: OccurrenceItem, registration: RegistrationItem, now: Date): Promise<'sent' | 'handled' | 'failed'> {
  const client = tenantClient(activity.organiserId);
  const Key = keys.reminder(activity.organiserId, occurrence.id, registration.id, occurrence.startsAtUtc);
  const claimedAt = now.toISOString();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...Key, type: 'reminder', registrationId: registration.id, state: 'claimed', claimedAt,
          expiresAt: Math.floor(Date.parse(occurrence.startsAtUtc) / 1000) + MARKER_TTL_SECONDS,
        },
        // Nobody claimed it, or a claim was left behind by a run that died before sending.
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':stale': new Date(now.getTime() - CLAIM_LEASE_MS).toISOString() },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'handled';
    throw error;
  }
  try {
    await sendMail(registrationMail('reminder', registration, activity, occurrence));
  } catch (error) {
    logger.error('reminder not sent', { error: error as Error, registrationId: registration.id });
    // Let the next run try again.
    await client.send(
      new DeleteCommand({
        TableName: tableName(), Key, ConditionExpression: 'claimedAt = :mine', ExpressionAttributeValues: { ':mine': claimedAt },
      }),
    ).catch(() => undefined);
    return 'failed';
  }
  await client.send(
    new UpdateCommand({
      TableName: tableName(), Key,
      UpdateExpression: 'SET #state = :sent, sentAt = :now',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':now': new Date().toISOString() },
    }),
  );
  return 'sent';
}
