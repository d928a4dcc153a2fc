import writeExcelFile from 'write-excel-file/node';
import type { ActivityType, ContactMomentType, CsvSeparator, Locale, UmbrellaReport } from '../../shared/index';
import { writeCsv } from '../transfer/csv-text';

/**
 * The report as a file: one table of rows (section, figure, value, unit) laid out from the computed report, the
 * same rows for CSV and XLSX, so neither can hold a figure the page does not. CSV follows the register and
 * participants exports (functions/transfer/csv-text.ts: UTF-8 with BOM, `;` by default, CRLF); with `;` (Belgian
 * Excel) decimals take a comma, as Excel there reads them. The XLSX keeps numbers as numbers.
 */

type Row = { section: string; figure: string; value: number | string; unit?: string };

const ACTIVITY_TYPE: Record<Locale, Record<ActivityType, string>> = {
  nl: {
    experience_exchange: 'Ervaringsuitwisseling', workshop: 'Workshop', training: 'Opleiding', info_session: 'Infosessie',
    networking: 'Netwerkmoment', meetup: 'Ontmoeting', collective_action: 'Collectieve actie', social_action: 'Sociale actie',
  },
  en: {
    experience_exchange: 'Experience exchange', workshop: 'Workshop', training: 'Training', info_session: 'Info session',
    networking: 'Networking', meetup: 'Meet-up', collective_action: 'Collective action', social_action: 'Social action',
  },
};
const CONTACT_TYPE: Record<Locale, Record<ContactMomentType, string>> = {
  nl: { board_meeting: 'Bestuursvergadering', visit: 'Bezoek', call: 'Gesprek', workshop: 'Workshop', other: 'Ander' },
  en: { board_meeting: 'Board meeting', visit: 'Visit', call: 'Call', workshop: 'Workshop', other: 'Other' },
};

const TEXT = {
  nl: {
    header: ['onderdeel', 'cijfer', 'waarde', 'eenheid'],
    period: 'periode', from: 'van', to: 'tot en met',
    contacts: 'contactmomenten met verenigingen', total: 'totaal', withAssociation: (name: string) => `met ${name}`,
    newsletters: 'nieuwsbrieven', newslettersNote: 'verstuurd (Parkpunt verstuurt nog geen nieuwsbrieven)',
    exchanges: 'ervaringsuitwisselingen en workshops', exchangeCount: 'ervaringsuitwisselingen', workshopCount: 'workshops',
    founding: 'verenigingen ondersteund bij de oprichting', foundingAssociation: (name: string) => `${name} (contactmomenten)`,
    participation: (type: string) => `deelname: ${type}`, participationTotal: 'deelname: totaal',
    occurrences: 'activiteiten (data)', participants: 'deelnemers', participantsAttended: 'deelnemers aanwezig',
    companies: 'verschillende bedrijven', companiesAttended: 'verschillende bedrijven aanwezig',
    theme: 'deelname per thema', noTheme: 'zonder thema',
    quantities: 'ingezamelde hoeveelheden', quantity: (unit: string) => `hoeveelheid (${unit})`, quantityCompanies: (unit: string) => `bedrijven (${unit})`,
    filename: 'jaarrapport',
  },
  en: {
    header: ['section', 'figure', 'value', 'unit'],
    period: 'period', from: 'from', to: 'to (inclusive)',
    contacts: 'contact moments with associations', total: 'total', withAssociation: (name: string) => `with ${name}`,
    newsletters: 'newsletters', newslettersNote: 'sent (Parkpunt does not send newsletters yet)',
    exchanges: 'experience exchanges and workshops', exchangeCount: 'experience exchanges', workshopCount: 'workshops',
    founding: 'associations supported in their founding', foundingAssociation: (name: string) => `${name} (contact moments)`,
    participation: (type: string) => `participation: ${type}`, participationTotal: 'participation: total',
    occurrences: 'activities (dates)', participants: 'participants', participantsAttended: 'participants present',
    companies: 'distinct companies', companiesAttended: 'distinct companies present',
    theme: 'participation per theme', noTheme: 'without a theme',
    quantities: 'quantities collected', quantity: (unit: string) => `quantity (${unit})`, quantityCompanies: (unit: string) => `companies (${unit})`,
    filename: 'yearly-report',
  },
} as const;

export function reportRows(report: UmbrellaReport, locale: Locale): Row[] {
  const t = TEXT[locale];
  const rows: Row[] = [
    { section: t.period, figure: t.from, value: report.from },
    { section: t.period, figure: t.to, value: report.to },
    { section: t.contacts, figure: t.total, value: report.contactMoments.total },
    ...report.contactMoments.byType.map(({ type, count }) => ({ section: t.contacts, figure: CONTACT_TYPE[locale][type], value: count })),
    ...report.contactMoments.byAssociation.map(({ associationName, count }) => ({ section: t.contacts, figure: t.withAssociation(associationName), value: count })),
    { section: t.newsletters, figure: t.newslettersNote, value: report.newsletters.total },
    { section: t.exchanges, figure: t.total, value: report.exchangesAndWorkshops.total },
    { section: t.exchanges, figure: t.exchangeCount, value: report.exchangesAndWorkshops.experienceExchanges },
    { section: t.exchanges, figure: t.workshopCount, value: report.exchangesAndWorkshops.workshops },
    { section: t.founding, figure: t.total, value: report.foundingSupport.total },
    ...report.foundingSupport.associations.map(({ associationName, momentIds }) => ({ section: t.founding, figure: t.foundingAssociation(associationName), value: momentIds.length })),
  ];
  const participationRows = (section: string, figures: { occurrences: number; participants: number; participantsAttended: number; companies: number; companiesAttended: number }): Row[] => [
    { section, figure: t.occurrences, value: figures.occurrences },
    { section, figure: t.participants, value: figures.participants },
    { section, figure: t.participantsAttended, value: figures.participantsAttended },
    { section, figure: t.companies, value: figures.companies },
    { section, figure: t.companiesAttended, value: figures.companiesAttended },
  ];
  for (const figures of report.participationByType) rows.push(...participationRows(t.participation(ACTIVITY_TYPE[locale][figures.type]), figures));
  rows.push(...participationRows(t.participationTotal, report.participationTotal));
  for (const { theme, participants, participantsAttended } of report.participationByTheme) {
    const name = theme || t.noTheme;
    rows.push({ section: t.theme, figure: `${name}: ${t.participants}`, value: participants });
    rows.push({ section: t.theme, figure: `${name}: ${t.participantsAttended}`, value: participantsAttended });
  }
  for (const { unit, quantity, companies } of report.quantities) {
    rows.push({ section: t.quantities, figure: t.quantity(unit), value: quantity, unit });
    rows.push({ section: t.quantities, figure: t.quantityCompanies(unit), value: companies });
  }
  return rows;
}

export type ReportFile = { filename: string; contentType: string; body: string | Buffer };

const filename = (report: UmbrellaReport, locale: Locale, extension: string) => `${TEXT[locale].filename}-${report.from}-${report.to}.${extension}`;

export function reportCsv(report: UmbrellaReport, locale: Locale, separator: CsvSeparator): ReportFile {
  const decimal = separator === 'semicolon' ? ',' : '.';
  const cells = reportRows(report, locale).map((row) => [
    row.section,
    row.figure,
    typeof row.value === 'number' ? String(row.value).replace('.', decimal) : row.value,
    row.unit ?? '',
  ]);
  return { filename: filename(report, locale, 'csv'), contentType: 'text/csv; charset=utf-8', body: writeCsv(TEXT[locale].header, cells, separator) };
}

export async function reportXlsx(report: UmbrellaReport, locale: Locale): Promise<ReportFile> {
  const header = TEXT[locale].header.map((value) => ({ value, fontWeight: 'bold' as const }));
  const data = reportRows(report, locale).map((row) => [row.section, row.figure, row.value, row.unit ?? null]);
  const buffer = await writeExcelFile([header, ...data], { columns: [{ width: 44 }, { width: 44 }, { width: 14 }, { width: 10 }], sheet: locale === 'en' ? 'Report' : 'Rapport' }).toBuffer();
  return {
    filename: filename(report, locale, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: buffer,
  };
}
