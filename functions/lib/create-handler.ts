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
import { validateInput, validatePath } from './middleware/validate-request';
import { authenticate, authorizeTenant } from './middleware/authorize';

/**
 * Builds the Lambda handler of one bounded context: the same export runs in AWS and behind the local gateway.
 * Middleware order matters: errors are caught last and the logger wraps everything; who calls and whether they
 * may see the tenant are settled before the body is even parsed, so strangers learn nothing from error details.
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
    .use(authenticate())
    .use(validatePath())
    .use(authorizeTenant())
    .use(parseJsonBody())
    .use(validateInput())
    .use(jsonResponse())
    .handler(async (event) => {
      const parsed = event.parkpunt!;
      return (await table[parsed.route.operationId]!(parsed)) as unknown as ParkpuntResult;
    });
}
