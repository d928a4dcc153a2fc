import type { Agent } from 'node:http';
import { marshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulidx';
import type { Tenant } from '../../shared/index';
import { documentClient, tableName } from '../../functions/lib/dynamo';
import { keys } from '../../functions/lib/keys';
import { readComparison } from '../../functions/organisations/comparison';
import { addMonths, brusselsMonth, FIGURE } from '../../functions/organisations/figures';
import { tenantItem } from '../../functions/organisations/items';
import { handler as rollups } from '../../functions/rollups/handler';
import { httpGet } from './http';
import { summarize, type Summary } from './stats';

/**
 * Section 8: the umbrella's comparison table (issue #6) at 500 associations, with 100 and then 1,000 companies
 * each. The rows are written by the product's own writers: the rollups handler (fed the stream records the
 * association's tenant item would produce, one per month over the last 13 months, so every row carries its
 * month-end series, park-manager summary and stage) and the same per-year ADDs the credit, outcome and tally
 * transactions make. The companies themselves are not written (500,000 register rows take too long on this
 * machine): the comparison's Query reads `T#<umbrella>` rows under `ASSOC#` only, which no company is.
 */
export type ComparisonCase = {
  label: string; associations: number; companiesPerAssociation: number; seedMs: number;
  rows: number; queries: number; rcu: number; responseKb: number; store: Summary; gateway: Summary;
};

const REGIONS = ['Brugge', 'Kortrijk', 'Ieper', 'Roeselare', 'Oostende', 'Veurne', 'Waregem', 'Menen', 'Poperinge', 'Tielt'];

function streamRecord(image: Record<string, unknown>, at: Date, sequence: number) {
  return {
    eventName: 'MODIFY',
    dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }), SequenceNumber: String(sequence), ApproximateCreationDateTime: at.getTime() / 1000 },
  };
}

export async function seedComparison(associations: number, companiesPerAssociation: number): Promise<{ umbrellaId: string; seedMs: number }> {
  const started = performance.now();
  const now = new Date();
  const month = brusselsMonth(now);
  const year = Number(month.slice(0, 4));
  const umbrella: Tenant = { id: ulid(), kind: 'umbrella', name: `Bench Koepel ${companiesPerAssociation}`, region: 'West-Vlaanderen' };
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: tenantItem(umbrella, now.toISOString()) }));
  const tenants: Tenant[] = Array.from({ length: associations }, (_, i) => ({
    id: ulid(), kind: 'association', name: `Bench vereniging ${String(i).padStart(3, '0')} vzw`, region: REGIONS[i % REGIONS.length], umbrellaId: umbrella.id,
  }));
  let sequence = 1;
  const work = tenants.map((tenant, i) => async () => {
    const share = 0.2 + ((i * 37) % 50) / 100;
    const records = [];
    // 13 copies, one per month: members grow towards the share of today (statsVersion orders them).
    for (let back = 12; back >= 0; back -= 1) {
      const members = Math.round(companiesPerAssociation * share * (1 - back / 40));
      const at = new Date(`${addMonths(month, -back)}-15T10:00:00Z`);
      const image = {
        ...tenantItem(tenant, now.toISOString(), { parkCount: 1 + (i % 3), companyCount: companiesPerAssociation, memberCount: members }),
        statsVersion: 13 - back,
        ...(i % 3 === 0 ? { parkManager: { appointed: true, since: '2023-09-01', interim: false, asOf: now.toISOString().slice(0, 10) } } : {}),
        ...(i % 7 === 0 ? { stage: 'in_formation' } : {}),
      };
      records.push(streamRecord(image, back === 0 ? now : at, (sequence += 1)));
    }
    const result = await rollups({ Records: records } as unknown as DynamoDBStreamEvent);
    if (result.batchItemFailures.length) throw new Error('rollups failed while seeding the comparison bench');
    // What the credit, outcome and tally transactions add to the row in a year (the same attributes).
    const participants = Math.round(companiesPerAssociation * 0.3);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.umbrellaAssociation(umbrella.id, tenant.id),
        UpdateExpression: 'ADD #a :a, #pr :pr, #pa :pa, #cr :cr, #ca :ca, #kg :kg',
        ExpressionAttributeNames: {
          '#a': FIGURE.activities(year), '#pr': FIGURE.participantsRegistered(year), '#pa': FIGURE.participantsAttended(year),
          '#cr': FIGURE.companiesRegistered(year), '#ca': FIGURE.companiesAttended(year), '#kg': FIGURE.quantity(year, 'kg'),
        },
        ExpressionAttributeValues: {
          ':a': 1 + (i % 9), ':pr': participants, ':pa': Math.round(participants * 0.8), ':cr': Math.round(participants / 2), ':ca': Math.round(participants * 0.4),
          ':kg': companiesPerAssociation * 0.35,
        },
      }),
    );
  });
  const parallel = 8;
  for (let i = 0; i < work.length; i += parallel) await Promise.all(work.slice(i, i + parallel).map((run) => run()));
  return { umbrellaId: umbrella.id, seedMs: performance.now() - started };
}

export async function benchComparisonCase(
  baseUrl: string, agent: Agent, associations: number, companiesPerAssociation: number, config: { warmup: number; iterations: number },
): Promise<ComparisonCase> {
  const { umbrellaId, seedMs } = await seedComparison(associations, companiesPerAssociation);
  const url = `${baseUrl}/api/tenants/${umbrellaId}/comparison`;
  const first = await readComparison(umbrellaId);
  if (first.comparison.items.length !== associations) throw new Error(`expected ${associations} rows, read ${first.comparison.items.length}`);
  const store: number[] = [];
  const gateway: number[] = [];
  let responseBytes = 0;
  for (let i = 0; i < config.warmup + config.iterations; i += 1) {
    let started = performance.now();
    await readComparison(umbrellaId);
    const storeMs = performance.now() - started;
    started = performance.now();
    const response = await httpGet(url, agent, 10_000);
    const gatewayMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${response.body.slice(0, 200)}`);
    responseBytes = Buffer.byteLength(response.body);
    if (i >= config.warmup) {
      store.push(storeMs);
      gateway.push(gatewayMs);
    }
  }
  return {
    label: `${associations} × ${companiesPerAssociation.toLocaleString('en')} companies`, associations, companiesPerAssociation, seedMs,
    rows: first.comparison.items.length, queries: first.queries, rcu: first.consumedRcu, responseKb: Math.round(responseBytes / 102.4) / 10,
    store: summarize(store), gateway: summarize(gateway),
  };
}
