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
import { ApiError, toApiError } from './api';
import { accessToken, signInAgain } from './auth.svelte';
import { currentLocale } from './i18n/index';

export type { CsvSeparator, ImportApplyResult, ImportIssue, ImportLine, ImportPreview, TransferKind };

/** The API's body limit for an import (4 MB, routes.ts), less room for the JSON around the file. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 - 1024;

type Options = { signal?: AbortSignal };

async function call(method: 'GET' | 'POST', path: string, body: unknown, options: Options): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let token: string | null = null;
  try {
    token = await accessToken();
  } catch {
    token = null; // the API answers 401, handled below
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal, credentials: 'same-origin',
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return response;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (response.status === 401 && !options.signal?.aborted) await signInAgain();
  throw toApiError(response, payload);
}

const base = (associationId: string) => `/tenants/${encodeURIComponent(associationId)}/companies`;

/** The file name the API proposes (`content-disposition`), or a plain one. */
function filenameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

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
  const response = await call('GET', `${base(associationId)}/export?${params}`, undefined, options);
  // Bytes, not text: the byte order mark that makes Excel read UTF-8 must stay in the file.
  const blob = new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' });
  const filename = filenameOf(response, `${query.kind}.csv`);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Let the browser start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
  return filename;
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
