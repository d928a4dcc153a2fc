import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { HttpError } from '../lib/errors';
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany } from './store';
import { previewKboImport } from './kbo-preview';
import { applyKboImport } from './kbo-apply';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

function idempotencyKeyOf(headers: Record<string, string | undefined>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new HttpError(400, 'validation_failed', {
      fields: [{ path: 'header.idempotency-key', code: 'invalid_idempotency_key', message: '8–128 characters: letters, digits, - or _' }],
    });
  }
  return value;
}

const operations: Operations<'companies'> = {
  previewKboImport: async ({ tenant, path, body }) => ({
    statusCode: 200,
    body: await previewKboImport(tenant.id, path.parkId, body.candidates, body.snapshotDate),
  }),
  applyKboImport: async (request) => ({
    statusCode: 200,
    body: await applyKboImport(request.tenant.id, request.path.parkId, request.body.candidates, request.body.expect, actorOf(request), request.body.snapshotDate),
  }),
  listCompanies: async ({ tenant, query }) => {
    const { items, nextCursor } = await listCompanies(tenant.id, query);
    return { statusCode: 200, body: { items, nextCursor } };
  },
  createCompany: async (request) => {
    const { tenant, body, headers } = request;
    const idempotencyKey = idempotencyKeyOf(headers);
    const fingerprint = idempotencyKey ? createHash('sha256').update(`${request.caller.userId}\n${JSON.stringify(body)}`).digest('base64url') : undefined;
    const { company } = await createCompany(tenant.id, body, actorOf(request), { id: ulid(), idempotencyKey, fingerprint });
    return { statusCode: 201, body: company, headers: { location: `/api/tenants/${tenant.id}/companies/${company.id}` } };
  },
  getCompany: async ({ tenant, path }) => {
    const company = await getCompany(tenant.id, path.companyId);
    if (!company) throw new HttpError(404, 'not_found');
    return { statusCode: 200, body: company };
  },
  updateCompany: async (request) => ({
    statusCode: 200,
    body: await updateCompany(request.tenant.id, request.path.companyId, request.body, actorOf(request)),
  }),
  deleteCompany: async (request) => {
    await deleteCompany(request.tenant.id, request.path.companyId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },
};

export const handler = createHandler('companies', operations);
