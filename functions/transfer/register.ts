import type { Company, Park } from '../../shared/index';
import { tableName, tenantClient } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { queryAll, queryTenantPrefix } from '../lib/query';
import { toCompany } from '../companies/items';
import { toPark } from '../organisations/items';
import { listParks } from '../organisations/store';

/** A register row as read, with the stored item itself: an undo puts exactly that item back. */
export type RegisterRow = { company: Company; item: Record<string, unknown> };
export type RegisterSnapshot = { parks: Park[]; rows: RegisterRow[] };

/**
 * Every company of the association (or of one park) for an export, through the register's own index: gsi2 holds
 * the tenant's companies by name, gsi1 one park's, so the file comes out sorted by name. Pages of 1 MB are
 * followed to the end (no Scan); a 2,000-company park is about 2 MB, a handful of reads.
 */
export async function readRegister(tenantId: string, parkId?: string): Promise<RegisterSnapshot> {
  const [parks, items] = await Promise.all([
    listParks(tenantId),
    queryAll(
      {
        TableName: tableName(),
        IndexName: parkId ? 'gsi1' : 'gsi2',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': parkId ? 'gsi1pk' : 'gsi2pk' },
        ExpressionAttributeValues: { ':pk': parkId ? keys.companiesOfPark(tenantId, parkId) : keys.companiesOfTenant(tenantId) },
      },
      tenantClient(tenantId),
    ),
  ]);
  return { parks, rows: items.map((item) => ({ company: toCompany(item), item })) };
}

/**
 * Every company of the association for an import, from the table itself with strongly consistent reads (an index
 * may lag a moment behind): the preview must see each row's latest version and every number already taken.
 */
export async function readRegisterForImport(tenantId: string): Promise<RegisterSnapshot> {
  const [parks, items] = await Promise.all([
    // The parks' versions guard zone placements: read them as they are now too.
    queryTenantPrefix(tenantId, keys.parkPrefix, { ConsistentRead: true }),
    queryTenantPrefix(tenantId, keys.companyPrefix, { ConsistentRead: true }),
  ]);
  return { parks: parks.map(toPark), rows: items.map((item) => ({ company: toCompany(item), item })) };
}
