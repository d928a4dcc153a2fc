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
  CreateCompanyInput,
  CreateInvitationInput,
  ErrorResponse,
  FieldError,
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
} from '../../../shared/index';
export type { ErrorCode, Locale } from '../../../shared/messages';
export { LOCALES, isErrorCode, messageFor } from '../../../shared/messages';

/** The values of the select fields, in the order the form shows them (mirrors the enums in shared/schemas). */
import type { z } from 'zod';
import type {
  associationRoles,
  auditPageSchema,
  invitationPreviewSchema,
  MembershipStatus,
  Role,
  SizeClass,
  TenantKind,
  umbrellaRoles,
} from '../../../shared/index';

/** What an invitation link offers (`GET /api/invitations/{token}`). */
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
/** A page of the audit log, newest first. */
export type AuditPage = z.infer<typeof auditPageSchema>;

export const MEMBERSHIP_STATUSES = ['prospect', 'interested', 'member', 'former_member'] as const satisfies readonly MembershipStatus[];
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
