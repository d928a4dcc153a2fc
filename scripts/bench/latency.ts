import type { Agent } from 'node:http';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/lib/dynamo';
import { keys } from '../../functions/lib/keys';
import { httpGet } from './http';
import { round, summarize, type Summary } from './stats';

export type LatencyOptions = { baseUrl: string; tenantId: string; agent: Agent; warmup: number; iterations: number };
export type LatencyResult = { raw: Summary; gateway: Summary; ratio: { mean: number; p50: number; p95: number; p99: number } };

type Operation = () => Promise<void>;

/**
 * Runs the operations in turn (A B A B …), warm-up first (discarded), then timed rounds in milliseconds.
 * Interleaving makes drift (the JVM's JIT, GC, other load on the machine) hit every operation alike.
 */
async function timeInterleaved(operations: readonly Operation[], warmup: number, iterations: number): Promise<number[][]> {
  for (let i = 0; i < warmup; i += 1) for (const operation of operations) await operation();
  const samples = operations.map(() => [] as number[]);
  for (let i = 0; i < iterations; i += 1) {
    for (const [index, operation] of operations.entries()) {
      const started = performance.now();
      await operation();
      samples[index]!.push(performance.now() - started);
    }
  }
  return samples;
}

/** The same eventually consistent GetItem that `loadTenant` sends, on the same document client. */
function rawGetItem(tenantId: string) {
  return async () => {
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId) }), {
      abortSignal: AbortSignal.timeout(5_000),
    });
    if (!Item) throw new Error(`tenant ${tenantId} not found by GetItem`);
  };
}

function gatewayGet(baseUrl: string, tenantId: string, agent: Agent) {
  const url = `${baseUrl}/api/tenants/${tenantId}`;
  return async () => {
    const response = await httpGet(url, agent, 5_000);
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  };
}

export async function benchLatency({ baseUrl, tenantId, agent, warmup, iterations }: LatencyOptions): Promise<LatencyResult> {
  const [rawSamples, gatewaySamples] = await timeInterleaved([rawGetItem(tenantId), gatewayGet(baseUrl, tenantId, agent)], warmup, iterations);
  const raw = summarize(rawSamples!);
  const gateway = summarize(gatewaySamples!);
  const ratio = (key: 'mean' | 'p50' | 'p95' | 'p99') => round(gateway[key] / raw[key]);
  return { raw, gateway, ratio: { mean: ratio('mean'), p50: ratio('p50'), p95: ratio('p95'), p99: ratio('p99') } };
}
