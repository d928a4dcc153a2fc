import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import { createHandler } from '../lib/create-handler';
import { HttpError } from '../lib/errors';
import { actorOf, type Operations } from '../lib/http';
import {
  createContactMoment,
  deleteContactMoment,
  listContactMoments,
  listFollowUps,
  setFollowUp,
  updateContactMoment,
  type CreateOptions,
} from './store';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** A fresh id, and the Idempotency-Key bound to who sent which body (a key reused for anything else is refused). */
function createOptions(request: { headers: Record<string, string | undefined>; caller: { userId: string }; body: unknown; path: unknown }): CreateOptions {
  const idempotencyKey = request.headers['idempotency-key'];
  if (idempotencyKey === undefined) return { id: ulid() };
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new HttpError(400, 'validation_failed', {
      fields: [{ path: 'header.idempotency-key', code: 'invalid_idempotency_key', message: '8–128 characters: letters, digits, - or _' }],
    });
  }
  const fingerprint = createHash('sha256').update(`${request.caller.userId}\n${JSON.stringify(request.path)}\n${JSON.stringify(request.body)}`).digest('base64url');
  return { id: ulid(), idempotencyKey, fingerprint };
}

const operations: Operations<'consultations'> = {
  listContactMoments: async ({ tenant, query }) => ({ statusCode: 200, body: await listContactMoments(tenant.id, query) }),

  createContactMoment: async (request) => {
    // A retry with the same Idempotency-Key answers the moment the first request created, as it did then.
    const { moment } = await createContactMoment(request.tenant.id, request.path.associationId, request.body, actorOf(request), createOptions(request));
    return { statusCode: 201, body: moment };
  },
  updateContactMoment: async (request) => ({
    statusCode: 200,
    body: await updateContactMoment(request.tenant.id, request.path.associationId, request.path.momentId, request.body, actorOf(request)),
  }),
  deleteContactMoment: async (request) => {
    await deleteContactMoment(request.tenant.id, request.path.associationId, request.path.momentId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },
  setFollowUp: async (request) => ({
    statusCode: 200,
    body: await setFollowUp(request.tenant.id, request.path.associationId, request.path.momentId, request.path.followUpId, request.body, actorOf(request)),
  }),

  listFollowUps: async ({ tenant, query }) => ({ statusCode: 200, body: await listFollowUps(tenant.id, query) }),
};

export const handler = createHandler('consultations', operations);
