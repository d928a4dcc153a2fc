import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp, type LocalApp } from '../../scripts/local/app';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';
import { JWKS_FILE } from '../../scripts/local/oidc/keys';
import {
  CookieJar,
  TokenFlowError,
  exchangeCode,
  localOidcSettings,
  obtainAuthorizationCode,
  obtainTokens,
  pkcePair,
} from '../../scripts/local/oidc/obtain-tokens';
import { API_RESOURCE, LOCAL_CLIENT_ID, createLocalOidcProvider } from '../../scripts/local/oidc/provider';
import { createJwtVerifier } from '../../scripts/local/oidc/verifier';

const lotte = DEMO_ACCOUNTS.find((account) => account.email === 'lotte.lenaerts@c-valley.test')!;
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parkpunt-oidc-'));
  tempDirs.push(dir);
  return dir;
};

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp({ inMemory: true, quiet: true });
});
afterAll(async () => {
  await app?.stop();
  tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The authorization request the SPA sends, as a URL; `params` override or (undefined) remove parameters. */
async function authorizationUrl(params: Record<string, string | undefined> = {}) {
  const settings = await localOidcSettings(app.url);
  const url = new URL(settings.discovery.authorization_endpoint);
  const all: Record<string, string | undefined> = {
    response_type: 'code', client_id: LOCAL_CLIENT_ID, redirect_uri: settings.redirectUri, scope: settings.scope, state: 'st4te',
    code_challenge: pkcePair().challenge, code_challenge_method: 'S256', ...params,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** Follows redirects (with cookies) until a non-redirect or the app's redirect URI. */
async function follow(start: string, jar = new CookieJar(), init: RequestInit = {}): Promise<{ response: Response; url: string; jar: CookieJar }> {
  let url = start;
  for (let hop = 0; hop < 10; hop += 1) {
    const cookie = jar.header();
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    jar.store(response);
    init = {};
    const location = response.headers.get('location');
    if (!location || response.status < 300 || response.status >= 400) return { response, url, jar };
    url = new URL(location, url).href;
    if (url.startsWith(`${app.url}/auth/callback`) || url === `${app.url}/` || url.startsWith(`${app.url}/?`)) return { response, url, jar };
  }
  throw new Error('too many redirects');
}

describe('the local OpenID Connect provider', () => {
  it('publishes a discovery document for code + PKCE (S256) only, on the app’s origin', async () => {
    expect(app.issuer).toBe(`${app.url}/oidc`);
    const response = await fetch(`${app.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = await json(response);
    expect(discovery.issuer).toBe(app.issuer);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint', 'userinfo_endpoint']) {
      expect(discovery[endpoint], endpoint).toMatch(new RegExp(`^${app.issuer}/`));
    }
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.grant_types_supported).not.toContain('implicit');
    expect(discovery.grant_types_supported).toContain('authorization_code');
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(['none']);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));

    const jwks = await json(fetch(discovery.jwks_uri));
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key.kty).toBe('RSA');
      expect(key.d).toBeUndefined();
    }
  });

  it('tells the SPA where to sign in (/config.json, local mode)', async () => {
    const config = await json(fetch(`${app.url}/config.json`));
    expect(config).toEqual({
      oidc: { authority: app.issuer, clientId: 'parkpunt-web', scope: 'openid email profile', redirectPath: '/auth/callback', postLogoutRedirectPath: '/' },
      localMode: true,
    });
  });

  it('issues a JWT access token through code + PKCE that the gateway’s verifier accepts', async () => {
    const tokens = await obtainTokens(app.url, lotte.email);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
    expect(decodeProtectedHeader(tokens.access_token).alg).toBe('RS256');

    const jwks = await json(fetch(`${app.issuer}/jwks`));
    const claims = await createJwtVerifier({ issuer: app.issuer, audience: ['parkpunt-web'], jwks }).verify(tokens.access_token);
    expect(claims).toMatchObject({ sub: lotte.sub, client_id: 'parkpunt-web', iss: app.issuer, scope: 'openid email profile', aud: API_RESOURCE });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    // The remote JWKS works the same way (what API Gateway does).
    const remote = createJwtVerifier({ issuer: app.issuer, audience: ['parkpunt-web'], jwks: new URL(`${app.issuer}/jwks`) });
    expect((await remote.verify(tokens.access_token)).sub).toBe(lotte.sub);

    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken).toMatchObject({ sub: lotte.sub, email: lotte.email, email_verified: true, name: lotte.name, aud: 'parkpunt-web', iss: app.issuer });

    const me = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).not.toBe(401);
  });

  it('refreshes with the refresh token (public client, no secret)', async () => {
    const tokens = await obtainTokens(app.url, lotte.email);
    const settings = await localOidcSettings(app.url);
    const response = await fetch(settings.discovery.token_endpoint, form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: LOCAL_CLIENT_ID }));
    expect(response.status).toBe(200);
    const refreshed = await json(response);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ sub: lotte.sub, client_id: LOCAL_CLIENT_ID, aud: API_RESOURCE, scope: 'openid email profile' });
    // Refresh tokens rotate for a public client; oidc-client-ts sends the scope along.
    const again = await fetch(settings.discovery.token_endpoint, form({ grant_type: 'refresh_token', refresh_token: refreshed.refresh_token, client_id: LOCAL_CLIENT_ID, scope: 'openid email profile' }));
    expect(again.status).toBe(200);
    expect(decodeJwt((await json(again)).access_token)).toMatchObject({ sub: lotte.sub, aud: API_RESOURCE });
    const reused = await fetch(settings.discovery.token_endpoint, form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: LOCAL_CLIENT_ID }));
    expect(reused.status).toBe(400);
  });

  it('lists every demo account on an accessible, script-free sign-in page', async () => {
    const { response, url } = await follow((await authorizationUrl()).href);
    expect(response.status).toBe(200);
    expect(new URL(url).pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain('Lokale aanmeldpagina — alleen voor ontwikkeling');
    for (const account of DEMO_ACCOUNTS) {
      expect(html).toContain(`value="${account.sub}"`);
      expect(html).toContain(account.name);
      expect(html).toContain(account.email);
      expect(html).toContain(account.description.nl);
      expect(html).toContain(account.description.en);
    }
    expect((html.match(/<button class="account" type="submit"/g) ?? []).length).toBe(DEMO_ACCOUNTS.length);
    expect(html).toContain(':focus-visible');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('refuses an authorization request without PKCE, or with the plain method', async () => {
    const settings = await localOidcSettings(app.url);
    for (const params of [{ code_challenge: undefined, code_challenge_method: undefined }, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }]) {
      const response = await fetch(await authorizationUrl(params), { redirect: 'manual' });
      expect(response.status).toBe(303);
      const back = new URL(response.headers.get('location')!);
      expect(back.href.startsWith(settings.redirectUri)).toBe(true);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('code')).toBeNull();
    }
    await expect(obtainAuthorizationCode(app.url, lotte.email, { codeChallenge: undefined })).rejects.toThrow(/invalid_request/);
  });

  it('refuses to exchange a code without the right code_verifier', async () => {
    const { challenge } = pkcePair();
    for (const verifier of [undefined, pkcePair().verifier]) {
      const { code, settings } = await obtainAuthorizationCode(app.url, lotte.email, { codeChallenge: challenge });
      const response = await exchangeCode(settings, code, verifier);
      expect(response.status).toBe(400);
      expect((await json(response)).error).toBe('invalid_grant');
    }
  });

  it('refuses other redirect URIs and unknown clients without redirecting to them', async () => {
    const evil = await fetch(await authorizationUrl({ redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    const unknown = await fetch(await authorizationUrl({ client_id: 'someone-else' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
  });

  it('signs in with no consent screen for the first-party client, and cancelling returns access_denied', async () => {
    const { url, jar } = await follow((await authorizationUrl()).href);
    const cancelled = await follow(`${url}/abort`, jar, form({}));
    expect(new URL(cancelled.url).searchParams.get('error')).toBe('access_denied');

    const unknown = await follow((await authorizationUrl()).href);
    const refused = await follow(`${unknown.url}/login`, unknown.jar, form({ sub: 'not-a-demo-account' }));
    expect(refused.response.status).toBe(400);
  });

  it('signs out through end_session and returns to the post-logout URI; the next sign-in asks again', async () => {
    const { challenge, verifier } = pkcePair();
    const { code, settings, jar } = await obtainAuthorizationCode(app.url, lotte.email, { codeChallenge: challenge });
    const tokens = await json(exchangeCode(settings, code, verifier));

    // Still signed in at the provider: a new request goes straight back with a code.
    const again = await follow((await authorizationUrl()).href, jar);
    expect(new URL(again.url).searchParams.get('code')).toBeTruthy();

    const logout = new URL(settings.discovery.end_session_endpoint!);
    logout.searchParams.set('id_token_hint', tokens.id_token);
    logout.searchParams.set('post_logout_redirect_uri', `${app.url}/`);
    logout.searchParams.set('state', 'bye');
    const page = await follow(logout.href, jar);
    expect(page.response.status).toBe(200);
    const html = await page.response.text();
    expect(html).not.toMatch(/<script/i);
    const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`${app.issuer}/session/end/confirm`);
    const done = await follow(action!, jar, form({ xsrf: xsrf!, logout: 'yes' }));
    expect(done.url).toBe(`${app.url}/?state=bye`);

    const afterwards = await follow((await authorizationUrl()).href, jar);
    expect(afterwards.response.status).toBe(200);
    expect(await afterwards.response.text()).toContain(lotte.email);
  });

  it('refuses token requests for unknown emails and for apps not in local mode', async () => {
    await expect(obtainTokens(app.url, 'nobody@example.com')).rejects.toThrow(/not a demo account/);
    await expect(obtainTokens('http://127.0.0.1:9', lotte.email)).rejects.toBeInstanceOf(TokenFlowError);
  });
});

describe('the gateway with the local provider', () => {
  it('answers public routes without a token', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it('answers 401 with www-authenticate on a non-public route when the token is missing or bad', async () => {
    const forged = await new SignJWT({ client_id: LOCAL_CLIENT_ID, scope: 'openid' })
      .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader((await obtainTokens(app.url, lotte.email)).access_token).kid })
      .setIssuer(app.issuer).setSubject(lotte.sub).setAudience(API_RESOURCE).setIssuedAt().setExpirationTime('1h')
      .sign((await generateKeyPair('RS256')).privateKey);
    const valid = (await obtainTokens(app.url, lotte.email)).access_token;
    const [header, payload, signature] = valid.split('.');
    const tampered = [header, Buffer.from(JSON.stringify({ ...decodeJwt(valid), sub: DEMO_ACCOUNTS[0]!.sub })).toString('base64url'), signature].join('.');
    for (const authorization of [undefined, 'Bearer', 'Bearer not-a-jwt', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${forged}`, `Bearer ${tampered}`]) {
      const response = await fetch(`${app.url}/api/me`, { headers: authorization ? { authorization } : {} });
      expect(response.status, authorization ?? 'no header').toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
});

describe('createJwtVerifier (as API Gateway’s JWT authorizer)', () => {
  const issuer = 'http://127.0.0.1:3999/oidc';
  let privateJwk: JWK;
  let jwks: { keys: JWK[] };
  let kid: string;

  beforeAll(async () => {
    // A provider with a data dir writes its key; the test signs its own tokens with it.
    const dataDir = tempDir();
    const provider = await createLocalOidcProvider({ appOrigin: 'http://127.0.0.1:3999', dataDir });
    privateJwk = JSON.parse(readFileSync(join(dataDir, JWKS_FILE), 'utf8')).keys[0];
    jwks = provider.jwks;
    kid = privateJwk.kid!;
  });

  const sign = async (claims: JWTPayload, { key = privateJwk, headerKid = kid }: { key?: JWK; headerKid?: string } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: headerKid, typ: 'at+jwt' }).sign(await importJWK(key, 'RS256'));
  const now = () => Math.floor(Date.now() / 1000);
  const base = () => ({ iss: issuer, sub: lotte.sub, client_id: LOCAL_CLIENT_ID, aud: API_RESOURCE, scope: 'openid email profile', iat: now(), exp: now() + 3600 });
  const verifier = () => createJwtVerifier({ issuer, audience: ['parkpunt-web'], jwks });

  it('accepts a good token and returns its claims; accepts `aud` or `client_id` matching the audience', async () => {
    expect(await verifier().verify(await sign(base()))).toMatchObject({ sub: lotte.sub, client_id: LOCAL_CLIENT_ID });
    // Cognito-style access token: client_id, no aud.
    const { aud: _aud, ...cognitoStyle } = base();
    expect((await verifier().verify(await sign(cognitoStyle))).sub).toBe(lotte.sub);
    // ID-token style: aud is the client id, no client_id claim.
    const { client_id: _clientId, ...idStyle } = base();
    expect((await verifier().verify(await sign({ ...idStyle, aud: ['other', 'parkpunt-web'] }))).sub).toBe(lotte.sub);
  });

  it('rejects an expired token (beyond 5 s of clock tolerance) and one without exp', async () => {
    await expect(verifier().verify(await sign({ ...base(), iat: now() - 7200, exp: now() - 10 }))).rejects.toThrow();
    expect((await verifier().verify(await sign({ ...base(), exp: now() - 2 }))).sub).toBe(lotte.sub);
    const { exp: _exp, ...noExp } = base();
    await expect(verifier().verify(await sign(noExp))).rejects.toThrow();
  });

  it('rejects a token signed by another key, even with the provider’s kid', async () => {
    const other = await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey);
    await expect(verifier().verify(await sign(base(), { key: other }))).rejects.toThrow();
    await expect(verifier().verify(await sign(base(), { key: other, headerKid: 'unknown' }))).rejects.toThrow();
  });

  it('rejects alg none and HMAC tokens', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(base())}.`;
    await expect(verifier().verify(none)).rejects.toThrow();
    // HS256 keyed with the public key's modulus (the classic algorithm-confusion attempt) and with a plain secret.
    for (const secret of [new TextEncoder().encode(jwks.keys[0]!.n!), new TextEncoder().encode('secret')]) {
      const hmac = await new SignJWT(base()).setProtectedHeader({ alg: 'HS256', kid }).sign(secret);
      await expect(verifier().verify(hmac)).rejects.toThrow();
    }
  });

  it('rejects a token for another audience/client and one from another issuer', async () => {
    await expect(verifier().verify(await sign({ ...base(), client_id: 'someone-else' }))).rejects.toThrow(/audience|client_id/);
    const { client_id: _clientId, ...noClient } = base();
    await expect(verifier().verify(await sign({ ...noClient, aud: 'urn:other:api' }))).rejects.toThrow();
    await expect(verifier().verify(await sign({ ...base(), iss: 'http://127.0.0.1:3999/other' }))).rejects.toThrow();
    await expect(verifier().verify(await sign({ ...base(), iss: `${issuer}/` }))).rejects.toThrow();
  });

  it('keeps the signing key in the data dir across restarts (and only in memory without one)', async () => {
    const dataDir = tempDir();
    const first = await createLocalOidcProvider({ appOrigin: 'http://127.0.0.1:3999', dataDir });
    expect(statSync(join(dataDir, JWKS_FILE)).mode & 0o777).toBe(0o600);
    const second = await createLocalOidcProvider({ appOrigin: 'http://127.0.0.1:3999', dataDir });
    expect(second.jwks).toEqual(first.jwks);
    const inMemory = await createLocalOidcProvider({ appOrigin: 'http://127.0.0.1:3999' });
    expect(inMemory.jwks.keys[0]!.kid).not.toBe(first.jwks.keys[0]!.kid);
  });
});
