import type { TenantKind } from '../../shared/index';

/**
 * Links into the app from mails and calendar files. APP_URL is the site's origin (CloudFront in AWS); without it
 * (locally, tests) there is no absolute link to give. The page path is the front end's activity page of a member
 * association: `/associations/<association>/calendar/<organiser>/<activity>`.
 */
export function memberActivityUrl(associationId: string, organiserId: string, activityId: string): string | undefined {
  const origin = process.env.APP_URL?.replace(/\/$/, '');
  return origin ? `${origin}/associations/${associationId}/calendar/${organiserId}/${activityId}` : undefined;
}

/** The organiser's own page of an activity (staff): under the umbrella's or the association's workspace. */
export function organiserActivityUrl(organiserKind: TenantKind, organiserId: string, activityId: string): string | undefined {
  const origin = process.env.APP_URL?.replace(/\/$/, '');
  const workspace = organiserKind === 'umbrella' ? 'umbrellas' : 'associations';
  return origin ? `${origin}/${workspace}/${organiserId}/activities/${activityId}` : undefined;
}
