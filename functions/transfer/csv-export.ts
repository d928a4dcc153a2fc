import { foldForSearch, type Company, type CsvSeparator, type Park, type Tenant, type TransferKind } from '../../shared/index';
import { naceLabel } from '../../shared/nace';
import { HttpError } from '../lib/errors';
import { COMPANY_COLUMNS, CONTACT_COLUMNS, SIZE_LABELS, STATUS_LABELS } from './columns';
import { writeCsv } from './csv-text';
import { zoneLabel } from './import-register';
import { readRegister } from './register';

/**
 * The register as a CSV file for Excel: UTF-8 with a byte order mark, `;` or `,` separated, Dutch headers, one
 * row per register row (companies) or per contact (contacts), sorted by company name. Every row carries its
 * machine id, so the file, edited, re-imports as updates.
 *
 * Bounds: the whole register is read through its index (a 2,000-company park is ~2 MB, a handful of Query pages)
 * and the file is built in memory; a Lambda answers at most 6 MB, so a file above MAX_EXPORT_BYTES is refused
 * with the advice to export one park at a time (a 2,000-company park is ~0.35 MB). Time is bounded by the
 * function's timeout (routes.ts; 10 s is what every other read gets, and an export must stay well within that):
 * tests/integration/transfer.test.ts exports a 2,000-company park (1.5–3.5 s on DynamoDB Local here) and fails above 8 s.
 */
export const MAX_EXPORT_BYTES = 5 * 1024 * 1024;

const CONSENT_LABELS: Record<string, string> = { newsletter: 'nieuwsbrief', activities: 'activiteiten' };

export type CsvExport = { filename: string; text: string; rows: number };

type Lookup = { parks: Map<string, Park> };

function companyCells(company: Company, { parks }: Lookup): string[] {
  const park = parks.get(company.parkId);
  const values: Record<string, string | undefined> = {
    id: company.id,
    name: company.name,
    enterpriseNumber: company.enterpriseNumber,
    establishmentNumber: company.establishmentNumber,
    juridicalForm: company.juridicalForm,
    startDate: company.startDate,
    park: park?.name,
    zone: park ? zoneLabel(park, company.zoneId) : undefined,
    street: company.street,
    houseNumber: company.houseNumber,
    postalCode: company.postalCode,
    municipality: company.municipality,
    naceCode: company.naceCode,
    naceLabel: naceLabel(company.naceCode, 'nl'),
    sizeClass: company.sizeClass ? SIZE_LABELS[company.sizeClass] : undefined,
    website: company.website,
    email: company.email,
    phone: company.phone,
    membershipStatus: STATUS_LABELS[company.membershipStatus],
    memberSince: company.memberSince,
    founding: company.founding ? 'ja' : 'nee',
    notes: company.notes,
    kboVanishedOn: company.kboVanishedOn,
  };
  return COMPANY_COLUMNS.map((column) => values[column.field] ?? '');
}

function contactRows(company: Company): string[][] {
  return (company.contacts ?? []).map((contact) => {
    const values: Record<string, string | undefined> = {
      companyId: company.id,
      companyName: company.name,
      enterpriseNumber: company.enterpriseNumber,
      establishmentNumber: company.establishmentNumber,
      id: contact.id,
      name: contact.name,
      function: contact.function,
      email: contact.email,
      phone: contact.phone,
      // `nieuwsbrief: 2026-03-01 (v2); activiteiten: …`: what was consented to, when, to which text.
      consents: contact.consents.map((consent) => `${CONSENT_LABELS[consent.topic] ?? consent.topic}: ${consent.givenOn} (${consent.textVersion})`).join('; '),
    };
    return CONTACT_COLUMNS.map((column) => values[column.field] ?? '');
  });
}

/** `bedrijven-c-valley-leuven-2026-03-01.csv`: ASCII only, so every browser keeps the name. */
export function exportFilename(kind: TransferKind, tenant: Pick<Tenant, 'name'>, park: Park | undefined, day: string): string {
  const slug = (value: string) => foldForSearch(value).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const parts = [kind === 'companies' ? 'bedrijven' : 'contactpersonen', slug(tenant.name), ...(park ? [slug(park.name)] : []), day];
  return `${parts.filter(Boolean).join('-')}.csv`;
}

export async function exportRegister(
  tenant: Pick<Tenant, 'id' | 'name'>,
  query: { kind: TransferKind; separator: CsvSeparator; parkId?: string },
  now: string,
): Promise<CsvExport> {
  const { parks, rows } = await readRegister(tenant.id, query.parkId);
  const lookup: Lookup = { parks: new Map(parks.map((park) => [park.id, park])) };
  const park = query.parkId ? lookup.parks.get(query.parkId) : undefined;
  if (query.parkId && !park) throw new HttpError(404, 'not_found');
  const companies = rows.map((row) => row.company);
  const [header, cells] = query.kind === 'companies'
    ? [COMPANY_COLUMNS.map((column) => column.header), companies.map((company) => companyCells(company, lookup))]
    : [CONTACT_COLUMNS.map((column) => column.header), companies.flatMap(contactRows)];
  const text = writeCsv(header, cells, query.separator);
  if (Buffer.byteLength(text, 'utf8') > MAX_EXPORT_BYTES) throw new HttpError(400, 'export_too_large');
  return { filename: exportFilename(query.kind, tenant, park, now.slice(0, 10)), text, rows: cells.length };
}
