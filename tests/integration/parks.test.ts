import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let B1: string, U2: string;
beforeAll(async () => {
  api = await startTestApi();
  B1 = api.world.tenants.B1.id;
  U2 = api.world.tenants.U2.id;
});
afterAll(() => api.stop());

const as = 'adminB1' as const;

describe('parks, zones and streets', () => {
  it('adds a park with zones and subzones, counted for the umbrella', async () => {
    const created = await api.call('POST', `/api/tenants/${B1}/parks`, {
      as,
      body: { name: 'Plassendale 1', municipality: 'Oostende', postalCode: '8400', streets: ['Vaartblekersstraat'], zones: [{ name: 'Zone 1', streets: ['Stokerijstraat'] }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Plassendale 1', streets: ['Vaartblekersstraat'], companyCount: 0, version: 1 });
    const [zone] = created.body.zones;

    const edited = await api.call('PUT', `/api/tenants/${B1}/parks/${created.body.id}`, {
      as,
      body: {
        name: 'Plassendale 1', municipality: 'Oostende', postalCode: '8400', streets: ['Vaartblekersstraat', 'Kalkaartweg'], version: 1,
        zones: [{ id: zone.id, name: 'Zone 1', streets: ['Stokerijstraat'] }, { name: 'Subzone 1A', parentId: zone.id, streets: [] }],
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.zones).toEqual([
      { id: zone.id, name: 'Zone 1', streets: ['Stokerijstraat'] },
      { id: expect.any(String), name: 'Subzone 1A', parentId: zone.id, streets: [] },
    ]);

    await api.drainStreams();
    const row = (await api.call('GET', `/api/tenants/${U2}/associations`, { as: 'staffU2' })).body.items[0];
    expect(row.parkCount).toBe(2);
  });

  it('refuses zones that point nowhere, nest too deep or repeat a name, and stale versions', async () => {
    const park = (await api.call('POST', `/api/tenants/${B1}/parks`, { as, body: { name: 'Test', municipality: 'X', postalCode: '8400', zones: [{ name: 'A' }] } })).body;
    const a = park.zones[0];
    const put = (zones: unknown[], version = 1) =>
      api.call('PUT', `/api/tenants/${B1}/parks/${park.id}`, { as, body: { name: 'Test', municipality: 'X', postalCode: '8400', streets: [], zones, version } });
    const { ulid } = await import('ulidx');
    const unknownParent = await put([{ id: a.id, name: 'A' }, { name: 'B', parentId: ulid() }]);
    expect(unknownParent.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zones.1.parentId', code: 'unknown_zone' })]);
    const subzone = { id: ulid(), name: 'A1', parentId: a.id };
    const tooDeep = await put([{ id: a.id, name: 'A' }, subzone, { name: 'A1x', parentId: subzone.id }]);
    expect(tooDeep.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zones.2.parentId', code: 'zone_too_deep' })]);
    const twice = await put([{ id: a.id, name: 'A' }, { name: 'a' }]);
    expect(twice.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zones.1.name', code: 'duplicate_name' })]);
    const badPostal = await api.call('POST', `/api/tenants/${B1}/parks`, { as, body: { name: 'X', municipality: 'X', postalCode: '84' } });
    expect(badPostal.body.error.fields).toEqual([expect.objectContaining({ path: 'body.postalCode', code: 'invalid_postal_code' })]);
    expect((await put([{ id: a.id, name: 'A' }], 1)).status).toBe(200);
    const stale = await put([{ id: a.id, name: 'A' }], 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.version).toBe(2);
  });

  it('lets only the association’s own admins change parks', async () => {
    const body = { name: 'Nope', municipality: 'X', postalCode: '8400' };
    expect((await api.call('POST', `/api/tenants/${B1}/parks`, { as: 'staffU2', body })).status).toBe(403);
    expect((await api.call('POST', `/api/tenants/${B1}/parks`, { as: 'adminA1', body })).status).toBe(404);
  });
});
