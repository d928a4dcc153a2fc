import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_ACCOUNTS, type DemoAccount } from '../demo-accounts';
import type { Mount } from '../gateway';
import { loadOrCreateSigningKeys } from './keys';
import { createMemoryAdapter } from './memory-adapter';
import { PAGE_HEADERS, errorPage, loginPage, logoutPage, signedOutPage } from './pages';

/** The SPA's client: public (no secret), authorization code + PKCE (S256) only, like the Cognito app client. */
export const LOCAL_CLIENT_ID = 'parkpunt-web';
/** The resource (API) the access tokens are for: its `aud`. */
export const API_RESOURCE = 'urn:parkpunt:api';
export const OIDC_SCOPE = 'openid email profile';
export const REDIRECT_PATH = '/auth/callback';
export const POST_LOGOUT_REDIRECT_PATH = '/';
const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
const SESSION_TTL_SECONDS = 12 * 60 * 60;

export type LocalOidcOptions = {
  /** The origin the browser uses for the app, e.g. http://127.0.0.1:3000 (no trailing slash). */
  appOrigin: string;
  /** Defaults to `${appOrigin}/oidc`: same origin as the app (no CORS), mounted under the issuer's path. */
  issuer?: string;
  /** Where the signing key is kept (`oidc-jwks.json`); omitted = generated in memory on every start. */
  dataDir?: string;
  accounts?: readonly DemoAccount[];
  /** Logs unexpected provider errors; defaults to console.error. */
  onError?: (error: unknown) => void;
};

export type LocalOidcProvider = {
  /** Serve this under the gateway's server: every request below `prefix`. */
  mount: Mount;
  issuer: string;
  clientId: string;
  /** The provider's public signing keys (what `${issuer}/jwks` serves), for an offline verifier. */
  jwks: { keys: JWK[] };
  redirectUri: string;
  postLogoutRedirectUri: string;
  provider: Provider;
};

function readForm(request: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Error('form too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, PAGE_HEADERS);
  response.end(html);
}

/**
 * A standards-compliant OpenID Connect provider (panva/oidc-provider) for `npm start`, standing in for Amazon Cognito:
 * the SPA signs in with authorization code + PKCE exactly as it does in AWS. Access tokens are RS256 JWTs for the
 * resource `urn:parkpunt:api`, carrying `sub`, `client_id`, `scope`, `iss`, `exp`, so the local gateway verifies them
 * offline the way API Gateway's JWT authorizer does. The sign-in page lists the demo accounts (no password).
 * Sessions, codes and grants live in memory: they end when `npm start` stops.
 */
export async function createLocalOidcProvider(options: LocalOidcOptions): Promise<LocalOidcProvider> {
  const appOrigin = new URL(options.appOrigin).origin;
  const issuer = options.issuer ?? `${appOrigin}/oidc`;
  const issuerUrl = new URL(issuer);
  if (issuerUrl.origin !== appOrigin) throw new Error(`The local issuer (${issuer}) must be on the app's origin (${appOrigin}).`);
  const prefix = issuerUrl.pathname.replace(/\/$/, '');
  if (!prefix) throw new Error('The local issuer needs a path (e.g. /oidc) so that it can share the app’s origin.');
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const onError = options.onError ?? ((error: unknown) => console.error('[oidc] provider error:', error));
  const redirectUri = `${appOrigin}${REDIRECT_PATH}`;
  const postLogoutRedirectUri = `${appOrigin}${POST_LOGOUT_REDIRECT_PATH}`;
  const keys = await loadOrCreateSigningKeys(options.dataDir);

  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: 'Parkpunt',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        scope: OIDC_SCOPE,
      },
    ],
    jwks: keys.privateJwks as Configuration['jwks'],
    cookies: {
      // Random per start: the sessions they point to are in memory and end with the process anyway.
      keys: [randomBytes(32).toString('base64url')],
      // The session cookie stays under the issuer's path, so the API (/api/*) never receives it.
      long: { httpOnly: true, sameSite: 'lax', path: prefix },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Cognito puts email and name in the ID token too; the access token is for the API, not for userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    pkce: { required: () => true },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    async findAccount(_ctx, sub) {
      const account = accounts.find((candidate) => candidate.sub === sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        async claims() {
          return { sub: account.sub, email: account.email, email_verified: true, name: account.name };
        },
      };
    },
    // Cognito issues a refresh token with every code exchange; no `offline_access` scope needed.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      RefreshToken: SESSION_TTL_SECONDS,
      Interaction: 10 * 60,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
    },
    features: {
      devInteractions: { enabled: false },
      // Not offered by Cognito either: keep the local flow the same as in AWS.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage({ form, host: ctx.host });
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = signedOutPage({ appUrl: postLogoutRedirectUri });
        },
      },
      resourceIndicators: {
        enabled: true,
        // Every request is for the API unless it names it explicitly: the access token is then a JWT for it.
        defaultResource: (_ctx, _client, oneOf) => (oneOf ? (oneOf.includes(API_RESOURCE) ? API_RESOURCE : oneOf) : API_RESOURCE),
        // At the token endpoint, without a `resource` parameter, use the one granted (and not a userinfo token).
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return { scope: OIDC_SCOPE, audience: API_RESOURCE, accessTokenFormat: 'jwt', accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage({ appUrl: postLogoutRedirectUri, details: { ...out } });
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx: unknown, error: unknown) => onError(error));
  // The gateway's CSP covers only app pages: every /oidc response gets its own (oidc-provider adds the hash of
  // the one inline script it may emit, the form_post page, to `script-src`).
  provider.use(async (ctx, next) => {
    for (const [name, value] of Object.entries(PAGE_HEADERS)) if (name !== 'content-type' && name !== 'cache-control') ctx.set(name, value);
    await next();
  });
  const callback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, action: 'show' | 'login' | 'abort') {
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(request, response);
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
      return sendHtml(response, 400, errorPage({ appUrl: postLogoutRedirectUri, details: {
        error: 'session_not_found',
        error_description: 'De aanmeldsessie is verlopen of onbekend (bv. na een herstart van npm start). · The sign-in session expired or is unknown (e.g. after restarting npm start).',
      } }));
    }
    if (details.uid !== uid) return sendHtml(response, 400, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'invalid_request', error_description: 'interaction mismatch' } }));
    const { prompt, params } = details;
    const clientName = 'Parkpunt';

    if (action === 'abort') {
      if (request.method !== 'POST') return sendHtml(response, 405, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'method_not_allowed' } }));
      return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    }

    if (action === 'login') {
      if (request.method !== 'POST' || prompt.name !== 'login') {
        return sendHtml(response, 400, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'invalid_request', error_description: 'no sign-in expected here' } }));
      }
      const sub = (await readForm(request)).get('sub') ?? '';
      const account = accounts.find((candidate) => candidate.sub === sub);
      if (!account) {
        return sendHtml(response, 400, loginPage({
          accounts, clientName, loginAction: `${prefix}/interaction/${uid}/login`, abortAction: `${prefix}/interaction/${uid}/abort`,
          error: 'Onbekend account. · Unknown account.',
        }));
      }
      return provider.interactionFinished(request, response, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return sendHtml(response, 405, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'method_not_allowed' } }));
    if (prompt.name === 'login') {
      return sendHtml(response, 200, loginPage({ accounts, clientName, loginAction: `${prefix}/interaction/${uid}/login`, abortAction: `${prefix}/interaction/${uid}/abort` }));
    }
    if (prompt.name === 'consent' && params.client_id === LOCAL_CLIENT_ID) {
      // First-party client: consent is granted without asking, as Cognito does for its app clients.
      const { grantId, session } = details;
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session?.accountId, clientId: LOCAL_CLIENT_ID });
      if (!grant) throw new Error('grant not found');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      return provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    return sendHtml(response, 400, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'interaction_required', error_description: `unsupported prompt ${prompt.name}` } }));
  }

  const interactionRoute = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;
  const mount: Mount = {
    prefix,
    handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://local');
      // oidc-provider routes on the path below the mount (strip the prefix, as express' `app.use('/oidc', …)` does)
      // and builds its endpoint URLs (discovery, redirects, form actions) from `req.originalUrl` or `req.baseUrl`,
      // NOT from the issuer's path: without `baseUrl` the discovery document would point at /auth, /token …
      const path = url.pathname.slice(prefix.length) || '/';
      const matched = interactionRoute.exec(path);
      if (matched) {
        interaction(request, response, matched[1]!, (matched[2] as 'login' | 'abort' | undefined) ?? 'show').catch((error: unknown) => {
          onError(error);
          if (!response.headersSent) sendHtml(response, 500, errorPage({ appUrl: postLogoutRedirectUri, details: { error: 'server_error' } }));
          else response.end();
        });
        return;
      }
      request.url = `${path}${url.search}`;
      (request as IncomingMessage & { baseUrl?: string }).baseUrl = prefix;
      void callback(request, response);
    },
  };

  return { mount, issuer, clientId: LOCAL_CLIENT_ID, jwks: keys.publicJwks, redirectUri, postLogoutRedirectUri, provider };
}
