import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { loadTenant } from '../lib/tenants';
import { listAssociationsOfUmbrella, listParks, listUmbrellas } from './store';

const operations: Operations<'organisations'> = {
  listUmbrellas: async () => ({ statusCode: 200, body: { items: await listUmbrellas() } }),
  getTenant: async ({ path }) => ({ statusCode: 200, body: await loadTenant(path.tenantId) }),
  listAssociations: async ({ path }) => {
    await loadTenant(path.tenantId, 'umbrella');
    return { statusCode: 200, body: { items: await listAssociationsOfUmbrella(path.tenantId) } };
  },
  listParks: async ({ path }) => {
    await loadTenant(path.tenantId, 'association');
    return { statusCode: 200, body: { items: await listParks(path.tenantId) } };
  },
};

export const handler = createHandler('organisations', operations);
