import { api, ApiError } from '#lib/api.ts';

/** An input's text as the API wants it: trimmed, and left out when empty. */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The API's 400 as messages per field path without `body.` (`name`, `members.1.companyId` …) for the paths the form
 * shows, and the rest as plain messages for the summary.
 */
export function errorsFrom(error: ApiError, shows: (path: string) => boolean): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(error.fieldPaths)) {
    if (shows(path)) fields[path] ??= message;
    else other.push(message);
  }
  for (const field of error.otherFieldErrors) other.push(field.message);
  if (Object.keys(fields).length === 0 && other.length === 0) other.push(error.message);
  return { fields, other };
}

export const isValidation = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 400;
export const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409 && error.current !== undefined;
export const isGone = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 404;

export type CompanyOption = { id: string; name: string; member: boolean };

const PAGE_LIMIT = 100;
const MAX_PAGES = 100;

/** The register's companies for the company selects (members first in the select), a page of 100 at a time. */
export async function companyOptions(associationId: string, signal: AbortSignal): Promise<CompanyOption[]> {
  const options: CompanyOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await api.listCompanies(associationId, { limit: PAGE_LIMIT, cursor }, { signal });
    options.push(...answer.items.map((company) => ({ id: company.id, name: company.name, member: company.membershipStatus === 'member' })));
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return options.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
