import type { MiddlewareObj } from '@middy/core';
import type { Role, Tenant } from '../../../shared/index';
import { loadCaller, type Caller } from '../../identity/store';
import { HttpError } from '../errors';
import type { ParkpuntEvent, ParkpuntResult } from '../http';
import { USER_ID_PATTERN } from '../keys';
import { loadTenant } from '../tenants';
import { hasGrant } from '../../team/grants';

const UNAUTHENTICATED = () => new HttpError(401, 'unauthenticated', { headers: { 'www-authenticate': 'Bearer realm="parkpunt"' } });

type JwtEvent = ParkpuntEvent & { requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };

/**
 * The caller's subject, from the claims API Gateway's JWT authorizer (or the local gateway, which verifies the
 * same way) placed on the event. The handler trusts only what the authorizer verified, never a header or body.
 */
function subjectOf(event: JwtEvent): string {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  // The authorizer accepts any token for the client, ID tokens included; only access tokens may call the API
  // (Cognito marks them `token_use: access`; standard JWT access tokens carry `client_id` and `scope`).
  const isAccessToken = claims.token_use === undefined ? typeof claims.client_id === 'string' && typeof claims.scope === 'string' : claims.token_use === 'access';
  if (!isAccessToken) throw UNAUTHENTICATED();
  const sub = claims.sub;
  if (typeof sub !== 'string' || !USER_ID_PATTERN.test(sub)) throw UNAUTHENTICATED();
  return sub;
}

/**
 * The caller's role for a tenant: their own membership; for an association, else their role in its umbrella;
 * else platform admin. Undefined means no relationship at all.
 */
export function effectiveRole(caller: Caller, tenant: Tenant): { role: Role; via: 'member' | 'umbrella' | 'platform' } | undefined {
  const own = caller.memberships.find((membership) => membership.tenantId === tenant.id);
  if (own) return { role: own.role, via: 'member' };
  if (tenant.kind === 'association' && tenant.umbrellaId) {
    const viaUmbrella = caller.memberships.find((membership) => membership.tenantId === tenant.umbrellaId);
    if (viaUmbrella) return { role: viaUmbrella.role, via: 'umbrella' };
  }
  return caller.platformAdmin ? { role: 'platform_admin', via: 'platform' } : undefined;
}

/** Resolves who is calling (401 when nobody is) and, for tenant routes, their role in the path's tenant. */
export function authenticate(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: async ({ event }) => {
      const parsed = event.parkpunt!;
      if (parsed.route.access.kind === 'public') return;
      parsed.caller = await loadCaller(subjectOf(event as JwtEvent));
    },
  };
}

/**
 * Applies the route's access policy. Runs after the path is validated and before the body is, so that a caller
 * who may not see a tenant learns nothing about it — not even which input it would accept.
 */
export function authorizeTenant(): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  return {
    before: async ({ event }) => {
      const parsed = event.parkpunt!;
      const { access } = parsed.route;
      const caller = parsed.caller;
      if (access.kind === 'public' || access.kind === 'signedIn') return;
      if (!caller) throw UNAUTHENTICATED();
      if (access.kind === 'platform') {
        if (!caller.platformAdmin) throw new HttpError(403, 'forbidden');
        return;
      }
      const tenantId = parsed.path.tenantId;
      if (typeof tenantId !== 'string') throw new Error(`tenant route without {tenantId}: ${parsed.route.path}`);
      // Someone with no membership here, no umbrella role and no platform role can have no relationship at all:
      // answer before touching the store (in AWS that would also cost an STS session per made-up tenant id).
      const couldRelate = caller.platformAdmin || caller.memberships.some((m) => m.tenantId === tenantId || m.tenantKind === 'umbrella');
      if (!couldRelate) throw new HttpError(404, 'not_found');
      const tenant = await loadTenant(tenantId, access.tenantKind === 'any' ? undefined : access.tenantKind);
      const relation = effectiveRole(caller, tenant);
      if (!relation) throw new HttpError(404, 'not_found');
      const allowed = access.roles.includes(relation.role) && (relation.via !== 'umbrella' || access.viaUmbrella !== false);
      if (!allowed) throw new HttpError(403, 'forbidden');
      if (relation.via === 'umbrella' && access.umbrellaGrant && !(await hasGrant(tenant.id, access.umbrellaGrant))) {
        throw new HttpError(403, 'forbidden');
      }
      parsed.tenant = tenant;
      parsed.role = relation.role;
    },
  };
}
