import { companySchema, foldForSearch, type Company } from '../../shared/index';
import { keys } from '../lib/keys';

export type CompanyItem = Company & {
  pk: string;
  sk: string;
  type: 'company';
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
  gsi3pk: string;
  gsi3sk: string;
  /** Folded name, enterprise-number digits and municipality: what the list's search matches against. */
  searchText: string;
};

/** The API fields of a company, in one list, so the store can SET what is present and REMOVE what is not. */
export const COMPANY_FIELDS = Object.keys(companySchema.shape).filter(
  // contacts are set only when an edit carries them (see store.ts), so an edit without them keeps them.
  (field) => !['id', 'tenantId', 'version', 'createdAt', 'updatedAt', 'memberSince', 'contacts', 'kboVanishedOn'].includes(field),
) as (keyof Company)[];

export function searchTextOf(company: Pick<Company, 'name' | 'enterpriseNumber' | 'municipality'>): string {
  return [company.name, company.enterpriseNumber?.replace(/\D/g, ''), company.enterpriseNumber, company.municipality]
    .filter(Boolean)
    .map((part) => foldForSearch(part!))
    .join(' | ');
}

/** gsi1 (park by name), gsi2 (association by name), gsi3 (association by status, by name). */
export function companyIndexKeys(company: Pick<Company, 'tenantId' | 'parkId' | 'name' | 'id' | 'membershipStatus'>) {
  const sortName = foldForSearch(company.name);
  return {
    ...keys.companyIndexes(company.tenantId, company.parkId, sortName, company.id),
    ...keys.companyStatusIndex(company.tenantId, company.membershipStatus, sortName, company.id),
  };
}

export function companyItem(company: Company): CompanyItem {
  return {
    ...keys.company(company.tenantId, company.id),
    ...companyIndexKeys(company),
    type: 'company',
    ...company,
    searchText: searchTextOf(company),
  };
}

const API_KEYS = Object.keys(companySchema.shape) as (keyof Company)[];

/** Strips storage attributes and returns fields in the schema's order, so responses read the same every time. */
export function toCompany(item: Record<string, unknown>): Company {
  const company: Record<string, unknown> = {};
  for (const key of API_KEYS) if (item[key] !== undefined) company[key] = item[key];
  return company as Company;
}
