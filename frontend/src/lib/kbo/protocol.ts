/** The messages between the import page and the KBO scan worker (kbo.worker.ts). */
import type { KboCandidate, KboCriteria, KboFileName, KboProblem, KboProgress } from '../../../../shared/kbo/index';

/** What the user picked: the downloaded zip, or the folder's CSV files by name (`enterprise` → enterprise.csv). */
export type KboInput = { kind: 'zip'; file: File } | { kind: 'files'; files: Partial<Record<KboFileName, File>> };

export type ToWorker = { type: 'scan'; input: KboInput; criteria: KboCriteria } | { type: 'cancel' };

export interface KboScanOutcome {
  snapshotDate: string | null;
  candidates: KboCandidate[];
  /** The first problems per file (the worker keeps a few), and how many there were in all. */
  problems: KboProblem[];
  problemCount: number;
  rowsScanned: number;
  ms: number;
}

/** `zip`: not a readable zip or not the extract; `format`: a file lacks a required column; `other`: anything else. */
export type ScanFailure = { kind: 'zip' | 'format' | 'other'; message: string; file?: KboFileName };

export type FromWorker =
  | { type: 'progress'; progress: KboProgress }
  | { type: 'done'; outcome: KboScanOutcome }
  | { type: 'failed'; failure: ScanFailure }
  | { type: 'cancelled' };
