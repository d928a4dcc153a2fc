/**
 * Sign-in with OpenID Connect (authorization code + PKCE) through `oidc-client-ts`, with the same code for the
 * local OIDC provider (`/oidc` on the same origin) and for Amazon Cognito in AWS. What differs per environment
 * comes from `/config.json` at run time, so one build runs everywhere.
 *
 * Tokens live in sessionStorage (the library's default user store): they are gone when the tab closes and are
 * never sent anywhere but the API (`api.ts` adds them as a bearer token).
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

export type RuntimeConfig = {
  oidc: {
    authority: string;
    clientId: string;
    scope: string;
    redirectPath: string;
    postLogoutRedirectPath: string;
  };
  /** True when the product runs on one machine (demo accounts, no passwords). */
  localMode: boolean;
};

export type AuthStatus = 'loading' | 'signedOut' | 'signedIn' | 'error';

/** Stored in the OIDC `state` parameter, so the return path survives the round trip to the provider. */
type SignInState = { returnTo?: string };

const CALLBACK_PATH_FALLBACK = '/auth/callback';
/** When the app last sent the browser to the provider on its own (a 401, a protected page): the loop guard. */
const AUTO_SIGN_IN_KEY = 'parkpunt.auth.autoSignInAt';
const AUTO_SIGN_IN_PAUSE_MS = 60_000;

let configPromise: Promise<RuntimeConfig> | null = null;
let managerPromise: Promise<UserManager> | null = null;
/** Set while the browser is on its way to the provider: further calls wait for the same navigation. */
let redirecting: Promise<never> | null = null;

class AuthState {
  status = $state<AuthStatus>('loading');
  user = $state<User | null>(null);
  config = $state<RuntimeConfig | null>(null);
  error = $state<unknown>(null);
  /** Signing out: the browser is on its way to the provider's end-session page (no new sign-in meanwhile). */
  signingOut = $state(false);
}

const state = new AuthState();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks the shape of `/config.json`, so that a broken deployment says so instead of failing somewhere later. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const oidc = isRecord(value) ? value.oidc : undefined;
  const text = (key: string) => (isRecord(oidc) && typeof oidc[key] === 'string' ? (oidc[key] as string) : '');
  const authority = text('authority');
  const clientId = text('clientId');
  if (!authority || !clientId) throw new Error('config.json: oidc.authority and oidc.clientId are required');
  return {
    oidc: {
      authority,
      clientId,
      scope: text('scope') || 'openid email profile',
      redirectPath: text('redirectPath') || CALLBACK_PATH_FALLBACK,
      postLogoutRedirectPath: text('postLogoutRedirectPath') || '/',
    },
    localMode: isRecord(value) && value.localMode === true,
  };
}

/** Loads `/config.json` once per page load (a failed load may be retried). */
export function loadConfig(): Promise<RuntimeConfig> {
  configPromise ??= (async () => {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    return parseRuntimeConfig(await response.json());
  })();
  configPromise.catch(() => {
    configPromise = null;
  });
  return configPromise;
}

function userManager(): Promise<UserManager> {
  managerPromise ??= loadConfig().then((config) => {
    const origin = window.location.origin;
    const manager = new UserManager({
      authority: config.oidc.authority,
      client_id: config.oidc.clientId,
      redirect_uri: origin + config.oidc.redirectPath,
      post_logout_redirect_uri: origin + config.oidc.postLogoutRedirectPath,
      response_type: 'code', // authorization code; oidc-client-ts always adds PKCE (S256)
      scope: config.oidc.scope,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      // Renewal through a hidden iframe would need the provider inside a frame (blocked by the CSP and by
      // Cognito): the access token is only renewed when the provider handed out a refresh token (see below).
      automaticSilentRenew: false,
      loadUserInfo: false,
      monitorSession: false,
    });
    manager.events.addUserLoaded((user) => {
      state.user = user;
      state.status = 'signedIn';
    });
    manager.events.addUserUnloaded(() => {
      state.user = null;
      state.status = 'signedOut';
    });
    return manager;
  });
  managerPromise.catch(() => {
    managerPromise = null;
  });
  return managerPromise;
}

function enableRenewal(manager: UserManager, user: User) {
  if (user.refresh_token) manager.startSilentRenew();
}

/**
 * Reads the stored session, if any. An expired access token is renewed with the refresh token when there is
 * one; otherwise the session is dropped and the person signs in again.
 */
export async function initAuth(): Promise<void> {
  if (state.status === 'signedIn') return;
  state.status = 'loading';
  state.error = null;
  try {
    state.config = await loadConfig();
    const manager = await userManager();
    let user = await manager.getUser();
    if (user?.expired) user = await renew(manager, user);
    state.user = user;
    state.status = user ? 'signedIn' : 'signedOut';
    if (user) enableRenewal(manager, user);
  } catch (error) {
    state.error = error;
    state.status = 'error';
  }
}

async function renew(manager: UserManager, user: User): Promise<User | null> {
  if (!user.refresh_token) {
    await manager.removeUser();
    return null;
  }
  try {
    return await manager.signinSilent();
  } catch {
    await manager.removeUser();
    return null;
  }
}

/** A path of this app (never another site, never the callback itself), else `/`. */
export function safeReturnPath(value: unknown, callbackPath = CALLBACK_PATH_FALLBACK): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  try {
    const url = new URL(value, 'http://parkpunt.invalid');
    if (url.origin !== 'http://parkpunt.invalid' || url.pathname === callbackPath) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** The current page as a return path. */
export function currentPath(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

/** Sends the browser to the provider's sign-in page; after signing in the person lands on `returnTo`. */
export function signIn(returnTo: string = currentPath()): Promise<never> {
  redirecting ??= (async () => {
    const manager = await userManager();
    const config = await loadConfig();
    const target: SignInState = { returnTo: safeReturnPath(returnTo, config.oidc.redirectPath) };
    await manager.signinRedirect({ state: target });
    // oidc-client-ts resolves only if the navigation was cancelled; the page is leaving in any other case.
    return new Promise<never>(() => undefined);
  })();
  redirecting.catch((error: unknown) => {
    redirecting = null;
    state.error = error;
    state.status = 'error';
  });
  return redirecting;
}

function readTimestamp(key: string): number {
  try {
    return Number(sessionStorage.getItem(key) ?? 0);
  } catch {
    return 0;
  }
}

function writeTimestamp(key: string): void {
  try {
    sessionStorage.setItem(key, String(Date.now()));
  } catch {
    // storage blocked: without the guard a loop is still cut off by the provider's own session
  }
}

/**
 * Signs in again without being asked to (the API refused the token: expired, revoked, or from another
 * deployment). At most once a minute, so that a token the API keeps refusing can never bounce the browser between
 * the app and the provider: then this returns `false` and the caller shows the error instead.
 */
export async function signInAgain(returnTo: string = currentPath()): Promise<boolean> {
  if (redirecting) return redirecting;
  if (Date.now() - readTimestamp(AUTO_SIGN_IN_KEY) < AUTO_SIGN_IN_PAUSE_MS) return false;
  writeTimestamp(AUTO_SIGN_IN_KEY);
  const manager = await userManager();
  await manager.removeUser();
  return signIn(returnTo);
}

/** Completes sign-in on the callback page; returns the path to continue on. */
export async function completeSignIn(url: string = window.location.href): Promise<string> {
  let manager: UserManager;
  let config: RuntimeConfig;
  try {
    config = await loadConfig();
    manager = await userManager();
  } catch (error) {
    state.error = error;
    state.status = 'error';
    throw error;
  }
  state.config = config;
  try {
    const user = await manager.signinRedirectCallback(url);
    state.user = user;
    state.status = 'signedIn';
    state.error = null;
    enableRenewal(manager, user);
    void manager.clearStaleState();
    return safeReturnPath((user.state as SignInState | undefined)?.returnTo, config.oidc.redirectPath);
  } catch (error) {
    // A failed callback leaves whatever session there was (none, usually): the pages know where they stand.
    const user = await manager.getUser().catch(() => null);
    state.user = user && !user.expired ? user : null;
    state.status = state.user ? 'signedIn' : 'signedOut';
    throw error;
  }
}

/** The access token for the API, renewed first when it has expired and can be renewed; `null` when signed out. */
export async function accessToken(): Promise<string | null> {
  if (state.status === 'loading' || state.status === 'error') await initAuth().catch(() => undefined);
  const manager = await userManager();
  let user = await manager.getUser();
  if (user?.expired) {
    user = await renew(manager, user);
    state.user = user;
    if (!user) state.status = 'signedOut';
  }
  return user?.access_token ?? null;
}

/**
 * Ends the session here and at the provider, then lands on the signed-out start page. Cognito's logout
 * endpoint is not RP-initiated logout: it wants `client_id` and `logout_uri` instead of the standard parameters.
 */
export async function signOut(): Promise<void> {
  state.signingOut = true;
  try {
    await leave();
  } catch (error) {
    state.signingOut = false;
    throw error;
  }
}

async function leave(): Promise<void> {
  const manager = await userManager();
  const config = await loadConfig();
  const user = await manager.getUser();
  const postLogout = window.location.origin + config.oidc.postLogoutRedirectPath;

  let endSession: string | undefined;
  try {
    endSession = await manager.metadataService.getEndSessionEndpoint();
  } catch {
    endSession = undefined;
  }

  if (endSession && isCognito(config.oidc.authority)) {
    await manager.removeUser();
    const url = new URL(endSession);
    url.searchParams.set('client_id', config.oidc.clientId);
    url.searchParams.set('logout_uri', postLogout);
    window.location.assign(url.href);
    return;
  }
  if (endSession) {
    await manager.signoutRedirect({ id_token_hint: user?.id_token, post_logout_redirect_uri: postLogout });
    return;
  }
  // A provider without an end-session endpoint: forget the tokens here, which is all that can be done.
  await manager.removeUser();
  window.location.assign(postLogout);
}

function isCognito(authority: string): boolean {
  try {
    return /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/.test(new URL(authority).hostname);
  } catch {
    return false;
  }
}

/** The sign-in state for components (runes): `auth.status`, `auth.user`, `auth.config`, `auth.error`. */
export const auth = {
  get status(): AuthStatus {
    return state.status;
  },
  get user(): User | null {
    return state.user;
  },
  get config(): RuntimeConfig | null {
    return state.config;
  },
  get error(): unknown {
    return state.error;
  },
  get signingOut(): boolean {
    return state.signingOut;
  },
  get localMode(): boolean {
    return state.config?.localMode ?? false;
  },
  /** The callback path from the configuration (`/auth/callback`). */
  get callbackPath(): string {
    return state.config?.oidc.redirectPath ?? CALLBACK_PATH_FALLBACK;
  },
};
