/**
 * The "Mijn bedrijf" form: what a company contact may change of their company (website, e-mail, phone, size
 * class, contacts), as the inputs hold it, and back to the API's body. The same checks as the API before a round
 * trip (shared/schemas/companies.ts, without zod); the API stays the authority and its messages replace these.
 */
import { messageFor, type Locale, type SizeClass } from '#lib/contract.ts';
import { isHttpUrl, isValidEmail, isValidPhone } from '#lib/register/checks.ts';
import { contactDrafts, sameContacts, toContactInputs, validateContacts, type ContactDraft } from '#lib/register/contacts.ts';
import type { MyCompany, UpdateMyCompanyInput } from '#lib/selfservice-api.ts';

export type MyCompanyValues = {
  website: string;
  email: string;
  phone: string;
  sizeClass: SizeClass | '';
  contacts: ContactDraft[];
};

/** The fields in the order the form shows them: the first invalid one gets the focus. */
export const FIELDS = ['website', 'email', 'phone', 'sizeClass', 'contacts'] as const;
export type MyCompanyField = (typeof FIELDS)[number];

export function valuesFrom(company: MyCompany): MyCompanyValues {
  return {
    website: company.website ?? '',
    email: company.email ?? '',
    phone: company.phone ?? '',
    sizeClass: company.sizeClass ?? '',
    contacts: contactDrafts(company.contacts),
  };
}

/** The request body: trimmed, empty fields left out (which clears them: the form is the whole editable state). */
export function toInput(values: MyCompanyValues, version: number): UpdateMyCompanyInput {
  const website = values.website.trim();
  const email = values.email.trim();
  const phone = values.phone.trim();
  return {
    version,
    ...(website ? { website } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(values.sizeClass ? { sizeClass: values.sizeClass } : {}),
    contacts: toContactInputs(values.contacts),
  };
}

/** Field messages keyed like the API's paths without `body.`: `website`, `contacts.0.email` … */
export function validate(values: MyCompanyValues, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  const website = values.website.trim();
  if (website && !isHttpUrl(website)) errors.website = messageFor('invalid_url', locale);
  else if (website.length > 300) errors.website = messageFor('too_long', locale);
  const email = values.email.trim();
  if (email && !isValidEmail(email)) errors.email = messageFor('invalid_email', locale);
  else if (email.length > 200) errors.email = messageFor('too_long', locale);
  const phone = values.phone.trim();
  if (phone && !isValidPhone(phone)) errors.phone = messageFor('invalid_phone', locale);
  return { ...errors, ...validateContacts(values.contacts, locale) };
}

const comparable = (values: MyCompanyValues, field: Exclude<MyCompanyField, 'contacts'>) => values[field].trim();

/** The fields in which `b` differs from `a`. */
export function changedFields(a: MyCompanyValues, b: MyCompanyValues): MyCompanyField[] {
  const fields: MyCompanyField[] = (['website', 'email', 'phone', 'sizeClass'] as const).filter((field) => comparable(a, field) !== comparable(b, field));
  if (!sameContacts(a.contacts, b.contacts)) fields.push('contacts');
  return fields;
}

/**
 * After a conflict: the company as it is now, with the user's own changes (what differs from the version their
 * form was loaded from) put back on top. Fields the user did not touch take the current values.
 */
export function rebase(original: MyCompanyValues, mine: MyCompanyValues, current: MyCompanyValues): MyCompanyValues {
  const merged: MyCompanyValues = { ...current };
  for (const field of changedFields(original, mine)) {
    if (field === 'contacts') merged.contacts = mine.contacts;
    else if (field === 'sizeClass') merged.sizeClass = mine.sizeClass;
    else merged[field] = mine[field];
  }
  return merged;
}

/** The element id of a form path: `website` → `my-company-website`, `contacts.0.name` → `my-company-contacts-0-name`. */
export function elementIdOf(path: string): string {
  return `my-company-${path.replace(/\./g, '-')}`;
}
