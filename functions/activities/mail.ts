import type { Place } from '../../shared/index';
import { createLogger } from '../lib/logger';
import { escapeHtml, sendMail, type Mail } from '../lib/mail';
import type { ActivityItem, OccurrenceItem, RegistrationItem } from './items';
import { ZONE } from './schedule';

const logger = createLogger('activities');

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'activity_cancelled' | 'moved' | 'reminder';
type Lang = 'nl' | 'en';

const SUBJECTS: Record<RegistrationMailKind, Record<Lang, (title: string) => string>> = {
  confirmed: { nl: (t) => `Inschrijving bevestigd: ${t}`, en: (t) => `Registration confirmed: ${t}` },
  waitlisted: { nl: (t) => `Op de wachtlijst: ${t}`, en: (t) => `On the waitlist: ${t}` },
  promoted: { nl: (t) => `Er is een plaats vrij voor jou: ${t}`, en: (t) => `A seat opened up for you: ${t}` },
  cancelled: { nl: (t) => `Inschrijving geannuleerd: ${t}`, en: (t) => `Registration cancelled: ${t}` },
  activity_cancelled: { nl: (t) => `Geannuleerd: ${t}`, en: (t) => `Cancelled: ${t}` },
  moved: { nl: (t) => `Nieuw tijdstip: ${t}`, en: (t) => `New date and time: ${t}` },
  // — activities: participants export and reminders —
  reminder: { nl: (t) => `Herinnering: morgen ${t}`, en: (t) => `Reminder: ${t} tomorrow` },
};

const LEADS: Record<RegistrationMailKind, Record<Lang, (name: string, organiser: string) => string>> = {
  confirmed: {
    nl: (n, o) => `Dag ${n}, je bent ingeschreven. ${o} verwacht je op:`,
    en: (n, o) => `Hello ${n}, you are registered. ${o} expects you on:`,
  },
  waitlisted: {
    nl: (n) => `Dag ${n}, deze activiteit is volzet. Je staat op de wachtlijst en krijgt meteen bericht als er een plaats vrijkomt.`,
    en: (n) => `Hello ${n}, this activity is full. You are on the waitlist and will hear from us as soon as a seat opens up.`,
  },
  promoted: {
    nl: (n) => `Dag ${n}, er kwam een plaats vrij: je inschrijving is nu bevestigd.`,
    en: (n) => `Hello ${n}, a seat opened up: your registration is now confirmed.`,
  },
  cancelled: { nl: (n) => `Dag ${n}, je inschrijving is geannuleerd.`, en: (n) => `Hello ${n}, your registration has been cancelled.` },
  activity_cancelled: {
    nl: (n, o) => `Dag ${n}, ${o} heeft deze activiteit geannuleerd. Je inschrijving vervalt.`,
    en: (n, o) => `Hello ${n}, ${o} has cancelled this activity. Your registration lapses.`,
  },
  moved: {
    nl: (n, o) => `Dag ${n}, ${o} heeft deze activiteit verplaatst. Je inschrijving blijft gelden voor het nieuwe tijdstip:`,
    en: (n, o) => `Hello ${n}, ${o} has moved this activity. Your registration stands for the new date and time:`,
  },
  // — activities: participants export and reminders —
  reminder: {
    nl: (n, o) => `Dag ${n}, morgen is het zover. ${o} verwacht je op:`,
    en: (n, o) => `Hello ${n}, see you tomorrow. ${o} expects you on:`,
  },
};

function when(occurrence: Pick<OccurrenceItem, 'startsAt' | 'endsAt'>, lang: Lang): string {
  const locale = lang === 'nl' ? 'nl-BE' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'full' }).format(new Date(occurrence.startsAt));
  const time = new Intl.DateTimeFormat(locale, { timeZone: ZONE, timeStyle: 'short' });
  return `${day}, ${time.format(new Date(occurrence.startsAt))}–${time.format(new Date(occurrence.endsAt))}`;
}

function where(place: Place): string {
  if (place.kind === 'online') return place.url;
  const street = [place.street, place.houseNumber].filter(Boolean).join(' ');
  const head = place.kind === 'company' ? place.companyName : place.name;
  return [head, street, [place.postalCode, place.municipality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** A registration mail in the registrant's language (Dutch unless they chose English). */
export function registrationMail(kind: RegistrationMailKind, registration: RegistrationItem, activity: ActivityItem, occurrence: Pick<OccurrenceItem, 'startsAt' | 'endsAt'>): Mail {
  const lang: Lang = registration.language === 'en' ? 'en' : 'nl';
  const lead = LEADS[kind][lang](registration.name, activity.organiserName);
  const lines = [lead, '', activity.title, when(occurrence, lang), where(activity.place)];
  const e = escapeHtml;
  const html = `<p>${e(lead)}</p>
<p><strong>${e(activity.title)}</strong><br>${e(when(occurrence, lang))}<br>${e(where(activity.place))}</p>`;
  return { to: registration.email, subject: SUBJECTS[kind][lang](activity.title), text: lines.join('\n'), html };
}

/**
 * Sends after the write committed; a mail that cannot leave is logged, never undoes a registration. A few at a
 * time, so that cancelling a large activity does not open hundreds of connections at once.
 */
export async function sendRegistrationMails(kind: RegistrationMailKind, registrations: RegistrationItem[], activity: ActivityItem, occurrence: Pick<OccurrenceItem, 'startsAt' | 'endsAt'>): Promise<void> {
  const queue = [...registrations];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        await sendMail(registrationMail(kind, next, activity, occurrence));
      } catch (error) {
        logger.error('registration mail not sent', { error: error as Error, kind, registrationId: next.id });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
}
