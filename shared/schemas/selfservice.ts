import { z } from 'zod';
import { ulidSchema } from '../ids';
import { pageOf, pageQuerySchema } from './common';
import { companyFieldsSchema, contactSchema, membershipStatusSchema, sizeClassSchema } from './companies';

/**
 * Member self-service: a company contact's view of their own company and the member directory. A contact sees
 * their company as the register has it, minus what is the association's own business (its notes, import marks);
 * they may change only what a company knows best about itself.
 */

/** What a company contact may change; everything else in the register is the association's to keep. */
export const MEMBER_EDITABLE_FIELDS = ['website', 'email', 'phone', 'sizeClass', 'contacts'] as const;
export type MemberEditableField = (typeof MEMBER_EDITABLE_FIELDS)[number];

export const myCompanySchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    parkId: ulidSchema,
    parkName: z.string().optional(),
    zoneId: ulidSchema.optional(),
    zoneName: z.string().optional(),
    enterpriseNumber: z.string().optional(),
    establishmentNumber: z.string().optional(),
    juridicalForm: z.string().optional(),
    street: z.string().optional(),
    houseNumber: z.string().optional(),
    postalCode: z.string().optional(),
    municipality: z.string().optional(),
    naceCode: z.string().optional(),
    sizeClass: sizeClassSchema.optional(),
    website: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    membershipStatus: membershipStatusSchema,
    memberSince: z.string().optional(),
    founding: z.boolean().optional(),
    contacts: z.array(contactSchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MyCompany' });
export type MyCompany = z.infer<typeof myCompanySchema>;

/**
 * A company contact's edit, based on a version. Like the register's edit it is the whole editable state: a field
 * left out is cleared, except `contacts`, which stay as they are when left out. Any other field (name, enterprise
 * number, park, membership …) answers 400 `unknown_field`.
 */
export const updateMyCompanySchema = companyFieldsSchema
  .pick({ website: true, email: true, phone: true, sizeClass: true, contacts: true })
  .extend({ version: z.number().int().min(1).meta({ description: 'The version this edit is based on' }) })
  .strict()
  .meta({ id: 'UpdateMyCompany' });
export type UpdateMyCompanyInput = z.input<typeof updateMyCompanySchema>;
export type UpdateMyCompany = z.output<typeof updateMyCompanySchema>;

/** One member company as the association publishes it to its members: no contacts, notes or numbers. */
export const memberDirectoryEntrySchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    municipality: z.string().optional(),
    parkId: ulidSchema,
    parkName: z.string().optional(),
    sector: z
      .object({
        division: z.string().meta({ description: 'NACE-BEL division (two digits) of the main activity', example: '25' }),
        section: z.string().meta({ description: 'NACE section (A–U)' }),
        label: z.string().meta({ description: 'The division’s label, in the caller’s language' }),
      })
      .optional()
      .meta({ description: 'The sector of the company’s main activity (absent without a known NACE code)' }),
    website: z.string().optional(),
    own: z.boolean().optional().meta({ description: 'true for the caller’s own company' }),
  })
  .meta({ id: 'MemberDirectoryEntry' });
export type MemberDirectoryEntry = z.infer<typeof memberDirectoryEntrySchema>;

export const memberDirectoryPageSchema = pageOf(memberDirectoryEntrySchema, 'MemberDirectoryPage');
export type MemberDirectoryPage = z.infer<typeof memberDirectoryPageSchema>;

export const memberDirectoryQuerySchema = pageQuerySchema.extend({
  parkId: ulidSchema.optional(),
  q: z.string().trim().max(100, { error: 'too_long' }).optional().meta({ description: 'Search in name and municipality' }),
});
