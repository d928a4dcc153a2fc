import { z } from 'zod';
import { csvSeparatorSchema } from './transfer';

/** The organiser's participants export of one occurrence (issue #5): a CSV file for Excel. */
export const participantsExportQuerySchema = z.strictObject({
  separator: csvSeparatorSchema.default('semicolon'),
});
export type ParticipantsExportQuery = z.infer<typeof participantsExportQuerySchema>;
