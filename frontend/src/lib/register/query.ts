/**
 * The register list's state as it lives in the page's URL (`?park=…&zone=…&status=member&sector=25&q=…&sort=-name
 * &cursor=…`), so that a link or the back button brings the same list back, and as the API's list query
 * (`companyListQuerySchema` in shared/schemas/companies.ts). The cursors of the pages before the current one are
 * kept in the history entry's state (`page.state.registerCursors`): "previous" pops them, and the back button
 * restores them with the URL.
 */
import type { z } from 'zod';
import type { CompanySort, MembershipStatus, Park, companyListQuerySchema } from '../../../../shared/index';
import type { NO_ZONE as SHARED_NO_ZONE } from '../../../../shared/schemas/companies';
import { MEMBERSHIP_STATUSES } from '../contract';
import { NACE_DIVISIONS } from './nace';

declare global {
  namespace App {
    interface PageState {
      /** The register list: the cursors of the pages before the current one, oldest first (`null` = page 1). */
      registerCursors?: (string | null)[];
    }
  }
}

/** `zone=none`: the companies without a zone (the API's `NO_ZONE`; a type-only link keeps zod out of the bundle). */
export const NO_ZONE: typeof SHARED_NO_ZONE = 'none';
export const SORTS = ['name', '-name'] as const satisfies readonly CompanySort[];
const everySortListed: [Exclude<CompanySort, (typeof SORTS)[number]>] extends [never] ? true : false = true;
void everySortListed;
export const DEFAULT_SORT: CompanySort = 'name';

export type RegisterFilters = {
  parkId: string;
  /** A zone of the park, `none` (companies without a zone), or '' (any). */
  zoneId: string;
  status: MembershipStatus | '';
  /** A 2-digit NACE division, or ''. */
  sector: string;
  q: string;
  sort: CompanySort;
};

/** The API's list query (what `GET …/companies` takes: `companyListQuerySchema`). */
export type RegisterApiQuery = { limit: number; cursor?: string; parkId?: string; zoneId?: string; status?: MembershipStatus; sector?: string; q?: string; sort?: CompanySort };
// Fails to compile when the API's list query loses one of these parameters.
const everyParamKnown: [Exclude<keyof RegisterApiQuery, keyof z.input<typeof companyListQuerySchema>>] extends [never] ? true : false = true;
void everyParamKnown;

const PARAMS = { parkId: 'park', zoneId: 'zone', status: 'status', sector: 'sector', q: 'q', sort: 'sort' } as const;
export const CURSOR_PARAM = 'cursor';
const OWN_PARAMS = [...Object.values(PARAMS), CURSOR_PARAM];

export const EMPTY_FILTERS: RegisterFilters = { parkId: '', zoneId: '', status: '', sector: '', q: '', sort: DEFAULT_SORT };

const isStatus = (value: string): value is MembershipStatus => (MEMBERSHIP_STATUSES as readonly string[]).includes(value);
const isSort = (value: string): value is CompanySort => (SORTS as readonly string[]).includes(value);
const knownSectors = new Set(NACE_DIVISIONS.map((division) => division.code));

/**
 * The filters a URL asks for, each checked against what exists (a park of the association, a zone of that park or
 * of the only park, a status, a NACE division, a sort); anything else is ignored rather than sent to be refused.
 */
export function filtersFrom(params: Pick<URLSearchParams, 'get'>, parks: readonly Park[]): RegisterFilters {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const parkId = parks.some((park) => park.id === get(PARAMS.parkId)) ? get(PARAMS.parkId) : '';
  const zoneParks = parkId ? parks.filter((park) => park.id === parkId) : parks;
  const zone = get(PARAMS.zoneId);
  const zoneId = zone === NO_ZONE || zoneParks.some((park) => park.zones.some((candidate) => candidate.id === zone)) ? zone : '';
  const status = get(PARAMS.status);
  const sector = get(PARAMS.sector);
  const sort = get(PARAMS.sort);
  return {
    parkId,
    zoneId,
    status: isStatus(status) ? status : '',
    sector: knownSectors.has(sector) ? sector : '',
    q: get(PARAMS.q).slice(0, 100),
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

export function cursorFrom(params: Pick<URLSearchParams, 'get'>): string | null {
  return params.get(CURSOR_PARAM) || null;
}

/** The URL for these filters and cursor: other query parameters of the page are kept as they are. */
export function urlFor(current: { href: string }, filters: RegisterFilters, cursor: string | null): URL {
  const url = new URL(current.href);
  for (const name of OWN_PARAMS) url.searchParams.delete(name);
  for (const [field, name] of Object.entries(PARAMS) as [keyof RegisterFilters, string][]) {
    const value = filters[field];
    if (value && !(field === 'sort' && value === DEFAULT_SORT)) url.searchParams.set(name, value);
  }
  if (cursor) url.searchParams.set(CURSOR_PARAM, cursor);
  return url;
}

export function apiQueryFor(filters: RegisterFilters, cursor: string | null, limit: number): RegisterApiQuery {
  const query: RegisterApiQuery = { limit };
  if (filters.parkId) query.parkId = filters.parkId;
  if (filters.zoneId) query.zoneId = filters.zoneId;
  if (filters.status) query.status = filters.status;
  if (filters.sector) query.sector = filters.sector;
  if (filters.q) query.q = filters.q;
  if (filters.sort !== DEFAULT_SORT) query.sort = filters.sort;
  if (cursor) query.cursor = cursor;
  return query;
}

export function sameFilters(a: RegisterFilters, b: RegisterFilters): boolean {
  return (Object.keys(PARAMS) as (keyof RegisterFilters)[]).every((field) => a[field] === b[field]);
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filters: RegisterFilters): boolean {
  return Boolean(filters.parkId || filters.zoneId || filters.status || filters.sector || filters.q);
}
