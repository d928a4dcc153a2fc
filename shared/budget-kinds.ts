/**
 * The sources of income and the categories of costs of a budget line, as plain lists (no zod), so the front end
 * and the KPI rules (shared/subsidy-kpis.ts) use them without pulling zod into the browser bundle.
 */
export const INCOME_SOURCES = ['local_government', 'member_fees', 'umbrella_subsidy', 'flemish_subsidy', 'sponsorship', 'other'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const COST_CATEGORIES = ['park_manager', 'activities', 'communication', 'operations', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
