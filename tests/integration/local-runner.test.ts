import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimPort, startLocalApp } from '../../scripts/local/app';
import { obtainTokens } from '../../scripts/local/oidc/obtain-tokens';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parkpunt-runner-'));
  dataDirs.push(dir);
  return dir;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `scripts/start.ts` the way `npm start` does, with the test's ports and data folder. */
function startScript(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PARKPUNT_SKIP_WEB_BUILD: '1', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

async function isListening(port: number): Promise<boolean> {
  try {
    await claimPort(port, '127.0.0.1', 'probe');
    return false;
  } catch {
    return true;
  }
}

describe('the local runner', () => {
  it('keeps what was stored across restarts and does not seed twice', async () => {
    const dbPath = join(tempDir(), 'dynamodb');
    const first = await startLocalApp({ dbPath, quiet: true });
    expect(first.seeded).toBe(true);
    // Petra is the platform admin; Lotte runs C-Valley Leuven (scripts/local/demo-accounts.ts).
    const bearer = async (appUrl: string, email: string) => ({ authorization: `Bearer ${(await obtainTokens(appUrl, email)).access_token}` });
    let platform = await bearer(first.url, 'petra.platform@parkpunt.test');
    let lotte = await bearer(first.url, 'lotte.lenaerts@c-valley.test');
    const fetch = (url: string, init: RequestInit = {}) =>
      globalThis.fetch(url, { ...init, headers: { ...(url.includes('/companies') ? lotte : platform), ...(init.headers as Record<string, string>) } });
    const umbrellas = await json(fetch(`${first.url}/api/umbrellas`));
    const brabant = umbrellas.items.find((u: { name: string }) => u.name === 'POM Vlaams-Brabant');
    const [cValley] = (await json(fetch(`${first.url}/api/tenants/${brabant.id}/associations`))).items;
    const [park] = (await json(fetch(`${first.url}/api/tenants/${cValley.id}/parks`))).items;
    const created = await fetch(`${first.url}/api/tenants/${cValley.id}/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Blijft Bestaan bv', parkId: park.id }),
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    await first.stop();

    const second = await startLocalApp({ dbPath, quiet: true });
    try {
      // The issuer names the origin, and this run listens on another port: sign in again.
      platform = await bearer(second.url, 'petra.platform@parkpunt.test');
      lotte = await bearer(second.url, 'lotte.lenaerts@c-valley.test');
      expect(second.seeded).toBe(false);
      const again = await fetch(`${second.url}/api/tenants/${cValley.id}/companies/${id}`);
      expect(again.status).toBe(200);
      expect((await json(again)).name).toBe('Blijft Bestaan bv');
      // The umbrella's copy of the count follows through the stream rollup.
      await expect.poll(async () => (await json(fetch(`${second.url}/api/tenants/${brabant.id}/associations`))).items[0].companyCount, { timeout: 10_000 }).toBe(cValley.companyCount + 1);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('prints the URL and stops DynamoDB Local on SIGTERM', async () => {
    const port = await claimPort(0, '127.0.0.1', 'test');
    const dynamoPort = await claimPort(0, '127.0.0.1', 'test');
    const run = startScript({ PORT: String(port), DYNAMODB_PORT: String(dynamoPort), PARKPUNT_DATA_DIR: tempDir() });
    await waitFor(() => run.output().includes('Parkpunt runs at'), 150_000);
    expect(run.output()).toContain(`http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    expect(await isListening(dynamoPort)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await isListening(dynamoPort)).toBe(false);
    expect(await isListening(port)).toBe(false);
  }, 180_000);

  it('fails fast with a clear message when the port is taken', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolvePort) =>
      blocker.listen(0, '127.0.0.1', () => resolvePort((blocker.address() as { port: number }).port)),
    );
    try {
      const run = startScript({ PORT: String(port), DYNAMODB_PORT: String(await claimPort(0, '127.0.0.1', 'test')), PARKPUNT_DATA_DIR: tempDir() });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} (Parkpunt) is already in use`);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('names the Debian package when Java is missing', async () => {
    const run = startScript({
      PATH: dirname(process.execPath),
      PORT: String(await claimPort(0, '127.0.0.1', 'test')),
      DYNAMODB_PORT: String(await claimPort(0, '127.0.0.1', 'test')),
      PARKPUNT_DATA_DIR: tempDir(),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('apt-get install -y openjdk-17-jre-headless');
  }, 30_000);
});
