import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { companyFixture, companyItem } from '../support/fixtures';
import { keys, startTestApi, type CallOptions, type TestApi } from '../support/test-api';

/**
 * The people of an association: board, park managers, working groups — versions, validation, idempotency, who
 * reads which contact fields, and that one association's people never show in another's.
 */

let api: TestApi;
let A1: string, A2: string;
let acme: { id: string; name: string };
let foreign: { id: string; name: string };

beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  A2 = api.world.tenants.A2.id;
  const a1Company = companyFixture(A1, api.world.parks.P1.id, { name: 'Acme Haasrode nv' });
  const a2Company = companyFixture(A2, api.world.parks.P3.id, { name: 'Elders bv' });
  await api.put([companyItem(a1Company), companyItem(a2Company)]);
  acme = a1Company;
  foreign = a2Company;
});
afterAll(() => api.stop());

const people = (tenantId: string, as: CallOptions['as'] = 'adminA1') =>
  api.call('GET', `/api/tenants/${tenantId}/people`, { as });
const fieldsOf = (response: { body: { error?: { fields?: { path: string; code: string }[] } } }) =>
  (response.body.error?.fields ?? []).map(({ path, code }) => ({ path, code }));

describe('the board', () => {
  let memberId = '';

  it('adds a board member with their company, and lists the board with the company’s current name', async () => {
    const created = await api.call('POST', `/api/tenants/${A1}/people/board`, {
      as: 'adminA1',
      body: { name: 'Griet Vandewalle', function: 'treasurer', companyId: acme.id, email: 'griet@acme.test', termStart: '2024-01-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Griet Vandewalle', function: 'treasurer', companyId: acme.id, companyName: 'Acme Haasrode nv',
      email: 'griet@acme.test', termStart: '2024-01-01', contactVisibleToMembers: false, version: 1,
    });
    memberId = created.body.id;
    const list = await people(A1);
    expect(list.status).toBe(200);
    expect(list.body.contactDetails).toBe('all');
    expect(list.body.boardMembers).toEqual([expect.objectContaining({ id: memberId, companyName: 'Acme Haasrode nv' })]);
  });

  it('edits based on a version; a stale version answers 409 with the board member as it is now', async () => {
    const body = { name: 'Griet Vandewalle', function: 'secretary', companyId: acme.id, termStart: '2024-01-01', version: 1 };
    const edited = await api.call('PUT', `/api/tenants/${A1}/people/board/${memberId}`, { as: 'editorA1', body });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ function: 'secretary', version: 2 });
    expect(edited.body.email).toBeUndefined(); // left out of the edit = removed

    const stale = await api.call('PUT', `/api/tenants/${A1}/people/board/${memberId}`, { as: 'adminA1', body: { ...body, name: 'Oud' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ id: memberId, function: 'secretary', version: 2, companyName: 'Acme Haasrode nv' });

    const staleDelete = await api.call('DELETE', `/api/tenants/${A1}/people/board/${memberId}?version=1`, { as: 'adminA1' });
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.error.current.version).toBe(2);
  });

  it('records every write in the audit log by field name, never the values', async () => {
    const log = await api.call('GET', `/api/tenants/${A1}/audit?limit=50`, { as: 'adminA1' });
    const entries = log.body.items.filter((entry: { objectId: string }) => entry.objectId === memberId);
    expect(entries.map((entry: { action: string }) => entry.action).sort()).toEqual(['boardMember.create', 'boardMember.update']);
    const update = entries.find((entry: { action: string }) => entry.action === 'boardMember.update');
    expect(update.fields).toEqual(['function', 'email']);
    expect(JSON.stringify(log.body)).not.toContain('griet@acme.test');
  });

  it('removes a board member with the current version; removing again is not found', async () => {
    expect((await api.call('DELETE', `/api/tenants/${A1}/people/board/${memberId}?version=2`, { as: 'adminA1' })).status).toBe(204);
    expect((await api.call('DELETE', `/api/tenants/${A1}/people/board/${memberId}?version=2`, { as: 'adminA1' })).status).toBe(404);
    expect((await people(A1)).body.boardMembers).toEqual([]);
  });

  it('refuses a term that ends before it starts, a company outside the register and a second chair at the same time', async () => {
    const backwards = await api.call('POST', `/api/tenants/${A1}/people/board`, {
      as: 'adminA1', body: { name: 'Tijd Omgekeerd', function: 'member', termStart: '2025-06-01', termEnd: '2025-01-01' },
    });
    expect(backwards.status).toBe(400);
    expect(fieldsOf(backwards)).toEqual([{ path: 'body.termEnd', code: 'end_before_start' }]);

    for (const companyId of [ulid(), foreign.id]) {
      const unknown = await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'adminA1', body: { name: 'Los Persoon', function: 'member', companyId } });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown)).toEqual([{ path: 'body.companyId', code: 'unknown_company' }]);
    }

    const first = await api.call('POST', `/api/tenants/${A1}/people/board`, {
      as: 'adminA1', body: { name: 'Eerste Voorzitter', function: 'chair', termStart: '2018-05-08', termEnd: '2021-12-31' },
    });
    expect(first.status).toBe(201);
    const next = await api.call('POST', `/api/tenants/${A1}/people/board`, {
      as: 'adminA1', body: { name: 'Tweede Voorzitter', function: 'chair', termStart: '2022-01-01' },
    });
    expect(next.status).toBe(201);
    const clash = await api.call('POST', `/api/tenants/${A1}/people/board`, {
      as: 'adminA1', headers: { 'accept-language': 'en' }, body: { name: 'Derde Voorzitter', function: 'chair', termStart: '2021-06-01', termEnd: '2021-12-31' },
    });
    expect(clash.status).toBe(400);
    expect(clash.body.error.fields).toEqual([
      { path: 'body.function', code: 'duplicate_chair', message: 'There is already a chair in this period. Make the terms not overlap or choose another function.' },
    ]);
    // Editing the sitting chair keeps them chair: they do not clash with themselves.
    const self = await api.call('PUT', `/api/tenants/${A1}/people/board/${next.body.id}`, {
      as: 'adminA1', body: { name: 'Tweede Voorzitter', function: 'chair', termStart: '2022-01-01', phone: '+32 16 12 34 56', version: 1 },
    });
    expect(self.status).toBe(200);
    const order = (await people(A1)).body.boardMembers.map((member: { name: string }) => member.name);
    expect(order).toEqual(['Eerste Voorzitter', 'Tweede Voorzitter']);
  });

  it('keeps one chair at a time when several chairs are added at once', async () => {
    const body = (n: number) => ({ name: `Gelijktijdig ${n}`, function: 'chair', termStart: '2030-01-01', termEnd: '2030-12-31' });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'adminA2', body: body(n) })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400, 400, 400]);
    const chairs = (await people(A2, 'adminA2')).body.boardMembers.filter((member: { function: string }) => member.function === 'chair');
    expect(chairs).toHaveLength(1);
  });

  it('gives a company’s new name to the board members who represent it', async () => {
    const renamed = companyFixture(A1, api.world.parks.P1.id, { name: 'Nieuwe Naam nv' });
    await api.put([companyItem(renamed)]);
    const member = await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'adminA1', body: { name: 'Naam Volger', function: 'member', companyId: renamed.id } });
    await api.put([companyItem({ ...renamed, name: 'Hernoemd nv' })]);
    const listed = (await people(A1)).body.boardMembers.find((m: { id: string }) => m.id === member.body.id);
    expect(listed.companyName).toBe('Hernoemd nv');
  });
});

describe('park managers', () => {
  const tenantSummary = async (tenantId: string) => (await api.getItem(keys.tenant(tenantId)))?.parkManager;

  it('checks days per week (0.5 to 5, in half days) and the order of the dates', async () => {
    const base = { name: 'Dag Teller', organisation: 'Interleuven', from: '2024-01-01' };
    const cases: [number, string][] = [[0, 'days_per_week_range'], [5.5, 'days_per_week_range'], [1.25, 'days_per_week_step']];
    for (const [daysPerWeek, code] of cases) {
      const answer = await api.call('POST', `/api/tenants/${A1}/people/park-managers`, { as: 'adminA1', body: { ...base, daysPerWeek } });
      expect(answer.status, String(daysPerWeek)).toBe(400);
      expect(fieldsOf(answer)).toEqual([{ path: 'body.daysPerWeek', code }]);
      expect(answer.body.error.fields[0].message).toMatch(/dagen per week/i);
    }
    const backwards = await api.call('POST', `/api/tenants/${A1}/people/park-managers`, { as: 'adminA1', body: { ...base, daysPerWeek: 1, until: '2023-12-31' } });
    expect(fieldsOf(backwards)).toEqual([{ path: 'body.until', code: 'end_before_start' }]);
    expect(await tenantSummary(A1)).toBeUndefined();
  });

  it('keeps the association’s summary in step: two interim managers, then an appointed one, then none', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const interim = (name: string, organisation: string) =>
      api.call('POST', `/api/tenants/${A1}/people/park-managers`, {
        as: 'adminA1', body: { name, organisation, daysPerWeek: 1, interim: true, from: '2018-05-08', email: `${name.split(' ')[0]!.toLowerCase()}@pm.test` },
      });
    const first = await interim('Ine Interim', 'Interleuven');
    const second = await interim('Victor Voka', 'VOKA Vlaams-Brabant');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ interim: true, daysPerWeek: 1, organisation: 'Interleuven', version: 1 });
    const before = await api.getItem(keys.tenant(A1));
    expect(before?.parkManager).toEqual({ appointed: true, since: '2018-05-08', interim: true, asOf: today });

    const appointed = await api.call('POST', `/api/tenants/${A1}/people/park-managers`, {
      as: 'editorA1', body: { name: 'Vaste Manager', organisation: 'Stad Leuven', daysPerWeek: 2.5, from: '2020-01-01' },
    });
    expect(appointed.status).toBe(201);
    const after = await api.getItem(keys.tenant(A1));
    expect(after?.parkManager).toEqual({ appointed: true, since: '2018-05-08', interim: false, asOf: today });
    expect(Number(after?.statsVersion)).toBeGreaterThan(Number(before?.statsVersion));
    // Counters on the tenant item are untouched by the summary.
    expect(after?.companyCount).toBe(before?.companyCount);

    // The interim managers' period ends: the appointed manager remains.
    for (const manager of [first.body, second.body]) {
      const ended = await api.call('PUT', `/api/tenants/${A1}/people/park-managers/${manager.id}`, {
        as: 'adminA1', body: { name: manager.name, organisation: manager.organisation, daysPerWeek: 1, interim: true, from: '2018-05-08', until: '2019-12-31', version: 1 },
      });
      expect(ended.status).toBe(200);
      expect(ended.body.version).toBe(2);
    }
    expect(await tenantSummary(A1)).toEqual({ appointed: true, since: '2020-01-01', interim: false, asOf: today });
    const listed = (await people(A1)).body.parkManagers.map((manager: { name: string }) => manager.name);
    expect(listed).toEqual(['Vaste Manager', 'Ine Interim', 'Victor Voka']); // current first, then past

    const stale = await api.call('PUT', `/api/tenants/${A1}/people/park-managers/${first.body.id}`, {
      as: 'adminA1', body: { name: 'Ine Interim', organisation: 'Interleuven', daysPerWeek: 1, from: '2018-05-08', version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ until: '2019-12-31', version: 2 });

    expect((await api.call('DELETE', `/api/tenants/${A1}/people/park-managers/${appointed.body.id}?version=1`, { as: 'adminA1' })).status).toBe(204);
    expect(await tenantSummary(A1)).toEqual({ appointed: false, asOf: today });
  });

  it('does not count a manager who starts later as appointed, and names the day the summary changes', async () => {
    const answer = await api.call('POST', `/api/tenants/${A2}/people/park-managers`, {
      as: 'adminA2', body: { name: 'Later Begin', organisation: 'WVI', daysPerWeek: 0.5, from: '2099-01-01', until: '2099-12-31' },
    });
    expect(answer.status).toBe(201);
    expect(await tenantSummary(A2)).toMatchObject({ appointed: false, changesOn: '2099-01-01' });
  });
});

describe('working groups', () => {
  it('adds a group with members and a lead named by the id the client gave the new member', async () => {
    const leadId = ulid();
    const created = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, {
      as: 'editorA1',
      body: {
        name: 'Mobiliteit', theme: 'mobility', description: 'Fietsroutes en carpooling',
        members: [{ name: 'Wim Wielrenner', companyId: acme.id, email: 'wim@acme.test' }, { id: leadId, name: 'Lien Leider' }],
        leadMemberId: leadId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Mobiliteit', theme: 'mobility', leadMemberId: leadId, version: 1 });
    expect(created.body.members).toEqual([
      { id: expect.any(String), name: 'Wim Wielrenner', companyId: acme.id, companyName: 'Acme Haasrode nv', email: 'wim@acme.test', contactVisibleToMembers: false },
      { id: leadId, name: 'Lien Leider', contactVisibleToMembers: false },
    ]);

    // An edit keeps the members' ids; the lead moves to an existing member.
    const [wim] = created.body.members;
    const edited = await api.call('PUT', `/api/tenants/${A1}/people/working-groups/${created.body.id}`, {
      as: 'adminA1',
      body: { name: 'Mobiliteit', theme: 'mobility', members: [{ id: wim.id, name: 'Wim Wielrenner' }, { id: leadId, name: 'Lien Leider' }], leadMemberId: wim.id, version: 1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ leadMemberId: wim.id, version: 2 });
    expect(edited.body.description).toBeUndefined();

    const stale = await api.call('PUT', `/api/tenants/${A1}/people/working-groups/${created.body.id}`, {
      as: 'adminA1', body: { name: 'Oud', theme: 'other', members: [], version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ name: 'Mobiliteit', leadMemberId: wim.id, version: 2 });
  });

  it('refuses a lead who is not a member, a member listed twice and a member’s unknown company', async () => {
    const stranger = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, {
      as: 'adminA1', body: { name: 'Veiligheid', theme: 'safety', members: [{ name: 'Een Lid' }], leadMemberId: ulid() },
    });
    expect(stranger.status).toBe(400);
    expect(fieldsOf(stranger)).toEqual([{ path: 'body.leadMemberId', code: 'lead_not_member' }]);
    expect(stranger.body.error.fields[0].message).toBe('De trekker moet een van de leden van de werkgroep zijn.');

    const twice = ulid();
    const duplicate = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, {
      as: 'adminA1', body: { name: 'Veiligheid', theme: 'safety', members: [{ id: twice, name: 'Een' }, { id: twice, name: 'Twee' }] },
    });
    expect(fieldsOf(duplicate)).toEqual([{ path: 'body.members.1.id', code: 'duplicate_member' }]);

    const unknownCompany = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, {
      as: 'adminA1', body: { name: 'Veiligheid', theme: 'safety', members: [{ name: 'Goed', companyId: acme.id }, { name: 'Fout', companyId: foreign.id }] },
    });
    expect(unknownCompany.status).toBe(400);
    expect(fieldsOf(unknownCompany)).toEqual([{ path: 'body.members.1.companyId', code: 'unknown_company' }]);

    const badTheme = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, { as: 'adminA1', body: { name: 'X', theme: 'party' } });
    expect(badTheme.status).toBe(400);
    expect(fieldsOf(badTheme).map((field) => field.path)).toEqual(['body.theme']);
  });

  it('removes a group with its version', async () => {
    const created = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, { as: 'adminA1', body: { name: 'Energie', theme: 'energy' } });
    expect((await api.call('DELETE', `/api/tenants/${A1}/people/working-groups/${created.body.id}?version=2`, { as: 'adminA1' })).status).toBe(409);
    expect((await api.call('DELETE', `/api/tenants/${A1}/people/working-groups/${created.body.id}?version=1`, { as: 'adminA1' })).status).toBe(204);
    expect((await people(A1)).body.workingGroups.map((group: { name: string }) => group.name)).not.toContain('Energie');
  });
});

describe('idempotent creation', () => {
  it('answers a retried create with what the first one made, even when the retry would now break a rule', async () => {
    const headers = { 'idempotency-key': `chair-${ulid()}` };
    const body = { name: 'Herhaalde Voorzitter', function: 'chair', termStart: '2040-01-01' };
    const first = await api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'adminA2', headers, body });
    const again = await api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'adminA2', headers, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const named = (await people(A2, 'adminA2')).body.boardMembers.filter((member: { name: string }) => member.name === body.name);
    expect(named).toHaveLength(1);

    const otherBody = await api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'adminA2', headers, body: { ...body, name: 'Iemand Anders' } });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe('idempotency_key_reused');
    const otherCaller = await api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'managerA1A2', headers, body });
    expect(otherCaller.status).toBe(422);
  });

  it('creates a park manager and a working group once per key', async () => {
    for (const [path, body] of [
      ['park-managers', { name: 'Eenmalig', organisation: 'WVI', daysPerWeek: 2, from: '2025-01-01' }],
      ['working-groups', { name: 'Eenmalige groep', theme: 'communication' }],
    ] as const) {
      const headers = { 'idempotency-key': `${path}-${ulid()}` };
      const answers = await Promise.all([1, 2, 3].map(() => api.call('POST', `/api/tenants/${A2}/people/${path}`, { as: 'adminA2', headers, body })));
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    }
    const list = (await people(A2, 'adminA2')).body;
    expect(list.parkManagers.filter((m: { name: string }) => m.name === 'Eenmalig')).toHaveLength(1);
    expect(list.workingGroups.filter((g: { name: string }) => g.name === 'Eenmalige groep')).toHaveLength(1);
  });

  it('refuses a malformed key', async () => {
    const answer = await api.call('POST', `/api/tenants/${A2}/people/working-groups`, {
      as: 'adminA2', headers: { 'idempotency-key': 'kort' }, body: { name: 'Sleutel', theme: 'other' },
    });
    expect(answer.status).toBe(400);
  });
});

describe('who sees what', () => {
  let B1: string;
  beforeAll(async () => {
    B1 = api.world.tenants.B1.id;
    const shared = { name: 'Open Olga', function: 'vice_chair', email: 'olga@open.test', phone: '+32 50 11 22 33', contactVisibleToMembers: true };
    const closed = { name: 'Gesloten Geert', function: 'member', email: 'geert@dicht.test', phone: '+32 50 44 55 66' };
    for (const body of [shared, closed]) expect((await api.call('POST', `/api/tenants/${B1}/people/board`, { as: 'adminB1', body })).status).toBe(201);
    expect((await api.call('POST', `/api/tenants/${B1}/people/park-managers`, {
      as: 'adminB1', body: { name: 'Pieter Park', organisation: 'WVI', daysPerWeek: 2, from: '2021-01-01', email: 'pieter@wvi.test', phone: '+32 50 77 88 99', contactVisibleToMembers: true },
    })).status).toBe(201);
    expect((await api.call('POST', `/api/tenants/${B1}/people/working-groups`, {
      as: 'adminB1', body: { name: 'Personeel', theme: 'personnel', members: [{ name: 'Stille Stan', email: 'stan@stil.test' }] },
    })).status).toBe(201);
  });

  const emails = (body: unknown) => [...JSON.stringify(body).matchAll(/"email":"([^"]+)"/g)].map((match) => match[1]).sort();

  it('gives company contacts the whole chart, with e-mail and phone only of people who share them with members', async () => {
    const contactA1 = await people(A1, 'contactA1');
    expect(contactA1.status).toBe(200);
    expect(contactA1.body.contactDetails).toBe('shared_with_members');
    expect(contactA1.body.boardMembers.length).toBeGreaterThan(0);
    // In A1 nobody shares contact details with members.
    expect(emails(contactA1.body)).toEqual([]);
    expect(JSON.stringify(contactA1.body)).not.toContain('"phone"');
  });

  it('strips what a person does not share, per person', async () => {
    // B1 has no company contact in the test world: the rule is the same function the handler applies.
    const { withContactDetails } = await import('../../functions/people/visibility');
    const full = (await people(B1, 'adminB1')).body;
    expect(emails(full)).toEqual(['geert@dicht.test', 'olga@open.test', 'pieter@wvi.test', 'stan@stil.test']);
    const { contactDetails: _all, ...chart } = full;
    const forMembers = withContactDetails(chart, 'shared_with_members');
    expect(emails(forMembers)).toEqual(['olga@open.test', 'pieter@wvi.test']);
    expect(forMembers.boardMembers.find((m) => m.name === 'Gesloten Geert')).not.toHaveProperty('phone');
    expect(forMembers.boardMembers.find((m) => m.name === 'Open Olga')).toHaveProperty('phone', '+32 50 11 22 33');
  });

  it('gives umbrella people the chart without contact fields, and with them while the register is shared', async () => {
    const closed = await people(B1, 'staffU2');
    expect(closed.status).toBe(200);
    expect(closed.body.contactDetails).toBe('none');
    expect(closed.body.boardMembers.map((m: { name: string }) => m.name)).toEqual(['Open Olga', 'Gesloten Geert']);
    expect(emails(closed.body)).toEqual([]);
    expect(JSON.stringify(closed.body)).not.toContain('"phone"');

    expect((await api.call('PUT', `/api/tenants/${B1}/grants/register`, { as: 'adminB1' })).status).toBe(200);
    const open = await people(B1, 'staffU2');
    expect(open.body.contactDetails).toBe('all');
    expect(emails(open.body)).toEqual(['geert@dicht.test', 'olga@open.test', 'pieter@wvi.test', 'stan@stil.test']);
    expect((await api.call('DELETE', `/api/tenants/${B1}/grants/register`, { as: 'adminB1' })).status).toBe(204);
    expect((await people(B1, 'staffU2')).body.contactDetails).toBe('none');
  });

  it('lets only the association’s admins and editors write; partners, platform admins and others see nothing', async () => {
    const body = { name: 'Niet Toegestaan', function: 'member' };
    expect((await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'contactA1', body })).status).toBe(403);
    expect((await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'adminU1', body })).status).toBe(403);
    expect((await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'editorA1', body })).status).toBe(201);
    expect((await people(A1, 'partnerA1')).status).toBe(403);
    expect((await people(A1, 'platform')).status).toBe(403);
    expect((await people(A1, 'staffU2')).status).toBe(404);
    expect((await people(A1, 'stranger')).status).toBe(404);
    expect((await people(api.world.tenants.U1.id, 'adminU1')).status).toBe(404); // umbrellas have no people here
  });
});

describe('tenant isolation', () => {
  it('never shows or changes one association’s people through another’s path', async () => {
    const a1Member = await api.call('POST', `/api/tenants/${A1}/people/board`, { as: 'managerA1A2', body: { name: 'Alleen A1', function: 'member' } });
    const a1Group = await api.call('POST', `/api/tenants/${A1}/people/working-groups`, { as: 'managerA1A2', body: { name: 'Alleen A1 groep', theme: 'other' } });
    // The same person is admin of both: the path's tenant decides, and A2 has no such rows.
    const viaA2 = await api.call('PUT', `/api/tenants/${A2}/people/board/${a1Member.body.id}`, {
      as: 'managerA1A2', body: { name: 'Gekaapt', function: 'member', version: 1 },
    });
    expect(viaA2.status).toBe(404);
    expect((await api.call('DELETE', `/api/tenants/${A2}/people/working-groups/${a1Group.body.id}?version=1`, { as: 'managerA1A2' })).status).toBe(404);
    const a2 = JSON.stringify((await people(A2, 'managerA1A2')).body);
    expect(a2).not.toContain(a1Member.body.id);
    expect(a2).not.toContain('Alleen A1');
    // A body cannot smuggle a tenant in.
    const smuggled = await api.call('POST', `/api/tenants/${A2}/people/board`, { as: 'managerA1A2', body: { name: 'Smokkel', function: 'member', tenantId: A1 } });
    expect(smuggled.status).toBe(400);
    expect(fieldsOf(smuggled)).toEqual([{ path: 'body.tenantId', code: 'unknown_field' }]);
    expect((await api.call('GET', `/api/tenants/${A1}/people`, { as: 'adminA1' })).body.boardMembers.find((m: { id: string }) => m.id === a1Member.body.id).name).toBe('Alleen A1');
  });
});
