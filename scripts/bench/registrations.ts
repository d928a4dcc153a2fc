import { Worker } from 'node:worker_threads';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { documentClient, tableName } from '../../functions/lib/dynamo';
import { membershipItems } from '../../functions/identity/items';
import { listRegistrations } from '../../functions/activities/registrations';
import { getActivity } from '../../functions/activities/store';
import { inBrussels } from '../../functions/activities/schedule';
import { buildDemoData } from '../local/demo-data';
import { cpuMeter } from './cpu';
import type { RegistrationPlan, RegistrationReport } from './registrations-worker';
import { round, summarize } from './stats';

/**
 * Registrations at a fixed arrival rate (issue #5): an umbrella's activity open to all its associations, one
 * occurrence with `capacity` seats, and an open-loop stream of registrations of distinct people through the real
 * handlers over HTTP (token check, audience, one TransactWriteItems per person over organiser, home association and
 * umbrella, waitlist). After each run the stored state is checked: confirmed = min(capacity, accepted people), the
 * rest waitlisted in order, counters equal to the rows.
 */
export type RegistrationRun = {
  targetRate: number;
  durationS: number;
  capacity: number;
  sent: number;
  answered: number;
  errors: number;
  errorKinds: Record<string, number>;
  retried: number;
  achievedPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  peakInFlight: number;
  confirmed: number;
  waitlisted: number;
  counters: { taken: number; waiting: number };
  exact: boolean;
  nodeCpuPct: number;
  javaCpuPct: number;
  /** Registrations stored in the end: answered ones plus those whose answer the client stopped waiting for. */
  registered: number;
  /** How long the server still worked after the last answer or timeout. */
  settleS: number;
};

/** Reads until two reads a second apart agree and the counters equal the rows (bounded: 3 minutes). */
async function settled(umbrellaId: string, activityId: string, occurrenceId: string) {
  let previous = '';
  for (const started = performance.now(); ; ) {
    const registrations = await listRegistrations(umbrellaId, occurrenceId);
    const occurrence = (await getActivity(umbrellaId, activityId)).occurrences[0]!;
    const state = `${registrations.length}/${occurrence.taken}/${occurrence.waiting}`;
    const consistent = occurrence.taken + occurrence.waiting === registrations.filter((r) => r.status !== 'cancelled').length;
    if ((consistent && state === previous) || performance.now() - started > 180_000) return { registrations, occurrence };
    previous = state;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export type Organiser = { sub: string; email: string; name: string };

function runWorker(plan: RegistrationPlan): Promise<RegistrationReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./registrations-worker.ts', import.meta.url), { workerData: plan });
    worker.once('message', (report: RegistrationReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** POM West-Vlaanderen from the demo data, the bench account as its admin, and member companies across its associations. */
export async function registrationFixture(organiser: Organiser) {
  const umbrella = buildDemoData().umbrellas.find((u) => u.tenant.name === 'POM West-Vlaanderen')!;
  const items = membershipItems({ userId: organiser.sub, email: organiser.email, name: organiser.name }, umbrella.tenant, 'umbrella_admin', new Date().toISOString());
  await Promise.all(items.map((Item) => documentClient().send(new PutCommand({ TableName: tableName(), Item }))));
  // Five companies of each of six associations: the home credits spread over several partitions, as in real life.
  const companies = umbrella.associations.slice(0, 6).flatMap((a) =>
    a.companies.filter((c) => c.membershipStatus === 'member').slice(0, 5).map((c) => ({ associationId: a.tenant.id, companyId: c.id })),
  );
  return { umbrellaId: umbrella.tenant.id, companies };
}

async function createOccurrence(baseUrl: string, token: string, umbrellaId: string, capacity: number) {
  const start = Date.now() + 30 * 86_400_000;
  const response = await fetch(`${baseUrl}/api/tenants/${umbrellaId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'info_session', title: `Bench ${ulid()}`, audience: { kind: 'umbrella' }, capacity,
      place: { kind: 'address', street: 'Benchstraat', postalCode: '8500', municipality: 'Kortrijk' },
      startsAt: inBrussels(start), endsAt: inBrussels(start + 3_600_000),
    }),
  });
  if (response.status !== 201) throw new Error(`creating the bench activity answered ${response.status}: ${await response.text()}`);
  const activity = (await response.json()) as { id: string; occurrences: { id: string }[] };
  return { activityId: activity.id, occurrenceId: activity.occurrences[0]!.id };
}

export async function benchRegistrations(input: {
  baseUrl: string;
  token: string;
  umbrellaId: string;
  companies: { associationId: string; companyId: string }[];
  rates: number[];
  durationMs: number;
  timeoutMs: number;
}): Promise<RegistrationRun[]> {
  const runs: RegistrationRun[] = [];
  for (const rate of input.rates) {
    const sent = Math.round((rate * input.durationMs) / 1000);
    // Half the arrivals get a seat, the other half queue: both paths of the registration are measured.
    const capacity = Math.floor(sent / 2);
    const { activityId, occurrenceId } = await createOccurrence(input.baseUrl, input.token, input.umbrellaId, capacity);
    const stop = cpuMeter();
    const report = await runWorker({
      url: `${input.baseUrl}/api/tenants/${input.umbrellaId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`,
      token: input.token, ratePerSecond: rate, durationMs: input.durationMs, timeoutMs: input.timeoutMs, companies: input.companies, runId: ulid(),
    });
    const cpu = stop();
    const ok = report.outcomes.filter((o) => o.status === 201 || o.status === 200);
    const errorKinds: Record<string, number> = {};
    for (const o of report.outcomes) if (o.status !== 201 && o.status !== 200) errorKinds[String(o.status)] = (errorKinds[String(o.status)] ?? 0) + 1;
    const latency = summarize(report.outcomes.map((o) => o.latencyMs));

    // The stored truth, read consistently once the server has finished what the client gave up on (timeouts).
    const settleStarted = performance.now();
    const { registrations, occurrence } = await settled(input.umbrellaId, activityId, occurrenceId);
    const settleMs = performance.now() - settleStarted;
    const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
    const waitlisted = registrations.filter((r) => r.status === 'waitlisted');
    const positionsInOrder = waitlisted.every((r, i) => r.waitlistPosition === i + 1);
    const exact =
      confirmed === Math.min(capacity, registrations.length) && waitlisted.length === registrations.length - confirmed && positionsInOrder &&
      occurrence.taken === confirmed && occurrence.waiting === waitlisted.length && registrations.length >= ok.length && registrations.length <= sent &&
      ok.filter((o) => o.outcome === 'confirmed').length + ok.filter((o) => o.outcome === 'waitlisted').length === ok.length;
    runs.push({
      targetRate: rate, durationS: input.durationMs / 1000, capacity, sent, answered: ok.length, errors: report.outcomes.length - ok.length, errorKinds,
      retried: report.outcomes.filter((o) => o.retries > 0).length, achievedPerS: round(ok.length / (report.elapsedMs / 1000), 1),
      p50Ms: latency.p50, p99Ms: latency.p99, maxMs: latency.max, peakInFlight: report.peakInFlight,
      confirmed, waitlisted: waitlisted.length, counters: { taken: occurrence.taken, waiting: occurrence.waiting }, exact,
      nodeCpuPct: round(cpu.nodeMs / report.elapsedMs * 100, 0), javaCpuPct: round(cpu.javaMs / report.elapsedMs * 100, 0),
      registered: registrations.length, settleS: round(settleMs / 1000, 1),
    });
  }
  return runs;
}
