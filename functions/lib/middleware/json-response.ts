import type { MiddlewareObj } from '@middy/core';
import type { HttpResult, ParkpuntEvent, ParkpuntResult } from '../http';

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResult(statusCode: number, body: unknown, headers: Record<string, string> = {}): ParkpuntResult {
  if (body === undefined) return { statusCode, headers: { ...BASE_HEADERS, ...headers } };
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...BASE_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * A result that is a file in its own media type (a CSV export): the operation sets a non-JSON `content-type` and
 * a string body, which goes out as it is. Everything else is JSON.
 */
function isFileResult(result: HttpResult): result is HttpResult & { body: string } {
  const type = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return typeof result.body === 'string' && type !== undefined && !/json/i.test(type);
}

/** Serialises the operation's HttpResult; operations never build API Gateway results themselves. */
export function jsonResponse(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    after: (request) => {
      const result = request.response as unknown as HttpResult;
      request.response = isFileResult(result)
        ? { statusCode: result.statusCode, headers: { ...BASE_HEADERS, ...result.headers }, body: result.body }
        : jsonResult(result.statusCode, result.body, result.headers);
    },
  };
}
