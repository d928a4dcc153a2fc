import { z } from 'zod';
import { ulidSchema } from '../ids';
import { pageOf, pageQuerySchema } from './common';
import { roleSchema } from './identity';

export const userIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'invalid_id' });

export const memberSchema = z
  .object({
    userId: userIdSchema,
    email: z.string().optional(),
    name: z.string().optional(),
    role: roleSchema,
    companyId: ulidSchema.optional().meta({ description: 'A company contact’s company in the register' }),
    companyName: z.string().optional().meta({ description: 'That company’s name as the register has it now; absent when it was removed' }),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof memberSchema>;
export const memberListSchema = z.object({ items: z.array(memberSchema) }).meta({ id: 'MemberList' });

export const memberPathSchema = z.strictObject({ tenantId: ulidSchema, userId: userIdSchema });
export const changeRoleSchema = z
  .strictObject({
    role: roleSchema,
    version: z.number().int().min(1),
    companyId: ulidSchema.nullable().optional().meta({
      description: 'Company contacts only: the company they speak for (a company of this register); null unlinks; omitted keeps the link',
    }),
  })
  .meta({ id: 'ChangeRole' });
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;
export const removeMemberQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1) });

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'revoked']);
export const invitationSchema = z
  .object({
    id: ulidSchema,
    tenantId: ulidSchema,
    email: z.string(),
    name: z.string().optional(),
    role: roleSchema,
    companyId: ulidSchema.optional(),
    companyName: z.string().optional().meta({ description: 'The company’s name when the invitation was sent' }),
    status: invitationStatusSchema,
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({ items: z.array(invitationSchema) }).meta({ id: 'InvitationList' });

export const createInvitationSchema = z
  .strictObject({
    email: z.email({ error: 'invalid_email' }).max(200, { error: 'too_long' }).transform((email) => email.toLowerCase()),
    name: z.string().trim().max(200, { error: 'too_long' }).optional(),
    role: roleSchema,
    companyId: ulidSchema.optional().meta({ description: 'Required for the role company_contact (and only for it): a company of this association’s register' }),
  })
  .meta({ id: 'CreateInvitation' });
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export const invitationPathSchema = z.strictObject({ tenantId: ulidSchema, invitationId: ulidSchema });

/** `<tenantId>.<invitationId>.<secret>`: the secret is 32 random bytes, base64url; only its hash is stored. */
export const INVITATION_TOKEN_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}\.[0-9A-HJKMNP-TV-Z]{26}\.[A-Za-z0-9_-]{43}$/;
/** Checked by the handler, not here, so that a mangled link gets the invitation's own explanation, not a bare 404. */
export const invitationTokenSchema = z.string().max(200);
/** The token travels in the body, never in a URL: paths end up in access logs, bodies do not. */
export const invitationTokenBodySchema = z.strictObject({ token: invitationTokenSchema }).meta({ id: 'InvitationToken' });

export const invitationPreviewSchema = z
  .object({
    tenantId: ulidSchema,
    tenantName: z.string(),
    tenantKind: z.enum(['umbrella', 'association']),
    role: roleSchema,
    companyName: z.string().optional().meta({ description: 'For a company contact: the company they are invited for' }),
    email: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationPreview' });

export const auditEntrySchema = z
  .object({
    id: ulidSchema,
    at: z.string(),
    actorId: z.string(),
    actorName: z.string().optional(),
    actorRole: roleSchema.optional().meta({ description: 'The role the actor acted in, when it is not the tenant’s staff (a company contact editing their company)' }),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    fields: z.array(z.string()).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = pageOf(auditEntrySchema, 'AuditPage');
export const auditQuerySchema = pageQuerySchema;

/** What an association may open up to its umbrella's people. `register`: the company register with its contacts. */
export const grantScopeSchema = z.enum(['register']);
export type GrantScope = z.infer<typeof grantScopeSchema>;

export const grantSchema = z
  .object({
    associationId: ulidSchema,
    associationName: z.string(),
    umbrellaId: ulidSchema,
    scope: grantScopeSchema,
    grantedBy: z.string(),
    grantedAt: z.string(),
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof grantSchema>;
export const grantListSchema = z.object({ items: z.array(grantSchema) }).meta({ id: 'GrantList' });
export const grantPathSchema = z.strictObject({ tenantId: ulidSchema, scope: grantScopeSchema });
