import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/lib/keys';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('GET /api/me', () => {
  it('lists every membership of a person who works for two associations', async () => {
    const { A1, A2 } = api.world.tenants;
    const me = await api.call('GET', '/api/me', { as: 'managerA1A2' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'managerA1A2', platformAdmin: false });
    expect(me.body.memberships.map((m: { tenantId: string; role: string }) => [m.tenantId, m.role])).toEqual([
      [A1.id, 'association_admin'],
      [A2.id, 'association_admin'],
    ]);
  });

  it('marks platform admins and shows no memberships for a stranger', async () => {
    expect((await api.call('GET', '/api/me', { as: 'platform' })).body.platformAdmin).toBe(true);
    expect((await api.call('GET', '/api/me', { as: 'stranger' })).body.memberships).toEqual([]);
  });

  it('answers 401 with WWW-Authenticate without a valid token', async () => {
    const response = await api.call('GET', '/api/me', { as: 'anonymous' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('roles live in DynamoDB', () => {
  it('takes a removed membership into account on the very next request', async () => {
    const { A1 } = api.world.tenants;
    const person = api.world.people.editorA1;
    expect((await api.call('GET', `/api/tenants/${A1.id}/companies`, { as: 'editorA1' })).status).toBe(200);
    await api.client.send(
      new BatchWriteCommand({
        RequestItems: {
          [api.tableName]: [
            { DeleteRequest: { Key: keys.tenantMember(A1.id, person.sub) } },
            { DeleteRequest: { Key: keys.userMembership(person.sub, A1.id) } },
          ],
        },
      }),
    );
    expect((await api.call('GET', `/api/tenants/${A1.id}/companies`, { as: 'editorA1' })).status).toBe(404);
  });
});
