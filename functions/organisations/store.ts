import type { AssociationSummary, Park, Tenant } from '../../shared/index';
import { tableName } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { queryAll, queryTenantPrefix } from '../lib/query';
import { toAssociationSummary, toPark, toTenant } from './items';

/** The platform's directory of umbrellas: not tenant data, read with the function's own credentials. */
export async function listUmbrellas(): Promise<Tenant[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.tenantDirectoryPartition('umbrella') },
  });
  return items.map(toTenant);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');

export async function listAssociationsOfUmbrella(umbrellaId: string): Promise<AssociationSummary[]> {
  // A row that only holds credits or tallies (added before the association's first copy) has no name yet.
  return (await queryTenantPrefix(umbrellaId, keys.umbrellaAssociationPrefix)).filter((item) => typeof item.name === 'string').map(toAssociationSummary).sort(byName);
}

export async function listParks(associationId: string): Promise<Park[]> {
  return (await queryTenantPrefix(associationId, keys.parkPrefix)).map(toPark).sort(byName);
}
