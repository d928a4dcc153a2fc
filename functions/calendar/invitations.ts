import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../shared/index';
import { documentClient, tableName } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { createLogger } from '../lib/logger';
import { escapeHtml, sendMail, type Mail } from '../lib/mail';
import { queryTenantPrefix } from '../lib/query';
import type { ActivityItem, OccurrenceItem } from '../activities/items';
import { ZONE } from '../activities/schedule';
import { memberActivityUrl } from './links';

const logger = createLogger('calendar');

/**
 * Invitations (issue #5): when an association first appears in an activity's audience, its company contacts and
 * admins are told, once. A marker row (`INVITED#<activity>` in the association's partition) is put with
 * attribute_not_exists before any mail leaves: a replayed stream record, a second audience change or a
 * concurrent consumer finds the marker and sends nothing. The price: a mail that fails after the marker is not
 * retried (at most once, never twice). The organiser's own admins are not invited to what they organise.
 */
export async function inviteAudience(activity: ActivityItem, occurrences: OccurrenceItem[], audience: string[]): Promise<void> {
  if (activity.status !== 'scheduled') return;
  const now = new Date().toISOString();
  const upcoming = occurrences.filter((o) => o.status === 'scheduled' && o.startsAtUtc > now).sort((a, b) => a.startsAtUtc.localeCompare(b.startsAtUtc));
  if (upcoming.length === 0) return;
  for (const associationId of audience) {
    if (!(await markInvited(associationId, activity, now))) continue;
    const roles: Role[] = associationId === activity.organiserId ? ['company_contact'] : ['company_contact', 'association_admin'];
    const members = await queryTenantPrefix(associationId, keys.tenantMemberPrefix, { ProjectionExpression: 'email, #role', ExpressionAttributeNames: { '#role': 'role' } });
    const recipients = [...new Set(members.filter((m) => roles.includes(m.role as Role) && typeof m.email === 'string' && m.email).map((m) => String(m.email)))];
    for (const to of recipients) {
      try {
        await sendMail(invitationMail(to, activity, upcoming, associationId));
      } catch (error) {
        logger.error('invitation mail not sent', { error: error as Error, associationId, activityId: activity.id });
      }
    }
  }
}

async function markInvited(associationId: string, activity: ActivityItem, now: string): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.activityInvitation(associationId, activity.id), type: 'activityInvitation', activityId: activity.id, organiserId: activity.organiserId, invitedAt: now },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

function when(occurrence: Pick<OccurrenceItem, 'startsAt' | 'endsAt'>, locale: 'nl-BE' | 'en-GB'): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'full' }).format(new Date(occurrence.startsAt));
  const time = new Intl.DateTimeFormat(locale, { timeZone: ZONE, timeStyle: 'short' });
  return `${day}, ${time.format(new Date(occurrence.startsAt))}–${time.format(new Date(occurrence.endsAt))}`;
}

/**
 * Dutch first, English below: a team member's language is not stored (as with team invitations). Lists the
 * first few upcoming dates of a series.
 */
export function invitationMail(to: string, activity: ActivityItem, upcoming: OccurrenceItem[], associationId: string): Mail {
  const first = upcoming.slice(0, 5);
  const more = upcoming.length - first.length;
  const url = memberActivityUrl(associationId, activity.organiserId, activity.id);
  const nl = [
    `${activity.organiserName} nodigt de bedrijven van je vereniging uit:`,
    '',
    activity.title,
    ...first.map((o) => `- ${when(o, 'nl-BE')}`),
    ...(more > 0 ? [`… en nog ${more} keer`] : []),
    '',
    url ? `Inschrijven: ${url}` : 'Inschrijven kan in Parkpunt, bij de kalender van je vereniging.',
  ];
  const en = [
    `${activity.organiserName} invites the companies of your association:`,
    '',
    activity.title,
    ...first.map((o) => `- ${when(o, 'en-GB')}`),
    ...(more > 0 ? [`… and ${more} more times`] : []),
    '',
    url ? `Register: ${url}` : 'Register in Parkpunt, in your association’s calendar.',
  ];
  const e = escapeHtml;
  const block = (lines: string[]) => `<p>${lines.filter((line) => line !== '').map(e).join('<br>')}</p>`;
  return {
    to,
    subject: `Uitnodiging: ${activity.title} / Invitation: ${activity.title}`,
    text: [...nl, '', '—', '', ...en].join('\n'),
    html: `${block(nl)}\n<hr>\n${block(en)}`,
  };
}
