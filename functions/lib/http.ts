import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Locale } from '../../shared/messages';
import type { Role, Tenant } from '../../shared/index';
import type { Caller } from '../identity/store';
import type { Actor } from './audit';
import type { ContextName, Route, RouteDefinition } from '../routes';

/** What a route's operation returns; the json-response middleware turns it into an API Gateway result. */
export type HttpResult = { statusCode: number; body?: unknown; headers?: Record<string, string> };

export type ParsedRequest = {
  route: RouteDefinition;
  locale: Locale;
  requestId: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string | undefined>;
  /** Set for every route but public ones: who calls, with all their memberships. */
  caller?: Caller;
  /** Set for tenant routes: the tenant in the path and the caller's effective role there. */
  tenant?: Tenant;
  role?: Role;
};

/** The event as it travels through the middleware chain: API Gateway's event plus what the chain parsed. */
export type ParkpuntEvent = APIGatewayProxyEventV2 & { parkpunt?: ParsedRequest };
export type ParkpuntResult = APIGatewayProxyStructuredResultV2;

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type RequestSchemas<R> = R extends { request: infer Q } ? Q : object;

type AccessOf<R> = R extends { access: infer A } ? A : never;
type AccessContext<R> = AccessOf<R> extends { kind: 'public' }
  ? object
  : AccessOf<R> extends { kind: 'tenant' }
    ? { caller: Caller; tenant: Tenant; role: Role }
    : { caller: Caller };

export type RequestFor<R extends Route> = Omit<ParsedRequest, 'path' | 'query' | 'body' | 'caller' | 'tenant' | 'role'> & AccessContext<R> & {
  path: Out<RequestSchemas<R> extends { path: infer S } ? S : undefined>;
  query: Out<RequestSchemas<R> extends { query: infer S } ? S : undefined>;
  body: RequestSchemas<R> extends { body: infer S } ? (S extends z.ZodType ? z.output<S> : undefined) : undefined;
};

/** Every operation of a context, typed from the route table, so a missing or misspelt one does not compile. */
export type Operations<C extends ContextName> = {
  [R in Extract<Route, { context: C }> as R['operationId']]: (request: RequestFor<R>) => Promise<HttpResult>;
};

/** The actor of a write: the verified caller and this request, stamped once so every row of it agrees. */
export function actorOf(request: { caller: { userId: string; name?: string; email?: string }; requestId: string }): Actor {
  const name = request.caller.name ?? request.caller.email;
  return { userId: request.caller.userId, requestId: request.requestId, now: new Date().toISOString(), ...(name ? { name } : {}) };
}
