import { createHash } from 'node:crypto';
import type { CsvSeparator, TransferKind } from '../../shared/index';
import { planCompanies } from './import-companies';
import { planContacts } from './import-contacts';
import { readFile } from './import-read';
import { Register } from './import-register';
import type { CompanyChange, Issue, PlanLine } from './import-types';
import type { RegisterSnapshot } from './register';

export type { CompanyChange, Issue, NewCompany, PlanLine } from './import-types';

/**
 * The import's plan: what each line of a CSV file would do to the register (new, update, unchanged) or why it
 * cannot (errors per line and field), computed from the file and a snapshot of the register. Pure: the preview
 * shows it, the apply recomputes it and writes it only if its fingerprint is still the one the user confirmed.
 */
export type ImportPlan = {
  kind: TransferKind;
  separator: CsvSeparator;
  columns: { header: string; field: string | null; readOnly?: boolean }[];
  fileErrors: Issue[];
  lines: PlanLine[];
  changes: CompanyChange[];
  fingerprint: string;
};

/** A digest of what the import would write and against which versions: the same file and register give the same. */
function fingerprintOf(kind: TransferKind, lines: PlanLine[], changes: CompanyChange[], fileErrors: Issue[]): string {
  const canonical = {
    kind,
    fileErrors: fileErrors.map((issue) => issue.code),
    lines: lines.map((line) => [line.line, line.status, line.companyId ?? null, line.contactId ?? null, line.errors.map((issue) => issue.code)]),
    changes: changes.map((change) =>
      change.kind === 'create'
        ? ['create', change.company]
        : ['update', change.before.company.id, change.before.company.version, { ...change.after, version: undefined, updatedAt: undefined }],
    ),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

export function planImport(csv: string, requested: TransferKind | undefined, snapshot: RegisterSnapshot): ImportPlan {
  const read = readFile(csv, requested);
  const columns = read.mapped.map((column) => ({
    header: column.header,
    field: column.duplicateOf === undefined ? (column.definition?.field ?? null) : null,
    ...(column.definition && !column.definition.importable ? { readOnly: true } : {}),
  }));
  const register = new Register(snapshot);
  const planned = read.fileErrors.length > 0
    ? { lines: [], changes: [] }
    : read.kind === 'companies'
      ? planCompanies(read.rows, register)
      : planContacts(read.rows, register);
  const broken = read.fileErrors.length > 0 ? [] : read.lineErrors.map((issue): PlanLine => ({ line: issue.line, status: 'error', errors: [issue] }));
  const lines = [...planned.lines, ...broken].sort((a, b) => a.line - b.line);
  const changes = lines.some((line) => line.status === 'error') ? [] : planned.changes;
  return {
    kind: read.kind,
    separator: read.separator,
    columns,
    fileErrors: read.fileErrors,
    lines,
    changes,
    fingerprint: fingerprintOf(read.kind, lines, planned.changes, read.fileErrors),
  };
}
