import { createHandler } from '../lib/create-handler';
import { HttpError } from '../lib/errors';
import { actorOf, type Operations } from '../lib/http';
import { isStoreUnavailable } from '../lib/middleware/error-handler';
import { sendMail } from '../lib/mail';
import { invitationMail } from './invitation-mail';
import {
  acceptInvitation,
  assertRoleFits,
  changeRole,
  createInvitation,
  discardInvitation,
  listAudit,
  listInvitations,
  listMembers,
  previewInvitation,
  removeMember,
  revokeInvitation,
} from './store';
import { giveGrant, listGrants, withdrawGrant } from './grants';
import { assertCompanyFitsRole, registeredCompanyName } from './company-link';

/** Where invitation links point: the site's own origin (CloudFront in AWS, the local gateway locally). */
function appUrl(headers: Record<string, string | undefined>): string {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, '');
  return `http://${headers.host ?? '127.0.0.1:3000'}`;
}

const operations: Operations<'team'> = {
  listMembers: async ({ tenant }) => ({ statusCode: 200, body: { items: await listMembers(tenant.id) } }),

  changeMemberRole: async (request) => {
    const { role, version, companyId } = request.body;
    assertRoleFits(request.tenant, role, 'body.role');
    // A role change may leave a company contact unlinked (their company page says so); an invitation may not.
    assertCompanyFitsRole(role, companyId, { required: false });
    const member = await changeRole(request.tenant, request.path.userId, { role, version, ...(companyId !== undefined ? { companyId } : {}) }, actorOf(request));
    return { statusCode: 200, body: member };
  },

  removeMember: async (request) => {
    await removeMember(request.tenant, request.path.userId, request.query.version, actorOf(request));
    return { statusCode: 204 };
  },

  listInvitations: async ({ tenant }) => ({ statusCode: 200, body: { items: await listInvitations(tenant.id) } }),

  createInvitation: async (request) => {
    const { tenant, body, caller } = request;
    assertRoleFits(tenant, body.role, 'body.role');
    assertCompanyFitsRole(body.role, body.companyId, { required: true });
    const company = body.companyId ? { id: body.companyId, name: await registeredCompanyName(tenant.id, body.companyId) } : undefined;
    const actor = { ...actorOf(request), name: caller.name ?? caller.email ?? caller.userId };
    const { companyId: _companyId, ...invitee } = body;
    const { invitation, token } = await createInvitation(tenant, { ...invitee, role: body.role, ...(company ? { company } : {}) }, actor);
    try {
      await sendMail(
        invitationMail({
          to: invitation.email,
          tenantName: tenant.name,
          role: invitation.role,
          inviterName: actor.name,
          link: `${appUrl(request.headers)}/invitations/accept#${token}`,
          expiresAt: invitation.expiresAt,
        }),
      );
    } catch (error) {
      // Nobody received the link: remove the invitation so that a retry starts clean.
      await discardInvitation(tenant.id, invitation.id);
      if (isStoreUnavailable(error)) throw error;
      throw new HttpError(503, 'mail_unavailable', { headers: { 'retry-after': '5' } });
    }
    return { statusCode: 201, body: invitation };
  },

  revokeInvitation: async (request) => {
    await revokeInvitation(request.tenant.id, request.path.invitationId, actorOf(request));
    return { statusCode: 204 };
  },

  previewInvitation: async ({ body }) => ({ statusCode: 200, body: await previewInvitation(body.token, new Date().toISOString()) }),

  acceptInvitation: async (request) => ({
    statusCode: 200,
    body: await acceptInvitation(request.body.token, { ...actorOf(request), ...(request.caller.email ? { email: request.caller.email } : {}) }),
  }),

  listAudit: async ({ tenant, query }) => ({ statusCode: 200, body: await listAudit(tenant.id, query) }),

  listGrants: async ({ tenant }) => ({ statusCode: 200, body: { items: await listGrants(tenant.id) } }),

  giveGrant: async (request) => {
    const actor = { ...actorOf(request), name: request.caller.name ?? request.caller.email ?? request.caller.userId };
    return { statusCode: 200, body: await giveGrant(request.tenant, request.path.scope, actor) };
  },

  withdrawGrant: async (request) => {
    await withdrawGrant(request.tenant, request.path.scope, actorOf(request));
    return { statusCode: 204 };
  },
};

export const handler = createHandler('team', operations);
