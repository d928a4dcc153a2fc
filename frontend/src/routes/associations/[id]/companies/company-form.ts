import type { Company, CreateCompanyInput, Locale, MembershipStatus, Park, SizeClass } from '#lib/contract.ts';
import { messageFor } from '#lib/contract.ts';
import {
  enterpriseNumberProblem,
  establishmentNumberProblem,
  isHttpUrl,
  isIsoDate,
  isValidEmail,
  isValidPhone,
  isValidPostalCode,
} from '#lib/register/checks.ts';
import { naceProblem } from '#lib/register/nace.ts';
import { contactDrafts, sameContacts, toContactInputs, validateContacts, type ContactDraft } from '#lib/register/contacts.ts';

/** What the company form holds: every field as the text in its input ('' when empty), the checkbox as a boolean. */
export type CompanyFormValues = {
  name: string;
  parkId: string;
  zoneId: string;
  enterpriseNumber: string;
  establishmentNumber: string;
  juridicalForm: string;
  startDate: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  municipality: string;
  naceCode: string;
  sizeClass: SizeClass | '';
  website: string;
  email: string;
  phone: string;
  notes: string;
  membershipStatus: MembershipStatus;
  /** "Stichtend lid": one of the companies that founded the association. */
  founding: boolean;
  contacts: ContactDraft[];
};

/** The fields with a control of their own (contacts have theirs in the contacts editor). */
export type CompanyField = Exclude<keyof CompanyFormValues, 'contacts'>;

/** The fields in the order the form shows them: the first invalid one in this order receives focus. */
export const FIELD_ORDER = [
  'name',
  'parkId',
  'zoneId',
  'enterpriseNumber',
  'establishmentNumber',
  'juridicalForm',
  'startDate',
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
  'phone',
  'notes',
] as const satisfies readonly CompanyField[];

const OPTIONAL_TEXT = [
  'zoneId',
  'enterpriseNumber',
  'establishmentNumber',
  'juridicalForm',
  'startDate',
  'street',
  'houseNumber',
  'postalCode',
  'municipality',
  'naceCode',
  'website',
  'email',
  'phone',
  'notes',
] as const satisfies readonly CompanyField[];

/** Element ids: `company-<field>`, and `company-contacts-<i>-<field>` in the contacts editor (same prefix). */
export const ID_PREFIX = 'company';

export function fieldId(field: CompanyField): string {
  return `${ID_PREFIX}-${field}`;
}

export function emptyValues(): CompanyFormValues {
  return {
    name: '',
    parkId: '',
    zoneId: '',
    enterpriseNumber: '',
    establishmentNumber: '',
    juridicalForm: '',
    startDate: '',
    street: '',
    houseNumber: '',
    postalCode: '',
    municipality: '',
    naceCode: '',
    sizeClass: '',
    website: '',
    email: '',
    phone: '',
    notes: '',
    membershipStatus: 'prospect',
    founding: false,
    contacts: [],
  };
}

export function valuesFrom(company: Company): CompanyFormValues {
  return {
    name: company.name,
    parkId: company.parkId,
    zoneId: company.zoneId ?? '',
    enterpriseNumber: company.enterpriseNumber ?? '',
    establishmentNumber: company.establishmentNumber ?? '',
    juridicalForm: company.juridicalForm ?? '',
    startDate: company.startDate ?? '',
    street: company.street ?? '',
    houseNumber: company.houseNumber ?? '',
    postalCode: company.postalCode ?? '',
    municipality: company.municipality ?? '',
    naceCode: company.naceCode ?? '',
    sizeClass: company.sizeClass ?? '',
    website: company.website ?? '',
    email: company.email ?? '',
    phone: company.phone ?? '',
    notes: company.notes ?? '',
    membershipStatus: company.membershipStatus,
    founding: company.founding ?? false,
    contacts: contactDrafts(company.contacts),
  };
}

/**
 * The request body: text trimmed, every empty optional field left out (the API refuses ""), and the contacts as
 * the form holds them (an edit replaces the stored list with this one).
 */
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
  input.contacts = toContactInputs(values.contacts);
  return input;
}

type Code = Parameters<typeof messageFor>[0];

/**
 * The checks of shared/schemas/companies.ts (companyFieldsSchema), before a round trip: the same rules and the
 * same messages, keyed by field (`name`) or by path for contacts (`contacts.0.email`). The zone must be one of
 * the chosen park's. The API checks everything again; its messages replace these on a 400.
 */
export function validate(values: CompanyFormValues, parks: readonly Park[], locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  const say = (field: string, code: Code) => {
    errors[field] ??= messageFor(code, locale);
  };
  const text = (field: CompanyField) => String(values[field]).trim();
  const maxLength = (field: CompanyField, max: number) => {
    if (text(field).length > max) say(field, 'too_long');
  };

  if (!text('name')) say('name', 'required');
  maxLength('name', 200);
  const park = parks.find((candidate) => candidate.id === values.parkId);
  if (!values.parkId) say('parkId', 'required');
  else if (!park) say('parkId', 'unknown_park');
  if (values.zoneId && park && !park.zones.some((zone) => zone.id === values.zoneId)) say('zoneId', 'unknown_zone');

  const enterpriseProblem = text('enterpriseNumber') ? enterpriseNumberProblem(text('enterpriseNumber')) : null;
  if (enterpriseProblem) say('enterpriseNumber', enterpriseProblem);
  const establishmentProblem = text('establishmentNumber') ? establishmentNumberProblem(text('establishmentNumber')) : null;
  if (establishmentProblem) say('establishmentNumber', establishmentProblem);
  maxLength('juridicalForm', 100);
  if (text('startDate') && !isIsoDate(text('startDate'))) say('startDate', 'invalid_date');
  maxLength('street', 200);
  maxLength('houseNumber', 20);
  if (text('postalCode') && !isValidPostalCode(text('postalCode'))) say('postalCode', 'invalid_postal_code');
  maxLength('municipality', 100);
  const nace = text('naceCode') ? naceProblem(text('naceCode')) : null;
  if (nace) say('naceCode', nace);
  if (text('website') && !isHttpUrl(text('website'))) say('website', 'invalid_url');
  maxLength('website', 300);
  if (text('email') && !isValidEmail(text('email'))) say('email', 'invalid_email');
  maxLength('email', 200);
  if (text('phone') && !isValidPhone(text('phone'))) say('phone', 'invalid_phone');
  maxLength('notes', 2000);

  Object.assign(errors, validateContacts(values.contacts, locale));
  return errors;
}

const comparable = (value: string | boolean) => (typeof value === 'string' ? value.trim() : value);

/** The fields whose values differ between two versions of the form (for the conflict view). */
export function changedFields(a: CompanyFormValues, b: CompanyFormValues): (CompanyField | 'contacts')[] {
  const fields: (CompanyField | 'contacts')[] = FIELD_ORDER.filter((field) => comparable(a[field]) !== comparable(b[field]));
  if (!sameContacts(a.contacts, b.contacts)) fields.push('contacts');
  return fields;
}

/**
 * The user's edits re-applied on top of the company as someone else saved it meanwhile (after a 409): a field
 * the user changed keeps the user's value, every other field takes the current one. Contacts count as one field.
 */
export function rebase(original: CompanyFormValues, mine: CompanyFormValues, current: CompanyFormValues): CompanyFormValues {
  const merged: Record<string, unknown> = { ...current };
  for (const field of FIELD_ORDER) {
    if (comparable(mine[field]) !== comparable(original[field])) merged[field] = mine[field];
  }
  merged.contacts = sameContacts(mine.contacts, original.contacts) ? current.contacts : mine.contacts;
  return merged as CompanyFormValues;
}

/** A key for `Idempotency-Key`: random, and the same for every retry of one and the same submission. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
