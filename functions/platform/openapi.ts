import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponseSchema } from '../../shared/index';
import { routes, type RouteDefinition } from '../routes';
import { MAX_BODY_BYTES } from '../lib/middleware/parse-json-body';

const standardErrors: Record<number, string> = {
  413: `Body larger than ${MAX_BODY_BYTES} bytes`,
  415: 'Body is not JSON',
  503: 'The data store is temporarily unavailable; retry after the Retry-After header',
};

/** A response schema may name its own media type (`contentMediaType`, e.g. the CSV export's `text/csv`); JSON otherwise. */
function mediaTypeOf(schema: z.ZodType): string {
  const mediaType = z.globalRegistry.get(schema)?.contentMediaType;
  return typeof mediaType === 'string' ? mediaType : 'application/json';
}

function operationOf(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: Record<string, NonNullable<ZodOpenApiOperationObject['responses']>[keyof NonNullable<ZodOpenApiOperationObject['responses']>]> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const schema = response.schema ?? (Number(status) >= 400 ? errorResponseSchema : undefined);
    responses[status] = {
      description: response.description,
      ...(schema ? { content: { [mediaTypeOf(schema)]: { schema } } } : {}),
    };
  }
  const hasBody = Boolean(route.request?.body);
  for (const [status, description] of Object.entries(standardErrors)) {
    if (hasBody || status === '503') responses[status] ??= { description, content: { 'application/json': { schema: errorResponseSchema } } };
  }
  if (route.access.kind !== 'public') {
    responses['401'] ??= { description: 'Missing or invalid bearer token', headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } };
  }
  return {
    operationId: route.operationId,
    ...(route.access.kind === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    summary: route.summary,
    tags: [route.context],
    ...(route.request?.path || route.request?.query
      ? { requestParams: { ...(route.request.path ? { path: route.request.path } : {}), ...(route.request.query ? { query: route.request.query } : {}) } }
      : {}),
    ...(route.idempotent
      ? { parameters: [{ in: 'header', name: 'Idempotency-Key', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' }, description: 'Repeat the same key to retry safely' }] }
      : {}),
    ...(hasBody ? { requestBody: { required: true, content: { 'application/json': { schema: route.request!.body! } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas, so docs cannot drift. */
export function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes as readonly RouteDefinition[]) {
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operationOf(route);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Parkpunt API',
      version: '0.1.0',
      description: 'The API of Parkpunt, the workspace for business-park associations and their umbrella organisations.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OpenID Connect access token (Cognito in AWS, the local provider locally)' },
      },
    },
  });
}
