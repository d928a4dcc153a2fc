/**
 * The one door to the API contract in the repository's `shared/` folder.
 *
 * Types come from the zod schemas as type-only imports, so zod itself never reaches the browser bundle.
 * Runtime helpers are imported from the small zod-free modules directly (not from `shared/index`).
 */
export type {
  AssociationSummary,
  Company,
  CompanyPage,
  CreateCompanyInput,
  ErrorResponse,
  FieldError,
  Me,
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
import type { MembershipStatus, Role, SizeClass } from '../../../shared/index';

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
