import { z } from 'zod';
import { activityTypeSchema } from './activities';
import { contactMomentTypeSchema } from './consultations';
import { ulidSchema } from '../ids';
import { periodTooLong } from '../report-period';

export { MAX_REPORT_YEARS, periodTooLong } from '../report-period';

/**
 * The umbrella's yearly report (issue #6): its own figures over a chosen period, each with the records it was
 * counted from (contact moments, occurrences of its activities), so the page can link every figure to them and
 * nothing is typed by hand. The JSON answer, the CSV and the XLSX file are all built from one computation
 * (functions/reports/figures.ts), so their totals cannot differ.
 */


/** A missing day is `required`, a malformed one `invalid_date`. */
const day = z.iso.date({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid_date') });
const isDay = (value: unknown) => z.iso.date().safeParse(value).success;


const periodFields = {
  from: day.meta({ description: 'First day of the period (Europe/Brussels), inclusive', example: '2026-01-01' }),
  to: day.meta({ description: 'Last day of the period (Europe/Brussels), inclusive', example: '2026-12-31' }),
};
const checkPeriod = (period: { from: string; to: string }, context: z.core.$RefinementCtx) => {
  // Zod runs this after a field failed too: compare only two well-formed days.
  if (!isDay(period.from) || !isDay(period.to)) return;
  if (period.to < period.from) context.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  else if (periodTooLong(period.from, period.to)) context.addIssue({ code: 'custom', path: ['to'], message: 'period_too_long' });
};

export const reportQuerySchema = z.strictObject(periodFields).superRefine(checkPeriod);
export type ReportQuery = z.output<typeof reportQuerySchema>;

export const reportExportQuerySchema = z
  .strictObject({
    ...periodFields,
    format: z.enum(['csv', 'xlsx']).default('csv').meta({ description: 'CSV for Excel (UTF-8 with BOM, `;` or `,`) or an Excel workbook' }),
    separator: z.enum(['semicolon', 'comma']).default('semicolon').meta({ description: 'CSV only: the column separator' }),
  })
  .superRefine(checkPeriod);
export type ReportExportQuery = z.output<typeof reportExportQuerySchema>;

/** An occurrence of one of the umbrella's activities that a figure was counted from. */
export const reportOccurrenceSchema = z
  .object({
    activityId: ulidSchema,
    occurrenceId: ulidSchema,
    title: z.string(),
    type: activityTypeSchema,
    startsAt: z.string(),
    themes: z.array(z.string()),
  })
  .meta({ id: 'ReportOccurrence' });
export type ReportOccurrence = z.infer<typeof reportOccurrenceSchema>;

const participationFields = {
  participants: z.number().int().meta({ description: 'People holding a confirmed seat (a whole-company registration is no person)' }),
  participantsAttended: z.number().int().meta({ description: 'People checked in as present' }),
  companies: z.number().int().meta({ description: 'Distinct companies with a confirmed registration' }),
  companiesAttended: z.number().int().meta({ description: 'Distinct companies with someone present' }),
};

export const reportSchema = z
  .object({
    umbrellaId: ulidSchema,
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    /** True when not one record falls in the period: the page explains the zeros. */
    empty: z.boolean(),
    contactMoments: z.object({
      total: z.number().int(),
      byType: z.array(z.object({ type: contactMomentTypeSchema, count: z.number().int(), momentIds: z.array(ulidSchema) })),
      byAssociation: z.array(z.object({ associationId: ulidSchema, associationName: z.string(), count: z.number().int(), momentIds: z.array(ulidSchema) })),
      momentIds: z.array(ulidSchema),
    }),
    newsletters: z.object({ total: z.literal(0), reason: z.literal('not_supported') }),
    exchangesAndWorkshops: z.object({
      total: z.number().int().meta({ description: 'Occurrences of experience exchanges and workshops in the period, not cancelled' }),
      experienceExchanges: z.number().int(),
      workshops: z.number().int(),
      occurrences: z.array(reportOccurrenceSchema),
    }),
    foundingSupport: z.object({
      total: z.number().int().meta({ description: 'Associations in formation that had at least one contact moment in the period' }),
      associations: z.array(z.object({ associationId: ulidSchema, associationName: z.string(), momentIds: z.array(ulidSchema) })),
    }),
    participationByType: z.array(z.object({ type: activityTypeSchema, occurrences: z.number().int(), ...participationFields, occurrenceIds: z.array(ulidSchema) })),
    participationTotal: z.object({ occurrences: z.number().int(), ...participationFields }),
    participationByTheme: z.array(z.object({ theme: z.string().meta({ description: 'The theme; empty for activities without one' }), participants: z.number().int(), participantsAttended: z.number().int(), occurrenceIds: z.array(ulidSchema) })),
    quantities: z.array(z.object({ unit: z.string(), quantity: z.number(), companies: z.number().int(), occurrenceIds: z.array(ulidSchema) })),
    /** Every occurrence counted anywhere above, by start. */
    occurrences: z.array(reportOccurrenceSchema),
  })
  .meta({ id: 'UmbrellaReport' });
export type UmbrellaReport = z.infer<typeof reportSchema>;

/**
 * A report file. OpenAPI names one media type per response: the default CSV's; `format=xlsx` answers
 * `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (binary) instead.
 */
export const reportFileSchema = z.string().meta({
  id: 'ReportFile',
  contentMediaType: 'text/csv',
  description: 'UTF-8 CSV with a byte order mark; with `format=xlsx` an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
});
