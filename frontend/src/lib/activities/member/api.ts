/**
 * The member side's own API calls (issue #5): the association's calendar and the registrations of its companies.
 * Same rules as ../api.ts (token, language, errors as ApiError). Types from the contract of
 * `GET /tenants/{id}/calendar` and `GET /tenants/{id}/my-registrations` (shared/schemas/calendar.ts).
 */
import type { CalendarEntry, CalendarFeed, CalendarPage, CreatedCalendarFeed, MyRegistration } from '../../../../../shared/index';
import { request, withQuery, type Options } from '../../api';

export type { CalendarEntry, CalendarFeed, CalendarPage, CreatedCalendarFeed, MyRegistration };
export type FeedScope = CalendarFeed['scope'];
export type CalendarQuery = { from?: string; to?: string; limit?: number; cursor?: string };
export type RegistrationsWhen = 'upcoming' | 'past' | 'all';

const seg = encodeURIComponent;

export const memberActivitiesApi = {
  /** The activities open to the association's members, by start; from today (Brussels) unless `from` is given. */
  calendar: (tenantId: string, query: CalendarQuery = {}, options?: Options) =>
    request<CalendarPage>('GET', withQuery(`/tenants/${seg(tenantId)}/calendar`, query), undefined, options),
  /** A contact: their company's registrations; staff: all companies of the association, or one (`companyId`). */
  myRegistrations: (tenantId: string, query: { when?: RegistrationsWhen; companyId?: string } = {}, options?: Options) =>
    request<{ items: MyRegistration[] }>('GET', withQuery(`/tenants/${seg(tenantId)}/my-registrations`, query), undefined, options),
  /** The caller's own subscribable feeds in this association (without their URLs: those are shown once). */
  feeds: (tenantId: string, options?: Options) => request<{ items: CalendarFeed[] }>('GET', `/tenants/${seg(tenantId)}/calendar-feeds`, undefined, options),
  createFeed: (tenantId: string, scope: FeedScope, options?: Options) =>
    request<CreatedCalendarFeed>('POST', `/tenants/${seg(tenantId)}/calendar-feeds`, { scope }, options),
  revokeFeed: (tenantId: string, feedId: string, options?: Options) =>
    request<void>('DELETE', `/tenants/${seg(tenantId)}/calendar-feeds/${seg(feedId)}`, undefined, options),
};

/** The API path (below `/api`) of an activity's calendar file for a member of `homeId`. */
export function icsPath(homeId: string, organiserId: string, activityId: string): string {
  return `/tenants/${seg(homeId)}/organisers/${seg(organiserId)}/activities/${seg(activityId)}/calendar.ics`;
}
