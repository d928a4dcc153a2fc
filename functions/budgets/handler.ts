import { brusselsDay } from '../lib/brussels';
import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { getBudget, listBudgets, putBudget, subsidyKpis } from './store';


const operations: Operations<'budgets'> = {
  listBudgets: async ({ tenant }) => ({ statusCode: 200, body: { items: await listBudgets(tenant.id) } }),
  getBudget: async ({ tenant, path }) => ({ statusCode: 200, body: await getBudget(tenant.id, path.year) }),
  putBudget: async (request) => ({ statusCode: 200, body: await putBudget(request.tenant, request.path.year, request.body, actorOf(request)) }),
  getSubsidyKpis: async ({ tenant, query }) => ({ statusCode: 200, body: await subsidyKpis(tenant.id, query.year, brusselsDay()) }),
};

export const handler = createHandler('budgets', operations);
