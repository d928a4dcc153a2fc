import { MAX_IMPORT_ROWS, type CsvSeparator, type TransferKind } from '../../shared/index';
import { columnsOf, detectKind, looksLikeKboFile, mapHeaders, type MappedColumn } from './columns';
import { readCsv, unprotectCell, type CsvRow } from './csv-text';
import type { Issue, Row } from './import-types';

/**
 * The file as the import sees it: its kind (asked for, or told from the header row), its columns, its data rows,
 * and what is wrong with the file as a whole (wrong kind, missing or repeated columns) or with a row's shape
 * (unreadable, wrong number of values).
 */

export type ReadResult = { kind: TransferKind; separator: CsvSeparator; mapped: MappedColumn[]; rows: Row[]; fileErrors: Issue[]; lineErrors: Issue[] };

/** Looks like a binary file (a spreadsheet saved as .xlsx, a zip): not worth reading as CSV. */
const isBinary = (text: string) => text.startsWith('PK\u0003\u0004') || text.slice(0, 4096).includes('\u0000');

export function readFile(csv: string, requested: TransferKind | undefined): ReadResult {
  const empty = (kind: TransferKind, code: string, params?: Issue['params'], separator: CsvSeparator = 'comma'): ReadResult => ({
    kind, separator, mapped: [], rows: [], fileErrors: [{ line: 1, code, ...(params ? { params } : {}) }], lineErrors: [],
  });
  if (isBinary(csv)) return empty(requested ?? 'companies', 'csv_not_text');
  const table = readCsv(csv);
  if (table.header.length === 0) return empty(requested ?? 'companies', 'csv_empty', undefined, table.separator);
  const line = table.headerLine;
  if (looksLikeKboFile(table.header)) return empty(requested ?? 'companies', 'csv_kbo_file', undefined, table.separator);
  const detected = detectKind(table.header);
  const kind = requested ?? detected;
  if (!kind) return empty('companies', 'csv_unknown_columns', undefined, table.separator);
  if (requested && detected && detected !== requested) {
    return empty(requested, detected === 'contacts' ? 'csv_contacts_file' : 'csv_companies_file', undefined, table.separator);
  }

  const mapped = mapHeaders(table.header, kind);
  const fileErrors: Issue[] = [];
  if (mapped.every((column) => !column.definition)) fileErrors.push({ line, code: 'csv_unknown_columns' });
  for (const column of mapped) {
    if (column.duplicateOf !== undefined) fileErrors.push({ line, column: column.header, code: 'csv_duplicate_column', params: { column: column.header } });
  }
  const has = (field: string) => mapped.some((column) => column.definition?.field === field);
  const headerOf = (field: string) => columnsOf(kind).find((definition) => definition.field === field)!.header;
  if (kind === 'companies' && !has('name') && !has('id') && !has('enterpriseNumber') && !has('establishmentNumber')) {
    fileErrors.push({ line, code: 'csv_missing_column', params: { column: headerOf('name') } });
  }
  if (kind === 'contacts') {
    if (!has('name') && !has('email')) fileErrors.push({ line, code: 'csv_missing_column', params: { column: `${headerOf('name')} / ${headerOf('email')}` } });
    if (!has('companyId') && !has('enterpriseNumber') && !has('establishmentNumber')) {
      fileErrors.push({ line, code: 'csv_missing_column', params: { column: `${headerOf('companyId')} / ${headerOf('establishmentNumber')} / ${headerOf('enterpriseNumber')}` } });
    }
  }
  if (table.rows.length + table.broken.length > MAX_IMPORT_ROWS) fileErrors.push({ line, code: 'csv_too_many_rows', params: { max: MAX_IMPORT_ROWS } });
  if (table.gaveUp) fileErrors.push({ line: table.broken.at(-1)!.line, code: 'csv_too_broken', params: { line: table.broken.at(-1)!.line } });

  const lineErrors: Issue[] = table.broken.map((broken) => ({ line: broken.line, code: broken.code }));
  const width = table.header.length;
  const rows: Row[] = [];
  for (const row of table.rows) {
    const extra = row.cells.slice(width).some((cell) => cell.trim() !== '');
    if (row.cells.length < width || extra) {
      const found = extra ? row.cells.length : row.cells.length;
      lineErrors.push({ line: row.line, code: 'csv_column_count', params: { found, expected: width } });
      continue;
    }
    rows.push({ line: row.line, cells: cellsOf(row, mapped) });
  }
  return { kind, separator: table.separator, mapped, rows, fileErrors, lineErrors };
}

function cellsOf(row: CsvRow, mapped: MappedColumn[]): Row['cells'] {
  const cells: Row['cells'] = new Map();
  for (const column of mapped) {
    if (!column.definition?.importable || column.duplicateOf !== undefined) continue;
    cells.set(column.definition.field, { value: unprotectCell((row.cells[column.index] ?? '').trim()), column: column.header });
  }
  return cells;
}
