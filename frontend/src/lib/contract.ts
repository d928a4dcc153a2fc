/**
 * The one door to the API contract in the repository's `shared/` folder.
 *
 * Types come from the zod schemas as type-only imports, so zod itself never reaches the browser bundle.
 * Runtime helpers are imported from the small zod-free modules directly (not from `shared/index`).
 */
export type {
  AssociationSummary,
  AuditEntry,
  Company,
  CompanyPage,
  Coverage,
  CreateCompanyInput,
  Dues,
  CreateInvitationInput,
  ErrorResponse,
  FieldError,
  Goals,
  Grant,
  GrantScope,
  Invitation,
  Me,
  Member,
  Membership,
  MembershipStatus,
  Park,
  Role,
  SizeClass,
  Tenant,
  TenantKind,
  UpdateCompanyInput,
  Zone,
} from '../../../shared/index';
export type { ErrorCode, Locale } from '../../../shared/messages';
export { LOCALES, isErrorCode, messageFor } from '../../../shared/messages';
export { foldForSearch } from '../../../shared/text';

/** The values of the select fields, in the order the form shows them (mirrors the enums in shared/schemas). */
import type { z } from 'zod';
import type {
  associationRoles,
  associationStageSchema,
  auditPageSchema,
  companyHistorySchema,
  invitationPreviewSchema,
  putDuesSchema,
  updateGoalsSchema,
  parkInputSchema,
  updateParkSchema,
  MembershipStatus,
  Role,
  SizeClass,
  TenantKind,
  umbrellaRoles,
} from '../../../shared/index';

/** What an invitation link offers (`POST /api/invitations/preview`). */
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
/** A page of the audit log, newest first. */
export type AuditPage = z.infer<typeof auditPageSchema>;
/** An association's stage: still gathering interest (`in_formation`), or `founded`. */
export type AssociationStage = z.infer<typeof associationStageSchema>;
/** `PUT /api/tenants/{id}/goals`: the goals with the version they are based on (0 while never set). */
export type UpdateGoalsInput = z.input<typeof updateGoalsSchema>;
/** `POST /api/tenants/{id}/parks`: a new park (streets and zones optional). */
export type ParkInput = z.input<typeof parkInputSchema>;
/** `PUT /api/tenants/{id}/parks/{parkId}`: the whole park, existing zones with their `id`, and the version it is based on. */
export type UpdateParkInput = z.input<typeof updateParkSchema>;
/** A company's history in the register (`GET …/companies/{companyId}/history`). */
export type CompanyHistory = z.infer<typeof companyHistorySchema>;
export type RegisterEvent = CompanyHistory['items'][number];
/** `PUT …/companies/{companyId}/dues/{year}`: amount in cents, dates as YYYY-MM-DD, version 0 to create. */
export type PutDuesInput = z.input<typeof putDuesSchema>;

export const MEMBERSHIP_STATUSES = ['prospect', 'interested', 'member', 'former_member'] as const satisfies readonly MembershipStatus[];
export const ASSOCIATION_STAGES = ['in_formation', 'founded'] as const satisfies readonly AssociationStage[];
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const satisfies readonly SizeClass[];
/** Every role, each with a label in nl.json and en.json (`role.<value>`). */
export const ROLES = [
  'platform_admin',
  'umbrella_admin',
  'umbrella_staff',
  'association_admin',
  'association_editor',
  'company_contact',
  'external_partner',
] as const satisfies readonly Role[];

// Fails to compile when the contract gains a value that the lists above do not offer.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyStatusListed: Missing<MembershipStatus, (typeof MEMBERSHIP_STATUSES)[number]> = true;
const everySizeListed: Missing<SizeClass, (typeof SIZE_CLASSES)[number]> = true;
const everyStageListed: Missing<AssociationStage, (typeof ASSOCIATION_STAGES)[number]> = true;
void everyStageListed;
void everyStatusListed;
const everyRoleListed: Missing<Role, (typeof ROLES)[number]> = true;
void everySizeListed;
void everyRoleListed;

/**
 * The roles a tenant of each kind hands out (a member's role, an invitation's role), in the order the selects show
 * them: the same lists as `associationRoles` / `umbrellaRoles` in shared/schemas/identity.ts (checked below).
 */
export const ASSOCIATION_ROLES = ['association_admin', 'association_editor', 'company_contact', 'external_partner'] as const;
export const UMBRELLA_ROLES = ['umbrella_admin', 'umbrella_staff'] as const;
export type TenantRole = (typeof ASSOCIATION_ROLES)[number] | (typeof UMBRELLA_ROLES)[number];

export function rolesForKind(kind: TenantKind): readonly TenantRole[] {
  return kind === 'umbrella' ? UMBRELLA_ROLES : ASSOCIATION_ROLES;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const associationRolesMatch: Same<(typeof ASSOCIATION_ROLES)[number], (typeof associationRoles)[number]> = true;
const umbrellaRolesMatch: Same<(typeof UMBRELLA_ROLES)[number], (typeof umbrellaRoles)[number]> = true;
void associationRolesMatch;
void umbrellaRolesMatch;
