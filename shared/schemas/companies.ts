import { z } from 'zod';
import { ulidSchema } from '../ids';
import { hasValidEnterpriseChecksum, normaliseEnterpriseNumber, formatEnterpriseNumber } from '../enterprise-number';
import { entityKey, entityKind, formatEntityNumber, hasValidEntityChecksum } from '../kbo/numbers';
import { pageOf, pageQuerySchema } from './common';

export const membershipStatusSchema = z.enum(['prospect', 'interested', 'member', 'former_member']);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

export const sizeClassSchema = z.enum(['micro', 'small', 'medium', 'large']);
export type SizeClass = z.infer<typeof sizeClassSchema>;

const optionalText = (max: number) => z.string().trim().max(max, { error: 'too_long' }).optional();

/** Accepts `0123.456.749`, `0123456749` or `BE 0123 456 749`; stores the dotted form. */
export const enterpriseNumberSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const digits = normaliseEnterpriseNumber(value);
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: 'invalid_enterprise_number' });
      return z.NEVER;
    }
    if (!hasValidEnterpriseChecksum(digits)) {
      ctx.addIssue({ code: 'custom', message: 'enterprise_number_checksum' });
      return z.NEVER;
    }
    return formatEnterpriseNumber(digits);
  })
  .meta({ description: 'Belgian enterprise number (CBE/KBO), mod-97 checked', example: '0123.456.749' });

/** Accepts `2.123.456.789` or its 10 digits; establishment numbers start with 2–8 and carry the same mod-97 check. */
export const establishmentNumberSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const key = entityKey(value);
    if (key < 0 || entityKind(key) !== 'establishment') {
      ctx.addIssue({ code: 'custom', message: 'invalid_establishment_number' });
      return z.NEVER;
    }
    if (!hasValidEntityChecksum(key)) {
      ctx.addIssue({ code: 'custom', message: 'establishment_number_checksum' });
      return z.NEVER;
    }
    return formatEntityNumber(key);
  })
  .meta({ description: 'CBE/KBO establishment unit number (vestigingseenheid), mod-97 checked', example: '2.123.456.789' });

/** Topics a contact can consent to; each consent records when it was given and which text it was given to. */
export const consentTopicSchema = z.enum(['newsletter', 'activities']);
export const consentSchema = z
  .strictObject({
    topic: consentTopicSchema,
    givenOn: z.iso.date({ error: 'invalid_date' }),
    textVersion: z.string().trim().min(1, { error: 'required' }).max(40, { error: 'too_long' }),
  })
  .meta({ id: 'Consent' });

export const contactInputSchema = z.strictObject({
  id: ulidSchema.optional().meta({ description: 'Omit for a new contact' }),
  name: z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' }),
  function: z.string().trim().max(120, { error: 'too_long' }).optional(),
  email: z.email({ error: 'invalid_email' }).max(200, { error: 'too_long' }).optional(),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ./-]{5,19}$/, { error: 'invalid_phone' }).optional(),
  consents: z.array(consentSchema).max(10, { error: 'too_many' }).default([]),
});
export const contactSchema = contactInputSchema.extend({ id: ulidSchema }).meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const companyFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  parkId: ulidSchema,
  zoneId: ulidSchema.optional().meta({ description: 'The zone or subzone of the park the establishment lies in' }),
  enterpriseNumber: enterpriseNumberSchema.optional(),
  establishmentNumber: establishmentNumberSchema.optional().meta({ description: 'The establishment on the park; a company with several establishments has one register row per establishment' }),
  juridicalForm: optionalText(100),
  startDate: z.iso.date({ error: 'invalid_date' }).optional(),
  street: optionalText(200),
  houseNumber: optionalText(20),
  postalCode: z.string().trim().regex(/^\d{4}$/, { error: 'invalid_postal_code' }).optional(),
  municipality: optionalText(100),
  naceCode: z.string().trim().regex(/^\d{2}(\.\d{1,3})?$/, { error: 'invalid_nace' }).optional(),
  sizeClass: sizeClassSchema.optional(),
  website: z.url({ protocol: /^https?$/, error: 'invalid_url' }).max(300, { error: 'too_long' }).optional(),
  email: z.email({ error: 'invalid_email' }).max(200, { error: 'too_long' }).optional(),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ./-]{5,19}$/, { error: 'invalid_phone' }).optional(),
  notes: optionalText(2000).meta({ description: 'The association’s own notes; never overwritten by an import' }),
  membershipStatus: membershipStatusSchema.default('prospect'),
  founding: z.boolean().optional().meta({ description: 'A founding member of the association' }),
  contacts: z
    .array(contactInputSchema)
    .max(25, { error: 'too_many' })
    .optional()
    .meta({ description: 'The company’s contacts; omitted on an edit = left as they are' }),
});

export const createCompanySchema = companyFieldsSchema.meta({ id: 'CreateCompany' });
export type CreateCompanyInput = z.input<typeof createCompanySchema>;
export type CreateCompany = z.output<typeof createCompanySchema>;

export const updateCompanySchema = companyFieldsSchema
  .extend({ version: z.number().int().min(1).meta({ description: 'The version this edit is based on' }) })
  .meta({ id: 'UpdateCompany' });
export type UpdateCompanyInput = z.input<typeof updateCompanySchema>;
export type UpdateCompany = z.output<typeof updateCompanySchema>;

export const companySchema = z
  .object({
    id: ulidSchema,
    tenantId: ulidSchema,
    name: z.string(),
    parkId: ulidSchema,
    zoneId: ulidSchema.optional(),
    enterpriseNumber: z.string().optional(),
    establishmentNumber: z.string().optional(),
    juridicalForm: z.string().optional(),
    startDate: z.string().optional(),
    street: z.string().optional(),
    houseNumber: z.string().optional(),
    postalCode: z.string().optional(),
    municipality: z.string().optional(),
    naceCode: z.string().optional(),
    sizeClass: sizeClassSchema.optional(),
    website: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    notes: z.string().optional(),
    membershipStatus: membershipStatusSchema,
    founding: z.boolean().optional(),
    contacts: z.array(contactSchema).optional(),
    memberSince: z.string().optional().meta({ description: 'Date (YYYY-MM-DD) the company last became a member' }),
    kboVanishedOn: z.string().optional().meta({ description: 'Date of the CBE extract in which the company was no longer found on the park' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof companySchema>;

export const companyPageSchema = pageOf(companySchema, 'CompanyPage');
export type CompanyPage = z.infer<typeof companyPageSchema>;

export const companyListQuerySchema = pageQuerySchema.extend({
  parkId: ulidSchema.optional(),
  q: z.string().trim().max(100, { error: 'too_long' }).optional().meta({ description: 'Search in name, enterprise number and municipality' }),
});

export const companyPathSchema = z.strictObject({ tenantId: ulidSchema, companyId: ulidSchema });
export const deleteCompanyQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).meta({ description: 'The version the deletion is based on' }),
});
