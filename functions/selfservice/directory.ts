import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { foldForSearch, naceDivision, naceLabel, type Locale, type MemberDirectoryEntry, type Park } from '../../shared/index';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { tableName, tenantClient } from '../lib/dynamo';
import { invalidField } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { listParks } from '../organisations/store';

/**
 * The member directory: the association's member companies as it publishes them to its members — name, place,
 * park, sector and website. Never contacts, notes, enterprise numbers, e-mail or phone: the Query projects only the
 * published attributes, so nothing else even leaves the table.
 *
 * It reads the register's index of companies by membership status (gsi3: the association's members by name), so
 * a page of the whole directory is one Query of exactly the members. A park or a search filters that Query; a
 * filter does not make a read cheaper, so such a page is bounded: at most MAX_READS reads of READ_SIZE members.
 * It can then come back with fewer members than asked, and a cursor to continue.
 */
const READ_SIZE = 100;
const MAX_READS = 5;

/** The attributes a directory row is built from, plus the index keys a cursor needs. */
const PUBLISHED = ['id', 'name', 'municipality', 'parkId', 'naceCode', 'website'] as const;

export type DirectoryOptions = { parkId?: string; q?: string; limit: number; cursor?: string };

export async function memberDirectory(
  tenantId: string,
  { parkId, q, limit, cursor }: DirectoryOptions,
  context: { locale: Locale; ownCompanyId?: string },
): Promise<{ items: MemberDirectoryEntry[]; nextCursor: string | null }> {
  const partition = keys.companiesByStatus(tenantId, 'member');
  const pkName = 'gsi3pk';
  const keyNames = ['pk', 'sk', pkName, 'gsi3sk'];
  let startKey: Record<string, string> | undefined = decodeCursor(cursor, {
    attribute: pkName,
    value: partition,
    keys: keyNames,
    prefixes: { pk: tenantPartition(tenantId), sk: 'COMPANY#' },
  });
  if (startKey && startKey.pk !== tenantPartition(tenantId)) throw invalidField('query.cursor', 'invalid_cursor');
  // The search looks at what the directory shows (name, place), never at the enterprise number the register's
  // own search text holds: a member must not be able to probe which company has which number.
  const search = q ? foldForSearch(q) : '';
  const names = Object.fromEntries([...keyNames, ...PUBLISHED].map((name) => [`#${name}`, name]));
  const filtered = Boolean(parkId || search);

  const found: Record<string, unknown>[] = [];
  let reads = 0;
  let lastEvaluated: Record<string, unknown> | undefined;
  do {
    const page = await tenantClient(tenantId).send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: '#partition = :partition',
        ...(parkId ? { FilterExpression: '#parkId = :park' } : {}),
        ProjectionExpression: [...keyNames, ...PUBLISHED].map((name) => `#${name}`).join(', '),
        ExpressionAttributeNames: { ...names, '#partition': pkName },
        ExpressionAttributeValues: { ':partition': partition, ...(parkId ? { ':park': parkId } : {}) },
        // One extra member tells whether a next page exists, so "next" never leads to an empty page.
        Limit: filtered ? READ_SIZE : limit + 1 - found.length,
        ExclusiveStartKey: startKey,
      }),
    );
    reads += 1;
    for (const item of page.Items ?? []) {
      if (!search || foldForSearch(`${item.name ?? ''} ${item.municipality ?? ''}`).includes(search)) found.push(item);
    }
    lastEvaluated = page.LastEvaluatedKey;
    startKey = lastEvaluated as Record<string, string> | undefined;
  } while (found.length <= limit && lastEvaluated && reads < MAX_READS);

  let nextKey: Record<string, unknown> | undefined;
  if (found.length > limit) {
    const last = found[limit - 1]!;
    nextKey = Object.fromEntries(keyNames.map((name) => [name, last[name]]));
  } else if (lastEvaluated) {
    nextKey = lastEvaluated;
  }
  const parks = await listParks(tenantId);
  return {
    items: found.slice(0, limit).map((item) => toEntry(item, parks, context)),
    nextCursor: encodeCursor(nextKey as Record<string, string> | undefined),
  };
}

function toEntry(item: Record<string, unknown>, parks: Park[], { locale, ownCompanyId }: { locale: Locale; ownCompanyId?: string }): MemberDirectoryEntry {
  const id = String(item.id);
  const parkId = String(item.parkId);
  const parkName = parks.find((park) => park.id === parkId)?.name;
  const naceCode = typeof item.naceCode === 'string' ? item.naceCode : undefined;
  const division = naceDivision(naceCode);
  const label = naceLabel(naceCode, locale);
  return {
    id,
    name: String(item.name),
    ...(typeof item.municipality === 'string' ? { municipality: item.municipality } : {}),
    parkId,
    ...(parkName ? { parkName } : {}),
    ...(division && label ? { sector: { division: division.code, section: division.section, label } } : {}),
    ...(typeof item.website === 'string' ? { website: item.website } : {}),
    ...(ownCompanyId === id ? { own: true } : {}),
  };
}
