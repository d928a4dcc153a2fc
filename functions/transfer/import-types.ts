import type { Company } from '../../shared/index';
import type { RegisterRow } from './register';

/** The shapes the import's modules share: issues per line and field, the lines' outcomes, the writes planned. */

export type Issue = { line: number; column?: string; field?: string; code: string; params?: Record<string, string | number>; value?: string };

export type PlanLine = {
  line: number;
  status: 'new' | 'update' | 'unchanged' | 'error';
  name?: string;
  companyId?: string;
  companyName?: string;
  contactId?: string;
  fields?: string[];
  errors: Issue[];
};

/** A company to create; the apply gives it its id and timestamps. */
export type NewCompany = Omit<Company, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'memberSince'>;

/** One register row to write: a new company, or a changed one (its fields, or for contacts its contact list). */
export type CompanyChange =
  | { kind: 'create'; lines: number[]; company: NewCompany }
  | { kind: 'update'; lines: number[]; before: RegisterRow; after: Company; fields: string[] };

/** A data row of the file: the importable cells by field, each with the header of its column. */
export type Row = { line: number; cells: Map<string, { value: string; column: string }> };

const VALUE_PREVIEW = 80;
/** An offending value as a preview shows it. */
export const shorten = (value: string) => (value.length > VALUE_PREVIEW ? `${value.slice(0, VALUE_PREVIEW - 1)}…` : value);

/** Equal as stored values (absent and undefined alike). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Sets a field, or removes it for `undefined` (an emptied cell clears the field). */
export function setOrDelete<T extends object>(target: T, field: string, value: unknown) {
  const record = target as Record<string, unknown>;
  if (value === undefined) delete record[field];
  else record[field] = value;
}
