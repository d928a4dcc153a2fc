import { coverageOf, evaluateSubsidyKpis, type BudgetTotals, type ComparisonRow, type ComparisonStage, type MonthMembers, type ParkManagerSummary } from '../../shared/index';

export { brusselsMonth } from '../lib/brussels';

/**
 * The umbrella's per-association row (`keys.umbrellaAssociation`, type `umbrellaAssociation`) carries, besides the
 * association summary, the figures of the comparison table (issue #6). Each figure has exactly one writer, and
 * each writer keeps it exact and replay-safe in its own way:
 *
 * | attribute                               | written by                                   | exact because                              |
 * |-----------------------------------------|----------------------------------------------|--------------------------------------------|
 * | parkCount, companyCount, memberCount,   | rollups (stream of the association's tenant  | the tenant item changes in the transaction |
 * | parkManager, stage, `members@<month>`   | item), guarded by `statsVersion`             | of what it counts; older copies never win  |
 * | `activities@<year>`                     | rollups (stream of occurrence items), a      | per-occurrence tally row pinned by the     |
 * |                                         | tally row per occurrence                     | occurrence's version, in one transaction   |
 * | `participantsRegistered@<year>` …       | the registration/cancellation/check-in       | same transaction as the credits            |
 * |                                         | transaction (activities/credits.ts)          |                                            |
 * | `quantity@<year>@<unit>`                | the outcome transaction (activities/         | delta against the outcome version the      |
 * |                                         | attendance.ts)                               | transaction is conditioned on              |
 *
 * Per-year and per-month figures are top-level attributes (ADD creates them; a nested map path would fail on
 * rows that lack the map). `lastContactAt` is written by the consultation log (consultations/store.ts, exact under
 * the association's contact version). The subsidy KPIs are not stored: they are judged at read time from these
 * figures and the budget summary of year + 1 (`BUDGETSUM#`, budgets/umbrella.ts), with the same rules as the
 * association's own page (shared/subsidy-kpis.ts).
 */

export const FIGURE = {
  membersAt: (month: string) => `members@${month}`,
  activities: (year: number) => `activities@${year}`,
  participantsRegistered: (year: number) => `participantsRegistered@${year}`,
  participantsAttended: (year: number) => `participantsAttended@${year}`,
  companiesRegistered: (year: number) => `companiesRegistered@${year}`,
  companiesAttended: (year: number) => `companiesAttended@${year}`,
  quantity: (year: number, unit: string) => `quantity@${year}@${unit}`,
} as const;

/** Credit counters of credits.ts → the row's per-year attributes. */
export const CREDIT_FIGURE = {
  participantsRegistered: FIGURE.participantsRegistered,
  companiesRegistered: FIGURE.companiesRegistered,
  participantsAttended: FIGURE.participantsAttended,
  companiesAttended: FIGURE.companiesAttended,
} as const;

const MONTH_MS = /^\d{4}-\d{2}$/;

export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Per-unit quantity changes between two outcomes (what the new one adds, what the old one had). */
export function quantityDeltas(before: readonly { quantity: number; unit: string }[], after: readonly { quantity: number; unit: string }[]): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const { quantity, unit } of before) deltas.set(unit, (deltas.get(unit) ?? 0) - quantity);
  for (const { quantity, unit } of after) deltas.set(unit, (deltas.get(unit) ?? 0) + quantity);
  for (const [unit, delta] of deltas) if (delta === 0) deltas.delete(unit);
  return deltas;
}

/**
 * Month-end members from `members@<month>` attributes: each holds the members after the last change written in
 * that month, so a month without one carries the month before it. 13 points, `month` − 12 … `month`.
 */
export function membersSeries(item: Record<string, unknown>, month: string, current: number): MonthMembers[] {
  const known = Object.keys(item)
    .filter((name) => name.startsWith('members@') && MONTH_MS.test(name.slice(8)))
    .map((name) => ({ month: name.slice(8), members: Number(item[name]) }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const series: MonthMembers[] = [];
  for (let back = 12; back >= 0; back -= 1) {
    const at = addMonths(month, -back);
    if (back === 0) {
      series.push({ month: at, members: current });
      continue;
    }
    let value: number | null = null;
    for (const entry of known) if (entry.month <= at) value = entry.members;
    series.push({ month: at, members: value });
  }
  return series;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0)) || 0;

export type RowContext = {
  /** Today in Brussels (YYYY-MM-DD): the day the year's KPIs are judged on. */
  today: string;
  /** Totals of the association's budget of year + 1, undefined when it has none. */
  nextYearTotals?: BudgetTotals;
};

/** One comparison row from the umbrella's per-association item, for `year`, with the series ending at `month`. */
export function toComparisonRow(item: Record<string, unknown>, year: number, month: string, context: RowContext): ComparisonRow {
  const companyCount = num(item.companyCount);
  const memberCount = num(item.memberCount);
  const series = membersSeries(item, month, memberCount);
  const first = series[0]!.members;
  const parkManager = item.parkManager as ParkManagerSummary | undefined;
  const goalStage = item.stage === 'in_formation' ? 'in_formation' : 'founded';
  const stage: ComparisonStage = parkManager?.appointed ? 'with_park_manager' : goalStage;
  const prefix = `quantity@${year}@`;
  const quantities = Object.keys(item)
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ unit: name.slice(prefix.length), quantity: num(item[name]) }))
    .filter((entry) => entry.quantity !== 0)
    .sort((a, b) => a.unit.localeCompare(b.unit, 'nl'));
  return {
    associationId: String(item.id),
    name: String(item.name),
    ...(typeof item.region === 'string' ? { region: item.region } : {}),
    parkCount: num(item.parkCount),
    companyCount,
    memberCount,
    coverage: coverageOf(memberCount, companyCount),
    membersSeries: series,
    membersChange12m: first === null ? null : memberCount - first,
    goalStage,
    stage,
    ...(parkManager ? { parkManager } : {}),
    activitiesOrganised: num(item[FIGURE.activities(year)]),
    participantsRegistered: num(item[FIGURE.participantsRegistered(year)]),
    participantsAttended: num(item[FIGURE.participantsAttended(year)]),
    companiesRegistered: num(item[FIGURE.companiesRegistered(year)]),
    companiesAttended: num(item[FIGURE.companiesAttended(year)]),
    quantities,
    ...(typeof item.lastContactAt === 'string' ? { lastContactAt: item.lastContactAt } : {}),
    kpis: evaluateSubsidyKpis(
      {
        parkManager: parkManager ? { summary: parkManager } : {},
        counts: { companies: companyCount, members: memberCount },
        ...(context.nextYearTotals ? { nextYearTotals: context.nextYearTotals } : {}),
      },
      year,
      context.today,
    ),
  };
}
