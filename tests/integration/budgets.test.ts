import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulidx';
import { budgetItem } from '../../functions/budgets/items';
import { umbrellaBudgetSummaries } from '../../functions/budgets/umbrella';
import { keys } from '../../functions/lib/keys';
import { parkManagerItem } from '../../functions/people/items';
import { handler as rollups } from '../../functions/rollups/handler';
import { budgetTotals, type BudgetLine } from '../../shared/index';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string, A2: string, B1: string, U1: string;
beforeAll(async () => {
  api = await startTestApi();
  ({ A1: { id: A1 }, A2: { id: A2 }, B1: { id: B1 }, U1: { id: U1 } } = api.world.tenants);
});
afterAll(() => api.stop());

const YEAR = new Date().getUTCFullYear();
const line = (kind: 'income' | 'cost', what: string, amountCents: number, period?: { from: string; to: string }): BudgetLine =>
  (kind === 'income' ? { kind, source: what, label: what, amountCents, ...(period ? { period } : {}) } : { kind, category: what, label: what, amountCents, ...(period ? { period } : {}) }) as BudgetLine;
const healthy = [
  line('cost', 'park_manager', 60_000_00),
  line('cost', 'activities', 20_000_00),
  line('income', 'local_government', 25_000_00),
  line('income', 'member_fees', 30_000_00),
  line('income', 'umbrella_subsidy', 5_000_00),
];

describe('budgets', () => {
  it('starts empty at version 0, is created with version 0 and lists the years that have one', async () => {
    const path = `/api/tenants/${A1}/budgets/${YEAR + 1}`;
    const empty = await api.call('GET', path, { as: 'editorA1' });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ associationId: A1, year: YEAR + 1, lines: [], version: 0, totals: { incomeCents: 0, costCents: 0 } });

    const saved = await api.call('PUT', path, { as: 'editorA1', body: { lines: healthy, version: 0 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, totals: { incomeCents: 60_000_00, costCents: 80_000_00 } });
    expect(saved.body.totals.incomeBySource).toMatchObject({ local_government: 25_000_00, member_fees: 30_000_00, umbrella_subsidy: 5_000_00 });
    expect((await api.call('GET', path, { as: 'staffU1' })).body.lines).toEqual(healthy);

    const years = await api.call('GET', `/api/tenants/${A1}/budgets`, { as: 'adminU1' });
    expect(years.body.items.map((item: { year: number; version: number }) => [item.year, item.version])).toEqual([[YEAR + 1, 1]]);
  });

  it('answers 409 with the current budget on a stale version, and keeps the newer one', async () => {
    const path = `/api/tenants/${A2}/budgets/${YEAR}`;
    expect((await api.call('PUT', path, { as: 'adminA2', body: { lines: healthy, version: 0 } })).status).toBe(200);
    const edited = await api.call('PUT', path, { as: 'adminA2', body: { lines: healthy.slice(0, 2), version: 1 } });
    expect(edited.body.version).toBe(2);

    const stale = await api.call('PUT', path, { as: 'adminA2', body: { lines: [], version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2, lines: healthy.slice(0, 2) });
    const again = await api.call('PUT', path, { as: 'adminA2', body: { lines: healthy, version: 0 } });
    expect(again.status).toBe(409); // creating twice
    expect((await api.call('GET', path, { as: 'adminA2' })).body.version).toBe(2);
  });

  it('refuses negative amounts, unknown sources and overlapping periods with field errors at the line, writing nothing', async () => {
    const path = `/api/tenants/${A2}/budgets/${YEAR + 5}`;
    const shape = await api.call('PUT', path, {
      as: 'adminA2',
      body: { version: 0, lines: [line('income', 'member_fees', -100), line('income', 'lottery', 100), { kind: 'cost', category: 'other', label: '', amountCents: 1 }] },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['body.lines.0.amountCents', 'not_negative'],
      ['body.lines.1.source', 'unknown_source'],
      ['body.lines.2.label', 'required'],
    ]);

    const y = YEAR + 5;
    const overlap = await api.call('PUT', path, {
      as: 'adminA2',
      headers: { 'accept-language': 'en' },
      body: {
        version: 0,
        lines: [
          line('cost', 'park_manager', 100, { from: `${y}-01-01`, to: `${y}-06-30` }),
          line('income', 'member_fees', 100),
          line('cost', 'activities', 100, { from: `${y}-01-01`, to: `${y}-12-31` }),
          line('cost', 'park_manager', 100, { from: `${y}-06-01`, to: `${y}-12-31` }),
          line('income', 'sponsorship', 100, { from: `${y - 1}-12-01`, to: `${y}-01-31` }),
        ],
      },
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.fields).toEqual([
      { path: 'body.lines.3.period', code: 'period_overlap', message: 'This period overlaps an earlier line of the same kind.' },
      { path: 'body.lines.4.period.from', code: 'period_outside_year', message: 'This date is outside the budget’s year.' },
    ]);
    expect((await api.call('GET', path, { as: 'adminA2' })).body.version).toBe(0);
    expect((await api.call('GET', `/api/tenants/${A2}/budgets/1999`, { as: 'adminA2' })).status).toBe(404);
  });

  it('lets the umbrella read but not write, and company contacts and other umbrellas neither', async () => {
    const path = `/api/tenants/${A1}/budgets/${YEAR + 2}`;
    expect((await api.call('PUT', path, { as: 'adminU1', body: { lines: [], version: 0 } })).status).toBe(403);
    expect((await api.call('GET', path, { as: 'contactA1' })).status).toBe(403);
    expect((await api.call('PUT', path, { as: 'contactA1', body: { lines: [], version: 0 } })).status).toBe(403);
    expect((await api.call('GET', path, { as: 'staffU2' })).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${A1}/subsidy-kpis?year=${YEAR}`, { as: 'staffU2' })).status).toBe(404);
  });

  it('writes the audit row in the same transaction', async () => {
    await api.call('PUT', `/api/tenants/${A1}/budgets/${YEAR + 3}`, { as: 'editorA1', body: { lines: healthy, version: 0 } });
    const audit = await api.call('GET', `/api/tenants/${A1}/audit`, { as: 'adminA1' });
    expect(audit.body.items[0]).toMatchObject({ action: 'budget.create', objectType: 'budget', objectId: String(YEAR + 3), actorId: api.world.people.editorA1.sub });
  });
});

describe('the umbrella’s copy of the totals', () => {
  it('appears in the umbrella’s partition after a save, one row per association and year', async () => {
    await api.drainStreams();
    const rows = await umbrellaBudgetSummaries(U1, YEAR + 1);
    expect(rows).toEqual([
      expect.objectContaining({ associationId: A1, associationName: 'Association A1', year: YEAR + 1, budgetVersion: 1, totals: expect.objectContaining({ costCents: 80_000_00 }) }),
    ]);
    expect((await umbrellaBudgetSummaries(U1, YEAR)).map((row) => [row.associationId, row.budgetVersion])).toEqual([[A2, 2]]);
  });

  it('never lets an older image overwrite a newer copy (replays, reordering)', async () => {
    const association = { id: B1, name: 'Association B1', umbrellaId: api.world.tenants.U2.id };
    const at = (version: number, lines: BudgetLine[]) =>
      budgetItem(association, { year: 2040, lines, totals: budgetTotals(lines), version, updatedAt: new Date().toISOString(), updatedBy: 'test' });
    const event = (...images: Record<string, unknown>[]) =>
      ({ Records: images.map((image, i) => ({ eventName: 'MODIFY', dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }), SequenceNumber: String(i) } })) }) as unknown as DynamoDBStreamEvent;
    await rollups(event(at(3, healthy), at(4, healthy.slice(0, 1))));
    await rollups(event(at(3, healthy)));
    const [row] = await umbrellaBudgetSummaries(api.world.tenants.U2.id, 2040);
    expect(row).toMatchObject({ budgetVersion: 4, totals: { costCents: 60_000_00, incomeCents: 0 } });
  });
});

describe('subsidy KPIs', () => {
  it('are unknown for the budget KPIs without next year’s budget, and judge park manager and coverage', async () => {
    const kpis = await api.call('GET', `/api/tenants/${A2}/subsidy-kpis?year=${YEAR + 1}`, { as: 'adminA2' });
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({ associationId: A2, year: YEAR + 1, budgetYear: YEAR + 2 });
    expect(kpis.body.kpis.map((kpi: { id: string; status: string; reason: string }) => [kpi.id, kpi.status, kpi.reason])).toEqual([
      ['park_manager', 'not_met', 'no_park_manager'],
      ['member_coverage', 'unknown', 'no_companies'],
      ['budget_covered', 'unknown', 'no_budget'],
      ['local_government_share', 'unknown', 'no_budget'],
      ['member_fees_share', 'unknown', 'no_budget'],
    ]);
  });

  it('reads the park managers, the counters and next year’s budget, for the association and its umbrella alike', async () => {
    const now = new Date().toISOString();
    await api.put([
      parkManagerItem(A1, { id: ulid(), name: 'Pieter Parkmanager', organisation: 'WVI', daysPerWeek: 2, interim: false, from: `${YEAR - 1}-01-01`, contactVisibleToMembers: false, version: 1, createdAt: now, updatedAt: now }),
    ]);
    await api.client.send(new UpdateCommand({
      TableName: api.tableName, Key: keys.tenant(A1), UpdateExpression: 'SET companyCount = :c, memberCount = :m', ExpressionAttributeValues: { ':c': 80, ':m': 36 },
    }));
    // Next year's budget (saved in the first test): 60 000 of 80 000 covered (75 %), local government 31,2 %, member fees 37,5 %.
    const forAssociation = await api.call('GET', `/api/tenants/${A1}/subsidy-kpis?year=${YEAR}`, { as: 'editorA1' });
    const forUmbrella = await api.call('GET', `/api/tenants/${A1}/subsidy-kpis?year=${YEAR}`, { as: 'staffU1' });
    expect(forUmbrella.body).toEqual(forAssociation.body);
    const byId = Object.fromEntries(forAssociation.body.kpis.map((kpi: { id: string }) => [kpi.id, kpi]));
    expect(byId.park_manager).toMatchObject({ status: 'met', values: { since: `${YEAR - 1}-01-01`, interim: false } });
    expect(byId.member_coverage).toMatchObject({ status: 'not_met', reason: 'below_threshold', values: { members: 36, companies: 80, percentTenths: 450, neededPercent: 50 } });
    expect(byId.budget_covered).toMatchObject({ status: 'met', values: { budgetYear: YEAR + 1, percentTenths: 750 } });
    expect(byId.local_government_share).toMatchObject({ status: 'met', values: { percentTenths: 312 } });
    expect(byId.member_fees_share).toMatchObject({ status: 'met', values: { percentTenths: 375 } });
    expect(forUmbrella.text).not.toContain('Pieter'); // figures only, no names
  });

  it('refuses a missing or malformed year with a field error', async () => {
    const missing = await api.call('GET', `/api/tenants/${A1}/subsidy-kpis`, { as: 'editorA1' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('query.year');
    expect((await api.call('GET', `/api/tenants/${A1}/subsidy-kpis?year=abc`, { as: 'editorA1' })).status).toBe(400);
  });
});
