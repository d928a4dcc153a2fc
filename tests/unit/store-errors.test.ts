import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulidx';
import { setDocumentClient } from '../../functions/lib/dynamo';
import { handler as companiesHandler } from '../../functions/companies/handler';
import { handler as organisationsHandler } from '../../functions/organisations/handler';
import { apiEvent, lambdaContext, UNIT_USER } from '../support/events';
import { keys } from '../../functions/lib/keys';

/**
 * Failures a real store will not produce on demand: throttling, time-outs and crashes inside the SDK.
 * Each must reach the client as a clean 503 (retry later) or a bare 500 — never a stack trace.
 */
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const store = mockClient(documentClient);
const tenantId = ulid();

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-test';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
/** The caller's own partition answers normally (an admin of the tenant); each test breaks what it is about. */
function callerIsAdmin() {
  store.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `U#${UNIT_USER}` } }).resolves({
    Items: [{ ...keys.userMembership(UNIT_USER, tenantId), tenantId, tenantName: 'A', tenantKind: 'association', role: 'association_admin' }],
  });
}

beforeEach(() => {
  store.reset();
  setDocumentClient(documentClient);
  callerIsAdmin();
});
afterEach(() => setDocumentClient(undefined));

const getTenant = () => organisationsHandler(apiEvent('GET', `/api/tenants/${tenantId}`), lambdaContext);

function networkError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code, name: 'Error' });
}

describe('store failures', () => {
  it('answers 503 with Retry-After when DynamoDB throttles', async () => {
    store.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const response = await getTenant();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(response.body!).error.code).toBe('store_unavailable');
  });

  it('answers 503 when the SDK times out', async () => {
    store.on(GetCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    expect((await getTenant()).statusCode).toBe(503);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('answers 503 on a %s from the network', async (code) => {
    store.on(GetCommand).rejects(networkError(code));
    expect((await getTenant()).statusCode).toBe(503);
  });

  it('answers 503 when another transaction was writing the same item at once', async () => {
    store.on(GetCommand).rejects(
      Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
    );
    const response = await getTenant();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
  });

  it('answers a bare 500 for an unexpected failure, with the request id and without internals', async () => {
    store.on(GetCommand).rejects(new TypeError('Cannot read properties of undefined (reading secretThing)'));
    const response = await getTenant();
    expect(response.statusCode).toBe(500);
    const body = JSON.parse(response.body!);
    expect(body.error).toEqual({ code: 'internal_error', message: expect.any(String), requestId: 'req-test' });
    expect(response.body).not.toMatch(/secretThing|TypeError|\.ts:/);
  });

  it('answers 503 when a throttled read happens halfway through a list', async () => {
    store.on(GetCommand).resolves({ Item: { id: tenantId, kind: 'association', name: 'A' } });
    store.on(QueryCommand, { IndexName: 'gsi2' }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const response = await companiesHandler(apiEvent('GET', `/api/tenants/${tenantId}/companies`), lambdaContext);
    expect(response.statusCode).toBe(503);
  });
});

describe('requests rejected before the store is touched', () => {
  it('answers 401 before touching DynamoDB when no verified caller comes with the event', async () => {
    const response = await companiesHandler(apiEvent('GET', `/api/tenants/${tenantId}/companies`, { sub: null }), lambdaContext);
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['www-authenticate']).toMatch(/^Bearer/);
    expect(store.calls()).toHaveLength(0);
  });

  it('writes nothing for an invalid body', async () => {
    store.on(GetCommand).resolves({ Item: { id: tenantId, kind: 'association', name: 'A' } });
    const response = await companiesHandler(apiEvent('POST', `/api/tenants/${tenantId}/companies`, { body: '{"name": 5}' }), lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(store.calls().map((call) => call.args[0].constructor.name)).toEqual(['QueryCommand', 'GetCommand']);
  });

  it('answers 404 for a route key the context does not serve', async () => {
    const response = await companiesHandler(apiEvent('GET', '/api/umbrellas'), lambdaContext);
    expect(response.statusCode).toBe(404);
  });
});
