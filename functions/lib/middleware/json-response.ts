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

/** Serialises the operation's HttpResult; operations never build API Gateway results themselves. */
export function jsonResponse(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    after: (request) => {
      const result = request.response as unknown as HttpResult;
      request.response = jsonResult(result.statusCode, result.body, result.headers);
    },
  };
}
