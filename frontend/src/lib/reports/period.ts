import { MAX_REPORT_YEARS, periodTooLong } from '../../../../shared/report-period';

/**
 * The report page's period: presets and the same checks as the API (shared/report-period.ts), so a bad period
 * is explained at the field before anything is asked. Years in Brussels, as the report counts Brussels days.
 */
export type Period = { from: string; to: string };

export { MAX_REPORT_YEARS };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function brusselsYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(now));
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The default: the last full calendar year, what a yearly report to the funder is about. */
export const lastYear = (now = new Date()): Period => yearPeriod(brusselsYear(now) - 1);
export const thisYear = (now = new Date()): Period => yearPeriod(brusselsYear(now));

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type PeriodProblem = { field: 'from' | 'to'; code: 'invalid_date' | 'end_before_start' | 'period_too_long' };

export function periodProblem(period: Period): PeriodProblem | null {
  if (!isDay(period.from)) return { field: 'from', code: 'invalid_date' };
  if (!isDay(period.to)) return { field: 'to', code: 'invalid_date' };
  if (period.to < period.from) return { field: 'to', code: 'end_before_start' };
  if (periodTooLong(period.from, period.to)) return { field: 'to', code: 'period_too_long' };
  return null;
}
