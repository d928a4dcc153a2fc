import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';
import { buildOpenApiDocument } from './openapi';

let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

const operations: Operations<'platform'> = {
  getHealth: async () => ({ statusCode: 200, body: { status: 'ok', time: new Date().toISOString() } }),
  getOpenApi: async () => {
    openApiDocument ??= buildOpenApiDocument();
    return { statusCode: 200, body: openApiDocument, headers: { 'cache-control': 'public, max-age=300' } };
  },
};

export const handler = createHandler('platform', operations);
