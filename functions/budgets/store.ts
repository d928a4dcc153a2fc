import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  budgetIssues,
  budgetTotals,
  evaluateSubsidyKpis,
  type Budget,
  type BudgetYears,
  type ParkManagerSummary,
  type PutBudget,
  type SubsidyKpis,
  type Tenant,
} from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, versionConflict } from '../lib/errors';
import { keys } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import { cancellationCodes } from '../lib/transactions';
import { budgetItem, toBudget } from './items';

/**
 * Budgets per association and year, and the subsidy KPIs that read them. Everything here runs with the
 * association's tenant session (its partition only): the umbrella's copy of the totals is made by the rollups
 * stream consumer (functions/budgets/rollup.ts), because an association's session may not write the umbrella's
 * partition.
 */

const emptyBudget = (associationId: string, year: number): Budget => ({ associationId, year, lines: [], totals: budgetTotals([]), version: 0 });

async function readBudgetItem(associationId: string, year: number): Promise<Record<string, unknown> | undefined> {
  const { Item } = await tenantClient(associationId).send(new GetCommand({ TableName: tableName(), Key: keys.budget(associationId, year), ConsistentRead: true }));
  return Item;
}

/** The year's budget; version 0 with no lines while it has none (like the goals: the first PUT sends version 0). */
export async function getBudget(associationId: string, year: number): Promise<Budget> {
  const item = await readBudgetItem(associationId, year);
  return item ? toBudget(item) : emptyBudget(associationId, year);
}

/** The years that have a budget, oldest first, with their totals (not their lines). */
export async function listBudgets(associationId: string): Promise<BudgetYears['items']> {
  const items = await queryTenantPrefix(associationId, keys.budgetPrefix, {
    ProjectionExpression: '#year, #version, totals, updatedAt',
    ExpressionAttributeNames: { '#year': 'year', '#version': 'version' },
  });
  return items.map((item) => ({ year: Number(item.year), version: Number(item.version), totals: item.totals as Budget['totals'], ...(item.updatedAt ? { updatedAt: String(item.updatedAt) } : {}) }));
}

/**
 * Replaces the year's budget as a whole, based on a version (0 creates it), with its audit row in the same
 * transaction. Periods are checked against the year here (the schema does not know the year): field errors at
 * `body.lines.<i>.period…`. A stale version answers 409 with the budget as it is now.
 */
export async function putBudget(association: Tenant, year: number, input: PutBudget, actor: Actor): Promise<Budget> {
  const issues = budgetIssues(year, input.lines);
  if (issues.length > 0) {
    throw new HttpError(400, 'validation_failed', { fields: issues.map((issue) => ({ path: `body.${issue.path}`, code: issue.code })) });
  }
  const creating = input.version === 0;
  const next = { year, lines: input.lines, totals: budgetTotals(input.lines), version: input.version + 1, updatedAt: actor.now, updatedBy: actor.userId };
  try {
    await tenantClient(association.id).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: budgetItem(association, next),
              ConditionExpression: creating ? 'attribute_not_exists(pk)' : '#version = :expected',
              ...(creating ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': input.version } }),
            },
          },
          auditPut(association.id, actor, { action: creating ? 'budget.create' : 'budget.update', objectType: 'budget', objectId: String(year), fields: ['lines'] }),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw versionConflict(await getBudget(association.id, year));
    throw error;
  }
  return toBudget(budgetItem(association, next));
}

/**
 * The funder's KPIs of `year` for one association, from its own partition: the park managers' periods (a), the
 * counters on the tenant item (b) and the budget of `year + 1` (c). Only figures leave: no names, no lines.
 */
export async function subsidyKpis(associationId: string, year: number, today: string): Promise<SubsidyKpis> {
  const client = tenantClient(associationId);
  const [tenant, managers, nextBudget] = await Promise.all([
    client.send(
      new GetCommand({
        TableName: tableName(), Key: keys.tenant(associationId), ConsistentRead: true,
        ProjectionExpression: 'companyCount, memberCount, parkManager',
      }),
    ),
    queryTenantPrefix(associationId, `${keys.peoplePrefix}MANAGER#`, {
      ConsistentRead: true, ProjectionExpression: '#from, #until, interim', ExpressionAttributeNames: { '#from': 'from', '#until': 'until' },
    }),
    readBudgetItem(associationId, year + 1),
  ]);
  const kpis = evaluateSubsidyKpis(
    {
      parkManager: {
        managers: managers.map((m) => ({ from: String(m.from), ...(m.until ? { until: String(m.until) } : {}), interim: m.interim === true })),
        ...(tenant.Item?.parkManager ? { summary: tenant.Item.parkManager as ParkManagerSummary } : {}),
      },
      counts: { companies: Number(tenant.Item?.companyCount ?? 0), members: Number(tenant.Item?.memberCount ?? 0) },
      ...(nextBudget ? { nextYearTotals: toBudget(nextBudget).totals } : {}),
    },
    year,
    today,
  );
  return { associationId, year, budgetYear: year + 1, kpis };
}
