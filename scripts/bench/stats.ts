/** Shared statistics and formatting helpers for the bench. */

/** Nearest-rank percentile of an ascending array: always an observed value, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export const median = (values: readonly number[]) => percentile(ascending(values), 50);

export type Summary = { n: number; mean: number; p50: number; p95: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Summary {
  const sorted = ascending(samples);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
