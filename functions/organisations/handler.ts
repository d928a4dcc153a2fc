import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { listAssociationsOfUmbrella, listParks, listUmbrellas } from './store';

const operations: Operations<'organisations'> = {
  listUmbrellas: async () => ({ statusCode: 200, body: { items: await listUmbrellas() } }),
  getTenant: async ({ tenant }) => ({ statusCode: 200, body: tenant }),
  listAssociations: async ({ tenant }) => ({ statusCode: 200, body: { items: await listAssociationsOfUmbrella(tenant.id) } }),
  listParks: async ({ tenant }) => ({ statusCode: 200, body: { items: await listParks(tenant.id) } }),
};

export const handler = createHandler('organisations', operations);
