import type { Membership } from '../../shared/index';
import { tableName } from '../lib/dynamo';
import { keys, userPartition } from '../lib/keys';
import { queryAll } from '../lib/query';
import { toMembership, type Profile } from './items';

export type Caller = Profile & { platformAdmin: boolean; memberships: Membership[] };

/**
 * Everything about the caller in one Query of their own partition: profile, platform role and memberships.
 * Read on every request, never cached, so a role change takes effect at once.
 */
export async function loadCaller(userId: string): Promise<Caller> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': userPartition(userId) },
    ConsistentRead: true,
  });
  const profile = items.find((item) => item.sk === keys.userProfile(userId).sk) as Profile | undefined;
  return {
    userId,
    ...(profile?.email ? { email: profile.email } : {}),
    ...(profile?.name ? { name: profile.name } : {}),
    platformAdmin: items.some((item) => item.sk === keys.userPlatformRole(userId).sk),
    memberships: items
      .filter((item) => String(item.sk).startsWith(keys.userMembershipPrefix))
      .map(toMembership)
      .sort((a, b) => a.tenantKind.localeCompare(b.tenantKind) || a.tenantName.localeCompare(b.tenantName, 'nl')),
  };
}
