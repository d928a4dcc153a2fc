import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { establishmentNumberFromBody } from '../../shared/kbo/numbers';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { keys, startTestApi, type TestApi } from '../support/test-api';

/**
 * Zones in the register: a company's zone must be one of its park's, companies and members are counted per zone
 * in the same transaction as every change (so the counters equal a recount at any time), coverage reports them,
 * and a zone with companies cannot be removed from its park.
 */
let api: TestApi;
let A1: string, P1: string, P2: string;
type ZoneIds = { z1: string; z1a: string; z2: string; y1: string };
let zones: ZoneIds;

const companies = `/api/tenants/${'{A1}'}/companies`;
const path = (rest = '') => companies.replace('{A1}', A1) + rest;

async function putPark(parkId: string, name: string, zoneList: { id?: string; name: string; parentId?: string; streets?: string[] }[]) {
  const parks = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items as { id: string; version: number; postalCode: string }[];
  const park = parks.find((p) => p.id === parkId)!;
  return api.call('PUT', `/api/tenants/${A1}/parks/${parkId}`, {
    body: { name, municipality: 'Leuven', postalCode: park.postalCode, streets: [], zones: zoneList.map((z) => ({ streets: [], ...z })), version: park.version },
  });
}

/** Every company of the association, through the API's own list (all pages). */
async function allCompanies(): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', path(`?limit=100${cursor ? `&cursor=${cursor}` : ''}`));
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The zone counters as stored versus a recount of the companies. */
async function zoneCounters() {
  const list = await allCompanies();
  const recount: Record<string, { companies: number; members: number }> = {};
  const stored: Record<string, { companies: number; members: number }> = {};
  for (const [zoneId, parkId] of [[zones.z1, P1], [zones.z1a, P1], [zones.z2, P1], [zones.y1, P2]] as const) {
    const inZone = list.filter((c) => c.zoneId === zoneId);
    recount[zoneId] = { companies: inZone.length, members: inZone.filter((c) => c.membershipStatus === 'member').length };
    const item = await api.getItem(keys.zoneStats(A1, parkId, zoneId));
    stored[zoneId] = { companies: Number(item?.companyCount ?? 0), members: Number(item?.memberCount ?? 0) };
  }
  return { recount, stored };
}

const create = (body: Record<string, unknown>) => api.call('POST', path(), { body: { parkId: P1, ...body } });
const edit = (company: any, changes: Record<string, unknown>) => {
  const { id: _id, tenantId: _t, version, createdAt: _c, updatedAt: _u, memberSince: _m, kboVanishedOn: _k, ...fields } = company;
  return api.call('PUT', path(`/${company.id}`), { body: { ...fields, version, ...changes } });
};

beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  ({ P1: { id: P1 }, P2: { id: P2 } } = api.world.parks);
  const p1 = await putPark(P1, 'Park One', [{ name: 'Zone 1' }, { name: 'Zone 2' }]);
  expect(p1.status).toBe(200);
  const [z1, z2] = p1.body.zones;
  const again = await putPark(P1, 'Park One', [{ id: z1.id, name: 'Zone 1' }, { name: 'Zone 1A', parentId: z1.id }, { id: z2.id, name: 'Zone 2' }]);
  const z1a = again.body.zones.find((z: any) => z.name === 'Zone 1A');
  const p2 = await putPark(P2, 'Park Two', [{ name: 'Yonder' }]);
  zones = { z1: z1.id, z1a: z1a.id, z2: z2.id, y1: p2.body.zones[0].id };
});
afterAll(() => api.stop());

describe('a company’s zone', () => {
  it('must be a zone of the company’s own park', async () => {
    const inSubzone = await create({ name: 'Subzone nv', zoneId: zones.z1a });
    expect(inSubzone.status).toBe(201);
    expect(inSubzone.body.zoneId).toBe(zones.z1a);

    const otherPark = await create({ name: 'Verdwaald nv', zoneId: zones.y1 });
    expect(otherPark.status).toBe(400);
    expect(otherPark.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zoneId', code: 'unknown_zone' })]);
    const nowhere = await create({ name: 'Nergens nv', zoneId: ulid() });
    expect(nowhere.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zoneId', code: 'unknown_zone' })]);

    const intoOtherParksZone = await edit(inSubzone.body, { zoneId: zones.y1 });
    expect(intoOtherParksZone.status).toBe(400);
    expect(intoOtherParksZone.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zoneId', code: 'unknown_zone' })]);
    const moved = await edit(inSubzone.body, { parkId: P2, zoneId: zones.y1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parkId: P2, zoneId: zones.y1, version: 2 });

    const { recount, stored } = await zoneCounters();
    expect(stored).toEqual(recount);
    expect(stored[zones.y1]!.companies).toBeGreaterThanOrEqual(1);
  });

  it('refuses unknown NACE divisions with their own code, on creating and on editing', async () => {
    const unknown = await create({ name: 'Vreemd nv', naceCode: '04.100' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([expect.objectContaining({ path: 'body.naceCode', code: 'unknown_nace' })]);
    const malformed = await create({ name: 'Vreemd nv', naceCode: 'abc' });
    expect(malformed.body.error.fields).toEqual([expect.objectContaining({ path: 'body.naceCode', code: 'invalid_nace' })]);
    const english = await api.call('POST', path(), { body: { name: 'Vreemd nv', parkId: P1, naceCode: '00' }, headers: { 'accept-language': 'en' } });
    expect(english.body.error.fields[0].message).toMatch(/NACE-BEL division/);
    const fine = await create({ name: 'Gewoon nv', naceCode: '25.620' });
    expect(fine.status).toBe(201);
    const badEdit = await edit(fine.body, { naceCode: '99.99' });
    expect(badEdit.status).toBe(200);
    const worse = await edit(badEdit.body, { naceCode: '76.1' });
    expect(worse.status).toBe(400);
    expect(worse.body.error.fields).toEqual([expect.objectContaining({ path: 'body.naceCode', code: 'unknown_nace' })]);
  });

  it('keeps one register row per establishment: two establishments of one enterprise are two companies', async () => {
    const enterpriseNumber = enterpriseNumberFromBody(12_345_671);
    const first = await create({ name: 'Tweevestig nv', enterpriseNumber, establishmentNumber: establishmentNumberFromBody(21_234_567), zoneId: zones.z1 });
    const second = await create({ name: 'Tweevestig nv', enterpriseNumber, establishmentNumber: establishmentNumberFromBody(21_234_568), zoneId: zones.z2 });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);
    const found = (await api.call('GET', path(`?q=${encodeURIComponent('tweevestig')}`))).body.items;
    expect(found.map((c: any) => c.establishmentNumber).sort()).toEqual([first.body.establishmentNumber, second.body.establishmentNumber].sort());
    const badEstablishment = await create({ name: 'X', establishmentNumber: '2.123.456.780' });
    expect(badEstablishment.body.error.fields).toEqual([expect.objectContaining({ path: 'body.establishmentNumber', code: 'establishment_number_checksum' })]);
  });
});

describe('zone counters', () => {
  it('stay exact through creating, editing, moving, status changes and deleting', async () => {
    const a = (await create({ name: 'Teller A nv', zoneId: zones.z1, membershipStatus: 'member' })).body;
    const b = (await create({ name: 'Teller B nv', zoneId: zones.z1a, membershipStatus: 'prospect' })).body;
    const c = (await create({ name: 'Teller C nv', membershipStatus: 'member' })).body;
    let check = await zoneCounters();
    expect(check.stored).toEqual(check.recount);

    const a2 = (await edit(a, { zoneId: zones.z2 })).body; // move between zones, still a member
    const b2 = (await edit(b, { membershipStatus: 'member' })).body; // status change inside its zone
    const c2 = (await edit(c, { zoneId: zones.z1a, membershipStatus: 'former_member' })).body; // into a zone, and out of membership
    expect([a2.version, b2.version, c2.version]).toEqual([2, 2, 2]);
    check = await zoneCounters();
    expect(check.stored).toEqual(check.recount);

    const noZone = (await edit(b2, { zoneId: undefined })).body; // out of every zone
    expect(noZone.zoneId).toBeUndefined();
    const otherPark = (await edit(a2, { parkId: P2, zoneId: zones.y1 })).body;
    expect((await api.call('DELETE', path(`/${c2.id}?version=${c2.version}`))).status).toBe(204);
    const stale = await edit(otherPark, { zoneId: zones.z2, parkId: P1, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: a.id, version: otherPark.version, zoneId: zones.y1 });
    check = await zoneCounters();
    expect(check.stored).toEqual(check.recount);
  });

  it('stay exact when many edits race, also on the same company', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => create({ name: `Race ${i} nv`, zoneId: [zones.z1, zones.z1a, zones.z2][i % 3], membershipStatus: i % 2 ? 'member' : 'prospect' })),
    );
    const racers = made.map((r) => r.body);
    const targets = [zones.z1, zones.z1a, zones.z2, undefined];
    const statuses = ['member', 'prospect', 'interested', 'former_member'];
    const attempts = racers.flatMap((company, i) =>
      // Three edits of the same version per company: at most one wins, the others answer 409 (or 503 on a
      // transaction conflict over a shared counter).
      [0, 1, 2].map((j) => () => edit(company, { zoneId: targets[(i + j) % 4], membershipStatus: statuses[(i * 3 + j) % 4] })),
    );
    const results = await Promise.all(attempts.map((attempt) => attempt()));
    const statusesSeen = results.map((r) => r.status);
    expect(statusesSeen.every((s) => [200, 409, 503].includes(s))).toBe(true);
    for (let i = 0; i < racers.length; i += 1) {
      expect(results.slice(i * 3, i * 3 + 3).filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    }
    const check = await zoneCounters();
    expect(check.stored).toEqual(check.recount);
    const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P1);
    const onP1 = (await allCompanies()).filter((c) => c.parkId === P1);
    expect({ companies: park.companyCount, members: park.memberCount }).toEqual({
      companies: onP1.length,
      members: onP1.filter((c) => c.membershipStatus === 'member').length,
    });
  });
});

describe('coverage per zone', () => {
  it('reports each zone (a zone with its subzones) and the companies without a zone, adding up to the park', async () => {
    const coverage = (await api.call('GET', `/api/tenants/${A1}/coverage`)).body;
    const list = await allCompanies();
    const p1 = coverage.parks.find((p: any) => p.parkId === P1);
    const figures = (rows: any[]) => {
      const members = rows.filter((c) => c.membershipStatus === 'member').length;
      return { companies: rows.length, members, coverage: rows.length ? Math.round((members / rows.length) * 10_000) / 10_000 : 0 };
    };
    const onP1 = list.filter((c) => c.parkId === P1);
    expect(p1.zones).toEqual([
      { zoneId: zones.z1, name: 'Zone 1', ...figures(onP1.filter((c) => c.zoneId === zones.z1 || c.zoneId === zones.z1a)) },
      { zoneId: zones.z1a, name: 'Zone 1A', parentId: zones.z1, ...figures(onP1.filter((c) => c.zoneId === zones.z1a)) },
      { zoneId: zones.z2, name: 'Zone 2', ...figures(onP1.filter((c) => c.zoneId === zones.z2)) },
    ]);
    expect(p1.withoutZone).toEqual(figures(onP1.filter((c) => !c.zoneId)));
    expect(p1.zones[0].companies + p1.zones[2].companies + p1.withoutZone.companies).toBe(p1.companies);
    const p2 = coverage.parks.find((p: any) => p.parkId === P2);
    expect(p2.zones).toEqual([{ zoneId: zones.y1, name: 'Yonder', ...figures(list.filter((c) => c.zoneId === zones.y1)) }]);
  });
});

describe('removing a zone from its park', () => {
  it('is refused while companies are in it, naming the zone, and allowed once it is empty', async () => {
    const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P1);
    const [z1, z1a, z2] = park.zones;
    const withoutZone2 = [z1, z1a, { name: 'Zone 3' }];
    const inZone2 = (await allCompanies()).filter((c) => c.zoneId === zones.z2);
    if (inZone2.length === 0) inZone2.push((await create({ name: 'Zone 2 bewoner nv', zoneId: zones.z2 })).body);

    const refused = await api.call('PUT', `/api/tenants/${A1}/parks/${P1}`, {
      body: { name: 'Park One', municipality: 'Leuven', postalCode: park.postalCode, streets: [], zones: withoutZone2, version: park.version },
      headers: { 'accept-language': 'en' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ path: 'body.zones', code: 'zone_in_use', message: expect.stringMatching(/^Zone 2: .*still has companies/) }]);
    expect((await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P1).version).toBe(park.version);

    for (const company of inZone2) {
      const current = (await api.call('GET', path(`/${company.id}`))).body;
      expect((await edit(current, { zoneId: zones.z1 })).status).toBe(200);
    }
    const allowed = await api.call('PUT', `/api/tenants/${A1}/parks/${P1}`, {
      body: { name: 'Park One', municipality: 'Leuven', postalCode: park.postalCode, streets: [], zones: withoutZone2, version: park.version },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.zones.map((z: any) => z.name)).toEqual(['Zone 1', 'Zone 1A', 'Zone 3']);
    expect(await api.getItem(keys.zoneStats(A1, P1, zones.z2))).toBeUndefined();
    const late = await create({ name: 'Te laat nv', zoneId: zones.z2 });
    expect(late.body.error.fields).toEqual([expect.objectContaining({ path: 'body.zoneId', code: 'unknown_zone' })]);
  });

  it('never leaves a company in a removed zone when the removal and a company race', async () => {
    for (let round = 0; round < 4; round += 1) {
      const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P2);
      const added = await api.call('PUT', `/api/tenants/${A1}/parks/${P2}`, {
        body: { name: 'Park Two', municipality: 'Leuven', postalCode: park.postalCode, streets: [], version: park.version, zones: [...park.zones, { name: `Tijdelijk ${round}` }] },
      });
      const temporary = added.body.zones.at(-1);
      const [companyResult, parkResult] = await Promise.all([
        api.call('POST', path(), { body: { name: `Racer ${round} nv`, parkId: P2, zoneId: temporary.id } }),
        api.call('PUT', `/api/tenants/${A1}/parks/${P2}`, {
          body: { name: 'Park Two', municipality: 'Leuven', postalCode: park.postalCode, streets: [], version: added.body.version, zones: park.zones },
        }),
      ]);
      const latest = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P2);
      const zoneStillThere = latest.zones.some((z: any) => z.id === temporary.id);
      const inTemporary = (await allCompanies()).filter((c) => c.zoneId === temporary.id);
      // Either the company got in and the zone stayed, or the zone went and the company did not get in.
      if (zoneStillThere) expect(parkResult.status, JSON.stringify(parkResult.body)).not.toBe(200);
      else expect(inTemporary).toEqual([]);
      if (companyResult.status === 201) expect(zoneStillThere).toBe(true);
      const stats = await api.getItem(keys.zoneStats(A1, P2, temporary.id));
      expect(Number(stats?.companyCount ?? 0)).toBe(inTemporary.length);
      // Clean up: the company leaves, the zone goes.
      for (const company of inTemporary) expect((await api.call('DELETE', path(`/${company.id}?version=${company.version}`))).status).toBe(204);
      const now = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P2);
      if (zoneStillThere) {
        const removed = await api.call('PUT', `/api/tenants/${A1}/parks/${P2}`, {
          body: { name: 'Park Two', municipality: 'Leuven', postalCode: now.postalCode, streets: [], version: now.version, zones: park.zones },
        });
        expect(removed.status).toBe(200);
      }
    }
  });
});
