import { z } from 'zod';
import { ulidSchema } from '../ids';

/**
 * The people of an association: its board, its park manager(s) and its working groups. They are records the
 * association keeps about people (most of whom never sign in), not accounts: the team (`/members`) is who may use
 * Parkpunt, this is the association's organisation chart.
 *
 * Who sees what: the association's admins and editors see and edit everything. Company contacts (the members)
 * see the whole chart, but a person's e-mail and phone only when that person's `contactVisibleToMembers` is set.
 * The umbrella's admins and staff see the chart, and the e-mail and phone fields only while the association shares
 * its register with the umbrella (the `register` grant). Stripped fields are simply absent; `contactDetails` in
 * the answer says which rule applied.
 */

export const boardFunctionSchema = z
  .enum(['chair', 'vice_chair', 'secretary', 'treasurer', 'member'])
  .meta({ description: 'A board member’s function (voorzitter, ondervoorzitter, secretaris, penningmeester, bestuurder)' });
export type BoardFunction = z.infer<typeof boardFunctionSchema>;

export const workingGroupThemeSchema = z
  .enum(['mobility', 'safety', 'personnel', 'communication', 'environment', 'energy', 'other'])
  .meta({ description: 'What a working group works on' });
export type WorkingGroupTheme = z.infer<typeof workingGroupThemeSchema>;

const personName = z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' });
const email = z.email({ error: 'invalid_email' }).max(200, { error: 'too_long' });
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ./-]{5,19}$/, { error: 'invalid_phone' });
const isoDate = z.iso.date({ error: 'invalid_date' });
const contactVisibleToMembers = z
  .boolean()
  .default(false)
  .meta({ description: 'Whether the association’s company contacts may see this person’s e-mail and phone (default: no)' });
const version = z.number().int().min(1).meta({ description: 'The version this edit is based on' });

// ---- board ----

export const boardMemberInputSchema = z
  .strictObject({
    name: personName,
    function: boardFunctionSchema,
    companyId: ulidSchema
      .optional()
      .meta({ description: 'The company in the register this person represents; must exist in this association' }),
    email: email.optional(),
    phone: phone.optional(),
    termStart: isoDate.optional().meta({ description: 'First day of the mandate (open when absent)' }),
    termEnd: isoDate
      .optional()
      .meta({ description: 'Last day of the mandate (open when absent); not before termStart. Two chairs may not overlap in time' }),
    contactVisibleToMembers,
  })
  .meta({ id: 'BoardMemberInput' });
export type BoardMemberInput = z.output<typeof boardMemberInputSchema>;
export const updateBoardMemberSchema = boardMemberInputSchema.extend({ version }).meta({ id: 'UpdateBoardMember' });
export type UpdateBoardMember = z.output<typeof updateBoardMemberSchema>;

const stamps = { version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

export const boardMemberSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    function: boardFunctionSchema,
    companyId: ulidSchema.optional(),
    companyName: z.string().optional().meta({ description: 'The company’s current name; absent when the company was removed from the register' }),
    email: z.string().optional(),
    phone: z.string().optional(),
    termStart: z.string().optional(),
    termEnd: z.string().optional(),
    contactVisibleToMembers: z.boolean(),
    ...stamps,
  })
  .meta({ id: 'BoardMember' });
export type BoardMember = z.infer<typeof boardMemberSchema>;

// ---- park managers ----

export const parkManagerInputSchema = z
  .strictObject({
    name: personName,
    organisation: z
      .string()
      .trim()
      .min(1, { error: 'required' })
      .max(120, { error: 'too_long' })
      .meta({ description: 'The employing organisation (an intermunicipal body such as WVI or Interleuven, a city, VOKA, the association itself)' }),
    daysPerWeek: z
      .number({ error: 'days_per_week_range' })
      .min(0.5, { error: 'days_per_week_range' })
      .max(5, { error: 'days_per_week_range' })
      .multipleOf(0.5, { error: 'days_per_week_step' })
      .meta({ description: 'Days per week for this association: 0.5 to 5 in steps of 0.5' }),
    interim: z.boolean().default(false).meta({ description: 'An interim (ad-interim) park manager' }),
    from: isoDate.meta({ description: 'First day as park manager' }),
    until: isoDate.optional().meta({ description: 'Last day as park manager (open when absent); not before `from`' }),
    email: email.optional(),
    phone: phone.optional(),
    contactVisibleToMembers,
  })
  .meta({ id: 'ParkManagerInput' });
export type ParkManagerInput = z.output<typeof parkManagerInputSchema>;
export const updateParkManagerSchema = parkManagerInputSchema.extend({ version }).meta({ id: 'UpdateParkManager' });
export type UpdateParkManager = z.output<typeof updateParkManagerSchema>;

export const parkManagerSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    organisation: z.string(),
    daysPerWeek: z.number(),
    interim: z.boolean(),
    from: z.string(),
    until: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    contactVisibleToMembers: z.boolean(),
    ...stamps,
  })
  .meta({ id: 'ParkManager' });
export type ParkManager = z.infer<typeof parkManagerSchema>;

/**
 * Kept on the association's tenant item, written in the same transaction as every park-manager change (for the
 * umbrella's dashboard: "a park manager appointed" is a subsidy criterion). Computed for the day of the change
 * (`asOf`): `appointed` when a manager's period covers that day; `since` the earliest start among those managers;
 * `interim` when all of them are interim. `changesOn` is the next day on which the same managers would give
 * another summary (a period starting or ending): from then on the summary is stale until the next change.
 */
export const parkManagerSummarySchema = z
  .object({
    appointed: z.boolean(),
    since: z.string().optional(),
    interim: z.boolean().optional(),
    asOf: z.string(),
    changesOn: z.string().optional(),
  })
  .meta({ id: 'ParkManagerSummary' });
export type ParkManagerSummary = z.infer<typeof parkManagerSummarySchema>;

// ---- working groups ----

export const workingGroupMemberInputSchema = z.strictObject({
  id: ulidSchema
    .optional()
    .meta({ description: 'Kept for an existing member; omit for a new one, or send a new ULID to name a new member as the lead' }),
  name: personName,
  companyId: ulidSchema.optional().meta({ description: 'The member’s company in the register; must exist in this association' }),
  email: email.optional(),
  contactVisibleToMembers,
});

export const workingGroupInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'required' }).max(120, { error: 'too_long' }),
    theme: workingGroupThemeSchema,
    description: z.string().trim().max(2000, { error: 'too_long' }).optional(),
    members: z.array(workingGroupMemberInputSchema).max(40, { error: 'too_many' }).default([]),
    leadMemberId: ulidSchema
      .optional()
      .meta({ description: 'The lead (trekker): the id of one of `members`; absent for a group without a lead' }),
  })
  .meta({ id: 'WorkingGroupInput' });
export type WorkingGroupInput = z.output<typeof workingGroupInputSchema>;
export const updateWorkingGroupSchema = workingGroupInputSchema.extend({ version }).meta({ id: 'UpdateWorkingGroup' });
export type UpdateWorkingGroup = z.output<typeof updateWorkingGroupSchema>;

export const workingGroupMemberSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    companyId: ulidSchema.optional(),
    companyName: z.string().optional(),
    email: z.string().optional(),
    contactVisibleToMembers: z.boolean(),
  })
  .meta({ id: 'WorkingGroupMember' });
export type WorkingGroupMember = z.infer<typeof workingGroupMemberSchema>;

export const workingGroupSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    theme: workingGroupThemeSchema,
    description: z.string().optional(),
    members: z.array(workingGroupMemberSchema),
    leadMemberId: ulidSchema.optional(),
    ...stamps,
  })
  .meta({ id: 'WorkingGroup' });
export type WorkingGroup = z.infer<typeof workingGroupSchema>;

// ---- the whole chart, paths ----

export const contactDetailsSchema = z
  .enum(['all', 'shared_with_members', 'none'])
  .meta({ description: 'Which e-mail and phone fields this answer carries: all, only those the person shares with members, none' });
export type ContactDetails = z.infer<typeof contactDetailsSchema>;

export const peopleSchema = z
  .object({
    boardMembers: z.array(boardMemberSchema).meta({ description: 'By function (chair first), then name' }),
    parkManagers: z.array(parkManagerSchema).meta({ description: 'Current and future first, then past; by start date' }),
    workingGroups: z.array(workingGroupSchema).meta({ description: 'By name' }),
    contactDetails: contactDetailsSchema,
  })
  .meta({ id: 'People' });
export type People = z.infer<typeof peopleSchema>;

export const boardMemberPathSchema = z.strictObject({ tenantId: ulidSchema, boardMemberId: ulidSchema });
export const parkManagerPathSchema = z.strictObject({ tenantId: ulidSchema, parkManagerId: ulidSchema });
export const workingGroupPathSchema = z.strictObject({ tenantId: ulidSchema, workingGroupId: ulidSchema });
export const deletePersonQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).meta({ description: 'The version the deletion is based on' }),
});
