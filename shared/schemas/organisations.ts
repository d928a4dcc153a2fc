import { z } from 'zod';
import { ulidSchema } from '../ids';
import { pageOf } from './common';

export const tenantKindSchema = z.enum(['umbrella', 'association']);
export type TenantKind = z.infer<typeof tenantKindSchema>;

export const tenantSchema = z
  .object({
    id: ulidSchema,
    kind: tenantKindSchema,
    name: z.string(),
    region: z.string().optional(),
    website: z.string().optional(),
    umbrellaId: ulidSchema.optional().meta({ description: 'The umbrella an association belongs to' }),
    umbrellaName: z.string().optional(),
  })
  .meta({ id: 'Tenant' });
export type Tenant = z.infer<typeof tenantSchema>;

export const associationSummarySchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    region: z.string().optional(),
    parkCount: z.number().int(),
    companyCount: z.number().int(),
    memberCount: z.number().int(),
    lastContactAt: z.string().optional().meta({ description: 'Day of the umbrella’s latest contact moment with the association (consultation log)' }),
  })
  .meta({ id: 'AssociationSummary' });
export type AssociationSummary = z.infer<typeof associationSummarySchema>;

/** A zone or subzone of a park (Plassendale 1, subzone 1A …) with the streets that belong to it. */
export const zoneSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    parentId: ulidSchema.optional().meta({ description: 'Set for a subzone: the zone it belongs to' }),
    streets: z.array(z.string()),
  })
  .meta({ id: 'Zone' });
export type Zone = z.infer<typeof zoneSchema>;

export const parkSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    municipality: z.string(),
    postalCode: z.string(),
    streets: z.array(z.string()).meta({ description: 'The park’s streets: what the KBO import matches addresses against' }),
    zones: z.array(zoneSchema),
    companyCount: z.number().int(),
    memberCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Park' });

const streetName = z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' });
export const parkInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' }),
    municipality: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
    postalCode: z.string().trim().regex(/^\d{4}$/, { error: 'invalid_postal_code' }),
    streets: z.array(streetName).max(300, { error: 'too_many' }).default([]),
    zones: z
      .array(
        z.strictObject({
          id: ulidSchema.optional().meta({ description: 'Omit for a new zone' }),
          name: z.string().trim().min(1, { error: 'required' }).max(80, { error: 'too_long' }),
          parentId: ulidSchema.optional(),
          streets: z.array(streetName).max(300, { error: 'too_many' }).default([]),
        }),
      )
      .max(100, { error: 'too_many' })
      .default([]),
  })
  .meta({ id: 'ParkInput' });
export const updateParkSchema = parkInputSchema.extend({ version: z.number().int().min(1) }).meta({ id: 'UpdatePark' });
export const parkPathSchema = z.strictObject({ tenantId: ulidSchema, parkId: ulidSchema });
export type Park = z.infer<typeof parkSchema>;

export const tenantListSchema = z.object({ items: z.array(tenantSchema) }).meta({ id: 'TenantList' });
export const associationListSchema = z.object({ items: z.array(associationSummarySchema) }).meta({ id: 'AssociationList' });
export const parkListSchema = z.object({ items: z.array(parkSchema) }).meta({ id: 'ParkList' });

export const tenantPathSchema = z.strictObject({ tenantId: ulidSchema });

export { pageOf };
