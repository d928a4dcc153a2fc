import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { GatewayAuth, JwtClaims } from '../gateway';

export type JwtVerifierOptions = {
  /** Compared exactly with the token's `iss`. */
  issuer: string;
  /** Like the JWT authorizer's `audience`: a token is accepted when its `aud` or its `client_id` is one of these. */
  audience: string[];
  /** The issuer's public keys, or the URL of its JWKS (e.g. `${issuer}/jwks`). */
  jwks: JSONWebKeySet | URL;
  /** At most 5 seconds. */
  clockToleranceSeconds?: number;
};

/** Asymmetric algorithms only: `none` and HMAC (HS*) tokens never verify. */
const ALGORITHMS = ['RS256', 'ES256'];

/** API Gateway hands claims to the integration as flat values; nested ones (e.g. `cnf`) become JSON text. */
function asClaims(payload: JWTPayload): JwtClaims {
  const claims: JwtClaims = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') claims[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) claims[name] = value;
    else claims[name] = JSON.stringify(value);
  }
  return claims;
}

/**
 * Verifies bearer tokens the way API Gateway's HTTP API JWT authorizer does: signature with the issuer's keys
 * (RS256/ES256), `iss` exactly, `exp` required and not passed (`nbf`/`iat` honoured), and the audience rule — the
 * token's `aud` contains one of `audience`, or its `client_id` claim equals one of them (Cognito access tokens carry
 * `client_id` and no `aud`). Resolves to the token's claims; rejects otherwise.
 */
export function createJwtVerifier({ issuer, audience, jwks, clockToleranceSeconds = 5 }: JwtVerifierOptions): GatewayAuth {
  if (audience.length === 0) throw new Error('createJwtVerifier needs at least one audience');
  const keys = jwks instanceof URL ? createRemoteJWKSet(jwks) : createLocalJWKSet(jwks);
  const accepted = new Set(audience);
  const clockTolerance = Math.min(Math.max(clockToleranceSeconds, 0), 5);
  return {
    async verify(token: string) {
      const { payload } = await jwtVerify(token, keys, { issuer, algorithms: ALGORITHMS, clockTolerance, requiredClaims: ['exp'] });
      const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
      if (!audiences.some((value) => accepted.has(value)) && !(clientId !== undefined && accepted.has(clientId))) {
        throw new Error('token audience / client_id not accepted');
      }
      return asClaims(payload);
    },
  };
}
