import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulidx';
import { handler as rollups } from '../../functions/rollups/handler';
import { readComparison } from '../../functions/organisations/comparison';
import { brusselsMonth } from '../../functions/organisations/figures';
import type { ComparisonRow } from '../../shared/index';
import { keys, startTestApi, type TestApi } from '../support/test-api';
import { addCompany, addContact, person, slot } from './activities-support';

let api: TestApi;
let U1: string, A1: string, A2: string, P3: string;
beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, A1: { id: A1 }, A2: { id: A2 } } = api.world.tenants);
  P3 = api.world.parks.P3.id;
});
afterAll(() => api.stop());

const thisYear = () => Number(brusselsMonth(new Date()).slice(0, 4));

/** The umbrella's comparison, after the stream consumers have caught up, as U1's staff sees it. */
async function comparison(year = thisYear()): Promise<{ year: number; month: string; targetCoverage: number; items: ComparisonRow[] }> {
  await api.drainStreams();
  const answer = await api.call('GET', `/api/tenants/${U1}/comparison?year=${year}`, { as: 'staffU1' });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}
const rowOf = async (associationId: string, year?: number) => (await comparison(year)).items.find((row) => row.associationId === associationId)!;

const createCompany = async (name: string, membershipStatus: string) => {
  const created = await api.call('POST', `/api/tenants/${A2}/companies`, { as: 'adminA2', body: { name, parkId: P3, membershipStatus } });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; name: string; version: number };
};
const setStatus = async (company: { id: string; name: string; version: number }, membershipStatus: string) => {
  const changed = await api.call('PUT', `/api/tenants/${A2}/companies/${company.id}`, { as: 'adminA2', body: { name: company.name, parkId: P3, membershipStatus, version: company.version } });
  expect(changed.status, changed.text).toBe(200);
  return changed.body as { id: string; name: string; version: number };
};

function streamEvent(...images: Record<string, unknown>[]): DynamoDBStreamEvent {
  return {
    Records: images.map((image, i) => ({
      eventName: 'MODIFY',
      dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }) as never, SequenceNumber: String(9000 + i), ApproximateCreationDateTime: Date.now() / 1000 },
    })),
  } as DynamoDBStreamEvent;
}

describe('the umbrella’s comparison table', () => {
  it('lists one row per association under the umbrella, with the members, companies and coverage the register counts', async () => {
    const before = await rowOf(A2);
    const one = await createCompany(`Lid ${ulid()}`, 'member');
    await createCompany(`Prospect ${ulid()}`, 'prospect');
    const three = await createCompany(`Later lid ${ulid()}`, 'interested');
    let after = await rowOf(A2);
    expect(after).toMatchObject({ companyCount: before.companyCount + 3, memberCount: before.memberCount + 1 });
    await setStatus(three, 'member');
    await setStatus(one, 'former_member');
    const page = await comparison();
    after = page.items.find((row) => row.associationId === A2)!;
    expect(after).toMatchObject({ companyCount: before.companyCount + 3, memberCount: before.memberCount + 1, name: api.world.tenants.A2.name });
    expect(after.coverage).toBeCloseTo(after.memberCount / after.companyCount, 4);
    expect(page.items.map((row) => row.associationId).sort()).toEqual([A1, A2].sort());
    expect(page.targetCoverage).toBe(0.5);

    // The series: 13 month-ends, ending with the members now; this month's figure was copied by the rollups.
    expect(after.membersSeries).toHaveLength(13);
    expect(after.membersSeries.at(-1)).toEqual({ month: brusselsMonth(new Date()), members: after.memberCount });
    const stored = await api.getItem(keys.umbrellaAssociation(U1, A2));
    expect(stored?.[`members@${brusselsMonth(new Date())}`]).toBe(after.memberCount);

    // The same figures as the associations list (one source).
    const listed = (await api.call('GET', `/api/tenants/${U1}/associations`, { as: 'staffU1' })).body.items.find((a: { id: string }) => a.id === A2);
    expect(listed).toMatchObject({ companyCount: after.companyCount, memberCount: after.memberCount });
  });

  it('derives the change over 12 months from the month-end members kept on the row', async () => {
    const month = brusselsMonth(new Date());
    const [y, m] = month.split('-').map(Number) as [number, number];
    const yearAgo = `${y - 1}-${String(m).padStart(2, '0')}`;
    await api.client.send(
      // A month-end figure as the rollups would have kept it a year ago.
      new (await import('@aws-sdk/lib-dynamodb')).UpdateCommand({
        TableName: api.tableName, Key: keys.umbrellaAssociation(U1, A1), UpdateExpression: 'SET #m = :n',
        ExpressionAttributeNames: { '#m': `members@${yearAgo}` }, ExpressionAttributeValues: { ':n': 0 },
      }),
    );
    const row = await rowOf(A1);
    expect(row.membersSeries[0]).toEqual({ month: yearAgo, members: 0 });
    expect(row.membersSeries[1]!.members).toBe(0); // carried until the next figure
    expect(row.membersChange12m).toBe(row.memberCount);
  });

  it('shows the stage: in formation or founded from the goals, “with park manager” once one is appointed', async () => {
    const goals = (await api.call('GET', `/api/tenants/${A2}/goals`, { as: 'adminA2' })).body;
    const set = await api.call('PUT', `/api/tenants/${A2}/goals`, { as: 'adminA2', body: { targetCoverage: 0.5, foundingThreshold: 20, stage: 'in_formation', version: goals.version } });
    expect(set.status, set.text).toBe(200);
    expect(await rowOf(A2)).toMatchObject({ stage: 'in_formation', goalStage: 'in_formation' });
    expect((await rowOf(A2)).parkManager?.appointed ?? false).toBe(false);

    const manager = await api.call('POST', `/api/tenants/${A2}/people/park-managers`, {
      as: 'adminA2', body: { name: 'Pieter Parkmanager', organisation: 'WVI', daysPerWeek: 1, interim: false, from: '2024-03-01' },
    });
    expect(manager.status, manager.text).toBe(201);
    const row = await rowOf(A2);
    expect(row).toMatchObject({ stage: 'with_park_manager', goalStage: 'in_formation', parkManager: { appointed: true, since: '2024-03-01' } });

    const removed = await api.call('DELETE', `/api/tenants/${A2}/people/park-managers/${manager.body.id}?version=${manager.body.version}`, { as: 'adminA2' });
    expect(removed.status, removed.text).toBe(204);
    expect(await rowOf(A2)).toMatchObject({ stage: 'in_formation', parkManager: { appointed: false } });
  });

  it('credits registrations, check-ins and collective outcomes to the home association’s row, exactly', async () => {
    const company = await addCompany(api, A2, P3, `KGA-bedrijf ${ulid()}`);
    const contact = await addContact(api, api.world.tenants.A2, company);
    const created = await api.call('POST', `/api/tenants/${U1}/activities`, {
      as: 'staffU1',
      body: {
        type: 'collective_action', title: `KGA-inzameling ${ulid()}`, themes: ['afval'], audience: { kind: 'umbrella' }, capacity: 10,
        place: { kind: 'address', street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' }, ...slot(20),
      },
    });
    expect(created.status, created.text).toBe(201);
    const activityId = created.body.id as string;
    const occurrence = created.body.occurrences[0] as { id: string; startsAt: string };
    const year = Number(occurrence.startsAt.slice(0, 4));
    const before = await rowOf(A2, year);
    const homeBefore = (await api.call('GET', `/api/tenants/${A2}/participation?year=${year}`, { as: 'platform' })).body;

    const registered = await api.call('POST', `/api/tenants/${A2}/organisers/${U1}/activities/${activityId}/occurrences/${occurrence.id}/registrations`, {
      as: contact.as, body: { kind: 'people', companyId: company, people: [person(`An ${ulid()}`), person(`Bert ${ulid()}`)] },
    });
    expect(registered.status, registered.text).toBe(201);
    let row = await rowOf(A2, year);
    expect(row).toMatchObject({ participantsRegistered: before.participantsRegistered + 2, companiesRegistered: before.companiesRegistered + 1 });

    const organiser = `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrence.id}`;
    const first = registered.body.results[0].registration as { id: string; version: number };
    const checkIn = await api.call('PUT', `${organiser}/registrations/${first.id}/attendance`, { as: 'staffU1', body: { attendance: 'present', version: first.version } });
    expect(checkIn.status, checkIn.text).toBe(200);
    // Checking in again (a retry) changes nothing.
    await api.call('PUT', `${organiser}/registrations/${first.id}/attendance`, { as: 'staffU1', body: { attendance: 'present', version: checkIn.body.version } });

    const outcome = await api.call('PUT', `${organiser}/outcomes/${company}`, { as: 'staffU1', body: { quantities: [{ quantity: 320.5, unit: 'kg', what: 'KGA' }], version: 0 } });
    expect(outcome.status, outcome.text).toBe(200);
    const corrected = await api.call('PUT', `${organiser}/outcomes/${company}`, {
      as: 'staffU1', body: { quantities: [{ quantity: 300, unit: 'kg', what: 'KGA' }, { quantity: 2, unit: 'audits' }], version: outcome.body.version },
    });
    expect(corrected.status, corrected.text).toBe(200);
    const stale = await api.call('PUT', `${organiser}/outcomes/${company}`, { as: 'staffU1', body: { quantities: [{ quantity: 999, unit: 'kg' }], version: outcome.body.version } });
    expect(stale.status).toBe(409);

    row = await rowOf(A2, year);
    const kgBefore = before.quantities.find((q) => q.unit === 'kg')?.quantity ?? 0;
    const auditsBefore = before.quantities.find((q) => q.unit === 'audits')?.quantity ?? 0;
    expect(row).toMatchObject({
      participantsRegistered: before.participantsRegistered + 2, companiesRegistered: before.companiesRegistered + 1,
      participantsAttended: before.participantsAttended + 1, companiesAttended: before.companiesAttended + 1,
    });
    expect(row.quantities).toEqual(expect.arrayContaining([{ unit: 'kg', quantity: kgBefore + 300 }, { unit: 'audits', quantity: auditsBefore + 2 }]));

    // The row agrees with the home association's own credits.
    const home = (await api.call('GET', `/api/tenants/${A2}/participation?year=${year}`, { as: 'platform' })).body;
    expect(row.participantsRegistered - before.participantsRegistered).toBe(home.participantsRegistered - homeBefore.participantsRegistered);
    expect(row.companiesAttended - before.companiesAttended).toBe(home.companiesAttended - homeBefore.companiesAttended);

    // A cancellation takes the credit back.
    const second = registered.body.results[1].registration as { id: string; version: number };
    const cancelled = await api.call('DELETE', `${organiser}/registrations/${second.id}`, { as: 'staffU1' });
    expect(cancelled.status, cancelled.text).toBeLessThan(300);
    expect(await rowOf(A2, year)).toMatchObject({ participantsRegistered: before.participantsRegistered + 1, companiesRegistered: before.companiesRegistered + 1 });
  });

  it('counts the association’s own activities in the year they take place, not once cancelled, and replays change nothing', async () => {
    const when = slot(25);
    const year = Number(when.startsAt.slice(0, 4));
    const before = (await rowOf(A2, year)).activitiesOrganised;
    const beforeA1 = (await rowOf(A1, year)).activitiesOrganised;
    const created = await api.call('POST', `/api/tenants/${A2}/activities`, {
      as: 'adminA2',
      body: {
        type: 'info_session', title: `Infosessie ${ulid()}`, themes: [], audience: { kind: 'own_members' }, capacity: 30,
        place: { kind: 'online', url: 'https://meet.example/x' }, ...when,
      },
    });
    expect(created.status, created.text).toBe(201);
    expect((await rowOf(A2, year)).activitiesOrganised).toBe(before + 1);
    // Only the organiser's row counts it.
    expect((await rowOf(A1, year)).activitiesOrganised).toBe(beforeA1);

    // Replaying the occurrence's record (and an older tenant image) changes nothing.
    const occurrenceId = created.body.occurrences[0].id as string;
    const occurrenceItem = await api.getItem(keys.occurrence(A2, created.body.id, occurrenceId));
    await rollups(streamEvent(occurrenceItem!, occurrenceItem!));
    const tenant = await api.getItem(keys.tenant(A2));
    const row = await rowOf(A2, year);
    await rollups(streamEvent({ ...tenant!, memberCount: 999, statsVersion: Number(tenant!.statsVersion) - 1 }));
    expect(await rowOf(A2, year)).toEqual(row);
    expect(row.activitiesOrganised).toBe(before + 1);

    const cancel = await api.call('POST', `/api/tenants/${A2}/activities/${created.body.id}/cancel`, { as: 'adminA2', body: { version: created.body.version } });
    expect(cancel.status, cancel.text).toBeLessThan(300);
    expect((await rowOf(A2, year)).activitiesOrganised).toBe(before);
    // The older record again, after the cancellation: still not counted.
    await rollups(streamEvent(occurrenceItem!));
    expect((await rowOf(A2, year)).activitiesOrganised).toBe(before);
  });

  it('judges the subsidy KPIs as the association’s own page does, from next year’s budget, and shows the last contact moment', async () => {
    const year = thisYear();
    const own = async () => {
      const answer = await api.call('GET', `/api/tenants/${A2}/subsidy-kpis?year=${year}`, { as: 'adminA2' });
      expect(answer.status, answer.text).toBe(200);
      return (answer.body as { kpis: ComparisonRow['kpis'] }).kpis;
    };
    const before = await rowOf(A2, year);
    expect(before.kpis.map((kpi) => kpi.id)).toEqual(['park_manager', 'member_coverage', 'budget_covered', 'local_government_share', 'member_fees_share']);
    expect(before.kpis.slice(2).map((kpi) => [kpi.status, kpi.reason])).toEqual(Array(3).fill(['unknown', 'no_budget']));
    expect(before.kpis).toEqual(await own());

    // Costs 1,000; counted income 800 (the Flemish subsidy is not counted), local government 300, member fees 200.
    const lines = [
      { kind: 'cost', category: 'activities', label: 'Activiteiten', amountCents: 1_000_00 },
      { kind: 'income', source: 'local_government', label: 'Stad', amountCents: 300_00 },
      { kind: 'income', source: 'member_fees', label: 'Lidgelden', amountCents: 200_00 },
      { kind: 'income', source: 'sponsorship', label: 'Sponsors', amountCents: 300_00 },
      { kind: 'income', source: 'flemish_subsidy', label: 'Vlaanderen', amountCents: 500_00 },
    ];
    const saved = await api.call('PUT', `/api/tenants/${A2}/budgets/${year + 1}`, { as: 'adminA2', body: { lines, version: 0 } });
    expect(saved.status, saved.text).toBe(200);
    const after = await rowOf(A2, year);
    expect(after.kpis.slice(2).map((kpi) => [kpi.id, kpi.status])).toEqual([['budget_covered', 'met'], ['local_government_share', 'met'], ['member_fees_share', 'not_met']]);
    expect(after.kpis.find((kpi) => kpi.id === 'budget_covered')!.values).toMatchObject({ percentTenths: 800, notCountedCents: 500_00 });
    expect(after.kpis).toEqual(await own());
    // Another year's budget is not next year's.
    expect((await rowOf(A2, year + 1)).kpis.slice(2).every((kpi) => kpi.reason === 'no_budget')).toBe(true);

    expect(after.lastContactAt).toBeUndefined();
    const day = `${year}-01-02`;
    const moment = await api.call('POST', `/api/tenants/${U1}/associations/${A2}/contact-moments`, { as: 'staffU1', body: { date: day, type: 'call' } });
    expect(moment.status, moment.text).toBe(201);
    expect((await rowOf(A2, year)).lastContactAt).toBe(day);
  });

  it('reads the table with two Queries of the umbrella’s partition, whose cost does not grow with members', async () => {
    const first = await readComparison(U1);
    for (let i = 0; i < 10; i += 1) await createCompany(`Groei ${i} ${ulid()}`, 'member');
    await api.drainStreams();
    const second = await readComparison(U1);
    expect(first.queries).toBe(2); // the associations and next year’s budget summaries
    expect(second.queries).toBe(2);
    expect(second.consumedRcu).toBe(first.consumedRcu);
    expect(second.comparison.items.find((row) => row.associationId === A2)!.memberCount).toBe(first.comparison.items.find((row) => row.associationId === A2)!.memberCount + 10);
  });

  it('answers 404 to an association’s people and 400 to a bad year', async () => {
    expect((await api.call('GET', `/api/tenants/${U1}/comparison`, { as: 'adminA2' })).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/${A2}/comparison`, { as: 'staffU1' })).status).toBe(404);
    const bad = await api.call('GET', `/api/tenants/${U1}/comparison?year=abc`, { as: 'staffU1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('query.year');
  });
});
