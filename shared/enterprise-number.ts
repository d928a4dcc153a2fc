/**
 * Belgian enterprise numbers (CBE/KBO): 10 digits written `0123.456.789`, the first digit 0 or 1,
 * the last two digits equal to 97 − (first eight digits mod 97).
 */
export function normaliseEnterpriseNumber(input: string): string | null {
  const digits = input.replace(/[\s.]/g, '').replace(/^BE/i, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return digits;
}

export function hasValidEnterpriseChecksum(digits: string): boolean {
  if (!/^[01]\d{9}$/.test(digits)) return false;
  const body = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return 97 - (body % 97) === check;
}

export function formatEnterpriseNumber(digits: string): string {
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/** Builds a valid enterprise number from its first eight digits (used by demo data and tests). */
export function enterpriseNumberFromBody(body: number): string {
  const head = String(body).padStart(8, '0');
  const check = String(97 - (body % 97)).padStart(2, '0');
  return formatEnterpriseNumber(head + check);
}
