import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Comparison } from '../../shared/index';
import { tableName, tenantClient } from '../lib/dynamo';
import { keys, tenantPartition } from '../lib/keys';
import { brusselsMonth, toComparisonRow } from './figures';

export const TARGET_COVERAGE = 0.5;

export type ComparisonRead = { comparison: Comparison; queries: number; consumedRcu: number };

/**
 * The umbrella's comparison table: one Query of its own partition (`ASSOC#…`, one item per association, pages
 * followed only past 1 MB), so its cost grows with the number of associations and never with their members or
 * registrations. Every figure is precomputed on those items (organisations/figures.ts).
 */
export async function readComparison(umbrellaId: string, options: { year?: number; now?: Date } = {}): Promise<ComparisonRead> {
  const now = options.now ?? new Date();
  const month = brusselsMonth(now);
  const year = options.year ?? Number(month.slice(0, 4));
  const client = tenantClient(umbrellaId);
  const items: Record<string, unknown>[] = [];
  let queries = 0;
  let consumedRcu = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': tenantPartition(umbrellaId), ':prefix': keys.umbrellaAssociationPrefix },
        ReturnConsumedCapacity: 'TOTAL',
        ExclusiveStartKey,
      }),
    );
    queries += 1;
    consumedRcu += page.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const rows = items
    // A row that only holds credits (written before its association's first copy) has no name yet.
    .filter((item) => typeof item.name === 'string' && typeof item.id === 'string')
    .map((item) => toComparisonRow(item, year, month))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return { comparison: { year, month, targetCoverage: TARGET_COVERAGE, items: rows }, queries, consumedRcu };
}
