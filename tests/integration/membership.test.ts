import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A2: string, P3: string, U1: string;
beforeAll(async () => {
  api = await startTestApi();
  A2 = api.world.tenants.A2.id;
  U1 = api.world.tenants.U1.id;
  P3 = api.world.parks.P3.id;
});
afterAll(() => api.stop());

const as = 'adminA2' as const;
const create = async (name: string, membershipStatus = 'prospect') =>
  (await api.call('POST', `/api/tenants/${A2}/companies`, { as, body: { name, parkId: P3, membershipStatus } })).body;
const setStatus = async (company: { id: string; name: string; version: number }, membershipStatus: string) =>
  (await api.call('PUT', `/api/tenants/${A2}/companies/${company.id}`, { as, body: { name: company.name, parkId: P3, membershipStatus, version: company.version } })).body;

describe('membership status and coverage', () => {
  it('keeps a history of status changes and moves the member counts with them', async () => {
    const acme = await create('Acme nv');
    const interested = await setStatus(acme, 'interested');
    const member = await setStatus(interested, 'member');
    expect(member.memberSince).toBe(new Date().toISOString().slice(0, 10));
    const former = await setStatus(member, 'former_member');
    expect(former.memberSince).toBeUndefined();

    const history = await api.call('GET', `/api/tenants/${A2}/companies/${acme.id}/history`, { as });
    expect(history.body.items.map((e: { kind: string; from?: string; to?: string }) => [e.kind, e.from ?? null, e.to])).toEqual([
      ['created', null, 'prospect'],
      ['status', 'prospect', 'interested'],
      ['status', 'interested', 'member'],
      ['status', 'member', 'former_member'],
    ]);
  });

  it('reports coverage per park and in total against the goals, and over time', async () => {
    const before = (await api.call('GET', `/api/tenants/${A2}/coverage`, { as })).body;
    const one = await create('Member One nv', 'member');
    await create('Prospect Two nv');
    const after = (await api.call('GET', `/api/tenants/${A2}/coverage`, { as })).body;
    expect(after.totals.companies).toBe(before.totals.companies + 2);
    expect(after.totals.members).toBe(before.totals.members + 1);
    expect(after.totals.coverage).toBeCloseTo(after.totals.members / after.totals.companies, 4);
    expect(after.parks).toEqual([expect.objectContaining({ parkId: P3, companies: after.totals.companies, members: after.totals.members })]);
    expect(after.goals).toMatchObject({ targetCoverage: 0.5, foundingThreshold: 20, version: 0 });
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(after.series.at(-1)).toEqual({ month: thisMonth, companies: after.totals.companies, members: after.totals.members, coverage: after.totals.coverage });

    await api.call('DELETE', `/api/tenants/${A2}/companies/${one.id}?version=1`, { as });
    const removed = (await api.call('GET', `/api/tenants/${A2}/coverage`, { as })).body;
    expect(removed.totals).toMatchObject({ companies: after.totals.companies - 1, members: after.totals.members - 1 });
    expect(removed.series.at(-1).members).toBe(removed.totals.members);
  });

  it('shows coverage to the umbrella (aggregates) but keeps goals editable only by the association', async () => {
    expect((await api.call('GET', `/api/tenants/${A2}/coverage`, { as: 'staffU1' })).status).toBe(200);
    expect((await api.call('PUT', `/api/tenants/${A2}/goals`, { as: 'adminU1', body: { targetCoverage: 0.4, foundingThreshold: 10, stage: 'founded', version: 0 } })).status).toBe(403);
    await api.drainStreams();
    const row = (await api.call('GET', `/api/tenants/${U1}/associations`, { as: 'staffU1' })).body.items.find((a: { id: string }) => a.id === A2);
    const coverage = (await api.call('GET', `/api/tenants/${A2}/coverage`, { as })).body;
    expect(row).toMatchObject({ companyCount: coverage.totals.companies, memberCount: coverage.totals.members });
  });
});

describe('goals', () => {
  it('are set with versions and checked', async () => {
    const set = await api.call('PUT', `/api/tenants/${A2}/goals`, { as, body: { targetCoverage: 0.6, foundingThreshold: 15, stage: 'in_formation', version: 0 } });
    expect(set.body).toEqual({ targetCoverage: 0.6, foundingThreshold: 15, stage: 'in_formation', version: 1 });
    const stale = await api.call('PUT', `/api/tenants/${A2}/goals`, { as, body: { targetCoverage: 0.5, foundingThreshold: 20, stage: 'founded', version: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 1, targetCoverage: 0.6 });
    const bad = await api.call('PUT', `/api/tenants/${A2}/goals`, { as, body: { targetCoverage: 1.5, foundingThreshold: 0, stage: 'x', version: 1 } });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.foundingThreshold', 'body.stage', 'body.targetCoverage']);
  });
});

describe('dues', () => {
  it('records amount, invoice and payment per member per year, with versions', async () => {
    const company = await create('Dues nv', 'member');
    const path = `/api/tenants/${A2}/companies/${company.id}/dues/2026`;
    const created = await api.call('PUT', path, { as, body: { amountCents: 25_000, invoicedOn: '2026-02-01', version: 0 } });
    expect(created.body).toEqual({ companyId: company.id, year: 2026, amountCents: 25_000, invoicedOn: '2026-02-01', version: 1 });
    const paid = await api.call('PUT', path, { as, body: { amountCents: 25_000, invoicedOn: '2026-02-01', paidOn: '2026-03-15', version: 1 } });
    expect(paid.body.version).toBe(2);
    expect((await api.call('PUT', path, { as, body: { amountCents: 1, version: 1 } })).status).toBe(409);
    const list = await api.call('GET', `/api/tenants/${A2}/dues?year=2026`, { as });
    expect(list.body.items).toEqual([expect.objectContaining({ companyId: company.id, paidOn: '2026-03-15' })]);
    expect((await api.call('GET', `/api/tenants/${A2}/dues?year=2025`, { as })).body.items).toEqual([]);
  });

  it('refuses negative amounts, payment before invoice and unknown companies, writing nothing', async () => {
    const company = await create('Careful nv', 'member');
    const path = `/api/tenants/${A2}/companies/${company.id}/dues/2026`;
    const negative = await api.call('PUT', path, { as, body: { amountCents: -5, version: 0 } });
    expect(negative.body.error.fields).toEqual([expect.objectContaining({ path: 'body.amountCents', code: 'not_negative' })]);
    const early = await api.call('PUT', path, { as, body: { amountCents: 100, invoicedOn: '2026-05-01', paidOn: '2026-04-01', version: 0 } });
    expect(early.body.error.fields).toEqual([expect.objectContaining({ path: 'body.paidOn', code: 'paid_before_invoiced' })]);
    const { ulid } = await import('ulidx');
    expect((await api.call('PUT', `/api/tenants/${A2}/companies/${ulid()}/dues/2026`, { as, body: { amountCents: 100, version: 0 } })).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${A2}/dues?year=2026`, { as })).body.items.map((d: { companyId: string }) => d.companyId)).not.toContain(company.id);
  });
});
