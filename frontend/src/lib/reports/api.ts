/** The umbrella's yearly report (issue #6): same rules as api.ts (token, language, errors as ApiError). */
import type { UmbrellaReport } from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { UmbrellaReport };

const reportPath = (umbrellaId: string) => `/tenants/${encodeURIComponent(umbrellaId)}/report`;

export const reportApi = {
  get: (umbrellaId: string, period: { from: string; to: string }, options?: Options) =>
    request<UmbrellaReport>('GET', withQuery(reportPath(umbrellaId), period), undefined, options),
  /** The file's path for downloadFile (raw-api.ts): the same period, computed by the same function as the page. */
  exportPath: (umbrellaId: string, period: { from: string; to: string }, format: 'csv' | 'xlsx') =>
    withQuery(`${reportPath(umbrellaId)}/export`, { ...period, format }),
};
