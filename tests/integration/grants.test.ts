import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string, U1: string;
beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  U1 = api.world.tenants.U1.id;
});
afterAll(() => api.stop());

const register = (as: 'staffU1' | 'staffU2' | 'adminU1') => api.call('GET', `/api/tenants/${A1}/companies`, { as });

describe('grants to the umbrella', () => {
  it('keeps the register closed to umbrella people until the association opens it, and closes it again at once', async () => {
    expect((await register('staffU1')).status).toBe(403);

    const given = await api.call('PUT', `/api/tenants/${A1}/grants/register`, { as: 'adminA1' });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ associationId: A1, umbrellaId: U1, scope: 'register', grantedBy: 'adminA1' });
    expect((await api.call('PUT', `/api/tenants/${A1}/grants/register`, { as: 'adminA1' })).status).toBe(200);

    expect((await register('staffU1')).status).toBe(200);
    expect((await register('staffU2')).status).toBe(404);
    const write = await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminU1', body: { name: 'Koepel nv', parkId: api.world.parks.P1.id } });
    expect(write.status).toBe(403);

    await api.drainStreams();
    const seenByUmbrella = await api.call('GET', `/api/tenants/${U1}/grants`, { as: 'staffU1' });
    expect(seenByUmbrella.body.items).toEqual([expect.objectContaining({ associationId: A1, scope: 'register' })]);
    const seenByAssociation = await api.call('GET', `/api/tenants/${A1}/grants`, { as: 'adminA1' });
    expect(seenByAssociation.body.items).toEqual([expect.objectContaining({ umbrellaId: U1, scope: 'register' })]);

    expect((await api.call('DELETE', `/api/tenants/${A1}/grants/register`, { as: 'adminA1' })).status).toBe(204);
    expect((await register('staffU1')).status).toBe(403);
    await api.drainStreams();
    expect((await api.call('GET', `/api/tenants/${U1}/grants`, { as: 'staffU1' })).body.items).toEqual([]);
  });

  it('lets only the association’s own admins give or withdraw, and records both in its audit log', async () => {
    expect((await api.call('PUT', `/api/tenants/${A1}/grants/register`, { as: 'adminU1' })).status).toBe(403);
    expect((await api.call('PUT', `/api/tenants/${A1}/grants/register`, { as: 'editorA1' })).status).toBe(403);
    expect((await api.call('PUT', `/api/tenants/${A1}/grants/everything`, { as: 'adminA1' })).status).toBe(404);
    const log = await api.call('GET', `/api/tenants/${A1}/audit?limit=10`, { as: 'adminA1' });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['grant.give', 'grant.withdraw']));
  });
});
