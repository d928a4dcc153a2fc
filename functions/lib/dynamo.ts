import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { isUlid } from '../../shared/ids';

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

/**
 * Credentials that can touch one tenant's partitions only. In AWS, TENANT_DATA_ROLE_ARN names a role whose policy
 * allows `dynamodb:LeadingKeys` `T#${aws:PrincipalTag/TenantId}` (and `…#*`) and no Scan; each tenant gets a
 * session tagged with its id, refreshed by the SDK before it expires, so a bug that builds another tenant's key
 * is refused by IAM. Locally (no role ARN) the same calls go through the process's one client: there is no STS
 * in DynamoDB Local, and the keys module plus the isolation matrix guard the same rule.
 */
const scopedClients = new Map<string, DynamoDBDocumentClient>();
const MAX_SCOPED_CLIENTS = 200;
const SESSION_SECONDS = 900;

export function tenantClient(tenantId: string): DynamoDBDocumentClient {
  const roleArn = process.env.TENANT_DATA_ROLE_ARN;
  if (!roleArn) return documentClient();
  if (!isUlid(tenantId)) throw new TypeError(`tenantId is not a ULID: ${JSON.stringify(tenantId)}`);
  let scoped = scopedClients.get(tenantId);
  if (!scoped) {
    if (scopedClients.size >= MAX_SCOPED_CLIENTS) {
      const [oldest, evicted] = scopedClients.entries().next().value!;
      scopedClients.delete(oldest);
      evicted.destroy(); // its sockets would otherwise linger
    }
    const credentials = fromTemporaryCredentials({
      params: {
        RoleArn: roleArn,
        RoleSessionName: `tenant-${tenantId}`,
        DurationSeconds: SESSION_SECONDS,
        Tags: [{ Key: 'TenantId', Value: tenantId }],
      },
    });
    scoped = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig(), credentials }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    scopedClients.set(tenantId, scoped);
  }
  return scoped;
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
