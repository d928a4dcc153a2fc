/**
 * A company's contacts as a form edits them (drafts: every field as the text of its input), and back to what the
 * API takes. Shared by the register's company form and a company contact's own "Mijn bedrijf" page, both through
 * `ContactsEditor.svelte`.
 */
import type { z } from 'zod';
import type { consentTopicSchema, contactInputSchema, Contact } from '../../../../shared/index';
import { messageFor, type Locale } from '../contract';
import { todayIso } from '../format';
import { isIsoDate, isValidEmail, isValidPhone } from './checks';

export type { Contact };
/** What `PUT …/companies/{id}` takes per contact (`id` for a saved one). */
export type ContactInput = z.input<typeof contactInputSchema>;
export type ConsentTopic = z.infer<typeof consentTopicSchema>;

/** Mirrors the enum in shared/schemas/companies.ts (checked below), in the order the select offers them. */
export const CONSENT_TOPICS = ['newsletter', 'activities'] as const satisfies readonly ConsentTopic[];
const everyTopicListed: [Exclude<ConsentTopic, (typeof CONSENT_TOPICS)[number]>] extends [never] ? true : false = true;
void everyTopicListed;

/** The text version a new consent is given to, until the association names its own. */
export const DEFAULT_TEXT_VERSION = 'v1';

export type ConsentDraft = {
  /** Stable for the life of the form (keyed lists, element ids); never sent. */
  key: string;
  topic: ConsentTopic;
  givenOn: string;
  textVersion: string;
};

export type ContactDraft = {
  key: string;
  /** The saved contact's id; absent for a contact added in this form. */
  id?: string;
  name: string;
  function: string;
  email: string;
  phone: string;
  consents: ConsentDraft[];
};

export type ContactField = 'name' | 'function' | 'email' | 'phone';
export type ConsentField = 'topic' | 'givenOn' | 'textVersion';

/** Field messages keyed like the API's paths without `body.`: `contacts.0.email`, `contacts.1.consents.0.givenOn`. */
export type ContactErrors = Readonly<Record<string, string>>;

export const MAX_CONTACTS = 25;
export const MAX_CONSENTS = 10;

let counter = 0;
function newKey(): string {
  counter += 1;
  return `c${counter}`;
}

export function emptyConsent(today = todayIso()): ConsentDraft {
  return { key: newKey(), topic: 'newsletter', givenOn: today, textVersion: DEFAULT_TEXT_VERSION };
}

export function emptyContact(): ContactDraft {
  return { key: newKey(), name: '', function: '', email: '', phone: '', consents: [] };
}

export function contactDrafts(contacts: readonly Contact[] | undefined): ContactDraft[] {
  return (contacts ?? []).map((contact) => ({
    key: newKey(),
    id: contact.id,
    name: contact.name,
    function: contact.function ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    consents: contact.consents.map((consent) => ({ key: newKey(), ...consent })),
  }));
}

/** The request body's `contacts`: text trimmed, empty optional fields left out (the API refuses ""). */
export function toContactInputs(drafts: readonly ContactDraft[]): ContactInput[] {
  return drafts.map((draft) => {
    const input: ContactInput = { name: draft.name.trim(), consents: draft.consents.map(toConsentInput) };
    if (draft.id) input.id = draft.id;
    const fn = draft.function.trim();
    if (fn) input.function = fn;
    const email = draft.email.trim();
    if (email) input.email = email;
    const phone = draft.phone.trim();
    if (phone) input.phone = phone;
    return input;
  });
}

function toConsentInput(draft: ConsentDraft) {
  return { topic: draft.topic, givenOn: draft.givenOn.trim(), textVersion: draft.textVersion.trim() };
}

/** The element id of the control for an API path: `fieldElementId('company', 'contacts.0.name')` → `company-contacts-0-name`. */
export function fieldElementId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/\./g, '-')}`;
}

export function contactPath(index: number, field: ContactField): string {
  return `contacts.${index}.${field}`;
}

export function consentPath(index: number, consentIndex: number, field: ConsentField): string {
  return `contacts.${index}.consents.${consentIndex}.${field}`;
}

/**
 * The checks of shared/schemas/companies.ts (contactInputSchema, consentSchema) plus the API's rule that a consent
 * is not given in the future, so mistakes show at the field before a round trip. Keys as in {@link ContactErrors}.
 */
export function validateContacts(drafts: readonly ContactDraft[], locale: Locale, today = todayIso()): Record<string, string> {
  const errors: Record<string, string> = {};
  const say = (path: string, code: Parameters<typeof messageFor>[0]) => {
    errors[path] ??= messageFor(code, locale);
  };
  if (drafts.length > MAX_CONTACTS) say('contacts', 'too_many');
  drafts.forEach((draft, i) => {
    const name = draft.name.trim();
    if (!name) say(contactPath(i, 'name'), 'required');
    else if (name.length > 120) say(contactPath(i, 'name'), 'too_long');
    if (draft.function.trim().length > 120) say(contactPath(i, 'function'), 'too_long');
    const email = draft.email.trim();
    if (email && !isValidEmail(email)) say(contactPath(i, 'email'), 'invalid_email');
    else if (email.length > 200) say(contactPath(i, 'email'), 'too_long');
    const phone = draft.phone.trim();
    if (phone && !isValidPhone(phone)) say(contactPath(i, 'phone'), 'invalid_phone');
    if (draft.consents.length > MAX_CONSENTS) say(`contacts.${i}.consents`, 'too_many');
    draft.consents.forEach((consent, j) => {
      const givenOn = consent.givenOn.trim();
      if (!isIsoDate(givenOn)) say(consentPath(i, j, 'givenOn'), 'invalid_date');
      else if (givenOn > today) say(consentPath(i, j, 'givenOn'), 'consent_in_future');
      const version = consent.textVersion.trim();
      if (!version) say(consentPath(i, j, 'textVersion'), 'required');
      else if (version.length > 40) say(consentPath(i, j, 'textVersion'), 'too_long');
    });
  });
  return errors;
}

/** The messages of `errors` that concern contacts (`contacts…` paths), for handing to the editor. */
export function contactErrorsOf(errors: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path === 'contacts' || path.startsWith('contacts.')));
}

/** Whether two lists of contacts say the same (ignoring draft keys and surrounding spaces): for the conflict view. */
export function sameContacts(a: readonly ContactDraft[], b: readonly ContactDraft[]): boolean {
  return JSON.stringify(toContactInputs(a).map(withoutId)) === JSON.stringify(toContactInputs(b).map(withoutId));
}

function withoutId(input: ContactInput) {
  const { id: _id, ...rest } = input;
  return rest;
}
