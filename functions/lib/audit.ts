import { ulid } from 'ulidx';
import type { Role } from '../../shared/index';
import { tableName } from './dynamo';
import { keys } from './keys';

/** Who does a write, and within which request: every store write carries it into the audit log. */
export type Actor = {
  userId: string;
  requestId: string;
  now: string;
  name?: string;
  /** Set when someone acts in a role other than the tenant's staff (a company contact editing their company). */
  role?: Role;
};

export type AuditEntry = {
  action: string;
  objectType: string;
  objectId: string;
  /** Names of the fields a change touched (never their values: the log must not copy personal data). */
  fields?: string[];
};

/**
 * The audit row of a write, as a transaction item: it is stored in the same transaction as the change itself,
 * so there is no change without its audit row and no audit row without its change.
 */
export function auditPut(tenantId: string, actor: Actor, entry: AuditEntry) {
  const id = ulid(Date.parse(actor.now));
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.auditEntry(tenantId, id),
        type: 'audit',
        id,
        tenantId,
        actorId: actor.userId,
        ...(actor.name ? { actorName: actor.name } : {}),
        ...(actor.role ? { actorRole: actor.role } : {}),
        requestId: actor.requestId,
        at: actor.now,
        ...entry,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
