import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ulid } from 'ulidx';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clientConfig, setDocumentClient } from '../../functions/lib/dynamo';
import { keys, startTestApi, type TestApi } from '../support/test-api';
import { addCompany, addContact, slot } from './activities-support';

/**
 * The property: N concurrent registrations (N up to 1,000) for capacity C (0–200), each person sending
 * up to 3 duplicate requests, in random arrival order, give accepted = min(C, distinct people), a waitlist of
 * the rest served in arrival order, registration rows equal to the counters (seats, waitlist, credits), and no
 * duplicates — also when DynamoDB throttles: faults are injected at the HTTP layer by a proxy in front of
 * DynamoDB Local (before a request reaches it, and after a write committed with its answer lost), so the SDK's
 * own retries and the client's retries of 503 answers both run for real.
 */

let api: TestApi;
let dynamoEndpoint: string;
let U1: string;

/** A proxy in front of DynamoDB Local that answers some requests with ThrottlingException. */
type Faults = { before: number; after: number };
let faults: Faults = { before: 0, after: 0 };
const injected = { before: 0, after: 0 };
let proxy: Server;
let proxyClient: DynamoDBDocumentClient;

const THROTTLED = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' });

function startProxy(target: URL): Promise<string> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const throttle = () => {
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': ulid() });
        outgoing.end(THROTTLED);
      };
      if (Math.random() < faults.before) {
        injected.before += 1;
        return throttle();
      }
      const loseAnswer = Math.random() < faults.after;
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            // The request did reach DynamoDB (a write may have committed): only its answer is lost.
            if (loseAnswer) {
              injected.after += 1;
              return throttle();
            }
            outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
            outgoing.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`)));
}

beforeAll(async () => {
  api = await startTestApi();
  U1 = api.world.tenants.U1.id;
  dynamoEndpoint = process.env.DYNAMODB_ENDPOINT!;
  const proxyUrl = await startProxy(new URL(dynamoEndpoint));
  // The handlers' client goes through the proxy (the test reads the table directly, without faults).
  proxyClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig(), endpoint: proxyUrl, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  setDocumentClient(proxyClient);
});
afterAll(async () => {
  setDocumentClient(api.client);
  proxyClient.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await api.stop();
});

type Company = { id: string; home: string; as: { token: string } };

/** Fresh member companies (with a linked contact each) on both associations of U1, so credits start at zero. */
async function companies(count: number): Promise<Company[]> {
  const { A1, A2 } = api.world.tenants;
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const home = i % 2 === 0 ? A1 : A2;
      const id = await addCompany(api, home.id, home.id === A1.id ? api.world.parks.P1.id : api.world.parks.P3.id);
      const contact = await addContact(api, home, id);
      return { id, home: home.id, as: contact.as };
    }),
  );
}

/** POSTs with the client's own retries: 503 (and a dropped connection) are retried with the same request. */
async function post(path: string, body: unknown, as: { token: string } | 'staffU1', idempotencyKey?: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await api.call('POST', path, { as, body, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) });
      if (response.status !== 503 || attempt >= 40) return response;
    } catch (error) {
      if (attempt >= 40) throw error;
    }
    await sleep(20 + Math.random() * Math.min(400, 20 * 2 ** Math.min(attempt, 5)));
  }
}

async function call(method: string, path: string, as: 'staffU1') {
  for (let attempt = 0; ; attempt++) {
    const response = await api.call(method, path, { as });
    if (response.status !== 503 || attempt >= 40) return response;
    await sleep(20 + Math.random() * 200);
  }
}

/**
 * Requests in flight at once. DynamoDB Local applies transactions one at a time, so more in flight only
 * lengthens each request's wait; 64 keeps every registration racing others for the same seats.
 */
const IN_FLIGHT = 64;

/** At most `limit` requests in flight: a burst, without opening thousands of sockets at once. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const rows = async (pk: string, prefix: string) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await api.client.send(new QueryCommand({
      TableName: api.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix }, ConsistentRead: true, ExclusiveStartKey,
    }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

type Scenario = { capacity: number; people: number; duplicates: number[]; order: number[]; cancellations: number };

/**
 * One run: an activity of U1 open to its associations, `people` distinct people over fresh companies, each sent
 * 1–3 times (some with an Idempotency-Key, some without) in a shuffled order, all at once; then a few
 * cancellations, which must promote the first waiting people in arrival order. Checks the end state in the table.
 */
async function run(scenario: Scenario): Promise<void> {
  const { capacity, people, duplicates, order, cancellations } = scenario;
  const created = await post(
    `/api/tenants/${U1}/activities`,
    {
      type: 'workshop', title: `Perslucht ${ulid()}`, place: { kind: 'address', street: 'Kapeldreef', postalCode: '3001', municipality: 'Leuven' },
      audience: { kind: 'umbrella' }, ...slot(40), capacity,
    },
    'staffU1',
    `activity-${ulid()}`,
  );
  expect(created.status, created.text).toBe(201);
  const activityId: string = created.body.id;
  const occurrenceId: string = created.body.occurrences[0].id;
  const year = Number(created.body.occurrences[0].startsAt.slice(0, 4));
  const pool = await companies(Math.min(6, people));

  const persons = Array.from({ length: people }, (_, i) => ({ email: `p${i}-${ulid()}@burst.test`.toLowerCase(), company: pool[i % pool.length]! }));
  const requests = persons.flatMap((p, i) =>
    Array.from({ length: duplicates[i]! }, (_, copy) => ({ person: p, key: copy === 1 ? undefined : `k-${i}-${copy}-${ulid()}` })),
  );
  const shuffled = order.slice(0, requests.length).map((rank, i) => ({ rank, request: requests[i]! })).sort((a, b) => a.rank - b.rank).map((x) => x.request);
  const path = (home: string) => `/api/tenants/${home}/organisers/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations`;
  const t0 = Date.now();
  const responses = await inParallel(
    shuffled.map(({ person, key }) => () =>
      post(path(person.company.home), { kind: 'people', companyId: person.company.id, people: [{ name: `Deelnemer ${person.email}`, email: person.email }] }, person.company.as, key),
    ),
    IN_FLIGHT,
  );
  if (process.env.ACTIVITIES_BURST_LOG) console.log(`burst: ${people} people, ${shuffled.length} requests, C=${capacity}: ${Date.now() - t0} ms`);
  const unexpected = responses.filter((r) => r.status !== 200 && r.status !== 201);
  expect(unexpected.map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);

  // Cancel some confirmed people (by the organiser, concurrently): the seats go to the waitlist in arrival order.
  const pk = keys.activity(U1, activityId).pk;
  const before = (await rows(pk, keys.registrationPrefix(occurrenceId))) as { id: string; status: string }[];
  const waitingBefore = before.filter((r) => r.status === 'waitlisted').map((r) => r.id);
  const toCancel = before.filter((r) => r.status === 'confirmed').slice(0, cancellations).map((r) => r.id);
  const cancelled = await Promise.all(toCancel.map((id) => call('DELETE', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${id}`, 'staffU1')));
  expect(cancelled.map((r) => r.status)).toEqual(toCancel.map(() => 200));

  // The end state, read straight from the table.
  const distinct = people;
  const live = distinct - toCancel.length;
  const expectedTaken = Math.min(capacity, live);
  const occurrence = await api.getItem(keys.occurrence(U1, activityId, occurrenceId));
  expect({ taken: occurrence!.taken, waiting: occurrence!.waiting }).toEqual({ taken: expectedTaken, waiting: live - expectedTaken });

  const registrations = (await rows(pk, keys.registrationPrefix(occurrenceId))) as { id: string; email: string; status: string; companyId: string; associationId: string }[];
  expect(registrations).toHaveLength(distinct); // one row per person: duplicates and retries never registered twice
  expect(new Set(registrations.map((r) => r.email)).size).toBe(distinct);
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  const waitlisted = registrations.filter((r) => r.status === 'waitlisted');
  expect(confirmed).toHaveLength(expectedTaken);
  expect(waitlisted).toHaveLength(live - expectedTaken);
  // Promotions followed arrival order: the first waiting people got the freed seats, the rest still wait in order.
  const promotedCount = Math.min(toCancel.length, waitingBefore.length);
  expect(waitingBefore.slice(promotedCount)).toEqual(waitlisted.map((r) => r.id));
  for (const id of waitingBefore.slice(0, promotedCount)) expect(registrations.find((r) => r.id === id)!.status).toBe('confirmed');

  const queue = await rows(pk, keys.waitlistPrefix(occurrenceId));
  expect(queue.map((w) => w.registrationId)).toEqual(waitlisted.map((r) => r.id));
  expect(await rows(pk, `OCC#${occurrenceId}#WHO#`)).toHaveLength(live);
  const companyRows = await rows(pk, keys.occurrenceCompanyPrefix(occurrenceId));
  for (const company of companyRows) {
    expect(company.seats, `seats of ${company.companyId}`).toBe(registrations.filter((r) => r.companyId === company.companyId && r.status !== 'cancelled').length);
  }

  // Credits: per company and per home association, and per umbrella, exactly the confirmed registrations.
  for (const company of pool) {
    const count = confirmed.filter((r) => r.companyId === company.id).length;
    for (const tenant of [company.home, U1]) {
      const row = await api.getItem(keys.participationCompany(tenant, year, company.id));
      expect(Number(row?.registrations ?? 0), `credit of ${company.id} in ${tenant}`).toBe(count);
    }
  }
  const credited = await Promise.all([...new Set(pool.map((c) => c.home)), U1].map(async (tenant) => [tenant, await api.getItem(keys.participationYear(tenant, year))] as const));
  const totals = Object.fromEntries(credited.map(([tenant, row]) => [tenant, Number(row?.participantsRegistered ?? 0)]));
  expectedTotals.add(year, confirmed);
  for (const [tenant, total] of Object.entries(totals)) expect(total, `participants credited to ${tenant}`).toBe(expectedTotals.of(year, tenant));
}

/** Credits accumulate over runs (same year, same associations): the expected totals, kept as the runs go. */
const expectedTotals = {
  byTenant: new Map<string, number>(),
  add(year: number, confirmed: { associationId: string }[]) {
    for (const r of confirmed) {
      for (const tenant of [r.associationId, U1]) this.byTenant.set(`${year}#${tenant}`, (this.byTenant.get(`${year}#${tenant}`) ?? 0) + 1);
    }
  },
  of(year: number, tenant: string) {
    return this.byTenant.get(`${year}#${tenant}`) ?? 0;
  },
};

/** fast-check scenarios: capacity, distinct people, duplicates per person, an arrival order, a few cancellations. */
function scenarios(people: { min: number; max: number }, capacity: { min: number; max: number }) {
  return fc
    .record({ capacity: fc.integer(capacity), people: fc.integer(people), cancellations: fc.integer({ min: 0, max: 3 }) })
    .chain(({ capacity: c, people: n, cancellations }) =>
      fc.record({
        capacity: fc.constant(c),
        people: fc.constant(n),
        cancellations: fc.constant(cancellations),
        duplicates: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }),
        order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3 * n, maxLength: 3 * n }),
      }),
    );
}

describe('registrations under concurrency (property)', () => {
  it('small bursts: accepted = min(C, people), the rest waits in arrival order, rows = counters, no duplicates', async () => {
    faults = { before: 0, after: 0 };
    await fc.assert(fc.asyncProperty(scenarios({ min: 1, max: 40 }, { min: 0, max: 30 }), run), { numRuns: 12, endOnFailure: true });
  }, 600_000);

  it('large bursts: up to 1,000 people for up to 200 seats', async () => {
    faults = { before: 0, after: 0 };
    await fc.assert(fc.asyncProperty(scenarios({ min: 600, max: 1000 }, { min: 0, max: 200 }), run), { numRuns: 2, endOnFailure: true });
  }, 900_000);

  it('with throttling injected at the HTTP layer (before DynamoDB and after a committed write), with retries', async () => {
    faults = { before: 0.08, after: 0.04 };
    injected.before = 0;
    injected.after = 0;
    await fc.assert(fc.asyncProperty(scenarios({ min: 1, max: 120 }, { min: 0, max: 60 }), run), { numRuns: 6, endOnFailure: true });
    faults = { before: 0, after: 0 };
    // The faults really happened, on both sides of DynamoDB.
    expect(injected.before).toBeGreaterThan(0);
    expect(injected.after).toBeGreaterThan(0);
  }, 900_000);
});
