import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * All-or-nothing writes larger than one DynamoDB transaction (100 items). The chunks are sent as transactions in
 * order; when one fails, the chunks already committed are undone in reverse order, each undo conditioned like the
 * write (on the version the write produced), so nobody's later edit is overwritten and a failed import leaves the
 * data as it was. Every chunk's undo must fit in a transaction too.
 *
 * What a chunk holds is the caller's business (the register's builders in functions/companies/changes.ts merge
 * counters per transaction, for instance); {@link chunkOperations} packs simple operations whose items never
 * touch the same row.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type Chunk = {
  write: TransactItem[];
  /** Puts back what `write` changed; sent only after `write` committed. */
  undo: TransactItem[];
};

/** DynamoDB's limit on items per transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export type ChunkedWriteOptions = {
  /** Called before each transaction is sent, with its kind and its number (0, 1 …) in this write. */
  beforeTransaction?: (kind: 'write' | 'undo', index: number) => void;
  /**
   * Epoch milliseconds by which everything, undo included, must be done (the Lambda's timeout, less a margin).
   * Before each chunk the writer checks that the chunk and the undo of all chunks so far still fit, judging by
   * the time the chunks took until now; when they would not, it stops, undoes, and throws {@link DeadlineError}.
   * A Lambda stopped by its timeout halfway would leave the data partly written: this is what prevents it.
   */
  deadline?: number;
  now?: () => number;
};

/** The writes would not have finished in time: nothing is written (what was, is undone). */
export class DeadlineError extends Error {
  constructor(readonly committed: number, readonly total: number) {
    super(`chunked write: stopped after ${committed} of ${total} chunks to finish before the deadline; undone`);
    this.name = 'DeadlineError';
  }
}

/** An undo failed as well: some chunks stay written. The caller must say so loudly, never as a plain conflict. */
export class UndoFailedError extends Error {
  constructor(
    override readonly cause: unknown,
    /** The failure that started the undo. */
    readonly original: unknown,
    /** Chunks (by index) that could not be undone. */
    readonly chunks: number[],
  ) {
    super(`chunked write: ${chunks.length} chunk(s) could not be undone; the data is partly written`);
    this.name = 'UndoFailedError';
  }
}

/**
 * Writes every chunk or none. On a failed transaction it undoes the committed chunks (newest first, every one of
 * them even if one undo fails) and throws the original error; throws {@link UndoFailedError} when an undo failed.
 */
export async function writeAllOrNothing(client: DynamoDBDocumentClient, chunks: readonly Chunk[], options: ChunkedWriteOptions = {}): Promise<{ transactions: number }> {
  for (const [index, chunk] of chunks.entries()) {
    const largest = Math.max(chunk.write.length, chunk.undo.length);
    if (largest > MAX_TRANSACTION_ITEMS) throw new RangeError(`chunk ${index} needs ${largest} items, more than ${MAX_TRANSACTION_ITEMS}`);
  }
  let sent = 0;
  const committed: number[] = [];
  const now = options.now ?? Date.now;
  const started = now();
  try {
    for (const [index, chunk] of chunks.entries()) {
      if (chunk.write.length === 0) continue;
      if (options.deadline !== undefined && committed.length > 0) {
        // Each chunk so far took `perChunk` on average; its undo takes about as long.
        const perChunk = (now() - started) / committed.length;
        if (now() + perChunk * (committed.length + 2) > options.deadline) throw new DeadlineError(committed.length, chunks.length);
      }
      options.beforeTransaction?.('write', sent);
      sent += 1;
      await client.send(new TransactWriteCommand({ TransactItems: chunk.write }));
      committed.push(index);
    }
  } catch (error) {
    let undoError: unknown;
    const stuck: number[] = [];
    for (const index of committed.reverse()) {
      try {
        options.beforeTransaction?.('undo', sent);
        sent += 1;
        await client.send(new TransactWriteCommand({ TransactItems: chunks[index]!.undo }));
      } catch (failure) {
        undoError ??= failure;
        stuck.push(index);
      }
    }
    if (stuck.length > 0) throw new UndoFailedError(undoError, error, stuck);
    throw error;
  }
  return { transactions: sent };
}

/** A write whose items are its own (no row shared with another operation), with the items that undo it. */
export type Operation = { write: TransactItem[]; undo: TransactItem[] };

/** Packs operations, in order, into chunks of at most `maxItems` items (write and undo alike). */
export function chunkOperations(operations: readonly Operation[], maxItems = MAX_TRANSACTION_ITEMS): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { write: [], undo: [] };
  for (const operation of operations) {
    const size = Math.max(operation.write.length, operation.undo.length);
    if (size > maxItems) throw new RangeError(`an operation needs ${size} items, more than ${maxItems}`);
    if (current.write.length + operation.write.length > maxItems || current.undo.length + operation.undo.length > maxItems) {
      chunks.push(current);
      current = { write: [], undo: [] };
    }
    current.write.push(...operation.write);
    current.undo.push(...operation.undo);
  }
  if (current.write.length > 0 || current.undo.length > 0) chunks.push(current);
  return chunks;
}
