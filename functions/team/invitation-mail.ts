import type { Role } from '../../shared/index';
import { escapeHtml, type Mail } from '../lib/mail';

const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  platform_admin: { nl: 'platformbeheerder', en: 'platform admin' },
  umbrella_admin: { nl: 'beheerder', en: 'administrator' },
  umbrella_staff: { nl: 'medewerker', en: 'staff member' },
  association_admin: { nl: 'beheerder', en: 'administrator' },
  association_editor: { nl: 'redacteur', en: 'editor' },
  company_contact: { nl: 'contactpersoon van een lidbedrijf', en: 'member company contact' },
  external_partner: { nl: 'externe partner', en: 'external partner' },
};

/** Dutch first, English below: we do not know the invitee's language before they sign in. */
export function invitationMail(input: { to: string; tenantName: string; role: Role; inviterName: string; link: string; expiresAt: string }): Mail {
  const label = ROLE_LABELS[input.role];
  const until = input.expiresAt.slice(0, 10);
  const text = [
    `${input.inviterName} nodigt je uit om als ${label.nl} mee te werken aan ${input.tenantName} in Parkpunt.`,
    `Aanvaard de uitnodiging (geldig tot ${until}): ${input.link}`,
    '',
    `${input.inviterName} invites you to join ${input.tenantName} on Parkpunt as ${label.en}.`,
    `Accept the invitation (valid until ${until}): ${input.link}`,
  ].join('\n');
  const e = escapeHtml;
  const html = `<p>${e(input.inviterName)} nodigt je uit om als ${e(label.nl)} mee te werken aan <strong>${e(input.tenantName)}</strong> in Parkpunt.</p>
<p><a href="${e(input.link)}">Uitnodiging aanvaarden</a> (geldig tot ${e(until)})</p>
<hr><p lang="en">${e(input.inviterName)} invites you to join <strong>${e(input.tenantName)}</strong> on Parkpunt as ${e(label.en)}.</p>
<p lang="en"><a href="${e(input.link)}">Accept the invitation</a> (valid until ${e(until)})</p>`;
  return { to: input.to, subject: `Uitnodiging voor ${input.tenantName} in Parkpunt / Invitation to ${input.tenantName}`, text, html };
}
