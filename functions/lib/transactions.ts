import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The per-item cancellation codes of a failed transaction (e.g. 'ConditionalCheckFailed'), or undefined if it is another error. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  }
  return undefined;
}
