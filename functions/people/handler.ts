import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import { createHandler } from '../lib/create-handler';
import { HttpError } from '../lib/errors';
import { actorOf, type Operations } from '../lib/http';
import { hasGrant } from '../team/grants';
import {
  createBoardMember,
  createParkManager,
  createWorkingGroup,
  deleteBoardMember,
  deleteParkManager,
  deleteWorkingGroup,
  listPeople,
  updateBoardMember,
  updateParkManager,
  updateWorkingGroup,
  type CreateOptions,
} from './store';
import { contactDetailsFor, withContactDetails } from './visibility';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** A fresh id, and the Idempotency-Key bound to who sent which body (a key reused for anything else is refused). */
function createOptions(request: { headers: Record<string, string | undefined>; caller: { userId: string }; body: unknown }): CreateOptions {
  const idempotencyKey = request.headers['idempotency-key'];
  if (idempotencyKey === undefined) return { id: ulid() };
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new HttpError(400, 'validation_failed', {
      fields: [{ path: 'header.idempotency-key', code: 'invalid_idempotency_key', message: '8–128 characters: letters, digits, - or _' }],
    });
  }
  const fingerprint = createHash('sha256').update(`${request.caller.userId}\n${JSON.stringify(request.body)}`).digest('base64url');
  return { id: ulid(), idempotencyKey, fingerprint };
}

const created = (body: unknown) => ({ statusCode: 201, body });

const operations: Operations<'people'> = {
  listPeople: async ({ tenant, role }) => {
    // The umbrella's people get contact fields only while the association shares its register with them.
    const registerShared = (role === 'umbrella_admin' || role === 'umbrella_staff') && (await hasGrant(tenant.id, 'register'));
    const people = await listPeople(tenant.id, new Date().toISOString().slice(0, 10));
    return { statusCode: 200, body: withContactDetails(people, contactDetailsFor(role, registerShared)) };
  },

  createBoardMember: async (request) =>
    created((await createBoardMember(request.tenant.id, request.body, actorOf(request), createOptions(request))).member),
  updateBoardMember: async (request) => ({
    statusCode: 200,
    body: await updateBoardMember(request.tenant.id, request.path.boardMemberId, request.body, actorOf(request)),
  }),
  deleteBoardMember: async (request) => {
    await deleteBoardMember(request.tenant.id, request.path.boardMemberId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },

  createParkManager: async (request) =>
    created((await createParkManager(request.tenant.id, request.body, actorOf(request), createOptions(request))).manager),
  updateParkManager: async (request) => ({
    statusCode: 200,
    body: await updateParkManager(request.tenant.id, request.path.parkManagerId, request.body, actorOf(request)),
  }),
  deleteParkManager: async (request) => {
    await deleteParkManager(request.tenant.id, request.path.parkManagerId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },

  createWorkingGroup: async (request) =>
    created((await createWorkingGroup(request.tenant.id, request.body, actorOf(request), createOptions(request))).group),
  updateWorkingGroup: async (request) => ({
    statusCode: 200,
    body: await updateWorkingGroup(request.tenant.id, request.path.workingGroupId, request.body, actorOf(request)),
  }),
  deleteWorkingGroup: async (request) => {
    await deleteWorkingGroup(request.tenant.id, request.path.workingGroupId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },
};

export const handler = createHandler('people', operations);
