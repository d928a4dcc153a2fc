import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setDocumentClient } from '../../functions/lib/dynamo';
import { startDynamoLocal, LocalSetupError, type DynamoLocal } from './dynamo-local';
import { startGateway, type Gateway } from './gateway';
import { OIDC_SCOPE, POST_LOGOUT_REDIRECT_PATH, REDIRECT_PATH, createLocalOidcProvider } from './oidc/provider';
import { createJwtVerifier } from './oidc/verifier';
import { outboxPage } from './outbox-page';
import { startScheduler, type Scheduler } from './scheduler';
import { startStreamPoller, type StreamPoller } from './streams';
import { seedDemoData } from './seed';
import { ensureTable } from './table';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_WEB_ROOT = resolve(REPO_ROOT, 'frontend/build');
export const TABLE_NAME = 'parkpunt-local';

export type LocalAppOptions = {
  port?: number;
  host?: string;
  dynamoPort?: number;
  /** Where DynamoDB Local keeps its files; omitted or `inMemory` = nothing persists. */
  dbPath?: string;
  inMemory?: boolean;
  seed?: boolean;
  webRoot?: string;
  quiet?: boolean;
};

export type LocalApp = {
  url: string;
  /** The local OpenID Connect provider (`${url}/oidc`), standing in for Cognito. */
  issuer: string;
  clientId: string;
  dynamoEndpoint: string;
  tableName: string;
  seeded: boolean;
  stop(): Promise<void>;
};

/** Resolves to a free port (port 0 asks the OS) or fails clearly when a fixed one is taken. */
export async function claimPort(port: number, host: string, what: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE'
        ? new LocalSetupError(`Port ${port} (${what}) is already in use. Stop what runs there or choose another port (see README: PORT, DYNAMODB_PORT).`)
        : error),
    );
    probe.listen(port, host, () => {
      const address = probe.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      probe.close(() => resolvePort(chosen));
    });
  });
}

/** Starts DynamoDB Local, the table, the demo data and the gateway: the whole product on one machine. */
export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const host = options.host ?? '127.0.0.1';
  const log = options.quiet ? () => undefined : (message: string) => console.log(message);
  const dynamoPort = await claimPort(options.dynamoPort ?? 0, '127.0.0.1', 'DynamoDB Local');
  const port = await claimPort(options.port ?? 0, host, 'Parkpunt');

  let dynamo: DynamoLocal | undefined;
  let gateway: Gateway | undefined;
  let poller: StreamPoller | undefined;
  let scheduler: Scheduler | undefined;
  try {
    log(`Starting DynamoDB Local on port ${dynamoPort}${options.inMemory || !options.dbPath ? ' (in memory)' : ` (data in ${options.dbPath})`} …`);
    dynamo = await startDynamoLocal({ port: dynamoPort, dbPath: options.inMemory ? undefined : options.dbPath });
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.TABLE_NAME = TABLE_NAME;
    process.env.AWS_REGION ??= 'eu-west-1';
    process.env.POWERTOOLS_LOG_LEVEL ??= options.quiet ? 'SILENT' : 'WARN';

    const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    setDocumentClient(client);
    if (await ensureTable(raw, TABLE_NAME)) log(`Created table ${TABLE_NAME}.`);
    let seeded = false;
    if (options.seed ?? true) {
      const result = await seedDemoData(client, TABLE_NAME);
      seeded = result.seeded;
      log(result.seeded ? `Seeded the demo data (${result.items} items).` : 'Demo data already present: kept what is stored.');
    }

    // What Lambda's event source mapping does in AWS: stream consumers (umbrella rollups) see every change.
    poller = await startStreamPoller({ client: raw, endpoint: dynamo.endpoint, tableName: TABLE_NAME });
    // Mail goes to an outbox folder shown at /dev/outbox; beside the data when it persists.
    const outboxDir = options.inMemory || !options.dbPath ? mkdtempSync(join(tmpdir(), 'parkpunt-outbox-')) : join(dirname(resolve(options.dbPath)), 'outbox');
    process.env.MAIL_OUTBOX_DIR = outboxDir;
    // What the EventBridge rules do in AWS (the reminders the day before), every 15 minutes: the jobs are idempotent.
    scheduler = await startScheduler({ log });

    const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
    if (!existsSync(resolve(webRoot, 'index.html'))) log(`Note: no front-end build in ${webRoot}; run \`npm run build:web\`.`);
    // The origin the browser uses (as the gateway prints it): issuer, redirect URIs and the SPA share it, so no CORS.
    const appOrigin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    // The signing key sits beside the database (`.data/oidc-jwks.json`), so tokens survive a restart.
    const keyDir = options.inMemory || !options.dbPath ? undefined : dirname(resolve(options.dbPath));
    const oidc = await createLocalOidcProvider({ appOrigin, dataDir: keyDir });
    gateway = await startGateway({
      port,
      host,
      webRoot,
      mounts: [oidc.mount, outboxPage(outboxDir)],
      // Like the HTTP API's JWT authorizer configured with the Cognito user pool and the app client id.
      auth: createJwtVerifier({ issuer: oidc.issuer, audience: [oidc.clientId], jwks: oidc.jwks }),
      runtimeConfig: {
        oidc: { authority: oidc.issuer, clientId: oidc.clientId, scope: OIDC_SCOPE, redirectPath: REDIRECT_PATH, postLogoutRedirectPath: POST_LOGOUT_REDIRECT_PATH },
        localMode: true,
      },
    });
    log(`Local sign-in (OpenID Connect, demo accounts): ${oidc.issuer}`);
    log(`Local mail outbox: ${gateway.url}/dev/outbox`);
    const started = { dynamo, gateway, poller, scheduler };
    return {
      url: gateway.url,
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      seeded,
      stop: async () => {
        await started.scheduler.stop();
        await started.poller.stop();
        await started.gateway.close();
        client.destroy();
        setDocumentClient(undefined);
        await started.dynamo.stop();
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await poller?.stop();
    await gateway?.close();
    await dynamo?.stop();
    throw error;
  }
}
