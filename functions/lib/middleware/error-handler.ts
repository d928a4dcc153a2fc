import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { isErrorCode, messageFor, type Locale } from '../../../shared/messages';
import { HttpError } from '../errors';
import type { ParkpuntEvent, ParkpuntResult } from '../http';
import { jsonResult } from './json-response';

/** Errors that mean "the store is unreachable or saturated right now": the client may retry. */
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionInProgressException',
  'TransactionConflictException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function isStoreUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, cause } = error as { name?: string; code?: string; cause?: unknown };
  if ((name && UNAVAILABLE_NAMES.has(name)) || (code && NETWORK_CODES.has(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isStoreUnavailable);
  return cause !== undefined && cause !== error && isStoreUnavailable(cause);
}

/** Another transaction was writing the same item (DynamoDB does not queue them): transient, safe to retry. */
function isTransactionConflict(error: unknown): boolean {
  const { name, CancellationReasons } = (error ?? {}) as { name?: string; CancellationReasons?: { Code?: string }[] };
  return name === 'TransactionCanceledException' && (CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded');
}

function classify(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isTransactionConflict(error)) return new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
  if (isStoreUnavailable(error)) return new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
  if ((error as { name?: string })?.name === 'ConditionalCheckFailedException') return new HttpError(409, 'version_conflict');
  return new HttpError(500, 'internal_error');
}

function describe(error: HttpError, locale: Locale, requestId: string | undefined) {
  return {
    error: {
      code: error.code,
      message: messageFor(error.code, locale),
      ...(requestId ? { requestId } : {}),
      ...(error.details.fields
        ? {
            fields: error.details.fields.map((field) => ({
              path: field.path,
              code: field.code,
              message: field.message ?? (isErrorCode(field.code) ? messageFor(field.code, locale) : field.code),
            })),
          }
        : {}),
      ...(error.details.current !== undefined ? { current: error.details.current } : {}),
    },
  };
}

/** The one place where errors become responses: known errors keep their status, everything else is a bare 500. */
export function errorHandler(logger: Logger): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    onError: (request) => {
      const httpError = classify(request.error);
      const parsed = request.event?.parkpunt;
      if (httpError.statusCode >= 500) logger.error('request failed', { error: request.error as Error, status: httpError.statusCode });
      else logger.info('request rejected', { status: httpError.statusCode, code: httpError.code });
      request.response = jsonResult(
        httpError.statusCode,
        describe(httpError, parsed?.locale ?? 'nl', parsed?.requestId ?? request.context?.awsRequestId),
        httpError.details.headers,
      );
    },
  };
}
