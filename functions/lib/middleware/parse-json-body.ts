import type { MiddlewareObj } from '@middy/core';
import { HttpError } from '../errors';
import type { ParkpuntEvent, ParkpuntResult } from '../http';

/** Stated in the API docs and the README: bodies above this size answer 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

/** Parses JSON bodies of routes that declare one: 413 when too large, 415 when not JSON, 400 when malformed. */
export function parseJsonBody(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: ({ event }) => {
      const parsed = event.parkpunt;
      if (!parsed?.route.request || !('body' in parsed.route.request)) return;
      const raw = event.body ?? '';
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (Buffer.byteLength(text, 'utf8') > (parsed.route.maxBodyBytes ?? MAX_BODY_BYTES)) throw new HttpError(413, 'payload_too_large');
      if (text.length === 0) {
        parsed.body = undefined;
        return;
      }
      if (!JSON_MEDIA_TYPE.test(parsed.headers['content-type'] ?? '')) throw new HttpError(415, 'unsupported_media_type');
      try {
        parsed.body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'invalid_json');
      }
    },
  };
}
