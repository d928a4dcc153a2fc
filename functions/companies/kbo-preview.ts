import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { diffRegister, registerValues, type KboCandidate, type RegisterRecord } from '../../shared/kbo/index';
import type { KboPreview } from '../../shared/index';
import { tableName, tenantClient } from '../lib/dynamo';
import { notFound } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryAll } from '../lib/query';
import { toPark } from '../organisations/items';
import { toCompany } from './items';

/** The register fields a company stores; an import compares and writes these only. */
const COMPARED = ['name', 'street', 'houseNumber', 'postalCode', 'municipality', 'naceCode', 'juridicalForm', 'startDate'] as const;

/**
 * The import preview: what the park's companies in the CBE extract would add, change or mark as vanished in the
 * association's register. Read-only; association data (membership, contacts, notes) is never compared.
 */
export async function kboDiff(tenantId: string, parkId: string, candidates: KboCandidate[]) {
  const client = tenantClient(tenantId);
  const { Item: parkRow } = await client.send(new GetCommand({ TableName: tableName(), Key: keys.park(tenantId, parkId), ConsistentRead: true }));
  if (!parkRow) throw notFound();
  const park = toPark(parkRow);
  const items = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.companiesOfPark(tenantId, parkId) },
    },
    client,
  );
  const companies = items.map(toCompany);
  const records: (RegisterRecord & { name: string })[] = companies.map((company) => ({
    id: company.id,
    enterpriseNumber: company.enterpriseNumber ?? null,
    establishmentNumber: company.establishmentNumber ?? null,
    name: company.name,
    street: company.street ?? null,
    houseNumber: company.houseNumber ?? null,
    postalCode: company.postalCode ?? null,
    municipality: company.municipality ?? null,
    naceCode: company.naceCode ?? null,
    juridicalForm: company.juridicalForm ?? null,
    startDate: company.startDate ?? null,
  }));
  const diff = diffRegister(candidates, records, { fields: COMPARED, linkEstablishments: true });
  // Already marked by an earlier import: not news.
  const marked = new Set(companies.filter((company) => company.kboVanishedOn).map((company) => company.id));
  return { diff: { ...diff, vanished: diff.vanished.filter((record) => !marked.has(record.id)) }, records, companies, park };
}

export async function previewKboImport(tenantId: string, parkId: string, candidates: KboCandidate[], snapshotDate?: string): Promise<KboPreview> {
  const { diff, records } = await kboDiff(tenantId, parkId, candidates);
  return {
    ...(snapshotDate ? { snapshotDate } : {}),
    added: diff.added.map((candidate) => {
      const values = registerValues(candidate);
      return {
        enterpriseNumber: candidate.enterpriseNumber,
        establishmentNumber: candidate.establishmentNumber,
        name: candidate.name,
        street: values.street,
        houseNumber: values.houseNumber,
        postalCode: values.postalCode,
        municipality: values.municipality,
        naceCode: values.naceCode,
      };
    }),
    changed: diff.changed.map((change) => ({
      companyId: change.id,
      name: change.record.name,
      fields: [...change.fields],
      values: Object.fromEntries(Object.entries(change.values).map(([field, value]) => [field, { from: value!.from, to: value!.to }])),
    })),
    vanished: diff.vanished.map((record) => ({ companyId: record.id, name: record.name, ...(record.enterpriseNumber ? { enterpriseNumber: record.enterpriseNumber } : {}) })),
    unchanged: diff.unchanged,
    unlinked: diff.unlinked.length,
    possibleMatches: diff.possibleMatches.map((match) => ({
      companyId: match.id,
      name: records.find((record) => record.id === match.id)?.name ?? '',
      reason: match.reason,
    })),
  };
}
