/**
 * The API calls of member self-service (`/api/tenants/{id}/my-company`, `…/member-directory`) and of a company
 * contact's link to their company (the team route with `companyId`). Kept apart from api.ts, with the same rules:
 * bearer token, Accept-Language, errors as {@link ApiError} (403 → ForbiddenError), 401 signs in again.
 */
import type { ChangeRoleInput, Member, MemberDirectoryEntry, MemberDirectoryPage, MyCompany, UpdateMyCompanyInput } from '../../../shared/index';
import { rawRequest, type RawOptions } from './raw-api';

export type { MemberDirectoryEntry, MemberDirectoryPage, MyCompany, UpdateMyCompanyInput };

type Options = RawOptions;

async function call<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const text = await (await rawRequest(method, path, body, options)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const tenantPath = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`;

/**
 * The signed-in company contact's own company. 404 `company_not_linked` while their account is not linked to a
 * company, `company_gone` when the company left the register; 403 for anyone but a company contact.
 */
export function getMyCompany(associationId: string, options?: Options): Promise<MyCompany> {
  return call<MyCompany>('GET', `${tenantPath(associationId)}/my-company`, undefined, options);
}

/**
 * Saves what a member may change (website, e-mail, phone, size class, contacts), based on `version`. 409
 * `version_conflict` with the company as it is now in `current`; 400 with paths like `contacts.0.consents.0.givenOn`.
 */
export function updateMyCompany(associationId: string, input: UpdateMyCompanyInput, options?: Options): Promise<MyCompany> {
  return call<MyCompany>('PUT', `${tenantPath(associationId)}/my-company`, input, options);
}

export type DirectoryQuery = { q?: string; parkId?: string; limit?: number; cursor?: string | null };

/** A page of the association's member companies as published to members (name, place, park, sector, website). */
export function listMemberDirectory(associationId: string, query: DirectoryQuery = {}, options?: Options): Promise<MemberDirectoryPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return call<MemberDirectoryPage>('GET', `${tenantPath(associationId)}/member-directory${search ? `?${search}` : ''}`, undefined, options);
}

/**
 * Changes a member's role and, for a company contact, the company they speak for (`companyId`; `null` unlinks,
 * left out keeps the link). 409 `version_conflict` with the member as they are now; 400 `unknown_company`.
 */
export function changeMember(tenantId: string, userId: string, input: ChangeRoleInput, options?: Options): Promise<Member> {
  return call<Member>('PUT', `${tenantPath(tenantId)}/members/${encodeURIComponent(userId)}`, input, options);
}
