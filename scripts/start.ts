import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_WEB_ROOT, REPO_ROOT, startLocalApp } from './local/app';
import { LocalSetupError } from './local/dynamo-local';

/**
 * `npm start`: builds the front end when its sources are newer than the build, then runs DynamoDB Local (data
 * kept in .data/), the demo data and the local API gateway serving the SPA. Ctrl-C or SIGTERM stops every child.
 */
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8100);
const dataDir = resolve(process.env.PARKPUNT_DATA_DIR ?? resolve(REPO_ROOT, '.data'));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function frontEndIsStale(): boolean {
  const built = resolve(DEFAULT_WEB_ROOT, 'index.html');
  if (!existsSync(built)) return true;
  const sources = [resolve(REPO_ROOT, 'frontend/src'), resolve(REPO_ROOT, 'frontend/vite.config.ts'), resolve(REPO_ROOT, 'shared')];
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

async function main() {
  if (process.env.PARKPUNT_SKIP_WEB_BUILD !== '1' && frontEndIsStale()) {
    console.log('Building the front end …');
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const app = await startLocalApp({ port, dynamoPort, dbPath: resolve(dataDir, 'dynamodb'), host: process.env.HOST ?? '127.0.0.1' });
  console.log(`\nParkpunt runs at ${app.url}  (API health: ${app.url}/api/health, OpenAPI: ${app.url}/api/openapi.json)`);
  console.log('Press Ctrl-C to stop.\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Parkpunt …`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof LocalSetupError) console.error(`\n✖ ${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
