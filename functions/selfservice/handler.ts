import type { Caller } from '../identity/store';
import { createHandler } from '../lib/create-handler';
import { HttpError } from '../lib/errors';
import { actorOf, type Operations } from '../lib/http';
import { memberDirectory } from './directory';
import { readMyCompany, updateMyCompany } from './my-company';

/**
 * Member self-service: a company contact's own company, and the member directory. The company comes from the
 * caller's own membership (never from the path or body), so a contact can reach no other company through these
 * routes; the register's routes stay closed to them.
 */
function linkedCompanyOf(caller: Caller, tenantId: string): string {
  const companyId = caller.memberships.find((membership) => membership.tenantId === tenantId)?.companyId;
  if (!companyId) throw new HttpError(404, 'company_not_linked');
  return companyId;
}

const operations: Operations<'selfservice'> = {
  getMyCompany: async ({ caller, tenant }) => ({ statusCode: 200, body: await readMyCompany(tenant.id, linkedCompanyOf(caller, tenant.id)) }),

  updateMyCompany: async (request) => {
    const companyId = linkedCompanyOf(request.caller, request.tenant.id);
    // The audit log shows the edit as the contact's, made in their role as company contact.
    const actor = { ...actorOf(request), role: request.role };
    return { statusCode: 200, body: await updateMyCompany(request.tenant.id, companyId, request.body, actor) };
  },

  listMemberDirectory: async ({ caller, tenant, query, locale }) => {
    const ownCompanyId = caller.memberships.find((membership) => membership.tenantId === tenant.id)?.companyId;
    return { statusCode: 200, body: await memberDirectory(tenant.id, query, { locale, ...(ownCompanyId ? { ownCompanyId } : {}) }) };
  },
};

export const handler = createHandler('selfservice', operations);
