import type { Company, CreateCompanyInput, Locale, MembershipStatus, SizeClass } from '#lib/contract.ts';
import { messageFor } from '#lib/contract.ts';

/** What the company form holds: every field as the text in its input ('' when empty), the checkbox as a boolean. */
export type CompanyFormValues = {
  name: string;
  parkId: string;
  enterpriseNumber: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  municipality: string;
  naceCode: string;
  sizeClass: SizeClass | '';
  website: string;
  email: string;
  membershipStatus: MembershipStatus;
  /** "Stichtend lid": one of the companies that founded the association. */
  founding: boolean;
};

export type CompanyField = keyof CompanyFormValues;

/** The fields in the order the form shows them: the first invalid one in this order receives focus. */
export const FIELD_ORDER = [
  'name',
  'parkId',
  'enterpriseNumber',
  'membershipStatus',
  'founding',
  'street',
  'houseNumber',
  'postalCode',
  'municipality',
  'naceCode',
  'sizeClass',
  'website',
  'email',
] as const satisfies readonly CompanyField[];

const OPTIONAL_TEXT = [
  'enterpriseNumber',
  'street',
  'houseNumber',
  'postalCode',
  'municipality',
  'naceCode',
  'website',
  'email',
] as const satisfies readonly CompanyField[];

export function fieldId(field: CompanyField): string {
  return `company-${field}`;
}

export function emptyValues(): CompanyFormValues {
  return {
    name: '',
    parkId: '',
    enterpriseNumber: '',
    street: '',
    houseNumber: '',
    postalCode: '',
    municipality: '',
    naceCode: '',
    sizeClass: '',
    website: '',
    email: '',
    membershipStatus: 'prospect',
    founding: false,
  };
}

export function valuesFrom(company: Company): CompanyFormValues {
  return {
    name: company.name,
    parkId: company.parkId,
    enterpriseNumber: company.enterpriseNumber ?? '',
    street: company.street ?? '',
    houseNumber: company.houseNumber ?? '',
    postalCode: company.postalCode ?? '',
    municipality: company.municipality ?? '',
    naceCode: company.naceCode ?? '',
    sizeClass: company.sizeClass ?? '',
    website: company.website ?? '',
    email: company.email ?? '',
    membershipStatus: company.membershipStatus,
    founding: company.founding ?? false,
  };
}

/** The request body: text trimmed, and every empty optional field left out (the API refuses ""). */
export function toInput(values: CompanyFormValues): CreateCompanyInput {
  const input: CreateCompanyInput = {
    name: values.name.trim(),
    parkId: values.parkId,
    membershipStatus: values.membershipStatus,
  };
  for (const field of OPTIONAL_TEXT) {
    const value = values[field].trim();
    if (value) input[field] = value;
  }
  if (values.sizeClass) input.sizeClass = values.sizeClass;
  if (values.founding) input.founding = true; // left out when not: an edit then clears it (PUT replaces)
  return input;
}

/**
 * The checks worth doing before a round trip: the two required fields. Everything else (enterprise number,
 * postal code, NACE code …) is checked by the API, whose messages the form shows at the fields.
 */
export function missingRequired(values: CompanyFormValues, locale: Locale): Partial<Record<CompanyField, string>> {
  const errors: Partial<Record<CompanyField, string>> = {};
  if (!values.name.trim()) errors.name = messageFor('required', locale);
  if (!values.parkId) errors.parkId = messageFor('required', locale);
  return errors;
}

/** The fields whose values differ between two versions of the form (for the conflict view). */
export function changedFields(a: CompanyFormValues, b: CompanyFormValues): CompanyField[] {
  const comparable = (value: string | boolean) => (typeof value === 'string' ? value.trim() : value);
  return FIELD_ORDER.filter((field) => comparable(a[field]) !== comparable(b[field]));
}

/** A key for `Idempotency-Key`: random, and the same for every retry of one and the same submission. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
