import { join } from 'node:path';
import { scheduledJobs, type ScheduledJobName } from '../../functions/routes';

const REPO_ROOT = join(import.meta.dirname, '../..');

export type Scheduler = { stop(): Promise<void> };

/**
 * What the EventBridge rules do in AWS, on a shorter beat: calls each scheduled job's handler export (the same
 * one Lambda runs) once at start-up and then every `localEveryMinutes`. Jobs are idempotent, so running them more
 * often than in AWS is harmless. A run never overlaps the previous one of the same job; an error is logged and
 * the next beat tries again.
 */
export async function startScheduler({ log = () => undefined }: { log?: (message: string) => void } = {}): Promise<Scheduler> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const name of Object.keys(scheduledJobs) as ScheduledJobName[]) {
    const job = scheduledJobs[name];
    const module = (await import(join(REPO_ROOT, job.entry))) as { handler: (event?: unknown) => Promise<unknown> };
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = module
        .handler({ source: 'parkpunt.local-scheduler', 'detail-type': 'Scheduled Event', detail: { job: name } })
        .then(() => undefined, (error: unknown) => log(`Scheduled job ${name} failed: ${(error as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    const timer = setInterval(tick, job.localEveryMinutes * 60_000);
    timer.unref();
    timers.push(timer);
  }
  return {
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
