import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { keys } from '../../functions/lib/keys';
import { tenantItem } from '../../functions/organisations/items';
import { handler as rollups } from '../../functions/rollups/handler';
import { todayInBrussels } from '../../functions/consultations/store';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The umbrella's consultation log: contact moments with its associations, follow-ups, the summary row's exact
 * `lastContactAt`, versions, validation, listings by date with cursors, and that associations never see it.
 */

let api: TestApi;
let U1: string, U2: string, A1: string, A2: string, B1: string;

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, U2: { id: U2 }, A1: { id: A1 }, A2: { id: A2 }, B1: { id: B1 } } = api.world.tenants);
});
afterAll(() => api.stop());

const base = (association: string, umbrella = U1) => `/api/tenants/${umbrella}/associations/${association}/contact-moments`;
const fieldsOf = (response: { body: { error?: { fields?: { path: string; code: string }[] } } }) =>
  (response.body.error?.fields ?? []).map(({ path, code }) => ({ path, code }));
const lastContactOf = async (association: string, umbrella = U1) =>
  (await api.getItem(keys.umbrellaAssociation(umbrella, association)))?.lastContactAt as string | undefined;
function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('recording contact moments', () => {
  let momentId = '';

  it('records a board meeting with participants, notes and follow-ups, and sets lastContactAt', async () => {
    const created = await api.call('POST', base(A1), {
      as: 'staffU1',
      body: {
        date: '2026-09-15', type: 'board_meeting', participants: ['Griet Vandewalle', 'Bart Lannoo'], notes: 'Raad van bestuur: camerabewaking besproken.',
        followUps: [{ text: 'Offerte camera’s doorsturen', dueOn: '2026-10-01' }, { text: 'Brandweer contacteren', dueOn: '2026-09-20' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      umbrellaId: U1, associationId: A1, associationName: api.world.tenants.A1.name, date: '2026-09-15', type: 'board_meeting',
      participants: ['Griet Vandewalle', 'Bart Lannoo'], version: 1,
    });
    expect(created.body.followUps).toEqual([
      { id: expect.any(String), text: 'Offerte camera’s doorsturen', dueOn: '2026-10-01', done: false },
      { id: expect.any(String), text: 'Brandweer contacteren', dueOn: '2026-09-20', done: false },
    ]);
    momentId = created.body.id;
    expect(await lastContactOf(A1)).toBe('2026-09-15');
  });

  it('keeps lastContactAt at the latest date when an older moment is added', async () => {
    const older = await api.call('POST', base(A1), { as: 'adminU1', body: { date: '2026-03-01', type: 'call' } });
    expect(older.status).toBe(201);
    expect(older.body).toMatchObject({ participants: [], notes: '', followUps: [] });
    expect(await lastContactOf(A1)).toBe('2026-09-15');
  });

  it('edits based on a version; a stale version answers 409 with the moment as it is now', async () => {
    const body = { date: '2026-09-16', type: 'visit', participants: ['Griet Vandewalle'], notes: 'Bezoek', followUps: [], version: 1 };
    const edited = await api.call('PUT', `${base(A1)}/${momentId}`, { as: 'adminU1', body });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ date: '2026-09-16', type: 'visit', followUps: [], version: 2 });
    expect(await lastContactOf(A1)).toBe('2026-09-16');

    const stale = await api.call('PUT', `${base(A1)}/${momentId}`, { as: 'staffU1', body: { ...body, notes: 'Oud' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ id: momentId, notes: 'Bezoek', version: 2 });

    const staleDelete = await api.call('DELETE', `${base(A1)}/${momentId}?version=1`, { as: 'staffU1' });
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.error.current.version).toBe(2);
  });

  it('recomputes lastContactAt when the latest moment moves back in time', async () => {
    const moved = await api.call('PUT', `${base(A1)}/${momentId}`, { as: 'adminU1', body: { date: '2026-01-10', type: 'visit', version: 2 } });
    expect(moved.status).toBe(200);
    expect(await lastContactOf(A1)).toBe('2026-03-01');
  });

  it('recomputes lastContactAt when the latest moment is removed, and removes it when none is left', async () => {
    const list = await api.call('GET', `/api/tenants/${U1}/contact-moments?associationId=${A1}&sort=-date`, { as: 'staffU1' });
    expect(list.body.items.map((m: { date: string }) => m.date)).toEqual(['2026-03-01', '2026-01-10']);
    const latest = list.body.items[0];
    expect((await api.call('DELETE', `${base(A1)}/${latest.id}?version=${latest.version}`, { as: 'staffU1' })).status).toBe(204);
    expect(await lastContactOf(A1)).toBe('2026-01-10');
    expect((await api.call('DELETE', `${base(A1)}/${momentId}?version=3`, { as: 'staffU1' })).status).toBe(204);
    expect(await lastContactOf(A1)).toBeUndefined();
    expect((await api.call('DELETE', `${base(A1)}/${momentId}?version=3`, { as: 'staffU1' })).status).toBe(404);
  });

  it('stays exact under concurrent creates for one association', async () => {
    const dates = ['2025-05-01', '2025-06-12', '2025-04-30', '2025-06-11', '2025-01-01', '2025-06-01'];
    const answers = await Promise.all(dates.map((date) => api.call('POST', base(A2), { as: 'staffU1', body: { date, type: 'call' } })));
    // A write that kept losing the race answers 503 (retry later); every recorded one counts.
    const recorded = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.date as string);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 503)).toBe(true);
    expect(recorded.length).toBeGreaterThan(0);
    expect(await lastContactOf(A2)).toBe(recorded.sort().at(-1));
  });

  it('records every write in the umbrella’s audit log by field name', async () => {
    const log = await api.call('GET', `/api/tenants/${U1}/audit?limit=100`, { as: 'adminU1' });
    const entries = log.body.items.filter((entry: { objectId: string }) => entry.objectId === momentId);
    expect(entries.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'contactMoment.create', 'contactMoment.delete', 'contactMoment.update', 'contactMoment.update',
    ]);
    // The first edit changed every field (the board meeting became a visit); values never enter the log.
    expect(entries.find((entry: { fields?: string[] }) => entry.fields?.includes('type')).fields).toEqual(['date', 'type', 'participants', 'notes', 'followUps']);
    expect(JSON.stringify(log.body)).not.toContain('Bezoek');
  });
});

describe('validation', () => {
  it('refuses a contact moment in the future, with the field named; a follow-up may be due later', async () => {
    const tomorrow = plusDays(todayInBrussels(), 1);
    const future = await api.call('POST', base(A1), { as: 'staffU1', body: { date: tomorrow, type: 'call' } });
    expect(future.status).toBe(400);
    expect(fieldsOf(future)).toEqual([{ path: 'body.date', code: 'contact_in_future' }]);
    const today = await api.call('POST', base(A1), {
      as: 'staffU1', body: { date: todayInBrussels(), type: 'call', followUps: [{ text: 'Terugbellen', dueOn: plusDays(tomorrow, 30) }] },
    });
    expect(today.status).toBe(201);
  });

  it('answers 400 with field-level messages for a bad type, too many participants, long notes and unknown fields', async () => {
    const bad = await api.call('POST', base(A1), {
      as: 'staffU1',
      body: {
        date: '2026-02-30x', type: 'lunch', participants: Array.from({ length: 31 }, (_, i) => `Persoon ${i}`), notes: 'x'.repeat(2001),
        followUps: [{ text: '', dueOn: 'morgen' }], secret: 1,
      },
    });
    expect(bad.status).toBe(400);
    const paths = fieldsOf(bad).map((field) => `${field.path}:${field.code}`);
    expect(paths).toEqual(expect.arrayContaining([
      'body.date:invalid_date', 'body.participants:too_many_participants', 'body.notes:too_long',
      'body.followUps.0.text:required', 'body.followUps.0.dueOn:invalid_date', 'body.secret:unknown_field',
    ]));
    expect(bad.body.error.fields.find((field: { path: string }) => field.path === 'body.type')).toBeTruthy();
  });

  it('refuses follow-up ids that are not the moment’s own', async () => {
    const created = await api.call('POST', base(A2), { as: 'staffU1', body: { date: '2026-02-02', type: 'workshop', followUps: [{ text: 'A', dueOn: '2026-03-01' }] } });
    const foreign = await api.call('PUT', `${base(A2)}/${created.body.id}`, {
      as: 'staffU1', body: { date: '2026-02-02', type: 'workshop', followUps: [{ id: ulid(), text: 'B', dueOn: '2026-03-01' }], version: 1 },
    });
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign)).toEqual([{ path: 'body.followUps.0.id', code: 'unknown_follow_up' }]);
  });

  it('answers 404 for an association outside the umbrella, and for a moment of another association', async () => {
    expect((await api.call('POST', base(B1), { as: 'staffU1', body: { date: '2026-02-02', type: 'call' } })).status).toBe(404);
    expect((await api.call('POST', base(ulid()), { as: 'staffU1', body: { date: '2026-02-02', type: 'call' } })).status).toBe(404);
    const created = await api.call('POST', base(A2), { as: 'staffU1', body: { date: '2026-02-03', type: 'call' } });
    const elsewhere = await api.call('PUT', `${base(A1)}/${created.body.id}`, { as: 'staffU1', body: { date: '2026-02-03', type: 'visit', version: 1 } });
    expect(elsewhere.status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${U1}/contact-moments?associationId=${B1}`, { as: 'staffU1' })).status).toBe(404);
  });

  it('creates once for a retried Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `consult-${ulid()}` };
    const body = { date: '2026-02-04', type: 'visit' };
    const first = await api.call('POST', base(A2), { as: 'staffU1', body, headers });
    const again = await api.call('POST', base(A2), { as: 'staffU1', body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await api.call('POST', base(A2), { as: 'staffU1', body: { ...body, type: 'call' }, headers })).status).toBe(422);
  });
});

describe('who sees the log', () => {
  it('is the umbrella’s own: associations, other umbrellas and the platform do not see it', async () => {
    const created = await api.call('POST', base(A1), { as: 'staffU1', body: { date: '2026-02-05', type: 'visit', notes: 'Vertrouwelijk' } });
    expect(created.status).toBe(201);
    for (const as of ['adminA1', 'contactA1', 'editorA1'] as const) {
      expect((await api.call('GET', `/api/tenants/${U1}/contact-moments`, { as })).status).toBe(404);
      expect((await api.call('GET', `/api/tenants/${A1}/contact-moments`, { as })).status).toBe(404);
      expect((await api.call('GET', `/api/tenants/${U1}/follow-ups`, { as })).status).toBe(404);
    }
    expect((await api.call('GET', `/api/tenants/${U1}/contact-moments`, { as: 'staffU2' })).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${U1}/contact-moments`, { as: 'platform' })).status).toBe(403);
    const otherUmbrella = await api.call('GET', `/api/tenants/${U2}/contact-moments`, { as: 'staffU2' });
    expect(otherUmbrella.status).toBe(200);
    expect(otherUmbrella.text).not.toContain('Vertrouwelijk');
  });
});

describe('listings', () => {
  const U = () => U2;
  const create = (date: string, followUps: { text: string; dueOn: string; done?: boolean }[] = []) =>
    api.call('POST', base(B1, U()), { as: 'staffU2', body: { date, type: 'visit', followUps } });

  beforeAll(async () => {
    for (const [i, date] of ['2025-01-15', '2025-03-01', '2025-03-01', '2025-06-30', '2025-12-31', '2026-01-01'].entries()) {
      expect((await create(date, [{ text: `Opvolging ${i}`, dueOn: `2026-0${(i % 6) + 1}-10`, done: i === 2 }])).status).toBe(201);
    }
  });

  it('lists the moments of a year by date, page by page, with cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.call('GET', `/api/tenants/${U()}/contact-moments?from=2025-01-01&to=2025-12-31&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: 'staffU2' });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((m: { date: string }) => m.date));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2025-01-15', '2025-03-01', '2025-03-01', '2025-06-30', '2025-12-31']);
  });

  it('lists newest first for one association', async () => {
    const page = await api.call('GET', `/api/tenants/${U()}/contact-moments?associationId=${B1}&sort=-date&limit=3`, { as: 'staffU2' });
    expect(page.body.items.map((m: { date: string }) => m.date)).toEqual(['2026-01-01', '2025-12-31', '2025-06-30']);
    expect(page.body.nextCursor).not.toBeNull();
  });

  it('refuses a cursor from another range, another tenant, or a forged one', async () => {
    const page = await api.call('GET', `/api/tenants/${U()}/contact-moments?from=2025-01-01&to=2025-12-31&limit=1`, { as: 'staffU2' });
    const cursor = page.body.nextCursor;
    const outside = await api.call('GET', `/api/tenants/${U()}/contact-moments?from=2025-06-01&limit=1&cursor=${cursor}`, { as: 'staffU2' });
    expect(outside.status).toBe(400);
    expect(fieldsOf(outside)).toEqual([{ path: 'query.cursor', code: 'invalid_cursor' }]);
    expect((await api.call('GET', `/api/tenants/${U1}/contact-moments?cursor=${cursor}`, { as: 'staffU1' })).status).toBe(400);
    expect((await api.call('GET', `/api/tenants/${U()}/contact-moments?cursor=bm9wZQ`, { as: 'staffU2' })).status).toBe(400);
    expect((await api.call('GET', `/api/tenants/${U()}/contact-moments?from=2025-02-01&to=2025-01-01`, { as: 'staffU2' })).status).toBe(400);
  });

  it('lists open follow-ups by due date, and marking one done moves it to the done list', async () => {
    const open = await api.call('GET', `/api/tenants/${U()}/follow-ups?status=open`, { as: 'staffU2' });
    expect(open.status).toBe(200);
    const dues = open.body.items.map((f: { dueOn: string }) => f.dueOn);
    expect(dues).toEqual([...dues].sort());
    expect(open.body.items).toHaveLength(5);
    expect(open.body.items[0]).toMatchObject({ associationId: B1, associationName: api.world.tenants.B1.name, done: false, momentVersion: 1 });

    const first = open.body.items[0];
    const done = await api.call('PUT', `${base(B1, U())}/${first.momentId}/follow-ups/${first.id}`, { as: 'staffU2', body: { done: true, version: first.momentVersion } });
    expect(done.status).toBe(200);
    expect(done.body.followUps.find((f: { id: string }) => f.id === first.id).done).toBe(true);
    expect(done.body.version).toBe(2);

    const after = await api.call('GET', `/api/tenants/${U()}/follow-ups`, { as: 'staffU2' });
    expect(after.body.items.map((f: { id: string }) => f.id)).not.toContain(first.id);
    const doneList = await api.call('GET', `/api/tenants/${U()}/follow-ups?status=done`, { as: 'staffU2' });
    expect(doneList.body.items.map((f: { id: string }) => f.id)).toContain(first.id);

    const stale = await api.call('PUT', `${base(B1, U())}/${first.momentId}/follow-ups/${first.id}`, { as: 'staffU2', body: { done: false, version: 1 } });
    expect(stale.status).toBe(409);
    expect((await api.call('PUT', `${base(B1, U())}/${first.momentId}/follow-ups/${ulid()}`, { as: 'staffU2', body: { done: true, version: 2 } })).status).toBe(404);
  });

  it('drops a moment’s follow-ups with the moment', async () => {
    const created = await create('2025-02-02', [{ text: 'Weg ermee', dueOn: '2025-01-01' }]);
    const before = await api.call('GET', `/api/tenants/${U()}/follow-ups`, { as: 'staffU2' });
    expect(before.body.items[0].text).toBe('Weg ermee');
    expect((await api.call('DELETE', `${base(B1, U())}/${created.body.id}?version=1`, { as: 'staffU2' })).status).toBe(204);
    const after = await api.call('GET', `/api/tenants/${U()}/follow-ups`, { as: 'staffU2' });
    expect(after.body.items.map((f: { text: string }) => f.text)).not.toContain('Weg ermee');
  });
});

describe('the summary row', () => {
  it('keeps lastContactAt when the rollups copy new figures, and shows it in the umbrella’s association list', async () => {
    expect(await lastContactOf(B1, U2)).toBe('2026-01-01');
    const image = { ...tenantItem(api.world.tenants.B1, new Date().toISOString(), { parkCount: 4, companyCount: 77 }), statsVersion: 900 };
    const event = { Records: [{ eventName: 'MODIFY', dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }), SequenceNumber: '1' } }] } as unknown as DynamoDBStreamEvent;
    await rollups(event);
    expect(await api.getItem(keys.umbrellaAssociation(U2, B1))).toMatchObject({ companyCount: 77, statsVersion: 900, lastContactAt: '2026-01-01' });
    const list = await api.call('GET', `/api/tenants/${U2}/associations`, { as: 'staffU2' });
    expect(list.body.items.find((a: { id: string }) => a.id === B1)).toMatchObject({ companyCount: 77, lastContactAt: '2026-01-01' });
  });
});

describe('the demo contact moments', () => {
  it('are written through the store for POM West-Vlaanderen, with lastContactAt; a second seed adds nothing', async () => {
    const { buildDemoData } = await import('../../scripts/local/demo-data');
    const { umbrellaAssociationItem } = await import('../../functions/organisations/items');
    const { seedDemoConsultations } = await import('../../scripts/local/demo-consultations');
    const data = buildDemoData();
    const pom = data.umbrellas.find((u) => u.tenant.name === 'POM West-Vlaanderen')!;
    await api.put(pom.associations.map(({ tenant }) => umbrellaAssociationItem(pom.tenant.id, { id: tenant.id, name: tenant.name, parkCount: 1, companyCount: 0, memberCount: 0 })));
    expect(await seedDemoConsultations(data)).toBe(3);
    expect(await seedDemoConsultations(data)).toBe(0);
    const kortrijk = pom.associations.find((a) => a.tenant.name === 'Bedrijvenpark Kortrijk-Noord vzw')!;
    expect(await lastContactOf(kortrijk.tenant.id, pom.tenant.id)).toBe(plusDays(todayInBrussels(), -40));
    const { listFollowUps } = await import('../../functions/consultations/store');
    const open = await listFollowUps(pom.tenant.id, { status: 'open', limit: 10 });
    expect(open.items).toHaveLength(4);
    expect(open.items[0]!.dueOn < todayInBrussels()).toBe(true); // one is overdue, and it comes first
  });
});
