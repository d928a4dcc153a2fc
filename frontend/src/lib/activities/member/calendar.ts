/**
 * The calendar's month arithmetic and grouping, in Europe/Brussels days (`YYYY-MM-DD`, `YYYY-MM`): plain string and
 * UTC-date math on calendar days, never on instants, so a browser in another zone shows the same days.
 */
import type { ActivityType } from '../../../../../shared/index';
import { brusselsDay } from '../format';
import type { CalendarEntry } from './api';

export const ACTIVITY_TYPES: readonly ActivityType[] = [
  'experience_exchange',
  'workshop',
  'training',
  'info_session',
  'networking',
  'meetup',
  'collective_action',
  'social_action',
] satisfies ActivityType[];

export type CalendarView = 'list' | 'grid';

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function isActivityType(value: string | null | undefined): value is ActivityType {
  return typeof value === 'string' && (ACTIVITY_TYPES as readonly string[]).includes(value);
}

export function currentMonth(now: Date = new Date()): string {
  return brusselsDay(now).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, index, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** "juni 2027" / "June 2027". */
export function monthLabel(month: string, intlLocale: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(intlLocale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, index - 1, 15)));
}

/** Monday-first weekday names: short for the grid's header, long for screen readers. */
export function weekdayNames(intlLocale: string): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) => {
    const date = new Date(Date.UTC(2024, 0, 1 + index));
    return {
      short: new Intl.DateTimeFormat(intlLocale, { weekday: 'short', timeZone: 'UTC' }).format(date),
      long: new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' }).format(date),
    };
  });
}

/** The weeks of a month as rows of 7 days (`YYYY-MM-DD`, or null outside the month), Monday first. */
export function monthWeeks(month: string): (string | null)[][] {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, index, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, index - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, day) => `${month}-${String(day + 1).padStart(2, '0')}`)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** Entries by their Brussels start day. */
export function byDay(entries: readonly CalendarEntry[]): Map<string, CalendarEntry[]> {
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const day = brusselsDay(entry.startsAt);
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return days;
}

/** Entries by their Brussels start month, in order. */
export function byMonth(entries: readonly CalendarEntry[]): { month: string; entries: CalendarEntry[] }[] {
  const months: { month: string; entries: CalendarEntry[] }[] = [];
  for (const entry of entries) {
    const month = brusselsDay(entry.startsAt).slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.entries.push(entry);
    else months.push({ month, entries: [entry] });
  }
  return months;
}

/** Where, in a few words: the host company, the place's name or town, or "online" (the caller's word). */
export function placeShort(place: CalendarEntry['place'], online: string): string {
  if (place.kind === 'online') return online;
  return [place.kind === 'company' ? place.companyName : place.name, place.municipality].filter(Boolean).join(', ');
}
