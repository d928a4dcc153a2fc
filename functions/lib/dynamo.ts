import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per process, created on first use. Locally DYNAMODB_ENDPOINT points at DynamoDB Local;
 * in Lambda it is unset and the SDK uses the regional endpoint and the function's role.
 */
let client: DynamoDBDocumentClient | undefined;

export function clientConfig(): DynamoDBClientConfig {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  return {
    region: process.env.AWS_REGION ?? 'eu-west-1',
    maxAttempts: 3,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}

/** Tests swap the client (e.g. one pointed at a fault-injecting endpoint). */
export function setDocumentClient(next: DynamoDBDocumentClient | undefined): void {
  client = next;
}

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}
