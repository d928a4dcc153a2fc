import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { join } from 'node:path';
import { streamConsumers, type StreamConsumerName } from '../../functions/routes';

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
const REPO_ROOT = join(import.meta.dirname, '../..');

export type StreamPoller = { stop(): Promise<void>; /** Resolves once every record written so far was handled. */ drain(): Promise<void> };

/**
 * What Lambda's event source mapping does in AWS, for DynamoDB Local: reads the table's stream shard by shard and
 * calls each stream consumer's handler export with the records, in order, retrying a batch from the first failed
 * record. Always starts at the stream's horizon (24 h of history): consumers are idempotent, so replaying what
 * an earlier run already handled is harmless and nothing written while the runner was down is missed.
 */
export async function startStreamPoller({ client, endpoint, tableName, intervalMs = 200 }: {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  intervalMs?: number;
}): Promise<StreamPoller> {
  const handlers = await Promise.all(
    (Object.keys(streamConsumers) as StreamConsumerName[]).map(async (name) => {
      const module = (await import(join(REPO_ROOT, streamConsumers[name].entry))) as { handler: StreamHandler };
      return { name, handler: module.handler, batchSize: streamConsumers[name].batchSize };
    }),
  );
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream`);

  const iterators = new Map<string, string | undefined>();
  let stopped = false;
  let generation = 0;
  const waiting: { after: number; resolve: () => void }[] = [];
  let busy = Promise.resolve();

  async function deliver(records: _Record[]) {
    for (const { handler, batchSize } of handlers) {
      for (let i = 0; i < records.length; i += batchSize) {
        let batch = records.slice(i, i + batchSize);
        for (let attempt = 0; batch.length > 0 && attempt < 5; attempt += 1) {
          const result = await handler({ Records: batch } as unknown as DynamoDBStreamEvent);
          const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
          if (!failed) break;
          batch = batch.slice(batch.findIndex((record) => record.dynamodb?.SequenceNumber === failed));
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        }
      }
    }
  }

  async function pollOnce(): Promise<number> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let delivered = 0;
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (!iterators.has(shardId)) {
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        );
        iterators.set(shardId, ShardIterator);
      }
      const iterator = iterators.get(shardId);
      if (!iterator) continue; // a closed shard, read to its end
      const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      iterators.set(shardId, NextShardIterator);
      if (Records.length) await deliver(Records);
      delivered += Records.length;
    }
    return delivered;
  }

  const loop = (async () => {
    while (!stopped) {
      const current = (generation += 1);
      busy = pollOnce().then(
        (count) => {
          if (count > 0) return;
          // An empty poll that started after drain() was called: everything written before it has been handled.
          for (const waiter of waiting.filter((w) => w.after < current)) {
            waiting.splice(waiting.indexOf(waiter), 1);
            waiter.resolve();
          }
        },
        (error) => {
          if (!stopped) console.error('[streams] polling failed:', (error as Error).message);
        },
      );
      await busy;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      await loop;
      streams.destroy();
    },
    drain: () => new Promise<void>((resolve) => waiting.push({ after: generation, resolve })),
  };
}
