import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { companyScope, myRegistrations } from './my-registrations';
import { listCalendar } from './store';

const operations: Operations<'calendar'> = {
  getCalendar: async ({ tenant, query }) => ({ statusCode: 200, body: await listCalendar(tenant.id, query) }),

  listMyRegistrations: async ({ tenant, caller, role, query }) => ({
    statusCode: 200,
    body: { items: await myRegistrations(tenant.id, companyScope(caller, role, tenant.id, query.companyId), query.when) },
  }),
};

export const handler = createHandler('calendar', operations);
