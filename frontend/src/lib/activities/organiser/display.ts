import type { Activity } from '../api';

export type Occurrence = Activity['occurrences'][number];

/** An activity is upcoming while one of its occurrences has not ended yet. */
export function isUpcoming(activity: Activity, now: number): boolean {
  return activity.occurrences.some((occurrence) => Date.parse(occurrence.endsAt) >= now);
}

/** The occurrence the list shows: the next one that has not ended, else the last one. */
export function shownOccurrence(activity: Activity, now: number): Occurrence | undefined {
  const sorted = [...activity.occurrences].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return sorted.find((occurrence) => Date.parse(occurrence.endsAt) >= now) ?? sorted.at(-1);
}

/** Upcoming: soonest first; past: latest first. */
export function sortActivities(activities: Activity[], upcoming: boolean, now: number): Activity[] {
  const start = (activity: Activity) => shownOccurrence(activity, now)?.startsAt ?? '';
  return [...activities].sort((a, b) => (upcoming ? start(a).localeCompare(start(b)) : start(b).localeCompare(start(a))));
}

/** Seats as "2 van 20 plaatsen bezet" or "5 ingeschreven (geen limiet)". */
export function seatsText(occurrence: Pick<Occurrence, 'taken' | 'capacity'>, t: (key: string, options?: { values?: Record<string, string | number> }) => string): string {
  return occurrence.capacity === null
    ? t('activities.seatsUnlimited', { values: { taken: occurrence.taken } })
    : t('activities.seats', { values: { taken: occurrence.taken, capacity: occurrence.capacity } });
}

/** The place on one line. */
export function placeText(place: Activity['place'], online: string): string {
  if (place.kind === 'online') return `${online} · ${place.url}`;
  const street = [place.street, place.houseNumber].filter(Boolean).join(' ');
  const town = [place.postalCode, place.municipality].filter(Boolean).join(' ');
  const who = place.kind === 'company' ? place.companyName : place.name;
  return [who, street, town].filter(Boolean).join(', ');
}
