/**
 * The API calls of the people page (`/api/tenants/{id}/people…`). Kept apart from lib/api.ts, with the same rules:
 * bearer token, Accept-Language, errors as {@link ApiError} (403 → ForbiddenError), 401 signs in again.
 */
import type { z } from 'zod';
import type {
  BoardMember,
  ContactDetails,
  ParkManager,
  People,
  WorkingGroup,
  WorkingGroupMember,
  boardMemberInputSchema,
  parkManagerInputSchema,
  workingGroupInputSchema,
} from '../../../../../../shared/schemas/people';
import { ApiError, toApiError } from '#lib/api.ts';
import { accessToken, signInAgain } from '#lib/auth.svelte.ts';
import { currentLocale } from '#lib/i18n/index.ts';

export type { BoardMember, ContactDetails, ParkManager, People, WorkingGroup, WorkingGroupMember };
export type BoardMemberInput = z.input<typeof boardMemberInputSchema>;
export type ParkManagerInput = z.input<typeof parkManagerInputSchema>;
export type WorkingGroupInput = z.input<typeof workingGroupInputSchema>;
export type BoardFunction = BoardMember['function'];
export type WorkingGroupTheme = WorkingGroup['theme'];

/** In the order the selects offer them (mirrors the enums in shared/schemas/people.ts, checked below). */
export const BOARD_FUNCTIONS = ['chair', 'vice_chair', 'secretary', 'treasurer', 'member'] as const;
export const WORKING_GROUP_THEMES = ['mobility', 'safety', 'personnel', 'communication', 'environment', 'energy', 'other'] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const functionsMatch: Same<(typeof BOARD_FUNCTIONS)[number], BoardFunction> = true;
const themesMatch: Same<(typeof WORKING_GROUP_THEMES)[number], WorkingGroupTheme> = true;
void functionsMatch;
void themesMatch;

type Options = { signal?: AbortSignal; idempotencyKey?: string };

async function request<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
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
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
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

const base = (associationId: string) => `/tenants/${encodeURIComponent(associationId)}/people`;
const one = (associationId: string, kind: string, id: string) => `${base(associationId)}/${kind}/${encodeURIComponent(id)}`;
const withVersion = (path: string, version: number) => `${path}?version=${version}`;

export const peopleApi = {
  /** Board, park managers and working groups; e-mail and phone only as far as the caller may see them. */
  list: (associationId: string, options?: Options) => request<People>('GET', base(associationId), undefined, options),

  /** 400 `duplicate_chair` at `function`, `end_before_start` at `termEnd`, `unknown_company` at `companyId`. */
  createBoardMember: (associationId: string, input: BoardMemberInput, options?: Options) =>
    request<BoardMember>('POST', `${base(associationId)}/board`, input, options),
  /** 409 `version_conflict` with the board member as it is now in `current`. */
  updateBoardMember: (associationId: string, id: string, input: BoardMemberInput & { version: number }, options?: Options) =>
    request<BoardMember>('PUT', one(associationId, 'board', id), input, options),
  deleteBoardMember: (associationId: string, id: string, version: number, options?: Options) =>
    request<void>('DELETE', withVersion(one(associationId, 'board', id), version), undefined, options),

  /** 400 `days_per_week_range` / `days_per_week_step` at `daysPerWeek`, `end_before_start` at `until`. */
  createParkManager: (associationId: string, input: ParkManagerInput, options?: Options) =>
    request<ParkManager>('POST', `${base(associationId)}/park-managers`, input, options),
  updateParkManager: (associationId: string, id: string, input: ParkManagerInput & { version: number }, options?: Options) =>
    request<ParkManager>('PUT', one(associationId, 'park-managers', id), input, options),
  deleteParkManager: (associationId: string, id: string, version: number, options?: Options) =>
    request<void>('DELETE', withVersion(one(associationId, 'park-managers', id), version), undefined, options),

  /** 400 `lead_not_member` at `leadMemberId`, `unknown_company` at `members.N.companyId`. */
  createWorkingGroup: (associationId: string, input: WorkingGroupInput, options?: Options) =>
    request<WorkingGroup>('POST', `${base(associationId)}/working-groups`, input, options),
  updateWorkingGroup: (associationId: string, id: string, input: WorkingGroupInput & { version: number }, options?: Options) =>
    request<WorkingGroup>('PUT', one(associationId, 'working-groups', id), input, options),
  deleteWorkingGroup: (associationId: string, id: string, version: number, options?: Options) =>
    request<void>('DELETE', withVersion(one(associationId, 'working-groups', id), version), undefined, options),
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID made in the browser, for a new working-group member: the API keeps a client-chosen id, so the form can
 * name a member who is not saved yet as the group's lead.
 */
export function newUlid(now = Date.now()): string {
  let time = '';
  for (let rest = now, i = 0; i < 10; i += 1, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32]! + time;
  const random = crypto.getRandomValues(new Uint8Array(16));
  return time + Array.from(random, (byte) => CROCKFORD[byte % 32]).join('');
}

/** A key for one submission of a create form: retries of the same submission never create twice. */
export function newIdempotencyKey(): string {
  return `people-${crypto.randomUUID()}`;
}
