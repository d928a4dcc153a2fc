import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { companyItem } from '../../functions/companies/items';
import { keys } from '../../functions/lib/keys';
import { parkItem, tenantItem, umbrellaAssociationItem } from '../../functions/organisations/items';
import { membershipItems, platformAdminItem, profileItem } from '../../functions/identity/items';
import type { Tenant } from '../../shared/index';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts';
import { buildDemoData, zoneCounts, type DemoData } from './demo-data';
import { demoPeopleWrites } from './demo-people';
import { seedDemoActivities } from './demo-activities';
import { demoBudgetItems } from './demo-budgets';
import { seedDemoConsultations } from './demo-consultations';
import { coverageSeries } from '../../shared/coverage';
import { addMonths, brusselsMonth, FIGURE } from '../../functions/organisations/figures';

/** Each step adds to what earlier steps wrote, so a store seeded by an older version catches up on start. */
const SEED_STEPS = [organisationItems, firstAccountItems, historyItems, peopleWrites, companyContactLinks, registerZones, activityContacts, demoActivities, demoBudgets, demoConsultations, comparisonFigures] as const;

const firstAccounts = DEMO_ACCOUNTS.filter((account) => !account.addedBy);

/** Company contacts of two West-Flemish associations, so an umbrella activity has registrants on two parks. */
function activityContacts(data: DemoData): StepWrites {
  const accounts = DEMO_ACCOUNTS.filter((account) => account.addedBy === 'activityContacts');
  return { items: accountItems(data, accounts), updates: contactLinkUpdates(data, accounts) };
}

function firstAccountItems(data: DemoData): Record<string, unknown>[] {
  return accountItems(data, firstAccounts);
}

/** A step's items (put as they are) and, where a step adds to items an earlier step wrote, updates of those. */
type StepWrites = { items: Record<string, unknown>[]; updates?: Omit<UpdateCommandInput, 'TableName'>[] };

// — activities: participants export and reminders —
/**
 * Demo activities (scripts/local/demo-activities.ts), written through the activities store rather than as items,
 * so seats, waitlist and credits are exactly what the API would have written. Runs after the register exists.
 */
async function demoActivities(data: DemoData, tableName: string): Promise<StepWrites> {
  if (process.env.TABLE_NAME !== tableName) throw new Error(`seeding activities needs TABLE_NAME=${tableName} (the store writes through functions/lib/dynamo)`);
  await seedDemoActivities(data);
  return { items: [] };
}

// — budgets and subsidy KPIs —
/** Budgets of a few West-Flemish associations for this year and next, with the umbrella's copies of their totals. */
function demoBudgets(data: DemoData): StepWrites {
  return { items: demoBudgetItems(data, new Date().toISOString().slice(0, 10)) };
}

// — consultation log (issue #6) —
/** POM West-Vlaanderen's demo contact moments, written through the consultations store (lastContactAt exact). */
async function demoConsultations(data: DemoData, tableName: string): Promise<StepWrites> {
  if (process.env.TABLE_NAME !== tableName) throw new Error(`seeding contact moments needs TABLE_NAME=${tableName} (the store writes through functions/lib/dynamo)`);
  await seedDemoConsultations(data);
  return { items: [] };
}

// — umbrella dashboard (issue #6): the comparison table —
/** Demo associations still in formation (their goals say so), so the comparison's stage filter has all three stages. */
export const DEMO_IN_FORMATION = ['Harelbeke-Zuid', 'Oostende Werkt'] as const;

/**
 * Back-fills the comparison rows in the umbrellas' partitions: the month-end members of the last 12 months,
 * replayed from the demo register's history (the rollups keep them from now on, one month at a time; what they
 * wrote is never overwritten), and the goals of the associations in formation, with the stage on their tenant
 * items as the goals write puts it (the rollups copy it on).
 */
function comparisonFigures(data: DemoData): StepWrites {
  const month = brusselsMonth(new Date());
  const updates: NonNullable<StepWrites['updates']> = [];
  for (const { tenant: umbrella, associations } of data.umbrellas) {
    for (const { tenant, history } of associations) {
      const months = coverageSeries(history, month).filter((figures) => figures.month >= addMonths(month, -12) && figures.month < month);
      if (months.length > 0) {
        updates.push({
          Key: keys.umbrellaAssociation(umbrella.id, tenant.id),
          UpdateExpression: `SET ${months.map((_, i) => `#m${i} = if_not_exists(#m${i}, :m${i})`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(months.map((figures, i) => [`#m${i}`, FIGURE.membersAt(figures.month)])),
          ExpressionAttributeValues: Object.fromEntries(months.map((figures, i) => [`:m${i}`, figures.members])),
        });
      }
      if ((DEMO_IN_FORMATION as readonly string[]).includes(tenant.name)) {
        updates.push({
          Key: keys.goals(tenant.id),
          UpdateExpression: 'SET #type = :type, targetCoverage = :target, foundingThreshold = :threshold, stage = :stage, #version = :one, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeNames: { '#type': 'type', '#version': 'version' },
          ExpressionAttributeValues: { ':type': 'goals', ':target': 0.5, ':threshold': 20, ':stage': 'in_formation', ':one': 1, ':now': new Date().toISOString() },
        });
        updates.push({
          Key: keys.tenant(tenant.id),
          UpdateExpression: 'SET stage = :stage ADD statsVersion :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(stage)',
          ExpressionAttributeValues: { ':stage': 'in_formation', ':one': 1 },
        });
      }
    }
  }
  return { items: [], updates };
}

/** Boards, park managers and working groups of a few associations, with the park-manager summary on their tenant items. */
function peopleWrites(data: DemoData): StepWrites {
  return demoPeopleWrites(data, new Date().toISOString().slice(0, 10));
}

/**
 * Links the demo company contacts (Koen Peeters) to their company: both rows of the membership, as accepting an
 * invitation does. Updates, not puts: a store where the person was removed or got another role keeps that.
 */
function companyContactLinks(data: DemoData): StepWrites {
  return { items: [], updates: contactLinkUpdates(data, firstAccounts) };
}

function contactLinkUpdates(data: DemoData, accounts: readonly DemoAccount[]): NonNullable<StepWrites['updates']> {
  const updates: NonNullable<StepWrites['updates']> = [];
  for (const account of accounts) {
    for (const { tenantName, role, company: pick } of account.memberships) {
      if (role !== 'company_contact' || !pick) continue;
      const association = data.umbrellas.flatMap((umbrella) => umbrella.associations).find((candidate) => candidate.tenant.name === tenantName);
      const company = association ? pick(association.companies) : undefined;
      if (!association || !company) throw new Error(`demo account ${account.email}: no company to link in ${tenantName}`);
      for (const key of [keys.tenantMember(association.tenant.id, account.sub), keys.userMembership(account.sub, association.tenant.id)]) {
        updates.push({
          Key: key,
          UpdateExpression: 'SET companyId = :company',
          ConditionExpression: 'attribute_exists(pk) AND #role = :contact',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':company': company.id, ':contact': 'company_contact' },
        });
      }
    }
  }
  return updates;
}

/**
 * The register's zones and establishments: parks get their streets and zones, companies their establishment
 * number, juridical form, start date, zone and status index (gsi3), some companies a second establishment (with
 * its history), and every zone its counter. Parks, associations and umbrella rows are updated (not replaced) with
 * the new counts, so what later steps put on them stays. (A store created before gsi3 gets the index from ensureTable.)
 */
function registerZones(data: DemoData): StepWrites {
  const items: Record<string, unknown>[] = [];
  const updates: NonNullable<StepWrites['updates']> = [];
  const counts = (companies: DemoData['umbrellas'][number]['associations'][number]['companies']) => ({
    ':companies': companies.length,
    ':members': companies.filter((c) => c.membershipStatus === 'member').length,
  });
  for (const { tenant: umbrella, associations } of data.umbrellas) {
    for (const association of associations) {
      const { tenant, parks, companies } = association;
      items.push(...companies.map((company) => companyItem(company)));
      for (const zone of zoneCounts(association).values()) {
        items.push({ ...keys.zoneStats(tenant.id, zone.parkId, zone.zoneId), type: 'zoneStats', parkId: zone.parkId, zoneId: zone.zoneId, companyCount: zone.companies, memberCount: zone.members });
      }
      for (const park of parks) {
        updates.push({
          Key: keys.park(tenant.id, park.id),
          UpdateExpression: 'SET streets = :streets, zones = :zones, companyCount = :companies, memberCount = :members',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':streets': park.streets, ':zones': park.zones, ...counts(companies.filter((c) => c.parkId === park.id)) },
        });
      }
      for (const key of [keys.tenant(tenant.id), keys.umbrellaAssociation(umbrella.id, tenant.id)]) {
        updates.push({
          Key: key,
          UpdateExpression: 'SET companyCount = :companies, memberCount = :members ADD statsVersion :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ...counts(companies), ':one': 1 },
        });
      }
    }
  }
  return { items: [...items, ...historyItems(data)], updates };
}

function organisationItems(data: DemoData): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const { tenant: umbrella, associations } of data.umbrellas) {
    const createdAt = '2025-01-06T08:00:00.000Z';
    items.push(tenantItem(umbrella, createdAt));
    for (const { tenant, parks, companies } of associations) {
      const stats = { parkCount: parks.length, companyCount: companies.length, memberCount: companies.filter((c) => c.membershipStatus === 'member').length };
      items.push(tenantItem(tenant, createdAt, stats));
      items.push({ ...umbrellaAssociationItem(umbrella.id, { id: tenant.id, name: tenant.name, region: tenant.region, ...stats }), statsVersion: 1 });
      for (const park of parks) {
        const onPark = companies.filter((company) => company.parkId === park.id);
        items.push(parkItem(tenant.id, park, createdAt, onPark.length, onPark.filter((c) => c.membershipStatus === 'member').length));
      }
      items.push(...companies.map((company) => companyItem(company)));
    }
  }
  return items;
}

/** The register's history (coverage over time): the same rows the company writes add, with their gsi1 keys. */
function historyItems(data: DemoData): Record<string, unknown>[] {
  return data.umbrellas.flatMap(({ associations }) =>
    associations.flatMap(({ tenant, history }) =>
      history.map(({ id, ...event }) => ({
        ...keys.registerEvent(tenant.id, id),
        gsi1pk: keys.companyHistory(tenant.id, event.companyId),
        gsi1sk: id,
        type: 'registerEvent',
        id,
        ...event,
        at: `${event.on}T08:00:00.000Z`,
        actorId: 'demo-seed',
      })),
    ),
  );
}

/** The demo people of scripts/local/demo-accounts.ts with their memberships. */
function accountItems(data: DemoData, accounts: readonly DemoAccount[]): Record<string, unknown>[] {
  const createdAt = '2025-01-06T08:00:00.000Z';
  const tenants = new Map<string, Tenant>();
  for (const { tenant, associations } of data.umbrellas) {
    tenants.set(tenant.name, tenant);
    for (const association of associations) tenants.set(association.tenant.name, association.tenant);
  }
  return accounts.flatMap((account) => {
    const profile = { userId: account.sub, email: account.email, name: account.name };
    return [
      profileItem(profile, createdAt),
      ...(account.platformAdmin ? [platformAdminItem(account.sub, createdAt)] : []),
      ...account.memberships.flatMap(({ tenantName, role }) => {
        const tenant = tenants.get(tenantName);
        if (!tenant) throw new Error(`demo account ${account.email}: no tenant named ${tenantName}`);
        return membershipItems(profile, tenant, role, createdAt);
      }),
    ];
  });
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
 * Seeds the demo data once. The marker is written after each step, so an interrupted seed resumes; ids are
 * deterministic, so running a step again overwrites the same items instead of adding copies.
 */
export async function seedDemoData(client: DynamoDBDocumentClient, tableName: string): Promise<{ seeded: boolean; items: number }> {
  const marker = await client.send(new GetCommand({ TableName: tableName, Key: keys.seedMarker(), ConsistentRead: true }));
  const done = Number(marker.Item?.version ?? 0);
  if (done >= SEED_STEPS.length) return { seeded: false, items: 0 };
  const data = buildDemoData();
  let written = 0;
  for (let step = done; step < SEED_STEPS.length; step += 1) {
    const result: Record<string, unknown>[] | StepWrites = await SEED_STEPS[step]!(data, tableName);
    const { items, updates = [] } = Array.isArray(result) ? { items: result } : result;
    await writeAll(client, tableName, items);
    for (const update of updates) {
      try {
        await client.send(new UpdateCommand({ TableName: tableName, ...update }));
      } catch (error) {
        // A condition that no longer holds (someone edited that item since): keep what is there.
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    written += items.length;
    await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.seedMarker(), type: 'seed', version: step + 1, seededAt: new Date().toISOString() } }));
  }
  return { seeded: true, items: written };
}
