/**
 * The API calls of the umbrella's consultation log (issue #6): contact moments with one of its associations under
 * `/tenants/{umbrella}/associations/{association}/contact-moments`, the umbrella-wide listing by date and the
 * follow-ups. Same rules as api.ts (token, language, errors as ApiError); a create sends an Idempotency-Key.
 */
import type { ContactMoment, ContactMomentInput, ContactMomentPage, ContactMomentType, FollowUpEntry, FollowUpPage } from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { ContactMoment, ContactMomentInput, ContactMomentType, FollowUpEntry };

export const CONTACT_MOMENT_TYPES: readonly ContactMomentType[] = ['board_meeting', 'visit', 'call', 'workshop', 'other'];

const seg = encodeURIComponent;
const momentsPath = (umbrellaId: string, associationId: string) => `/tenants/${seg(umbrellaId)}/associations/${seg(associationId)}/contact-moments`;

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export const consultationsApi = {
  list: (
    umbrellaId: string,
    query: { associationId?: string; from?: string; to?: string; sort?: 'date' | '-date'; limit?: number; cursor?: string },
    options?: Options,
  ) => request<ContactMomentPage>('GET', withQuery(`/tenants/${seg(umbrellaId)}/contact-moments`, query), undefined, options),
  create: (umbrellaId: string, associationId: string, input: ContactMomentInput, idempotencyKey: string, options?: Options) =>
    request<ContactMoment>('POST', momentsPath(umbrellaId, associationId), input, { ...options, headers: { ...options?.headers, 'Idempotency-Key': idempotencyKey } }),
  update: (umbrellaId: string, associationId: string, momentId: string, input: ContactMomentInput & { version: number }, options?: Options) =>
    request<ContactMoment>('PUT', `${momentsPath(umbrellaId, associationId)}/${seg(momentId)}`, input, options),
  remove: (umbrellaId: string, associationId: string, momentId: string, version: number, options?: Options) =>
    request<void>('DELETE', withQuery(`${momentsPath(umbrellaId, associationId)}/${seg(momentId)}`, { version }), undefined, options),
  setFollowUp: (umbrellaId: string, associationId: string, momentId: string, followUpId: string, body: { done: boolean; version: number }, options?: Options) =>
    request<ContactMoment>('PUT', `${momentsPath(umbrellaId, associationId)}/${seg(momentId)}/follow-ups/${seg(followUpId)}`, body, options),
  followUps: (umbrellaId: string, query: { status?: 'open' | 'done'; limit?: number; cursor?: string } = {}, options?: Options) =>
    request<FollowUpPage>('GET', withQuery(`/tenants/${seg(umbrellaId)}/follow-ups`, query), undefined, options),
};
