import type { Activity, ActivityType, Attendance, Audience, Occurrence, Place, Registration, RegistrationStatus, Repeat, TenantKind } from '../../shared/index';
import { keys } from '../lib/keys';

/** Item shapes of the activities context; the store builds and reads them only through these functions. */

export type ActivityItem = {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  type: 'activity';
  id: string;
  organiserId: string;
  organiserName: string;
  organiserKind: TenantKind;
  /** An association organiser's umbrella: its `umbrella` audience is every association under it. */
  organiserUmbrellaId?: string;
  activityType: ActivityType;
  title: string;
  description?: string;
  themes: string[];
  place: Place;
  audience: Audience;
  perCompanyLimit: number | null;
  registrationClosesHoursBefore: number;
  repeat?: Repeat;
  status: 'scheduled' | 'cancelled';
  version: number;
  createdAt: string;
  updatedAt: string;
};

/**
 * An occurrence carries everything a registration's condition needs (status, open, deadline, seats, the company
 * limit), so a registration is one conditioned update of this item and never has to lock the activity.
 */
export type OccurrenceItem = {
  pk: string;
  sk: string;
  type: 'occurrence';
  id: string;
  activityId: string;
  organiserId: string;
  startsAt: string;
  endsAt: string;
  startsAtUtc: string;
  /** gsi2: the Brussels start day, for the reminder job (keys.occurrenceDayIndex); absent on rows written before it. */
  gsi2pk?: string;
  gsi2sk?: string;
  /** UTC, as toISOString() writes it: compared as a string with the request's time in conditions. */
  closesAt: string;
  /** Absent = unlimited (a condition can then test attribute_not_exists). */
  capacity?: number;
  taken: number;
  waiting: number;
  attended: number;
  registrationOpen: boolean;
  status: 'scheduled' | 'cancelled';
  perCompanyLimit?: number;
  year: number;
  version: number;
};

export type RegistrationItem = {
  pk: string;
  sk: string;
  type: 'registration';
  id: string;
  organiserId: string;
  activityId: string;
  occurrenceId: string;
  kind: 'person' | 'company';
  registrantKey: string;
  name: string;
  email: string;
  function?: string;
  notes?: string;
  language: 'nl' | 'en';
  companyId: string;
  companyName: string;
  associationId: string;
  umbrellaId?: string;
  year: number;
  status: RegistrationStatus;
  attendance: Attendance;
  passed?: boolean;
  registeredAt: string;
  registeredBy: string;
  version: number;
};

export function activityItem(activity: Omit<Activity, 'occurrences'>, firstStartUtc: string, organiserUmbrellaId?: string): ActivityItem {
  const { type, ...rest } = activity;
  return {
    ...keys.activity(activity.organiserId, activity.id),
    ...keys.activityIndex(activity.organiserId, firstStartUtc, activity.id),
    ...rest,
    ...(organiserUmbrellaId ? { organiserUmbrellaId } : {}),
    type: 'activity',
    activityType: type,
  };
}

export function toOccurrence(item: Record<string, unknown>): Occurrence {
  const o = item as OccurrenceItem;
  return {
    id: o.id,
    activityId: o.activityId,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    capacity: o.capacity ?? null,
    taken: o.taken,
    waiting: o.waiting,
    attended: o.attended ?? 0,
    registrationOpen: o.registrationOpen,
    registrationClosesAt: o.closesAt,
    status: o.status,
    version: o.version,
  };
}

export function toActivity(item: Record<string, unknown>, occurrences: Record<string, unknown>[]): Activity {
  const a = item as ActivityItem;
  return {
    id: a.id,
    organiserId: a.organiserId,
    organiserName: a.organiserName,
    organiserKind: a.organiserKind,
    type: a.activityType,
    title: a.title,
    ...(a.description ? { description: a.description } : {}),
    themes: a.themes ?? [],
    place: a.place,
    audience: a.audience,
    perCompanyLimit: a.perCompanyLimit ?? null,
    registrationClosesHoursBefore: a.registrationClosesHoursBefore,
    ...(a.repeat ? { repeat: a.repeat } : {}),
    status: a.status,
    occurrences: occurrences.map(toOccurrence).sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt)),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function toRegistration(item: Record<string, unknown>, waitlistPosition?: number): Registration {
  const r = item as RegistrationItem;
  return {
    id: r.id,
    organiserId: r.organiserId,
    activityId: r.activityId,
    occurrenceId: r.occurrenceId,
    kind: r.kind,
    name: r.name,
    email: r.email,
    ...(r.function ? { function: r.function } : {}),
    ...(r.notes ? { notes: r.notes } : {}),
    language: r.language,
    companyId: r.companyId,
    companyName: r.companyName,
    associationId: r.associationId,
    status: r.status,
    ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
    attendance: r.attendance,
    ...(typeof r.passed === 'boolean' ? { passed: r.passed } : {}),
    registeredAt: r.registeredAt,
    version: r.version,
  };
}
