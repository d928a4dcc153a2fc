/**
 * The API calls of the register's CSV import and export (`/api/tenants/{id}/companies/export|import/*`). Kept apart
 * from api.ts, with the same rules: bearer token, Accept-Language, errors as {@link ApiError} (403 →
 * ForbiddenError), a 401 signs in again. The export is a file: fetched with the token, saved through a Blob link.
 */
import type {
  CsvSeparator,
  ImportApplyResult,
  ImportIssue,
  ImportLine,
  ImportPreview,
  TransferKind,
} from '../../../shared/schemas/transfer';
import { downloadFile, rawRequest, type RawOptions } from './raw-api';

export type { CsvSeparator, ImportApplyResult, ImportIssue, ImportLine, ImportPreview, TransferKind };

/** The API's body limit for an import (4 MB, routes.ts), less room for the JSON around the file. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 - 1024;

type Options = RawOptions;
const call = rawRequest;

const base = (associationId: string) => `/tenants/${encodeURIComponent(associationId)}/companies`;

/**
 * Downloads the register as CSV: fetched with the signed-in person's token (a plain link could not carry it), then
 * handed to the browser as a file through a temporary Blob link. Answers the file's name.
 */
export async function downloadExport(
  associationId: string,
  query: { kind: TransferKind; separator: CsvSeparator; parkId?: string },
  options: Options = {},
): Promise<string> {
  const params = new URLSearchParams({ kind: query.kind, separator: query.separator, ...(query.parkId ? { parkId: query.parkId } : {}) });
  return downloadFile(`${base(associationId)}/export?${params}`, `${query.kind}.csv`, 'text/csv;charset=utf-8', options);
}

/** What importing the file would do, line by line; `kind` omitted: the API tells from the header row. Writes nothing. */
export async function previewImport(associationId: string, input: { kind?: TransferKind; csv: string }, options: Options = {}): Promise<ImportPreview> {
  return (await call('POST', `${base(associationId)}/import/preview`, input, options)).json() as Promise<ImportPreview>;
}

/**
 * Imports a previewed file. 400 `import_has_errors`; 409 `import_stale` (the file or the register changed since the
 * preview: preview again); 413 `import_too_large`. In every failure nothing was written.
 */
export async function applyImport(associationId: string, input: { kind: TransferKind; csv: string; fingerprint: string }, options: Options = {}): Promise<ImportApplyResult> {
  return (await call('POST', `${base(associationId)}/import/apply`, input, options)).json() as Promise<ImportApplyResult>;
}

/**
 * A file's bytes as text: UTF-8 when they are (Excel's "CSV UTF-8"), else Windows-1252, what Excel's plain
 * "CSV" writes on a Belgian Windows. `fallback` tells the page to say so.
 */
export function decodeCsv(bytes: ArrayBuffer): { text: string; fallback: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), fallback: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), fallback: true };
  }
}
