import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('applying a KBO import', () => {
  const P2 = () => api.world.parks.P2.id;
  const previewOn = (parkId: string, list: KboCandidate[]) =>
    api.call('POST', `/api/tenants/${A1}/parks/${parkId}/kbo/preview`, { as: 'adminA1', body: { snapshotDate: '2026-11-01', candidates: list } });
  const apply = (parkId: string, list: KboCandidate[], expect: unknown) =>
    api.call('POST', `/api/tenants/${A1}/parks/${parkId}/kbo/apply`, { as: 'adminA1', body: { snapshotDate: '2026-11-01', candidates: list, expect } });
  const expectationOf = async (parkId: string, preview: { added: { establishmentNumber: string | null; enterpriseNumber: string }[]; changed: { companyId: string }[]; vanished: { companyId: string }[] }) => {
    const version = async (id: string) => (await api.call('GET', `/api/tenants/${A1}/companies/${id}`, { as: 'adminA1' })).body.version;
    return {
      added: preview.added.map((a) => a.establishmentNumber ?? a.enterpriseNumber),
      changed: await Promise.all(preview.changed.map(async (c) => ({ companyId: c.companyId, version: await version(c.companyId) }))),
      vanished: await Promise.all(preview.vanished.map(async (c) => ({ companyId: c.companyId, version: await version(c.companyId) }))),
    };
  };
  const parkCount = async (parkId: string) =>
    (await api.call('GET', `/api/tenants/${A1}/parks`, { as: 'adminA1' })).body.items.find((p: { id: string }) => p.id === parkId).companyCount;

  it('adds, updates register fields only and marks vanished companies, once confirmed', async () => {
    const known = candidates[1]!;
    const member = (await api.call('POST', `/api/tenants/${A1}/companies`, {
      as: 'adminA1', body: { name: 'Oud', parkId: P2(), enterpriseNumber: known.enterpriseNumber, membershipStatus: 'member', email: 'info@oud.test' },
    })).body;
    const gone = (await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminA1', body: { name: 'Weg nv', parkId: P2(), enterpriseNumber: '0123.456.749' } })).body;
    const preview = (await previewOn(P2(), candidates)).body;
    const before = await parkCount(P2());

    const applied = await apply(P2(), candidates, await expectationOf(P2(), preview));
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ added: preview.added.length, changed: 1, vanished: 1 });
    expect(await parkCount(P2())).toBe(before + preview.added.length);

    const updated = (await api.call('GET', `/api/tenants/${A1}/companies/${member.id}`, { as: 'adminA1' })).body;
    expect(updated).toMatchObject({ name: known.name, membershipStatus: 'member', email: 'info@oud.test', version: 2 });
    expect((await api.call('GET', `/api/tenants/${A1}/companies/${gone.id}`, { as: 'adminA1' })).body.kboVanishedOn).toBe('2026-11-01');
    const again = (await previewOn(P2(), candidates)).body;
    expect(again).toMatchObject({ added: [], changed: [] });
  });

  it('writes nothing when the register changed since the preview', async () => {
    const parkId = api.world.parks.P1.id;
    const preview = (await previewOn(parkId, candidates)).body;
    const expectation = await expectationOf(parkId, preview);
    await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminA1', body: { name: 'Tussendoor', parkId, enterpriseNumber: candidates[2]!.enterpriseNumber } });
    const before = await parkCount(parkId);
    const stale = await apply(parkId, candidates, expectation);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('import_stale');
    expect(await parkCount(parkId)).toBe(before);
  });

  it('undoes the transactions already committed when a later one fails', async () => {
    // Enough new companies for several transactions; the store fails the second one (a fault DynamoDB Local
    // cannot be asked to produce), after the first has committed.
    const { ulid } = await import('ulidx');
    const { enterpriseNumberFromBody } = await import('../../shared/enterprise-number');
    const many: KboCandidate[] = Array.from({ length: 70 }, (_, i) => ({
      ...candidates[0]!, establishmentNumber: null, enterpriseNumber: enterpriseNumberFromBody(5_000_000 + i), name: `Bulk ${i} ${ulid()}`,
    }));
    const parkId = api.world.parks.P2.id;
    const preview = (await previewOn(parkId, many)).body;
    const expectation = await expectationOf(parkId, preview);
    const listBefore = (await api.call('GET', `/api/tenants/${A1}/companies?limit=100&parkId=${parkId}`, { as: 'adminA1' })).body.items;
    const countBefore = await parkCount(parkId);

    const original = api.client.send.bind(api.client);
    let transactions = 0;
    const spy = vi.spyOn(api.client, 'send').mockImplementation(async (command: unknown) => {
      if ((command as { constructor: { name: string } }).constructor.name === 'TransactWriteCommand' && ++transactions === 2) {
        throw Object.assign(new Error('injected'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'TransactionConflict' }] });
      }
      return original(command as never);
    });
    try {
      const failed = await apply(parkId, many, expectation);
      expect(failed.status).toBe(409);
    } finally {
      spy.mockRestore();
    }
    expect(transactions).toBeGreaterThanOrEqual(3); // first committed, second failed, then the undo
    expect(await parkCount(parkId)).toBe(countBefore);
    const listAfter = (await api.call('GET', `/api/tenants/${A1}/companies?limit=100&parkId=${parkId}`, { as: 'adminA1' })).body.items;
    expect(listAfter).toEqual(listBefore);
  });
});

describe('importing into a park with zones', () => {
  const A1id = () => api.world.tenants.A1.id;
  it('gives new rows their establishment, juridical form, start date and the zone of their street; a re-import keeps what the association chose', async () => {
    const created = await api.call('POST', `/api/tenants/${A1id()}/parks`, {
      as: 'adminA1',
      body: {
        name: 'Zonepark', municipality: 'Leuven', postalCode: '3001', streets: ['Interleuvenlaan', 'Kapeldreef', 'Romeinse straat'],
        zones: [{ name: 'Noord', streets: ['Interleuvenlaan'] }, { name: 'Zuid', streets: ['Kapeldreef', 'Romeinse straat'] }],
      },
    });
    expect(created.status).toBe(201);
    const [noord, zuid] = created.body.zones;
    const withSubzone = await api.call('PUT', `/api/tenants/${A1id()}/parks/${created.body.id}`, {
      as: 'adminA1',
      body: {
        name: 'Zonepark', municipality: 'Leuven', postalCode: '3001', streets: created.body.streets, version: 1,
        zones: [noord, zuid, { name: 'Zuid A', parentId: zuid.id, streets: ['romeinse straat'] }],
      },
    });
    const zuidA = withSubzone.body.zones[2];
    const parkId = created.body.id;
    // The association already knows Golf & Co by its enterprise number only, and put it in zone Zuid itself.
    const golf = candidates.find((c) => c.name.startsWith('Golf'))!;
    const known = (await api.call('POST', `/api/tenants/${A1id()}/companies`, {
      as: 'adminA1', body: { name: 'Golf (eigen invoer)', parkId, enterpriseNumber: golf.enterpriseNumber, zoneId: zuid.id, notes: 'Onze notitie', membershipStatus: 'member' },
    })).body;

    const preview = (await api.call('POST', `/api/tenants/${A1id()}/parks/${parkId}/kbo/preview`, { as: 'adminA1', body: { snapshotDate: '2026-11-01', candidates } })).body;
    expect(preview.added).toHaveLength(candidates.length - 1);
    expect(preview.changed).toEqual([expect.objectContaining({ companyId: known.id, fields: expect.arrayContaining(['name', 'juridicalForm', 'startDate', 'establishmentNumber']) })]);
    const expectation = {
      added: preview.added.map((a: { establishmentNumber: string | null; enterpriseNumber: string }) => a.establishmentNumber ?? a.enterpriseNumber),
      changed: [{ companyId: known.id, version: known.version }],
      vanished: [],
    };
    const applied = await api.call('POST', `/api/tenants/${A1id()}/parks/${parkId}/kbo/apply`, { as: 'adminA1', body: { snapshotDate: '2026-11-01', candidates, expect: expectation } });
    expect(applied.status).toBe(200);

    const rows = (await api.call('GET', `/api/tenants/${A1id()}/companies?parkId=${parkId}&limit=100`, { as: 'adminA1' })).body.items;
    expect(rows).toHaveLength(candidates.length);
    const linked = rows.find((r: any) => r.id === known.id);
    // Register fields from the extract; membership, notes and the zone the association chose stay.
    expect(linked).toMatchObject({ name: golf.name, enterpriseNumber: golf.enterpriseNumber, juridicalForm: '610', membershipStatus: 'member', notes: 'Onze notitie', zoneId: zuid.id, version: 2 });
    expect(golf.enterpriseNumber).toBe('0400.070.758');
    const golfRows = rows.filter((r: any) => r.enterpriseNumber === '0400.070.758');
    expect(golfRows.map((r: any) => r.establishmentNumber).sort()).toEqual(['2.100.070.784', '2.100.070.883']);
    const zoneOf = (establishmentOrEnterprise: string) =>
      rows.find((r: any) => (r.establishmentNumber ?? r.enterpriseNumber) === establishmentOrEnterprise && r.id !== known.id)?.zoneId;
    const added = rows.filter((r: any) => r.id !== known.id);
    for (const row of added) {
      const candidate = candidates.find((c) => (c.establishmentNumber ?? c.enterpriseNumber) === (row.establishmentNumber ?? row.enterpriseNumber))!;
      expect(row).toMatchObject({ membershipStatus: 'prospect', startDate: candidate.startDate, ...(candidate.juridicalForm ? { juridicalForm: candidate.juridicalForm } : {}) });
    }
    expect(zoneOf('0400.020.278')).toBe(zuid.id); // Kapeldreef
    expect(zoneOf('2.100.060.688')).toBe(zuidA.id); // ROMEINSE STRAAT: the subzone, however it is written

    // Zone counters equal a recount, the coverage per zone follows.
    const coverage = (await api.call('GET', `/api/tenants/${A1id()}/coverage`, { as: 'adminA1' })).body;
    const parkFigures = coverage.parks.find((p: any) => p.parkId === parkId);
    const count = (ids: string[]) => rows.filter((r: any) => ids.includes(r.zoneId)).length;
    expect(parkFigures.zones.map((z: any) => [z.name, z.companies])).toEqual([
      ['Noord', count([noord.id])],
      ['Zuid', count([zuid.id, zuidA.id])],
      ['Zuid A', count([zuidA.id])],
    ]);
    expect(parkFigures.withoutZone.companies).toBe(rows.filter((r: any) => !r.zoneId).length);
    expect(parkFigures.zones.find((z: any) => z.name === 'Zuid').members).toBe(1);

    // A newer extract renames Foxtrot; the association had moved it to Noord and made it a member meanwhile.
    const foxtrot = rows.find((r: any) => r.establishmentNumber === '2.100.060.688');
    const { id: _i, tenantId: _t, createdAt: _c, updatedAt: _u, ...fields } = foxtrot;
    const moved = await api.call('PUT', `/api/tenants/${A1id()}/companies/${foxtrot.id}`, { as: 'adminA1', body: { ...fields, zoneId: noord.id, membershipStatus: 'member', notes: 'Lid sinds de nieuwjaarsreceptie' } });
    expect(moved.status).toBe(200);
    const newer = candidates.map((c) => (c.establishmentNumber === '2.100.060.688' ? { ...c, name: 'Foxtrot Benelux', juridicalForm: '014', startDate: '2019-07-01' } : c));
    const second = (await api.call('POST', `/api/tenants/${A1id()}/parks/${parkId}/kbo/preview`, { as: 'adminA1', body: { candidates: newer } })).body;
    expect(second.added).toEqual([]);
    expect(second.changed).toEqual([expect.objectContaining({ companyId: foxtrot.id, fields: ['name', 'juridicalForm', 'startDate'] })]);
    const reapplied = await api.call('POST', `/api/tenants/${A1id()}/parks/${parkId}/kbo/apply`, {
      as: 'adminA1', body: { candidates: newer, expect: { added: [], changed: [{ companyId: foxtrot.id, version: moved.body.version }], vanished: [] } },
    });
    expect(reapplied.status).toBe(200);
    const after = (await api.call('GET', `/api/tenants/${A1id()}/companies/${foxtrot.id}`, { as: 'adminA1' })).body;
    expect(after).toMatchObject({ name: 'Foxtrot Benelux', juridicalForm: '014', startDate: '2019-07-01', zoneId: noord.id, membershipStatus: 'member', notes: 'Lid sinds de nieuwjaarsreceptie' });
    const recount = (await api.call('GET', `/api/tenants/${A1id()}/companies?parkId=${parkId}&limit=100`, { as: 'adminA1' })).body.items;
    for (const zone of [noord, zuid, zuidA]) {
      const stats = await api.getItem({ pk: `T#${A1id()}`, sk: `ZONESTATS#${parkId}#${zone.id}` });
      expect(Number(stats?.companyCount ?? 0), zone.name).toBe(recount.filter((r: any) => r.zoneId === zone.id).length);
      expect(Number(stats?.memberCount ?? 0), zone.name).toBe(recount.filter((r: any) => r.zoneId === zone.id && r.membershipStatus === 'member').length);
    }
  });
});
