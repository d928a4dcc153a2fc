/**
 * The yearly report's period rule, without zod, so the front end checks a period the same way the API does
 * before asking for it (shared/schemas/reports.ts applies it to the query).
 */

/** Longest period one report covers: bounds the reads (functions/reports/store.ts) and keeps the page readable. */
export const MAX_REPORT_YEARS = 5;

/** `to` lies MAX_REPORT_YEARS or more after `from` (2021-01-01 … 2025-12-31 is five years, … 2026-01-01 is more). */
export function periodTooLong(from: string, to: string): boolean {
  const limit = `${Number(from.slice(0, 4)) + MAX_REPORT_YEARS}${from.slice(4)}`;
  return to >= limit;
}
