import type { TestProject } from 'vitest/node';
import { claimPort } from '../../scripts/local/app';
import { startDynamoLocal } from '../../scripts/local/dynamo-local';

/** One DynamoDB Local for the whole run; every test file creates its own table in it. */
export default async function setup(project: TestProject) {
  const port = await claimPort(0, '127.0.0.1', 'DynamoDB Local (tests)');
  const dynamo = await startDynamoLocal({ port });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => dynamo.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
