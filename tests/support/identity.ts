import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
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

  const auth: GatewayAuth = {
    verify: async (token) => {
      const { payload } = await jwtVerify(token, publicKey, { issuer: TEST_ISSUER, algorithms: ['RS256'] });
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!audiences.includes(TEST_CLIENT_ID) && payload.client_id !== TEST_CLIENT_ID) throw new Error('wrong audience');
      return payload as Record<string, string>;
    },
  };
  return {
    auth,
    tokenFor: (sub: string) => sign({ sub }),
    sign,
    forgedKey: other.privateKey,
    publicJwk: () => exportJWK(publicKey),
  };
}

export type Person = { sub: string; email: string; name: string; platformAdmin?: boolean; roles: [Tenant, TenantRole][] };

export function personItems(person: Person): Record<string, unknown>[] {
  const createdAt = new Date().toISOString();
  const profile = { userId: person.sub, email: person.email, name: person.name };
  return [
    profileItem(profile, createdAt),
    ...(person.platformAdmin ? [platformAdminItem(person.sub, createdAt)] : []),
    ...person.roles.flatMap(([tenant, role]) => membershipItems(profile, tenant, role, createdAt)),
  ];
}

export type { Role };
