import { foldForSearch, type MembershipStatus, type SizeClass, type TransferKind } from '../../shared/index';

/**
 * The columns of the register's CSV files. Headers are written in Dutch; on import they are matched
 * case-insensitively, without accents, spaces or punctuation, in Dutch or English ("E-mail", "email", "E mail").
 * A column may be export-only (`importable: false`): an exported file re-imports without complaint, but such a
 * column never changes anything (the NACE description follows from the code, consents are only ever given by the
 * person, never by a spreadsheet).
 */
export type ColumnDefinition = {
  /** The field it maps to; `id` is the register row's machine id that lets an exported file re-import as updates. */
  field: string;
  /** The Dutch header written on export. */
  header: string;
  /** Further headers accepted on import (English, common variants). */
  aliases: readonly string[];
  importable: boolean;
};

const column = (field: string, header: string, aliases: string[], importable = true): ColumnDefinition => ({ field, header, aliases, importable });

export const COMPANY_COLUMNS: readonly ColumnDefinition[] = [
  column('id', 'id', ['company id', 'bedrijf-id', 'bedrijfsid']),
  column('name', 'naam', ['name', 'bedrijfsnaam', 'company name', 'company', 'bedrijf']),
  column('enterpriseNumber', 'ondernemingsnummer', ['enterprise number', 'kbo-nummer', 'kbo nummer', 'kbo', 'cbe number', 'ondernemingsnr']),
  column('establishmentNumber', 'vestigingsnummer', ['establishment number', 'vestigingseenheid', 'vestigingsnr', 'establishment unit number']),
  column('juridicalForm', 'rechtsvorm', ['juridical form', 'legal form']),
  column('startDate', 'startdatum', ['start date', 'begindatum']),
  column('park', 'bedrijventerrein', ['park', 'business park', 'terrein']),
  column('zone', 'zone', ['subzone', 'zone name']),
  column('street', 'straat', ['street']),
  column('houseNumber', 'huisnummer', ['house number', 'nummer', 'nr']),
  column('postalCode', 'postcode', ['postal code', 'zip', 'zipcode', 'zip code']),
  column('municipality', 'gemeente', ['municipality', 'city', 'plaats', 'stad']),
  column('naceCode', 'nace-code', ['nace', 'nace code', 'activity code', 'sector code']),
  column('naceLabel', 'nace-omschrijving', ['nace description', 'nace label', 'sector', 'activiteit', 'activity'], false),
  column('sizeClass', 'grootteklasse', ['size class', 'size', 'grootte']),
  column('website', 'website', ['web', 'url', 'webadres', 'site']),
  column('email', 'e-mail', ['email', 'mail', 'e-mailadres', 'email address']),
  column('phone', 'telefoon', ['phone', 'telefoonnummer', 'tel', 'phone number']),
  column('membershipStatus', 'lidmaatschap', ['membership status', 'membership', 'status', 'lidmaatschapsstatus']),
  column('memberSince', 'lid sinds', ['member since'], false),
  column('founding', 'stichtend lid', ['founding member', 'founding', 'stichtend']),
  column('notes', 'notities', ['notes', 'opmerkingen', 'notitie', 'remarks']),
  column('kboVanishedOn', 'niet meer in KBO sinds', ['not in cbe since', 'vanished on'], false),
];

export const CONTACT_COLUMNS: readonly ColumnDefinition[] = [
  column('companyId', 'bedrijf-id', ['company id', 'bedrijfsid']),
  column('companyName', 'bedrijf', ['company', 'company name', 'bedrijfsnaam'], false),
  column('enterpriseNumber', 'ondernemingsnummer', ['enterprise number', 'kbo-nummer', 'kbo nummer', 'kbo', 'cbe number']),
  column('establishmentNumber', 'vestigingsnummer', ['establishment number', 'vestigingseenheid']),
  column('id', 'contact-id', ['contact id', 'contactid', 'id']),
  column('name', 'naam', ['name', 'contactpersoon', 'contact name', 'contact person']),
  column('function', 'functie', ['function', 'role', 'job title', 'rol']),
  column('email', 'e-mail', ['email', 'mail', 'e-mailadres', 'email address']),
  column('phone', 'telefoon', ['phone', 'telefoonnummer', 'tel', 'gsm', 'phone number']),
  column('consents', 'toestemmingen', ['consents', 'toestemming', 'consent'], false),
];

export const columnsOf = (kind: TransferKind) => (kind === 'companies' ? COMPANY_COLUMNS : CONTACT_COLUMNS);

/** "E-mail ", "e_mail", "E-MAIL" and "email" all become "email"; "Lid sinds" becomes "lidsinds". */
export function normaliseHeader(header: string): string {
  return foldForSearch(header).replace(/[^a-z0-9]/g, '');
}

const lookup = (columns: readonly ColumnDefinition[]) => {
  const byName = new Map<string, ColumnDefinition>();
  for (const definition of columns) {
    for (const name of [definition.header, definition.field, ...definition.aliases]) {
      const key = normaliseHeader(name);
      if (!byName.has(key)) byName.set(key, definition);
    }
  }
  return byName;
};
const LOOKUP: Record<TransferKind, Map<string, ColumnDefinition>> = { companies: lookup(COMPANY_COLUMNS), contacts: lookup(CONTACT_COLUMNS) };

export type MappedColumn = { index: number; header: string; definition: ColumnDefinition | null; duplicateOf?: number };

/** Which field each header of the file fills (null: not a column of this kind, ignored). */
export function mapHeaders(headers: readonly string[], kind: TransferKind): MappedColumn[] {
  const seen = new Map<string, number>();
  return headers.map((header, index) => {
    const definition = LOOKUP[kind].get(normaliseHeader(header)) ?? null;
    if (!definition) return { index, header, definition };
    const first = seen.get(definition.field);
    if (first !== undefined) return { index, header, definition, duplicateOf: first };
    seen.set(definition.field, index);
    return { index, header, definition };
  });
}

/** Headers of the CBE/KBO open-data files (enterprise.csv, address.csv …): someone picked the wrong import. */
const KBO_HEADERS = new Set(
  ['EnterpriseNumber', 'EntityNumber', 'EstablishmentNumber', 'TypeOfDenomination', 'Denomination', 'TypeOfAddress', 'JuridicalForm', 'JuridicalSituation', 'NaceCode', 'NaceVersion', 'ActivityGroup', 'Classification', 'ContactType', 'EntityContact', 'Zipcode', 'MunicipalityNL', 'StreetNL', 'Variable', 'Value', 'Code', 'Category', 'Language', 'Description', 'TypeOfEnterprise', 'StartDate', 'Status']
    .map(normaliseHeader),
);
const KBO_MARKERS = ['entitynumber', 'typeofdenomination', 'typeofaddress', 'naceversion', 'activitygroup', 'contacttype', 'entitycontact', 'juridicalsituation', 'typeofenterprise', 'municipalitynl', 'streetnl'];

export function looksLikeKboFile(headers: readonly string[]): boolean {
  const names = headers.map(normaliseHeader);
  if (names.some((name) => KBO_MARKERS.includes(name))) return true;
  // meta.csv (Variable, Value) or code.csv (Category, Code, Language, Description): KBO headers and nothing else.
  return names.length >= 2 && names.every((name) => KBO_HEADERS.has(name)) && !names.includes('naam');
}

/** Fields only one kind of file has: they tell a contacts file from a companies file. */
const ONLY_COMPANIES = ['park', 'zone', 'membershipStatus', 'founding', 'naceCode', 'naceLabel', 'street', 'postalCode', 'municipality', 'sizeClass', 'juridicalForm', 'website', 'notes'];
const ONLY_CONTACTS = ['companyId', 'companyName', 'function', 'consents'];

/** The kind a header row belongs to; null when it is neither (or both equally). */
export function detectKind(headers: readonly string[]): TransferKind | null {
  const fields = (kind: TransferKind) => new Set(mapHeaders(headers, kind).flatMap((column) => (column.definition ? [column.definition.field] : [])));
  const companies = [...fields('companies')].filter((field) => ONLY_COMPANIES.includes(field)).length;
  const contactFields = fields('contacts');
  // "id" means a company in a companies file; in a contacts file the contact's id is "contact-id".
  const contacts = [...contactFields].filter((field) => ONLY_CONTACTS.includes(field)).length + (headers.some((h) => normaliseHeader(h) === 'contactid') ? 1 : 0);
  if (companies > contacts) return 'companies';
  if (contacts > companies) return 'contacts';
  if (companies === 0 && fields('companies').has('name')) return 'companies';
  return null;
}

// ---- values: how the register's codes are written for people, and read back ----

export const STATUS_LABELS: Record<MembershipStatus, string> = {
  prospect: 'prospect',
  interested: 'geïnteresseerd',
  member: 'lid',
  former_member: 'voormalig lid',
};
const STATUS_ALIASES: Record<string, MembershipStatus> = {
  prospect: 'prospect', 'potentieel lid': 'prospect', kandidaat: 'prospect', 'geen lid': 'prospect', 'niet lid': 'prospect',
  interested: 'interested', geinteresseerd: 'interested', 'geinteresseerde': 'interested',
  member: 'member', lid: 'member', leden: 'member',
  'former member': 'former_member', former_member: 'former_member', 'voormalig lid': 'former_member', 'ex-lid': 'former_member', 'oud-lid': 'former_member', 'gewezen lid': 'former_member',
};

export const SIZE_LABELS: Record<SizeClass, string> = { micro: 'micro', small: 'klein', medium: 'middelgroot', large: 'groot' };
const SIZE_ALIASES: Record<string, SizeClass> = {
  micro: 'micro', 'zeer klein': 'micro', small: 'small', klein: 'small', medium: 'medium', middelgroot: 'medium', middel: 'medium', large: 'large', groot: 'large',
};

const fold = (value: string) => foldForSearch(value).replace(/_/g, ' ');

export function parseStatus(value: string): MembershipStatus | undefined {
  return STATUS_ALIASES[fold(value)] ?? STATUS_ALIASES[fold(value).replace(/\s/g, '_')];
}

export function parseSizeClass(value: string): SizeClass | undefined {
  return SIZE_ALIASES[fold(value)];
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'waar', 'wel']);
const NO = new Set(['nee', 'n', 'no', '0', 'false', 'onwaar', 'neen', 'niet']);

export function parseYesNo(value: string): boolean | undefined {
  const folded = fold(value);
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return undefined;
}

/**
 * A date as a spreadsheet may have rewritten it: ISO `2026-03-01`, or day first `1/03/2026`, `01-03-2026`,
 * `1.3.2026` (Belgian settings). Answers `YYYY-MM-DD`, or undefined for anything else or an impossible day.
 */
export function parseDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!year || !month || !day) return undefined;
  const text = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : text;
}
