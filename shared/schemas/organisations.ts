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
  })
  .meta({ id: 'AssociationSummary' });
export type AssociationSummary = z.infer<typeof associationSummarySchema>;

export const parkSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    municipality: z.string(),
    postalCode: z.string(),
    companyCount: z.number().int(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'Park' });
export type Park = z.infer<typeof parkSchema>;

export const tenantListSchema = z.object({ items: z.array(tenantSchema) }).meta({ id: 'TenantList' });
export const associationListSchema = z.object({ items: z.array(associationSummarySchema) }).meta({ id: 'AssociationList' });
export const parkListSchema = z.object({ items: z.array(parkSchema) }).meta({ id: 'ParkList' });

export const tenantPathSchema = z.strictObject({ tenantId: ulidSchema });

export { pageOf };
