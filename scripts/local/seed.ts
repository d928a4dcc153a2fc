import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { companyItem } from '../../functions/companies/items';
import { keys } from '../../functions/lib/keys';
import { parkItem, tenantItem, umbrellaAssociationItem } from '../../functions/organisations/items';
import { buildDemoData, type DemoData } from './demo-data';

const SEED_VERSION = 1;

function itemsOf(data: DemoData): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const { tenant: umbrella, associations } of data.umbrellas) {
    const createdAt = '2025-01-06T08:00:00.000Z';
    items.push(tenantItem(umbrella, createdAt));
    for (const { tenant, parks, companies } of associations) {
      items.push(tenantItem(tenant, createdAt));
      items.push(umbrellaAssociationItem(umbrella.id, { id: tenant.id, name: tenant.name, region: tenant.region, parkCount: parks.length, companyCount: companies.length }));
      for (const park of parks) {
        items.push(parkItem(tenant.id, park, createdAt, companies.filter((company) => company.parkId === park.id).length));
      }
      items.push(...companies.map((company) => companyItem(company)));
    }
  }
  return items;
}

async function writeAll(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const writeBatch = async (batch: Record<string, unknown>[]) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('seeding gave up: DynamoDB kept returning unprocessed items');
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  };
  const parallel = 8;
  for (let i = 0; i < batches.length; i += parallel) await Promise.all(batches.slice(i, i + parallel).map(writeBatch));
}

/**
 * Seeds the demo data once. The marker is written last, so an interrupted seed runs again next time; ids are
 * deterministic, so running again overwrites the same items instead of adding copies.
 */
export async function seedDemoData(client: DynamoDBDocumentClient, tableName: string): Promise<{ seeded: boolean; items: number }> {
  const marker = await client.send(new GetCommand({ TableName: tableName, Key: keys.seedMarker(), ConsistentRead: true }));
  if (marker.Item) return { seeded: false, items: 0 };
  const items = itemsOf(buildDemoData());
  await writeAll(client, tableName, items);
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.seedMarker(), type: 'seed', version: SEED_VERSION, seededAt: new Date().toISOString() } }));
  return { seeded: true, items: items.length };
}
