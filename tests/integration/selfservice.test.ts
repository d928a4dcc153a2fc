import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { Company } from '../../shared/index';
import { companyFixture, companyItem, linkedCompanyFixture } from '../support/fixtures';
import { keys, startTestApi, type PersonName, type TestApi } from '../support/test-api';

/**
 * Member self-service: a company contact sees and edits their own company (and nothing of other companies beyond
 * the member directory). Links come from invitations and from the team's admins.
 */

let api: TestApi;
let A1: string;
let A2: string;
let P1: string;
let P2: string;
/** contactA1's company: a member with contacts, the association's notes and an enterprise number. */
let own: Company;
/** Another member of A1, with its own contacts. */
let neighbour: Company;
/** A prospect of A1: in the register, not in the member directory. */
let prospect: Company;
/** A member of A2. */
let foreign: Company;

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  A2 = api.world.tenants.A2.id;
  P1 = api.world.parks.P1.id;
  P2 = api.world.parks.P2.id;
  own = linkedCompanyFixture(api.world, {
    name: 'Eigen Bakkerij nv', enterpriseNumber: '0123.456.749', municipality: 'Leuven', naceCode: '10.71', website: 'https://eigen.example',
    notes: 'Interne notitie: wanbetaler 2024', email: 'info@eigen.example',
    contacts: [{ id: ulid(), name: 'Erik Eigen', email: 'erik@eigen.example', phone: '+32 16 11 22 33', consents: [] }],
  });
  neighbour = companyFixture(A1, P2, {
    name: 'Buur Metaal bv', enterpriseNumber: '0202.239.951', municipality: 'Haasrode', naceCode: '25.62', website: 'https://buur.example',
    notes: 'Geheime notitie over de buur', email: 'info@buur.example', phone: '+32 16 99 88 77',
    contacts: [{ id: ulid(), name: 'Bea Buur', email: 'bea@buur.example', consents: [{ topic: 'newsletter', givenOn: '2025-02-01', textVersion: 'v1' }] }],
  });
  prospect = companyFixture(A1, P1, { name: 'Aarzel Logistiek', membershipStatus: 'prospect', website: 'https://aarzel.example' });
  foreign = companyFixture(A2, api.world.parks.P3.id, { name: 'Vreemd Bedrijf nv' });
  await api.put([own, neighbour, prospect, foreign].map(companyItem));
});
afterAll(() => api.stop());

const myCompany = (as: PersonName = 'contactA1') =>
  api.call('GET', `/api/tenants/${A1}/my-company`, { as });
const tokenFromLastMail = (to: string) => {
  const mail = api.outbox().filter((m) => m.to === to).at(-1);
  const token = /\/invitations\/accept#([^\s"<]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mail for ${to}`);
  return token;
};

describe('linking a company contact to their company', () => {
  it('invites a company contact for a company of the register, and the link reaches both membership rows', async () => {
    const invited = await api.call('POST', `/api/tenants/${A1}/invitations`, {
      as: 'adminA1', body: { email: 'nieuw.contact@example.test', role: 'company_contact', companyId: neighbour.id },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'company_contact', companyId: neighbour.id, companyName: 'Buur Metaal bv' });
    const listed = (await api.call('GET', `/api/tenants/${A1}/invitations`, { as: 'adminA1' })).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ email: 'nieuw.contact@example.test', companyName: 'Buur Metaal bv' }));

    const token = tokenFromLastMail('nieuw.contact@example.test');
    const preview = await api.call('POST', '/api/invitations/preview', { as: 'stranger', body: { token } });
    expect(preview.body).toMatchObject({ role: 'company_contact', companyName: 'Buur Metaal bv' });
    expect((await api.call('POST', '/api/invitations/accept', { as: 'stranger', body: { token } })).status).toBe(200);

    const me = await api.call('GET', '/api/me', { as: 'stranger' });
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId: A1, role: 'company_contact', companyId: neighbour.id })]);
    const sub = api.world.people.stranger.sub;
    expect((await api.getItem(keys.tenantMember(A1, sub)))?.companyId).toBe(neighbour.id);
    expect((await api.getItem(keys.userMembership(sub, A1)))?.companyId).toBe(neighbour.id);
    const team = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    expect(team).toContainEqual(expect.objectContaining({ userId: sub, role: 'company_contact', companyId: neighbour.id, companyName: 'Buur Metaal bv' }));

    const page = await myCompany('stranger');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: neighbour.id, name: 'Buur Metaal bv', parkName: 'Park Two', contacts: [expect.objectContaining({ name: 'Bea Buur' })] });
  });

  it('refuses a company contact without a company, a company of another register, and a company on another role', async () => {
    const invite = (body: Record<string, unknown>) => api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: `${ulid()}@example.test`, ...body } });
    const missing = await invite({ role: 'company_contact' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([expect.objectContaining({ path: 'body.companyId', code: 'company_required', message: 'Kies het bedrijf waarvoor deze contactpersoon spreekt.' })]);
    for (const companyId of [foreign.id, ulid()]) {
      const elsewhere = await invite({ role: 'company_contact', companyId });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.error.fields).toEqual([expect.objectContaining({ path: 'body.companyId', code: 'unknown_company' })]);
      expect(elsewhere.text).not.toContain('Vreemd');
    }
    const onEditor = await invite({ role: 'association_editor', companyId: neighbour.id });
    expect(onEditor.status).toBe(400);
    expect(onEditor.body.error.fields).toEqual([expect.objectContaining({ path: 'body.companyId', code: 'company_only_for_contacts' })]);
    expect(api.outbox().filter((mail) => mail.to.endsWith('@example.test') && mail.to !== 'nieuw.contact@example.test')).toEqual([]);
  });

  it('lets an admin link, re-link and unlink an existing contact through the team, version-checked', async () => {
    const members = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    const partner = members.find((m: { name: string }) => m.name === 'partnerA1');
    const path = `/api/tenants/${A1}/members/${partner.userId}`;

    // A role change alone leaves a company contact unlinked: their page says so with its own code.
    const unlinked = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', version: partner.version } });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.companyId).toBeUndefined();
    const notLinked = await myCompany('partnerA1');
    expect(notLinked.status).toBe(404);
    expect(notLinked.body.error.code).toBe('company_not_linked');
    expect((await api.call('GET', `/api/tenants/${A1}/member-directory`, { as: 'partnerA1' })).status).toBe(200);

    const wrong = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', companyId: foreign.id, version: unlinked.body.version } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'body.companyId', code: 'unknown_company' });
    const onPartner = await api.call('PUT', path, { as: 'adminA1', body: { role: 'external_partner', companyId: prospect.id, version: unlinked.body.version } });
    expect(onPartner.body.error.fields[0]).toMatchObject({ path: 'body.companyId', code: 'company_only_for_contacts' });

    const linked = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', companyId: prospect.id, version: unlinked.body.version } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ companyId: prospect.id, companyName: 'Aarzel Logistiek', version: unlinked.body.version + 1 });
    expect((await myCompany('partnerA1')).body.name).toBe('Aarzel Logistiek');

    const stale = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', companyId: neighbour.id, version: unlinked.body.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ companyId: prospect.id, companyName: 'Aarzel Logistiek' });

    // Omitting the company keeps the link; null removes it; another role drops it.
    const kept = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', version: linked.body.version } });
    expect(kept.body.companyId).toBe(prospect.id);
    const cleared = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', companyId: null, version: kept.body.version } });
    expect(cleared.body.companyId).toBeUndefined();
    expect((await myCompany('partnerA1')).body.error.code).toBe('company_not_linked');
    const relinked = await api.call('PUT', path, { as: 'adminA1', body: { role: 'company_contact', companyId: prospect.id, version: cleared.body.version } });
    const away = await api.call('PUT', path, { as: 'adminA1', body: { role: 'external_partner', version: relinked.body.version } });
    expect(away.body.companyId).toBeUndefined();
    expect((await api.call('GET', '/api/me', { as: 'partnerA1' })).body.memberships[0]).not.toHaveProperty('companyId');
    expect((await api.getItem(keys.tenantMember(A1, partner.userId)))?.companyId).toBeUndefined();

    const log = (await api.call('GET', `/api/tenants/${A1}/audit?limit=10`, { as: 'adminA1' })).body.items;
    expect(log.filter((entry: { action: string; objectId: string }) => entry.action === 'member.role' && entry.objectId === partner.userId)[0]).toMatchObject({ fields: ['role', 'companyId'] });
  });
});

describe('my company', () => {
  it('shows the contact their company with its contacts, but not the association’s notes', async () => {
    const page = await myCompany();
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      id: own.id, name: 'Eigen Bakkerij nv', enterpriseNumber: '0123.456.749', parkName: 'Park One', membershipStatus: 'member', version: 1,
      contacts: [expect.objectContaining({ name: 'Erik Eigen', email: 'erik@eigen.example' })],
    });
    expect(page.body).not.toHaveProperty('notes');
    expect(page.text).not.toContain('wanbetaler');
  });

  it('saves what a member may change through the register’s write path: version, audit, the register’s view', async () => {
    const before = (await myCompany()).body;
    const erik = before.contacts[0];
    const saved = await api.call('PUT', `/api/tenants/${A1}/my-company`, {
      as: 'contactA1',
      body: {
        version: before.version, website: 'https://www.eigen-bakkerij.example', email: 'hallo@eigen.example', phone: '+32 16 00 00 01', sizeClass: 'small',
        contacts: [
          { ...erik, function: 'Zaakvoerder' },
          { name: 'Nele Nieuw', email: 'nele@eigen.example', consents: [{ topic: 'newsletter', givenOn: today(), textVersion: 'nieuwsbrief-2026' }] },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ website: 'https://www.eigen-bakkerij.example', sizeClass: 'small', version: before.version + 1, name: 'Eigen Bakkerij nv' });
    expect(saved.body.contacts).toHaveLength(2);
    expect(saved.body.contacts[0]).toMatchObject({ id: erik.id, function: 'Zaakvoerder' });
    expect(saved.body.contacts[1]).toMatchObject({ name: 'Nele Nieuw', id: expect.any(String), consents: [{ topic: 'newsletter', givenOn: today(), textVersion: 'nieuwsbrief-2026' }] });
    expect(saved.text).not.toContain('wanbetaler');

    // The register sees the same row: the association's notes, number and status untouched.
    const register = (await api.call('GET', `/api/tenants/${A1}/companies/${own.id}`, { as: 'adminA1' })).body;
    expect(register).toMatchObject({
      version: before.version + 1, website: 'https://www.eigen-bakkerij.example', email: 'hallo@eigen.example',
      notes: 'Interne notitie: wanbetaler 2024', enterpriseNumber: '0123.456.749', membershipStatus: 'member', naceCode: '10.71',
    });

    // Audited like a staff edit, as the contact in their role.
    const log = (await api.call('GET', `/api/tenants/${A1}/audit?limit=5`, { as: 'adminA1' })).body.items;
    expect(log[0]).toMatchObject({
      action: 'company.update', objectType: 'company', objectId: own.id, actorId: api.world.people.contactA1.sub, actorName: 'contactA1', actorRole: 'company_contact',
    });
    expect(log[0].fields).toEqual(expect.arrayContaining(['website', 'email', 'phone', 'sizeClass', 'contacts']));
    expect(log[0].fields).not.toContain('name');

    // Left out = cleared (the form's whole state), contacts left out = kept.
    const cleared = await api.call('PUT', `/api/tenants/${A1}/my-company`, { as: 'contactA1', body: { version: saved.body.version, website: 'https://www.eigen-bakkerij.example' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('email');
    expect(cleared.body.contacts).toHaveLength(2);
  });

  it('refuses every field a member may not change, and writes nothing', async () => {
    const before = (await myCompany()).body;
    const forbidden = {
      name: 'Overgenomen nv', enterpriseNumber: '0202.239.951', establishmentNumber: '2.123.456.789', parkId: P2, zoneId: ulid(),
      membershipStatus: 'former_member', founding: true, notes: 'weg', memberSince: '2020-01-01', dues: 0, startDate: '2020-01-01', naceCode: '62.01',
      street: 'Elders', tenantId: A2, id: neighbour.id, companyId: neighbour.id,
    };
    const response = await api.call('PUT', `/api/tenants/${A1}/my-company`, { as: 'contactA1', body: { version: before.version, ...forbidden } });
    expect(response.status).toBe(400);
    const paths = response.body.error.fields.map((field: { path: string; code: string }) => `${field.path}:${field.code}`).sort();
    expect(paths).toEqual(Object.keys(forbidden).map((key) => `body.${key}:unknown_field`).sort());
    expect((await myCompany()).body).toEqual(before);
  });

  it('checks consents and contacts like the register, and contact ids must be the company’s own', async () => {
    const before = (await myCompany()).body;
    const future = await api.call('PUT', `/api/tenants/${A1}/my-company`, {
      as: 'contactA1',
      body: { version: before.version, contacts: [{ name: 'Toekomst', consents: [{ topic: 'newsletter', givenOn: tomorrow(), textVersion: 'v1' }] }] },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual([expect.objectContaining({ path: 'body.contacts.0.consents.0.givenOn', code: 'consent_in_future' })]);

    const invalid = await api.call('PUT', `/api/tenants/${A1}/my-company`, {
      as: 'contactA1', headers: { 'accept-language': 'en' },
      body: { version: before.version, website: 'geen-url', contacts: [{ name: '', email: 'nope', consents: [{ topic: 'newsletter', givenOn: '2025-13-01', textVersion: '' }] }] },
    });
    expect(invalid.status).toBe(400);
    const codes = Object.fromEntries(invalid.body.error.fields.map((field: { path: string; code: string }) => [field.path, field.code]));
    expect(codes).toMatchObject({
      'body.website': 'invalid_url', 'body.contacts.0.name': 'required', 'body.contacts.0.email': 'invalid_email',
      'body.contacts.0.consents.0.givenOn': 'invalid_date', 'body.contacts.0.consents.0.textVersion': 'required',
    });

    // A contact id of another company cannot be smuggled in (the neighbour's contact stays theirs).
    const smuggled = await api.call('PUT', `/api/tenants/${A1}/my-company`, {
      as: 'contactA1', body: { version: before.version, contacts: [{ id: neighbour.contacts![0]!.id, name: 'Bea Buur', consents: [] }] },
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.error.fields).toEqual([expect.objectContaining({ path: 'body.contacts.0.id', code: 'unknown_contact' })]);
    expect((await myCompany()).body.version).toBe(before.version);
  });

  it('answers a stale version with 409 and the current company as the contact sees it', async () => {
    const before = (await myCompany()).body;
    // Meanwhile the park manager edits the company in the register.
    const register = (await api.call('GET', `/api/tenants/${A1}/companies/${own.id}`, { as: 'adminA1' })).body;
    const { id: _id, tenantId: _tenantId, version, createdAt: _c, updatedAt: _u, memberSince: _m, kboVanishedOn: _k, contacts: _contacts, ...fields } = register;
    expect((await api.call('PUT', `/api/tenants/${A1}/companies/${own.id}`, { as: 'adminA1', body: { ...fields, phone: '+32 16 55 55 55', version } })).status).toBe(200);

    const stale = await api.call('PUT', `/api/tenants/${A1}/my-company`, { as: 'contactA1', body: { version: before.version, website: 'https://te-laat.example' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ id: own.id, version: before.version + 1, phone: '+32 16 55 55 55' });
    expect(stale.body.error.current).not.toHaveProperty('notes');
    expect(stale.text).not.toContain('wanbetaler');

    // Re-applied on the current version, it goes through.
    const retried = await api.call('PUT', `/api/tenants/${A1}/my-company`, {
      as: 'contactA1', body: { version: stale.body.error.current.version, website: 'https://te-laat.example', phone: stale.body.error.current.phone },
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ website: 'https://te-laat.example', phone: '+32 16 55 55 55' });
  });

  it('gives a contact of company X no way to read or edit company Y, here or in the register', async () => {
    const base = `/api/tenants/${A1}`;
    const register = [
      ['GET', `${base}/companies`], ['GET', `${base}/companies/${neighbour.id}`], ['GET', `${base}/companies/${own.id}`],
      ['PUT', `${base}/companies/${neighbour.id}`], ['DELETE', `${base}/companies/${neighbour.id}?version=1`],
      ['GET', `${base}/companies/${neighbour.id}/history`], ['GET', `${base}/dues?year=2026`], ['POST', `${base}/companies`],
      ['GET', `${base}/coverage`],
    ] as const;
    for (const [method, path] of register) {
      const response = await api.call(method, path, { as: 'contactA1', body: method === 'PUT' || method === 'POST' ? { name: 'x', parkId: P1, version: 1 } : undefined });
      // Known in the association, so 403 rather than 404: the role does not reach the register, and nothing of it shows.
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.text).not.toMatch(/Buur|bea@|Geheime/);
    }
    // Other associations do not exist for them at all.
    for (const path of [`/api/tenants/${A2}/my-company`, `/api/tenants/${A2}/companies/${foreign.id}`, `/api/tenants/${A2}/member-directory`]) {
      expect((await api.call('GET', path, { as: 'contactA1' })).status, path).toBe(404);
    }
    // The self-service routes take the company from the caller's membership, never from the request.
    const current = (await myCompany()).body;
    const pointed = await api.call('PUT', `${base}/my-company?companyId=${neighbour.id}`, {
      as: 'contactA1', body: { version: current.version, website: 'https://kaping.example', contacts: current.contacts },
    });
    expect(pointed.status).toBe(200);
    expect(pointed.body).toMatchObject({ id: own.id, website: 'https://kaping.example' });
    expect((await api.call('GET', `${base}/companies/${neighbour.id}`, { as: 'adminA1' })).body).toMatchObject({ version: 1, website: 'https://buur.example' });
    // Staff and umbrella people have no "own company": they use the register.
    expect((await api.call('GET', `${base}/my-company`, { as: 'adminA1' })).status).toBe(403);
    expect((await api.call('GET', `${base}/my-company`, { as: 'adminU1' })).status).toBe(403);
  });

  it('says so when the company left the register', async () => {
    const gone = companyFixture(A1, P1, { name: 'Verdwenen bv' });
    await api.put([companyItem(gone)]);
    const members = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    const editor = members.find((m: { name: string }) => m.name === 'editorA1');
    expect((await api.call('PUT', `/api/tenants/${A1}/members/${editor.userId}`, { as: 'adminA1', body: { role: 'company_contact', companyId: gone.id, version: editor.version } })).status).toBe(200);
    expect((await api.call('DELETE', `/api/tenants/${A1}/companies/${gone.id}?version=1`, { as: 'adminA1' })).status).toBe(204);
    const page = await myCompany('editorA1');
    expect(page.status).toBe(404);
    expect(page.body.error).toMatchObject({ code: 'company_gone', message: expect.stringContaining('niet meer in het register') });
    const edit = await api.call('PUT', `/api/tenants/${A1}/my-company`, { as: 'editorA1', body: { version: 1 } });
    expect(edit.body.error.code).toBe('company_gone');
    // The team still shows the link, without a name.
    const team = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    expect(team.find((m: { userId: string }) => m.userId === editor.userId)).toMatchObject({ companyId: gone.id });
    expect(team.find((m: { userId: string }) => m.userId === editor.userId)).not.toHaveProperty('companyName');
  });
});

describe('the member directory', () => {
  const directory = (query = '', as: 'contactA1' | 'adminA1' | 'editorA1' | 'adminU1' | 'adminA2' | 'platform' = 'contactA1') =>
    api.call('GET', `/api/tenants/${A1}/member-directory${query}`, { as, headers: { 'accept-language': 'nl' } });

  it('lists member companies only, with the published fields and nothing else', async () => {
    const response = await directory();
    expect(response.status).toBe(200);
    const names = response.body.items.map((entry: { name: string }) => entry.name);
    expect(names).toContain('Buur Metaal bv');
    expect(names).toContain('Eigen Bakkerij nv');
    expect(names).not.toContain('Aarzel Logistiek'); // a prospect
    expect(names).not.toContain('Vreemd Bedrijf nv'); // another association
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'nl')));

    const buur = response.body.items.find((entry: { name: string }) => entry.name === 'Buur Metaal bv');
    expect(buur).toEqual({
      id: neighbour.id, name: 'Buur Metaal bv', municipality: 'Haasrode', parkId: P2, parkName: 'Park Two',
      sector: { division: '25', section: 'C', label: expect.stringMatching(/metaal/i) }, website: 'https://buur.example',
    });
    expect(response.body.items.find((entry: { name: string }) => entry.name === 'Eigen Bakkerij nv')).toMatchObject({ own: true });
    for (const secret of ['Bea Buur', 'bea@buur.example', 'info@buur.example', '+32 16 99 88 77', 'Geheime', '0202.239.951', '202239951', 'Erik Eigen', 'wanbetaler', 'newsletter']) {
      expect(response.text, secret).not.toContain(secret);
    }
  });

  it('searches name and place, never the enterprise number; filters by park; pages with a cursor', async () => {
    expect((await directory('?q=metaal')).body.items.map((e: { name: string }) => e.name)).toEqual(['Buur Metaal bv']);
    expect((await directory('?q=haasrode')).body.items.map((e: { name: string }) => e.name)).toEqual(['Buur Metaal bv']);
    expect((await directory('?q=0202.239.951')).body.items).toEqual([]);
    expect((await directory('?q=0202239951')).body.items).toEqual([]);
    expect((await directory('?q=aarzel')).body.items).toEqual([]);
    expect((await directory(`?parkId=${P2}`)).body.items.map((e: { name: string }) => e.name)).toEqual(['Buur Metaal bv']);

    const all = (await directory('?limit=100')).body.items.map((e: { id: string }) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await directory(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);

    // A cursor of another association's directory does not start a read there.
    const other = await api.call('GET', `/api/tenants/${A2}/member-directory?limit=1`, { as: 'adminA2' });
    const foreignCursor = Buffer.from(JSON.stringify({
      pk: `T#${A2}`, sk: `COMPANY#${foreign.id}`, gsi3pk: keys.companiesByStatus(A2, 'member'), gsi3sk: `vreemd bedrijf nv#${foreign.id}`,
    })).toString('base64url');
    expect(other.status).toBe(200);
    const refused = await directory(`?cursor=${foreignCursor}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'query.cursor', code: 'invalid_cursor' });
  });

  it('is for the association’s own people: its staff and its company contacts', async () => {
    expect((await directory('', 'adminA1')).status).toBe(200);
    expect((await directory('', 'editorA1')).status).toBe(200);
    expect((await directory('', 'adminU1')).status).toBe(403);
    expect((await directory('', 'platform')).status).toBe(403);
    expect((await directory('', 'adminA2')).status).toBe(404);
  });
});
