import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { readComparison } from './comparison';
import { readPeerPosition } from './peer-position';
import { createPark, updatePark } from './parks';
import { listAssociationsOfUmbrella, listParks, listUmbrellas } from './store';

const operations: Operations<'organisations'> = {
  listUmbrellas: async () => ({ statusCode: 200, body: { items: await listUmbrellas() } }),
  getTenant: async ({ tenant }) => ({ statusCode: 200, body: tenant }),
  listAssociations: async ({ tenant }) => ({ statusCode: 200, body: { items: await listAssociationsOfUmbrella(tenant.id) } }),
  getComparison: async ({ tenant, query }) => ({ statusCode: 200, body: (await readComparison(tenant.id, { ...(query.year ? { year: query.year } : {}) })).comparison }),
  getPeerPosition: async ({ tenant, query }) => ({ statusCode: 200, body: await readPeerPosition(tenant, { ...(query.year ? { year: query.year } : {}) }) }),
  listParks: async ({ tenant }) => ({ statusCode: 200, body: { items: await listParks(tenant.id) } }),
  createPark: async (request) => ({ statusCode: 201, body: await createPark(request.tenant.id, request.body, actorOf(request)) }),
  updatePark: async (request) => ({ statusCode: 200, body: await updatePark(request.tenant.id, request.path.parkId, request.body, actorOf(request), request.locale) }),
};

export const handler = createHandler('organisations', operations);
