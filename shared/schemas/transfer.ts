import { z } from 'zod';
import { ulidSchema } from '../ids';

/**
 * CSV import and export of the company register: the request and response shapes. The CSV travels as text inside
 * a JSON body (the browser reads the file), so the API can be used without the UI too.
 */
export const transferKindSchema = z.enum(['companies', 'contacts']).meta({ description: 'Companies (one row per register row) or contacts (one row per contact)' });
export type TransferKind = z.infer<typeof transferKindSchema>;

export const csvSeparatorSchema = z.enum(['comma', 'semicolon']).meta({ description: '`semicolon` for Excel with Belgian (and most continental) settings, `comma` elsewhere' });
export type CsvSeparator = z.infer<typeof csvSeparatorSchema>;

export const exportQuerySchema = z.strictObject({
  kind: transferKindSchema.default('companies'),
  separator: csvSeparatorSchema.default('semicolon'),
  parkId: ulidSchema.optional().meta({ description: 'Only the companies (or their contacts) of this park' }),
});

/** The CSV file itself: UTF-8 with a byte order mark, so Excel reads accents right. */
export const csvFileSchema = z.string().meta({ id: 'CsvFile', contentMediaType: 'text/csv', description: 'UTF-8 CSV with a byte order mark' });

/** Bodies up to 4 MB (the route's limit); the text itself a little less, the JSON around it needs room. */
export const MAX_IMPORT_CSV_CHARS = 4 * 1024 * 1024 - 1024;
/** Rows per import: what one request can check and write well within the Lambda's time (see functions/transfer). */
export const MAX_IMPORT_ROWS = 5000;

export const importPreviewRequestSchema = z
  .strictObject({
    kind: transferKindSchema.optional().meta({ description: 'Omit to let the API tell from the header row' }),
    csv: z.string().max(MAX_IMPORT_CSV_CHARS, { error: 'too_long' }).meta({ description: 'The file’s text; `,` or `;` separated, a byte order mark is allowed' }),
  })
  .meta({ id: 'CsvImportPreviewRequest' });
export type ImportPreviewRequest = z.infer<typeof importPreviewRequestSchema>;

export const importApplyRequestSchema = z
  .strictObject({
    kind: transferKindSchema,
    csv: z.string().max(MAX_IMPORT_CSV_CHARS, { error: 'too_long' }),
    fingerprint: z.string().min(1).max(200).meta({ description: 'The preview’s fingerprint: the import runs only if the file and the register still give exactly that preview' }),
  })
  .meta({ id: 'CsvImportApplyRequest' });
export type ImportApplyRequest = z.infer<typeof importApplyRequestSchema>;

export const importIssueSchema = z
  .object({
    line: z.number().int().min(1).meta({ description: 'The row as a spreadsheet shows it: the header row is 1' }),
    column: z.string().optional().meta({ description: 'The column header as it is in the file' }),
    field: z.string().optional().meta({ description: 'The register field the column maps to' }),
    code: z.string(),
    message: z.string().meta({ description: 'In the caller’s language' }),
    value: z.string().optional().meta({ description: 'The offending value, shortened' }),
  })
  .meta({ id: 'CsvImportIssue' });
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importLineStatusSchema = z.enum(['new', 'update', 'unchanged', 'error']);
export type ImportLineStatus = z.infer<typeof importLineStatusSchema>;

export const importLineSchema = z
  .object({
    line: z.number().int().min(1),
    status: importLineStatusSchema,
    name: z.string().optional().meta({ description: 'The company (or contact) the row is about' }),
    companyId: ulidSchema.optional().meta({ description: 'The register row it updates (or, for contacts, belongs to)' }),
    companyName: z.string().optional(),
    contactId: ulidSchema.optional(),
    fields: z.array(z.string()).optional().meta({ description: 'Fields an update changes' }),
    errors: z.array(importIssueSchema),
  })
  .meta({ id: 'CsvImportLine' });
export type ImportLine = z.infer<typeof importLineSchema>;

export const importColumnSchema = z.object({
  header: z.string(),
  field: z.string().nullable().meta({ description: 'The field it fills; null for a column the import ignores' }),
  readOnly: z.boolean().optional().meta({ description: 'An export-only column (e.g. the NACE description): read, never written' }),
});

export const importPreviewSchema = z
  .object({
    kind: transferKindSchema,
    separator: csvSeparatorSchema,
    columns: z.array(importColumnSchema),
    counts: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
    fileErrors: z.array(importIssueSchema).meta({ description: 'Problems with the file as a whole (wrong kind, missing columns …)' }),
    lines: z.array(importLineSchema),
    ready: z.boolean().meta({ description: 'True when nothing is wrong and there is something to write' }),
    fingerprint: z.string().meta({ description: 'What this preview would do, against which versions: send it with the apply' }),
  })
  .meta({ id: 'CsvImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importApplyResultSchema = z
  .object({ kind: transferKindSchema, created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .meta({ id: 'CsvImportResult' });
export type ImportApplyResult = z.infer<typeof importApplyResultSchema>;
