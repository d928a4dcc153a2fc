import { describe, expect, it } from 'vitest';
import { peerStanding, percentileRank, quantile, quarterOf, quartilesOf } from '../../shared/peer-quartiles';

describe('quartiles (linear interpolation, type 7)', () => {
  it('takes the middle values of an odd count', () => {
    expect(quartilesOf([5, 1, 4, 2, 3])).toEqual({ q1: 2, median: 3, q3: 4 });
  });

  it('interpolates between neighbours for an even count', () => {
    // h = 3 × 0.25 = 0.75 → 10 + 0.75 × 10; median half-way between 20 and 30; h = 2.25 → 30 + 0.25 × 10.
    expect(quartilesOf([40, 10, 30, 20])).toEqual({ q1: 17.5, median: 25, q3: 32.5 });
    expect(quartilesOf([1, 2, 3, 4, 5, 6])).toEqual({ q1: 2.25, median: 3.5, q3: 4.75 });
  });

  it('gives the minimum and the maximum at the ends (never answered by the API, but the method is whole)', () => {
    expect(quantile([1, 2, 9], 0)).toBe(1);
    expect(quantile([1, 2, 9], 1)).toBe(9);
  });

  it('keeps ties and equal values as they are', () => {
    expect(quartilesOf([0, 0, 0, 0, 5])).toEqual({ q1: 0, median: 0, q3: 0 });
    expect(quartilesOf([7, 7, 7, 7, 7, 7])).toEqual({ q1: 7, median: 7, q3: 7 });
  });

  it('refuses no values and fractions outside 0 … 1', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('the quarter', () => {
  it('splits four distinct values one per quarter', () => {
    const values = [10, 20, 30, 40];
    expect(values.map((own) => quarterOf(percentileRank(values, own)))).toEqual(['bottom', 'second', 'third', 'top']);
  });

  it('places the lowest and the highest of five in the bottom and top quarters, the median in the third', () => {
    const values = [1, 2, 3, 4, 5];
    expect(values.map((own) => percentileRank(values, own))).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
    expect(values.map((own) => quarterOf(percentileRank(values, own)))).toEqual(['bottom', 'second', 'third', 'third', 'top']);
  });

  it('counts a rank exactly on a boundary in the higher quarter', () => {
    expect(quarterOf(0.25)).toBe('second');
    expect(quarterOf(0.5)).toBe('third');
    expect(quarterOf(0.75)).toBe('top');
    expect(quarterOf(0.2499)).toBe('bottom');
  });

  it('puts tied associations half-way up their tie, not all at the top', () => {
    const values = [0, 0, 0, 0, 5];
    expect(percentileRank(values, 0)).toBe(0.4);
    expect(quarterOf(percentileRank(values, 0))).toBe('second');
    expect(quarterOf(percentileRank(values, 5))).toBe('top');
    const mostlyHigh = [0, 5, 5, 5, 5];
    expect(quarterOf(percentileRank(mostlyHigh, 0))).toBe('bottom');
    expect(quarterOf(percentileRank(mostlyHigh, 5))).toBe('third');
  });
});

describe('the standing of one association', () => {
  it('answers quartiles, the count and the quarter from five values on', () => {
    expect(peerStanding([0.1, 0.2, 0.3, 0.4, 0.8], 0.8)).toEqual({
      tooFewPeers: false, count: 5, quartiles: { q1: 0.2, median: 0.3, q3: 0.4 }, allEqual: false, quarter: 'top',
    });
    expect(peerStanding([0.1, 0.2, 0.3, 0.4, 0.8], 0.1)).toMatchObject({ quarter: 'bottom' });
  });

  it('answers only the count below the minimum', () => {
    expect(peerStanding([1, 2, 3, 4], 4)).toEqual({ tooFewPeers: true, count: 4 });
    expect(peerStanding([1, 2, 3], 3, 3)).toMatchObject({ tooFewPeers: false, count: 3 });
  });

  it('gives no quarter when every association has the same value', () => {
    expect(peerStanding([3, 3, 3, 3, 3], 3)).toEqual({ tooFewPeers: false, count: 5, quartiles: { q1: 3, median: 3, q3: 3 }, allEqual: true, quarter: null });
  });

  it('leaves out values that are not numbers before counting', () => {
    expect(peerStanding([1, 2, Number.NaN, 3, 4], 4)).toEqual({ tooFewPeers: true, count: 4 });
  });
});
