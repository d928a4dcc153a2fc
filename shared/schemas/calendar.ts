import { z } from 'zod';
import { ulidSchema } from '../ids';
import { activityStatusSchema, activityTypeSchema, registrationStatusSchema } from './activities';

/**
 * The members' side of activities (issue #5): an association's calendar of every occurrence open to it, a
 * company's registrations across organisers, calendar files (.ics) and subscribable feeds.
 */

const day = z.iso.date({ error: 'invalid_date' });

export const calendarQuerySchema = z
  .strictObject({
    from: day.optional().meta({ description: 'First day (Europe/Brussels), inclusive; default today' }),
    to: day.optional().meta({ description: 'Last day (Europe/Brussels), inclusive; default: no end' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from `nextCursor` of the previous page' }),
  })
  .refine((query) => !query.from || !query.to || query.to >= query.from, { path: ['to'], error: 'end_before_start' });

export const calendarPlaceSchema = z.object({
  kind: z.enum(['company', 'address', 'online']),
  companyName: z.string().optional(),
  name: z.string().optional(),
  municipality: z.string().optional(),
});

export const calendarEntrySchema = z
  .object({
    organiserId: ulidSchema,
    organiserName: z.string(),
    organiserKind: z.enum(['umbrella', 'association']),
    activityId: ulidSchema,
    occurrenceId: ulidSchema,
    type: activityTypeSchema,
    title: z.string(),
    themes: z.array(z.string()),
    startsAt: z.string().meta({ description: 'Europe/Brussels, with offset' }),
    endsAt: z.string(),
    place: calendarPlaceSchema,
    status: activityStatusSchema,
  })
  .meta({ id: 'CalendarEntry' });
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const calendarPageSchema = z
  .object({ items: z.array(calendarEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CalendarPage' });
export type CalendarPage = z.infer<typeof calendarPageSchema>;

export const myRegistrationsQuerySchema = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  companyId: ulidSchema.optional().meta({ description: 'One company of the association (a company contact: only their own)' }),
});

export const myRegistrationSchema = z
  .object({
    id: ulidSchema,
    organiserId: ulidSchema,
    organiserName: z.string(),
    activityId: ulidSchema,
    occurrenceId: ulidSchema,
    activityTitle: z.string(),
    activityType: activityTypeSchema,
    startsAt: z.string(),
    endsAt: z.string(),
    occurrenceStatus: activityStatusSchema,
    kind: z.enum(['person', 'company']),
    name: z.string(),
    companyId: ulidSchema,
    companyName: z.string(),
    status: registrationStatusSchema,
    registrationClosesAt: z.string(),
  })
  .meta({ id: 'MyRegistration' });
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const myRegistrationListSchema = z.object({ items: z.array(myRegistrationSchema) }).meta({ id: 'MyRegistrationList' });
export type MyRegistrationList = z.infer<typeof myRegistrationListSchema>;

/** A calendar file (RFC 5545), time zone Europe/Brussels. */
export const icsFileSchema = z.string().meta({ id: 'IcsFile', contentMediaType: 'text/calendar', description: 'iCalendar (RFC 5545), Europe/Brussels' });

export const calendarFeedScopeSchema = z.enum(['association', 'me']);
export const createCalendarFeedSchema = z
  .strictObject({ scope: calendarFeedScopeSchema.meta({ description: 'association: the association’s calendar; me: the caller’s (company’s) registrations' }) })
  .meta({ id: 'CreateCalendarFeed' });
export const calendarFeedSchema = z
  .object({ id: ulidSchema, scope: calendarFeedScopeSchema, createdAt: z.string() })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
export const createdCalendarFeedSchema = calendarFeedSchema
  .extend({ url: z.string().meta({ description: 'The subscription URL with its secret token: shown once, never again' }) })
  .meta({ id: 'CreatedCalendarFeed' });
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>;
export const calendarFeedListSchema = z.object({ items: z.array(calendarFeedSchema) }).meta({ id: 'CalendarFeedList' });
export const calendarFeedPathSchema = z.strictObject({ tenantId: ulidSchema, feedId: ulidSchema });
/** `<sub>.<tenantId>.<feedId>.<secret>`: the owner, tenant and feed locate the item; only the secret's hash is stored. */
export const calendarFeedTokenPathSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9-]{1,64}\.[0-9A-HJKMNP-TV-Z]{26}\.[0-9A-HJKMNP-TV-Z]{26}\.[A-Za-z0-9_-]{43}(\.ics)?$/, { error: 'invalid_token' }),
});
