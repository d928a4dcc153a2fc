import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet, keepAliveAgent } from './http';

/**
 * Open-loop load generator. It runs in its own thread so that its schedule is not held up by the handlers,
 * which share the main thread's event loop with the in-process gateway.
 */
export type LoadPlan = { url: string; ratePerSecond: number; durationMs: number; timeoutMs: number; maxInFlight: number };
/** An HTTP status, or why there is none: `timeout`, `dropped` (too many in flight) or `error:<code>`. */
export type Outcome = { latencyMs: number; status: number | string; lateMs: number };
export type LoadReport = { outcomes: Outcome[]; elapsedMs: number; maxInFlight: number };

async function run({ url, ratePerSecond, durationMs, timeoutMs, maxInFlight }: LoadPlan): Promise<LoadReport> {
  const agent = keepAliveAgent();
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const intervalMs = 1000 / ratePerSecond;
  const outcomes: Outcome[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let peak = 0;
  const start = performance.now();

  const fire = async (due: number) => {
    const lateMs = performance.now() - due;
    if (inFlight >= maxInFlight) {
      outcomes.push({ latencyMs: 0, status: 'dropped', lateMs });
      return;
    }
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    let status: Outcome['status'];
    try {
      status = (await httpGet(url, agent, timeoutMs)).status;
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      status = message.startsWith('timeout') ? 'timeout' : `error:${code ?? message}`;
    }
    inFlight -= 1;
    // Measured from the scheduled start, not the actual one: a late send is part of the latency (no coordinated omission).
    outcomes.push({ latencyMs: performance.now() - due, status, lateMs });
  };

  for (let i = 0; i < total; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    pending.push(fire(due));
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { outcomes, elapsedMs, maxInFlight: peak };
}

parentPort!.postMessage(await run(workerData as LoadPlan));
