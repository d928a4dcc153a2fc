import { describe, expect, it } from 'vitest';
import { coverageOf, coverageSeries } from '../../shared/coverage';

describe('coverage', () => {
  it('is members over companies, and 0 for an empty park', () => {
    expect(coverageOf(55, 80)).toBe(0.6875);
    expect(coverageOf(0, 0)).toBe(0);
  });

  it('replays the history into month-end figures, carrying months without events', () => {
    const series = coverageSeries(
      [
        { companyId: 'a', kind: 'created', to: 'prospect', on: '2018-01-10' },
        { companyId: 'b', kind: 'created', to: 'member', on: '2018-01-20' },
        { companyId: 'a', kind: 'status', to: 'member', on: '2018-03-29' },
        { companyId: 'b', kind: 'deleted', on: '2018-03-30' },
      ],
      '2018-04',
    );
    expect(series).toEqual([
      { month: '2018-01', companies: 2, members: 1, coverage: 0.5 },
      { month: '2018-02', companies: 2, members: 1, coverage: 0.5 },
      { month: '2018-03', companies: 1, members: 1, coverage: 1 },
      { month: '2018-04', companies: 1, members: 1, coverage: 1 },
    ]);
  });

  it('crosses year ends and returns nothing without history', () => {
    expect(coverageSeries([{ companyId: 'a', kind: 'created', to: 'member', on: '2019-12-31' }], '2020-01').map((m) => m.month)).toEqual(['2019-12', '2020-01']);
    expect(coverageSeries([], '2020-01')).toEqual([]);
  });
});
