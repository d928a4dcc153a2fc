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
  const items = await queryTenantPrefix(umbrellaId, keys.umbrellaBudgetSummaryPrefix(year));
  return items.map((item) => ({
    associationId: String(item.associationId),
    associationName: String(item.associationName),
    year: Number(item.year),
    totals: item.totals as BudgetTotals,
    budgetVersion: Number(item.budgetVersion),
    updatedAt: String(item.updatedAt),
  }));
}
