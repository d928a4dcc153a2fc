import { ApiError, ForbiddenError } from './api';
import { isErrorCode, messageFor, type Locale } from './contract';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** The sentence to show a user for any failure: the API's own (localized) message when there is one. */
export function describeError(error: unknown, t: Translate, locale: Locale): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t('common.networkError');
    if (error.code !== 'http_error' && error.message) return error.message;
    if (isErrorCode(error.code)) return messageFor(error.code, locale);
    return t('common.unexpectedError', { values: { status: error.status } });
  }
  return t('common.unexpectedError', { values: { status: '?' } });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** 403: known in the organisation, but the role does not allow it. */
export function isForbidden(error: unknown): error is ForbiddenError {
  return error instanceof ForbiddenError;
}

/** 401 that did not lead to a new sign-in (one just happened): the session is not accepted. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
