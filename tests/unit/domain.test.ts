import { describe, expect, it } from 'vitest';
import {
  enterpriseNumberFromBody,
  enterpriseNumberSchema,
  foldForSearch,
  hasValidEnterpriseChecksum,
  normaliseEnterpriseNumber,
  pickLocale,
} from '../../shared/index';
import { keys, tenantPartition } from '../../functions/lib/keys';
import { decodeCursor, encodeCursor } from '../../functions/lib/cursor';

describe('enterprise numbers', () => {
  it('accepts numbers whose last two digits are 97 minus the first eight mod 97', () => {
    expect(hasValidEnterpriseChecksum('0123456749')).toBe(true);
    expect(hasValidEnterpriseChecksum('0123456789')).toBe(false);
  });

  it('rejects numbers that do not start with 0 or 1', () => {
    const body = 21234567;
    const check = String(97 - (body % 97)).padStart(2, '0');
    expect(hasValidEnterpriseChecksum(`${body}${check}`)).toBe(false);
  });

  it('normalises the usual ways of writing one', () => {
    expect(normaliseEnterpriseNumber('BE 0123.456.749')).toBe('0123456749');
    expect(normaliseEnterpriseNumber('0123 456 749')).toBe('0123456749');
    expect(normaliseEnterpriseNumber('123.456.749')).toBeNull();
  });

  it('builds valid numbers for demo data', () => {
    for (const body of [4_000_000, 4_123_456, 9_999_998]) {
      expect(hasValidEnterpriseChecksum(enterpriseNumberFromBody(body).replace(/\D/g, ''))).toBe(true);
    }
  });

  it('stores the dotted form and names the problem', () => {
    expect(enterpriseNumberSchema.parse('0123456749')).toBe('0123.456.749');
    expect(enterpriseNumberSchema.safeParse('12').error?.issues[0]?.message).toBe('invalid_enterprise_number');
    expect(enterpriseNumberSchema.safeParse('0123.456.789').error?.issues[0]?.message).toBe('enterprise_number_checksum');
  });
});

describe('keys', () => {
  it('puts every tenant-owned key in the tenant partition', () => {
    const tenantId = '01JGXBHJ202NE8AFYQ54F5M0PN';
    expect(keys.company(tenantId, '01JGXBHK18N8F0WYFMKY0RXGXB')).toEqual({ pk: `T#${tenantId}`, sk: 'COMPANY#01JGXBHK18N8F0WYFMKY0RXGXB' });
    const indexes = keys.companyIndexes(tenantId, '01JGXBHK18N8F0WYFMKY0RXGXB', 'acme', '01JGXBHM0GT15JNF4J5B63530A');
    expect(indexes.gsi1pk.startsWith(`T#${tenantId}#`)).toBe(true);
    expect(indexes.gsi2pk.startsWith(`T#${tenantId}#`)).toBe(true);
  });

  it('refuses anything that is not a ULID, so no key can smuggle a separator', () => {
    expect(() => tenantPartition('abc#COMPANY')).toThrow(TypeError);
    expect(() => keys.company('01JGXBHJ202NE8AFYQ54F5M0PN', '01JGXBHK18N8F0WYFMKY0RXGX#')).toThrow(TypeError);
  });
});

describe('cursors', () => {
  const expected = { attribute: 'gsi2pk', value: 'T#A#COMPANY', keys: ['pk', 'sk', 'gsi2pk', 'gsi2sk'], prefixes: { sk: 'COMPANY#' } };

  it('round-trips a key of the expected partition', () => {
    const key = { pk: 'T#A', sk: 'COMPANY#1', gsi2pk: 'T#A#COMPANY', gsi2sk: 'x#1' };
    expect(decodeCursor(encodeCursor(key)!, expected)).toEqual(key);
  });

  it.each([
    ['another partition', encodeCursor({ pk: 'T#B', sk: 'COMPANY#1', gsi2pk: 'T#B#COMPANY', gsi2sk: 'x' })!],
    ['extra attributes', encodeCursor({ pk: 'T#A', sk: 'C', gsi2pk: 'T#A#COMPANY', gsi2sk: 'x', evil: 'y' })!],
    ['not JSON', 'bm90IGpzb24'],
    ['a JSON array', Buffer.from('[1]').toString('base64url')],
    ['an empty key', encodeCursor({ pk: 'T#A', sk: '', gsi2pk: 'T#A#COMPANY', gsi2sk: 'x' })!],
    ['a key outside the queried range', encodeCursor({ pk: 'T#A', sk: 'AUDIT#1', gsi2pk: 'T#A#COMPANY', gsi2sk: 'x' })!],
  ])('rejects a cursor with %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

describe('language and search helpers', () => {
  it('answers in Dutch unless English is preferred', () => {
    expect(pickLocale(undefined)).toBe('nl');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('fr-BE,fr;q=0.9,en;q=0.5,nl;q=0.8')).toBe('nl');
    expect(pickLocale('de')).toBe('nl');
  });

  it('folds case and accents', () => {
    expect(foldForSearch('  Brouwerij  ÉLISE ')).toBe('brouwerij elise');
  });
});
