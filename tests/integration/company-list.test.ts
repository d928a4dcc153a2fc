import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { foldForSearch, type Company, type MembershipStatus } from '../../shared/index';
import { listCompanies } from '../../functions/companies/store';
import { companyFixture, companyItem } from '../support/fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The register list: every filter (park, zone with its subzones, no zone, status, sector, search) alone and
 * combined, both sort orders, pages followed to the end against the expected rows computed here, and cursors
 * that only work for the filters they were issued for.
 */
let api: TestApi;
let A1: string, A2: string, P1: string, P2: string, P3: string;
let z1: string, z1a: string, z2: string;
const rows: Company[] = [];

const STATUSES: MembershipStatus[] = ['prospect', 'interested', 'member', 'former_member'];
const NACE = ['25.620', '25.11', '46.690', '62.010', undefined, '10.71'];
const WORDS = ['Alfa', 'Bravo', 'Çharlie', 'Delta', 'Écho', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima'];

beforeAll(async () => {
  api = await startTestApi();
  ({ A1: { id: A1 }, A2: { id: A2 } } = api.world.tenants);
  ({ P1: { id: P1 }, P2: { id: P2 }, P3: { id: P3 } } = api.world.parks);
  const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: any) => p.id === P1);
  const first = await api.call('PUT', `/api/tenants/${A1}/parks/${P1}`, {
    body: { name: park.name, municipality: 'Leuven', postalCode: '3001', streets: [], zones: [{ name: 'Z1' }, { name: 'Z2' }], version: park.version },
  });
  [z1, z2] = first.body.zones.map((z: any) => z.id);
  const second = await api.call('PUT', `/api/tenants/${A1}/parks/${P1}`, {
    body: { name: park.name, municipality: 'Leuven', postalCode: '3001', streets: [], version: first.body.version, zones: [...first.body.zones, { name: 'Z1A', parentId: z1 }] },
  });
  z1a = second.body.zones.find((z: any) => z.name === 'Z1A').id;
  // 72 companies over two parks, every combination of status, sector and zone represented.
  for (let i = 0; i < 72; i += 1) {
    const parkId = i % 4 === 3 ? P2 : P1;
    const zoneId = parkId === P1 ? [undefined, z1, z1a, z2][Math.floor(i / 4) % 4] : undefined;
    rows.push(companyFixture(A1, parkId, {
      name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 5) % WORDS.length]} ${i} nv`,
      membershipStatus: STATUSES[(i * 7) % 4]!,
      naceCode: NACE[i % NACE.length],
      municipality: i % 9 === 0 ? 'Heverlee' : 'Leuven',
      ...(zoneId ? { zoneId } : {}),
    }));
  }
  await api.put(rows.map(companyItem));
  await api.put([companyItem(companyFixture(A2, P3, { name: 'Elders nv', membershipStatus: 'member' }))]);
});
afterAll(() => api.stop());

const byName = (a: Company, b: Company) => {
  const ka = `${foldForSearch(a.name)}#${a.id}`;
  const kb = `${foldForSearch(b.name)}#${b.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

type Query = Record<string, string | number | undefined>;
const qs = (query: Query) =>
  Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

async function readAll(query: Query) {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `/api/tenants/${A1}/companies?${qs({ ...query, cursor })}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    ids.push(...page.body.items.map((c: Company) => c.id));
    pageSizes.push(page.body.items.length);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor && pageSizes.length < 50);
  return { ids, pageSizes };
}

const CASES: { label: string; query: Query; keep: (c: Company) => boolean }[] = [
  { label: 'everything', query: {}, keep: () => true },
  { label: 'one park', query: { parkId: '{P1}' }, keep: (c) => c.parkId === P1 },
  { label: 'status', query: { status: 'member' }, keep: (c) => c.membershipStatus === 'member' },
  { label: 'status in a park', query: { status: 'prospect', parkId: '{P2}' }, keep: (c) => c.membershipStatus === 'prospect' && c.parkId === P2 },
  { label: 'zone with its subzone', query: { zoneId: '{z1}' }, keep: (c) => c.zoneId === z1 || c.zoneId === z1a },
  { label: 'subzone only', query: { zoneId: '{z1a}', parkId: '{P1}' }, keep: (c) => c.zoneId === z1a },
  { label: 'no zone in a park', query: { zoneId: 'none', parkId: '{P1}' }, keep: (c) => c.parkId === P1 && !c.zoneId },
  { label: 'no zone anywhere', query: { zoneId: 'none' }, keep: (c) => !c.zoneId },
  { label: 'sector', query: { sector: '25' }, keep: (c) => c.naceCode?.startsWith('25') ?? false },
  { label: 'search', query: { q: 'CHARLIE' }, keep: (c) => foldForSearch(c.name).includes('charlie') },
  { label: 'search by municipality', query: { q: 'heverlee' }, keep: (c) => c.municipality === 'Heverlee' },
  {
    label: 'status, zone and sector together',
    query: { status: 'member', zoneId: '{z2}', sector: '46' },
    keep: (c) => c.membershipStatus === 'member' && c.zoneId === z2 && (c.naceCode?.startsWith('46') ?? false),
  },
  { label: 'nothing matches', query: { status: 'interested', sector: '99' }, keep: () => false },
];

/** Ids exist only once the world is built: the cases name them by placeholder. */
const resolve = (query: Query): Query => {
  const ids: Record<string, string> = { '{z1}': z1, '{z1a}': z1a, '{z2}': z2, '{P1}': P1, '{P2}': P2 };
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' && v in ids ? ids[v] : v]));
};

describe('listing the register', () => {
  it.each(CASES)('gives every row of “$label” exactly once, in name order both ways', async ({ query, keep }) => {
    const expected = rows.filter(keep).sort(byName).map((c) => c.id);
    const forward = await readAll({ ...resolve(query), limit: 7 });
    expect(forward.ids).toEqual(expected);
    const backward = await readAll({ ...resolve(query), limit: 7, sort: '-name' });
    expect(backward.ids).toEqual([...expected].reverse());
    // Unfiltered pages are always full but the last; none is ever empty unless nothing matches.
    if (Object.keys(query).length === 0) expect(forward.pageSizes.slice(0, -1).every((n) => n === 7)).toBe(true);
  });

  it('reads an unfiltered page of a park, and a page of one status, with a single Query', async () => {
    const page = await listCompanies(A1, { parkId: P1, limit: 50 });
    expect(page.items).toHaveLength(50);
    expect(page.reads).toBe(1);
    expect(page.consumedCapacity).toBeGreaterThan(0);
    const members = await listCompanies(A1, { status: 'member', limit: 10 });
    expect(members.reads).toBe(1);
    expect(members.items.every((c) => c.membershipStatus === 'member')).toBe(true);
  });

  it('follows a status change into the status index at once', async () => {
    const company = rows.find((c) => c.membershipStatus === 'interested' && c.parkId === P2)!;
    const current = (await api.call('GET', `/api/tenants/${A1}/companies/${company.id}`)).body;
    const { id: _i, tenantId: _t, createdAt: _c, updatedAt: _u, ...fields } = current;
    const edited = await api.call('PUT', `/api/tenants/${A1}/companies/${company.id}`, { body: { ...fields, membershipStatus: 'member' } });
    expect(edited.status).toBe(200);
    const interested = await readAll({ status: 'interested', limit: 100 });
    const members = await readAll({ status: 'member', limit: 100 });
    expect(interested.ids).not.toContain(company.id);
    expect(members.ids).toContain(company.id);
    company.membershipStatus = 'member';
  });
});

describe('list cursors and bad filters', () => {
  const list = (query: Query) => api.call('GET', `/api/tenants/${A1}/companies?${qs(query)}`);

  it('refuse a cursor issued for other filters, another sort, another tenant, or tampered with', async () => {
    const members = await list({ status: 'member', limit: 3 });
    const cursor = members.body.nextCursor as string;
    expect(cursor).toBeTruthy();
    expect((await list({ status: 'member', limit: 3, cursor })).status).toBe(200);
    expect((await list({ status: 'member', limit: 10, cursor })).status).toBe(200);
    const refusals = [
      { status: 'prospect', cursor },
      { status: 'member', sector: '25', cursor },
      { status: 'member', q: 'alfa', cursor },
      { status: 'member', sort: '-name', cursor },
      { status: 'member', parkId: P1, cursor },
      { cursor },
    ];
    for (const query of refusals) {
      const response = await list(query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.fields).toEqual([expect.objectContaining({ path: 'query.cursor', code: 'invalid_cursor' })]);
    }
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...decoded, f: 'AAAAAAAAAAAAAAAA' })).toString('base64url');
    expect((await list({ status: 'member', cursor: tampered })).status).toBe(400);
    const noBinding = { ...decoded };
    delete noBinding.f;
    expect((await list({ status: 'member', cursor: Buffer.from(JSON.stringify(noBinding)).toString('base64url') })).status).toBe(400);
    const foreign = await api.call('GET', `/api/tenants/${A2}/companies?${qs({ status: 'member', cursor })}`);
    expect(foreign.status).toBe(400);
  });

  it('refuse zones of other parks or of no park, and malformed or unknown sectors', async () => {
    const otherPark = await list({ parkId: P2, zoneId: z1 });
    expect(otherPark.status).toBe(400);
    expect(otherPark.body.error.fields).toEqual([expect.objectContaining({ path: 'query.zoneId', code: 'unknown_zone' })]);
    expect((await list({ zoneId: ulid() })).body.error.fields).toEqual([expect.objectContaining({ path: 'query.zoneId', code: 'unknown_zone' })]);
    expect((await list({ zoneId: 'somewhere' })).body.error.fields).toEqual([expect.objectContaining({ path: 'query.zoneId' })]);
    expect((await list({ sector: '2' })).body.error.fields).toEqual([expect.objectContaining({ path: 'query.sector', code: 'invalid_sector' })]);
    expect((await list({ sector: '04' })).body.error.fields).toEqual([expect.objectContaining({ path: 'query.sector', code: 'unknown_nace' })]);
    expect((await list({ status: 'gold' })).body.error.fields).toEqual([expect.objectContaining({ path: 'query.status' })]);
    // A zone of another association is unknown here.
    const elsewhere = await api.call('GET', `/api/tenants/${A2}/companies?zoneId=${z1}`);
    expect(elsewhere.status).toBe(400);
  });
});
