import type { MembershipStatus } from './schemas/companies';

export type CoverageEvent = { companyId: string; kind: 'created' | 'deleted' | 'status'; to?: MembershipStatus; on: string };
export type MonthFigures = { month: string; companies: number; members: number; coverage: number };

/** Members ÷ companies, 0 for an empty park (never NaN), rounded to 4 decimals for stable output. */
export function coverageOf(members: number, companies: number): number {
  return companies === 0 ? 0 : Math.round((members / companies) * 10_000) / 10_000;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Replays the register's history into month-end figures, from the first event's month to `until` (YYYY-MM):
 * how many companies were on the park(s) and how many of them were members at the end of each month.
 */
export function coverageSeries(events: CoverageEvent[], until: string): MonthFigures[] {
  const sorted = [...events].sort((a, b) => a.on.localeCompare(b.on));
  if (sorted.length === 0) return [];
  const status = new Map<string, MembershipStatus | 'gone'>();
  const series: MonthFigures[] = [];
  let month = sorted[0]!.on.slice(0, 7);
  let i = 0;
  while (month <= until) {
    while (i < sorted.length && sorted[i]!.on.slice(0, 7) <= month) {
      const event = sorted[i]!;
      if (event.kind === 'deleted') status.set(event.companyId, 'gone');
      else status.set(event.companyId, event.to ?? 'prospect');
      i += 1;
    }
    let companies = 0;
    let members = 0;
    for (const value of status.values()) {
      if (value === 'gone') continue;
      companies += 1;
      if (value === 'member') members += 1;
    }
    series.push({ month, companies, members, coverage: coverageOf(members, companies) });
    month = nextMonth(month);
  }
  return series;
}
