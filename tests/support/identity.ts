import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { createJwtVerifier } from '../../scripts/local/oidc/verifier';
import type { Role, Tenant, TenantRole } from '../../shared/index';
import { membershipItems, platformAdminItem, profileItem } from '../../functions/identity/items';
import type { GatewayAuth } from '../../scripts/local/gateway';

export const TEST_ISSUER = 'https://idp.parkpunt.test';
export const TEST_CLIENT_ID = 'parkpunt-test-client';

/** A test identity provider: real RS256 tokens, verified by the gateway the way API Gateway's authorizer does. */
export async function createTestIdentityProvider() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const sign = (payload: JWTPayload, options: { key?: CryptoKey; expiresIn?: string | number; issuer?: string; clientId?: string } = {}) =>
    new SignJWT({ client_id: options.clientId ?? TEST_CLIENT_ID, scope: 'openid email profile', ...payload })
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? privateKey);

  // The gateway's real verifier (the one `npm start` uses), fed with this provider's public key.
  const auth: GatewayAuth = createJwtVerifier({
    issuer: TEST_ISSUER,
    audience: [TEST_CLIENT_ID],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
  });
  return {
    auth,
    tokenFor: (sub: string) => sign({ sub }),
    sign,
    forgedKey: other.privateKey,
    publicJwk: () => exportJWK(publicKey),
  };
}

/** A role per tenant; a company contact's third element is the company of that tenant's register they speak for. */
export type Person = { sub: string; email: string; name: string; platformAdmin?: boolean; roles: [Tenant, TenantRole, companyId?: string][] };

export function personItems(person: Person): Record<string, unknown>[] {
  const createdAt = new Date().toISOString();
  const profile = { userId: person.sub, email: person.email, name: person.name };
  return [
    profileItem(profile, createdAt),
    ...(person.platformAdmin ? [platformAdminItem(person.sub, createdAt)] : []),
    ...person.roles.flatMap(([tenant, role, companyId]) => membershipItems(profile, tenant, role, createdAt, companyId)),
  ];
}

export type { Role };
