/**
 * Scans the CBE/KBO extract the user picked, in a Web Worker: the files are read here (File.stream()), never
 * uploaded. Imports the engine directly from shared/kbo (not shared/index, which would bring zod along).
 */
import { KboFormatError, ZipError, openKboZip, scanExtract, type KboFiles } from '../../../../shared/kbo/index';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void };
let controller: AbortController | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller?.abort();
    return;
  }
  controller?.abort();
  const current = new AbortController();
  controller = current;
  void scan(message, current.signal);
};

async function scan(message: Extract<ToWorker, { type: 'scan' }>, signal: AbortSignal): Promise<void> {
  try {
    const files: KboFiles = message.input.kind === 'zip' ? (await openKboZip(message.input.file)).files : (message.input.files as KboFiles);
    const result = await scanExtract(files, message.criteria, {
      signal,
      maxProblemsPerFile: 5,
      onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
    });
    const problemCount = Object.values(result.stats.byFile).reduce((sum, stats) => sum + (stats?.problems ?? 0), 0);
    scope.postMessage({
      type: 'done',
      outcome: {
        snapshotDate: result.snapshotDate,
        candidates: result.candidates,
        problems: result.problems,
        problemCount: Math.max(problemCount, result.problems.length),
        rowsScanned: result.stats.rowsScanned,
        ms: result.stats.ms,
      },
    });
  } catch (error) {
    if (signal.aborted) scope.postMessage({ type: 'cancelled' });
    else if (error instanceof ZipError) scope.postMessage({ type: 'failed', failure: { kind: 'zip', message: error.message } });
    else if (error instanceof KboFormatError) scope.postMessage({ type: 'failed', failure: { kind: 'format', message: error.message, file: error.file } });
    else scope.postMessage({ type: 'failed', failure: { kind: 'other', message: error instanceof Error ? error.message : String(error) } });
  }
}
