import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName, tenantClient } from './dynamo';
import { tenantPartition } from './keys';

/** Reads a whole (small) item collection, following pages; for bounded collections such as parks. */
export async function queryAll(input: QueryCommandInput, client: DynamoDBDocumentClient = documentClient()): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * Every item of one kind in a tenant's partition (sort keys starting with `prefix`), read with that tenant's
 * scoped credentials. For bounded collections: parks, members, invitations, grants, history, dues.
 */
export async function queryTenantPrefix(
  tenantId: string,
  prefix: string,
  options: Pick<QueryCommandInput, 'ConsistentRead' | 'ProjectionExpression' | 'ExpressionAttributeNames'> = {},
): Promise<Record<string, unknown>[]> {
  return queryAll(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPartition(tenantId), ':prefix': prefix },
      ...options,
    },
    tenantClient(tenantId),
  );
}
