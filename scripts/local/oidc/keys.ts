import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The file, inside the local data folder (`.data/`, git-ignored), that keeps the provider's signing key. */
export const JWKS_FILE = 'oidc-jwks.json';

export type SigningKeys = {
  /** Private JWKs, for oidc-provider's `jwks` option. Never served. */
  privateJwks: { keys: JWK[] };
  /** The public halves, as served at `${issuer}/jwks`: what a verifier (like API Gateway's JWT authorizer) uses. */
  publicJwks: { keys: JWK[] };
};

const PUBLIC_RSA_MEMBERS = ['kty', 'kid', 'alg', 'use', 'n', 'e'] as const;

function publicHalf(jwk: JWK): JWK {
  return Object.fromEntries(PUBLIC_RSA_MEMBERS.filter((name) => jwk[name] !== undefined).map((name) => [name, jwk[name]])) as JWK;
}

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function isUsableKeySet(value: unknown): value is { keys: JWK[] } {
  const keys = (value as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.length > 0 && keys.every((key: JWK) => key?.kty === 'RSA' && typeof key.d === 'string' && typeof key.kid === 'string');
}

/**
 * The provider's RS256 signing key: generated at the first start and kept in `${dataDir}/oidc-jwks.json`, so tokens
 * issued before a restart still verify after it (until they expire). Without `dataDir` (tests) it lives in memory.
 */
export async function loadOrCreateSigningKeys(dataDir?: string): Promise<SigningKeys> {
  const file = dataDir ? join(dataDir, JWKS_FILE) : undefined;
  let privateJwks: { keys: JWK[] } | undefined;
  if (file && existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isUsableKeySet(stored)) throw new Error(`${file} does not hold an RSA signing key; delete it (or run \`npm run reset\`) to get a new one.`);
    privateJwks = stored;
  }
  if (!privateJwks) {
    privateJwks = { keys: [await generateSigningKey()] };
    if (file) {
      mkdirSync(dataDir!, { recursive: true });
      writeFileSync(file, `${JSON.stringify(privateJwks, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  return { privateJwks, publicJwks: { keys: privateJwks.keys.map(publicHalf) } };
}
