import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { routes } from '../../functions/routes';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('umbrellas and associations', () => {
  it('lists the umbrellas by name', async () => {
    const response = await api.call('GET', '/api/umbrellas', { as: 'platform' });
    expect(response.status).toBe(200);
    expect(response.body.items.map((u: { name: string }) => u.name)).toEqual(['Umbrella One', 'Umbrella Two']);
  });

  it('lists only the associations of the umbrella asked for', async () => {
    const { U1, U2 } = api.world.tenants;
    const one = await api.call('GET', `/api/tenants/${U1.id}/associations`, { as: 'staffU1' });
    expect(one.body.items.map((a: { name: string }) => a.name)).toEqual(['Association A1', 'Association A2']);
    const two = await api.call('GET', `/api/tenants/${U2.id}/associations`, { as: 'staffU2' });
    expect(two.body.items.map((a: { name: string }) => a.name)).toEqual(['Association B1']);
  });

  it('lists the parks of an association and nothing of another', async () => {
    const { A1 } = api.world.tenants;
    const response = await api.call('GET', `/api/tenants/${A1.id}/parks`);
    expect(response.body.items.map((p: { name: string }) => p.name)).toEqual(['Park One', 'Park Two']);
  });

  it('shows a tenant with its umbrella, and 404 for unknown ids or the wrong kind', async () => {
    const { A1, U1 } = api.world.tenants;
    expect((await api.call('GET', `/api/tenants/${A1.id}`)).body).toMatchObject({ kind: 'association', umbrellaId: U1.id });
    expect((await api.call('GET', `/api/tenants/${ulid()}`)).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${A1.id}/associations`, { as: 'platform' })).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${U1.id}/parks`, { as: 'platform' })).status).toBe(404);
  });
});

describe('platform routes', () => {
  it('reports health', async () => {
    const response = await api.call('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('serves an OpenAPI 3.1 document with every route of the route table', async () => {
    const { body } = await api.call('GET', '/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(body.paths[route.path]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    expect(body.components.schemas.CreateCompany.additionalProperties).toBe(false);
    expect(body.paths['/api/me'].get.security).toEqual([{ bearer: [] }]);
    expect(body.paths['/api/health'].get.security).toEqual([]);
  });

  it('answers 404 like API Gateway for routes that do not exist', async () => {
    expect((await api.call('GET', '/api/nope')).status).toBe(404);
    expect((await api.call('PATCH', '/api/health')).status).toBe(404);
  });
});
