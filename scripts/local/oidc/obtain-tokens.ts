import { createHash, randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, demoAccountByEmail } from '../demo-accounts';

/**
 * Signs a demo account in WITHOUT a browser, through the real authorization-code + PKCE flow of the local provider
 * (`npm start` only): authorization request → sign-in page → pick the account → redirect with `code` → token
 * request with the `code_verifier`. Used by `npm run token` and by tests.
 */

export class TokenFlowError extends Error {
  override name = 'TokenFlowError';
}

export type TokenResponse = {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope?: string;
};

type RuntimeConfig = {
  localMode?: boolean;
  oidc?: { authority: string; clientId: string; scope: string; redirectPath: string; postLogoutRedirectPath?: string };
};

type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  code_challenge_methods_supported?: string[];
};

export type LocalOidcSettings = {
  appUrl: string;
  issuer: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  discovery: Discovery;
};

/** A cookie jar just big enough for sign-ins against one origin (paths are not tracked). */
export class CookieJar {
  #cookies = new Map<string, string>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=.*1970/i.test(attribute) || /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string | undefined {
    return this.#cookies.size ? [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
  }
}

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual' });
  } catch (error) {
    const origin = new URL(url).origin;
    throw new TokenFlowError(`Nothing answers at ${origin}. Start Parkpunt with \`npm start\` first (or set PARKPUNT_URL). (${(error as Error).cause ?? error})`);
  }
}

/** Reads the local app's runtime config and its provider's discovery document; refuses anything but local mode. */
export async function localOidcSettings(appUrl: string): Promise<LocalOidcSettings> {
  const base = appUrl.replace(/\/+$/, '');
  const configResponse = await request(`${base}/config.json`);
  const config = (configResponse.ok ? await configResponse.json().catch(() => undefined) : undefined) as RuntimeConfig | undefined;
  if (!config?.oidc?.authority) throw new TokenFlowError(`${base} does not look like Parkpunt (no OpenID Connect settings at /config.json).`);
  if (config.localMode !== true) {
    throw new TokenFlowError(`${base} is not running in local mode: tokens for demo accounts exist only with \`npm start\` (sign in through the app instead).`);
  }
  const issuer = config.oidc.authority.replace(/\/+$/, '');
  const discoveryResponse = await request(`${issuer}/.well-known/openid-configuration`);
  if (!discoveryResponse.ok) throw new TokenFlowError(`No OpenID Connect discovery document at ${issuer} (HTTP ${discoveryResponse.status}).`);
  const discovery = (await discoveryResponse.json()) as Discovery;
  if (discovery.issuer !== issuer) throw new TokenFlowError(`The discovery document names issuer ${discovery.issuer}, expected ${issuer}.`);
  return {
    appUrl: base,
    issuer,
    clientId: config.oidc.clientId,
    scope: config.oidc.scope,
    redirectUri: new URL(config.oidc.redirectPath, `${base}/`).href,
    discovery,
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function findAccount(email: string) {
  const account = demoAccountByEmail(email);
  if (!account) {
    throw new TokenFlowError(`${email} is not a demo account. Demo accounts:\n${DEMO_ACCOUNTS.map((candidate) => `  ${candidate.email}  (${candidate.description.en})`).join('\n')}`);
  }
  return account;
}

export type AuthorizationResult = { code: string; redirectUri: string; settings: LocalOidcSettings; callbackUrl: URL; jar: CookieJar };

/**
 * Runs the front-channel half of the flow for a demo account and returns the authorization `code`.
 * `extraParams` (e.g. to leave out or alter the PKCE challenge) are merged into the authorization request.
 */
export async function obtainAuthorizationCode(
  appUrl: string,
  email: string,
  {
    codeChallenge,
    extraParams = {},
    jar = new CookieJar(),
  }: { codeChallenge?: string; extraParams?: Record<string, string | undefined>; jar?: CookieJar } = {},
): Promise<AuthorizationResult> {
  const account = findAccount(email);
  const settings = await localOidcSettings(appUrl);
  const state = randomBytes(16).toString('base64url');
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: codeChallenge,
    code_challenge_method: codeChallenge ? 'S256' : undefined,
    // Always show the account list, so an earlier sign-in in this jar cannot pick the account.
    prompt: 'login',
    ...extraParams,
  };
  const authorization = new URL(settings.discovery.authorization_endpoint);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) authorization.searchParams.set(name, value);

  let url = authorization.href;
  let init: RequestInit = {};
  let signedIn = false;
  for (let hop = 0; hop < 20; hop += 1) {
    const cookie = jar.header();
    const response = await request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    jar.store(response);
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(settings.redirectUri)) {
        const error = next.searchParams.get('error');
        if (error) throw new TokenFlowError(`The provider refused the sign-in: ${error}${next.searchParams.has('error_description') ? ` (${next.searchParams.get('error_description')})` : ''}`);
        if (next.searchParams.get('state') !== state) throw new TokenFlowError('The provider answered with another state.');
        const code = next.searchParams.get('code');
        if (!code) throw new TokenFlowError('The provider redirected back without a code.');
        return { code, redirectUri: settings.redirectUri, settings, callbackUrl: next, jar };
      }
      if (next.origin !== new URL(settings.issuer).origin) throw new TokenFlowError(`Unexpected redirect to ${next.href}.`);
      url = next.href;
      continue;
    }
    const body = await response.text();
    if (response.status === 200 && !signedIn && /\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
      // The sign-in page: choose the account the way its button does.
      if (!body.includes(`value="${account.sub}"`)) throw new TokenFlowError(`The sign-in page at ${url} does not offer ${email}.`);
      signedIn = true;
      url = `${url}/login`;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ sub: account.sub }).toString() };
      continue;
    }
    throw new TokenFlowError(`Unexpected answer from ${url}: HTTP ${response.status}${body ? `\n${body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 400)}` : ''}`);
  }
  throw new TokenFlowError('Too many redirects during sign-in.');
}

/** Exchanges a code at the token endpoint (public client: no secret, the PKCE verifier instead). */
export async function exchangeCode(settings: LocalOidcSettings, code: string, codeVerifier: string | undefined): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: settings.redirectUri, client_id: settings.clientId });
  if (codeVerifier !== undefined) body.set('code_verifier', codeVerifier);
  return request(settings.discovery.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
}

/** The whole flow for a demo account: the token response (access token, ID token, refresh token). */
export async function obtainTokens(appUrl: string, email: string): Promise<TokenResponse> {
  const { verifier, challenge } = pkcePair();
  const { code, settings } = await obtainAuthorizationCode(appUrl, email, { codeChallenge: challenge });
  const response = await exchangeCode(settings, code, verifier);
  const tokens = (await response.json().catch(() => ({}))) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok || !tokens.access_token) {
    throw new TokenFlowError(`The token endpoint refused the code: ${tokens.error ?? response.status}${tokens.error_description ? ` (${tokens.error_description})` : ''}`);
  }
  return tokens;
}
