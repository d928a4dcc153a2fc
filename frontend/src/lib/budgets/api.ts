/**
 * The API calls of budgets and subsidy KPIs (`/tenants/{association}/budgets…`, `…/subsidy-kpis`). Same rules as
 * api.ts (token, language, errors as ApiError with per-row `fieldPaths` such as `lines.3.period`).
 */
import type { z } from 'zod';
import type { Budget, BudgetLine, BudgetTotals, BudgetYears, KpiResult, putBudgetSchema, SubsidyKpis } from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { Budget, BudgetLine, BudgetTotals, KpiResult, SubsidyKpis };
export type PutBudgetInput = z.input<typeof putBudgetSchema>;

const seg = encodeURIComponent;
const budgetsPath = (associationId: string) => `/tenants/${seg(associationId)}/budgets`;

export const budgetsApi = {
  listBudgets: (associationId: string, options?: Options) => request<BudgetYears>('GET', budgetsPath(associationId), undefined, options),
  getBudget: (associationId: string, year: number, options?: Options) => request<Budget>('GET', `${budgetsPath(associationId)}/${year}`, undefined, options),
  /** The whole budget, based on the version read (0 creates the year's budget); 409 carries the current one. */
  putBudget: (associationId: string, year: number, input: PutBudgetInput, options?: Options) =>
    request<Budget>('PUT', `${budgetsPath(associationId)}/${year}`, input, options),
  getSubsidyKpis: (associationId: string, year: number, options?: Options) =>
    request<SubsidyKpis>('GET', withQuery(`/tenants/${seg(associationId)}/subsidy-kpis`, { year }), undefined, options),
};
