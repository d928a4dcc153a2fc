/* Zod-free at run time (types only from the schemas): the front end imports this module directly. */
import type { ParkManagerSummary } from './schemas/people';
import type { BudgetLine, BudgetTotals, KpiResult } from './schemas/budgets';
import { COST_CATEGORIES, INCOME_SOURCES, type CostCategory, type IncomeSource } from './budget-kinds';

/**
 * The Flemish funder's subsidy conditions for an association, as pure rules shared by the functions (the
 * association's `subsidy-kpis` route, the umbrella's comparison table) and the front end:
 *
 * (a) a park manager is appointed;
 * (b) at least 50 % of the park's companies are members (members ÷ companies, the association's counters);
 * (c) next year's (Y + 1) costs are covered for at least 75 %, with at least 25 % from the local government and
 *     at least 25 % from member fees.
 *
 * Decisions, written down so they can be challenged:
 * - the 25 % shares are shares **of the costs** ("costs covered … with at least 25 % from …"), not of the income:
 *   a budget with little income cannot meet them by having one source dominate a small total;
 * - the 75 % coverage counts every income source **except the Flemish subsidy itself** (`flemish_subsidy`): the
 *   condition asks whether the association carries its own costs; counting the funder's own money would let the
 *   subsidy cover the condition for it. `NOT_COUNTED_FOR_COVERAGE` is the one place to change that;
 * - every comparison is exact, in integers (`part × 100 ≥ whole × percent`); percentages shown are rounded down to
 *   a tenth, so "74,9 %" is never displayed as "75 %" for a condition that is not met;
 * - a KPI that cannot be judged is `unknown`, never `not_met`: no budget for Y + 1, a budget without costs, no
 *   companies in the register, coverage of a past year (the counters are today's), a park-manager summary that
 *   does not describe the day looked at.
 */

export const FUNDER_THRESHOLDS = { memberCoveragePercent: 50, budgetCoveredPercent: 75, localGovernmentPercent: 25, memberFeesPercent: 25 } as const;
export const NOT_COUNTED_FOR_COVERAGE: readonly IncomeSource[] = ['flemish_subsidy'];

// ---- budgets ----

export function budgetTotals(lines: readonly BudgetLine[]): BudgetTotals {
  const incomeBySource = Object.fromEntries(INCOME_SOURCES.map((source) => [source, 0])) as Record<IncomeSource, number>;
  const costByCategory = Object.fromEntries(COST_CATEGORIES.map((category) => [category, 0])) as Record<CostCategory, number>;
  let incomeCents = 0;
  let costCents = 0;
  for (const line of lines) {
    if (line.kind === 'income') {
      incomeBySource[line.source] += line.amountCents;
      incomeCents += line.amountCents;
    } else {
      costByCategory[line.category] += line.amountCents;
      costCents += line.amountCents;
    }
  }
  return { incomeCents, costCents, incomeBySource, costByCategory };
}

export type BudgetIssue = { path: string; code: 'period_outside_year' | 'period_reversed' | 'period_overlap' };

/**
 * What the schema cannot see because it needs the year: periods inside the year, `from` not after `to`, and no
 * two lines of the same source (income) or category (costs) with overlapping periods — the later line is the one
 * reported (`lines.<i>.period`). Lines without a period are not compared: two member-fee lines for large and small
 * companies are two parts of one year, not a double count.
 */
export function budgetIssues(year: number, lines: readonly BudgetLine[]): BudgetIssue[] {
  const issues: BudgetIssue[] = [];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const valid: { index: number; group: string; from: string; to: string }[] = [];
  lines.forEach((line, index) => {
    if (!line.period) return;
    const { from, to } = line.period;
    if (from < first || from > last) issues.push({ path: `lines.${index}.period.from`, code: 'period_outside_year' });
    if (to < first || to > last) issues.push({ path: `lines.${index}.period.to`, code: 'period_outside_year' });
    if (from > to) issues.push({ path: `lines.${index}.period`, code: 'period_reversed' });
    if (issues.some((issue) => issue.path.startsWith(`lines.${index}.`))) return;
    const group = line.kind === 'income' ? `income:${line.source}` : `cost:${line.category}`;
    if (valid.some((earlier) => earlier.group === group && earlier.from <= to && from <= earlier.to)) {
      issues.push({ path: `lines.${index}.period`, code: 'period_overlap' });
      return;
    }
    valid.push({ index, group, from, to });
  });
  return issues;
}

// ---- KPIs ----

/** `part ÷ whole` in tenths of a percent, rounded down (749 is 74,9 %). */
export function percentTenths(part: number, whole: number): number {
  return Math.floor((part * 1000) / whole);
}

const atLeast = (part: number, whole: number, percent: number) => part * 100 >= whole * percent;

/**
 * The day a year is judged on for the park manager: today within the current year, the last day of a past year,
 * the first day of a future year.
 */
export function referenceDay(year: number, today: string): string {
  const current = Number(today.slice(0, 4));
  if (year < current) return `${year}-12-31`;
  if (year > current) return `${year}-01-01`;
  return today;
}

export type ManagerPeriod = { from: string; until?: string; interim: boolean };

/**
 * (a) A park manager appointed on the year's reference day. From the managers' own periods when the caller has
 * them (the association's partition), else from the summary on the association's tenant item, which describes
 * the days from its `asOf` until (not including) `changesOn`.
 */
export function parkManagerKpi(input: { managers?: readonly ManagerPeriod[]; summary?: ParkManagerSummary }, year: number, today: string): KpiResult {
  const day = referenceDay(year, today);
  const base = { id: 'park_manager' as const };
  if (input.managers) {
    const active = input.managers.filter((manager) => manager.from <= day && (manager.until === undefined || manager.until >= day));
    if (active.length > 0) {
      const since = active.map((manager) => manager.from).sort()[0]!;
      return { ...base, status: 'met', reason: 'appointed', values: { day, since, interim: active.every((manager) => manager.interim) } };
    }
    const next = input.managers.filter((manager) => manager.from > day).map((manager) => manager.from).sort()[0];
    return { ...base, status: 'not_met', reason: 'no_park_manager', values: { day, ...(next ? { startsOn: next } : {}) } };
  }
  const summary = input.summary;
  if (!summary) return { ...base, status: 'unknown', reason: 'no_park_manager_summary', values: { day } };
  const describesDay = summary.asOf <= day && (summary.changesOn === undefined || day < summary.changesOn);
  if (!describesDay) return { ...base, status: 'unknown', reason: 'park_manager_summary_stale', values: { day, asOf: summary.asOf } };
  return summary.appointed
    ? { ...base, status: 'met', reason: 'appointed', values: { day, ...(summary.since ? { since: summary.since } : {}), interim: summary.interim ?? false } }
    : { ...base, status: 'not_met', reason: 'no_park_manager', values: { day } };
}

/**
 * (b) At least half of the companies are members, from the association's counters. Counters are today's, so a
 * past year is `unknown`; the current and future years are judged on today's figures.
 */
export function memberCoverageKpi(counts: { companies: number; members: number } | undefined, year: number, today: string): KpiResult {
  const base = { id: 'member_coverage' as const };
  const needed = FUNDER_THRESHOLDS.memberCoveragePercent;
  if (year < Number(today.slice(0, 4))) return { ...base, status: 'unknown', reason: 'past_year', values: { year, asOf: today } };
  if (!counts || counts.companies === 0) return { ...base, status: 'unknown', reason: 'no_companies', values: { asOf: today } };
  const values = { members: counts.members, companies: counts.companies, percentTenths: percentTenths(counts.members, counts.companies), neededPercent: needed, asOf: today };
  return atLeast(counts.members, counts.companies, needed)
    ? { ...base, status: 'met', reason: 'threshold_reached', values }
    : { ...base, status: 'not_met', reason: 'below_threshold', values };
}

/** Income that counts towards the 75 % (every source but the Flemish subsidy). */
export function countedIncomeCents(totals: BudgetTotals): number {
  return INCOME_SOURCES.filter((source) => !NOT_COUNTED_FOR_COVERAGE.includes(source)).reduce((sum, source) => sum + (totals.incomeBySource[source] ?? 0), 0);
}

/**
 * (c) Next year's budget (`budgetYear` = Y + 1): costs covered ≥ 75 % (without the Flemish subsidy), local
 * government ≥ 25 % of the costs, member fees ≥ 25 % of the costs. `undefined` totals: no budget for that year.
 */
export function budgetKpis(totals: BudgetTotals | undefined, budgetYear: number): KpiResult[] {
  const ids = ['budget_covered', 'local_government_share', 'member_fees_share'] as const;
  if (!totals) return ids.map((id) => ({ id, status: 'unknown', reason: 'no_budget', values: { budgetYear } }));
  if (totals.costCents === 0) return ids.map((id) => ({ id, status: 'unknown', reason: 'no_costs', values: { budgetYear } }));
  const judge = (id: (typeof ids)[number], partCents: number, neededPercent: number, extra: Record<string, number> = {}): KpiResult => {
    const values = { budgetYear, partCents, costCents: totals.costCents, percentTenths: percentTenths(partCents, totals.costCents), neededPercent, ...extra };
    return atLeast(partCents, totals.costCents, neededPercent)
      ? { id, status: 'met', reason: 'threshold_reached', values }
      : { id, status: 'not_met', reason: 'below_threshold', values };
  };
  const excluded = totals.incomeCents - countedIncomeCents(totals);
  return [
    judge('budget_covered', countedIncomeCents(totals), FUNDER_THRESHOLDS.budgetCoveredPercent, { notCountedCents: excluded }),
    judge('local_government_share', totals.incomeBySource.local_government ?? 0, FUNDER_THRESHOLDS.localGovernmentPercent),
    judge('member_fees_share', totals.incomeBySource.member_fees ?? 0, FUNDER_THRESHOLDS.memberFeesPercent),
  ];
}

export type SubsidyKpiInput = {
  parkManager: { managers?: readonly ManagerPeriod[]; summary?: ParkManagerSummary };
  counts?: { companies: number; members: number };
  /** Totals of the budget of `year + 1`, undefined when it has none. */
  nextYearTotals?: BudgetTotals;
};

/** All five KPIs of `year`, in the funder's order. */
export function evaluateSubsidyKpis(input: SubsidyKpiInput, year: number, today: string): KpiResult[] {
  return [
    parkManagerKpi(input.parkManager, year, today),
    memberCoverageKpi(input.counts, year, today),
    ...budgetKpis(input.nextYearTotals, year + 1),
  ];
}
