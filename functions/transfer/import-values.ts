import { companyFieldsSchema, contactInputSchema } from '../../shared/index';
import { isKnownNaceCode, naceDivisionOf } from '../../shared/nace';
import { parseDate, parseSizeClass, parseStatus, parseYesNo } from './columns';
import { shorten, type Issue, type Row } from './import-types';

/**
 * A cell's text as a register value, checked with the API's own schemas (so a CSV value passes or fails exactly
 * like a form value), after undoing what spreadsheets do to values: decimal commas, dropped leading zeros, dates
 * rewritten day first, web addresses without https://.
 */

/** Fields whose empty cell keeps what the register has (they cannot be empty); any other empty cell clears. */
const KEEP_WHEN_EMPTY = new Set(['park', 'membershipStatus']);

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; code: string; params?: Issue['params'] };

/** Runs one field of the API's own company schema, so a CSV value is checked exactly like a form value. */
function bySchema(schema: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }, value: string): Parsed<string> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data as string };
  return { ok: false, code: result.error?.issues[0]?.message ?? 'invalid' };
}

const companyShape = companyFieldsSchema.shape;
const contactShape = contactInputSchema.shape;

/** Excel shows `0123456749` as a number and drops the leading zero: nine digits get it back. */
function restoreLeadingZero(value: string): string {
  const digits = value.replace(/[\s.]/g, '');
  return /^\d{9}$/.test(digits) ? `0${digits}` : value;
}

/**
 * A NACE code as a spreadsheet may have rewritten it: `25,62` (decimal comma), `1.11` (leading zero dropped).
 * Its format must be the register's, its division a NACE-BEL division.
 */
function parseNace(value: string): Parsed<string> {
  let code = value.replace(',', '.');
  if (/^\d(\.\d{1,3})?$/.test(code)) code = `0${code}`;
  if (!/^\d{2}(\.\d{1,3})?$/.test(code)) return { ok: false, code: 'invalid_nace' };
  if (!isKnownNaceCode(code)) return { ok: false, code: 'csv_unknown_nace', params: { division: naceDivisionOf(code) ?? code.slice(0, 2) } };
  return { ok: true, value: code };
}

function parseWebsite(value: string): Parsed<string> {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  return bySchema(companyShape.website, withScheme);
}

type FieldParser = (value: string) => Parsed<unknown>;

const text = (field: 'name' | 'juridicalForm' | 'street' | 'houseNumber' | 'municipality' | 'notes' | 'postalCode' | 'email' | 'phone'): FieldParser => (value) => bySchema(companyShape[field], value);

export const COMPANY_PARSERS: Record<string, FieldParser> = {
  name: text('name'),
  enterpriseNumber: (value) => bySchema(companyShape.enterpriseNumber, restoreLeadingZero(value)),
  establishmentNumber: (value) => bySchema(companyShape.establishmentNumber, value),
  juridicalForm: text('juridicalForm'),
  startDate: (value) => {
    const date = parseDate(value);
    return date ? { ok: true, value: date } : { ok: false, code: 'invalid_date' };
  },
  street: text('street'),
  houseNumber: text('houseNumber'),
  postalCode: text('postalCode'),
  municipality: text('municipality'),
  naceCode: parseNace,
  sizeClass: (value) => {
    const size = parseSizeClass(value);
    return size ? { ok: true, value: size } : { ok: false, code: 'csv_invalid_size_class' };
  },
  website: parseWebsite,
  email: text('email'),
  phone: text('phone'),
  membershipStatus: (value) => {
    const status = parseStatus(value);
    return status ? { ok: true, value: status } : { ok: false, code: 'csv_invalid_status' };
  },
  founding: (value) => {
    const yes = parseYesNo(value);
    return yes === undefined ? { ok: false, code: 'csv_invalid_yes_no' } : { ok: true, value: yes };
  },
  notes: text('notes'),
};

export const CONTACT_PARSERS: Record<string, FieldParser> = {
  name: (value) => bySchema(contactShape.name, value),
  function: (value) => bySchema(contactShape.function, value),
  email: (value) => bySchema(contactShape.email, value),
  phone: (value) => bySchema(contactShape.phone, value),
};

/** Parses the cells a row carries; an empty cell is `undefined` (clears the field), absent columns are not in the map. */
export function parseCells(row: Row, parsers: Record<string, FieldParser>, issues: Issue[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [field, parse] of Object.entries(parsers)) {
    const cell = row.cells.get(field);
    if (!cell) continue;
    if (cell.value === '') {
      if (!KEEP_WHEN_EMPTY.has(field)) values.set(field, undefined);
      continue;
    }
    const parsed = parse(cell.value);
    if (parsed.ok) values.set(field, parsed.value);
    else issues.push({ line: row.line, column: cell.column, field, code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}), value: shorten(cell.value) });
  }
  return values;
}
