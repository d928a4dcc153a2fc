import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { companyHistory, coverage, getGoals, listDues, putDues, putGoals } from './store';

const operations: Operations<'membership'> = {
  getCoverage: async ({ tenant }) => ({ statusCode: 200, body: await coverage(tenant.id, new Date().toISOString()) }),
  getGoals: async ({ tenant }) => ({ statusCode: 200, body: await getGoals(tenant.id) }),
  updateGoals: async (request) => ({ statusCode: 200, body: await putGoals(request.tenant.id, request.body, actorOf(request)) }),
  getCompanyHistory: async ({ tenant, path }) => ({ statusCode: 200, body: { items: await companyHistory(tenant.id, path.companyId) } }),
  listDues: async ({ tenant, query }) => ({ statusCode: 200, body: { items: await listDues(tenant.id, query.year) } }),
  putDues: async (request) => ({
    statusCode: 200,
    body: await putDues(request.tenant.id, request.path.companyId, request.path.year, request.body, actorOf(request)),
  }),
};

export const handler = createHandler('membership', operations);
