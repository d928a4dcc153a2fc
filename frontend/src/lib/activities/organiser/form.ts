import type { Activity, ActivityType, CreateActivityInput, UpdateActivityInput } from '../../../../../shared/index';
import { fromLocalInput, toLocalInput } from '../format';

/** The create/edit form's values as the inputs hold them (strings), and their way to and from the API. */
/** The types in the order the select offers them (as the API's `activityTypeSchema`, without bundling zod). */
export const ACTIVITY_TYPES: readonly ActivityType[] = [
  'experience_exchange',
  'workshop',
  'training',
  'info_session',
  'networking',
  'meetup',
  'collective_action',
  'social_action',
];

export type PlaceKind = 'company' | 'address' | 'online';
export type AudienceKind = 'own_members' | 'associations' | 'umbrella' | 'link';

export type ActivityFormValues = {
  type: ActivityType;
  title: string;
  description: string;
  themes: string[];
  placeKind: PlaceKind;
  company: { id: string; name: string; municipality?: string } | null;
  placeName: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  municipality: string;
  url: string;
  placeNote: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  perCompanyLimit: string;
  closesHoursBefore: string;
  audienceKind: AudienceKind;
  associationIds: string[];
  repeat: boolean;
  frequency: 'weekly' | 'monthly';
  interval: string;
  until: string;
};

export function emptyValues(organiserKind: 'association' | 'umbrella'): ActivityFormValues {
  return {
    type: 'workshop',
    title: '',
    description: '',
    themes: [],
    placeKind: 'address',
    company: null,
    placeName: '',
    street: '',
    houseNumber: '',
    postalCode: '',
    municipality: '',
    url: '',
    placeNote: '',
    startsAt: '',
    endsAt: '',
    capacity: '',
    perCompanyLimit: '',
    closesHoursBefore: '0',
    audienceKind: organiserKind === 'umbrella' ? 'umbrella' : 'own_members',
    associationIds: [],
    repeat: false,
    frequency: 'monthly',
    interval: '1',
    until: '',
  };
}

export function valuesFrom(activity: Activity): ActivityFormValues {
  const place = activity.place;
  const first = [...activity.occurrences].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return {
    ...emptyValues(activity.organiserKind),
    type: activity.type,
    title: activity.title,
    description: activity.description ?? '',
    themes: [...activity.themes],
    placeKind: place.kind,
    company: place.kind === 'company' ? { id: place.companyId, name: place.companyName, ...(place.municipality ? { municipality: place.municipality } : {}) } : null,
    placeName: place.kind === 'address' ? (place.name ?? '') : '',
    street: place.kind !== 'online' ? (place.street ?? '') : '',
    houseNumber: place.kind !== 'online' ? (place.houseNumber ?? '') : '',
    postalCode: place.kind !== 'online' ? (place.postalCode ?? '') : '',
    municipality: place.kind !== 'online' ? (place.municipality ?? '') : '',
    url: place.kind === 'online' ? place.url : '',
    placeNote: place.note ?? '',
    startsAt: first ? toLocalInput(first.startsAt) : '',
    endsAt: first ? toLocalInput(first.endsAt) : '',
    capacity: first?.capacity === null || first === undefined ? '' : String(first.capacity),
    perCompanyLimit: activity.perCompanyLimit === null ? '' : String(activity.perCompanyLimit),
    closesHoursBefore: String(activity.registrationClosesHoursBefore),
    audienceKind: activity.audience.kind,
    associationIds: activity.audience.kind === 'associations' ? [...activity.audience.associationIds] : [],
  };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);
/** An empty number input means "no limit"; anything else is sent as typed, so the API judges it. */
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

function placeInput(values: ActivityFormValues, organiserId: string): CreateActivityInput['place'] {
  const note = optional(values.placeNote);
  if (values.placeKind === 'online') return { kind: 'online', url: values.url.trim(), ...(note ? { note } : {}) };
  if (values.placeKind === 'company') return { kind: 'company', associationId: organiserId, companyId: values.company?.id ?? '', ...(note ? { note } : {}) };
  const name = optional(values.placeName);
  const houseNumber = optional(values.houseNumber);
  return {
    kind: 'address',
    street: values.street.trim(),
    postalCode: values.postalCode.trim(),
    municipality: values.municipality.trim(),
    ...(name ? { name } : {}),
    ...(houseNumber ? { houseNumber } : {}),
    ...(note ? { note } : {}),
  };
}

function commonInput(values: ActivityFormValues, organiserId: string) {
  const description = optional(values.description);
  return {
    type: values.type,
    title: values.title.trim(),
    ...(description ? { description } : {}),
    themes: values.themes,
    place: placeInput(values, organiserId),
    audience: (values.audienceKind === 'associations'
      ? { kind: 'associations', associationIds: values.associationIds }
      : { kind: values.audienceKind }) as CreateActivityInput['audience'],
    perCompanyLimit: numberOrNull(values.perCompanyLimit),
    registrationClosesHoursBefore: Number(values.closesHoursBefore.trim() || '0'),
  };
}

export function toCreateInput(values: ActivityFormValues, organiserId: string): CreateActivityInput {
  return {
    ...commonInput(values, organiserId),
    startsAt: fromLocalInput(values.startsAt) ?? values.startsAt,
    endsAt: fromLocalInput(values.endsAt) ?? values.endsAt,
    capacity: numberOrNull(values.capacity),
    ...(values.repeat ? { repeat: { frequency: values.frequency, interval: Number(values.interval || '1'), until: values.until } } : {}),
  };
}

export function toUpdateInput(values: ActivityFormValues, organiserId: string, version: number): UpdateActivityInput {
  return { ...commonInput(values, organiserId), version };
}

/** The form's fields, by the API's paths: a message at `place.street` shows at the street input. */
export const FIELD_PATHS = [
  'type',
  'title',
  'description',
  'themes',
  'place.companyId',
  'place.associationId',
  'place.name',
  'place.street',
  'place.houseNumber',
  'place.postalCode',
  'place.municipality',
  'place.url',
  'place.note',
  'place',
  'startsAt',
  'endsAt',
  'capacity',
  'perCompanyLimit',
  'registrationClosesHoursBefore',
  'audience.associationIds',
  'audience',
  'repeat.interval',
  'repeat.until',
  'repeat',
] as const;
export type FieldPath = (typeof FIELD_PATHS)[number];

/** The form field an API path belongs to (the longest matching prefix), or undefined for the summary. */
export function fieldOf(path: string): FieldPath | undefined {
  const normalised = path === 'place.associationId' ? 'place.companyId' : path;
  let best: FieldPath | undefined;
  for (const candidate of FIELD_PATHS) {
    if ((normalised === candidate || normalised.startsWith(`${candidate}.`)) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best === 'place.associationId' ? 'place.companyId' : best;
}

export type Check = 'required' | 'endBeforeStart' | 'inThePast' | 'untilBeforeStart' | 'invalidNumber';

/** What the browser can tell before sending: required fields, end after start, no start in the past. */
export function checkValues(values: ActivityFormValues, creating: boolean, now: number): Partial<Record<FieldPath, Check>> {
  const found: Partial<Record<FieldPath, Check>> = {};
  if (!values.title.trim()) found.title = 'required';
  if (values.placeKind === 'company' && !values.company) found['place.companyId'] = 'required';
  if (values.placeKind === 'address') {
    if (!values.street.trim()) found['place.street'] = 'required';
    if (!values.postalCode.trim()) found['place.postalCode'] = 'required';
    if (!values.municipality.trim()) found['place.municipality'] = 'required';
  }
  if (values.placeKind === 'online' && !values.url.trim()) found['place.url'] = 'required';
  if (values.audienceKind === 'associations' && values.associationIds.length === 0) found['audience.associationIds'] = 'required';
  const wholeNumber = (value: string) => value.trim() === '' || /^\d+$/.test(value.trim());
  if (!wholeNumber(values.perCompanyLimit)) found.perCompanyLimit = 'invalidNumber';
  if (!wholeNumber(values.closesHoursBefore)) found.registrationClosesHoursBefore = 'invalidNumber';
  if (!creating) return found;
  const start = fromLocalInput(values.startsAt);
  const end = fromLocalInput(values.endsAt);
  if (!start) found.startsAt = 'required';
  else if (Date.parse(start) <= now) found.startsAt = 'inThePast';
  if (!end) found.endsAt = 'required';
  else if (start && Date.parse(end) <= Date.parse(start)) found.endsAt = 'endBeforeStart';
  if (!wholeNumber(values.capacity)) found.capacity = 'invalidNumber';
  if (values.repeat) {
    if (!values.until) found['repeat.until'] = 'required';
    else if (start && values.until < values.startsAt.slice(0, 10)) found['repeat.until'] = 'untilBeforeStart';
    if (!/^\d+$/.test(values.interval.trim())) found['repeat.interval'] = 'invalidNumber';
  }
  return found;
}
