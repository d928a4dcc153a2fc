/** The umbrella dashboard's comparison table (issue #6): same rules as api.ts (token, language, errors as ApiError). */
import type { Comparison, ComparisonRow, ComparisonStage } from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { Comparison, ComparisonRow, ComparisonStage };

export const comparisonApi = {
  get: (umbrellaId: string, year?: number, options?: Options) =>
    request<Comparison>('GET', withQuery(`/tenants/${encodeURIComponent(umbrellaId)}/comparison`, { year }), undefined, options),
};
