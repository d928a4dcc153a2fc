import type { MiddlewareObj } from '@middy/core';
import { pickLocale } from '../../../shared/messages';
import type { RouteDefinition } from '../../routes';
import { routeKey } from '../../routes';
import { HttpError } from '../errors';
import type { ParkpuntEvent, ParkpuntResult } from '../http';

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined) {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Finds the route-table entry for API Gateway's routeKey and starts the parsed request. */
export function resolveRoute(routes: RouteDefinition[]): MiddlewareObj<ParkpuntEvent, ParkpuntResult> {
  const byKey = new Map(routes.map((route) => [routeKey(route), route]));
  return {
    before: (request) => {
      const { event, context } = request;
      const headers = lowerCaseHeaders(event.headers);
      const requestId = event.requestContext?.requestId ?? context.awsRequestId;
      const locale = pickLocale(headers['accept-language']);
      const route = byKey.get(event.routeKey);
      // Keep the locale and id even for unknown routes so the 404 is answered in the caller's language.
      event.parkpunt = { route: route as RouteDefinition, locale, requestId, path: {}, query: {}, body: undefined, headers };
      if (!route) throw new HttpError(404, 'not_found');
    },
  };
}
