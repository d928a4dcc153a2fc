import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { getBudget, listBudgets, putBudget, subsidyKpis } from './store';

/** Today in Brussels (YYYY-MM-DD): the day the subsidy KPIs of the current year are judged on. */
const brusselsToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const operations: Operations<'budgets'> = {
  listBudgets: async ({ tenant }) => ({ statusCode: 200, body: { items: await listBudgets(tenant.id) } }),
  getBudget: async ({ tenant, path }) => ({ statusCode: 200, body: await getBudget(tenant.id, path.year) }),
  putBudget: async (request) => ({ statusCode: 200, body: await putBudget(request.tenant, request.path.year, request.body, actorOf(request)) }),
  getSubsidyKpis: async ({ tenant, query }) => ({ statusCode: 200, body: await subsidyKpis(tenant.id, query.year, brusselsToday()) }),
};

export const handler = createHandler('budgets', operations);
