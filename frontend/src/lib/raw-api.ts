/**
 * Raw requests (files, and the API modules kept apart from api.ts) and saving a file from the API. A plain `<a href download>` cannot
 * carry the bearer token, so files are fetched with it and handed to the browser through a temporary Blob link.
 * Same rules as api.ts: Accept-Language, errors as {@link ApiError} (403 → ForbiddenError), a 401 signs in again.
 */
import { ApiError, toApiError } from './api';
import { accessToken, signInAgain } from './auth.svelte';
import { currentLocale } from './i18n/index';

export type RawOptions = { signal?: AbortSignal };

/** The raw response of an API call (path below `/api`); throws an {@link ApiError} for every failed status. */
export async function rawRequest(method: string, path: string, body: unknown, options: RawOptions = {}): Promise<Response> {
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

/** The file name the API proposes (`content-disposition`), or a plain one. */
function filenameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Fetches a file from the API with the signed-in person's token and saves it. Answers the file's name. */
export async function downloadFile(path: string, fallbackName: string, type: string, options: RawOptions = {}): Promise<string> {
  const response = await rawRequest('GET', path, undefined, options);
  // Bytes, not text: a byte order mark (that makes Excel read UTF-8) must stay in the file.
  const blob = new Blob([await response.arrayBuffer()], { type });
  const filename = filenameOf(response, fallbackName);
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
