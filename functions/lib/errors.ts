import type { ErrorCode } from '../../shared/messages';

export type FieldIssue = { path: string; code: string; message?: string };

/**
 * An error meant for the client. Only the error middleware turns it into a response; `expose` follows middy's
 * convention (status < 500) so that nothing internal ever reaches a client.
 */
export class HttpError extends Error {
  readonly expose: boolean;
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly details: { fields?: FieldIssue[]; current?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'HttpError';
    this.expose = statusCode < 500;
  }
}

export const notFound = () => new HttpError(404, 'not_found');
export const versionConflict = (current: unknown) => new HttpError(409, 'version_conflict', { current });
export const invalidField = (path: string, code: ErrorCode) =>
  new HttpError(400, 'validation_failed', { fields: [{ path, code }] });
