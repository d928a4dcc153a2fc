import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ulid } from 'ulidx';
import { startTestApi, type TestApi } from '../support/test-api';
import { addCompany, person, slot } from './activities-support';

/** The organiser's participants export (CSV for Excel) of one occurrence, through the real handlers over HTTP. */

let api: TestApi;
let U1: string, A1: string, A2: string;
let companyA1: string, companyA2: string;
let activityId: string, occurrenceId: string;

const exportPath = (organiser: string, activity: string, occurrence: string, query = '') =>
  `/api/tenants/${organiser}/activities/${activity}/occurrences/${occurrence}/registrations/export${query}`;

/** The raw bytes: Response.text() (what the test client uses) drops a leading BOM, so read them undecoded. */
async function rawExport(path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const token = await api.idp.tokenFor(api.world.people.staffU1.sub);
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const rowsOf = (bytes: Buffer, delimiter: string) => parse(bytes.subarray(3).toString('utf8'), { delimiter }) as string[][];

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, A1: { id: A1 }, A2: { id: A2 } } = api.world.tenants);
  companyA1 = await addCompany(api, A1, api.world.parks.P1.id, 'Brandveilig nv');
  companyA2 = await addCompany(api, A2, api.world.parks.P3.id, 'Perslucht; bv');
  const created = await api.call('POST', `/api/tenants/${U1}/activities`, {
    as: 'staffU1',
    body: {
      type: 'training', title: 'Basisopleiding brandbestrijding', themes: ['veiligheid'],
      place: { kind: 'address', name: 'WOBRA', street: 'Oude Ieperseweg', houseNumber: '1', postalCode: '8500', municipality: 'Kortrijk' },
      audience: { kind: 'umbrella' }, ...slot(20), capacity: 2,
    },
  });
  expect(created.status, created.text).toBe(201);
  activityId = created.body.id;
  occurrenceId = created.body.occurrences[0].id;
  const register = (associationId: string, companyId: string, people: unknown[]) =>
    api.call('POST', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations`, {
      as: 'staffU1', body: { kind: 'people', associationId, companyId, people },
    });
  const first = await register(A1, companyA1, [person('Ann Aerts', { function: 'preventieadviseur', notes: 'vegetarisch' }), person('Bart Bral')]);
  expect(first.status, first.text).toBe(201);
  const second = await register(A2, companyA2, [person('Cis Claes'), person('=Dirk Dewulf', { email: 'dirk.dewulf@people.test', notes: 'rolstoel, graag "parking" dichtbij' })]);
  expect(second.status, second.text).toBe(201);
});
afterAll(() => api.stop());

describe('the participants export', () => {
  it('is a UTF-8 file with a BOM, `;` by default, Dutch headers, waitlist places in arrival order', async () => {
    const file = await rawExport(exportPath(U1, activityId, occurrenceId));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="deelnemers-basisopleiding-brandbestrijding-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = rowsOf(file.bytes, ';');
    expect(header).toEqual([
      'bedrijf', 'thuisvereniging', 'naam', 'e-mail', 'functie', 'dieet of toegankelijkheid', 'status', 'plaats op wachtlijst',
      'aanwezigheid', 'geslaagd', 'ingeschreven op',
    ]);
    expect(rows.map((row) => [row[0], row[1], row[2], row[6], row[7]])).toEqual([
      ['Brandveilig nv', api.world.tenants.A1.name, 'Ann Aerts', 'bevestigd', ''],
      ['Brandveilig nv', api.world.tenants.A1.name, 'Bart Bral', 'bevestigd', ''],
      ['Perslucht; bv', api.world.tenants.A2.name, 'Cis Claes', 'wachtlijst', '1'],
      // A name that Excel would run as a formula is written as text.
      ['Perslucht; bv', api.world.tenants.A2.name, "'=Dirk Dewulf", 'wachtlijst', '2'],
    ]);
    expect(rows[0]!.slice(3, 6)).toEqual(['ann.aerts@people.test', 'preventieadviseur', 'vegetarisch']);
    expect(rows[3]![5]).toBe('rolstoel, graag "parking" dichtbij');
    // Registered at: Brussels wall-clock time, minutes.
    expect(rows[0]![10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('writes `,` on request and English headers and values for an English caller', async () => {
    const file = await rawExport(exportPath(U1, activityId, occurrenceId, '?separator=comma'), { 'accept-language': 'en-GB,en;q=0.9' });
    expect(file.status).toBe(200);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.headers.get('content-disposition')).toMatch(/filename="participants-/);
    const [header, ...rows] = rowsOf(file.bytes, ',');
    expect(header).toEqual([
      'company', 'home association', 'name', 'e-mail', 'function', 'dietary or accessibility notes', 'status', 'waitlist position',
      'attendance', 'passed', 'registered at',
    ]);
    expect(rows.map((row) => [row[2], row[6], row[7]])).toEqual([
      ['Ann Aerts', 'confirmed', ''], ['Bart Bral', 'confirmed', ''], ['Cis Claes', 'waitlisted', '1'], ["'=Dirk Dewulf", 'waitlisted', '2'],
    ]);
    // The semicolon inside a company name needs no quotes with `,`; the comma inside a note does.
    expect(file.bytes.toString('utf8')).toContain('"rolstoel, graag ""parking"" dichtbij"');
  });

  it('shows cancellations, promotions, attendance and passes as they stand', async () => {
    const list = await api.call('GET', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations`, { as: 'staffU1' });
    const bart = list.body.items.find((r: { name: string }) => r.name === 'Bart Bral');
    const ann = list.body.items.find((r: { name: string }) => r.name === 'Ann Aerts');
    const cancelled = await api.call('DELETE', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${bart.id}`, { as: 'staffU1' });
    expect(cancelled.status, cancelled.text).toBe(200);
    const checked = await api.call('PUT', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${ann.id}/attendance`, {
      as: 'staffU1', body: { attendance: 'present', passed: true, version: ann.version },
    });
    expect(checked.status, checked.text).toBe(200);
    const [, ...rows] = rowsOf((await rawExport(exportPath(U1, activityId, occurrenceId))).bytes, ';');
    expect(rows.map((row) => [row[2], row[6], row[7], row[8], row[9]])).toEqual([
      ['Ann Aerts', 'bevestigd', '', 'aanwezig', 'ja'],
      ['Bart Bral', 'geannuleerd', '', '', ''],
      ['Cis Claes', 'bevestigd', '', '', ''],
      ["'=Dirk Dewulf", 'wachtlijst', '1', '', ''],
    ]);
  });

  it('answers 404 for an occurrence of another activity or another tenant, 400 for an unknown separator, 403 for a member', async () => {
    expect((await api.call('GET', exportPath(U1, activityId, ulid()), { as: 'staffU1' })).status).toBe(404);
    // Another tenant's activity through the umbrella's path, and the umbrella's activity through another tenant.
    expect((await api.call('GET', exportPath(api.world.tenants.U2.id, activityId, occurrenceId), { as: 'staffU2' })).status).toBe(404);
    expect((await api.call('GET', exportPath(A1, activityId, occurrenceId), { as: 'adminA1' })).status).toBe(404);
    expect((await api.call('GET', exportPath(U1, activityId, occurrenceId), { as: 'adminA1' })).status).toBe(404);
    const bad = await api.call('GET', exportPath(U1, activityId, occurrenceId, '?separator=tab'), { as: 'staffU1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('query.separator');
    expect((await api.call('GET', exportPath(A1, activityId, occurrenceId), { as: 'contactA1' })).status).toBe(403);
  });
});
