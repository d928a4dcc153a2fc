import { z } from 'zod';
import { ulidSchema } from '../ids';
import { COST_CATEGORIES, INCOME_SOURCES } from '../budget-kinds';

export { COST_CATEGORIES, INCOME_SOURCES, type CostCategory, type IncomeSource } from '../budget-kinds';

/**
 * An association's budget for one year: lines of income (by source) and costs (by category), amounts in euro
 * cents. The Flemish funder's subsidy conditions look at next year's budget (shared/subsidy-kpis.ts), and the
 * umbrella's comparison table reads the totals copied into its own partition (`BudgetTotals`).
 */

export const incomeSourceSchema = z
  .enum(INCOME_SOURCES, { error: 'unknown_source' })
  .meta({
    description:
      'Where income comes from: the city or municipality, members’ dues, the umbrella (provincial, e.g. POM), the Flemish funder, sponsors, other',
  });

export const costCategorySchema = z
  .enum(COST_CATEGORIES, { error: 'unknown_category' })
  .meta({ description: 'What a cost is for' });

/** At most € 100 million per line: keeps every sum far inside JavaScript's safe integers. */
export const MAX_LINE_CENTS = 10_000_000_000;
export const MAX_BUDGET_LINES = 200;

const amountCents = z
  .number({ error: 'invalid_amount' })
  .int({ error: 'invalid_amount' })
  .min(0, { error: 'not_negative' })
  .max(MAX_LINE_CENTS, { error: 'amount_too_large' })
  .meta({ description: 'Euro cents, a whole number ≥ 0' });
const label = z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' });
const isoDate = z.iso.date({ error: 'invalid_date' });

export const budgetPeriodSchema = z
  .strictObject({ from: isoDate, to: isoDate })
  .meta({ id: 'BudgetPeriod', description: 'Part of the year a line covers (both days included); inside the budget’s year' });
export type BudgetPeriod = z.infer<typeof budgetPeriodSchema>;

const incomeLineSchema = z.strictObject({
  kind: z.literal('income'),
  source: incomeSourceSchema,
  label,
  amountCents,
  period: budgetPeriodSchema.optional(),
});
const costLineSchema = z.strictObject({
  kind: z.literal('cost'),
  category: costCategorySchema,
  label,
  amountCents,
  period: budgetPeriodSchema.optional(),
});
export const budgetLineSchema = z
  .discriminatedUnion('kind', [incomeLineSchema, costLineSchema], { error: 'unknown_line_kind' })
  .meta({ id: 'BudgetLine', description: 'A line of income (`source`) or of costs (`category`)' });
export type BudgetLine = z.infer<typeof budgetLineSchema>;
export type IncomeLine = Extract<BudgetLine, { kind: 'income' }>;
export type CostLine = Extract<BudgetLine, { kind: 'cost' }>;

export const yearSchema = z.coerce.number({ error: 'invalid_year' }).int({ error: 'invalid_year' }).min(2000, { error: 'invalid_year' }).max(2100, { error: 'invalid_year' });

export const putBudgetSchema = z
  .strictObject({
    lines: z.array(budgetLineSchema).max(MAX_BUDGET_LINES, { error: 'too_many' }),
    version: z.number().int().min(0).meta({ description: 'The version this edit is based on; 0 creates the year’s budget' }),
  })
  .meta({ id: 'PutBudget' });
export type PutBudget = z.infer<typeof putBudgetSchema>;

/** Totals of a budget: what KPI (c) needs, and what the umbrella's partition keeps per association and year. */
export const budgetTotalsSchema = z
  .object({
    incomeCents: z.number().int(),
    costCents: z.number().int(),
    incomeBySource: z.record(incomeSourceSchema, z.number().int()).meta({ description: 'Every source, 0 when absent' }),
    costByCategory: z.record(costCategorySchema, z.number().int()).meta({ description: 'Every category, 0 when absent' }),
  })
  .meta({ id: 'BudgetTotals' });
export type BudgetTotals = z.infer<typeof budgetTotalsSchema>;

export const budgetSchema = z
  .object({
    associationId: ulidSchema,
    year: z.number().int(),
    lines: z.array(budgetLineSchema),
    totals: budgetTotalsSchema,
    version: z.number().int().meta({ description: '0 while the year has no budget (then `lines` is empty)' }),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'Budget' });
export type Budget = z.infer<typeof budgetSchema>;

export const budgetYearsSchema = z
  .object({
    items: z.array(z.object({ year: z.number().int(), version: z.number().int(), totals: budgetTotalsSchema, updatedAt: z.string().optional() })),
  })
  .meta({ id: 'BudgetYears', description: 'The years that have a budget, oldest first' });
export type BudgetYears = z.infer<typeof budgetYearsSchema>;

export const budgetPathSchema = z.strictObject({ tenantId: ulidSchema, year: yearSchema });

// ---- subsidy KPIs ----

export const kpiStatusSchema = z.enum(['met', 'not_met', 'unknown']);
export type KpiStatus = z.infer<typeof kpiStatusSchema>;
export const kpiIdSchema = z.enum(['park_manager', 'member_coverage', 'budget_covered', 'local_government_share', 'member_fees_share']);
export type KpiId = z.infer<typeof kpiIdSchema>;

export const kpiResultSchema = z
  .object({
    id: kpiIdSchema,
    status: kpiStatusSchema,
    reason: z.string().meta({ description: 'Why, as a code (e.g. `no_budget`, `share_below_threshold`); the UI words it' }),
    values: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
      .meta({ description: 'The figures behind the reason (percentages in tenths, amounts in cents, dates, the year looked at)' }),
  })
  .meta({ id: 'KpiResult' });
export type KpiResult = z.infer<typeof kpiResultSchema>;

export const subsidyKpisSchema = z
  .object({
    associationId: ulidSchema,
    year: z.number().int(),
    budgetYear: z.number().int().meta({ description: 'The year whose budget KPIs (c) look at: year + 1' }),
    kpis: z.array(kpiResultSchema),
  })
  .meta({ id: 'SubsidyKpis' });
export type SubsidyKpis = z.infer<typeof subsidyKpisSchema>;

export const subsidyKpisQuerySchema = z.strictObject({ year: yearSchema });
