import type { BudgetTotals } from '../../shared/index';
import { keys } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';

export type UmbrellaBudgetSummary = { associationId: string; associationName: string; year: number; totals: BudgetTotals; budgetVersion: number; updatedAt: string };

/**
 * For the umbrella's comparison table: every association's budget totals of one year, from the umbrella's own
 * partition (one Query, one row per association that has a budget that year; cost independent of members).
 * Feed `totals` of year Y + 1 to `budgetKpis` (shared/subsidy-kpis.ts); an association without a row has no
 * budget for that year (KPI (c) `unknown`).
 */
export async function umbrellaBudgetSummaries(umbrellaId: string, year: number): Promise<UmbrellaBudgetSummary[]> {
  return (await queryTenantPrefix(umbrellaId, keys.umbrellaBudgetSummaryPrefix(year))).map(toUmbrellaBudgetSummary);
}

/** A `BUDGETSUM#` item as a summary (for readers that query the prefix themselves, e.g. to count its cost). */
export function toUmbrellaBudgetSummary(item: Record<string, unknown>): UmbrellaBudgetSummary {
  return {
    associationId: String(item.associationId),
    associationName: String(item.associationName),
    year: Number(item.year),
    totals: item.totals as BudgetTotals,
    budgetVersion: Number(item.budgetVersion),
    updatedAt: String(item.updatedAt),
  };
}
