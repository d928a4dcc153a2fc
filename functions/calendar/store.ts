import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TZDate } from '@date-fns/tz';
import type { CalendarPage } from '../../shared/index';
import { brusselsDay } from '../lib/brussels';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { queryAll } from '../lib/query';
import { ZONE } from '../activities/schedule';
import { toCalendarEntry, type CalendarEntryItem } from './items';

/** Midnight in Brussels of a day (`YYYY-MM-DD`), as a UTC instant (the calendar index sorts by UTC start). */
export function brusselsMidnightUtc(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + plusDays, 0, 0, 0, ZONE).getTime()).toISOString();
}

export const todayInBrussels = () => brusselsDay();

/** The calendar's key condition: from a day on, up to and including a last day (or without end). */
function range(associationId: string, from: string, to?: string) {
  const lower = brusselsMidnightUtc(from);
  const upper = to ? brusselsMidnightUtc(to, 1) : undefined;
  return {
    condition: upper ? 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :pk AND gsi1sk >= :from',
    values: { ':pk': keys.calendarOfAssociation(associationId), ':from': lower, ...(upper ? { ':to': upper } : {}) },
    lower,
    upper,
  };
}

/** A page of the association's calendar, by start; the cursor must come from the same calendar and range. */
export async function listCalendar(associationId: string, query: { from?: string; to?: string; limit: number; cursor?: string }): Promise<CalendarPage> {
  const { condition, values, lower, upper } = range(associationId, query.from ?? todayInBrussels(), query.to);
  const start = decodeCursor(query.cursor, {
    attribute: 'gsi1pk',
    value: keys.calendarOfAssociation(associationId),
    keys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
    prefixes: { pk: tenantPartition(associationId), sk: 'CALENDAR#' },
  });
  if (start && (start.gsi1sk! < lower || (upper !== undefined && start.gsi1sk! > upper))) {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: 'query.cursor', code: 'invalid_cursor' }] });
  }
  const page = await tenantClient(associationId).send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: condition,
      ExpressionAttributeValues: values,
      Limit: query.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { items: (page.Items ?? []).map(toCalendarEntry), nextCursor: encodeCursor(page.LastEvaluatedKey as Record<string, string> | undefined) };
}

/** Every calendar row of the association from a day on (a feed: bounded by what the association is offered). */
export async function calendarRowsFrom(associationId: string, from: string): Promise<CalendarEntryItem[]> {
  const { condition, values } = range(associationId, from);
  return (await queryAll({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: condition, ExpressionAttributeValues: values }, tenantClient(associationId))) as CalendarEntryItem[];
}
