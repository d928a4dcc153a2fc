/** The shared budget rules the pages use (zod-free modules of shared/, so zod stays out of the browser bundle). */
export { budgetIssues, budgetTotals } from '../../../../shared/subsidy-kpis';
export { COST_CATEGORIES, INCOME_SOURCES, type CostCategory, type IncomeSource } from '../../../../shared/budget-kinds';

/** Cents as the text of an amount input, Belgian style in Dutch: 123456 → "1.234,56" (en: "1,234.56"). */
export function amountText(cents: number, locale: string | null | undefined): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'nl-BE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}
