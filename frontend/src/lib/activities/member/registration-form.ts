/**
 * The registration form's values and checks, apart from the component: colleagues as rows, or (for collective
 * and social actions) the company as a whole with one contact. The checks mirror `personInputSchema` in
 * shared/schemas/activities.ts so most mistakes show at their field before anything is sent; the API checks again.
 */
import type { ActivityType, RegisterInput } from '../../../../../shared/index';

export type PersonValues = { name: string; email: string; function: string; notes: string; language: 'nl' | 'en' };
export type RegistrationValues = { kind: 'people' | 'company'; people: PersonValues[]; contact: PersonValues };

/**
 * Types a company joins as a whole (mirrors WHOLE_COMPANY_TYPES of shared/schemas/activities.ts, which is not
 * imported at run time so that zod stays out of the browser bundle; the `satisfies` keeps the names right).
 */
export const WHOLE_COMPANY: readonly ActivityType[] = ['collective_action', 'social_action'] satisfies ActivityType[];

export const MAX_PEOPLE = 50;

export function emptyPerson(language: 'nl' | 'en'): PersonValues {
  return { name: '', email: '', function: '', notes: '', language };
}

export function emptyValues(language: 'nl' | 'en'): RegistrationValues {
  return { kind: 'people', people: [emptyPerson(language)], contact: emptyPerson(language) };
}

// The same shape zod's z.email() accepts in practice: something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Error codes per path (`people.1.email`, `contact.name`), translated by the component. */
export function validate(values: RegistrationValues): Record<string, 'required' | 'invalid_email' | 'too_long'> {
  const errors: Record<string, 'required' | 'invalid_email' | 'too_long'> = {};
  const check = (person: PersonValues, prefix: string) => {
    const name = person.name.trim();
    if (!name) errors[`${prefix}.name`] = 'required';
    else if (name.length > 120) errors[`${prefix}.name`] = 'too_long';
    const email = person.email.trim();
    if (!email) errors[`${prefix}.email`] = 'required';
    else if (!EMAIL.test(email) || email.length > 200) errors[`${prefix}.email`] = 'invalid_email';
    if (person.function.trim().length > 120) errors[`${prefix}.function`] = 'too_long';
    if (person.notes.trim().length > 500) errors[`${prefix}.notes`] = 'too_long';
  };
  if (values.kind === 'company') check(values.contact, 'contact');
  else values.people.forEach((person, index) => check(person, `people.${index}`));
  return errors;
}

function personInput(person: PersonValues) {
  const fn = person.function.trim();
  const notes = person.notes.trim();
  return { name: person.name.trim(), email: person.email.trim(), ...(fn ? { function: fn } : {}), ...(notes ? { notes } : {}), language: person.language };
}

export function toInput(values: RegistrationValues, companyId: string): RegisterInput {
  return values.kind === 'company'
    ? { kind: 'company', companyId, contact: personInput(values.contact) }
    : { kind: 'people', companyId, people: values.people.map(personInput) };
}

/** The element id of a field of one occurrence's form: `reg-<occurrence>-people-1-email`. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replaceAll('.', '-')}`;
}

/**
 * One Idempotency-Key per submitted body: a double click or a retry after a lost answer sends the same key (the
 * API answers what it did the first time); a changed form gets a new key (a reused key with another body is refused).
 */
export class SubmitKey {
  #body = '';
  #key = '';
  constructor(private readonly next: () => string) {}

  for(input: unknown): string {
    const body = JSON.stringify(input);
    if (body !== this.#body || !this.#key) {
      this.#body = body;
      this.#key = this.next();
    }
    return this.#key;
  }

  /** After a definite answer: the next submit is a new attempt, even with the same values. */
  reset(): void {
    this.#body = '';
    this.#key = '';
  }
}
