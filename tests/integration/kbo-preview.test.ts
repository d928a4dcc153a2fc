import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanExtract, type KboCandidate } from '../../shared/kbo/index';
import { fixtureFiles } from '../unit/kbo/helpers';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string, P1: string;
let candidates: KboCandidate[];
beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  P1 = api.world.parks.P1.id;
  // The browser's part, done here in Node with the same code: scan the extract for the park.
  ({ candidates } = await scanExtract(await fixtureFiles('park'), { postalCodes: ['3001'], streets: ['Interleuvenlaan', 'romeinse straat', 'KAPELDREEF'] }));
});
afterAll(() => api.stop());

const preview = (body: unknown, as: 'adminA1' | 'editorA1' | 'staffU1' | 'adminA2' = 'adminA1') =>
  api.call('POST', `/api/tenants/${A1}/parks/${P1}/kbo/preview`, { as, body });

describe('the KBO import preview', () => {
  it('shows what the extract would add, change and mark as vanished, without writing anything', async () => {
    const known = candidates[0]!;
    const renamed = await api.call('POST', `/api/tenants/${A1}/companies`, {
      as: 'adminA1', body: { name: 'Oude Naam bv', parkId: P1, enterpriseNumber: known.enterpriseNumber, membershipStatus: 'member' },
    });
    const gone = await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminA1', body: { name: 'Verdwenen nv', parkId: P1, enterpriseNumber: '0123.456.749' } });
    await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminA1', body: { name: 'Zonder nummer', parkId: P1 } });
    const before = (await api.call('GET', `/api/tenants/${A1}/companies?limit=100&parkId=${P1}`, { as: 'adminA1' })).body.items;

    const response = await preview({ snapshotDate: '2026-11-01', candidates });
    expect(response.status).toBe(200);
    expect(response.body.added).toHaveLength(candidates.length - 1);
    expect(response.body.changed).toEqual([expect.objectContaining({ companyId: renamed.body.id, fields: expect.arrayContaining(['name']) })]);
    expect(response.body.vanished).toEqual([expect.objectContaining({ companyId: gone.body.id })]);
    expect(response.body.unlinked).toBe(1);

    const after = (await api.call('GET', `/api/tenants/${A1}/companies?limit=100&parkId=${P1}`, { as: 'adminA1' })).body.items;
    expect(after).toEqual(before);
  });

  it('checks the candidates like any input and keeps the preview to the register’s editors', async () => {
    const bad = await preview({ candidates: [{ ...candidates[0], enterpriseNumber: 'x', extra: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.candidates.0.enterpriseNumber', 'body.candidates.0.extra']);
    expect((await preview({ candidates }, 'staffU1')).status).toBe(403);
    expect((await preview({ candidates }, 'adminA2')).status).toBe(404);
    expect((await preview({ candidates }, 'editorA1')).status).toBe(200);
  });

  it('accepts a realistic park (hundreds of candidates) but not an endless body', async () => {
    const many = Array.from({ length: 600 }, () => candidates[0]);
    expect((await preview({ candidates: many })).status).toBe(200);
    const huge = await api.call('POST', `/api/tenants/${A1}/parks/${P1}/kbo/preview`, {
      as: 'adminA1', rawBody: JSON.stringify({ candidates: [], pad: 'x'.repeat(5 * 1024 * 1024) }), headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
  });
});
