import type { z } from 'zod';
import type { GrantScope, Role, TenantKind } from '../shared/index';
import { memberDirectoryPageSchema, memberDirectoryQuerySchema, myCompanySchema, updateMyCompanySchema } from '../shared/index';
import { comparisonQuerySchema, comparisonSchema } from '../shared/index';
// — issue #6: the association's own view among its umbrella's associations —
import { peerPositionQuerySchema, peerPositionSchema } from '../shared/index';
import {
  associationListSchema,
  companyListQuerySchema,
  companyPageSchema,
  companyPathSchema,
  companySchema,
  createCompanySchema,
  deleteCompanyQuerySchema,
  healthSchema,
  meSchema,
  memberListSchema,
  memberSchema,
  memberPathSchema,
  changeRoleSchema,
  removeMemberQuerySchema,
  invitationListSchema,
  invitationSchema,
  createInvitationSchema,
  invitationPathSchema,
  invitationTokenBodySchema,
  invitationPreviewSchema,
  auditPageSchema,
  auditQuerySchema,
  grantListSchema,
  grantPathSchema,
  grantSchema,
  coverageSchema,
  goalsSchema,
  updateGoalsSchema,
  companyHistorySchema,
  duesSchema,
  putDuesSchema,
  duesPathSchema,
  duesListQuerySchema,
  duesListSchema,
  parkListSchema,
  parkSchema,
  parkInputSchema,
  updateParkSchema,
  parkPathSchema,
  kboPreviewRequestSchema,
  kboPreviewSchema,
  kboApplyRequestSchema,
  kboApplyResultSchema,
  tenantListSchema,
  tenantPathSchema,
  tenantSchema,
  updateCompanySchema,
} from '../shared/index';
import {
  peopleSchema,
  boardMemberSchema,
  boardMemberInputSchema,
  updateBoardMemberSchema,
  boardMemberPathSchema,
  parkManagerSchema,
  parkManagerInputSchema,
  updateParkManagerSchema,
  parkManagerPathSchema,
  workingGroupSchema,
  workingGroupInputSchema,
  updateWorkingGroupSchema,
  workingGroupPathSchema,
  deletePersonQuerySchema,
} from '../shared/index';

import {
  activityListQuerySchema,
  activityListSchema,
  activityPathSchema,
  activitySchema,
  attendanceInputSchema,
  companyOutcomeSchema,
  createActivitySchema,
  occurrenceCompanyPathSchema,
  occurrencePathSchema,
  offeredActivityPathSchema,
  offeredActivitySchema,
  offeredOccurrencePathSchema,
  offeredRegistrationPathSchema,
  organiserRegisterSchema,
  outcomeInputSchema,
  outcomeListSchema,
  participationFiguresSchema,
  participationQuerySchema,
  registerSchema,
  registrationListSchema,
  registrationPathSchema,
  registrationResultSchema,
  registrationSchema,
  updateActivitySchema,
  updateOccurrenceSchema,
  versionBodySchema,
} from '../shared/index';

// — activities: members' calendar, my registrations, calendar files —
import {
  calendarPageSchema,
  calendarQuerySchema,
  myRegistrationListSchema,
  myRegistrationsQuerySchema,
  icsFileSchema,
  createCalendarFeedSchema,
  createdCalendarFeedSchema,
  calendarFeedListSchema,
  calendarFeedPathSchema,
  calendarFeedTokenPathSchema,
} from '../shared/index';
// — activities: participants export and reminders —
import { participantsExportQuerySchema } from '../shared/index';

// — budgets and subsidy KPIs —
import { budgetPathSchema, budgetSchema, budgetYearsSchema, putBudgetSchema, subsidyKpisQuerySchema, subsidyKpisSchema } from '../shared/index';
// — consultation log (issue #6) —
import {
  associationContactsPathSchema,
  contactMomentInputSchema,
  contactMomentListQuerySchema,
  contactMomentPageSchema,
  contactMomentPathSchema,
  contactMomentSchema,
  deleteContactMomentQuerySchema,
  followUpListQuerySchema,
  followUpPageSchema,
  followUpPathSchema,
  setFollowUpSchema,
  updateContactMomentSchema,
} from '../shared/index';

// — the umbrella's yearly report (issue #6) —
import { reportExportQuerySchema, reportFileSchema, reportQuerySchema, reportSchema } from '../shared/index';

// — CSV import and export of the register —
import { csvFileSchema, exportQuerySchema, importApplyRequestSchema, importApplyResultSchema, importPreviewRequestSchema, importPreviewSchema } from '../shared/index';

/**
 * The route table: the single description of the HTTP API. The CDK API stack creates one HTTP API route per
 * entry and one Lambda per bounded context; the local gateway serves the same entries with the same handler
 * exports; the OpenAPI document is generated from it.
 */
export const contexts = {
  platform: { entry: 'functions/platform/handler.ts', memorySize: 256, timeoutSeconds: 5 },
  organisations: { entry: 'functions/organisations/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  companies: { entry: 'functions/companies/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  identity: { entry: 'functions/identity/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  team: { entry: 'functions/team/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  membership: { entry: 'functions/membership/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  selfservice: { entry: 'functions/selfservice/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  people: { entry: 'functions/people/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  activities: { entry: 'functions/activities/handler.ts', memorySize: 512, timeoutSeconds: 30 },
  /**
   * The members' side of activities: calendars, registrations across organisers, .ics files and feeds. Read-only
   * projections (plus feed tokens) apart from the activities function, so the one public route here (a calendar
   * feed fetched without a token) runs in a function that can neither assume the participation role nor mail.
   */
  calendar: { entry: 'functions/calendar/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  /** Budgets per association and year, and the funder's subsidy KPIs (park manager, coverage, next year's budget). */
  budgets: { entry: 'functions/budgets/handler.ts', memorySize: 512, timeoutSeconds: 10 },
  /**
   * CSV import and export: more memory is more CPU for checking a file of thousands of rows; an import of a whole
   * park is dozens of transactions in a row, so it gets up to API Gateway's 30 s (and stops, undone, before that).
   */
  transfer: { entry: 'functions/transfer/handler.ts', memorySize: 1024, timeoutSeconds: 29 },
  /** The umbrella's consultation log: contact moments with its associations and their follow-ups (its own partition only). */
  consultations: { entry: 'functions/consultations/handler.ts', memorySize: 256, timeoutSeconds: 10 },
  /**
   * The umbrella's yearly report: read-only over its own partition (contact moments, its activities), a Query per
   * counted occurrence, and an XLSX workbook built in memory: more memory (= CPU) and time than a plain list.
   */
  reports: { entry: 'functions/reports/handler.ts', memorySize: 512, timeoutSeconds: 29 },
} as const;
export type ContextName = keyof typeof contexts;

/**
 * Handlers of the table's stream (not HTTP): CDK attaches them to the table's stream, the local runner polls
 * DynamoDB Local's stream and calls the same exports.
 */
export const streamConsumers = {
  rollups: { entry: 'functions/rollups/handler.ts', memorySize: 256, timeoutSeconds: 30, batchSize: 50 },
  /** The members' calendar: copies each activity's occurrences into its audience's partitions, sends invitations. */
  calendarFanOut: { entry: 'functions/calendar/stream.ts', memorySize: 512, timeoutSeconds: 60, batchSize: 20 },
} as const;
export type StreamConsumerName = keyof typeof streamConsumers;

// — activities: participants export and reminders —
/**
 * Handlers run on a schedule (not HTTP): CDK invokes each through an EventBridge rule (`schedule`, a cron in UTC),
 * the local runner calls the same export every `localEveryMinutes`. Each must be idempotent.
 */
export const scheduledJobs = {
  /** Reminders the day before: 07:00 UTC is 08:00 or 09:00 in Brussels. */
  reminders: { entry: 'functions/reminders/handler.ts', memorySize: 256, timeoutSeconds: 300, schedule: 'cron(0 7 * * ? *)', localEveryMinutes: 15 },
} as const;
export type ScheduledJobName = keyof typeof scheduledJobs;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `tenant` routes name the tenant in the path (`{tenantId}`); the caller's role there is
 * their own membership, else their role in the association's umbrella, else platform admin. No relationship at
 * all answers 404 (indistinguishable from a missing tenant); a relationship with a role not listed answers 403.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'platform' }
  | {
      kind: 'tenant';
      tenantKind: TenantKind | 'any';
      roles: readonly Role[];
      /** false: umbrella people do not get this route on their associations (e.g. the team: personal data). */
      viaUmbrella?: boolean;
      /** Umbrella people get this route on an association only while it grants them this scope. */
      umbrellaGrant?: GrantScope;
    };

export type RouteResponse = { description: string; schema?: z.ZodType };

export type RouteDefinition = {
  method: HttpMethod;
  path: `/api/${string}`;
  context: ContextName;
  operationId: string;
  summary: string;
  access: Access;
  request?: { path?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  responses: Record<number, RouteResponse>;
  /** Creation routes accept an `Idempotency-Key` header so that a retried POST never creates twice. */
  idempotent?: boolean;
  /** Bodies above this size answer 413; default MAX_BODY_BYTES (64 KB). */
  maxBodyBytes?: number;
};

const PUBLIC = { kind: 'public' } as const;
const everyoneOfAssociation: readonly Role[] = [
  'association_admin', 'association_editor', 'company_contact', 'external_partner', 'umbrella_admin', 'umbrella_staff', 'platform_admin',
];
const registerReaders: readonly Role[] = ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'];
const registerEditors: readonly Role[] = ['association_admin', 'association_editor'];
/**
 * The people of an association (board, park managers, working groups): its admins and editors write; its company
 * contacts and its umbrella's people read (contact fields as shared/schemas/people.ts describes); platform admins
 * and external partners do not see them.
 */
const peopleReaders: readonly Role[] = ['association_admin', 'association_editor', 'company_contact', 'umbrella_admin', 'umbrella_staff'];
const peopleEditors = { kind: 'tenant', tenantKind: 'association', roles: registerEditors } as const;

/** Who runs a tenant's team: its own admins only, never umbrella people through their association. */
const teamAdmins = { kind: 'tenant', tenantKind: 'any', roles: ['association_admin', 'umbrella_admin'], viaUmbrella: false } as const;

/** Who organises activities: an association's or an umbrella's own people (never umbrella people on an association). */
const activityOrganisers = { kind: 'tenant', tenantKind: 'any', roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'], viaUmbrella: false } as const;
/** Who registers from an association's side: its admins and editors for any company, a contact for their own. */
const activityMembers = { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'company_contact'], viaUmbrella: false } as const;

/**
 * Budgets and subsidy KPIs: the association's admins and editors write; they and its umbrella's people read (the
 * umbrella reports to the funder); company contacts, external partners and platform admins do not see them.
 */
const budgetReaders = { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'] } as const;
const budgetEditors = { kind: 'tenant', tenantKind: 'association', roles: registerEditors, viaUmbrella: false } as const;
/** The umbrella's consultation log: its own admins and staff only (not the platform, never its associations). */
const umbrellaStaff = { kind: 'tenant', tenantKind: 'umbrella', roles: ['umbrella_admin', 'umbrella_staff'], viaUmbrella: false } as const;

const notFound = { 404: { description: 'Not found, or not visible to the caller' } };
const invalid = { 400: { description: 'Invalid input, with field-level messages' } };

export const routes = [
  {
    method: 'GET', path: '/api/health', context: 'platform', operationId: 'getHealth',
    summary: 'Liveness of the API', access: PUBLIC, responses: { 200: { description: 'Healthy', schema: healthSchema } },
  },
  {
    method: 'GET', path: '/api/openapi.json', context: 'platform', operationId: 'getOpenApi',
    summary: 'This API described as OpenAPI 3.1', access: PUBLIC, responses: { 200: { description: 'The OpenAPI document' } },
  },
  {
    method: 'GET', path: '/api/me', context: 'identity', operationId: 'getMe',
    summary: 'The signed-in person and their memberships', access: { kind: 'signedIn' },
    responses: { 200: { description: 'The caller', schema: meSchema }, 401: { description: 'Not signed in' } },
  },
  {
    method: 'GET', path: '/api/umbrellas', context: 'organisations', operationId: 'listUmbrellas',
    summary: 'All umbrella organisations', access: { kind: 'platform' }, responses: { 200: { description: 'Umbrellas', schema: tenantListSchema } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}', context: 'organisations', operationId: 'getTenant',
    summary: 'One umbrella or association', access: { kind: 'tenant', tenantKind: 'any', roles: everyoneOfAssociation }, request: { path: tenantPathSchema },
    responses: { 200: { description: 'The tenant', schema: tenantSchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/associations', context: 'organisations', operationId: 'listAssociations',
    summary: 'Associations under an umbrella', access: { kind: 'tenant', tenantKind: 'umbrella', roles: ['umbrella_admin', 'umbrella_staff', 'platform_admin'] }, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Associations', schema: associationListSchema }, ...invalid, ...notFound },
  },
  // — umbrella dashboard (issue #6): the comparison table —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/comparison', context: 'organisations', operationId: 'getComparison',
    summary: 'One row per association under the umbrella with its precomputed figures (one Query of the umbrella’s partition)',
    access: { kind: 'tenant', tenantKind: 'umbrella', roles: ['umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: { path: tenantPathSchema, query: comparisonQuerySchema },
    responses: { 200: { description: 'The comparison', schema: comparisonSchema }, ...invalid, ...notFound },
  },
  /**
   * The association's own position among its umbrella's associations: its own admins and editors (the people who
   * read its register and figures). Not through the umbrella (its people have the comparison itself), not for
   * company contacts or external partners, not for platform admins.
   */
  {
    method: 'GET', path: '/api/tenants/{tenantId}/peer-position', context: 'organisations', operationId: 'getPeerPosition',
    summary: 'The association’s figures against anonymised quartiles of the associations under its umbrella (no names, ids or single values)',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors, viaUmbrella: false },
    request: { path: tenantPathSchema, query: peerPositionQuerySchema },
    responses: { 200: { description: 'The position', schema: peerPositionSchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/parks', context: 'organisations', operationId: 'listParks',
    summary: 'Parks of an association', access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'company_contact', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] }, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Parks', schema: parkListSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/parks', context: 'organisations', operationId: 'createPark',
    summary: 'Add a park with its streets and zones', access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin'], viaUmbrella: false },
    request: { path: tenantPathSchema, body: parkInputSchema },
    responses: { 201: { description: 'Created', schema: parkSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/parks/{parkId}', context: 'organisations', operationId: 'updatePark',
    summary: 'Edit a park, its streets and zones (based on a version)', access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin'], viaUmbrella: false },
    request: { path: parkPathSchema, body: updateParkSchema },
    responses: { 200: { description: 'Updated', schema: parkSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the park' } },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/parks/{parkId}/kbo/preview', context: 'companies', operationId: 'previewKboImport',
    summary: 'Preview a CBE/KBO import for one park: the candidates the browser found in the extract against the register',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, maxBodyBytes: 4 * 1024 * 1024,
    request: { path: parkPathSchema, body: kboPreviewRequestSchema },
    responses: { 200: { description: 'What an import would add, change and mark as vanished', schema: kboPreviewSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/parks/{parkId}/kbo/apply', context: 'companies', operationId: 'applyKboImport',
    summary: 'Apply a confirmed CBE/KBO import: all of it, or nothing when the register changed since the preview',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, maxBodyBytes: 4 * 1024 * 1024,
    request: { path: parkPathSchema, body: kboApplyRequestSchema },
    responses: { 200: { description: 'Applied', schema: kboApplyResultSchema }, ...invalid, ...notFound, 409: { description: 'The register changed since the preview: nothing written' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/companies', context: 'companies', operationId: 'listCompanies',
    summary: 'Companies on the association’s parks, by name', access: { kind: 'tenant', tenantKind: 'association', roles: registerReaders, umbrellaGrant: 'register' }, request: { path: tenantPathSchema, query: companyListQuerySchema },
    responses: { 200: { description: 'A page of companies', schema: companyPageSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/companies', context: 'companies', operationId: 'createCompany',
    summary: 'Add a company to the register', access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, request: { path: tenantPathSchema, body: createCompanySchema }, idempotent: true,
    responses: { 201: { description: 'Created', schema: companySchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/companies/{companyId}', context: 'companies', operationId: 'getCompany',
    summary: 'One company', access: { kind: 'tenant', tenantKind: 'association', roles: registerReaders, umbrellaGrant: 'register' }, request: { path: companyPathSchema },
    responses: { 200: { description: 'The company', schema: companySchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/companies/{companyId}', context: 'companies', operationId: 'updateCompany',
    summary: 'Edit a company (based on a version)', access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, request: { path: companyPathSchema, body: updateCompanySchema },
    responses: {
      200: { description: 'Updated', schema: companySchema }, ...invalid, ...notFound,
      409: { description: 'The version is stale; `error.current` holds the current company' },
    },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/companies/{companyId}', context: 'companies', operationId: 'deleteCompany',
    summary: 'Remove a company (based on a version)', access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, request: { path: companyPathSchema, query: deleteCompanyQuerySchema },
    responses: {
      204: { description: 'Deleted' }, ...invalid, ...notFound,
      409: { description: 'The version is stale; `error.current` holds the current company' },
    },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/members', context: 'team', operationId: 'listMembers',
    summary: 'The people of a tenant and their roles', access: teamAdmins, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Members', schema: memberListSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/members/{userId}', context: 'team', operationId: 'changeMemberRole',
    summary: 'Change a member’s role (based on a version)', access: teamAdmins, request: { path: memberPathSchema, body: changeRoleSchema },
    responses: { 200: { description: 'Changed', schema: memberSchema }, ...invalid, ...notFound, 409: { description: 'Stale version, or the last admin would lose their role' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/members/{userId}', context: 'team', operationId: 'removeMember',
    summary: 'Remove someone from the tenant (based on a version)', access: teamAdmins, request: { path: memberPathSchema, query: removeMemberQuerySchema },
    responses: { 204: { description: 'Removed' }, ...invalid, ...notFound, 409: { description: 'Stale version, or the last admin' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/invitations', context: 'team', operationId: 'listInvitations',
    summary: 'Pending invitations', access: teamAdmins, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Invitations', schema: invitationListSchema }, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/invitations', context: 'team', operationId: 'createInvitation',
    summary: 'Invite someone by e-mail (single-use link, valid 7 days)', access: teamAdmins, request: { path: tenantPathSchema, body: createInvitationSchema },
    responses: { 201: { description: 'Invited; the mail is on its way', schema: invitationSchema }, ...invalid, ...notFound },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/invitations/{invitationId}', context: 'team', operationId: 'revokeInvitation',
    summary: 'Withdraw a pending invitation', access: teamAdmins, request: { path: invitationPathSchema },
    responses: { 204: { description: 'Withdrawn' }, ...notFound },
  },
  {
    method: 'POST', path: '/api/invitations/preview', context: 'team', operationId: 'previewInvitation',
    summary: 'What an invitation link offers (the token in the body, so it never lands in access logs)', access: { kind: 'signedIn' }, request: { body: invitationTokenBodySchema },
    responses: { 200: { description: 'The invitation', schema: invitationPreviewSchema }, 404: { description: 'Invalid link' }, 409: { description: 'Already used' }, 410: { description: 'Expired' } },
  },
  {
    method: 'POST', path: '/api/invitations/accept', context: 'team', operationId: 'acceptInvitation',
    summary: 'Join the tenant with the signed-in identity', access: { kind: 'signedIn' }, request: { body: invitationTokenBodySchema },
    responses: { 200: { description: 'Joined' }, 404: { description: 'Invalid link' }, 409: { description: 'Already used, or already a member' }, 410: { description: 'Expired' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/audit', context: 'team', operationId: 'listAudit',
    summary: 'The tenant’s audit log, newest first', access: teamAdmins, request: { path: tenantPathSchema, query: auditQuerySchema },
    responses: { 200: { description: 'A page of audit entries', schema: auditPageSchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/grants', context: 'team', operationId: 'listGrants',
    summary: 'What an association opened up to its umbrella (or, for an umbrella, what its associations opened up)',
    access: { kind: 'tenant', tenantKind: 'any', roles: ['association_admin', 'umbrella_admin', 'umbrella_staff'] }, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Grants', schema: grantListSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/grants/{scope}', context: 'team', operationId: 'giveGrant',
    summary: 'Open a scope (the company register) up to the umbrella’s people; recorded and visible to both',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin'], viaUmbrella: false }, request: { path: grantPathSchema },
    responses: { 200: { description: 'Granted', schema: grantSchema }, ...notFound },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/grants/{scope}', context: 'team', operationId: 'withdrawGrant',
    summary: 'Withdraw a grant; takes effect on the umbrella’s next request',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin'], viaUmbrella: false }, request: { path: grantPathSchema },
    responses: { 204: { description: 'Withdrawn' }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/coverage', context: 'membership', operationId: 'getCoverage',
    summary: 'Members ÷ companies per park and in total, against the goals, and over time',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: { path: tenantPathSchema }, responses: { 200: { description: 'Coverage', schema: coverageSchema }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/goals', context: 'membership', operationId: 'getGoals',
    summary: 'The association’s coverage target, founding threshold and stage',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: { path: tenantPathSchema }, responses: { 200: { description: 'Goals', schema: goalsSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/goals', context: 'membership', operationId: 'updateGoals',
    summary: 'Set the goals (based on a version; 0 while never set)',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin'], viaUmbrella: false },
    request: { path: tenantPathSchema, body: updateGoalsSchema },
    responses: { 200: { description: 'Goals', schema: goalsSchema }, ...invalid, ...notFound, 409: { description: 'Stale version' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/companies/{companyId}/history', context: 'membership', operationId: 'getCompanyHistory',
    summary: 'A company’s history in the register: added, status changes, removed',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerReaders, umbrellaGrant: 'register' },
    request: { path: companyPathSchema }, responses: { 200: { description: 'History', schema: companyHistorySchema }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/dues', context: 'membership', operationId: 'listDues',
    summary: 'Members’ dues of one year',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor'] },
    request: { path: tenantPathSchema, query: duesListQuerySchema }, responses: { 200: { description: 'Dues', schema: duesListSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/companies/{companyId}/dues/{year}', context: 'membership', operationId: 'putDues',
    summary: 'Set a member’s dues for a year: amount, invoiced, paid (based on a version; 0 to create)',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor'] },
    request: { path: duesPathSchema, body: putDuesSchema },
    responses: { 200: { description: 'Dues', schema: duesSchema }, ...invalid, ...notFound, 409: { description: 'Stale version' } },
  },
  // — people of the association: board, park managers, working groups —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/people', context: 'people', operationId: 'listPeople',
    summary: 'The association’s board, park managers and working groups; e-mail and phone as the caller may see them (see `contactDetails`)',
    access: { kind: 'tenant', tenantKind: 'association', roles: peopleReaders }, request: { path: tenantPathSchema },
    responses: { 200: { description: 'The people', schema: peopleSchema }, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/people/board', context: 'people', operationId: 'createBoardMember',
    summary: 'Add a board member (one chair at a time)', access: peopleEditors, idempotent: true,
    request: { path: tenantPathSchema, body: boardMemberInputSchema },
    responses: { 201: { description: 'Added', schema: boardMemberSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/people/board/{boardMemberId}', context: 'people', operationId: 'updateBoardMember',
    summary: 'Edit a board member (based on a version)', access: peopleEditors,
    request: { path: boardMemberPathSchema, body: updateBoardMemberSchema },
    responses: { 200: { description: 'Updated', schema: boardMemberSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the board member' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/people/board/{boardMemberId}', context: 'people', operationId: 'deleteBoardMember',
    summary: 'Remove a board member (based on a version)', access: peopleEditors,
    request: { path: boardMemberPathSchema, query: deletePersonQuerySchema },
    responses: { 204: { description: 'Removed' }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the board member' } },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/people/park-managers', context: 'people', operationId: 'createParkManager',
    summary: 'Add a park manager (several may overlap, e.g. two interim managers); updates the association’s park-manager summary',
    access: peopleEditors, idempotent: true,
    request: { path: tenantPathSchema, body: parkManagerInputSchema },
    responses: { 201: { description: 'Added', schema: parkManagerSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/people/park-managers/{parkManagerId}', context: 'people', operationId: 'updateParkManager',
    summary: 'Edit a park manager (based on a version)', access: peopleEditors,
    request: { path: parkManagerPathSchema, body: updateParkManagerSchema },
    responses: { 200: { description: 'Updated', schema: parkManagerSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the park manager' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/people/park-managers/{parkManagerId}', context: 'people', operationId: 'deleteParkManager',
    summary: 'Remove a park manager (based on a version)', access: peopleEditors,
    request: { path: parkManagerPathSchema, query: deletePersonQuerySchema },
    responses: { 204: { description: 'Removed' }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the park manager' } },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/people/working-groups', context: 'people', operationId: 'createWorkingGroup',
    summary: 'Add a working group with its members and lead', access: peopleEditors, idempotent: true,
    request: { path: tenantPathSchema, body: workingGroupInputSchema },
    responses: { 201: { description: 'Added', schema: workingGroupSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/people/working-groups/{workingGroupId}', context: 'people', operationId: 'updateWorkingGroup',
    summary: 'Edit a working group, its members and lead (based on a version)', access: peopleEditors,
    request: { path: workingGroupPathSchema, body: updateWorkingGroupSchema },
    responses: { 200: { description: 'Updated', schema: workingGroupSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the working group' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/people/working-groups/{workingGroupId}', context: 'people', operationId: 'deleteWorkingGroup',
    summary: 'Remove a working group (based on a version)', access: peopleEditors,
    request: { path: workingGroupPathSchema, query: deletePersonQuerySchema },
    responses: { 204: { description: 'Removed' }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the working group' } },
  },
  // — CSV import and export of the register —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/companies/export', context: 'transfer', operationId: 'exportRegisterCsv',
    summary: 'The register as a CSV file for Excel (UTF-8 with BOM, `;` or `,`): its companies, or their contacts; optionally of one park',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerReaders, umbrellaGrant: 'register' },
    request: { path: tenantPathSchema, query: exportQuerySchema },
    responses: { 200: { description: 'The CSV file, as an attachment', schema: csvFileSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/companies/import/preview', context: 'transfer', operationId: 'previewCsvImport',
    summary: 'What importing a CSV file of companies or contacts would do, line by line (new, update, unchanged, errors); writes nothing',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, maxBodyBytes: 4 * 1024 * 1024,
    request: { path: tenantPathSchema, body: importPreviewRequestSchema },
    responses: { 200: { description: 'The preview, with its fingerprint', schema: importPreviewSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/companies/import/apply', context: 'transfer', operationId: 'applyCsvImport',
    summary: 'Import a previewed CSV file: all of it, or nothing when it has errors or the file or the register changed since the preview',
    access: { kind: 'tenant', tenantKind: 'association', roles: registerEditors }, maxBodyBytes: 4 * 1024 * 1024,
    request: { path: tenantPathSchema, body: importApplyRequestSchema },
    responses: {
      200: { description: 'Imported', schema: importApplyResultSchema },
      400: { description: 'The file has errors (`import_has_errors`) or invalid input: nothing written' }, ...notFound,
      409: { description: 'The file or the register changed since the preview (`import_stale`): nothing written' },
    },
  },
  // — member self-service —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/my-company', context: 'selfservice', operationId: 'getMyCompany',
    summary: 'A company contact’s own company with its contacts (not the association’s notes)',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['company_contact'], viaUmbrella: false }, request: { path: tenantPathSchema },
    responses: {
      200: { description: 'The company', schema: myCompanySchema }, ...notFound,
      403: { description: 'Not a company contact of this association (staff use the register)' },
    },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/my-company', context: 'selfservice', operationId: 'updateMyCompany',
    summary: 'A company contact edits their company: website, e-mail, phone, size class and contacts (based on a version)',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['company_contact'], viaUmbrella: false },
    request: { path: tenantPathSchema, body: updateMyCompanySchema },
    responses: {
      200: { description: 'Updated', schema: myCompanySchema }, ...invalid, ...notFound,
      409: { description: 'The version is stale; `error.current` holds the company as the contact sees it' },
    },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/member-directory', context: 'selfservice', operationId: 'listMemberDirectory',
    summary: 'The association’s member companies as published to members: name, place, park, sector, website',
    access: { kind: 'tenant', tenantKind: 'association', roles: ['association_admin', 'association_editor', 'company_contact'], viaUmbrella: false },
    request: { path: tenantPathSchema, query: memberDirectoryQuerySchema },
    responses: { 200: { description: 'A page of member companies', schema: memberDirectoryPageSchema }, ...invalid, ...notFound },
  },
  // — activities: events, registrations, waitlist, attendance —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities', context: 'activities', operationId: 'listActivities',
    summary: 'The activities this umbrella or association organises, by first start', access: activityOrganisers,
    request: { path: tenantPathSchema, query: activityListQuerySchema },
    responses: { 200: { description: 'Activities', schema: activityListSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/activities', context: 'activities', operationId: 'createActivity',
    summary: 'Organise an activity (optionally a series of occurrences) for an audience', access: activityOrganisers, idempotent: true,
    request: { path: tenantPathSchema, body: createActivitySchema },
    responses: { 201: { description: 'Created', schema: activitySchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities/{activityId}', context: 'activities', operationId: 'getActivity',
    summary: 'One activity with its occurrences and seat counters', access: activityOrganisers, request: { path: activityPathSchema },
    responses: { 200: { description: 'The activity', schema: activitySchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/activities/{activityId}', context: 'activities', operationId: 'updateActivity',
    summary: 'Edit an activity’s description, place, audience, company limit and deadline (based on a version)', access: activityOrganisers,
    request: { path: activityPathSchema, body: updateActivitySchema },
    responses: { 200: { description: 'Updated', schema: activitySchema }, ...invalid, ...notFound, 409: { description: 'Stale version (`error.current`), or cancelled' } },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/activities/{activityId}/cancel', context: 'activities', operationId: 'cancelActivity',
    summary: 'Cancel an activity: every registration lapses and everyone is told (repeat to finish an interrupted one)', access: activityOrganisers,
    request: { path: activityPathSchema, body: versionBodySchema },
    responses: { 200: { description: 'Cancelled', schema: activitySchema }, ...invalid, ...notFound, 409: { description: 'Stale version' } },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}', context: 'activities', operationId: 'updateOccurrence',
    summary: 'Move an occurrence, change its seats (added seats serve the waitlist) or open/close its registration', access: activityOrganisers,
    request: { path: occurrencePathSchema, body: updateOccurrenceSchema },
    responses: { 200: { description: 'Updated', schema: activitySchema }, ...invalid, ...notFound, 409: { description: 'Stale version, or cancelled' } },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/cancel', context: 'activities', operationId: 'cancelOccurrence',
    summary: 'Cancel one occurrence of a series: its registrations lapse and everyone is told', access: activityOrganisers,
    request: { path: occurrencePathSchema, body: versionBodySchema },
    responses: { 200: { description: 'Cancelled', schema: activitySchema }, ...invalid, ...notFound, 409: { description: 'Stale version' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/registrations', context: 'activities', operationId: 'listRegistrations',
    summary: 'Registrations of an occurrence in arrival order, with waitlist places', access: activityOrganisers, request: { path: occurrencePathSchema },
    responses: { 200: { description: 'Registrations', schema: registrationListSchema }, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/registrations', context: 'activities', operationId: 'registerForCompany',
    summary: 'The organiser registers people (or a whole company) of an association in the audience', access: activityOrganisers, idempotent: true,
    request: { path: occurrencePathSchema, body: organiserRegisterSchema },
    responses: { 201: { description: 'Registered or waitlisted', schema: registrationResultSchema }, 200: { description: 'Everyone was registered already', schema: registrationResultSchema }, ...invalid, ...notFound, 409: { description: 'Closed, cancelled, past the deadline, beyond the company limit, or registered through another company' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/registrations/{registrationId}', context: 'activities', operationId: 'cancelRegistration',
    summary: 'The organiser cancels a registration; a freed seat goes to the first on the waitlist', access: activityOrganisers, request: { path: registrationPathSchema },
    responses: { 200: { description: 'Cancelled', schema: registrationSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/registrations/{registrationId}/attendance', context: 'activities', operationId: 'recordAttendance',
    summary: 'Check someone in, mark a no-show, and for trainings whether they passed (based on a version)', access: activityOrganisers,
    request: { path: registrationPathSchema, body: attendanceInputSchema },
    responses: { 200: { description: 'Recorded', schema: registrationSchema }, ...invalid, ...notFound, 409: { description: 'Stale version, or not a confirmed registration' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/outcomes', context: 'activities', operationId: 'listOutcomes',
    summary: 'What each registered company brought or bought (quantities with units)', access: activityOrganisers, request: { path: occurrencePathSchema },
    responses: { 200: { description: 'Outcomes', schema: outcomeListSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/outcomes/{companyId}', context: 'activities', operationId: 'recordOutcome',
    summary: 'Record a registered company’s outcome, e.g. kg of hazardous waste (based on a version; 0 the first time)', access: activityOrganisers,
    request: { path: occurrenceCompanyPathSchema, body: outcomeInputSchema },
    responses: { 200: { description: 'Recorded', schema: companyOutcomeSchema }, ...invalid, ...notFound, 409: { description: 'Stale version' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/organisers/{organiserId}/activities/{activityId}', context: 'activities', operationId: 'getOfferedActivity',
    summary: 'An activity open to the association’s members, with their own registrations', access: activityMembers, request: { path: offeredActivityPathSchema },
    responses: { 200: { description: 'The activity', schema: offeredActivitySchema }, 403: { description: 'Not open to this association' }, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/organisers/{organiserId}/activities/{activityId}/occurrences/{occurrenceId}/registrations', context: 'activities', operationId: 'registerColleagues',
    summary: 'A member company registers colleagues (or itself, for collective actions); full means the waitlist', access: activityMembers, idempotent: true,
    request: { path: offeredOccurrencePathSchema, body: registerSchema },
    responses: { 201: { description: 'Registered or waitlisted', schema: registrationResultSchema }, 200: { description: 'Everyone was registered already', schema: registrationResultSchema }, ...invalid, 403: { description: 'Not your company, or not open to this association' }, ...notFound, 409: { description: 'Closed, cancelled, past the deadline, beyond the company limit, or registered through another company' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/organisers/{organiserId}/activities/{activityId}/occurrences/{occurrenceId}/registrations/{registrationId}', context: 'activities', operationId: 'cancelOwnRegistration',
    summary: 'A member company cancels its registration until the registration deadline', access: activityMembers, request: { path: offeredRegistrationPathSchema },
    responses: { 200: { description: 'Cancelled', schema: registrationSchema }, 403: { description: 'Not your company' }, ...notFound, 409: { description: 'Past the deadline' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/participation', context: 'activities', operationId: 'getParticipationFigures',
    summary: 'Participation credited to this association’s companies (an umbrella: its associations’) in a year, exact',
    access: { kind: 'tenant', tenantKind: 'any', roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: { path: tenantPathSchema, query: participationQuerySchema },
    responses: { 200: { description: 'Figures', schema: participationFiguresSchema }, ...invalid, ...notFound },
  },
  // — activities: members' calendar, my registrations, calendar files —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/calendar', context: 'calendar', operationId: 'getCalendar',
    summary: 'Every occurrence open to this association’s members (its own activities included), by start',
    access: activityMembers, request: { path: tenantPathSchema, query: calendarQuerySchema },
    responses: { 200: { description: 'A page of the calendar', schema: calendarPageSchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/my-registrations', context: 'calendar', operationId: 'listMyRegistrations',
    summary: 'Registrations of the association’s companies (a company contact: their own company’s) across every organiser',
    access: activityMembers, request: { path: tenantPathSchema, query: myRegistrationsQuerySchema },
    responses: { 200: { description: 'Registrations, soonest first (past: latest first)', schema: myRegistrationListSchema }, ...invalid, 403: { description: 'Another company than the contact’s own' }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities/{activityId}/calendar.ics', context: 'calendar', operationId: 'getActivityIcs',
    summary: 'The organiser’s calendar file of an activity: one event per occurrence (RFC 5545, Europe/Brussels)', access: activityOrganisers,
    request: { path: activityPathSchema },
    responses: { 200: { description: 'The .ics file, as an attachment', schema: icsFileSchema }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/organisers/{organiserId}/activities/{activityId}/calendar.ics', context: 'calendar', operationId: 'getOfferedActivityIcs',
    summary: 'The calendar file of an activity open to the association’s members', access: activityMembers,
    request: { path: offeredActivityPathSchema },
    responses: { 200: { description: 'The .ics file, as an attachment', schema: icsFileSchema }, 403: { description: 'Not open to this association' }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/calendar-feeds', context: 'calendar', operationId: 'listCalendarFeeds',
    summary: 'The caller’s own calendar feeds in this association (without their secret URLs)', access: activityMembers,
    request: { path: tenantPathSchema },
    responses: { 200: { description: 'Feeds', schema: calendarFeedListSchema }, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/calendar-feeds', context: 'calendar', operationId: 'createCalendarFeed',
    summary: 'A subscribable feed (the association’s calendar, or the caller’s registrations); its URL is shown once', access: activityMembers,
    request: { path: tenantPathSchema, body: createCalendarFeedSchema },
    responses: { 201: { description: 'Created, with the URL', schema: createdCalendarFeedSchema }, ...invalid, ...notFound },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/calendar-feeds/{feedId}', context: 'calendar', operationId: 'revokeCalendarFeed',
    summary: 'Revoke one of the caller’s feeds: its URL answers 404 from then on (revoking again, or an unknown id, changes nothing)', access: activityMembers,
    request: { path: calendarFeedPathSchema },
    responses: { 204: { description: 'Revoked' }, ...notFound },
  },
  {
    method: 'GET', path: '/api/calendar-feeds/{token}', context: 'calendar', operationId: 'getCalendarFeed',
    summary: 'A subscribed calendar feed, fetched by calendar apps without a bearer token: the secret URL is the credential', access: PUBLIC,
    request: { path: calendarFeedTokenPathSchema },
    responses: { 200: { description: 'The feed (.ics)', schema: icsFileSchema }, ...notFound },
  },
  // — activities: participants export and reminders —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/activities/{activityId}/occurrences/{occurrenceId}/registrations/export', context: 'activities', operationId: 'exportParticipantsCsv',
    summary: 'The participants of an occurrence as a CSV file for Excel (UTF-8 with BOM, `;` or `,`), headers in the caller’s language',
    access: activityOrganisers, request: { path: occurrencePathSchema, query: participantsExportQuerySchema },
    responses: { 200: { description: 'The CSV file, as an attachment', schema: csvFileSchema }, ...invalid, ...notFound },
  },
  // — budgets and subsidy KPIs —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/budgets', context: 'budgets', operationId: 'listBudgets',
    summary: 'The years that have a budget, oldest first, with their totals', access: budgetReaders, request: { path: tenantPathSchema },
    responses: { 200: { description: 'Years with a budget', schema: budgetYearsSchema }, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/budgets/{year}', context: 'budgets', operationId: 'getBudget',
    summary: 'The association’s budget of one year: lines of income by source and costs by category, totals (version 0 and no lines while it has none)',
    access: budgetReaders, request: { path: budgetPathSchema },
    responses: { 200: { description: 'The budget', schema: budgetSchema }, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/budgets/{year}', context: 'budgets', operationId: 'putBudget',
    summary: 'Replace the year’s budget as a whole (based on a version; 0 creates it); periods inside the year, no overlapping periods of one source or category',
    access: budgetEditors, request: { path: budgetPathSchema, body: putBudgetSchema },
    responses: { 200: { description: 'Saved', schema: budgetSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the budget' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/subsidy-kpis', context: 'budgets', operationId: 'getSubsidyKpis',
    summary: 'The Flemish funder’s conditions for a year: park manager, coverage ≥ 50 %, next year’s budget (75 % covered, 25 % each from the local government and member fees); met, not met or unknown, with the figures',
    access: budgetReaders, request: { path: tenantPathSchema, query: subsidyKpisQuerySchema },
    responses: { 200: { description: 'The KPIs', schema: subsidyKpisSchema }, ...invalid, ...notFound },
  },
  // — consultation log (issue #6) —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/contact-moments', context: 'consultations', operationId: 'listContactMoments',
    summary: 'The umbrella’s contact moments with its associations in a date range (optionally one association), by date',
    access: umbrellaStaff, request: { path: tenantPathSchema, query: contactMomentListQuerySchema },
    responses: { 200: { description: 'A page of contact moments', schema: contactMomentPageSchema }, ...invalid, ...notFound },
  },
  {
    method: 'POST', path: '/api/tenants/{tenantId}/associations/{associationId}/contact-moments', context: 'consultations', operationId: 'createContactMoment',
    summary: 'Record a contact moment with one of the umbrella’s associations (today or earlier), with its follow-ups',
    access: umbrellaStaff, idempotent: true, request: { path: associationContactsPathSchema, body: contactMomentInputSchema },
    responses: { 201: { description: 'Recorded', schema: contactMomentSchema }, ...invalid, ...notFound },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/associations/{associationId}/contact-moments/{momentId}', context: 'consultations', operationId: 'updateContactMoment',
    summary: 'Edit a contact moment and its follow-ups (based on a version)',
    access: umbrellaStaff, request: { path: contactMomentPathSchema, body: updateContactMomentSchema },
    responses: { 200: { description: 'Updated', schema: contactMomentSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the contact moment' } },
  },
  {
    method: 'DELETE', path: '/api/tenants/{tenantId}/associations/{associationId}/contact-moments/{momentId}', context: 'consultations', operationId: 'deleteContactMoment',
    summary: 'Remove a contact moment with its follow-ups (based on a version)',
    access: umbrellaStaff, request: { path: contactMomentPathSchema, query: deleteContactMomentQuerySchema },
    responses: { 204: { description: 'Removed' }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the contact moment' } },
  },
  {
    method: 'PUT', path: '/api/tenants/{tenantId}/associations/{associationId}/contact-moments/{momentId}/follow-ups/{followUpId}', context: 'consultations', operationId: 'setFollowUp',
    summary: 'Mark one follow-up of a contact moment done, or open again (based on the moment’s version)',
    access: umbrellaStaff, request: { path: followUpPathSchema, body: setFollowUpSchema },
    responses: { 200: { description: 'The contact moment', schema: contactMomentSchema }, ...invalid, ...notFound, 409: { description: 'Stale version; `error.current` holds the contact moment' } },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/follow-ups', context: 'consultations', operationId: 'listFollowUps',
    summary: 'The umbrella’s follow-ups of contact moments, open (default) or done, by due date',
    access: umbrellaStaff, request: { path: tenantPathSchema, query: followUpListQuerySchema },
    responses: { 200: { description: 'A page of follow-ups', schema: followUpPageSchema }, ...invalid, ...notFound },
  },
  // — the umbrella's yearly report (issue #6) —
  {
    method: 'GET', path: '/api/tenants/{tenantId}/report', context: 'reports', operationId: 'getReport',
    summary: 'The umbrella’s own figures over a period (at most 5 years), each with the ids of the records it was counted from',
    access: umbrellaStaff, request: { path: tenantPathSchema, query: reportQuerySchema },
    responses: { 200: { description: 'The report (zeros and `empty` when nothing falls in the period)', schema: reportSchema }, ...invalid, ...notFound },
  },
  {
    method: 'GET', path: '/api/tenants/{tenantId}/report/export', context: 'reports', operationId: 'exportReport',
    summary: 'The same report as a file: CSV for Excel (UTF-8 with BOM, `;` or `,`) or XLSX, labels in the caller’s language',
    access: umbrellaStaff, request: { path: tenantPathSchema, query: reportExportQuerySchema },
    responses: { 200: { description: 'The file, as an attachment', schema: reportFileSchema }, ...invalid, ...notFound },
  },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function routesOf(context: ContextName): RouteDefinition[] {
  return routes.filter((route) => route.context === context);
}
