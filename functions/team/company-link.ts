import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../shared/index';
import { getCompany } from '../companies/store';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, invalidField } from '../lib/errors';
import { keys } from '../lib/keys';

/**
 * A company contact speaks for one company of the association's register: the link lives on their membership
 * (both rows), set by the invitation and changed by the tenant's admins. Other roles carry no company.
 */

/** Refuses a company on any role but company_contact, and (when `required`) a company contact without one. */
export function assertCompanyFitsRole(role: Role, companyId: string | null | undefined, { required }: { required: boolean }): void {
  if (role !== 'company_contact') {
    if (companyId) throw invalidField('body.companyId', 'company_only_for_contacts');
    return;
  }
  if (required && !companyId) throw invalidField('body.companyId', 'company_required');
}

/** The company's name, read from this association's register; a company of no (or another) register is refused. */
export async function registeredCompanyName(tenantId: string, companyId: string): Promise<string> {
  const company = await getCompany(tenantId, companyId);
  if (!company) throw invalidField('body.companyId', 'unknown_company');
  return company.name;
}

/** A transaction item that holds only while the company is still in the register (it may be removed meanwhile). */
export function companyStillRegistered(tenantId: string, companyId: string) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.company(tenantId, companyId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** The register's current names of these companies (one BatchGet per 100); removed companies are left out. */
export async function companyNames(tenantId: string, companyIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(companyIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => keys.company(tenantId, id));
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 5) throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const answer = await tenantClient(tenantId).send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: { Keys: pending, ProjectionExpression: 'id, #name', ExpressionAttributeNames: { '#name': 'name' } },
          },
        }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) names.set(String(item.id), String(item.name));
      pending = answer.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return names;
}
