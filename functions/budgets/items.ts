import type { Budget, BudgetLine, BudgetTotals } from '../../shared/index';
import { keys } from '../lib/keys';

/**
 * Item shapes of the budgets context. A budget is one item per association and year (`BUDGET#<year>`) holding its
 * lines and their totals; `umbrellaId` rides along so the rollups stream consumer knows, from the image alone,
 * whose partition gets the copy of the totals (it has no read permissions).
 */
export type BudgetItem = {
  pk: string;
  sk: string;
  type: 'budget';
  associationId: string;
  associationName: string;
  umbrellaId?: string;
  year: number;
  lines: BudgetLine[];
  totals: BudgetTotals;
  version: number;
  updatedAt: string;
  /** The user id of the last writer (not answered: the audit log names people). */
  updatedBy: string;
};

/** The umbrella's copy of a budget's totals (one row per association and year in the umbrella's partition). */
export type UmbrellaBudgetSummaryItem = {
  pk: string;
  sk: string;
  type: 'umbrellaBudgetSummary';
  umbrellaId: string;
  associationId: string;
  associationName: string;
  year: number;
  totals: BudgetTotals;
  /** The budget's version this copy was made from: older images never overwrite a newer copy. */
  budgetVersion: number;
  updatedAt: string;
};

export function budgetItem(
  association: { id: string; name: string; umbrellaId?: string },
  budget: { year: number; lines: BudgetLine[]; totals: BudgetTotals; version: number; updatedAt: string; updatedBy: string },
): BudgetItem {
  return {
    ...keys.budget(association.id, budget.year),
    type: 'budget',
    associationId: association.id,
    associationName: association.name,
    ...(association.umbrellaId ? { umbrellaId: association.umbrellaId } : {}),
    ...budget,
  };
}

export function umbrellaBudgetSummaryItem(budget: Pick<BudgetItem, 'umbrellaId' | 'associationId' | 'associationName' | 'year' | 'totals' | 'version' | 'updatedAt'> & { umbrellaId: string }): UmbrellaBudgetSummaryItem {
  return {
    ...keys.umbrellaBudgetSummary(budget.umbrellaId, budget.year, budget.associationId),
    type: 'umbrellaBudgetSummary',
    umbrellaId: budget.umbrellaId,
    associationId: budget.associationId,
    associationName: budget.associationName,
    year: budget.year,
    totals: budget.totals,
    budgetVersion: budget.version,
    updatedAt: budget.updatedAt,
  };
}

export function toBudget(item: Record<string, unknown>): Budget {
  const { associationId, year, lines, totals, version, updatedAt } = item as BudgetItem;
  return { associationId, year: Number(year), lines, totals, version: Number(version), updatedAt };
}
