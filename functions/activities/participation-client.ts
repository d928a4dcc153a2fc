import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { isUlid } from '../../shared/ids';
import { clientConfig, documentClient } from '../lib/dynamo';

/**
 * The partitions one participation write spans: the organiser's (the occurrence, its registrations), the
 * participant's home association (its yearly credit) and that association's umbrella (the umbrella's yearly
 * credit). Every id here comes from the server — the organiser from the authorised path, the home association
 * and its umbrella from the register and the tenant rows (or from a registration row written that way) —
 * never from what a client claims.
 */
export type ParticipationScope = { organiserId: string; homeId: string; homeUmbrellaId?: string };

/** Session tags, read by the participation role's `dynamodb:LeadingKeys` condition (infra/stacks/api-stack.ts). */
export const PARTICIPATION_TAGS = { organiser: 'TenantId', home: 'HomeAssociationId', homeUmbrella: 'HomeUmbrellaId' } as const;

const clients = new Map<string, DynamoDBDocumentClient>();
const MAX_CLIENTS = 200;
const SESSION_SECONDS = 900;

/**
 * Credentials for one participation write. In AWS, PARTICIPATION_DATA_ROLE_ARN names a role assumable only by
 * the activities function; a session tagged with the three ids may use the item actions on the organiser's
 * partitions (`T#<organiser>`, `T#<organiser>#…`) and only single-item reads and writes on exactly `T#<home>` and
 * `T#<homeUmbrella>` — no Query, no index, no other tenant. So one TransactWriteItems can put the registration and
 * the credits together (exact figures), and a bug that builds a key of any other tenant is still refused by IAM.
 * Locally (no role ARN) the process's one client serves, as for tenantClient().
 */
export function participationClient(scope: ParticipationScope): DynamoDBDocumentClient {
  const roleArn = process.env.PARTICIPATION_DATA_ROLE_ARN;
  if (!roleArn) return documentClient();
  for (const id of [scope.organiserId, scope.homeId, scope.homeUmbrellaId]) {
    if (id !== undefined && !isUlid(id)) throw new TypeError(`participation scope id is not a ULID: ${JSON.stringify(id)}`);
  }
  const cacheKey = `${scope.organiserId}|${scope.homeId}|${scope.homeUmbrellaId ?? ''}`;
  let client = clients.get(cacheKey);
  if (!client) {
    if (clients.size >= MAX_CLIENTS) {
      const [oldest, evicted] = clients.entries().next().value!;
      clients.delete(oldest);
      evicted.destroy();
    }
    const tags = [
      { Key: PARTICIPATION_TAGS.organiser, Value: scope.organiserId },
      { Key: PARTICIPATION_TAGS.home, Value: scope.homeId },
      ...(scope.homeUmbrellaId ? [{ Key: PARTICIPATION_TAGS.homeUmbrella, Value: scope.homeUmbrellaId }] : []),
    ];
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: `participation-${scope.organiserId}`, DurationSeconds: SESSION_SECONDS, Tags: tags },
    });
    client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig(), credentials }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    clients.set(cacheKey, client);
  }
  return client;
}
