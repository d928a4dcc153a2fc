import { AsyncLocalStorage } from 'node:async_hooks';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { listCompanies, type ListOptions } from '../../functions/companies/store';
import { documentClient, setDocumentClient } from '../../functions/lib/dynamo';

export type CapacityCase = { label: string; options: ListOptions };
export type CapacityResult = {
  label: string;
  limit: number;
  returned: number;
  queries: number;
  itemsEvaluated: number;
  bytesEvaluated: number;
  reportedRcu: number;
  computedRcu: number;
};

const RCU_BYTES = 4096;

/** DynamoDB's item size: attribute names plus values (numbers approximated as DynamoDB stores them). */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, element) => sum + 1 + valueSize(element), 0);
  if (value instanceof Set) return [...value].reduce<number>((sum, element) => sum + valueSize(element), 0);
  if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [name, inner]) => sum + Buffer.byteLength(name) + 1 + valueSize(inner), 0);
  return 0;
}

/** Eventually consistent reads: 0.5 RCU per started 4 KB, over everything the query evaluated. */
export const queryRcu = (bytesEvaluated: number) => Math.max(1, Math.ceil(bytesEvaluated / RCU_BYTES)) * 0.5;

/**
 * A client that forwards to the real one and remembers the Query inputs sent inside `recording.run(…)`.
 * Async-context scoped because the gateway's handlers share the global client and may still be running.
 */
const recording = new AsyncLocalStorage<QueryCommandInput[]>();

function recordingClient(real: DynamoDBDocumentClient): DynamoDBDocumentClient {
  const send = (command: { input: unknown }) => {
    if (command instanceof QueryCommand) recording.getStore()?.push(structuredClone(command.input));
    return real.send(command as never);
  };
  return new Proxy(real, { get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)) });
}

/**
 * Replays a recorded query without its filter: `Limit` applies before `FilterExpression`, so the same items
 * come back that the original query evaluated (and paid for).
 */
async function bytesEvaluatedBy(client: DynamoDBDocumentClient, input: QueryCommandInput) {
  const { FilterExpression: _filter, ReturnConsumedCapacity: _capacity, ...unfiltered } = input;
  const names = Object.fromEntries(Object.entries(unfiltered.ExpressionAttributeNames ?? {}).filter(([alias]) => unfiltered.KeyConditionExpression!.includes(alias)));
  const values = Object.fromEntries(Object.entries(unfiltered.ExpressionAttributeValues ?? {}).filter(([alias]) => unfiltered.KeyConditionExpression!.includes(alias)));
  const { ProjectionExpression: _projection, ...whole } = unfiltered;
  const { Items = [] } = await client.send(
    new QueryCommand({ ...whole, ExpressionAttributeNames: Object.keys(names).length ? names : undefined, ExpressionAttributeValues: values }),
  );
  return { items: Items.length, bytes: Items.reduce((sum, item) => sum + itemSize(item), 0) };
}

async function measureCase(real: DynamoDBDocumentClient, tenantId: string, { label, options }: CapacityCase): Promise<CapacityResult> {
  const queries: QueryCommandInput[] = [];
  const result = await recording.run(queries, () => listCompanies(tenantId, options));
  const evaluated = await Promise.all(queries.map((input) => bytesEvaluatedBy(real, input)));
  return {
    label,
    limit: options.limit,
    returned: result.items.length,
    queries: result.reads,
    itemsEvaluated: evaluated.reduce((sum, { items }) => sum + items, 0),
    bytesEvaluated: evaluated.reduce((sum, { bytes }) => sum + bytes, 0),
    reportedRcu: result.consumedCapacity,
    computedRcu: evaluated.reduce((sum, { bytes }) => sum + queryRcu(bytes), 0),
  };
}

export async function benchCapacity(tenantId: string, cases: readonly CapacityCase[]): Promise<CapacityResult[]> {
  const real = documentClient();
  setDocumentClient(recordingClient(real));
  try {
    const results: CapacityResult[] = [];
    for (const benchCase of cases) results.push(await measureCase(real, tenantId, benchCase));
    return results;
  } finally {
    setDocumentClient(real);
  }
}
