import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Comparison } from '../../shared/index';
import { tableName, tenantClient } from '../lib/dynamo';
import { toUmbrellaBudgetSummary } from '../budgets/umbrella';
import { brusselsDay } from '../lib/brussels';
import { keys, tenantPartition } from '../lib/keys';
import { toComparisonRow } from './figures';

export const TARGET_COVERAGE = 0.5;

export type ComparisonRead = { comparison: Comparison; queries: number; consumedRcu: number };

/**
 * The umbrella's comparison table: one Query of its own partition (`ASSOC#…`, one item per association, pages
 * followed only past 1 MB), so its cost grows with the number of associations and never with their members or
 * registrations. Every figure is precomputed on those items (organisations/figures.ts). The subsidy KPIs also need
 * next year's budget totals: a second Query of the same partition (`BUDGETSUM#<year + 1>#`, one small item per
 * association with a budget), run beside the first; both count in `queries` and `consumedRcu`.
 */
export async function readComparison(umbrellaId: string, options: { year?: number; now?: Date; budgets?: boolean } = {}): Promise<ComparisonRead> {
  const now = options.now ?? new Date();
  const today = brusselsDay(now);
  const month = today.slice(0, 7);
  const year = options.year ?? Number(month.slice(0, 4));
  const [associations, budgets] = await Promise.all([
    queryPrefix(umbrellaId, keys.umbrellaAssociationPrefix),
    // Readers of the figures alone (the peer position) skip it: their rows' budget KPIs stay `no_budget`.
    options.budgets === false ? { items: [], queries: 0, consumedRcu: 0 } : queryPrefix(umbrellaId, keys.umbrellaBudgetSummaryPrefix(year + 1)),
  ]);
  const nextYearTotals = new Map(budgets.items.map(toUmbrellaBudgetSummary).map((summary) => [summary.associationId, summary.totals]));
  const rows = associations.items
    // A row that only holds credits (written before its association's first copy) has no name yet.
    .filter((item) => typeof item.name === 'string' && typeof item.id === 'string')
    .map((item) => {
      const totals = nextYearTotals.get(String(item.id));
      return toComparisonRow(item, year, month, { today, ...(totals ? { nextYearTotals: totals } : {}) });
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return {
    comparison: { year, month, targetCoverage: TARGET_COVERAGE, items: rows },
    queries: associations.queries + budgets.queries,
    consumedRcu: associations.consumedRcu + budgets.consumedRcu,
  };
}

/** Every item under a prefix of the umbrella's partition, with what reading it cost (pages followed past 1 MB). */
async function queryPrefix(umbrellaId: string, prefix: string): Promise<{ items: Record<string, unknown>[]; queries: number; consumedRcu: number }> {
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
        ExpressionAttributeValues: { ':pk': tenantPartition(umbrellaId), ':prefix': prefix },
        ReturnConsumedCapacity: 'TOTAL',
        ExclusiveStartKey,
      }),
    );
    queries += 1;
    consumedRcu += page.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, queries, consumedRcu };
}
