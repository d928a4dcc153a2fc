import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { HttpError } from '../lib/errors';
import { cancellationCodes } from '../lib/transactions';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Codes of a cancelled transaction that say "someone else was busy with these items": try again. */
const TRANSIENT = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

export type TransactOutcome = { ok: true } | { ok: false; codes: string[]; transient: boolean };

/**
 * One conditioned TransactWriteItems. A cancellation comes back as a value (which item's condition failed, and
 * whether it was only contention) so that the caller re-reads and decides again; every other error is thrown.
 */
export async function transact(client: DynamoDBDocumentClient, items: TransactItem[]): Promise<TransactOutcome> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    return { ok: false, codes, transient: codes.some((code) => TRANSIENT.has(code)) };
  }
}

export const AGAIN = Symbol('again');

/**
 * Runs `attempt` until it returns something other than AGAIN: each attempt reads the current state and writes
 * with conditions on what it read, so a lost race simply costs a re-read. Hot items (an occurrence's seat
 * counter under a rush) make DynamoDB cancel concurrent transactions; jittered backoff spreads the retries. When
 * the store stays this busy the client gets 503 with Retry-After, and its retry is safe (nothing was written).
 */
export async function untilSettled<T>(attempt: (round: number) => Promise<T | typeof AGAIN>, maxRounds = 25): Promise<T> {
  for (let round = 0; round < maxRounds; round++) {
    const result = await attempt(round);
    if (result !== AGAIN) return result;
    await sleep(Math.random() * Math.min(200, 10 * 2 ** Math.min(round, 5)));
  }
  throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
}
