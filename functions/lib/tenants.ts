import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Tenant, TenantKind } from '../../shared/index';
import { tenantClient, tableName } from './dynamo';
import { notFound } from './errors';
import { keys } from './keys';
import { toTenant } from '../organisations/items';

/** Loads the tenant named in the path; an unknown tenant or one of the wrong kind is simply not found. */
export async function loadTenant(tenantId: string, kind?: TenantKind): Promise<Tenant> {
  const { Item } = await tenantClient(tenantId).send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId) }));
  if (!Item || (kind && Item.kind !== kind)) throw notFound();
  return toTenant(Item);
}
