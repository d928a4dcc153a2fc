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

/** Validates the path: an id that does not parse cannot name anything the caller may see, so 404. */
export function validatePath(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: ({ event }) => {
      const parsed = event.parkpunt!;
      const issues: FieldIssue[] = [];
      parsed.path = parsePart('path', parsed.route.request?.path, event.pathParameters ?? {}, parsed.locale, issues) as Record<string, unknown>;
      if (issues.length > 0) throw new HttpError(404, 'not_found');
    },
  };
}

/** Validates query and body against the route's zod schemas; every problem is reported at once. */
export function validateInput(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: ({ event }) => {
      const parsed = event.parkpunt!;
      const schemas = parsed.route.request ?? {};
      const issues: FieldIssue[] = [];
      parsed.query = parsePart('query', schemas.query, event.queryStringParameters ?? {}, parsed.locale, issues) as Record<string, unknown>;
      parsed.body = parsePart('body', schemas.body, parsed.body, parsed.locale, issues);
      if (issues.length > 0) throw new HttpError(400, 'validation_failed', { fields: issues });
    },
  };
}
