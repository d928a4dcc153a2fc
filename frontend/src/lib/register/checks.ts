/**
 * The field checks of shared/schemas/companies.ts, without zod (which would add ~440 KB to the browser bundle):
 * the same patterns, so the form can say what is wrong before a round trip. The API checks everything again and
 * stays the authority; its messages replace these on a 400.
 */
import { hasValidEnterpriseChecksum, normaliseEnterpriseNumber } from '../../../../shared/enterprise-number';
import { entityKey, entityKind, hasValidEntityChecksum } from '../../../../shared/kbo/numbers';

/** zod 4's `z.email()` default pattern. */
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ./-]{5,19}$/;
const POSTAL_CODE = /^\d{4}$/;
const NACE = /^\d{2}(\.\d{1,3})?$/;

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function isValidPhone(value: string): boolean {
  return PHONE.test(value);
}

export function isValidPostalCode(value: string): boolean {
  return POSTAL_CODE.test(value);
}

/** The shape of a NACE code (`25.62`, `46.690`); whether it exists is a question for shared/nace.ts. */
export function isNaceShaped(value: string): boolean {
  return NACE.test(value);
}

/** An http(s) address, as `z.url({ protocol: /^https?$/ })` accepts it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A real calendar day written YYYY-MM-DD (what `z.iso.date()` accepts). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What is wrong with an enterprise number (`0123.456.749`, `BE 0123 456 749` …), or null when it is right. */
export function enterpriseNumberProblem(value: string): 'invalid_enterprise_number' | 'enterprise_number_checksum' | null {
  const digits = normaliseEnterpriseNumber(value);
  if (!digits) return 'invalid_enterprise_number';
  return hasValidEnterpriseChecksum(digits) ? null : 'enterprise_number_checksum';
}

/** What is wrong with an establishment number (`2.123.456.789`: 10 digits starting with 2–8), or null. */
export function establishmentNumberProblem(value: string): 'invalid_establishment_number' | 'establishment_number_checksum' | null {
  const key = entityKey(value);
  if (key < 0 || entityKind(key) !== 'establishment') return 'invalid_establishment_number';
  return hasValidEntityChecksum(key) ? null : 'establishment_number_checksum';
}

