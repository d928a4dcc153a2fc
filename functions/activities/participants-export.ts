import { foldForSearch, type Attendance, type CsvSeparator, type Locale, type RegistrationStatus } from '../../shared/index';
import { HttpError, notFound } from '../lib/errors';
import { keys } from '../lib/keys';
import { loadTenant } from '../lib/tenants';
import { writeCsv } from '../transfer/csv-text';
import type { RegistrationItem } from './items';
import { inBrussels } from './schedule';
import { loadActivity, queryOccurrenceRows } from './store';

/**
 * The organiser's participants list of one occurrence as a CSV file for Excel: the register export's format
 * (UTF-8 with BOM, `;` or `,`, CRLF, formula-looking cells defused — functions/transfer/csv-text.ts), headers and
 * values in the caller's language. Registrations in arrival order, the waitlist with its places, cancelled ones
 * last-known state included (an organiser wants to see who dropped out). No ids: the file is for people, not
 * for re-import.
 */

type Column = 'company' | 'homeAssociation' | 'name' | 'email' | 'function' | 'notes' | 'status' | 'waitlistPosition' | 'attendance' | 'passed' | 'registeredAt';
const COLUMNS: readonly Column[] = ['company', 'homeAssociation', 'name', 'email', 'function', 'notes', 'status', 'waitlistPosition', 'attendance', 'passed', 'registeredAt'];

const HEADERS: Record<Locale, Record<Column, string>> = {
  nl: {
    company: 'bedrijf', homeAssociation: 'thuisvereniging', name: 'naam', email: 'e-mail', function: 'functie',
    notes: 'dieet of toegankelijkheid', status: 'status', waitlistPosition: 'plaats op wachtlijst', attendance: 'aanwezigheid',
    passed: 'geslaagd', registeredAt: 'ingeschreven op',
  },
  en: {
    company: 'company', homeAssociation: 'home association', name: 'name', email: 'e-mail', function: 'function',
    notes: 'dietary or accessibility notes', status: 'status', waitlistPosition: 'waitlist position', attendance: 'attendance',
    passed: 'passed', registeredAt: 'registered at',
  },
};

const STATUS: Record<Locale, Record<RegistrationStatus, string>> = {
  nl: { confirmed: 'bevestigd', waitlisted: 'wachtlijst', cancelled: 'geannuleerd' },
  en: { confirmed: 'confirmed', waitlisted: 'waitlisted', cancelled: 'cancelled' },
};
const ATTENDANCE: Record<Locale, Record<Attendance, string>> = {
  nl: { unknown: '', present: 'aanwezig', no_show: 'afwezig' },
  en: { unknown: '', present: 'present', no_show: 'no-show' },
};
const YES_NO: Record<Locale, [string, string]> = { nl: ['ja', 'nee'], en: ['yes', 'no'] };

/** `2027-06-03T09:30:00+02:00` → `2027-06-03 09:30`: what Excel reads as a date and time in Brussels. */
const brusselsStamp = (instant: string) => inBrussels(instant).slice(0, 16).replace('T', ' ');

export type ParticipantsFile = { filename: string; text: string; rows: number };

export async function exportParticipants(
  organiserId: string,
  activityId: string,
  occurrenceId: string,
  options: { separator: CsvSeparator; locale: Locale },
): Promise<ParticipantsFile> {
  const found = await loadActivity(organiserId, activityId);
  const occurrence = found?.occurrences.find((o) => o.id === occurrenceId);
  if (!found || !occurrence) throw notFound();
  const rows = (await queryOccurrenceRows(organiserId, keys.registrationPrefix(occurrenceId))) as RegistrationItem[];

  // Home associations by id, each read once: the organiser's own name needs no read.
  const associationNames = new Map<string, string>([[organiserId, found.activity.organiserName]]);
  for (const associationId of new Set(rows.map((row) => row.associationId))) {
    if (associationNames.has(associationId)) continue;
    const home = await loadTenant(associationId).catch((error: unknown) => {
      if (error instanceof HttpError && error.statusCode === 404) return undefined;
      throw error;
    });
    associationNames.set(associationId, home?.name ?? '');
  }

  const { locale } = options;
  let position = 0;
  const cells = rows.map((row) => {
    const values: Record<Column, string> = {
      company: row.companyName,
      homeAssociation: associationNames.get(row.associationId) ?? '',
      name: row.name,
      email: row.email,
      function: row.function ?? '',
      notes: row.notes ?? '',
      status: STATUS[locale][row.status],
      waitlistPosition: row.status === 'waitlisted' ? String(++position) : '',
      attendance: ATTENDANCE[locale][row.attendance] ?? '',
      passed: typeof row.passed === 'boolean' ? YES_NO[locale][row.passed ? 0 : 1] : '',
      registeredAt: brusselsStamp(row.registeredAt),
    };
    return COLUMNS.map((column) => values[column]);
  });
  const text = writeCsv(COLUMNS.map((column) => HEADERS[locale][column]), cells, options.separator);
  const slug = foldForSearch(found.activity.title).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'activiteit';
  const prefix = locale === 'en' ? 'participants' : 'deelnemers';
  return { filename: `${prefix}-${slug}-${occurrence.startsAt.slice(0, 10)}.csv`, text, rows: cells.length };
}
