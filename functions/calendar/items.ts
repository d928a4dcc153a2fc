import type { ActivityType, CalendarEntry, Place, TenantKind } from '../../shared/index';
import { keys } from '../lib/keys';
import type { ActivityItem, OccurrenceItem } from '../activities/items';

/** The place as members may see it: no register ids of the host (they name another tenant's rows). */
export type PublicPlace = {
  kind: Place['kind'];
  companyName?: string;
  name?: string;
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  municipality?: string;
  url?: string;
  note?: string;
};

/**
 * One occurrence in one association's calendar: a copy in the association's own partition, so its members'
 * calendar (and feed) is one Query with the association's credentials. It carries the activity's and the
 * occurrence's versions: the stream consumer never overwrites a copy with an older state.
 */
export type CalendarEntryItem = {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  type: 'calendarEntry';
  associationId: string;
  organiserId: string;
  organiserName: string;
  organiserKind: TenantKind;
  activityId: string;
  occurrenceId: string;
  activityType: ActivityType;
  title: string;
  description?: string;
  themes: string[];
  place: PublicPlace;
  startsAt: string;
  endsAt: string;
  startsAtUtc: string;
  status: 'scheduled' | 'cancelled';
  activityVersion: number;
  occurrenceVersion: number;
};

export function publicPlace(place: Place): PublicPlace {
  if (place.kind === 'company') {
    const { associationId: _a, companyId: _c, ...rest } = place;
    return rest;
  }
  return place;
}

export function calendarEntryItem(associationId: string, activity: ActivityItem, occurrence: OccurrenceItem): CalendarEntryItem {
  return {
    ...keys.calendarEntry(associationId, occurrence.id),
    ...keys.calendarIndex(associationId, occurrence.startsAtUtc, occurrence.id),
    type: 'calendarEntry',
    associationId,
    organiserId: activity.organiserId,
    organiserName: activity.organiserName,
    organiserKind: activity.organiserKind,
    activityId: activity.id,
    occurrenceId: occurrence.id,
    activityType: activity.activityType,
    title: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    themes: activity.themes ?? [],
    place: publicPlace(activity.place),
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    startsAtUtc: occurrence.startsAtUtc,
    status: activity.status === 'cancelled' || occurrence.status === 'cancelled' ? 'cancelled' : 'scheduled',
    activityVersion: activity.version,
    occurrenceVersion: occurrence.version,
  };
}

export function toCalendarEntry(item: Record<string, unknown>): CalendarEntry {
  const e = item as CalendarEntryItem;
  return {
    organiserId: e.organiserId,
    organiserName: e.organiserName,
    organiserKind: e.organiserKind,
    activityId: e.activityId,
    occurrenceId: e.occurrenceId,
    type: e.activityType,
    title: e.title,
    themes: e.themes ?? [],
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    place: {
      kind: e.place.kind,
      ...(e.place.companyName ? { companyName: e.place.companyName } : {}),
      ...(e.place.name ? { name: e.place.name } : {}),
      ...(e.place.municipality ? { municipality: e.place.municipality } : {}),
    },
    status: e.status,
  };
}
