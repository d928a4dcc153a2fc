import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routeKey } from '../../functions/routes';
import { matchRoute } from '../../scripts/local/gateway';

/** An API Gateway v2 event for a path of the route table, to call a handler without any server. */
export const UNIT_USER = 'unit-test-user';

/** The event as API Gateway passes it after its JWT authorizer accepted a token for `sub` (default UNIT_USER). */
export function apiEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; sub?: string | null } = {},
): APIGatewayProxyEventV2 {
  const url = new URL(path, 'http://localhost');
  const match = matchRoute(method, url.pathname);
  const key = match ? routeKey(match.compiledRoute.route) : `${method} ${url.pathname}`;
  const query = Object.fromEntries(url.searchParams);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: match && Object.keys(match.params).length ? match.params : undefined,
    requestContext: {
      accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-test', routeKey: key, stage: '$default', time: new Date().toISOString(), timeEpoch: Date.now(),
      ...(options.sub === null ? {} : { authorizer: { jwt: { claims: { sub: options.sub ?? UNIT_USER, client_id: 'parkpunt-web', scope: 'openid email profile' }, scopes: ['openid', 'email', 'profile'] } } }),
    },
    body: options.body,
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  awsRequestId: 'aws-req-test',
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
