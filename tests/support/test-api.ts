import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { setDocumentClient } from '../../functions/lib/dynamo';
import { keys } from '../../functions/lib/keys';
import { startGateway, type Gateway } from '../../scripts/local/gateway';
import { ensureTable } from '../../scripts/local/table';
import { startStreamPoller, type StreamPoller } from '../../scripts/local/streams';
import { buildWorld, type World } from './fixtures';
import { createTestIdentityProvider } from './identity';

export type PersonName = keyof World['people'];
export type CallOptions = {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Who calls: a person of the test world (default managerA1A2), 'anonymous', or a raw token. */
  as?: PersonName | 'anonymous' | { token: string };
};

export type TestApi = {
  url: string;
  tableName: string;
  client: DynamoDBDocumentClient;
  world: World;
  put(items: Record<string, unknown>[]): Promise<void>;
  getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>;
  idp: Awaited<ReturnType<typeof createTestIdentityProvider>>;
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  /** Mails the handlers sent, oldest first (the local outbox transport). */
  outbox(): { to: string; subject: string; text: string; html: string }[];
  /** Waits until the stream consumers (rollups) have handled every write made so far. */
  drainStreams(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The real stack for one test file: its own table in the shared DynamoDB Local, the small world of fixtures,
 * and the local gateway calling the real handlers over HTTP.
 */
export async function startTestApi(): Promise<TestApi> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `it-${randomUUID()}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const outboxDir = mkdtempSync(join(tmpdir(), 'parkpunt-outbox-'));
  process.env.MAIL_OUTBOX_DIR = outboxDir;
  const raw = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  setDocumentClient(client);
  await ensureTable(raw, tableName);
  const put = async (items: Record<string, unknown>[]) => {
    for (let i = 0; i < items.length; i += 25) {
      await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  };
  const world = buildWorld();
  await put(world.items);
  const idp = await createTestIdentityProvider();
  const tokens = new Map<string, string>();
  const tokenOf = async (who: NonNullable<CallOptions['as']>): Promise<string | undefined> => {
    if (who === 'anonymous') return undefined;
    if (typeof who === 'object') return who.token;
    const sub = world.people[who].sub;
    if (!tokens.has(sub)) tokens.set(sub, await idp.tokenFor(sub));
    return tokens.get(sub);
  };
  const gateway: Gateway = await startGateway({ port: 0, auth: idp.auth });
  const poller: StreamPoller = await startStreamPoller({ client: raw, endpoint, tableName, intervalMs: 50 });
  return {
    url: gateway.url,
    tableName,
    client,
    world,
    idp,
    put,
    getItem: async (key) => (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item,
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const token = await tokenOf(options.as ?? 'managerA1A2');
      if (token) headers.authorization ??= `Bearer ${token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${gateway.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Non-JSON bodies stay text.
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    },
    outbox: () =>
      readdirSync(outboxDir)
        .sort()
        .map((file) => JSON.parse(readFileSync(join(outboxDir, file), 'utf8'))),
    drainStreams: () => poller.drain(),
    stop: async () => {
      await poller.stop();
      await gateway.close();
      setDocumentClient(undefined);
      // DynamoDB Local keeps every table (and its stream records) in memory until it stops: a run that leaves
      // dozens of full tables behind slows every later file, so each file takes its table with it.
      await raw.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      client.destroy();
    },
  };
}

export { keys };
