import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/dynamo';
import { keys } from '../lib/keys';
import type { TransactItem } from './transact';
import { CREDIT_FIGURE } from '../organisations/figures';

/**
 * Participation credited to the participant's home association and to that association's umbrella, per year:
 * people registered (holding a seat) and attended, and distinct companies for both. Written inside the same
 * transaction as the registration, cancellation, promotion or check-in that causes it, so the figures are
 * exact. Distinct companies are counted with one row per company and year holding how many registrations
 * (and attendances) it has; the year's company count moves only when that row goes from 0 to 1 or back, and the
 * row's condition pins exactly that transition, so a concurrent change of the same company cancels and retries.
 */

/**
 * The same deltas on the umbrella's comparison row of the home association (issue #6: participants and distinct
 * companies per association). In this transaction rather than copied by the stream: the credit is already exact
 * here and the participation session may write this item of the umbrella's partition, so the row is exact at
 * once and needs no replay guard. The row's counters are per-year attributes (organisations/figures.ts).
 */
function comparisonRowCredit(credited: Credited, yearNames: Record<string, string>, yearValues: Record<string, unknown>): TransactItem {
  const adds: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [placeholder, counter] of Object.entries(yearNames)) {
    const figure = CREDIT_FIGURE[counter as keyof typeof CREDIT_FIGURE];
    if (!figure) continue;
    const name = `#c${adds.length}`;
    names[name] = figure(credited.year);
    values[`:c${adds.length}`] = yearValues[`:${placeholder.slice(1)}`];
    adds.push(`${name} :c${adds.length}`);
  }
  return {
    Update: {
      TableName: tableName(),
      Key: keys.umbrellaAssociation(credited.umbrellaId!, credited.associationId),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export type CreditMeasure = 'registered' | 'attended';
export type Credited = { associationId: string; umbrellaId?: string; companyId: string; year: number; kind: 'person' | 'company' };

const COUNTERS = {
  registered: { perCompany: 'registrations', participants: 'participantsRegistered', companies: 'companiesRegistered' },
  attended: { perCompany: 'attendances', participants: 'participantsAttended', companies: 'companiesAttended' },
} as const;

/** Where a participation is credited: the home association and, when it has one, its umbrella. */
export function creditedTenants(credited: Credited): string[] {
  return credited.umbrellaId ? [credited.associationId, credited.umbrellaId] : [credited.associationId];
}

export type CreditDeltas = Partial<Record<CreditMeasure, 1 | -1>>;

async function perCompanyCounts(client: DynamoDBDocumentClient, tenantId: string, credited: Credited): Promise<Record<CreditMeasure, number>> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName(), Key: keys.participationCompany(tenantId, credited.year, credited.companyId), ConsistentRead: true }),
  );
  return {
    registered: Number(Item?.[COUNTERS.registered.perCompany] ?? 0),
    attended: Number(Item?.[COUNTERS.attended.perCompany] ?? 0),
  };
}

/**
 * The transaction items that move the measures by their deltas (+1 or −1) for one registration: one update of
 * the per-company row and one of the year row per credited tenant (a transaction may touch an item only once).
 * Reads the per-company rows first (consistently) to know whether the company counts move; the conditions make
 * that read binding.
 */
export async function creditItems(client: DynamoDBDocumentClient, credited: Credited, deltas: CreditDeltas): Promise<TransactItem[]> {
  const measures = (Object.keys(deltas) as CreditMeasure[]).filter((measure) => deltas[measure]);
  if (measures.length === 0) return [];
  const items: TransactItem[] = [];
  for (const tenantId of creditedTenants(credited)) {
    const seen = await perCompanyCounts(client, tenantId, credited);
    const names: Record<string, string> = { '#type': 'type', '#year': 'year' };
    const companyValues: Record<string, unknown> = { ':companyType': 'participationCompany', ':tenant': tenantId, ':company': credited.companyId, ':year': credited.year };
    const yearValues: Record<string, unknown> = { ':yearType': 'participationYear', ':tenant': tenantId, ':year': credited.year, ':one': 1 };
    const conditions: string[] = [];
    const companyAdds: string[] = [];
    const yearAdds: string[] = ['creditVersion :one'];
    const yearNames: Record<string, string> = { '#type': 'type', '#year': 'year' };
    for (const measure of measures) {
      const delta = deltas[measure]!;
      const counter = COUNTERS[measure];
      const n = `#${measure}`;
      names[n] = counter.perCompany;
      const before = seen[measure];
      if (delta === -1 && before < 1) throw new Error(`participation credit of ${credited.companyId} in ${tenantId} would go below zero`);
      const companyMoves = delta === 1 ? before === 0 : before === 1;
      if (delta === 1) conditions.push(before === 0 ? `(attribute_not_exists(${n}) OR ${n} = :zero)` : `${n} >= :one`);
      else conditions.push(before === 1 ? `${n} = :one` : `${n} > :one`);
      companyAdds.push(`${n} :${measure}Delta`);
      companyValues[`:${measure}Delta`] = delta;
      yearNames[`#${measure}People`] = counter.participants;
      yearNames[`#${measure}Companies`] = counter.companies;
      yearAdds.push(`#${measure}People :${measure}People`, `#${measure}Companies :${measure}Companies`);
      yearValues[`:${measure}People`] = credited.kind === 'person' ? delta : 0;
      yearValues[`:${measure}Companies`] = companyMoves ? delta : 0;
    }
    const condition = conditions.join(' AND ');
    if (condition.includes(':zero')) companyValues[':zero'] = 0;
    if (condition.includes(':one')) companyValues[':one'] = 1;
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.participationCompany(tenantId, credited.year, credited.companyId),
        UpdateExpression: `SET #type = :companyType, tenantId = :tenant, companyId = :company, #year = :year ADD ${companyAdds.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: companyValues,
      },
    });
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.participationYear(tenantId, credited.year),
        UpdateExpression: `SET #type = :yearType, tenantId = :tenant, #year = :year ADD ${yearAdds.join(', ')}`,
        ExpressionAttributeNames: yearNames,
        ExpressionAttributeValues: yearValues,
      },
    });
    if (tenantId === credited.umbrellaId) items.push(comparisonRowCredit(credited, yearNames, yearValues));
  }
  return items;
}
