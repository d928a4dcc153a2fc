import { TZDate } from '@date-fns/tz';
import { addMonths, addWeeks, format } from 'date-fns';
import type { Repeat } from '../../shared/index';

/** Activities happen in Flanders: every wall-clock time is Europe/Brussels, whatever offset the client sent. */
export const ZONE = 'Europe/Brussels';
export const MAX_OCCURRENCES = 52;

export type Slot = { startsAt: string; endsAt: string };

/** An instant as Brussels local time with its offset, e.g. `2027-06-03T12:00:00+02:00`. */
export function inBrussels(instant: string | number | Date): string {
  return format(new TZDate(new Date(instant).getTime(), ZONE), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** The calendar year in Brussels of an instant: participation is credited to the year the occurrence starts in. */
export function brusselsYear(instant: string): number {
  return new TZDate(Date.parse(instant), ZONE).getFullYear();
}

/** The n-th (1-based) `weekday` of a month in Brussels, or the last one when n is 5 (or the month has no n-th). */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): number {
  const first = new TZDate(year, month, 1, 12, 0, ZONE).getDay();
  const firstMatch = 1 + ((weekday - first + 7) % 7);
  const daysInMonth = new TZDate(year, month + 1, 0, 12, 0, ZONE).getDate();
  let day = firstMatch + (nth - 1) * 7;
  while (day > daysInMonth) day -= 7;
  return day;
}

/**
 * The occurrences of an activity: the first one as given, then (for a series) the same Brussels wall-clock time
 * on each later week or month until `repeat.until`. Local times stay put across daylight-saving changes (a
 * noon walk is at noon in June and in November); the length is kept in minutes.
 */
export function occurrenceSlots(startsAt: string, endsAt: string, repeat?: Repeat): Slot[] {
  const start = new TZDate(Date.parse(startsAt), ZONE);
  const lengthMs = Date.parse(endsAt) - Date.parse(startsAt);
  const slot = (local: TZDate): Slot => ({ startsAt: inBrussels(local.getTime()), endsAt: inBrussels(local.getTime() + lengthMs) });
  const slots: Slot[] = [slot(start)];
  if (!repeat) return slots;

  const [untilYear, untilMonth, untilDay] = repeat.until.split('-').map(Number) as [number, number, number];
  const lastMoment = new TZDate(untilYear, untilMonth - 1, untilDay, 23, 59, ZONE).getTime();
  const hours = start.getHours();
  const minutes = start.getMinutes();
  const weekday = start.getDay();
  const nth = Math.min(5, Math.ceil(start.getDate() / 7));
  for (let i = 1; slots.length < MAX_OCCURRENCES + 1; i++) {
    let next: TZDate;
    if (repeat.frequency === 'weekly') {
      const day = addWeeks(start, i * repeat.interval);
      next = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes, ZONE);
    } else {
      const month = addMonths(new TZDate(start.getFullYear(), start.getMonth(), 1, 12, 0, ZONE), i * repeat.interval);
      const date = nthWeekdayOfMonth(month.getFullYear(), month.getMonth(), weekday, nth);
      next = new TZDate(month.getFullYear(), month.getMonth(), date, hours, minutes, ZONE);
    }
    if (next.getTime() > lastMoment) break;
    slots.push(slot(next));
  }
  return slots;
}
