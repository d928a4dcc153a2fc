import { createHandler } from '../lib/create-handler';
import type { Operations } from '../lib/http';

const operations: Operations<'identity'> = {
  getMe: async ({ caller }) => ({ statusCode: 200, body: caller }),
};

export const handler = createHandler('identity', operations);
