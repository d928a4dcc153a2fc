import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { contexts, routeKey, routes, type ContextName, type RouteDefinition } from '../../functions/routes';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit; the handlers enforce a much smaller one themselves. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The headers CloudFront adds in production (see infra/stacks/web-stack.ts), so local pages behave alike. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

type CompiledRoute = { route: RouteDefinition; pattern: RegExp; params: string[] };

function compile(route: RouteDefinition): CompiledRoute {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), params };
}

const compiledRoutes = routes.map((route) => compile(route));

/**
 * Finds the route-table entry for a request, as API Gateway does, with its path parameters. Like API Gateway, the
 * most specific route wins: `/companies/export` before `/companies/{companyId}`, whatever their order in the table.
 */
const bySpecificity = [...compiledRoutes].sort((a, b) => a.params.length - b.params.length);

export function matchRoute(method: string, pathname: string): { compiledRoute: CompiledRoute; params: Record<string, string> } | undefined {
  for (const candidate of bySpecificity) {
    if (candidate.route.method !== method) continue;
    const found = candidate.pattern.exec(pathname);
    if (!found) continue;
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(candidate.params.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
    } catch {
      return undefined; // a malformed %-escape names nothing: API Gateway answers such paths itself
    }
    return { compiledRoute: candidate, params };
  }
  return undefined;
}

/** Loads each context's handler export from the entry file the route table names: the same file CDK bundles. */
async function loadHandlers(): Promise<Record<ContextName, LambdaHandler>> {
  const entries = await Promise.all(
    (Object.keys(contexts) as ContextName[]).map(async (name) => {
      const module = (await import(join(REPO_ROOT, contexts[name].entry))) as { handler: LambdaHandler };
      return [name, module.handler] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ContextName, LambdaHandler>;
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > GATEWAY_MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function joinHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const key of new Set(search.keys())) result[key] = search.getAll(key).join(',');
  return Object.keys(result).length ? result : undefined;
}

/** Builds the API Gateway HTTP API (payload 2.0) event for a matched route. */
export function buildEvent(
  request: IncomingMessage,
  url: URL,
  matched: CompiledRoute,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const now = new Date();
  const headers = joinHeaders(request);
  const isText = body.length === 0 || /json|text|xml|urlencoded/i.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: routeKey(matched.route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: queryParameters(url.searchParams),
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(matched.route),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function lambdaContext(contextName: ContextName, requestId: string): Context {
  const deadline = Date.now() + contexts[contextName].timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `parkpunt-local-${contextName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:parkpunt-local-${contextName}`,
    memoryLimitInMB: String(contexts[contextName].memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/parkpunt-local-${contextName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/** API Gateway answers unmatched routes itself, with this exact body. */
const gatewayNotFound = { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Not Found' }) };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serves the built SPA like CloudFront does: files when they exist, index.html for every other path. */
function serveStatic(webRoot: string, url: URL, response: ServerResponse) {
  const root = resolve(webRoot);
  let decoded = '/';
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    // a malformed %-escape: serve the app shell, like any unknown path
  }
  let file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(`${root}${sep}`)) file = join(root, 'index.html');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The front end is not built yet: run `npm run build:web`.');
    return;
  }
  const immutable = file.includes(`${join(root, '_app', 'immutable')}`);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  createReadStream(file).pipe(response);
}

/** Claims of a verified access token, as API Gateway's JWT authorizer passes them to the integration. */
export type JwtClaims = Record<string, string | number | boolean | string[]>;

export type GatewayAuth = {
  /** Verifies a bearer token like API Gateway's JWT authorizer (signature, issuer, audience/client_id, expiry). */
  verify(token: string): Promise<JwtClaims>;
};

/** Another handler on the same origin, e.g. the local OIDC provider under /oidc. */
export type Mount = { prefix: string; handle(request: IncomingMessage, response: ServerResponse): void };

/** API Gateway's JWT authorizer answers failures itself, before any Lambda runs. */
const unauthorized = {
  statusCode: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="parkpunt"' },
  body: JSON.stringify({ message: 'Unauthorized' }),
};

/** API Gateway passes claims as strings (arrays as "[a b]"); so does the local gateway. */
function claimsAsApiGatewayDoes(claims: JwtClaims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}

async function authorize(auth: GatewayAuth | undefined, request: IncomingMessage): Promise<Record<string, string> | 'unauthorized'> {
  if (!auth) return 'unauthorized';
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return 'unauthorized';
  try {
    return claimsAsApiGatewayDoes(await auth.verify(match[1]!));
  } catch {
    return 'unauthorized';
  }
}

export type Gateway = { server: Server; url: string; close(): Promise<void> };

/**
 * A small stand-in for API Gateway: matches the route table, builds payload-2.0 events and calls the very
 * handler exports that run in Lambda. No route is implemented here.
 */
export type GatewayOptions = {
  port: number;
  host?: string;
  webRoot?: string;
  auth?: GatewayAuth;
  mounts?: Mount[];
  /** Served at /config.json: the SPA's runtime settings (in AWS a file in the site bucket). */
  runtimeConfig?: unknown;
};

export async function startGateway({ port, host = '127.0.0.1', webRoot, auth, mounts = [], runtimeConfig }: GatewayOptions): Promise<Gateway> {
  const handlers = await loadHandlers();

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      const mount = mounts.find((candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`));
      if (mount) return mount.handle(request, response);
      if (url.pathname === '/config.json' && runtimeConfig !== undefined) {
        return send(response, { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' }, body: JSON.stringify(runtimeConfig) });
      }
      if (!url.pathname.startsWith('/api/')) {
        if (webRoot && (request.method === 'GET' || request.method === 'HEAD')) return serveStatic(webRoot, url, response);
        return send(response, gatewayNotFound);
      }
      const match = matchRoute(request.method ?? 'GET', url.pathname);
      if (!match) return send(response, gatewayNotFound);
      const body = await readBody(request);
      if (body === 'too_large') {
        return send(response, { statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) });
      }
      const event = buildEvent(request, url, match.compiledRoute, match.params, body);
      if (match.compiledRoute.route.access.kind !== 'public') {
        // Like the HTTP API's JWT authorizer: every route but the public ones needs a valid bearer token.
        const claims = await authorize(auth, request);
        if (claims === 'unauthorized') return send(response, unauthorized);
        (event as APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } }).requestContext.authorizer = {
          jwt: { claims, scopes: typeof claims.scope === 'string' ? claims.scope.split(' ') : [] },
        };
      }
      const contextName = match.compiledRoute.route.context;
      const result = await handlers[contextName](event, lambdaContext(contextName, event.requestContext.requestId));
      send(response, result);
    } catch (error) {
      // Mirrors API Gateway when an integration crashes: a bare 500, never the error itself.
      console.error('[gateway] handler crashed:', error);
      if (!response.headersSent) send(response, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
