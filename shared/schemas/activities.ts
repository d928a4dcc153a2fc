import { z } from 'zod';
import { ulidSchema } from '../ids';

/**
 * Activities (issue #5): what associations and umbrellas organise together — experience exchanges, trainings,
 * collective actions — with registrations per company, a waitlist, attendance and outcomes.
 */

export const activityTypeSchema = z.enum([
  'experience_exchange',
  'workshop',
  'training',
  'info_session',
  'networking',
  'meetup',
  'collective_action',
  'social_action',
]);
export type ActivityType = z.infer<typeof activityTypeSchema>;

/** Activity types a company can join as a whole (e.g. a hazardous-waste collection), besides people. */
export const WHOLE_COMPANY_TYPES: readonly ActivityType[] = ['collective_action', 'social_action'];

const text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
const optionalText = (max: number) => z.string().trim().max(max, { error: 'too_long' }).optional();

/** A moment with its UTC offset, e.g. `2027-06-03T12:00:00+02:00`; stored and shown in Europe/Brussels. */
export const instantSchema = z
  .iso.datetime({ offset: true, error: 'invalid_datetime' })
  .meta({ description: 'ISO 8601 date and time with its offset (or Z); answered in Europe/Brussels time', example: '2027-06-03T12:00:00+02:00' });

/**
 * Who may see and register: the organiser's own members; chosen associations (the organiser's own members
 * always included when the organiser is an association); every association under the organiser's umbrella
 * (for an umbrella: its own associations); or anyone signed in who has the link.
 */
export const audienceSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('own_members') }),
    z.strictObject({ kind: z.literal('associations'), associationIds: z.array(ulidSchema).min(1, { error: 'required' }).max(100, { error: 'too_many' }) }),
    z.strictObject({ kind: z.literal('umbrella') }),
    z.strictObject({ kind: z.literal('link') }),
  ])
  .meta({ id: 'ActivityAudience' });
export type Audience = z.infer<typeof audienceSchema>;

/** Where it happens: at a host company on a park, at an address, or online. */
export const placeInputSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('company'),
      associationId: ulidSchema.meta({ description: 'The host company’s association: the organiser itself, or (for an umbrella) one of its associations' }),
      companyId: ulidSchema,
      note: optionalText(300).meta({ description: 'e.g. “meeting room 2, entrance B”' }),
    }),
    z.strictObject({
      kind: z.literal('address'),
      name: optionalText(200),
      street: text(200),
      houseNumber: optionalText(20),
      postalCode: z.string().trim().regex(/^\d{4}$/, { error: 'invalid_postal_code' }),
      municipality: text(100),
      note: optionalText(300),
    }),
    z.strictObject({ kind: z.literal('online'), url: z.url({ protocol: /^https$/, error: 'invalid_url' }).max(500, { error: 'too_long' }), note: optionalText(300) }),
  ])
  .meta({ id: 'ActivityPlaceInput' });
export type PlaceInput = z.infer<typeof placeInputSchema>;

export const placeSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('company'),
      associationId: ulidSchema,
      companyId: ulidSchema,
      companyName: z.string(),
      street: z.string().optional(),
      houseNumber: z.string().optional(),
      postalCode: z.string().optional(),
      municipality: z.string().optional(),
      note: z.string().optional(),
    }),
    z.object({
      kind: z.literal('address'),
      name: z.string().optional(),
      street: z.string(),
      houseNumber: z.string().optional(),
      postalCode: z.string(),
      municipality: z.string(),
      note: z.string().optional(),
    }),
    z.object({ kind: z.literal('online'), url: z.string(), note: z.string().optional() }),
  ])
  .meta({ id: 'ActivityPlace' });
export type Place = z.infer<typeof placeSchema>;

/**
 * A series repeats the first occurrence's local time and length: weekly on its weekday, or monthly on the same
 * weekday of the month (the Noonwalk: the first Thursday, June to September), until a date, at most 52 times.
 */
export const repeatSchema = z
  .strictObject({
    frequency: z.enum(['weekly', 'monthly']),
    interval: z.number().int().min(1).max(12).default(1).meta({ description: 'Every n weeks or months' }),
    until: z.iso.date({ error: 'invalid_date' }).meta({ description: 'Last possible day (Europe/Brussels), inclusive' }),
  })
  .meta({ id: 'ActivityRepeat' });
export type Repeat = z.infer<typeof repeatSchema>;

const capacitySchema = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .nullable()
  .meta({ description: 'Seats per occurrence; null = unlimited; 0 = everyone goes to the waitlist until seats are added' });

const activityFields = {
  type: activityTypeSchema,
  title: text(200),
  description: optionalText(5000),
  themes: z.array(text(60)).max(10, { error: 'too_many' }).default([]),
  place: placeInputSchema,
  audience: audienceSchema,
  perCompanyLimit: z.number().int().min(1).max(1000).nullable().default(null).meta({ description: 'Registrations (seats and waitlist) one company may hold per occurrence; null = no limit' }),
  registrationClosesHoursBefore: z.number().int().min(0).max(2160).default(0).meta({ description: 'Registration closes this many hours before each occurrence starts' }),
};

export const createActivitySchema = z
  .strictObject({
    ...activityFields,
    startsAt: instantSchema,
    endsAt: instantSchema,
    capacity: capacitySchema.default(null),
    repeat: repeatSchema.optional(),
  })
  .meta({ id: 'CreateActivity' });
export type CreateActivityInput = z.input<typeof createActivitySchema>;
export type CreateActivity = z.output<typeof createActivitySchema>;

export const updateActivitySchema = z
  .strictObject({ ...activityFields, version: z.number().int().min(1) })
  .meta({ id: 'UpdateActivity' });
export type UpdateActivityInput = z.input<typeof updateActivitySchema>;
export type UpdateActivity = z.output<typeof updateActivitySchema>;

export const versionBodySchema = z.strictObject({ version: z.number().int().min(1) }).meta({ id: 'VersionOnly' });

/** Move an occurrence, change its seats, or open/close its registration (based on its version). */
export const updateOccurrenceSchema = z
  .strictObject({
    startsAt: instantSchema,
    endsAt: instantSchema,
    capacity: capacitySchema,
    registrationOpen: z.boolean(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'UpdateOccurrence' });
export type UpdateOccurrence = z.output<typeof updateOccurrenceSchema>;

export const activityStatusSchema = z.enum(['scheduled', 'cancelled']);

export const occurrenceSchema = z
  .object({
    id: ulidSchema,
    activityId: ulidSchema,
    startsAt: z.string().meta({ description: 'Europe/Brussels, with offset' }),
    endsAt: z.string(),
    capacity: z.number().int().nullable(),
    taken: z.number().int().meta({ description: 'Confirmed seats' }),
    waiting: z.number().int().meta({ description: 'People on the waitlist' }),
    attended: z.number().int(),
    registrationOpen: z.boolean(),
    registrationClosesAt: z.string(),
    status: activityStatusSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Occurrence' });
export type Occurrence = z.infer<typeof occurrenceSchema>;

export const activitySchema = z
  .object({
    id: ulidSchema,
    organiserId: ulidSchema,
    organiserName: z.string(),
    organiserKind: z.enum(['umbrella', 'association']),
    type: activityTypeSchema,
    title: z.string(),
    description: z.string().optional(),
    themes: z.array(z.string()),
    place: placeSchema,
    audience: audienceSchema,
    perCompanyLimit: z.number().int().nullable(),
    registrationClosesHoursBefore: z.number().int(),
    repeat: repeatSchema.optional(),
    status: activityStatusSchema,
    occurrences: z.array(occurrenceSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof activitySchema>;

export const activityListSchema = z.object({ items: z.array(activitySchema) }).meta({ id: 'ActivityList' });
export const activityListQuerySchema = z.strictObject({
  from: z.iso.date({ error: 'invalid_date' }).optional().meta({ description: 'Only activities starting on or after this day (default: all)' }),
});

export const activityPathSchema = z.strictObject({ tenantId: ulidSchema, activityId: ulidSchema });
export const occurrencePathSchema = z.strictObject({ tenantId: ulidSchema, activityId: ulidSchema, occurrenceId: ulidSchema });
export const registrationPathSchema = occurrencePathSchema.extend({ registrationId: ulidSchema });
export const occurrenceCompanyPathSchema = occurrencePathSchema.extend({ companyId: ulidSchema });
/** Participant routes: the caller's own association in `tenantId`, the organiser beside it. */
export const offeredActivityPathSchema = z.strictObject({ tenantId: ulidSchema, organiserId: ulidSchema, activityId: ulidSchema });
export const offeredOccurrencePathSchema = offeredActivityPathSchema.extend({ occurrenceId: ulidSchema });
export const offeredRegistrationPathSchema = offeredOccurrencePathSchema.extend({ registrationId: ulidSchema });

export const languageSchema = z.enum(['nl', 'en']);

export const personInputSchema = z.strictObject({
  name: text(120),
  email: z.email({ error: 'invalid_email' }).max(200, { error: 'too_long' }),
  function: optionalText(120),
  notes: optionalText(500).meta({ description: 'Dietary or accessibility needs' }),
  language: languageSchema.default('nl').meta({ description: 'The language of their mails' }),
});
export type PersonInput = z.output<typeof personInputSchema>;

/** Colleagues by name, or (for collective and social actions) the company as a whole with one contact. */
const registrationVariants = {
  people: { kind: z.literal('people'), companyId: ulidSchema, people: z.array(personInputSchema).min(1, { error: 'required' }).max(50, { error: 'too_many' }) },
  company: { kind: z.literal('company'), companyId: ulidSchema, contact: personInputSchema },
};

export const registerSchema = z
  .discriminatedUnion('kind', [z.strictObject(registrationVariants.people), z.strictObject(registrationVariants.company)])
  .meta({ id: 'Register' });
export type Register = z.output<typeof registerSchema>;

export const organiserRegisterSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...registrationVariants.people, associationId: ulidSchema.meta({ description: 'The company’s association (in the audience)' }) }),
    z.strictObject({ ...registrationVariants.company, associationId: ulidSchema }),
  ])
  .meta({ id: 'OrganiserRegister' });
export type OrganiserRegister = z.output<typeof organiserRegisterSchema>;

export const registrationStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;
export const attendanceSchema = z.enum(['unknown', 'present', 'no_show']);
export type Attendance = z.infer<typeof attendanceSchema>;

export const registrationSchema = z
  .object({
    id: ulidSchema.meta({ description: 'Also the arrival order: the waitlist is served by it' }),
    organiserId: ulidSchema,
    activityId: ulidSchema,
    occurrenceId: ulidSchema,
    kind: z.enum(['person', 'company']),
    name: z.string(),
    email: z.string(),
    function: z.string().optional(),
    notes: z.string().optional(),
    language: languageSchema,
    companyId: ulidSchema,
    companyName: z.string(),
    associationId: ulidSchema.meta({ description: 'The company’s (home) association, credited with the participation' }),
    status: registrationStatusSchema,
    waitlistPosition: z.number().int().optional(),
    attendance: attendanceSchema,
    passed: z.boolean().optional(),
    registeredAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof registrationSchema>;

export const registrationOutcomeSchema = z.enum(['confirmed', 'waitlisted', 'existing']);
export const registrationResultSchema = z
  .object({
    results: z.array(z.object({ outcome: registrationOutcomeSchema, registration: registrationSchema })),
  })
  .meta({ id: 'RegistrationResult' });
export type RegistrationResult = z.infer<typeof registrationResultSchema>;

export const registrationListSchema = z.object({ items: z.array(registrationSchema) }).meta({ id: 'RegistrationList' });

export const attendanceInputSchema = z
  .strictObject({
    attendance: attendanceSchema,
    passed: z.boolean().nullable().optional().meta({ description: 'Trainings: passed (certificate) or not; null clears' }),
    version: z.number().int().min(1),
  })
  .meta({ id: 'AttendanceInput' });

export const quantitySchema = z.strictObject({
  quantity: z.number().min(0, { error: 'not_negative' }).max(1e9),
  unit: text(30).meta({ example: 'kg' }),
  what: optionalText(100).meta({ example: 'small hazardous waste' }),
});
export const outcomeInputSchema = z
  .strictObject({
    quantities: z.array(quantitySchema).max(20, { error: 'too_many' }),
    version: z.number().int().min(0).meta({ description: '0 when no outcome was recorded yet' }),
  })
  .meta({ id: 'OutcomeInput' });
export const companyOutcomeSchema = z
  .object({
    occurrenceId: ulidSchema,
    companyId: ulidSchema,
    companyName: z.string(),
    associationId: ulidSchema,
    quantities: z.array(z.object({ quantity: z.number(), unit: z.string(), what: z.string().optional() })),
    version: z.number().int(),
  })
  .meta({ id: 'CompanyOutcome' });
export type CompanyOutcome = z.infer<typeof companyOutcomeSchema>;
export type AttendanceInput = z.input<typeof attendanceInputSchema>;
export type OutcomeInput = z.input<typeof outcomeInputSchema>;
export type OrganiserRegisterInput = z.input<typeof organiserRegisterSchema>;
export type RegisterInput = z.input<typeof registerSchema>;
export type UpdateOccurrenceInput = z.input<typeof updateOccurrenceSchema>;

/** What a home association (or an umbrella, over its associations) is credited with in one year. */
export const participationFiguresSchema = z
  .object({
    year: z.number().int(),
    participantsRegistered: z.number().int(),
    participantsAttended: z.number().int(),
    companiesRegistered: z.number().int(),
    companiesAttended: z.number().int(),
  })
  .meta({ id: 'ParticipationFigures' });
export type ParticipationFigures = z.infer<typeof participationFiguresSchema>;
export const participationQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });

/**
 * An activity as a member association sees it: no audience list and no register ids of the host (both name
 * other tenants), plus the registrations of the member's own association (a company contact: their company's).
 */
export const offeredActivitySchema = activitySchema
  .omit({ place: true, audience: true })
  .extend({
    place: z.object({
      kind: z.enum(['company', 'address', 'online']),
      companyName: z.string().optional(),
      name: z.string().optional(),
      street: z.string().optional(),
      houseNumber: z.string().optional(),
      postalCode: z.string().optional(),
      municipality: z.string().optional(),
      url: z.string().optional(),
      note: z.string().optional(),
    }),
    audience: z.object({ kind: z.enum(['own_members', 'associations', 'umbrella', 'link']) }),
    myRegistrations: z.array(registrationSchema),
  })
  .meta({ id: 'OfferedActivity' });
export type OfferedActivity = z.infer<typeof offeredActivitySchema>;

export const outcomeListSchema = z.object({ items: z.array(companyOutcomeSchema) }).meta({ id: 'OutcomeList' });
