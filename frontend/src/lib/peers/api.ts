/** The association's position among its umbrella's associations (issue #6): same rules as api.ts. */
import type { PeerFigure, PeerFigurePosition, PeerPosition } from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { PeerFigure, PeerFigurePosition, PeerPosition };

export const peersApi = {
  get: (associationId: string, year?: number, options?: Options) =>
    request<PeerPosition>('GET', withQuery(`/tenants/${encodeURIComponent(associationId)}/peer-position`, { year }), undefined, options),
};
