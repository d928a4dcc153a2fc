/**
 * The API calls of the CBE/KBO import (`/api/tenants/{id}/parks/{parkId}/kbo/*`). Kept apart from api.ts, but the
 * same rules: bearer token, Accept-Language, errors as {@link ApiError} (403 → ForbiddenError), 401 signs in again.
 */
import type { z } from 'zod';
import type { KboCandidate } from '../../../shared/kbo/index';
import type { kboApplyRequestSchema, kboApplyResultSchema, KboPreview } from '../../../shared/schemas/kbo-import';
import { ApiError, api, toApiError } from './api';
import { accessToken, signInAgain } from './auth.svelte';
import { currentLocale } from './i18n/index';

export type { KboCandidate, KboPreview };
export type KboApplyRequest = z.input<typeof kboApplyRequestSchema>;
export type KboApplyResult = z.infer<typeof kboApplyResultSchema>;
export type KboExpectation = KboApplyRequest['expect'];

/** The API takes at most this many candidates per request (shared/schemas/kbo-import.ts, MAX_KBO_CANDIDATES). */
export const MAX_KBO_CANDIDATES = 5000;

type Options = { signal?: AbortSignal };

async function post<T>(path: string, body: unknown, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale(), 'Content-Type': 'application/json' };
  let token: string | null = null;
  try {
    token = await accessToken();
  } catch {
    token = null; // the API answers 401, handled below
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: options.signal, credentials: 'same-origin' });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (response.ok) return payload as T;
  if (response.status === 401 && !options.signal?.aborted) await signInAgain();
  throw toApiError(response, payload);
}

const parkPath = (associationId: string, parkId: string) => `/tenants/${encodeURIComponent(associationId)}/parks/${encodeURIComponent(parkId)}/kbo`;

/** What importing these candidates would add, change and mark as vanished (nothing is written). */
export function previewKboImport(associationId: string, parkId: string, input: { snapshotDate?: string; candidates: KboCandidate[] }, options?: Options) {
  return post<KboPreview>(`${parkPath(associationId, parkId)}/preview`, input, options);
}

/**
 * Applies the import as previewed. 409 `import_stale` when the register changed since the preview: nothing was
 * written, preview again.
 */
export function applyKboImport(associationId: string, parkId: string, input: KboApplyRequest, options?: Options) {
  return post<KboApplyResult>(`${parkPath(associationId, parkId)}/apply`, input, options);
}

/**
 * What the apply call expects, from a preview: the numbers of the added rows and the current version of each
 * changed and vanished company (read now, so a change made after this moment makes the import stale).
 */
export async function expectationFor(associationId: string, preview: KboPreview, options?: Options): Promise<KboExpectation> {
  const ids = [...new Set([...preview.changed.map((row) => row.companyId), ...preview.vanished.map((row) => row.companyId)])];
  const versions = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      versions.set(id, (await api.getCompany(associationId, id, options)).version);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, ids.length) }, worker));
  return {
    added: preview.added.map((row) => row.establishmentNumber ?? row.enterpriseNumber),
    changed: preview.changed.map((row) => ({ companyId: row.companyId, version: versions.get(row.companyId)! })),
    vanished: preview.vanished.map((row) => ({ companyId: row.companyId, version: versions.get(row.companyId)! })),
  };
}
