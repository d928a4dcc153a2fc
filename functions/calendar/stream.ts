import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createLogger } from '../lib/logger';
import { fanOutRecord } from './fan-out';

const logger = createLogger('calendar');
const RELEVANT = new Set(['activity', 'occurrence']);

/**
 * Stream consumer of the members' calendar (see fan-out.ts): activity and occurrence records only. On a failure
 * it reports that record and stops, so the stream retries from there and per-item order is kept.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const newImage = record.dynamodb?.NewImage;
    const oldImage = record.dynamodb?.OldImage;
    if (!RELEVANT.has((newImage ?? oldImage)?.type?.S ?? '')) continue;
    try {
      await fanOutRecord(
        oldImage ? unmarshall(oldImage as Record<string, AttributeValue>) : undefined,
        newImage ? unmarshall(newImage as Record<string, AttributeValue>) : undefined,
      );
    } catch (error) {
      logger.error('calendar fan-out failed', { error: error as Error, sequenceNumber: record.dynamodb?.SequenceNumber });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break;
    }
  }
  return { batchItemFailures: failures };
}
