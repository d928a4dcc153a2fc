import { z } from 'zod';
import { ulidSchema } from '../ids';
import { hasValidEnterpriseChecksum, normaliseEnterpriseNumber, formatEnterpriseNumber } from '../enterprise-number';
import { entityKey, entityKind, formatEntityNumber, hasValidEntityChecksum } from '../kbo/numbers';
import { isKnownNaceCode, NACE_DIVISION_PATTERN } from '../nace';
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

/**
 * A NACE-BEL code as the CBE writes it (`25.620`, `46.69`, `62`); its division (first two digits) must exist
 * (shared/nace.ts). A malformed code answers `invalid_nace`, a well-formed one of no division `unknown_nace`.
 */
export const naceCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}(\.\d{1,3})?$/, { error: 'invalid_nace' })
  .refine((code) => !/^\d{2}(\.\d{1,3})?$/.test(code) || isKnownNaceCode(code), { error: 'unknown_nace' })
  .meta({ description: 'NACE-BEL 2008 code; its 2-digit division must exist', example: '25.620' });

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
  naceCode: naceCodeSchema.optional(),
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

export const companySortSchema = z.enum(['name', '-name']).meta({ description: '`name` (A→Z, default) or `-name` (Z→A); by folded name, so accents and case do not matter' });
export type CompanySort = z.infer<typeof companySortSchema>;

/** `zoneId=none`: the companies without a zone. */
export const NO_ZONE = 'none';

/**
 * The register list: every filter combines with the others and with the search; a cursor is valid only for the
 * filters and sort it was issued for (another combination answers 400 `invalid_cursor`).
 */
export const companyListQuerySchema = pageQuerySchema.extend({
  parkId: ulidSchema.optional().meta({ description: 'Only the companies of this park' }),
  zoneId: z
    .union([ulidSchema, z.literal(NO_ZONE)], { error: 'invalid_id' })
    .optional()
    .meta({ description: 'Only the companies of this zone, its subzones included; `none` = companies without a zone. A zone of another park than `parkId` answers 400 `unknown_zone`' }),
  status: membershipStatusSchema.optional().meta({ description: 'Only the companies with this membership status' }),
  sector: z
    .string()
    .trim()
    .regex(NACE_DIVISION_PATTERN, { error: 'invalid_sector' })
    .refine((code) => !NACE_DIVISION_PATTERN.test(code) || isKnownNaceCode(code), { error: 'unknown_nace' })
    .optional()
    .meta({ description: 'Only the companies whose NACE code lies in this 2-digit NACE-BEL division', example: '25' }),
  q: z.string().trim().max(100, { error: 'too_long' }).optional().meta({ description: 'Search in name, enterprise number and municipality' }),
  sort: companySortSchema.default('name'),
});
export type CompanyListQuery = z.output<typeof companyListQuerySchema>;
export type CompanyListQueryInput = z.input<typeof companyListQuerySchema>;

export const companyPathSchema = z.strictObject({ tenantId: ulidSchema, companyId: ulidSchema });
export const deleteCompanyQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).meta({ description: 'The version the deletion is based on' }),
});
