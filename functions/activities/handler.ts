import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import { createHandler } from '../lib/create-handler';
import { HttpError } from '../lib/errors';
import { actorOf, type Operations } from '../lib/http';
import { listOutcomes, recordAttendance, recordOutcome } from './attendance';
import { exportParticipants } from './participants-export';
import { listRegistrations } from './registrations';
import {
  cancelActivity,
  cancelAsMember,
  cancelAsOrganiser,
  cancelOccurrence,
  changeOccurrence,
  offeredActivity,
  participationFigures,
  registerAsMember,
  registerAsOrganiser,
} from './service';
import { createActivity, getActivity, listActivities, loadActivity, updateActivity } from './store';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The Idempotency-Key of a POST and who sent what with it: a key replays only for the same caller, path and
 * body; anything else reusing it answers 422.
 */
function idempotencyOf(request: { headers: Record<string, string | undefined>; caller: { userId: string }; path: unknown; body: unknown }) {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(400, 'validation_failed', {
      fields: [{ path: 'header.idempotency-key', code: 'invalid_idempotency_key', message: '8–128 characters: letters, digits, - or _' }],
    });
  }
  const fingerprint = createHash('sha256').update(`${request.caller.userId}\n${JSON.stringify(request.path)}\n${JSON.stringify(request.body)}`).digest('base64url');
  return { key, fingerprint };
}

/** An occurrence id in the path must belong to the activity in the path. */
async function assertOccurrenceOf(organiserId: string, activityId: string, occurrenceId: string) {
  const found = await loadActivity(organiserId, activityId);
  if (!found?.occurrences.some((occurrence) => occurrence.id === occurrenceId)) throw new HttpError(404, 'not_found');
}

const operations: Operations<'activities'> = {
  listActivities: async ({ tenant, query }) => ({ statusCode: 200, body: { items: await listActivities(tenant.id, query.from) } }),

  createActivity: async (request) => {
    const idempotency = idempotencyOf(request);
    const activity = await createActivity(request.tenant, request.body, actorOf(request), {
      id: ulid(), ...(idempotency ? { idempotencyKey: idempotency.key, fingerprint: idempotency.fingerprint } : {}),
    });
    return { statusCode: 201, body: activity, headers: { location: `/api/tenants/${request.tenant.id}/activities/${activity.id}` } };
  },

  getActivity: async ({ tenant, path }) => ({ statusCode: 200, body: await getActivity(tenant.id, path.activityId) }),

  updateActivity: async (request) => ({
    statusCode: 200,
    body: await updateActivity(request.tenant, request.path.activityId, request.body, actorOf(request)),
  }),

  cancelActivity: async (request) => ({
    statusCode: 200,
    body: await cancelActivity(request.tenant.id, request.path.activityId, request.body.version, actorOf(request)),
  }),

  updateOccurrence: async (request) => ({
    statusCode: 200,
    body: await changeOccurrence(request.tenant.id, request.path.activityId, request.path.occurrenceId, request.body, actorOf(request)),
  }),

  cancelOccurrence: async (request) => ({
    statusCode: 200,
    body: await cancelOccurrence(request.tenant.id, request.path.activityId, request.path.occurrenceId, request.body.version, actorOf(request)),
  }),

  listRegistrations: async ({ tenant, path }) => {
    await assertOccurrenceOf(tenant.id, path.activityId, path.occurrenceId);
    return { statusCode: 200, body: { items: await listRegistrations(tenant.id, path.occurrenceId) } };
  },

  registerForCompany: async (request) => {
    const idempotency = idempotencyOf(request);
    const { results, created } = await registerAsOrganiser({
      organiser: request.tenant, activityId: request.path.activityId, occurrenceId: request.path.occurrenceId, body: request.body, actor: actorOf(request),
      ...(idempotency ? { idempotency } : {}),
    });
    return { statusCode: created ? 201 : 200, body: { results } };
  },

  cancelRegistration: async (request) => ({
    statusCode: 200,
    body: await cancelAsOrganiser({
      organiserId: request.tenant.id, activityId: request.path.activityId, occurrenceId: request.path.occurrenceId, registrationId: request.path.registrationId, actor: actorOf(request),
    }),
  }),

  recordAttendance: async (request) => ({
    statusCode: 200,
    body: await recordAttendance(request.tenant.id, request.path.activityId, request.path.occurrenceId, request.path.registrationId, request.body, actorOf(request)),
  }),

  listOutcomes: async ({ tenant, path }) => {
    await assertOccurrenceOf(tenant.id, path.activityId, path.occurrenceId);
    return { statusCode: 200, body: { items: await listOutcomes(tenant.id, path.occurrenceId) } };
  },

  recordOutcome: async (request) => {
    await assertOccurrenceOf(request.tenant.id, request.path.activityId, request.path.occurrenceId);
    return {
      statusCode: 200,
      body: await recordOutcome(request.tenant.id, request.path.activityId, request.path.occurrenceId, request.path.companyId, request.body, actorOf(request)),
    };
  },

  getOfferedActivity: async ({ tenant, caller, role, path }) => ({
    statusCode: 200,
    body: await offeredActivity({ home: tenant, caller, role, organiserId: path.organiserId, activityId: path.activityId }),
  }),

  registerColleagues: async (request) => {
    const idempotency = idempotencyOf(request);
    const { results, created } = await registerAsMember({
      home: request.tenant, caller: request.caller, role: request.role,
      organiserId: request.path.organiserId, activityId: request.path.activityId, occurrenceId: request.path.occurrenceId,
      body: request.body, actor: actorOf(request), ...(idempotency ? { idempotency } : {}),
    });
    return { statusCode: created ? 201 : 200, body: { results } };
  },

  cancelOwnRegistration: async (request) => ({
    statusCode: 200,
    body: await cancelAsMember({
      home: request.tenant, caller: request.caller, role: request.role,
      organiserId: request.path.organiserId, activityId: request.path.activityId, occurrenceId: request.path.occurrenceId, registrationId: request.path.registrationId,
      actor: actorOf(request),
    }),
  }),

  getParticipationFigures: async ({ tenant, query }) => ({ statusCode: 200, body: await participationFigures(tenant.id, query.year) }),

  exportParticipantsCsv: async ({ tenant, path, query, locale }) => {
    const file = await exportParticipants(tenant.id, path.activityId, path.occurrenceId, { separator: query.separator, locale });
    return {
      statusCode: 200,
      body: file.text,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"` },
    };
  },
};

export const handler = createHandler('activities', operations);
