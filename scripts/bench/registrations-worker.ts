import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveAgent } from './http';

/**
 * Open-loop registrations: one POST per scheduled start, each a different person, whatever the answers. In its own
 * thread so its schedule is not held up by the handlers (the gateway runs in the main thread). A 503 (the store or
 * the occurrence stayed saturated) is retried after its Retry-After with the same Idempotency-Key, as the SPA does;
 * the latency is that of the whole exchange, from the scheduled start (no coordinated omission).
 */
export type RegistrationPlan = {
  url: string;
  token: string;
  ratePerSecond: number;
  durationMs: number;
  timeoutMs: number;
  /** Request i registers `bodies[i % bodies.length]` with person i. */
  companies: { associationId: string; companyId: string }[];
  runId: string;
};
export type RegistrationOutcome = { latencyMs: number; status: number | string; outcome?: string; retries: number };
export type RegistrationReport = { outcomes: RegistrationOutcome[]; elapsedMs: number; peakInFlight: number };

function post(url: string, agent: ReturnType<typeof keepAliveAgent>, token: string, key: string, body: string, timeoutMs: number) {
  return new Promise<{ status: number; body: string; retryAfter?: string }>((resolve, reject) => {
    const req = request(url, {
      agent, method: 'POST', timeout: timeoutMs,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] as string | undefined }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function run(plan: RegistrationPlan): Promise<RegistrationReport> {
  const agent = keepAliveAgent();
  const total = Math.round((plan.ratePerSecond * plan.durationMs) / 1000);
  const intervalMs = 1000 / plan.ratePerSecond;
  const outcomes: RegistrationOutcome[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let peak = 0;
  const start = performance.now();

  const fire = async (i: number, due: number) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    const company = plan.companies[i % plan.companies.length]!;
    const body = JSON.stringify({ kind: 'people', ...company, people: [{ name: `Bench ${i}`, email: `bench-${plan.runId}-${i}@bench.test` }] });
    const key = `bench-${plan.runId}-${i}`;
    let retries = 0;
    let status: RegistrationOutcome['status'] = 'none';
    let outcome: string | undefined;
    for (;;) {
      try {
        const response = await post(plan.url, agent, plan.token, key, body, plan.timeoutMs);
        status = response.status;
        if (response.status === 503 && retries < 5) {
          retries += 1;
          await sleep(Number(response.retryAfter ?? 1) * 1000 * (0.5 + Math.random()));
          continue;
        }
        if (response.status === 201 || response.status === 200) outcome = (JSON.parse(response.body) as { results: { outcome: string }[] }).results[0]?.outcome;
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        status = message.startsWith('timeout') ? 'timeout' : `error:${code ?? message}`;
      }
      break;
    }
    inFlight -= 1;
    outcomes.push({ latencyMs: performance.now() - due, status, retries, ...(outcome ? { outcome } : {}) });
  };

  for (let i = 0; i < total; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    pending.push(fire(i, due));
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { outcomes, elapsedMs, peakInFlight: peak };
}

parentPort!.postMessage(await run(workerData as RegistrationPlan));
