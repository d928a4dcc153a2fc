import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string;
let U1: string;
beforeAll(async () => {
  api = await startTestApi();
  A1 = api.world.tenants.A1.id;
  U1 = api.world.tenants.U1.id;
});
afterAll(() => api.stop());

const tokenFromLastMail = (to: string) => {
  const mail = api.outbox().filter((m) => m.to === to).at(-1);
  const token = /\/invitations\/accept#([^\s"<]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mail for ${to}`);
  return token;
};

describe('invitations', () => {
  it('invites by e-mail, and the invitee joins with the role once the link is accepted', async () => {
    const invited = await api.call('POST', `/api/tenants/${A1}/invitations`, {
      as: 'adminA1', body: { email: 'New.Person@Example.test', name: 'Nieuwe Persoon', role: 'association_editor' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'new.person@example.test', role: 'association_editor', status: 'pending', invitedBy: 'adminA1' });
    expect(JSON.stringify(invited.body)).not.toMatch(/secret|token/i);
    const mail = api.outbox().at(-1)!;
    expect(mail.to).toBe('new.person@example.test');
    expect(mail.subject).toContain('Association A1');

    const token = tokenFromLastMail('new.person@example.test');
    expect((await api.call('POST', '/api/invitations/preview', { as: 'stranger', body: { token: token } })).body).toMatchObject({ tenantName: 'Association A1', role: 'association_editor' });
    const accepted = await api.call('POST', '/api/invitations/accept', { as: 'stranger', body: { token: token } });
    expect(accepted.status).toBe(200);
    const me = await api.call('GET', '/api/me', { as: 'stranger' });
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId: A1, role: 'association_editor' })]);
    // The team knows the person by their own profile, not by what the inviter typed.
    const team = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    expect(team).toContainEqual(expect.objectContaining({ userId: api.world.people.stranger.sub, name: 'stranger', role: 'association_editor' }));
    expect((await api.call('GET', `/api/tenants/${A1}/companies`, { as: 'stranger' })).status).toBe(200);
    expect((await api.call('GET', `/api/tenants/${A1}/invitations`, { as: 'adminA1' })).body.items.map((i: { email: string }) => i.email)).not.toContain('new.person@example.test');
  });

  it('cannot be used twice, and says so', async () => {
    await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'twice@example.test', role: 'external_partner' } });
    const token = tokenFromLastMail('twice@example.test');
    expect((await api.call('POST', '/api/invitations/accept', { as: 'contactA1', body: { token: token } })).status).toBe(409);
    const [first, second] = await Promise.all([
      api.call('POST', '/api/invitations/accept', { as: 'staffU2', body: { token: token } }),
      api.call('POST', '/api/invitations/accept', { as: 'adminB1', body: { token: token } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const again = await api.call('POST', '/api/invitations/preview', { as: 'adminB1', body: { token: token } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invitation_used');
  });

  it('explains a tampered or unknown link', async () => {
    await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'tamper@example.test', role: 'external_partner' } });
    const token = tokenFromLastMail('tamper@example.test');
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    for (const link of [tampered, 'not-a-token', `${ulid()}.${ulid()}.${'x'.repeat(43)}`]) {
      const response = await api.call('POST', '/api/invitations/accept', { as: 'stranger', body: { token: link } });
      expect(response.status, link).toBe(404);
      expect(response.body.error.code).toBe('invitation_invalid');
    }
  });

  it('refuses a withdrawn invitation and one that expired', async () => {
    const invited = await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'withdrawn@example.test', role: 'external_partner' } });
    const token = tokenFromLastMail('withdrawn@example.test');
    expect((await api.call('DELETE', `/api/tenants/${A1}/invitations/${invited.body.id}`, { as: 'adminA1' })).status).toBe(204);
    expect((await api.call('POST', '/api/invitations/accept', { as: 'stranger', body: { token: token } })).body.error.code).toBe('invitation_used');

    await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'late@example.test', role: 'external_partner' } });
    const late = tokenFromLastMail('late@example.test');
    const [, invitationId] = late.split('.');
    const { keys } = await import('../../functions/lib/keys');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await api.client.send(new UpdateCommand({
      TableName: api.tableName, Key: keys.invitation(A1, invitationId!),
      UpdateExpression: 'SET validUntil = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }));
    const expired = await api.call('POST', '/api/invitations/accept', { as: 'stranger', headers: { 'accept-language': 'en' }, body: { token: late } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired.*new invitation/i);
  });

  it('only offers roles that exist for the kind of tenant', async () => {
    const response = await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'x@example.test', role: 'umbrella_staff' } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0]).toMatchObject({ path: 'body.role', code: 'role_not_for_tenant' });
    expect((await api.call('POST', `/api/tenants/${A1}/invitations`, { as: 'adminA1', body: { email: 'x@example.test', role: 'platform_admin' } })).status).toBe(400);
  });
});

describe('the team', () => {
  it('lets an admin change a role and remove someone, with versions', async () => {
    const members = (await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA1' })).body.items;
    const partner = members.find((m: { name: string }) => m.name === 'partnerA1');
    const changed = await api.call('PUT', `/api/tenants/${A1}/members/${partner.userId}`, { as: 'adminA1', body: { role: 'company_contact', version: partner.version } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'company_contact', version: partner.version + 1 });
    const stale = await api.call('PUT', `/api/tenants/${A1}/members/${partner.userId}`, { as: 'adminA1', body: { role: 'external_partner', version: partner.version } });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', '/api/me', { as: 'partnerA1' })).body.memberships[0].role).toBe('company_contact');
    expect((await api.call('DELETE', `/api/tenants/${A1}/members/${partner.userId}?version=${partner.version + 1}`, { as: 'adminA1' })).status).toBe(204);
    expect((await api.call('GET', `/api/tenants/${A1}/parks`, { as: 'partnerA1' })).status).toBe(404);
  });

  it('never leaves a tenant without an admin', async () => {
    const members = (await api.call('GET', `/api/tenants/${U1}/members`, { as: 'adminU1' })).body.items;
    const self = members.find((m: { name: string }) => m.name === 'adminU1');
    const leave = await api.call('DELETE', `/api/tenants/${U1}/members/${self.userId}?version=${self.version}`, { as: 'adminU1' });
    expect(leave.status).toBe(409);
    expect(leave.body.error.code).toBe('last_admin');
    const demote = await api.call('PUT', `/api/tenants/${U1}/members/${self.userId}`, { as: 'adminU1', body: { role: 'umbrella_staff', version: self.version } });
    expect(demote.body.error.code).toBe('last_admin');
  });

  it('keeps the team away from umbrella people, who may see the association but not its people', async () => {
    expect((await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminU1' })).status).toBe(403);
    expect((await api.call('GET', `/api/tenants/${A1}/members`, { as: 'adminA2' })).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records who changed what, when and in which request, newest first, without personal data', async () => {
    const created = await api.call('POST', `/api/tenants/${A1}/companies`, { as: 'adminA1', body: { name: 'Audit nv', parkId: api.world.parks.P1.id } });
    await api.call('PUT', `/api/tenants/${A1}/companies/${created.body.id}`, { as: 'adminA1', body: { name: 'Audit bv', parkId: api.world.parks.P1.id, email: 'x@audit.test', version: 1 } });
    const log = await api.call('GET', `/api/tenants/${A1}/audit?limit=2`, { as: 'adminA1' });
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['company.update', 'company.create']);
    expect(log.body.items[0]).toMatchObject({ objectId: created.body.id, actorId: api.world.people.adminA1.sub, actorName: 'adminA1', fields: ['name', 'email'] });
    expect(log.body.items[0].requestId).toBeTruthy();
    expect(log.text).not.toContain('x@audit.test');
    const next = await api.call('GET', `/api/tenants/${A1}/audit?limit=2&cursor=${log.body.nextCursor}`, { as: 'adminA1' });
    expect(next.status).toBe(200);
    expect((await api.call('GET', `/api/tenants/${A1}/audit`, { as: 'editorA1' })).status).toBe(403);
  });
});
