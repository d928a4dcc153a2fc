import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { listCalendar } from './store';

const operations: Operations<'calendar'> = {
  getCalendar: async ({ tenant, query }) => ({ statusCode: 200, body: await listCalendar(tenant.id, query) }),
};

export const handler = createHandler('calendar', operations);
