import { z } from 'zod';
import { ulidSchema } from '../ids';
import { kpiResultSchema } from './budgets';
import { associationStageSchema } from './membership';
import { parkManagerSummarySchema } from './people';

/**
 * The umbrella's comparison table (issue #6): one row per association, read from the figures precomputed in the
 * umbrella's own partition (one item per association), so the request costs one Query whatever the number of
 * members or registrations (the subsidy KPIs add one more Query: the budget summaries of year + 1, one per
 * association).
 */

export const comparisonStageSchema = z
  .enum(['in_formation', 'founded', 'with_park_manager'])
  .meta({ description: 'in_formation / founded (the association’s goals); with_park_manager when a park manager is appointed' });
export type ComparisonStage = z.infer<typeof comparisonStageSchema>;

export const monthMembersSchema = z.object({
  month: z.string().meta({ description: 'YYYY-MM (Brussels)' }),
  members: z.number().int().nullable().meta({ description: 'Members at the end of the month (the current month: now); null before the first known figure' }),
});
export type MonthMembers = z.infer<typeof monthMembersSchema>;

export const comparisonRowSchema = z
  .object({
    associationId: ulidSchema,
    name: z.string(),
    region: z.string().optional(),
    parkCount: z.number().int(),
    companyCount: z.number().int(),
    memberCount: z.number().int(),
    coverage: z.number().meta({ description: 'members ÷ companies, 0 without companies' }),
    membersSeries: z.array(monthMembersSchema).meta({ description: '13 month-ends, 12 months ago → this month' }),
    membersChange12m: z.number().int().nullable().meta({ description: 'Members now minus 12 months ago; null when unknown then' }),
    goalStage: associationStageSchema,
    stage: comparisonStageSchema,
    parkManager: parkManagerSummarySchema.optional(),
    activitiesOrganised: z.number().int().meta({ description: 'Occurrences of the association’s own activities in the year, not cancelled' }),
    participantsRegistered: z.number().int(),
    participantsAttended: z.number().int(),
    companiesRegistered: z.number().int().meta({ description: 'Distinct companies of this association registered for any activity in the year' }),
    companiesAttended: z.number().int(),
    quantities: z.array(z.object({ unit: z.string(), quantity: z.number() })).meta({ description: 'Collective-action outcomes of its companies in the year, summed per unit' }),
    lastContactAt: z.string().optional().meta({ description: 'Day (YYYY-MM-DD) of the umbrella’s latest contact moment with the association; absent when none' }),
    kpis: z.array(kpiResultSchema).meta({ description: 'The funder’s five subsidy conditions for the year, as on the association’s own page (budget KPIs from the budget of year + 1)' }),
  })
  .meta({ id: 'ComparisonRow' });
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

export const comparisonSchema = z
  .object({
    year: z.number().int(),
    month: z.string().meta({ description: 'The current month (YYYY-MM, Brussels): the last point of every series' }),
    targetCoverage: z.number().meta({ description: 'The line the chart draws (0.5)' }),
    items: z.array(comparisonRowSchema),
  })
  .meta({ id: 'Comparison' });
export type Comparison = z.infer<typeof comparisonSchema>;

export const comparisonQuerySchema = z.strictObject({
  year: z.coerce.number().int({ error: 'invalid_year' }).min(2000, { error: 'invalid_year' }).max(2200, { error: 'invalid_year' }).optional(),
});
