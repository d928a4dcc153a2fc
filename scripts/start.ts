import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_WEB_ROOT, REPO_ROOT, startLocalApp } from './local/app';
import { LocalSetupError } from './local/dynamo-local';

/**
 * `npm start`: builds the front end when needed, then runs DynamoDB Local (data kept in .data/), the demo data,
 * and the local API gateway serving the SPA. Ctrl-C or SIGTERM stops every child.
 */
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8100);
const dbPath = resolve(REPO_ROOT, '.data/dynamodb');

async function main() {
  if (!existsSync(resolve(DEFAULT_WEB_ROOT, 'index.html')) || process.env.PARKPUNT_BUILD_WEB === '1') {
    console.log('Building the front end (first start only) …');
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const app = await startLocalApp({ port, dynamoPort, dbPath, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`\nParkpunt runs at ${app.url}  (API: ${app.url}/api/health, OpenAPI: ${app.url}/api/openapi.json)`);
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
