import { z } from 'zod';

/** Crockford base32, 26 characters: the only shape an id may have, so a `#` can never hide inside a key. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const ulidSchema = z
  .string()
  .regex(ULID_PATTERN, { error: 'invalid_id' })
  .meta({ description: 'A ULID (26 characters, Crockford base32)', example: '01JDQ7Z8M3N4P5Q6R7S8T9V0WX' });

export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_PATTERN.test(value);
}
