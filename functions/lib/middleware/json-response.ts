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
 * A result that is a file in its own media type (a CSV export, an XLSX workbook): the operation sets a non-JSON
 * `content-type` and a string (text) or byte body. Everything else is JSON.
 */
function isFileResult(result: HttpResult): result is HttpResult & { body: string | Uint8Array } {
  const type = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return (typeof result.body === 'string' || result.body instanceof Uint8Array) && type !== undefined && !/json/i.test(type);
}

/** A text file goes out as it is; bytes (an XLSX workbook) go base64-encoded, as API Gateway expects binary bodies. */
function fileResult(result: HttpResult & { body: string | Uint8Array }): ParkpuntResult {
  const headers = { ...BASE_HEADERS, ...result.headers };
  if (typeof result.body === 'string') return { statusCode: result.statusCode, headers, body: result.body };
  return { statusCode: result.statusCode, headers, body: Buffer.from(result.body).toString('base64'), isBase64Encoded: true };
}

/** Serialises the operation's HttpResult; operations never build API Gateway results themselves. */
export function jsonResponse(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    after: (request) => {
      const result = request.response as unknown as HttpResult;
      request.response = isFileResult(result)
        ? fileResult(result)
        : jsonResult(result.statusCode, result.body, result.headers);
    },
  };
}
