/**
 * Entity numbers of the CBE/KBO as plain numbers: an enterprise number (`0123.456.749`, first digit 0 or 1) or an
 * establishment number (`2.123.456.789`, first digit 2–8), both 10 digits with a mod-97 check on the last two.
 * As numbers (< 10^10, exact in a double) they make compact Set/Map keys and never pin a CSV chunk in memory.
 */

/** The 10 digits of `value` as a number, ignoring dots and spaces; -1 unless there are exactly 10 digits. */
export function entityKey(value: string): number {
  let n = 0;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c !== 46 && c !== 32) {
      return -1;
    }
  }
  return digits === 10 ? n : -1;
}

export type EntityKind = 'enterprise' | 'establishment';

/** Which kind of entity a key is, from its first digit; null for a first digit of 9. */
export function entityKind(key: number): EntityKind | null {
  const first = Math.floor(key / 1e9);
  if (first <= 1) return 'enterprise';
  if (first <= 8) return 'establishment';
  return null;
}

export function hasValidEntityChecksum(key: number): boolean {
  return key >= 0 && 97 - (Math.floor(key / 100) % 97) === key % 100;
}

/** `0123.456.749` for an enterprise, `2.123.456.789` for an establishment. */
export function formatEntityNumber(key: number): string {
  const d = String(key).padStart(10, '0');
  return entityKind(key) === 'enterprise'
    ? `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`
    : `${d.slice(0, 1)}.${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

/** A valid establishment number from its first eight digits (20000000–89999999), for tests and the bench. */
export function establishmentNumberFromBody(body: number): string {
  return formatEntityNumber(body * 100 + (97 - (body % 97)));
}
