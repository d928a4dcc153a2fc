/**
 * The one API client of the front end. Pages never call `fetch` themselves: they call these functions, which
 * send the signed-in person's access token and language, parse JSON and turn every failure into an
 * {@link ApiError} ({@link ForbiddenError} for 403). A 401 sends the browser to sign in again, back to the
 * same page (once: see `signInAgain`).
 */
import { accessToken, signInAgain } from './auth.svelte';
import {
  messageFor,
  type AssociationSummary,
  type AuditPage,
  type Company,
  type CompanyHistory,
  type CompanyPage,
  type Coverage,
  type CreateCompanyInput,
  type Dues,
  type ErrorResponse,
  type CreateInvitationInput,
  type FieldError,
  type Goals,
  type Grant,
  type GrantScope,
  type Invitation,
  type InvitationPreview,
  type Locale,
  type Me,
  type Member,
  type Park,
  type ParkInput,
  type PutDuesInput,
  type Role,
  type Tenant,
  type UpdateCompanyInput,
  type UpdateGoalsInput,
  type UpdateParkInput,
} from './contract';

/** A failed API call: the HTTP status, the API's error code and its (localized) message. */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';

  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    /** The API's error code (see shared/messages.ts), or `network_error` / `http_error` for failures without one. */
    readonly code: string,
    message: string,
    /** Field messages keyed by field name (`name`, `enterpriseNumber` …), without the `body.` prefix. */
    readonly fieldErrors: Readonly<Record<string, string>> = {},
    /** On 409: the current state of the object (a company, a member …), as the API sent it. */
    readonly current?: unknown,
    readonly requestId?: string,
    /** Field problems that did not point at a body field (e.g. `query.limit`), kept for the error summary. */
    readonly otherFieldErrors: readonly FieldError[] = [],
    /**
     * Every field message keyed by its whole path without the `body.` prefix (`zones.1.name`, `streets.0` …),
     * the first per path: for forms with lists, which show a message at the right row.
     */
    readonly fieldPaths: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/**
 * 403: the person is known in this organisation, but their role does not allow this (a company contact opening
 * the company register, say). Pages show a notice instead of an error.
 */
export class ForbiddenError extends ApiError {
  override readonly name: string = 'ForbiddenError';
}

export type Options = { signal?: AbortSignal; headers?: Record<string, string> };
export type Query = Record<string, string | number | undefined | null>;

let currentLocale: Locale = 'nl';

/** The language the API should answer in (error messages); kept in sync with the UI language. */
export function setApiLocale(locale: Locale): void {
  currentLocale = locale;
}

const seg = encodeURIComponent;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function bearerToken(): Promise<string | null> {
  try {
    return await accessToken();
  } catch {
    return null; // no configuration or provider: the API answers 401, handled below
  }
}

/** One API call with the signed-in person's token and language; feature modules (e.g. activities/api.ts) build on it. */
export async function request<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale, ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = await bearerToken();
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
    if (options.signal?.aborted) throw cause; // an abort is the caller's own doing: let it pass as is
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 204) return undefined as T;

  const payload: unknown = await readJson(response);
  if (response.ok) return payload as T;
  if (response.status === 401 && !options.signal?.aborted) {
    // The token is missing, expired or refused: sign in again and come back here. This waits for ever while
    // the browser leaves for the provider; when it may not (a sign-in just happened), the error is shown.
    await signInAgain();
  }
  throw toApiError(response, payload);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorResponse(payload: unknown): payload is ErrorResponse {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const error = (payload as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Parses the API's error shape `{ error: { code, message, requestId?, fields?, current? } }`. */
export function toApiError(response: Pick<Response, 'status' | 'statusText'>, payload: unknown): ApiError {
  if (!isErrorResponse(payload)) {
    // API Gateway's JWT authorizer answers 401 itself, as `{ message: 'Unauthorized' }`.
    if (response.status === 401) return new ApiError(401, 'unauthenticated', messageFor('unauthenticated', currentLocale));
    if (response.status === 403) return new ForbiddenError(403, 'forbidden', messageFor('forbidden', currentLocale));
    return new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
  }
  const { code, message, requestId, fields = [], current } = payload.error;
  const fieldErrors: Record<string, string> = {};
  const otherFieldErrors: FieldError[] = [];
  const fieldPaths: Record<string, string> = {};
  for (const field of fields) {
    if (field.path.startsWith('body.') && field.path.length > 'body.'.length) {
      const path = field.path.slice('body.'.length);
      const name = path.split('.')[0] ?? field.path;
      fieldErrors[name] ??= field.message; // the first message per field is the one to show
      fieldPaths[path] ??= field.message;
    } else {
      otherFieldErrors.push(field);
    }
  }
  const ErrorClass = response.status === 403 ? ForbiddenError : ApiError;
  return new ErrorClass(response.status, code, message, fieldErrors, current, requestId, otherFieldErrors, fieldPaths);
}

export type CompanyQuery = { parkId?: string; q?: string; limit?: number; cursor?: string | null };
export type AuditQuery = { limit?: number; cursor?: string | null };

export const api = {
  /** The signed-in person and their memberships. */
  me: (options?: Options) => request<Me>('GET', '/me', undefined, options),

  /** All umbrellas: platform admins only. */
  listUmbrellas: (options?: Options) => request<{ items: Tenant[] }>('GET', '/umbrellas', undefined, options),

  getTenant: (tenantId: string, options?: Options) => request<Tenant>('GET', `/tenants/${seg(tenantId)}`, undefined, options),

  listAssociations: (umbrellaId: string, options?: Options) =>
    request<{ items: AssociationSummary[] }>('GET', `/tenants/${seg(umbrellaId)}/associations`, undefined, options),

  listParks: (associationId: string, options?: Options) =>
    request<{ items: Park[] }>('GET', `/tenants/${seg(associationId)}/parks`, undefined, options),

  /** Adds a park (name, place, optionally streets and zones): the association's own admins only. */
  createPark: (associationId: string, input: ParkInput, options?: Options) =>
    request<Park>('POST', `/tenants/${seg(associationId)}/parks`, input, options),

  /**
   * Saves a park with its streets and zones (existing zones keep their `id`; a subzone's `parentId` is a saved
   * zone). 409 `version_conflict` with the park as it is now in `current`; 400 with paths like `zones.1.name`.
   */
  updatePark: (associationId: string, parkId: string, input: UpdateParkInput, options?: Options) =>
    request<Park>('PUT', `/tenants/${seg(associationId)}/parks/${seg(parkId)}`, input, options),

  listCompanies: (associationId: string, query: CompanyQuery = {}, options?: Options) =>
    request<CompanyPage>('GET', withQuery(`/tenants/${seg(associationId)}/companies`, query), undefined, options),

  getCompany: (associationId: string, companyId: string, options?: Options) =>
    request<Company>('GET', `/tenants/${seg(associationId)}/companies/${seg(companyId)}`, undefined, options),

  /** `idempotencyKey`: the same key for retries of one submission, so the company is created only once. */
  createCompany: (associationId: string, input: CreateCompanyInput, idempotencyKey?: string, options?: Options) =>
    request<Company>('POST', `/tenants/${seg(associationId)}/companies`, input, {
      ...options,
      headers: { ...options?.headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
    }),

  updateCompany: (associationId: string, companyId: string, input: UpdateCompanyInput, options?: Options) =>
    request<Company>('PUT', `/tenants/${seg(associationId)}/companies/${seg(companyId)}`, input, options),

  deleteCompany: (associationId: string, companyId: string, version: number, options?: Options) =>
    request<void>('DELETE', withQuery(`/tenants/${seg(associationId)}/companies/${seg(companyId)}`, { version }), undefined, options),

  // ---- team: the tenant's own admins only (umbrella people on an association get 403) ----

  listMembers: (tenantId: string, options?: Options) =>
    request<{ items: Member[] }>('GET', `/tenants/${seg(tenantId)}/members`, undefined, options),

  /** 409 `version_conflict` (with the member as it is now in `current`) or `last_admin`. */
  changeMemberRole: (tenantId: string, userId: string, input: { role: Role; version: number }, options?: Options) =>
    request<Member>('PUT', `/tenants/${seg(tenantId)}/members/${seg(userId)}`, input, options),

  removeMember: (tenantId: string, userId: string, version: number, options?: Options) =>
    request<void>('DELETE', withQuery(`/tenants/${seg(tenantId)}/members/${seg(userId)}`, { version }), undefined, options),

  /** The pending invitations. */
  listInvitations: (tenantId: string, options?: Options) =>
    request<{ items: Invitation[] }>('GET', `/tenants/${seg(tenantId)}/invitations`, undefined, options),

  /** Sends the invitation mail; 503 `mail_unavailable` when it could not be sent (nothing is kept then). */
  createInvitation: (tenantId: string, input: CreateInvitationInput, options?: Options) =>
    request<Invitation>('POST', `/tenants/${seg(tenantId)}/invitations`, input, options),

  revokeInvitation: (tenantId: string, invitationId: string, options?: Options) =>
    request<void>('DELETE', `/tenants/${seg(tenantId)}/invitations/${seg(invitationId)}`, undefined, options),

  /**
   * What an invitation link offers. The token comes from the link's fragment (`#…`), which browsers never send
   * to a server by themselves: this call (and `acceptInvitation`) is the only place it leaves the page, and
   * only in a request body, so it never appears in a URL or an access log.
   * Errors: 404 `invitation_invalid`, 409 `invitation_used`, 410 `invitation_expired`.
   */
  previewInvitation: (token: string, options?: Options) =>
    request<InvitationPreview>('POST', '/invitations/preview', { token }, options),

  /** Joins the tenant with the signed-in identity. 409 `already_member` / `invitation_used`, 410, 404. */
  acceptInvitation: (token: string, options?: Options) =>
    request<{ tenantId: string; role: Role }>('POST', '/invitations/accept', { token }, options),

  // ---- grants: what an association opens up to its umbrella's people ----

  /**
   * An association's grants (its own admins, and its umbrella's admins and staff), or for an umbrella the grants
   * its associations gave it (its admins and staff). The umbrella's copy follows through a stream: it can lag a
   * moment behind the association's.
   */
  listGrants: (tenantId: string, options?: Options) =>
    request<{ items: Grant[] }>('GET', `/tenants/${seg(tenantId)}/grants`, undefined, options),

  /** Opens a scope up to the umbrella (idempotent: giving it again answers the grant as it stands). Own admins only. */
  giveGrant: (associationId: string, scope: GrantScope, options?: Options) =>
    request<Grant>('PUT', `/tenants/${seg(associationId)}/grants/${seg(scope)}`, undefined, options),

  /** Withdraws a grant; 404 when it was not (or no longer) given. Own admins only. */
  withdrawGrant: (associationId: string, scope: GrantScope, options?: Options) =>
    request<void>('DELETE', `/tenants/${seg(associationId)}/grants/${seg(scope)}`, undefined, options),

  // ---- membership: coverage against the goals, a company's history, yearly dues ----

  /**
   * Members ÷ companies in total, per park and per month, with the association's goals. The association's admins
   * and editors, its umbrella's admins and staff, platform admins.
   */
  getCoverage: (associationId: string, options?: Options) =>
    request<Coverage>('GET', `/tenants/${seg(associationId)}/coverage`, undefined, options),

  getGoals: (associationId: string, options?: Options) => request<Goals>('GET', `/tenants/${seg(associationId)}/goals`, undefined, options),

  /** The association's own admins only. 409 `version_conflict` with the goals as they are now in `current`. */
  updateGoals: (associationId: string, input: UpdateGoalsInput, options?: Options) =>
    request<Goals>('PUT', `/tenants/${seg(associationId)}/goals`, input, options),

  /** Added, status changes, removed: for those who read the register. */
  getCompanyHistory: (associationId: string, companyId: string, options?: Options) =>
    request<CompanyHistory>('GET', `/tenants/${seg(associationId)}/companies/${seg(companyId)}/history`, undefined, options),

  /** The dues of one year (only the companies that have a row): the association's admins and editors. */
  listDues: (associationId: string, year: number, options?: Options) =>
    request<{ items: Dues[] }>('GET', withQuery(`/tenants/${seg(associationId)}/dues`, { year }), undefined, options),

  /**
   * Sets a company's dues of one year (version 0 creates). 409 `version_conflict` with the current row (or null);
   * 400 with `amountCents` / `invoicedOn` / `paidOn` field messages.
   */
  putDues: (associationId: string, companyId: string, year: number, input: PutDuesInput, options?: Options) =>
    request<Dues>('PUT', `/tenants/${seg(associationId)}/companies/${seg(companyId)}/dues/${seg(String(year))}`, input, options),

  /** The tenant's audit log, newest first, a page at a time. */
  listAudit: (tenantId: string, query: AuditQuery = {}, options?: Options) =>
    request<AuditPage>('GET', withQuery(`/tenants/${seg(tenantId)}/audit`, query), undefined, options),
};
