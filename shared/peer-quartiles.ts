/**
 * Where one association stands among the associations of its umbrella (issue #6, the association's own view):
 * quartiles of a figure and the quarter the association falls in. Pure, so the rules can be tested alone and the
 * page and the API cannot disagree about them.
 *
 * Quantile method: linear interpolation between the order statistics (Hyndman & Fan type 7, the default of R and
 * NumPy, Excel's QUARTILE.INC). For sorted values x₀ … xₙ₋₁ and a fraction p, h = (n − 1)·p and
 * Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). Q(0) is the minimum and Q(1) the maximum; the API never answers those
 * (an extreme is often one recognisable association).
 *
 * Quarter: from the association's percentile rank PR = (L + E/2) / n, where L counts the values strictly below its
 * own and E the values equal to it (its own included). Tied associations thus share one position, half-way up
 * their tie, whatever the order they were read in: with [0, 0, 0, 0, 5] the four zeros sit at PR 0.4 (second
 * quarter), not in the top quarter as "at or above Q3" would say. PR < 0.25 is the bottom quarter, < 0.5 the second,
 * < 0.75 the third, else the top quarter (a rank exactly on a boundary counts in the higher quarter). When every
 * value is the same there is no spread to be placed in: the quarter is null and `allEqual` says why.
 */

export const PEER_QUARTERS = ['bottom', 'second', 'third', 'top'] as const;
export type PeerQuarter = (typeof PEER_QUARTERS)[number];

/** Fewer associations than this (the caller included) and quartiles would come close to single associations' values. */
export const MIN_PEERS_FOR_QUARTILES = 5;

export type Quartiles = { q1: number; median: number; q3: number };

/** Q(p) of ascending `sorted` values (type 7, see above). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile fraction out of range: ${p}`);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

export function quartilesOf(values: readonly number[]): Quartiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}

/** (L + E/2) / n: the share of the values below `own`, ties counted half. `values` include `own`. */
export function percentileRank(values: readonly number[], own: number): number {
  if (values.length === 0) throw new RangeError('percentile rank among no values');
  let below = 0;
  let equal = 0;
  for (const value of values) {
    if (value < own) below += 1;
    else if (value === own) equal += 1;
  }
  return (below + equal / 2) / values.length;
}

export function quarterOf(rank: number): PeerQuarter {
  if (rank < 0.25) return 'bottom';
  if (rank < 0.5) return 'second';
  if (rank < 0.75) return 'third';
  return 'top';
}

export type PeerStanding =
  | { tooFewPeers: true; count: number }
  | { tooFewPeers: false; count: number; quartiles: Quartiles; allEqual: boolean; quarter: PeerQuarter | null };

/**
 * The standing of `own` among `values` (every association's value of one figure, the caller's own included;
 * unknown values left out before). Below `minimum` values: only the count, no quartiles, no quarter.
 */
export function peerStanding(values: readonly number[], own: number, minimum = MIN_PEERS_FOR_QUARTILES): PeerStanding {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length < minimum) return { tooFewPeers: true, count: finite.length };
  const allEqual = finite.every((value) => value === finite[0]);
  return {
    tooFewPeers: false,
    count: finite.length,
    quartiles: quartilesOf(finite),
    allEqual,
    quarter: allEqual ? null : quarterOf(percentileRank(finite, own)),
  };
}
