/** Runs the KBO scan in a Web Worker (kbo.worker.ts), with progress and cancellation through an AbortSignal. */
import { KBO_FILES, type KboCriteria, type KboFileName, type KboProgress } from '../../../../shared/kbo/extract';
import type { FromWorker, KboInput, KboScanOutcome, ScanFailure, ToWorker } from './protocol';

export type { KboInput, KboScanOutcome, ScanFailure };
export { KBO_FILES };
export type { KboFileName, KboProgress };

/** The files the scan cannot do without; meta.csv (snapshot date) and contact.csv are optional. */
export const REQUIRED_KBO_FILES: readonly KboFileName[] = KBO_FILES.filter((file) => file !== 'meta' && file !== 'contact');

/** A failed scan (not a cancellation, which rejects with an AbortError). */
export class KboScanError extends Error {
  override readonly name = 'KboScanError';
  constructor(readonly failure: ScanFailure) {
    super(failure.message);
  }
}

/** Sorts picked CSV files by name (`Enterprise.csv` → enterprise); other files are returned as ignored. */
export function mapKboFiles(files: Iterable<File>): { found: Partial<Record<KboFileName, File>>; ignored: string[] } {
  const found: Partial<Record<KboFileName, File>> = {};
  const ignored: string[] = [];
  for (const file of files) {
    const base = file.name.toLowerCase();
    const name = KBO_FILES.find((candidate) => `${candidate}.csv` === base);
    if (name && !found[name]) found[name] = file;
    else ignored.push(file.name);
  }
  return { found, ignored };
}

export function scanInWorker(
  input: KboInput,
  criteria: KboCriteria,
  options: { signal?: AbortSignal; onProgress?: (progress: KboProgress) => void } = {},
): Promise<KboScanOutcome> {
  return new Promise((resolve, reject) => {
    const abortError = () => new DOMException('The scan was cancelled', 'AbortError');
    if (options.signal?.aborted) return reject(abortError());
    const worker = new Worker(new URL('./kbo.worker.ts', import.meta.url), { type: 'module' });
    const send = (message: ToWorker) => worker.postMessage(message);
    let settled = false;
    const finish = () => {
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      if (settled) return;
      // Tell the worker to stop reading, then end it: a worker that is busy parsing does not block the page.
      send({ type: 'cancel' });
      finish();
      reject(abortError());
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (settled) return;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') {
        finish();
        resolve(message.outcome);
      } else if (message.type === 'failed') {
        finish();
        reject(new KboScanError(message.failure));
      } else {
        finish();
        reject(abortError());
      }
    };
    worker.onerror = (event) => {
      if (settled) return;
      event.preventDefault();
      finish();
      reject(new KboScanError({ kind: 'other', message: event.message || 'worker error' }));
    };
    send({ type: 'scan', input, criteria });
  });
}
