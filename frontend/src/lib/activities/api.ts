/**
 * The API calls of activities (issue #5): the organiser's side under `/tenants/{organiser}/activities…`, a member
 * association's side under `/tenants/{home}/organisers/{organiser}/activities…`. Same rules as api.ts (token,
 * language, errors as ApiError); POSTs that create send an Idempotency-Key so a retried click never doubles.
 */
import type {
  Activity,
  AttendanceInput,
  CompanyOutcome,
  CreateActivityInput,
  OfferedActivity,
  OrganiserRegisterInput,
  OutcomeInput,
  ParticipationFigures,
  RegisterInput,
  Registration,
  RegistrationResult,
  UpdateActivityInput,
  UpdateOccurrenceInput,
} from '../../../../shared/index';
import { request, withQuery, type Options } from '../api';

export type { Activity, CompanyOutcome, OfferedActivity, ParticipationFigures, Registration, RegistrationResult };

const seg = encodeURIComponent;
const organiserPath = (organiserId: string, activityId: string) => `/tenants/${seg(organiserId)}/activities/${seg(activityId)}`;
const occurrencePath = (organiserId: string, activityId: string, occurrenceId: string) =>
  `${organiserPath(organiserId, activityId)}/occurrences/${seg(occurrenceId)}`;
const offeredPath = (homeId: string, organiserId: string, activityId: string) =>
  `/tenants/${seg(homeId)}/organisers/${seg(organiserId)}/activities/${seg(activityId)}`;

/** A fresh key per user action: the same action retried (a double click, a lost answer) reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
const idempotent = (key: string, options?: Options): Options => ({ ...options, headers: { ...options?.headers, 'Idempotency-Key': key } });

export const activitiesApi = {
  /** API paths (below `/api`) of the organiser's files, saved with DownloadButton. */
  icsPath: (organiserId: string, activityId: string) => `${organiserPath(organiserId, activityId)}/calendar.ics`,
  participantsExportPath: (organiserId: string, activityId: string, occurrenceId: string, separator: 'semicolon' | 'comma' = 'semicolon') =>
    `${occurrencePath(organiserId, activityId, occurrenceId)}/registrations/export?separator=${separator}`,
  list: (organiserId: string, query: { from?: string } = {}, options?: Options) =>
    request<{ items: Activity[] }>('GET', withQuery(`/tenants/${seg(organiserId)}/activities`, query), undefined, options),
  create: (organiserId: string, input: CreateActivityInput, idempotencyKey: string, options?: Options) =>
    request<Activity>('POST', `/tenants/${seg(organiserId)}/activities`, input, idempotent(idempotencyKey, options)),
  get: (organiserId: string, activityId: string, options?: Options) => request<Activity>('GET', organiserPath(organiserId, activityId), undefined, options),
  update: (organiserId: string, activityId: string, input: UpdateActivityInput, options?: Options) =>
    request<Activity>('PUT', organiserPath(organiserId, activityId), input, options),
  cancel: (organiserId: string, activityId: string, version: number, options?: Options) =>
    request<Activity>('POST', `${organiserPath(organiserId, activityId)}/cancel`, { version }, options),
  updateOccurrence: (organiserId: string, activityId: string, occurrenceId: string, input: UpdateOccurrenceInput, options?: Options) =>
    request<Activity>('PUT', occurrencePath(organiserId, activityId, occurrenceId), input, options),
  cancelOccurrence: (organiserId: string, activityId: string, occurrenceId: string, version: number, options?: Options) =>
    request<Activity>('POST', `${occurrencePath(organiserId, activityId, occurrenceId)}/cancel`, { version }, options),
  registrations: (organiserId: string, activityId: string, occurrenceId: string, options?: Options) =>
    request<{ items: Registration[] }>('GET', `${occurrencePath(organiserId, activityId, occurrenceId)}/registrations`, undefined, options),
  registerForCompany: (organiserId: string, activityId: string, occurrenceId: string, input: OrganiserRegisterInput, idempotencyKey: string, options?: Options) =>
    request<RegistrationResult>('POST', `${occurrencePath(organiserId, activityId, occurrenceId)}/registrations`, input, idempotent(idempotencyKey, options)),
  cancelRegistration: (organiserId: string, activityId: string, occurrenceId: string, registrationId: string, options?: Options) =>
    request<Registration>('DELETE', `${occurrencePath(organiserId, activityId, occurrenceId)}/registrations/${seg(registrationId)}`, undefined, options),
  recordAttendance: (organiserId: string, activityId: string, occurrenceId: string, registrationId: string, input: AttendanceInput, options?: Options) =>
    request<Registration>('PUT', `${occurrencePath(organiserId, activityId, occurrenceId)}/registrations/${seg(registrationId)}/attendance`, input, options),
  outcomes: (organiserId: string, activityId: string, occurrenceId: string, options?: Options) =>
    request<{ items: CompanyOutcome[] }>('GET', `${occurrencePath(organiserId, activityId, occurrenceId)}/outcomes`, undefined, options),
  recordOutcome: (organiserId: string, activityId: string, occurrenceId: string, companyId: string, input: OutcomeInput, options?: Options) =>
    request<CompanyOutcome>('PUT', `${occurrencePath(organiserId, activityId, occurrenceId)}/outcomes/${seg(companyId)}`, input, options),
  participation: (tenantId: string, year: number, options?: Options) =>
    request<ParticipationFigures>('GET', withQuery(`/tenants/${seg(tenantId)}/participation`, { year }), undefined, options),

  /** A member association's view of an activity open to it, with its own (a contact: their company's) registrations. */
  offered: (homeId: string, organiserId: string, activityId: string, options?: Options) =>
    request<OfferedActivity>('GET', offeredPath(homeId, organiserId, activityId), undefined, options),
  registerColleagues: (homeId: string, organiserId: string, activityId: string, occurrenceId: string, input: RegisterInput, idempotencyKey: string, options?: Options) =>
    request<RegistrationResult>('POST', `${offeredPath(homeId, organiserId, activityId)}/occurrences/${seg(occurrenceId)}/registrations`, input, idempotent(idempotencyKey, options)),
  cancelOwnRegistration: (homeId: string, organiserId: string, activityId: string, occurrenceId: string, registrationId: string, options?: Options) =>
    request<Registration>('DELETE', `${offeredPath(homeId, organiserId, activityId)}/occurrences/${seg(occurrenceId)}/registrations/${seg(registrationId)}`, undefined, options),
};
