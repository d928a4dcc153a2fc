import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { ZONE } from '../activities/schedule';
import type { PublicPlace } from './items';

/**
 * Calendar files (RFC 5545) with ical-generator: every time as Brussels wall-clock time (`DTSTART;TZID=
 * Europe/Brussels:…`) with the zone's VTIMEZONE in the file, which Outlook needs to place the events (Google
 * Calendar and Apple Calendar read it too). ical-generator escapes text, folds lines at 75 octets and writes CRLF.
 */

/**
 * Europe/Brussels since 1996 (EU summer time: last Sunday of March 02:00 → +02:00, last Sunday of October
 * 03:00 → +01:00). Written here rather than read from a zone-file package: those read their files from disk at
 * run time, which a bundled Lambda does not ship.
 */
const BRUSSELS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Brussels',
  'X-LIC-LOCATION:Europe/Brussels',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export type IcsEvent = {
  /** Stable per occurrence (and per registration in a personal feed): a calendar app updates, never duplicates. */
  uid: string;
  /** The occurrence's version: a moved or cancelled occurrence replaces the copy a calendar app holds. */
  sequence: number;
  startsAt: string;
  endsAt: string;
  title: string;
  description?: string;
  place: PublicPlace;
  url?: string;
  /** tentative: on a waitlist (a personal feed). */
  status: 'confirmed' | 'tentative' | 'cancelled';
};

export function placeText(place: PublicPlace): string {
  if (place.kind === 'online') return place.url ?? '';
  const street = [place.street, place.houseNumber].filter(Boolean).join(' ');
  const head = place.kind === 'company' ? place.companyName : place.name;
  return [head, street, [place.postalCode, place.municipality].filter(Boolean).join(' '), place.note].filter(Boolean).join(', ');
}

export const UID_DOMAIN = 'parkpunt.app';

/** A whole calendar: a download (one activity) or a subscribed feed (METHOD:PUBLISH either way). */
export function icsCalendar(name: string, events: IcsEvent[], now = new Date()): string {
  const calendar = ical({
    name,
    prodId: { company: 'Parkpunt', product: 'Parkpunt', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (DTSTAMP must stay UTC, with `Z`); each event names Europe/Brussels, and the
    // generator adds that zone's VTIMEZONE once.
    timezone: { name: null, generator: (zone) => (zone === ZONE ? BRUSSELS_VTIMEZONE : null) },
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': ZONE },
  });
  for (const event of events) {
    const description = [event.description, event.place.kind === 'online' ? event.place.url : undefined, event.url].filter(Boolean).join('\n\n');
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      // A TZDate gives ical-generator the Brussels wall-clock time to write after TZID (a Date would be read in
      // the process's own zone).
      start: new TZDate(Date.parse(event.startsAt), ZONE),
      end: new TZDate(Date.parse(event.endsAt), ZONE),
      timezone: ZONE,
      stamp: now,
      summary: event.title,
      ...(description ? { description } : {}),
      location: placeText(event.place) || null,
      ...(event.url ? { url: event.url } : {}),
      status: { confirmed: ICalEventStatus.CONFIRMED, tentative: ICalEventStatus.TENTATIVE, cancelled: ICalEventStatus.CANCELLED }[event.status],
    });
  }
  return calendar.toString();
}

/** A file name for Content-Disposition: letters, digits and dashes only. */
export function icsFilename(title: string): string {
  const slug = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
  return `${slug || 'activiteit'}.ics`;
}
