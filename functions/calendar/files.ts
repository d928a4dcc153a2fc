import type { Tenant } from '../../shared/index';
import { HttpError, notFound } from '../lib/errors';
import { audienceIncludes } from '../activities/audience';
import type { ActivityItem, OccurrenceItem } from '../activities/items';
import { loadActivity } from '../activities/store';
import { icsCalendar, icsFilename, UID_DOMAIN, type IcsEvent } from './ics';
import { publicPlace, type CalendarEntryItem } from './items';
import { memberActivityUrl, organiserActivityUrl } from './links';

/** The SEQUENCE of an occurrence's event: grows whenever the activity or the occurrence changes (both versioned). */
export const sequenceOf = (activityVersion: number, occurrenceVersion: number) => activityVersion + occurrenceVersion - 2;

export const occurrenceUid = (occurrenceId: string) => `${occurrenceId}@${UID_DOMAIN}`;

function occurrenceEvents(activity: ActivityItem, occurrences: OccurrenceItem[], url: string | undefined): IcsEvent[] {
  return occurrences.map((occurrence) => ({
    uid: occurrenceUid(occurrence.id),
    sequence: sequenceOf(activity.version, occurrence.version),
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    title: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    place: publicPlace(activity.place),
    ...(url ? { url } : {}),
    status: activity.status === 'cancelled' || occurrence.status === 'cancelled' ? 'cancelled' : 'confirmed',
  }));
}

export type IcsFile = { text: string; filename: string };

/** The organiser's download: every occurrence of one of its activities. */
export async function organiserActivityFile(organiserId: string, activityId: string): Promise<IcsFile> {
  const found = await loadActivity(organiserId, activityId);
  if (!found) throw notFound();
  const { activity, occurrences } = found;
  return { text: icsCalendar(activity.title, occurrenceEvents(activity, occurrences, organiserActivityUrl(activity.organiserKind, organiserId, activityId))), filename: icsFilename(activity.title) };
}

/** A member's download of an activity open to their association (403 when it is not). */
export async function offeredActivityFile(home: Tenant, organiserId: string, activityId: string): Promise<IcsFile> {
  const found = await loadActivity(organiserId, activityId);
  if (!found) throw notFound();
  if (!audienceIncludes(found.activity, home)) throw new HttpError(403, 'outside_audience');
  const { activity, occurrences } = found;
  return { text: icsCalendar(activity.title, occurrenceEvents(activity, occurrences, memberActivityUrl(home.id, organiserId, activityId))), filename: icsFilename(activity.title) };
}

/** The association's calendar rows as events (its feed). */
export function calendarRowEvents(rows: CalendarEntryItem[]): IcsEvent[] {
  return rows.map((row) => {
    const url = memberActivityUrl(row.associationId, row.organiserId, row.activityId);
    return {
      uid: occurrenceUid(row.occurrenceId),
      sequence: sequenceOf(row.activityVersion, row.occurrenceVersion),
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      title: row.title,
      ...(row.description ? { description: row.description } : {}),
      place: row.place,
      ...(url ? { url } : {}),
      status: row.status === 'cancelled' ? 'cancelled' : 'confirmed',
    };
  });
}

export const icsHeaders = (filename: string, inline = false) => ({
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
});
