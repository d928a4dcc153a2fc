import { z } from 'zod';
import { ulidSchema } from '../ids';
import { tenantKindSchema } from './organisations';

/**
 * Roles are stored in DynamoDB memberships, never in token claims, so a change takes effect on the next request
 * and one person can hold roles in several tenants.
 */
export const umbrellaRoles = ['umbrella_admin', 'umbrella_staff'] as const;
export const associationRoles = ['association_admin', 'association_editor', 'company_contact', 'external_partner'] as const;
export const roleSchema = z.enum(['platform_admin', ...umbrellaRoles, ...associationRoles]);
export type Role = z.infer<typeof roleSchema>;
export type TenantRole = Exclude<Role, 'platform_admin'>;

export const membershipSchema = z
  .object({
    tenantId: ulidSchema,
    tenantName: z.string(),
    tenantKind: tenantKindSchema,
    role: roleSchema,
    umbrellaId: ulidSchema.optional(),
    companyId: ulidSchema.optional().meta({
      description: 'For a company contact: the company of the association’s register they speak for (absent while not linked)',
    }),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof membershipSchema>;

export const meSchema = z
  .object({
    userId: z.string(),
    email: z.string().optional(),
    name: z.string().optional(),
    platformAdmin: z.boolean(),
    memberships: z.array(membershipSchema),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;
