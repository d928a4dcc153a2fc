/**
 * Times of activities as people on the parks read them: always in Europe/Brussels, whatever the browser's own
 * zone (an organiser abroad still sees the local start), in the UI language.
 */
import { intlLocale } from '../format';
import type { Locale } from '../contract';

export const ACTIVITY_TIME_ZONE = 'Europe/Brussels';

type AnyLocale = Locale | string | null | undefined;

const dayFormat = (locale: AnyLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), { timeZone: ACTIVITY_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = (locale: AnyLocale) => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: ACTIVITY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Brussels calendar day of an instant, `YYYY-MM-DD`. */
export function brusselsDay(instant: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ACTIVITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** "donderdag 3 juni 2027, 12:00–13:30"; across days: "… 12:00 – vrijdag 4 juni 2027, 17:00". */
export function formatPeriod(startsAt: string, endsAt: string, locale: AnyLocale): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (brusselsDay(start) === brusselsDay(end)) return `${dayFormat(locale).format(start)}, ${timeFormat(locale).format(start)}–${timeFormat(locale).format(end)}`;
  return `${dayFormat(locale).format(start)}, ${timeFormat(locale).format(start)} – ${dayFormat(locale).format(end)}, ${timeFormat(locale).format(end)}`;
}

/** Date and time of a deadline or a moment: "3 juni 2027 12:00". */
export function formatMoment(instant: string, locale: AnyLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: ACTIVITY_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(instant));
}

/**
 * The value of an `<input type="datetime-local">` for an instant, in Brussels time, and back to an ISO instant
 * with Brussels' offset on that day (summer +02:00, winter +01:00).
 */
export function toLocalInput(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ACTIVITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  // Brussels' offset at that wall-clock time: try the guess, then correct by the difference once (DST-safe
  // except in the non-existent spring hour, which the browser's picker does not offer).
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (utcMs: number) => {
    const local = toLocalInput(new Date(utcMs).toISOString());
    const [date, time] = local.split('T') as [string, string];
    const [ly, lmo, ld] = date.split('-').map(Number) as [number, number, number];
    const [lh, lmi] = time.split(':').map(Number) as [number, number];
    return Date.UTC(ly, lmo - 1, ld, lh, lmi) - utcMs;
  };
  const offset = offsetAt(asUtc - offsetAt(asUtc));
  const minutes = offset / 60_000;
  const sign = minutes >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
  return `${value}:00${sign}${hh}:${mm}`;
}
