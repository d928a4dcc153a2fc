import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { computeReport } from './figures';
import { reportCsv, reportXlsx } from './files';
import { readReportRecords } from './store';

/** The umbrella's yearly report: one computation (figures.ts) behind the JSON page and both files. */
async function report(umbrellaId: string, period: { from: string; to: string }) {
  return computeReport(umbrellaId, period, await readReportRecords(umbrellaId, period.from, period.to));
}

const operations: Operations<'reports'> = {
  getReport: async ({ tenant, query }) => ({ statusCode: 200, body: await report(tenant.id, query) }),

  exportReport: async ({ tenant, query, locale }) => {
    const computed = await report(tenant.id, query);
    const file = query.format === 'xlsx' ? await reportXlsx(computed, locale) : reportCsv(computed, locale, query.separator);
    return {
      statusCode: 200,
      body: file.body,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` },
    };
  },
};

export const handler = createHandler('reports', operations);
