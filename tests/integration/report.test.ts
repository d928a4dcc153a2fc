import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { todayInBrussels } from '../../functions/consultations/store';
import { startTestApi, type TestApi } from '../support/test-api';
import { addCompany, person, slot } from './activities-support';

/**
 * The umbrella's yearly report (issue #6): every figure equals the records it was counted from (seeded through
 * the API, in and outside the period), an empty period answers zeros, bad periods answer 400 with field errors,
 * and the CSV and XLSX files carry the same totals as the JSON.
 */

let api: TestApi;
let U1: string, U2: string, A1: string, A2: string;

function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const today = todayInBrussels();
// Contact moments lie today or earlier and activities start in the future: the period spans both.
const from = plusDays(today, -30);
const to = plusDays(today, 45);
const reportPath = (query: string, umbrella = () => U1) => `/api/tenants/${umbrella()}/report?${query}`;
const place = { kind: 'address', street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' };

type Seeded = {
  momentIds: string[];
  momentsA2: string[];
  exchange: { activityId: string; occurrenceId: string };
  kga: { activityId: string; occurrenceId: string };
  outside: { activityId: string; occurrenceId: string };
};
let seeded: Seeded;

async function createActivity(body: Record<string, unknown>) {
  const created = await api.call('POST', `/api/tenants/${U1}/activities`, { as: 'staffU1', body: { place, audience: { kind: 'umbrella' }, ...body } });
  expect(created.status, created.text).toBe(201);
  return { activityId: created.body.id as string, occurrenceId: created.body.occurrences[0].id as string };
}

async function register(activity: { activityId: string; occurrenceId: string }, associationId: string, companyId: string, names: string[]) {
  const response = await api.call('POST', `/api/tenants/${U1}/activities/${activity.activityId}/occurrences/${activity.occurrenceId}/registrations`, {
    as: 'staffU1', body: { kind: 'people', associationId, companyId, people: names.map((name) => person(`${name} ${ulid()}`)) },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.results.map((result: { registration: { id: string; version: number } }) => result.registration) as { id: string; version: number }[];
}

async function checkIn(activity: { activityId: string; occurrenceId: string }, registration: { id: string; version: number }) {
  const response = await api.call('PUT', `/api/tenants/${U1}/activities/${activity.activityId}/occurrences/${activity.occurrenceId}/registrations/${registration.id}/attendance`, {
    as: 'staffU1', body: { attendance: 'present', version: registration.version },
  });
  expect(response.status, response.text).toBe(200);
}

async function outcome(activity: { activityId: string; occurrenceId: string }, companyId: string, quantities: unknown[]) {
  const response = await api.call('PUT', `/api/tenants/${U1}/activities/${activity.activityId}/occurrences/${activity.occurrenceId}/outcomes/${companyId}`, {
    as: 'staffU1', body: { quantities, version: 0 },
  });
  expect(response.status, response.text).toBe(200);
}

async function contactMoment(associationId: string, date: string, type: string) {
  const response = await api.call('POST', `/api/tenants/${U1}/associations/${associationId}/contact-moments`, { as: 'staffU1', body: { date, type } });
  expect(response.status, response.text).toBe(201);
  return response.body.id as string;
}

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, U2: { id: U2 }, A1: { id: A1 }, A2: { id: A2 } } = api.world.tenants);
  const { P1, P3 } = api.world.parks;

  // A2 is in formation: its contact moments in the period count as founding support.
  const goals = (await api.call('GET', `/api/tenants/${A2}/goals`, { as: 'adminA2' })).body;
  const stage = await api.call('PUT', `/api/tenants/${A2}/goals`, { as: 'adminA2', body: { targetCoverage: 0.5, foundingThreshold: 20, stage: 'in_formation', version: goals.version } });
  expect(stage.status, stage.text).toBe(200);
  await api.drainStreams();

  const momentIds = [
    await contactMoment(A1, plusDays(today, -10), 'visit'),
    await contactMoment(A1, plusDays(today, -5), 'call'),
    await contactMoment(A2, plusDays(today, -3), 'board_meeting'),
    await contactMoment(A2, today, 'board_meeting'),
  ];
  await contactMoment(A1, plusDays(today, -60), 'call'); // before the period

  const [companyA1, companyA1b, companyA2] = [await addCompany(api, A1, P1.id), await addCompany(api, A1, P1.id), await addCompany(api, A2, P3.id)];

  // In the period: an experience exchange on two themes with a full seat list (one waitlisted) and a cancellation.
  const exchange = await createActivity({ type: 'experience_exchange', title: `Camerabewaking ${ulid()}`, themes: ['veiligheid', 'camera'], capacity: 4, ...slot(10) });
  const exchangeA1 = await register(exchange, A1, companyA1, ['Ann', 'Bart']);
  const exchangeA2 = await register(exchange, A2, companyA2, ['Chris', 'Dirk', 'Eva']); // Eva: waitlisted (4 seats)
  await checkIn(exchange, exchangeA1[0]!);
  await checkIn(exchange, exchangeA2[0]!);
  const cancelled = await api.call('DELETE', `/api/tenants/${U1}/activities/${exchange.activityId}/occurrences/${exchange.occurrenceId}/registrations/${exchangeA1[1]!.id}`, { as: 'staffU1' });
  expect(cancelled.status, cancelled.text).toBeLessThan(300); // Bart cancels: Eva is promoted

  // In the period: a hazardous-waste collection without a theme, with quantities.
  const kga = await createActivity({ type: 'collective_action', title: `KGA-inzameling ${ulid()}`, capacity: null, ...slot(20) });
  const kgaA1 = await register(kga, A1, companyA1, ['Fien']);
  await register(kga, A1, companyA1b, ['Gert']);
  await checkIn(kga, kgaA1[0]!);
  await outcome(kga, companyA1, [{ quantity: 320.5, unit: 'kg', what: 'KGA' }]);
  await outcome(kga, companyA1b, [{ quantity: 79.25, unit: 'kg' }, { quantity: 2, unit: 'audits' }]);

  // Outside the period: a workshop with a registration, check-in and an outcome of its own.
  const outside = await createActivity({ type: 'workshop', title: `Perslucht ${ulid()}`, themes: ['energie'], capacity: null, ...slot(90) });
  const outsideA1 = await register(outside, A1, companyA1, ['Hans']);
  await checkIn(outside, outsideA1[0]!);
  await outcome(outside, companyA1, [{ quantity: 1000, unit: 'kg' }]);

  // A cancelled activity in the period counts nowhere.
  const gone = await createActivity({ type: 'workshop', title: `Afgelast ${ulid()}`, capacity: null, ...slot(15) });
  await register(gone, A2, companyA2, ['Ilse']);
  const version = (await api.call('GET', `/api/tenants/${U1}/activities/${gone.activityId}`, { as: 'staffU1' })).body.version;
  const cancelGone = await api.call('POST', `/api/tenants/${U1}/activities/${gone.activityId}/cancel`, { as: 'staffU1', body: { version } });
  expect(cancelGone.status, cancelGone.text).toBe(200);

  seeded = { momentIds, momentsA2: momentIds.slice(2), exchange, kga, outside };
});
afterAll(() => api.stop());

describe('the yearly report of a period', () => {
  it('counts contact moments in the period, by type and association, with their ids', async () => {
    const report = await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'staffU1' });
    expect(report.status, report.text).toBe(200);
    const listed = await api.call('GET', `/api/tenants/${U1}/contact-moments?from=${from}&to=${to}&limit=100`, { as: 'staffU1' });
    const { contactMoments } = report.body;
    expect(contactMoments.total).toBe(4);
    expect([...contactMoments.momentIds].sort()).toEqual(listed.body.items.map((m: { id: string }) => m.id).sort());
    expect([...contactMoments.momentIds].sort()).toEqual([...seeded.momentIds].sort());
    expect(contactMoments.byType.map(({ type, count }: { type: string; count: number }) => ({ type, count }))).toEqual([
      { type: 'board_meeting', count: 2 }, { type: 'visit', count: 1 }, { type: 'call', count: 1 }, { type: 'workshop', count: 0 }, { type: 'other', count: 0 },
    ]);
    // Each kind names its moments: the two board meetings are A2's.
    expect(contactMoments.byType[0].momentIds).toEqual(seeded.momentsA2);
    expect(contactMoments.byAssociation.map((entry: { associationId: string; count: number }) => [entry.associationId, entry.count])).toEqual([[A1, 2], [A2, 2]]);
    expect(report.body.newsletters).toEqual({ total: 0, reason: 'not_supported' });
    expect(report.body.empty).toBe(false);
  });

  it('counts associations in formation with a contact moment in the period as supported in their founding', async () => {
    const { foundingSupport } = (await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'adminU1' })).body;
    expect(foundingSupport.total).toBe(1);
    expect(foundingSupport.associations).toEqual([{ associationId: A2, associationName: api.world.tenants.A2.name, momentIds: seeded.momentsA2 }]);
  });

  it('counts the umbrella’s occurrences in the period, not cancelled, with participants, companies and quantities from their registrations', async () => {
    const body = (await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'staffU1' })).body;
    // The records, read through the organiser's own routes.
    const registrations = async ({ activityId, occurrenceId }: { activityId: string; occurrenceId: string }) =>
      (await api.call('GET', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations`, { as: 'staffU1' })).body.items as
        { status: string; attendance: string; companyId: string }[];
    const exchange = (await registrations(seeded.exchange)).filter((r) => r.status === 'confirmed');
    const kga = (await registrations(seeded.kga)).filter((r) => r.status === 'confirmed');
    expect(exchange).toHaveLength(4); // Ann, Chris, Dirk and the promoted Eva
    expect(kga).toHaveLength(2);

    expect(body.exchangesAndWorkshops).toMatchObject({ total: 1, experienceExchanges: 1, workshops: 0 });
    expect(body.exchangesAndWorkshops.occurrences.map((o: { occurrenceId: string }) => o.occurrenceId)).toEqual([seeded.exchange.occurrenceId]);
    expect(body.occurrences.map((o: { occurrenceId: string }) => o.occurrenceId)).toEqual([seeded.exchange.occurrenceId, seeded.kga.occurrenceId]);

    const byType = Object.fromEntries(body.participationByType.map((entry: { type: string }) => [entry.type, entry]));
    expect(byType.experience_exchange).toEqual({
      type: 'experience_exchange', occurrences: 1, participants: exchange.length, participantsAttended: exchange.filter((r) => r.attendance === 'present').length,
      companies: new Set(exchange.map((r) => r.companyId)).size, companiesAttended: 2, occurrenceIds: [seeded.exchange.occurrenceId],
    });
    expect(byType.collective_action).toEqual({
      type: 'collective_action', occurrences: 1, participants: 2, participantsAttended: 1, companies: 2, companiesAttended: 1, occurrenceIds: [seeded.kga.occurrenceId],
    });
    expect(byType.workshop).toMatchObject({ occurrences: 0, participants: 0, companies: 0, occurrenceIds: [] });
    // Distinct companies over both: companyA1 took part in both activities and counts once.
    expect(body.participationTotal).toEqual({ occurrences: 2, participants: 6, participantsAttended: 3, companies: 3, companiesAttended: 2 });

    expect(body.participationByTheme).toEqual([
      { theme: 'camera', participants: 4, participantsAttended: 2, occurrenceIds: [seeded.exchange.occurrenceId] },
      { theme: 'veiligheid', participants: 4, participantsAttended: 2, occurrenceIds: [seeded.exchange.occurrenceId] },
      { theme: '', participants: 2, participantsAttended: 1, occurrenceIds: [seeded.kga.occurrenceId] },
    ]);
    // The outside workshop's 1000 kg are not in the period.
    expect(body.quantities).toEqual([
      { unit: 'audits', quantity: 2, companies: 1, occurrenceIds: [seeded.kga.occurrenceId] },
      { unit: 'kg', quantity: 399.75, companies: 2, occurrenceIds: [seeded.kga.occurrenceId] },
    ]);
  });

  it('answers zeros and `empty` for a period without records, not an error', async () => {
    const response = await api.call('GET', reportPath('from=2001-01-01&to=2001-12-31'), { as: 'staffU1' });
    expect(response.status, response.text).toBe(200);
    const body = response.body;
    expect(body.empty).toBe(true);
    expect(body.contactMoments).toMatchObject({ total: 0, momentIds: [], byAssociation: [] });
    expect(body.exchangesAndWorkshops.total).toBe(0);
    expect(body.foundingSupport.total).toBe(0);
    expect(body.participationTotal).toEqual({ occurrences: 0, participants: 0, participantsAttended: 0, companies: 0, companiesAttended: 0 });
    expect(body.participationByTheme).toEqual([]);
    expect(body.quantities).toEqual([]);
    // Another umbrella's report holds none of U1's records.
    const other = await api.call('GET', reportPath(`from=${from}&to=${to}`, () => U2), { as: 'staffU2' });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ empty: true, contactMoments: { total: 0 } });
  });
});

describe('bad periods', () => {
  const fieldsOf = (response: { body: { error?: { fields?: { path: string; code: string }[] } } }) =>
    (response.body.error?.fields ?? []).map(({ path, code }) => ({ path, code }));

  it.each([
    ['from=2026-13-01&to=2026-12-31', [{ path: 'query.from', code: 'invalid_date' }]],
    ['from=2026-01-01&to=gisteren', [{ path: 'query.to', code: 'invalid_date' }]],
    ['from=2026-12-31&to=2026-01-01', [{ path: 'query.to', code: 'end_before_start' }]],
    ['from=2020-01-01&to=2025-01-01', [{ path: 'query.to', code: 'period_too_long' }]],
    ['to=2026-12-31', [{ path: 'query.from', code: 'required' }]],
    ['from=2026-01-01&to=2026-12-31&year=2026', [{ path: 'query.year', code: 'unknown_field' }]],
  ])('%s answers 400 with its field error', async (query, fields) => {
    const response = await api.call('GET', reportPath(query), { as: 'staffU1' });
    expect(response.status, response.text).toBe(400);
    expect(fieldsOf(response)).toEqual(fields);
  });

  it('accepts five years exactly', async () => {
    expect((await api.call('GET', reportPath('from=2020-01-01&to=2024-12-31'), { as: 'staffU1' })).status).toBe(200);
  });

  it('refuses an unknown file format with a field error', async () => {
    const response = await api.call('GET', `/api/tenants/${U1}/report/export?from=${from}&to=${to}&format=pdf`, { as: 'staffU1' });
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual([{ path: 'query.format', code: 'invalid_value' }]);
  });
});

describe('the report as files', () => {
  /** section → figure → value, from rows of (section, figure, value, unit). */
  const tableOf = (rows: unknown[][]) => {
    const table = new Map<string, unknown>();
    for (const [section, figure, value] of rows.slice(1)) table.set(`${section} / ${figure}`, value);
    return table;
  };

  it('CSV (UTF-8 with BOM, `;`, decimal commas) carries the JSON totals', async () => {
    const json = (await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'staffU1' })).body;
    const response = await api.call('GET', `/api/tenants/${U1}/report/export?from=${from}&to=${to}&format=csv`, { as: 'staffU1' });
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="jaarrapport-${from}-${to}.csv"`);
    const bytes = Buffer.from(await (await fetch(`${api.url}/api/tenants/${U1}/report/export?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${await api.idp.tokenFor(api.world.people.staffU1.sub)}` },
    })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(response.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['onderdeel', 'cijfer', 'waarde', 'eenheid']);
    const table = tableOf(rows);
    expect(table.get('periode / van')).toBe(from);
    expect(table.get('contactmomenten met verenigingen / totaal')).toBe(String(json.contactMoments.total));
    expect(table.get('nieuwsbrieven / verstuurd (Parkpunt verstuurt nog geen nieuwsbrieven)')).toBe('0');
    expect(table.get('ervaringsuitwisselingen en workshops / totaal')).toBe(String(json.exchangesAndWorkshops.total));
    expect(table.get('verenigingen ondersteund bij de oprichting / totaal')).toBe(String(json.foundingSupport.total));
    expect(table.get('deelname: totaal / deelnemers')).toBe(String(json.participationTotal.participants));
    expect(table.get('deelname: totaal / verschillende bedrijven')).toBe(String(json.participationTotal.companies));
    expect(table.get('deelname: Ervaringsuitwisseling / deelnemers aanwezig')).toBe('2');
    expect(table.get('ingezamelde hoeveelheden / hoeveelheid (kg)')).toBe('399,75');

    // English, with commas: the same figures under English labels.
    const english = await api.call('GET', `/api/tenants/${U1}/report/export?from=${from}&to=${to}&separator=comma`, { as: 'staffU1', headers: { 'accept-language': 'en' } });
    const englishTable = tableOf(parse(english.text.replace(/^\uFEFF/, ''), { delimiter: ',' }) as string[][]);
    expect(englishTable.get('contact moments with associations / total')).toBe(String(json.contactMoments.total));
    expect(englishTable.get('participation: total / participants')).toBe(String(json.participationTotal.participants));
    expect(englishTable.get('quantities collected / quantity (kg)')).toBe('399.75');
  });

  it('XLSX read back holds the JSON totals as numbers', async () => {
    const json = (await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'staffU1' })).body;
    const response = await fetch(`${api.url}/api/tenants/${U1}/report/export?from=${from}&to=${to}&format=xlsx`, {
      headers: { authorization: `Bearer ${await api.idp.tokenFor(api.world.people.staffU1.sub)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readSheet(Buffer.from(await response.arrayBuffer()));
    expect(rows[0]).toEqual(['onderdeel', 'cijfer', 'waarde', 'eenheid']);
    const table = tableOf(rows);
    expect(table.get('contactmomenten met verenigingen / totaal')).toBe(json.contactMoments.total);
    expect(table.get('ervaringsuitwisselingen en workshops / totaal')).toBe(json.exchangesAndWorkshops.total);
    expect(table.get('deelname: totaal / deelnemers')).toBe(json.participationTotal.participants);
    expect(table.get('deelname: totaal / verschillende bedrijven aanwezig')).toBe(json.participationTotal.companiesAttended);
    expect(table.get('ingezamelde hoeveelheden / hoeveelheid (kg)')).toBe(399.75);
    expect(table.get('deelname per thema / camera: deelnemers')).toBe(4);
  });
});

describe('the contract', () => {
  it('documents both routes in the OpenAPI document, the export as a file', async () => {
    const { body } = await api.call('GET', '/api/openapi.json');
    expect(body.paths['/api/tenants/{tenantId}/report'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to']));
    expect(Object.keys(body.paths['/api/tenants/{tenantId}/report/export'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});

describe('who sees the report', () => {
  it('answers 404 to an association’s admin and 403 to the platform admin', async () => {
    expect((await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'adminA1' })).status).toBe(404);
    expect((await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'platform' })).status).toBe(403);
    expect((await api.call('GET', reportPath(`from=${from}&to=${to}`), { as: 'staffU2' })).status).toBe(404);
  });
});
