import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { routesOf, type ContextName } from '../routes';
import type { HttpResult, Operations, ParkpuntEvent, ParkpuntResult } from './http';
import { createLogger } from './logger';
import { errorHandler } from './middleware/error-handler';
import { jsonResponse } from './middleware/json-response';
import { parseJsonBody } from './middleware/parse-json-body';
import { resolveRoute } from './middleware/resolve-route';
import { validateRequest } from './middleware/validate-request';

/**
 * Builds the Lambda handler of one bounded context: the same export runs in AWS and behind the local gateway.
 * Middleware order matters: errors are caught last, the logger wraps everything, parsing precedes validation.
 */
export function createHandler<C extends ContextName>(context: C, operations: Operations<C>) {
  const logger = createLogger(context);
  const routes = routesOf(context);
  const table = operations as unknown as Record<string, (request: unknown) => Promise<HttpResult>>;
  const missing = routes.filter((route) => typeof table[route.operationId] !== 'function');
  if (missing.length > 0) throw new Error(`${context}: no operation for ${missing.map((r) => r.operationId).join(', ')}`);

  return middy<ParkpuntEvent, ParkpuntResult, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorHandler(logger))
    .use({
      before: ({ event }) => {
        logger.setCorrelationId(event.requestContext?.requestId);
        logger.appendKeys({ routeKey: event.routeKey });
      },
    })
    .use(resolveRoute(routes))
    .use(parseJsonBody())
    .use(validateRequest())
    .use(jsonResponse())
    .handler(async (event) => {
      const parsed = event.parkpunt!;
      return (await table[parsed.route.operationId]!(parsed)) as unknown as ParkpuntResult;
    });
}
