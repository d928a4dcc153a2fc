import type { Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import { cpuMeter } from './cpu';
import { assertLoopback, httpGet } from './http';
import type { LoadPlan, LoadReport } from './load-worker';
import { round, summarize } from './stats';

export type LoadOptions = { durationMs: number; timeoutMs: number; maxInFlight: number };

export type ThroughputResult = {
  targetRate: number;
  durationS: number;
  sent: number;
  ok: number;
  errors: number;
  errorKinds: Record<string, number>;
  achievedRps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  maxInFlight: number;
  lateSendsOver5Ms: number;
  nodeCpuPct: number;
  javaCpuPct: number;
  machineBusyPct: number;
  /** How long after the run the API still answered slowly: abandoned requests keep the server busy. */
  settleMs: number;
};

export type SequentialCost = { requests: number; meanMs: number; nodeCpuMsPerRequest: number; javaCpuMsPerRequest: number; machineBusyPct: number };

function runWorker(plan: LoadPlan): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: plan });
    worker.once('message', (report: LoadReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function timedGet(url: string, agent: Agent): Promise<number> {
  const started = performance.now();
  await httpGet(url, agent, 10_000);
  return performance.now() - started;
}

/** Sequential requests: they warm the JIT up and give the CPU each request costs in Node and in DynamoDB Local. */
export async function sequentialCost(url: string, agent: Agent, requests: number): Promise<SequentialCost> {
  const stop = cpuMeter();
  let total = 0;
  for (let i = 0; i < requests; i += 1) total += await timedGet(url, agent);
  const cpu = stop();
  return {
    requests,
    meanMs: round(total / requests),
    nodeCpuMsPerRequest: round(cpu.nodeMs / requests),
    javaCpuMsPerRequest: round(cpu.javaMs / requests),
    machineBusyPct: round(cpu.machineBusyPct, 0),
  };
}

/** Waits until a few requests in a row answer fast again, bounded in time. */
async function settle(url: string, agent: Agent, { fastMs = 50, inARow = 5, maxMs = 30_000 } = {}): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while (fast < inARow && performance.now() - started < maxMs) fast = (await timedGet(url, agent).catch(() => Infinity)) < fastMs ? fast + 1 : 0;
  return performance.now() - started;
}

function errorKindsOf(report: LoadReport): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const { status } of report.outcomes) if (status !== 200) kinds[String(status)] = (kinds[String(status)] ?? 0) + 1;
  return kinds;
}

async function runStep(plan: LoadPlan, agent: Agent): Promise<ThroughputResult> {
  const stop = cpuMeter();
  const report = await runWorker(plan);
  const cpu = stop();
  const ok = report.outcomes.filter((outcome) => outcome.status === 200);
  const latency = summarize(ok.map((outcome) => outcome.latencyMs));
  return {
    targetRate: plan.ratePerSecond,
    durationS: plan.durationMs / 1000,
    sent: report.outcomes.length,
    ok: ok.length,
    errors: report.outcomes.length - ok.length,
    errorKinds: errorKindsOf(report),
    // Over the whole run including the drain, so a backlog that finishes late lowers the figure.
    achievedRps: round(ok.length / (report.elapsedMs / 1000), 1),
    p50Ms: round(latency.p50),
    p99Ms: round(latency.p99),
    maxMs: round(latency.max),
    maxInFlight: report.maxInFlight,
    lateSendsOver5Ms: report.outcomes.filter((outcome) => outcome.lateMs > 5).length,
    nodeCpuPct: round((100 * cpu.nodeMs) / cpu.wallMs, 0),
    javaCpuPct: round((100 * cpu.javaMs) / cpu.wallMs, 0),
    machineBusyPct: round(cpu.machineBusyPct, 0),
    settleMs: round(await settle(plan.url, agent), 0),
  };
}

export async function benchThroughput(url: string, rates: readonly number[], agent: Agent, options: LoadOptions): Promise<ThroughputResult[]> {
  assertLoopback(url);
  const results: ThroughputResult[] = [];
  for (const ratePerSecond of rates) results.push(await runStep({ url, ratePerSecond, ...options }, agent));
  return results;
}
