import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Grant, GrantScope, Tenant } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { cancellationCodes } from '../lib/transactions';
import { tableName, tenantClient } from '../lib/dynamo';
import { notFound } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';

const toGrant = (item: Record<string, unknown>): Grant => {
  const { associationId, associationName, umbrellaId, scope, grantedBy, grantedAt } = item as Grant;
  return { associationId, associationName, umbrellaId, scope, grantedBy, grantedAt };
};

/**
 * Grants of an association (its own partition) or, for an umbrella, the copies its associations' grants left
 * in the umbrella's partition (through the stream): both sides see the same record.
 */
export async function listGrants(tenantId: string): Promise<Grant[]> {
  const items = await queryTenantPrefix(tenantId, keys.grantPrefix, { ConsistentRead: true });
  return items.map(toGrant);
}

/** Read on each umbrella request to an association's register: withdrawing a grant takes effect at once. */
export async function hasGrant(associationId: string, scope: GrantScope): Promise<boolean> {
  const { Item } = await tenantClient(associationId).send(
    new GetCommand({ TableName: tableName(), Key: keys.grant(associationId, scope), ConsistentRead: true }),
  );
  return Boolean(Item);
}

export async function giveGrant(association: Tenant, scope: GrantScope, actor: Actor & { name: string }): Promise<Grant> {
  if (!association.umbrellaId) throw notFound();
  const grant: Grant = {
    associationId: association.id, associationName: association.name, umbrellaId: association.umbrellaId,
    scope, grantedBy: actor.name, grantedAt: actor.now,
  };
  try {
    await tenantClient(association.id).send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...keys.grant(association.id, scope), type: 'grant', ...grant }, ConditionExpression: 'attribute_not_exists(pk)' } },
          auditPut(association.id, actor, { action: 'grant.give', objectType: 'grant', objectId: scope }),
        ],
      }),
    );
    return grant;
  } catch (error) {
    // Giving what is already given changes nothing: answer with the grant as it stands (safe to retry).
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
      const { Item } = await tenantClient(association.id).send(new GetCommand({ TableName: tableName(), Key: keys.grant(association.id, scope), ConsistentRead: true }));
      if (Item) return toGrant(Item);
    }
    throw error;
  }
}

export async function withdrawGrant(association: Tenant, scope: GrantScope, actor: Actor): Promise<void> {
  try {
    await tenantClient(association.id).send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: keys.grant(association.id, scope), ConditionExpression: 'attribute_exists(pk)' } },
          auditPut(association.id, actor, { action: 'grant.withdraw', objectType: 'grant', objectId: scope }),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw notFound();
    throw error;
  }
}
