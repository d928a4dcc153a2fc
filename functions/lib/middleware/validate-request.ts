import type { MiddlewareObj } from '@middy/core';
import { z } from 'zod';
import { isErrorCode, type Locale } from '../../../shared/messages';
import { HttpError, type FieldIssue } from '../errors';
import type { ParkpuntEvent, ParkpuntResult } from '../http';

const zodLocales = { nl: z.locales.nl().localeError, en: z.locales.en().localeError } as const;

function toFieldIssues(where: string, issues: z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, code: 'unknown_field' }));
    }
    if (isErrorCode(issue.message)) return [{ path: base, code: issue.message }];
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ path: base, code: 'required' }];
    return [{ path: base, code: issue.code, message: issue.message }];
  });
}

function parsePart(where: string, schema: z.ZodType | undefined, input: unknown, locale: Locale, issues: FieldIssue[]) {
  if (!schema) return input;
  const result = schema.safeParse(input, { error: zodLocales[locale], reportInput: true });
  if (result.success) return result.data;
  issues.push(...toFieldIssues(where, result.error.issues));
  return undefined;
}

/** Validates path, query and body against the route's zod schemas; every problem is reported at once. */
export function validateRequest(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: ({ event }) => {
      const parsed = event.parkpunt;
      if (!parsed) return;
      const schemas = parsed.route.request ?? {};
      const issues: FieldIssue[] = [];
      parsed.path = parsePart('path', schemas.path, event.pathParameters ?? {}, parsed.locale, issues) as Record<string, unknown>;
      parsed.query = parsePart('query', schemas.query, event.queryStringParameters ?? {}, parsed.locale, issues) as Record<string, unknown>;
      parsed.body = parsePart('body', schemas.body, parsed.body, parsed.locale, issues);
      // An id that does not parse cannot name anything the caller may see: 404, like an unknown id.
      if (issues.some((issue) => issue.path.startsWith('path.'))) throw new HttpError(404, 'not_found');
      if (issues.length > 0) throw new HttpError(400, 'validation_failed', { fields: issues });
    },
  };
}
