import { z } from 'zod';
import { ulidSchema } from '../ids';
import { membershipStatusSchema } from './companies';

export const associationStageSchema = z.enum(['in_formation', 'founded']);

/** An association's goals: the subsidy rule of thumb is 50% coverage; founding starts at 20 interested companies. */
export const goalsSchema = z
  .object({
    targetCoverage: z.number().min(0.01).max(1),
    foundingThreshold: z.number().int().min(1).max(10_000),
    stage: associationStageSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Goals' });
export type Goals = z.infer<typeof goalsSchema>;
export const updateGoalsSchema = z
  .strictObject({
    targetCoverage: z.number().min(0.01).max(1),
    foundingThreshold: z.number().int().min(1).max(10_000),
    stage: associationStageSchema,
    version: z.number().int().min(0).meta({ description: '0 while the defaults were never changed' }),
  })
  .meta({ id: 'UpdateGoals' });

const figures = { companies: z.number().int(), members: z.number().int(), coverage: z.number() };

/**
 * A zone's figures include its subzones' (a subzone is part of its zone), so the zones without `parentId` plus
 * `withoutZone` add up to the park.
 */
export const zoneCoverageSchema = z
  .object({
    zoneId: ulidSchema,
    name: z.string(),
    parentId: ulidSchema.optional().meta({ description: 'Set for a subzone' }),
    ...figures,
  })
  .meta({ id: 'ZoneCoverage' });
export type ZoneCoverage = z.infer<typeof zoneCoverageSchema>;

export const coverageSchema = z
  .object({
    goals: goalsSchema,
    totals: z.object({ ...figures, interested: z.number().int(), targetReached: z.boolean(), foundingThresholdReached: z.boolean() }),
    parks: z.array(
      z.object({
        parkId: ulidSchema,
        name: z.string(),
        ...figures,
        zones: z
          .array(zoneCoverageSchema)
          .meta({ description: 'The park’s zones in the park’s order, subzones after their zone; empty for a park without zones' }),
        withoutZone: z.object(figures).meta({ description: 'The park’s companies that have no zone' }),
      }),
    ),
    series: z.array(z.object({ month: z.string().meta({ description: 'YYYY-MM' }), ...figures })),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;

export const registerEventSchema = z
  .object({
    id: ulidSchema,
    companyId: ulidSchema,
    kind: z.enum(['created', 'deleted', 'status']),
    from: membershipStatusSchema.optional(),
    to: membershipStatusSchema.optional(),
    on: z.string(),
    at: z.string(),
    actorId: z.string(),
  })
  .meta({ id: 'RegisterEvent' });
export const companyHistorySchema = z.object({ items: z.array(registerEventSchema) }).meta({ id: 'CompanyHistory' });

const cents = z.number().int().min(0, { error: 'not_negative' }).max(100_000_000);
export const duesSchema = z
  .object({
    companyId: ulidSchema,
    year: z.number().int(),
    amountCents: cents,
    invoicedOn: z.string().optional(),
    paidOn: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Dues' });
export type Dues = z.infer<typeof duesSchema>;
const isoDate = z.iso.date({ error: 'invalid_date' });
export const putDuesSchema = z
  .strictObject({
    amountCents: cents,
    invoicedOn: isoDate.optional(),
    paidOn: isoDate.optional(),
    version: z.number().int().min(0).meta({ description: '0 to create' }),
  })
  .meta({ id: 'PutDues' });
export const duesPathSchema = z.strictObject({ tenantId: ulidSchema, companyId: ulidSchema, year: z.coerce.number().int().min(1990).max(2100) });
export const duesListQuerySchema = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) });
export const duesListSchema = z.object({ items: z.array(duesSchema) }).meta({ id: 'DuesList' });
