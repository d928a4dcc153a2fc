import { messageFor, isErrorCode, type ImportPreview, type Locale } from '../../shared/index';
import { contexts } from '../routes';
import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { exportRegister } from './csv-export';
import { planImport, type Issue, type ImportPlan } from './csv-import';
import { applyImport } from './import-apply';
import { readRegisterForImport } from './register';

/** A message of shared/messages.ts with its `{placeholders}` filled in. */
export function issueMessage(issue: Pick<Issue, 'code' | 'params'>, locale: Locale): string {
  const template = isErrorCode(issue.code) ? messageFor(issue.code, locale) : issue.code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (issue.params && name in issue.params ? String(issue.params[name]) : whole));
}

/** The plan as the API shows it: messages in the caller's language, counts, and whether it can be imported. */
export function previewOf(plan: ImportPlan, locale: Locale): ImportPreview {
  const issue = ({ params: _params, ...rest }: Issue) => ({ ...rest, message: issueMessage({ code: rest.code, params: _params }, locale) });
  const counts = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const line of plan.lines) counts[line.status] += 1;
  return {
    kind: plan.kind,
    separator: plan.separator,
    columns: plan.columns,
    counts,
    fileErrors: plan.fileErrors.map(issue),
    lines: plan.lines.map((line) => ({ ...line, errors: line.errors.map(issue) })),
    ready: plan.fileErrors.length === 0 && counts.error === 0 && counts.new + counts.update > 0,
    fingerprint: plan.fingerprint,
  };
}

const DEADLINE_MARGIN_MS = 2000;

const operations: Operations<'transfer'> = {
  exportRegisterCsv: async ({ tenant, query }) => {
    const file = await exportRegister(tenant, query, new Date().toISOString());
    return {
      statusCode: 200,
      body: file.text,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
      },
    };
  },
  previewCsvImport: async ({ tenant, body, locale }) => {
    const plan = planImport(body.csv, body.kind, await readRegisterForImport(tenant.id));
    return { statusCode: 200, body: previewOf(plan, locale) };
  },
  applyCsvImport: async (request) => {
    // Writes stop (and are undone) in time to answer before the Lambda's timeout, with a margin for the reply.
    const deadline = Date.now() + contexts.transfer.timeoutSeconds * 1000 - DEADLINE_MARGIN_MS;
    return { statusCode: 200, body: await applyImport(request.tenant.id, request.body, actorOf(request), { deadline }) };
  },
};

export const handler = createHandler('transfer', operations);
