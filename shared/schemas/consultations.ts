import { z } from 'zod';
import { ulidSchema } from '../ids';

/**
 * The umbrella's consultation log (issue #6): contact moments its staff had with one of its associations (a board
 * meeting, a visit, a call, a workshop …), who took part, short notes and follow-ups with due dates. The log is the
 * umbrella's own: it lives in the umbrella's partition and its associations never see it.
 */

export const contactMomentTypeSchema = z
  .enum(['board_meeting', 'visit', 'call', 'workshop', 'other'])
  .meta({ description: 'Kind of contact: board meeting (raad van bestuur), visit, call, workshop, other' });
export type ContactMomentType = z.infer<typeof contactMomentTypeSchema>;

const day = z.iso.date({ error: 'invalid_date' });
const version = z.number().int().min(1).meta({ description: 'The version this edit is based on' });

export const MAX_PARTICIPANTS = 30;
export const MAX_FOLLOW_UPS = 20;
export const MAX_NOTES = 2000;

export const followUpInputSchema = z.strictObject({
  id: ulidSchema.optional().meta({ description: 'Absent for a new follow-up; an existing one keeps its id' }),
  text: z.string().trim().min(1, { error: 'required' }).max(300, { error: 'too_long' }),
  dueOn: day.meta({ description: 'Due date (YYYY-MM-DD); may lie in the future' }),
  done: z.boolean().default(false),
});
export type FollowUpInput = z.output<typeof followUpInputSchema>;

export const contactMomentInputSchema = z
  .strictObject({
    date: day.meta({ description: 'The day of the contact (YYYY-MM-DD, Brussels); today or earlier' }),
    type: contactMomentTypeSchema,
    participants: z
      .array(z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' }))
      .max(MAX_PARTICIPANTS, { error: 'too_many_participants' })
      .default([]),
    notes: z.string().trim().max(MAX_NOTES, { error: 'too_long' }).default(''),
    followUps: z.array(followUpInputSchema).max(MAX_FOLLOW_UPS, { error: 'too_many_follow_ups' }).default([]),
  })
  .meta({ id: 'ContactMomentInput' });
export type ContactMomentInput = z.output<typeof contactMomentInputSchema>;

export const updateContactMomentSchema = contactMomentInputSchema.extend({ version }).meta({ id: 'UpdateContactMoment' });
export type UpdateContactMoment = z.output<typeof updateContactMomentSchema>;

export const followUpSchema = z
  .object({ id: ulidSchema, text: z.string(), dueOn: z.string(), done: z.boolean() })
  .meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof followUpSchema>;

export const contactMomentSchema = z
  .object({
    id: ulidSchema,
    umbrellaId: ulidSchema,
    associationId: ulidSchema,
    associationName: z.string(),
    date: z.string(),
    type: contactMomentTypeSchema,
    participants: z.array(z.string()),
    notes: z.string(),
    followUps: z.array(followUpSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().optional().meta({ description: 'Name of who recorded it' }),
  })
  .meta({ id: 'ContactMoment' });
export type ContactMoment = z.infer<typeof contactMomentSchema>;

export const contactMomentPageSchema = z
  .object({ items: z.array(contactMomentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ContactMomentPage' });
export type ContactMomentPage = z.infer<typeof contactMomentPageSchema>;

export const contactMomentListQuerySchema = z
  .strictObject({
    from: day.optional().meta({ description: 'First day, inclusive' }),
    to: day.optional().meta({ description: 'Last day, inclusive' }),
    associationId: ulidSchema.optional().meta({ description: 'Only the contact moments with this association' }),
    sort: z.enum(['date', '-date']).default('date').meta({ description: 'By date, oldest first (`-date`: newest first)' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from `nextCursor` of the previous page' }),
  })
  .refine((query) => !query.from || !query.to || query.to >= query.from, { path: ['to'], error: 'end_before_start' });
export type ContactMomentListQuery = z.output<typeof contactMomentListQuerySchema>;

export const openFollowUpSchema = z
  .object({
    id: ulidSchema,
    text: z.string(),
    dueOn: z.string(),
    done: z.boolean(),
    momentId: ulidSchema,
    momentDate: z.string(),
    momentType: contactMomentTypeSchema,
    momentVersion: z.number().int().meta({ description: 'The contact moment’s version (to mark the follow-up done)' }),
    associationId: ulidSchema,
    associationName: z.string(),
  })
  .meta({ id: 'FollowUpEntry' });
export type FollowUpEntry = z.infer<typeof openFollowUpSchema>;

export const followUpPageSchema = z
  .object({ items: z.array(openFollowUpSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'FollowUpPage' });
export type FollowUpPage = z.infer<typeof followUpPageSchema>;

export const followUpListQuerySchema = z.strictObject({
  status: z.enum(['open', 'done']).default('open').meta({ description: 'Open follow-ups (by due date) or done ones' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from `nextCursor` of the previous page' }),
});

export const associationContactsPathSchema = z.strictObject({ tenantId: ulidSchema, associationId: ulidSchema });
export const contactMomentPathSchema = z.strictObject({ tenantId: ulidSchema, associationId: ulidSchema, momentId: ulidSchema });
export const followUpPathSchema = z.strictObject({ tenantId: ulidSchema, associationId: ulidSchema, momentId: ulidSchema, followUpId: ulidSchema });
export const deleteContactMomentQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).meta({ description: 'The version the deletion is based on' }),
});
export const setFollowUpSchema = z.strictObject({ done: z.boolean(), version }).meta({ id: 'SetFollowUp' });
export type SetFollowUp = z.output<typeof setFollowUpSchema>;
