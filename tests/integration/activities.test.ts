import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { keys, startTestApi, type TestApi } from '../support/test-api';
import { addCompany, addContact, person, slot } from './activities-support';

let api: TestApi;
let U1: string, A1: string, A2: string, B1: string;
let companyA1: string, companyA1b: string, companyA2: string, companyB1: string;
let contactA1: { as: { token: string } }, contactA1b: { as: { token: string } }, contactA2: { as: { token: string } }, contactB1: { as: { token: string } };

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, A1: { id: A1 }, A2: { id: A2 }, B1: { id: B1 } } = api.world.tenants);
  companyA1 = await addCompany(api, A1, api.world.parks.P1.id, 'Brandveilig nv');
  companyA1b = await addCompany(api, A1, api.world.parks.P2.id, 'Tweede nv');
  companyA2 = await addCompany(api, A2, api.world.parks.P3.id, 'Perslucht bv');
  companyB1 = await addCompany(api, B1, api.world.parks.Q1.id, 'Elders bv');
  contactA1 = await addContact(api, api.world.tenants.A1, companyA1);
  contactA1b = await addContact(api, api.world.tenants.A1, companyA1b);
  contactA2 = await addContact(api, api.world.tenants.A2, companyA2);
  contactB1 = await addContact(api, api.world.tenants.B1, companyB1);
});
afterAll(() => api.stop());

const activities = (tenantId: string) => `/api/tenants/${tenantId}/activities`;
const training = (overrides: Record<string, unknown> = {}) => ({
  type: 'training',
  title: `Basisopleiding brandbestrijding ${ulid()}`,
  themes: ['veiligheid'],
  place: { kind: 'address', name: 'WOBRA', street: 'Oude Ieperseweg', houseNumber: '1', postalCode: '8500', municipality: 'Kortrijk' },
  audience: { kind: 'umbrella' },
  ...slot(30),
  capacity: 3,
  ...overrides,
});

async function createTraining(overrides: Record<string, unknown> = {}, as: 'staffU1' | 'adminA1' = 'staffU1', tenantId = U1) {
  const created = await api.call('POST', activities(tenantId), { as, body: training(overrides) });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; occurrences: { id: string; version: number }[]; version: number };
}

const memberPath = (home: string, organiser: string, activityId: string, occurrenceId: string) =>
  `/api/tenants/${home}/organisers/${organiser}/activities/${activityId}/occurrences/${occurrenceId}/registrations`;
const organiserPath = (organiser: string, activityId: string, occurrenceId: string) => `${activities(organiser)}/${activityId}/occurrences/${occurrenceId}`;
const figures = async (tenantId: string, year: number) => (await api.call('GET', `/api/tenants/${tenantId}/participation?year=${year}`, { as: 'platform' })).body;
const yearOf = (startsAt: string) => Number(startsAt.slice(0, 4));
const mailsTo = (email: string) => api.outbox().filter((mail) => mail.to === email);

describe('organising an activity', () => {
  it('creates an activity with one occurrence, stored and read back in Brussels time', async () => {
    const created = await createTraining();
    expect(created).toMatchObject({ type: 'training', organiserId: U1, organiserKind: 'umbrella', status: 'scheduled', version: 1, perCompanyLimit: null });
    expect(created.occurrences).toHaveLength(1);
    expect(created.occurrences[0]).toMatchObject({ capacity: 3, taken: 0, waiting: 0, registrationOpen: true, status: 'scheduled' });
    expect((created.occurrences[0] as unknown as { startsAt: string }).startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    const fetched = await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'adminU1' });
    expect(fetched.body).toEqual(created);
    const listed = await api.call('GET', activities(U1), { as: 'staffU1' });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(created.id);
  });

  it('generates the Noonwalk: the first Thursday of June to September, at noon Brussels time', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const created = await api.call('POST', activities(A1), {
      as: 'adminA1',
      body: {
        ...training({ type: 'social_action', title: 'Noonwalk', audience: { kind: 'own_members' }, capacity: 120 }),
        startsAt: `${year}-06-03T12:00:00+02:00`.replace('-06-03', firstThursday(year, 6)),
        endsAt: `${year}-06-03T13:30:00+02:00`.replace('-06-03', firstThursday(year, 6)),
        repeat: { frequency: 'monthly', until: `${year}-09-30` },
      },
    });
    expect(created.status, created.text).toBe(201);
    const starts = created.body.occurrences.map((o: { startsAt: string }) => o.startsAt);
    expect(starts).toEqual([6, 7, 8, 9].map((month) => `${year}${firstThursday(year, month)}T12:00:00+02:00`));
    expect(created.body.occurrences.every((o: { capacity: number }) => o.capacity === 120)).toBe(true);
  });

  it('answers field errors for a start in the past, an end before the start, and an umbrella with “own members”', async () => {
    const past = await api.call('POST', activities(U1), { as: 'staffU1', body: training({ startsAt: '2020-01-01T10:00:00+01:00', endsAt: '2020-01-01T09:00:00+01:00' }) });
    expect(past.status).toBe(400);
    expect(past.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual(['body.endsAt:end_before_start', 'body.startsAt:in_the_past']);
    const ownMembers = await api.call('POST', activities(U1), { as: 'staffU1', body: training({ audience: { kind: 'own_members' } }) });
    expect(ownMembers.body.error.fields).toEqual([expect.objectContaining({ path: 'body.audience.kind', code: 'audience_without_members' })]);
    const foreign = await api.call('POST', activities(U1), { as: 'staffU1', body: training({ audience: { kind: 'associations', associationIds: [A1, B1] } }) });
    expect(foreign.body.error.fields).toEqual([expect.objectContaining({ path: 'body.audience.associationIds.1', code: 'unknown_association' })]);
  });

  it('edits based on a version, and answers 409 with the current activity on a stale one', async () => {
    const created = await createTraining();
    const { id, occurrences, organiserId, organiserName, organiserKind, status, createdAt, updatedAt, version, ...fields } = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body;
    const input = { ...fields, place: { kind: 'address', street: 'Nieuwstraat', postalCode: '8500', municipality: 'Kortrijk' }, perCompanyLimit: 2, version };
    const edited = await api.call('PUT', `${activities(U1)}/${id}`, { as: 'staffU1', body: input });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, perCompanyLimit: 2 });
    const stale = await api.call('PUT', `${activities(U1)}/${id}`, { as: 'staffU1', body: { ...input, title: 'Oud' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id, version: 2 });
  });
});

describe('registrations', () => {
  it('confirms until full, then waitlists; a cancellation promotes the first waiting person, who is mailed; figures follow exactly', async () => {
    const created = await createTraining();
    const occurrence = created.occurrences[0]!;
    const year = yearOf((occurrence as unknown as { startsAt: string }).startsAt);
    const beforeA1 = await figures(A1, year);
    const beforeU1 = await figures(U1, year);

    const fromA1 = await api.call('POST', memberPath(A1, U1, created.id, occurrence.id), {
      as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person(`An ${ulid()}`), person(`Bert ${ulid()}`, { notes: 'vegetarisch' })] },
    });
    expect(fromA1.status, fromA1.text).toBe(201);
    expect(fromA1.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['confirmed', 'confirmed']);

    const waitingName = `Wim ${ulid()}`;
    const fromA2 = await api.call('POST', memberPath(A2, U1, created.id, occurrence.id), {
      as: contactA2.as, body: { kind: 'people', companyId: companyA2, people: [person(`Chris ${ulid()}`), person(waitingName, { language: 'en' })] },
    });
    expect(fromA2.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['confirmed', 'waitlisted']);
    const waiting = fromA2.body.results[1].registration;
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, associationId: A2 });
    expect(mailsTo(waiting.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^On the waitlist/)]);

    expect(await figures(A1, year)).toMatchObject({ participantsRegistered: beforeA1.participantsRegistered + 2, companiesRegistered: beforeA1.companiesRegistered + 1 });
    expect(await figures(U1, year)).toMatchObject({ participantsRegistered: beforeU1.participantsRegistered + 3, companiesRegistered: beforeU1.companiesRegistered + 2 });

    const cancelled = await api.call('DELETE', `${memberPath(A1, U1, created.id, occurrence.id)}/${fromA1.body.results[0].registration.id}`, { as: contactA1.as });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const list = await api.call('GET', `${organiserPath(U1, created.id, occurrence.id)}/registrations`, { as: 'staffU1' });
    expect(list.body.items.map((r: { name: string; status: string }) => r.status)).toEqual(['cancelled', 'confirmed', 'confirmed', 'confirmed']);
    expect(list.body.items.find((r: { name: string }) => r.name === waitingName).status).toBe('confirmed');
    expect(mailsTo(waiting.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^On the waitlist/), expect.stringMatching(/^A seat opened up/)]);
    const occurrenceNow = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0];
    expect(occurrenceNow).toMatchObject({ taken: 3, waiting: 0 });

    expect(await figures(A1, year)).toMatchObject({ participantsRegistered: beforeA1.participantsRegistered + 1 });
    expect(await figures(A2, year)).toMatchObject({ participantsRegistered: 2, companiesRegistered: 1 });
    expect(await figures(U1, year)).toMatchObject({ participantsRegistered: beforeU1.participantsRegistered + 3, companiesRegistered: beforeU1.companiesRegistered + 2 });
  });

  it('never registers the same person twice: a repeat answers “existing”, another company gets 409', async () => {
    const created = await createTraining({ capacity: 10 });
    const occurrenceId = created.occurrences[0]!.id;
    const body = { kind: 'people', companyId: companyA1, people: [person(`Dubbel ${ulid()}`)] };
    const [first, second] = await Promise.all([
      api.call('POST', memberPath(A1, U1, created.id, occurrenceId), { as: contactA1.as, body }),
      api.call('POST', memberPath(A1, U1, created.id, occurrenceId), { as: contactA1.as, body }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.results[0].registration.id).toBe(second.body.results[0].registration.id);
    const elsewhere = await api.call('POST', memberPath(A1, U1, created.id, occurrenceId), { as: contactA1b.as, body: { ...body, companyId: companyA1b } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('already_registered');
    const occurrence = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0];
    expect(occurrence.taken).toBe(1);
  });

  it('refuses with a clear 4xx and writes nothing: past the deadline, cancelled, beyond the company limit, outside the audience, not your company', async () => {
    const closed = await createTraining({ ...slot(1), registrationClosesHoursBefore: 48 });
    const late = await api.call('POST', memberPath(A1, U1, closed.id, closed.occurrences[0]!.id), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person('Laat')] } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('registration_deadline_passed');

    const limited = await createTraining({ perCompanyLimit: 1, capacity: 10 });
    const limitedPath = memberPath(A1, U1, limited.id, limited.occurrences[0]!.id);
    const tooMany = await api.call('POST', limitedPath, { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person(`Een ${ulid()}`), person(`Twee ${ulid()}`)] } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('company_limit_reached');
    expect((await api.call('GET', `${organiserPath(U1, limited.id, limited.occurrences[0]!.id)}/registrations`, { as: 'staffU1' })).body.items).toEqual([]);

    const outside = await api.call('POST', memberPath(B1, U1, limited.id, limited.occurrences[0]!.id), { as: contactB1.as, body: { kind: 'people', companyId: companyB1, people: [person('Buiten')] } });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('outside_audience');

    const notMine = await api.call('POST', limitedPath, { as: contactA1b.as, body: { kind: 'people', companyId: companyA1, people: [person('Niet van mij')] } });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('not_your_company');

    const cancelledActivity = await createTraining();
    const cancel = await api.call('POST', `${activities(U1)}/${cancelledActivity.id}/cancel`, { as: 'staffU1', body: { version: 1 } });
    expect(cancel.status, cancel.text).toBe(200);
    const afterCancel = await api.call('POST', memberPath(A1, U1, cancelledActivity.id, cancelledActivity.occurrences[0]!.id), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person('Te laat')] } });
    expect(afterCancel.status).toBe(409);
    expect(afterCancel.body.error.code).toBe('activity_cancelled');

    const wholeCompany = await api.call('POST', limitedPath, { as: contactA1.as, body: { kind: 'company', companyId: companyA1, contact: person('Geheel') } });
    expect(wholeCompany.status).toBe(400);
    expect(wholeCompany.body.error.fields).toEqual([expect.objectContaining({ code: 'whole_company_not_allowed' })]);
  });

  it('replays a registration for the same Idempotency-Key and refuses the key for another body', async () => {
    const created = await createTraining({ capacity: 10 });
    const path = memberPath(A1, U1, created.id, created.occurrences[0]!.id);
    const key = `reg-${ulid()}`;
    const body = { kind: 'people', companyId: companyA1, people: [person(`Idem ${ulid()}`)] };
    const first = await api.call('POST', path, { as: contactA1.as, body, headers: { 'idempotency-key': key } });
    const again = await api.call('POST', path, { as: contactA1.as, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.body.results[0]).toMatchObject({ outcome: 'confirmed', registration: { id: first.body.results[0].registration.id } });
    const other = await api.call('POST', path, { as: contactA1.as, body: { ...body, people: [person('Iemand anders')] }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
  });

  it('lets a company register as a whole for a collective action (hazardous-waste collection), counted as a company', async () => {
    const created = await createTraining({ type: 'collective_action', title: `KGA-inzameling ${ulid()}`, capacity: null });
    const year = yearOf((created.occurrences[0] as unknown as { startsAt: string }).startsAt);
    const before = await figures(A2, year);
    const registered = await api.call('POST', memberPath(A2, U1, created.id, created.occurrences[0]!.id), { as: contactA2.as, body: { kind: 'company', companyId: companyA2, contact: person(`Milieu ${ulid()}`) } });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body.results[0].registration).toMatchObject({ kind: 'company', status: 'confirmed' });
    const after = await figures(A2, year);
    expect(after.participantsRegistered).toBe(before.participantsRegistered);
    const again = await api.call('POST', memberPath(A2, U1, created.id, created.occurrences[0]!.id), { as: contactA2.as, body: { kind: 'company', companyId: companyA2, contact: person('Andere collega') } });
    expect(again.body.results[0].outcome).toBe('existing');
  });
});

describe('the organiser', () => {
  it('adds seats, which promote the waitlist in order; cannot drop seats below the confirmed registrations', async () => {
    const created = await createTraining({ capacity: 1 });
    const occurrence = created.occurrences[0]!;
    const names = [`Eerste ${ulid()}`, `Tweede ${ulid()}`, `Derde ${ulid()}`];
    const registered = await api.call('POST', `${organiserPath(U1, created.id, occurrence.id)}/registrations`, {
      as: 'staffU1', body: { kind: 'people', associationId: A1, companyId: companyA1, people: names.map((n) => person(n)) },
    });
    expect(registered.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const current = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0];
    const below = await api.call('PUT', organiserPath(U1, created.id, occurrence.id), { as: 'staffU1', body: { startsAt: current.startsAt, endsAt: current.endsAt, capacity: 0, registrationOpen: true, version: current.version } });
    expect(below.status).toBe(400);
    expect(below.body.error.fields).toEqual([expect.objectContaining({ path: 'body.capacity', code: 'capacity_below_registrations' })]);
    const more = await api.call('PUT', organiserPath(U1, created.id, occurrence.id), { as: 'staffU1', body: { startsAt: current.startsAt, endsAt: current.endsAt, capacity: 2, registrationOpen: true, version: current.version } });
    expect(more.status, more.text).toBe(200);
    expect(more.body.occurrences[0]).toMatchObject({ capacity: 2, taken: 2, waiting: 1 });
    const list = (await api.call('GET', `${organiserPath(U1, created.id, occurrence.id)}/registrations`, { as: 'staffU1' })).body.items;
    expect(list.map((r: { name: string; status: string; waitlistPosition?: number }) => [r.name, r.status, r.waitlistPosition])).toEqual([
      [names[0], 'confirmed', undefined], [names[1], 'confirmed', undefined], [names[2], 'waitlisted', 1],
    ]);
  });

  it('refuses to register a company of an association outside the audience', async () => {
    const created = await createTraining();
    const refused = await api.call('POST', `${organiserPath(U1, created.id, created.occurrences[0]!.id)}/registrations`, {
      as: 'staffU1', body: { kind: 'people', associationId: B1, companyId: companyB1, people: [person('Elders')] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ path: 'body.associationId', code: 'outside_audience' })]);
  });

  it('checks people in (credited as attended to their home association), records who passed and each company’s outcome', async () => {
    const created = await createTraining({ capacity: 10 });
    const occurrence = created.occurrences[0]!;
    const year = yearOf((occurrence as unknown as { startsAt: string }).startsAt);
    const registered = await api.call('POST', `${organiserPath(U1, created.id, occurrence.id)}/registrations`, {
      as: 'staffU1', body: { kind: 'people', associationId: A2, companyId: companyA2, people: [person(`Aanwezig ${ulid()}`), person(`Afwezig ${ulid()}`)] },
    });
    const [present, absent] = registered.body.results.map((r: { registration: { id: string; version: number } }) => r.registration);
    const before = await figures(A2, year);
    const checkIn = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/registrations/${present.id}/attendance`, { as: 'staffU1', body: { attendance: 'present', passed: true, version: present.version } });
    expect(checkIn.status, checkIn.text).toBe(200);
    expect(checkIn.body).toMatchObject({ attendance: 'present', passed: true, version: present.version + 1 });
    const again = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/registrations/${present.id}/attendance`, { as: 'staffU1', body: { attendance: 'present', passed: true, version: checkIn.body.version } });
    expect(again.status).toBe(200);
    await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/registrations/${absent.id}/attendance`, { as: 'staffU1', body: { attendance: 'no_show', version: absent.version } });
    const stale = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/registrations/${absent.id}/attendance`, { as: 'staffU1', body: { attendance: 'present', version: absent.version } });
    expect(stale.status).toBe(409);
    const after = await figures(A2, year);
    expect(after.participantsAttended).toBe(before.participantsAttended + 1);
    expect(after.companiesAttended).toBe(before.companiesAttended + (before.companiesAttended === 0 ? 1 : 0));
    expect((await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0].attended).toBe(1);

    const outcome = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/outcomes/${companyA2}`, { as: 'staffU1', body: { quantities: [{ quantity: 320.5, unit: 'kg', what: 'KGA' }], version: 0 } });
    expect(outcome.status, outcome.text).toBe(200);
    expect(outcome.body).toMatchObject({ companyId: companyA2, version: 1, quantities: [{ quantity: 320.5, unit: 'kg', what: 'KGA' }] });
    const staleOutcome = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/outcomes/${companyA2}`, { as: 'staffU1', body: { quantities: [], version: 0 } });
    expect(staleOutcome.status).toBe(409);
    expect(staleOutcome.body.error.current.version).toBe(1);
    const notRegistered = await api.call('PUT', `${organiserPath(U1, created.id, occurrence.id)}/outcomes/${companyA1b}`, { as: 'staffU1', body: { quantities: [], version: 0 } });
    expect(notRegistered.status).toBe(404);
  });

  it('cancels an activity: registrations lapse, credits are withdrawn, everyone is mailed', async () => {
    const created = await createTraining({ capacity: 1 });
    const occurrence = created.occurrences[0]!;
    const year = yearOf((occurrence as unknown as { startsAt: string }).startsAt);
    const before = await figures(U1, year);
    const names = [person(`Gaat ${ulid()}`), person(`Wacht ${ulid()}`)];
    await api.call('POST', memberPath(A1, U1, created.id, occurrence.id), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: names } });
    expect((await figures(U1, year)).participantsRegistered).toBe(before.participantsRegistered + 1);
    const cancelled = await api.call('POST', `${activities(U1)}/${created.id}/cancel`, { as: 'staffU1', body: { version: 1 } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', occurrences: [{ status: 'cancelled', taken: 0, waiting: 0 }] });
    expect(await figures(U1, year)).toEqual(before);
    for (const p of names) expect(mailsTo(p.email).at(-1)!.subject).toMatch(/^Geannuleerd/);
    const again = await api.call('POST', `${activities(U1)}/${created.id}/cancel`, { as: 'staffU1', body: { version: 1 } });
    expect(again.status).toBe(200);
  });

  it('moves an occurrence and tells the registrants; refuses a move into another year once people registered', async () => {
    const created = await createTraining({ capacity: 5 });
    const occurrence = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0];
    const who = person(`Verhuis ${ulid()}`);
    await api.call('POST', memberPath(A1, U1, created.id, occurrence.id), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [who] } });
    const later = slot(31);
    const moved = await api.call('PUT', organiserPath(U1, created.id, occurrence.id), { as: 'staffU1', body: { ...later, capacity: 5, registrationOpen: true, version: occurrence.version } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.occurrences[0].startsAt).toBe(later.startsAt);
    expect(mailsTo(who.email).at(-1)!.subject).toMatch(/^Nieuw tijdstip/);
    const nextYear = new Date().getUTCFullYear() + 2;
    const farAway = await api.call('PUT', organiserPath(U1, created.id, occurrence.id), {
      as: 'staffU1', body: { startsAt: `${nextYear}-03-02T10:00:00+01:00`, endsAt: `${nextYear}-03-02T12:00:00+01:00`, capacity: 5, registrationOpen: true, version: moved.body.occurrences[0].version },
    });
    expect(farAway.status).toBe(400);
    expect(farAway.body.error.fields).toEqual([expect.objectContaining({ code: 'year_change_with_registrations' })]);
  });

  it('closes registration: members are then refused', async () => {
    const created = await createTraining();
    const occurrence = (await api.call('GET', `${activities(U1)}/${created.id}`, { as: 'staffU1' })).body.occurrences[0];
    const closed = await api.call('PUT', organiserPath(U1, created.id, occurrence.id), { as: 'staffU1', body: { startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, capacity: 3, registrationOpen: false, version: occurrence.version } });
    expect(closed.body.occurrences[0].registrationOpen).toBe(false);
    const refused = await api.call('POST', memberPath(A1, U1, created.id, occurrence.id), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person('Dicht')] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('registration_closed');
  });
});

describe('what members see', () => {
  it('shows the activity without other tenants’ ids, with their own registrations only', async () => {
    const created = await createTraining({ capacity: 10, audience: { kind: 'associations', associationIds: [A1, A2] } });
    const occurrenceId = created.occurrences[0]!.id;
    await api.call('POST', memberPath(A1, U1, created.id, occurrenceId), { as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person(`Mijn ${ulid()}`)] } });
    await api.call('POST', memberPath(A2, U1, created.id, occurrenceId), { as: contactA2.as, body: { kind: 'people', companyId: companyA2, people: [person(`Andere ${ulid()}`)] } });
    const seen = await api.call('GET', `/api/tenants/${A1}/organisers/${U1}/activities/${created.id}`, { as: contactA1.as });
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body.audience).toEqual({ kind: 'associations' });
    expect(seen.text).not.toContain(A2);
    expect(seen.body.myRegistrations.map((r: { companyId: string }) => r.companyId)).toEqual([companyA1]);
    const registrant = await api.getItem(keys.participation(A1, seen.body.myRegistrations[0].id));
    expect(registrant).toMatchObject({ type: 'participation', status: 'confirmed', companyId: companyA1 });
  });
});

/** The first Thursday of a month as `-MM-DD`. */
function firstThursday(year: number, month: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((4 - first + 7) % 7);
  return `-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
