import { describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunkOperations, DeadlineError, UndoFailedError, writeAllOrNothing, type TransactItem } from '../../functions/lib/chunked-write';

const item = (name: string): TransactItem => ({ ConditionCheck: { TableName: 't', Key: { pk: name, sk: name }, ConditionExpression: 'attribute_exists(pk)' } });
const names = (items: TransactItem[] | undefined) => (items ?? []).map((entry) => String(entry.ConditionCheck?.Key?.pk));

/** A stand-in for DynamoDB that records each transaction and fails the ones it is told to. */
function fakeClient(failOn: (index: number) => boolean) {
  const sent: string[][] = [];
  const client = {
    send: async (command: { input: { TransactItems?: TransactItem[] } }) => {
      const index = sent.length;
      sent.push(names(command.input.TransactItems));
      if (failOn(index)) throw Object.assign(new Error('boom'), { name: 'TransactionCanceledException' });
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}

const chunks = [
  { write: [item('w1')], undo: [item('u1')] },
  { write: [item('w2')], undo: [item('u2')] },
  { write: [item('w3')], undo: [item('u3')] },
];

describe('writing all or nothing', () => {
  it('sends every chunk in order', async () => {
    const { client, sent } = fakeClient(() => false);
    expect(await writeAllOrNothing(client, chunks)).toEqual({ transactions: 3 });
    expect(sent).toEqual([['w1'], ['w2'], ['w3']]);
  });

  it('undoes the committed chunks, newest first, when one fails, and throws its error', async () => {
    const { client, sent } = fakeClient((index) => index === 2);
    await expect(writeAllOrNothing(client, chunks)).rejects.toThrow('boom');
    expect(sent).toEqual([['w1'], ['w2'], ['w3'], ['u2'], ['u1']]);
  });

  it('tries every undo even when one fails, and says the data is partly written', async () => {
    const { client, sent } = fakeClient((index) => index === 2 || index === 3);
    const error = await writeAllOrNothing(client, chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UndoFailedError);
    expect((error as UndoFailedError).chunks).toEqual([1]);
    expect(sent).toEqual([['w1'], ['w2'], ['w3'], ['u2'], ['u1']]);
  });

  it('stops before the deadline when the rest and its undo would not fit, and undoes', async () => {
    let clock = 0;
    const { client, sent } = fakeClient(() => false);
    const timed = { ...client, send: async (command: never) => { clock += 100; return client.send(command); } } as unknown as DynamoDBDocumentClient;
    // Each chunk takes 100 ms: after w1 (t=100) the next and two undos need 300 ms, fits by 450; after w2 (t=200) 400 does not.
    const error = await writeAllOrNothing(timed, chunks, { deadline: 450, now: () => clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(sent).toEqual([['w1'], ['w2'], ['u2'], ['u1']]);
  });

  it('refuses a chunk larger than a transaction', async () => {
    const { client, sent } = fakeClient(() => false);
    const big = { write: Array.from({ length: 101 }, (_, i) => item(`x${i}`)), undo: [] };
    await expect(writeAllOrNothing(client, [big])).rejects.toThrow(RangeError);
    expect(sent).toEqual([]);
  });
});

describe('packing operations', () => {
  it('fills chunks in order up to the limit, counting writes and undos alike', () => {
    const op = (n: number, undo = n) => ({ write: Array.from({ length: n }, (_, i) => item(`w${i}`)), undo: Array.from({ length: undo }, (_, i) => item(`u${i}`)) });
    const packed = chunkOperations([op(40), op(40), op(30), op(10, 60)], 100);
    expect(packed.map((chunk) => [chunk.write.length, chunk.undo.length])).toEqual([[80, 80], [40, 90]]);
    expect(() => chunkOperations([op(101)], 100)).toThrow(RangeError);
  });
});
