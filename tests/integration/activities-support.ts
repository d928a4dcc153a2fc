import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { Tenant } from '../../shared/index';
import { inBrussels } from '../../functions/activities/schedule';
import { companyFixture, companyItem } from '../support/fixtures';
import { personItems } from '../support/identity';
import { keys, type TestApi } from '../support/test-api';

/** Helpers shared by the activities tests: member companies, their linked contacts, and future time slots. */

export async function addCompany(api: TestApi, tenantId: string, parkId: string, name = `Bedrijf ${ulid()}`): Promise<string> {
  const company = companyFixture(tenantId, parkId, { name, street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' });
  await api.put([companyItem(company)]);
  return company.id;
}

/**
 * A company contact of `tenant`, linked to `companyId` the way the team links them (the membership's
 * `companyId`), with a token to call the API as them.
 */
export async function addContact(api: TestApi, tenant: Tenant, companyId: string | undefined, name = `contact-${ulid()}`): Promise<{ sub: string; email: string; as: { token: string } }> {
  const sub = ulid();
  const email = `${name.toLowerCase()}@company.test`;
  await api.put(personItems({ sub, email, name, roles: [[tenant, 'company_contact']] }));
  if (companyId) {
    await api.client.send(
      new UpdateCommand({ TableName: api.tableName, Key: keys.userMembership(sub, tenant.id), UpdateExpression: 'SET companyId = :c', ExpressionAttributeValues: { ':c': companyId } }),
    );
  }
  return { sub, email, as: { token: await api.idp.tokenFor(sub) } };
}

/** A slot `days` from now, starting 08:00 UTC (morning in Brussels), `hours` long. */
export function slot(days: number, hours = 2): { startsAt: string; endsAt: string } {
  const start = new Date(Date.now() + days * 86_400_000);
  const day = inBrussels(start).slice(0, 10);
  const startsAt = inBrussels(Date.parse(`${day}T08:00:00Z`));
  return { startsAt, endsAt: inBrussels(Date.parse(startsAt) + hours * 3_600_000) };
}

export const person = (name: string, extra: Record<string, unknown> = {}) => ({ name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@people.test`, ...extra });
