import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { ulid } from 'ulidx';
import { setDocumentClient } from '../../functions/lib/dynamo';
import { handler } from '../../functions/organisations/handler';
import { apiEvent, lambdaContext } from '../support/events';

// A real SDK client against a port where nothing listens: the genuine "store unreachable" path, retries included.
let closedPort = 0;
beforeAll(async () => {
  closedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${closedPort}`;
  process.env.TABLE_NAME = 'unreachable';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  setDocumentClient(undefined);
});
afterAll(() => {
  delete process.env.DYNAMODB_ENDPOINT;
  setDocumentClient(undefined);
});

it('answers 503 when DynamoDB cannot be reached at all', async () => {
  const response = await handler(apiEvent('GET', `/api/tenants/${ulid()}`), lambdaContext);
  expect(response.statusCode).toBe(503);
  expect(JSON.parse(response.body!).error.code).toBe('store_unavailable');
});
