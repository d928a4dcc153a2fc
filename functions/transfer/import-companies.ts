import { isUlid, type Company } from '../../shared/index';
import { same, setOrDelete, shorten, type CompanyChange, type Issue, type NewCompany, type PlanLine, type Row } from './import-types';
import { Register, findZone, registerKey } from './import-register';
import { COMPANY_PARSERS, parseCells } from './import-values';

/**
 * A companies file: each row becomes a new register row, an update of the row it matches (by id, else
 * establishment number, else enterprise number), or stays unchanged. Only the file's columns change anything.
 */

/** The fields a company import compares and writes (contacts, history and KBO marks are never touched). */
const COMPANY_IMPORT_FIELDS = [
  'name', 'parkId', 'zoneId', 'enterpriseNumber', 'establishmentNumber', 'juridicalForm', 'startDate', 'street', 'houseNumber', 'postalCode',
  'municipality', 'naceCode', 'sizeClass', 'website', 'email', 'phone', 'membershipStatus', 'founding', 'notes',
] as const;

/** `key`: the row's number after the import; `bringsKey`: the row gives a register row a number it did not have. */
type RowOutcome = { line: PlanLine; key: string | null; bringsKey: boolean; companyId?: string; change?: CompanyChange };

function planCompanyRow(row: Row, register: Register): RowOutcome {
  const issues: Issue[] = [];
  const values = parseCells(row, COMPANY_PARSERS, issues);
  const idCell = row.cells.get('id');
  const id = idCell?.value || undefined;
  if (idCell && id && !isUlid(id)) issues.push({ line: row.line, column: idCell.column, field: 'id', code: 'invalid_id', value: shorten(id) });

  const name = row.cells.get('name')?.value;
  const lineOf = (extra: Partial<PlanLine>): PlanLine => ({ line: row.line, status: 'error', ...(name ? { name } : {}), errors: issues, ...extra });
  const numberValue = (field: 'enterpriseNumber' | 'establishmentNumber') => (values.has(field) ? (values.get(field) as string | undefined) : undefined);

  const match = issues.some((issue) => issue.field === 'id' || issue.field === 'enterpriseNumber' || issue.field === 'establishmentNumber')
    ? {}
    : register.match(id, numberValue('establishmentNumber'), numberValue('enterpriseNumber'));
  if (match.code) {
    const column = match.code === 'csv_unknown_id' ? idCell?.column : row.cells.get('enterpriseNumber')?.column;
    issues.push({ line: row.line, ...(column ? { column } : {}), field: match.code === 'csv_unknown_id' ? 'id' : 'enterpriseNumber', code: match.code });
  }
  const before = match.row;

  // Park and zone, by name.
  let parkId = before?.company.parkId;
  const parkCell = row.cells.get('park');
  if (parkCell && parkCell.value !== '') {
    const park = register.park(parkCell.value);
    if (park) parkId = park.id;
    else {
      const names = register.snapshot.parks.map((p) => p.name).join(', ');
      issues.push({ line: row.line, column: parkCell.column, field: 'park', code: 'csv_unknown_park', params: { names }, value: shorten(parkCell.value) });
    }
  } else if (!before && register.snapshot.parks.length === 1) {
    parkId = register.snapshot.parks[0]!.id; // one park: nothing to choose
  } else if (!before && !issues.some((issue) => issue.field === 'park')) {
    issues.push({ line: row.line, ...(parkCell ? { column: parkCell.column } : {}), field: 'park', code: 'csv_park_required' });
  }
  let zoneId = before?.company.parkId === parkId ? before?.company.zoneId : undefined;
  const zoneCell = row.cells.get('zone');
  if (zoneCell) {
    zoneId = undefined;
    const park = parkId ? register.parksById.get(parkId) : undefined;
    if (zoneCell.value !== '' && park) {
      zoneId = findZone(park, zoneCell.value);
      if (!zoneId) issues.push({ line: row.line, column: zoneCell.column, field: 'zone', code: 'csv_unknown_zone', params: { park: park.name }, value: shorten(zoneCell.value) });
    }
  }

  if (!before && !values.get('name') && !issues.some((issue) => issue.field === 'name')) {
    issues.push({ line: row.line, ...(row.cells.get('name') ? { column: row.cells.get('name')!.column } : {}), field: 'name', code: 'required' });
  }
  if (before && row.cells.has('name') && values.has('name') && values.get('name') === undefined && !issues.some((issue) => issue.field === 'name')) {
    issues.push({ line: row.line, column: row.cells.get('name')!.column, field: 'name', code: 'required' });
  }
  if (issues.length > 0) return { line: lineOf(before ? { companyId: before.company.id, companyName: before.company.name } : {}), key: null, bringsKey: false };

  // The row's register row after the import: what it has, with the file's columns laid over it.
  const after: Record<string, unknown> = before ? { ...before.company } : { membershipStatus: 'prospect' };
  for (const [field, value] of values) setOrDelete(after, field, value);
  setOrDelete(after, 'parkId', parkId);
  setOrDelete(after, 'zoneId', zoneId);
  // Not founding is stored as absent, or as `false` where a form saved it so: either way it is no change.
  if (!after.founding) setOrDelete(after, 'founding', before?.company.founding === false ? false : undefined);
  const key = registerKey(after as Company);
  const bringsKey = key !== null && (!before || registerKey(before.company) !== key);

  if (!before) {
    const company = Object.fromEntries(COMPANY_IMPORT_FIELDS.flatMap((field) => (after[field] === undefined ? [] : [[field, after[field]]]))) as NewCompany;
    return { line: lineOf({ status: 'new', name: company.name, errors: [] }), key, bringsKey, change: { kind: 'create', lines: [row.line], company } };
  }
  const fields = COMPANY_IMPORT_FIELDS.filter((field) => !same(before.company[field], after[field]));
  const identity = { companyId: before.company.id, companyName: before.company.name, name: String(after.name) };
  if (fields.length === 0) return { line: lineOf({ status: 'unchanged', ...identity, errors: [] }), key, bringsKey, companyId: before.company.id };
  // memberSince follows the status when the change is built (functions/companies/changes.ts).
  return {
    line: lineOf({ status: 'update', ...identity, fields, errors: [] }),
    key,
    bringsKey,
    companyId: before.company.id,
    change: { kind: 'update', lines: [row.line], before, after: after as Company, fields },
  };
}

/**
 * Duplicates in the register as the import would leave it: two rows of the file for one register row, or two
 * register rows with the same number (establishment number, or enterprise number when neither has one). The row
 * that brings a number in is the one at fault: a new row, or an update whose number changes; of two such rows
 * in the file, the later one.
 */
function checkCompanyDuplicates(outcomes: RowOutcome[], register: Register) {
  const valid = () => outcomes.filter((outcome) => outcome.line.status !== 'error');
  const fail = (outcome: RowOutcome, code: string, params: Issue['params'], field?: string) => {
    outcome.line.errors.push({ line: outcome.line.line, ...(field ? { field } : {}), code, params });
    outcome.line.status = 'error';
    outcome.change = undefined;
  };

  const firstLineOfCompany = new Map<string, number>();
  for (const outcome of valid()) {
    if (!outcome.companyId) continue;
    const first = firstLineOfCompany.get(outcome.companyId);
    if (first !== undefined) fail(outcome, 'csv_duplicate_in_file', { line: first });
    else firstLineOfCompany.set(outcome.companyId, outcome.line.line);
  }

  const rows = valid();
  const touched = new Set(rows.flatMap((outcome) => (outcome.companyId ? [outcome.companyId] : [])));
  const keepers = new Map<string, string>(); // number → name of a register row that keeps it
  for (const row of register.snapshot.rows) {
    const key = registerKey(row.company);
    if (key && !touched.has(row.company.id)) keepers.set(key, row.company.name);
  }
  for (const outcome of rows) if (outcome.key && !outcome.bringsKey) keepers.set(outcome.key, outcome.line.companyName ?? outcome.line.name ?? '');
  const firstBringer = new Map<string, number>();
  for (const outcome of rows) {
    if (!outcome.key || !outcome.bringsKey) continue;
    const field = outcome.key.startsWith('E:') ? 'establishmentNumber' : 'enterpriseNumber';
    const keeper = keepers.get(outcome.key);
    const first = firstBringer.get(outcome.key);
    if (keeper !== undefined) fail(outcome, 'csv_duplicate_in_register', { name: keeper }, field);
    else if (first !== undefined) fail(outcome, 'csv_duplicate_in_file', { line: first }, field);
    else firstBringer.set(outcome.key, outcome.line.line);
  }
}

export function planCompanies(rows: Row[], register: Register): { lines: PlanLine[]; changes: CompanyChange[] } {
  const outcomes = rows.map((row) => planCompanyRow(row, register));
  checkCompanyDuplicates(outcomes, register);
  return { lines: outcomes.map((outcome) => outcome.line), changes: outcomes.flatMap((outcome) => (outcome.change ? [outcome.change] : [])) };
}
