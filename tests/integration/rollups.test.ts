import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler } from '../../functions/rollups/handler';
import { keys } from '../../functions/lib/keys';
import { tenantItem } from '../../functions/organisations/items';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

function streamEvent(...images: Record<string, unknown>[]): DynamoDBStreamEvent {
  return {
    Records: images.map((image, i) => ({
      eventName: 'MODIFY',
      dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }) as never, SequenceNumber: String(1000 + i) },
    })),
  } as DynamoDBStreamEvent;
}

describe('umbrella rollups from the stream', () => {
  it('copies an association’s figures into its umbrella’s partition', async () => {
    const { A2, U1 } = api.world.tenants;
    const image = { ...tenantItem(A2, new Date().toISOString(), { parkCount: 3, companyCount: 42 }), statsVersion: 50 };
    await handler(streamEvent(image));
    expect(await api.getItem(keys.umbrellaAssociation(U1.id, A2.id))).toMatchObject({ parkCount: 3, companyCount: 42, statsVersion: 50 });
  });

  it('ignores replays and older images delivered late, keeping the newest figures', async () => {
    const { B1, U2 } = api.world.tenants;
    const at = (statsVersion: number, companyCount: number) => ({ ...tenantItem(B1, new Date().toISOString(), { parkCount: 1, companyCount }), statsVersion });
    await handler(streamEvent(at(60, 7), at(61, 8)));
    await handler(streamEvent(at(60, 7))); // a replay of an older record
    await handler(streamEvent(at(61, 8))); // a replay of the newest
    expect(await api.getItem(keys.umbrellaAssociation(U2.id, B1.id))).toMatchObject({ companyCount: 8, statsVersion: 61 });
  });

  it('leaves umbrellas alone for anything but association tenant items', async () => {
    const { U1 } = api.world.tenants;
    const result = await handler(streamEvent({ ...tenantItem(U1, new Date().toISOString()) }, { pk: 'x', sk: 'y', type: 'company' }));
    expect(result.batchItemFailures).toEqual([]);
  });
});
