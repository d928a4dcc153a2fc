/**
 * The member side's own API calls (issue #5): the association's calendar and the registrations of its companies.
 * Same rules as ../api.ts (token, language, errors as ApiError). The types mirror the contract of
 * `GET /tenants/{id}/calendar` and `GET /tenants/{id}/my-registrations` (schemas `CalendarPage`, `MyRegistrationList`).
 */
import type { ActivityType, RegistrationStatus } from '../../../../../shared/index';
import { request, withQuery, type Options } from '../../api';

export type CalendarEntry = {
  organiserId: string;
  organiserName: string;
  organiserKind: 'umbrella' | 'association';
  activityId: string;
  occurrenceId: string;
  type: ActivityType;
  title: string;
  themes: string[];
  startsAt: string;
  endsAt: string;
  place: { kind: 'company' | 'address' | 'online'; companyName?: string; name?: string; municipality?: string };
  status: 'scheduled' | 'cancelled';
};
export type CalendarPage = { items: CalendarEntry[]; nextCursor: string | null };
export type CalendarQuery = { from?: string; to?: string; limit?: number; cursor?: string };

export type MyRegistration = {
  id: string;
  organiserId: string;
  organiserName: string;
  activityId: string;
  occurrenceId: string;
  activityTitle: string;
  activityType: ActivityType;
  startsAt: string;
  endsAt: string;
  occurrenceStatus: 'scheduled' | 'cancelled';
  kind: 'person' | 'company';
  name: string;
  companyId: string;
  companyName: string;
  status: RegistrationStatus;
  registrationClosesAt: string;
};
export type RegistrationsWhen = 'upcoming' | 'past' | 'all';

const seg = encodeURIComponent;

export const memberActivitiesApi = {
  /** The activities open to the association's members, by start; from today (Brussels) unless `from` is given. */
  calendar: (tenantId: string, query: CalendarQuery = {}, options?: Options) =>
    request<CalendarPage>('GET', withQuery(`/tenants/${seg(tenantId)}/calendar`, query), undefined, options),
  /** A contact: their company's registrations; staff: all companies of the association, or one (`companyId`). */
  myRegistrations: (tenantId: string, query: { when?: RegistrationsWhen; companyId?: string } = {}, options?: Options) =>
    request<{ items: MyRegistration[] }>('GET', withQuery(`/tenants/${seg(tenantId)}/my-registrations`, query), undefined, options),
};

/** Where an activity opens for a member of `homeId`, and its calendar file. */
export function icsHref(homeId: string, organiserId: string, activityId: string): string {
  return `/api/tenants/${seg(homeId)}/organisers/${seg(organiserId)}/activities/${seg(activityId)}/calendar.ics`;
}
