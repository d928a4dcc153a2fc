import { z } from 'zod';
import { ulidSchema } from '../ids';

/**
 * What the browser sends after scanning a CBE/KBO extract (shared/kbo): candidates for one park. They come from the
 * client, so they are checked like any input; the limits fit the register (names up to 400 characters there).
 */
const text = (max: number) => z.string().trim().max(max, { error: 'too_long' });
const entityNumber = z.string().regex(/^\d{1}\.?\d{3}\.?\d{3}\.?\d{3}$|^\d{4}\.?\d{3}\.?\d{3}$/, { error: 'invalid_enterprise_number' });

export const kboCandidateSchema = z.strictObject({
  establishmentNumber: entityNumber.nullable(),
  enterpriseNumber: entityNumber,
  name: text(400).min(1, { error: 'required' }),
  commercialName: text(400).nullable(),
  address: z.strictObject({
    street: text(200),
    houseNumber: text(40),
    box: text(40).nullable(),
    postalCode: z.string().regex(/^\d{4}$/, { error: 'invalid_postal_code' }),
    municipality: text(100),
  }),
  naceCode: z.string().regex(/^\d{2}(\.\d{1,3})?$/, { error: 'invalid_nace' }).nullable(),
  naceVersion: z.enum(['2008', '2025']).nullable(),
  juridicalForm: text(10).nullable(),
  typeOfEnterprise: text(4).nullable(),
  startDate: z.iso.date({ error: 'invalid_date' }).nullable(),
  contacts: z.array(z.strictObject({ type: z.enum(['TEL', 'EMAIL', 'WEB']), value: text(300), of: z.enum(['establishment', 'enterprise']) })).max(20),
});

export const MAX_KBO_CANDIDATES = 5000;
export const kboPreviewRequestSchema = z
  .strictObject({
    snapshotDate: z.iso.date({ error: 'invalid_date' }).optional(),
    candidates: z.array(kboCandidateSchema).max(MAX_KBO_CANDIDATES, { error: 'too_many' }),
  })
  .meta({ id: 'KboPreviewRequest' });

export const kboApplyRequestSchema = z
  .strictObject({
    snapshotDate: z.iso.date({ error: 'invalid_date' }).optional(),
    candidates: z.array(kboCandidateSchema).max(MAX_KBO_CANDIDATES, { error: 'too_many' }),
    expect: z.strictObject({
      added: z.array(z.string().max(20)).max(MAX_KBO_CANDIDATES).meta({ description: 'Establishment (else enterprise) numbers of the companies to add, as previewed' }),
      changed: z.array(z.strictObject({ companyId: ulidSchema, version: z.number().int().min(1) })).max(MAX_KBO_CANDIDATES),
      vanished: z.array(z.strictObject({ companyId: ulidSchema, version: z.number().int().min(1) })).max(MAX_KBO_CANDIDATES),
    }),
  })
  .meta({ id: 'KboApplyRequest' });
export const kboApplyResultSchema = z.object({ added: z.number().int(), changed: z.number().int(), vanished: z.number().int() }).meta({ id: 'KboApplyResult' });

const registerRow = z.object({
  enterpriseNumber: z.string(),
  establishmentNumber: z.string().nullable(),
  name: z.string(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  municipality: z.string().nullable(),
  naceCode: z.string().nullable(),
});

export const kboPreviewSchema = z
  .object({
    snapshotDate: z.string().optional(),
    added: z.array(registerRow),
    changed: z.array(
      z.object({
        companyId: z.string(),
        name: z.string(),
        fields: z.array(z.string()),
        values: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })),
      }),
    ),
    vanished: z.array(z.object({ companyId: z.string(), name: z.string(), enterpriseNumber: z.string().optional() })),
    unchanged: z.number().int(),
    unlinked: z.number().int().meta({ description: 'Companies on the park without an enterprise number: they cannot be matched' }),
    possibleMatches: z.array(z.object({ companyId: z.string(), name: z.string(), reason: z.enum(['name', 'address']) })),
  })
  .meta({ id: 'KboPreview' });
export type KboPreview = z.infer<typeof kboPreviewSchema>;
