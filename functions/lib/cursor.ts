import { HttpError } from './errors';

type KeyRecord = Record<string, string>;

/** Cursors are opaque to clients: the last key of a page, base64url-encoded. */
export function encodeCursor(key: KeyRecord | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * Decodes a cursor and checks it points into the partition being queried, so a forged cursor can never start a
 * read in another tenant's data and a malformed one answers 400 instead of a DynamoDB validation error.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attribute: string; value: string; keys: string[]; prefixes?: Record<string, string> },
) {
  if (cursor === undefined) return undefined;
  const fail = () => new HttpError(400, 'validation_failed', { fields: [{ path: 'query.cursor', code: 'invalid_cursor' }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail();
  const record = parsed as Record<string, unknown>;
  const names = Object.keys(record).sort();
  if (names.join() !== [...expected.keys].sort().join()) throw fail();
  if (!names.every((name) => typeof record[name] === 'string' && (record[name] as string).length > 0 && (record[name] as string).length <= 1024)) throw fail();
  if (record[expected.attribute] !== expected.value) throw fail();
  // Every key must look like one the query itself returns, or DynamoDB rejects the start key (a 500 otherwise).
  for (const [name, prefix] of Object.entries(expected.prefixes ?? {})) {
    if (!(record[name] as string).startsWith(prefix)) throw fail();
  }
  return record as KeyRecord;
}
