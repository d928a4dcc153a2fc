import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, chooseDemoAccount, demoTenantId, launchChromium, newPage, signInAs, signOut } from './browser';

/**
 * Team management in a real browser against the whole local product: Lotte Lenaerts (admin of C-Valley Leuven)
 * invites a new person, the invitation mail lands in the local outbox (/dev/outbox), and the link is accepted by
 * another identity (Wout Vermeersch, who had nothing to do with C-Valley: the local provider only knows the demo
 * accounts) in the same browser after Lotte signed out. Wout then works in C-Valley as an editor; back as Lotte,
 * the team and the audit log show what happened. The steps share one page and run in order.
 */

const C_VALLEY = 'C-Valley Leuven';
const INVITEE_EMAIL = 'nieuw.lid@c-valley.test';
const INVITEE_NAME = 'Nieuw Lid';
/** The demo account that accepts the invitation: the team then knows them by their own profile. */
const ACCEPTER_NAME = 'Wout Vermeersch';
const ACCEPTER_EMAIL = 'wout.vermeersch@pom-wvl.test';
const SECOND_EMAIL = 'tweede.lid@c-valley.test';

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let cspViolations: string[] = [];
let invitationLink = '';
const cValleyId = demoTenantId(C_VALLEY);

/** The text of the elements an element's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(element: Locator): Promise<string> {
  const ids = (await element.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

function membersTable(): Locator {
  return page.getByRole('table', { name: `Leden van ${C_VALLEY}` });
}

function memberRow(name: string): Locator {
  return membersTable().locator('tbody tr').filter({ has: page.getByRole('rowheader', { name }) });
}

function invitationsTable(): Locator {
  return page.getByRole('table', { name: `Openstaande uitnodigingen voor ${C_VALLEY}` });
}

/** The polite live region of the team page. */
async function announced(): Promise<string> {
  return ((await page.locator('main p[role="status"][aria-live="polite"]').first().textContent()) ?? '').trim();
}

async function openTeamFromAssociation() {
  await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
  await page.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).getByRole('link', { name: 'Team' }).click();
  await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
  await membersTable().waitFor();
}

describe('the team of an association, invitations and the audit log', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
    ({ page, cspViolations } = await newPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Lotte Lenaerts opens the team of C-Valley Leuven from its page header', async () => {
    await signInAs(page, app.url, 'Lotte Lenaerts');
    await openTeamFromAssociation();
    expect(new URL(page.url()).pathname).toBe(`/associations/${cValleyId}/team`);

    // Her own row, marked, and the other demo members with their roles.
    const own = memberRow('Lotte Lenaerts (jij)');
    await own.waitFor();
    expect(await own.textContent()).toContain('lotte.lenaerts@c-valley.test');
    expect(await own.getByRole('combobox', { name: 'Rol van Lotte Lenaerts' }).inputValue()).toBe('association_admin');
    expect(await memberRow('Koen Peeters').getByRole('combobox').inputValue()).toBe('company_contact');
    expect(await memberRow('Frank Vuurmans').getByRole('combobox').inputValue()).toBe('external_partner');

    // Roles offered are the association's only.
    const options = await own.getByRole('combobox').locator('option').allTextContents();
    expect(options).toEqual(['Beheerder vereniging', 'Redacteur vereniging', 'Contactpersoon bedrijf', 'Externe partner']);

    await invitationsTable().waitFor({ state: 'detached' });
    await page.getByText('Er zijn geen openstaande uitnodigingen.').waitFor();
  });

  it('refuses to leave the association without an admin, next to her row, and keeps her role', async () => {
    const select = memberRow('Lotte Lenaerts (jij)').getByRole('combobox', { name: 'Rol van Lotte Lenaerts' });
    await select.selectOption('association_editor');
    await expect.poll(() => descriptionOf(select)).toContain('Er moet minstens één beheerder overblijven.');
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await select.inputValue()).toBe('association_admin');
    expect(await announced()).toContain('Er moet minstens één beheerder overblijven.');
  });

  it('shows the API’s message at the e-mail field when the address is wrong', async () => {
    const email = page.getByRole('textbox', { name: 'E-mailadres', exact: true });
    await email.fill('geen-adres');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(email)).toContain('Geef een geldig e-mailadres in.');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await email.getAttribute('id'));
  });

  it('invites a new person as editor and shows the pending invitation', async () => {
    const role = page.getByRole('combobox', { name: 'Rol', exact: true });
    expect(await role.locator('option').allTextContents()).toEqual([
      'Beheerder vereniging',
      'Redacteur vereniging',
      'Contactpersoon bedrijf',
      'Externe partner',
    ]);
    await page.getByRole('textbox', { name: 'E-mailadres', exact: true }).fill(INVITEE_EMAIL);
    await page.getByRole('textbox', { name: 'Naam (optioneel)' }).fill(INVITEE_NAME);
    await role.selectOption('association_editor');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();

    await page.getByText(`Uitnodiging verstuurd naar ${INVITEE_EMAIL}.`).waitFor();
    expect(await page.getByRole('textbox', { name: 'E-mailadres', exact: true }).getAttribute('aria-invalid')).toBeNull();
    // Locally no mail leaves the machine: the page points at the outbox.
    expect(await page.getByRole('link', { name: /lokale outbox/ }).getAttribute('href')).toBe('/dev/outbox');

    const row = invitationsTable().locator('tbody tr').filter({ hasText: INVITEE_EMAIL });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(INVITEE_NAME);
    expect(text).toContain('Redacteur vereniging');
    expect(text).toContain('Lotte Lenaerts');
  });

  it('the invitation mail in the local outbox links to the acceptance page, with the token after the #', async () => {
    await signOut(page, app.url);
    await page.goto(`${app.url}/dev/outbox`);
    const article = page.locator('article').filter({ hasText: INVITEE_EMAIL }).first();
    await article.waitFor();
    const link = article.getByRole('link', { name: /\/invitations\/accept#/ }).first(); // the Dutch text, then the English
    invitationLink = (await link.getAttribute('href')) ?? '';
    expect(new URL(invitationLink).pathname).toBe('/invitations/accept');
    expect(new URL(invitationLink).hash.length).toBeGreaterThan(20);
    expect(new URL(invitationLink).origin).toBe(new URL(app.url).origin);
    await link.click();

    // Signed out: an explanation and a way to sign in that comes back to the very same link.
    await page.getByRole('heading', { level: 1, name: 'Je bent uitgenodigd voor Parkpunt' }).waitFor();
    const tokenSeenByServer: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // The token may leave the page only in the body of the invitation API calls: never in any URL.
      if (url.href.includes(new URL(invitationLink).hash.slice(1)) && url.hash === '') tokenSeenByServer.push(request.url());
    });
    await page.getByRole('button', { name: 'Aanmelden om te aanvaarden' }).click();
    await chooseDemoAccount(page, app.url, 'Wout Vermeersch');
    expect(page.url()).toBe(invitationLink);
    expect(tokenSeenByServer).toEqual([]); // the token went nowhere but to the invitation API

    await page.getByRole('heading', { level: 1, name: `Uitnodiging voor ${C_VALLEY}` }).waitFor();
    const facts = (await page.locator('main dl').textContent()) ?? '';
    expect(facts).toContain(C_VALLEY);
    expect(facts).toContain('Redacteur vereniging');
    expect(facts).toContain(INVITEE_EMAIL);
    expect(facts).toContain('Geldig tot');
  });

  it('Wout Vermeersch accepts: C-Valley Leuven is his as editor, and its company register opens', async () => {
    await page.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
    await page.waitForURL(`${app.url}/associations/${cValleyId}`);
    expect(new URL(page.url()).hash).toBe(''); // the token is out of the address bar
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await page.getByText(`Welkom bij ${C_VALLEY}! Je rol: Redacteur vereniging.`).waitFor();

    await page.getByRole('button', { name: /^Organisatie/ }).click();
    const links = page.getByRole('navigation', { name: 'Jouw organisaties' }).getByRole('link');
    await expect.poll(async () => (await links.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      'POM West-Vlaanderen Beheerder koepel',
      `${C_VALLEY} Redacteur vereniging`,
    ]);
    await page.keyboard.press('Escape');

    // The register is there for editors; the team is not.
    await page.getByRole('heading', { level: 2, name: 'Bedrijven', exact: true }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await page.getByRole('link', { name: 'Bedrijf toevoegen' }).first().waitFor();
    expect(await page.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).count()).toBe(0);

  });

  it('the same link again explains that it has been used; a tampered link that it is invalid', async () => {
    await page.goto(invitationLink);
    await page.getByRole('heading', { level: 1, name: 'Deze uitnodiging is al gebruikt' }).waitFor();
    await page.getByText('Deze uitnodiging is al gebruikt of ingetrokken.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Uitnodiging aanvaarden' }).count()).toBe(0);

    // One character of the secret changed: still shaped like a token, but not the one that was sent.
    const tampered = invitationLink.slice(0, -1) + (invitationLink.endsWith('A') ? 'B' : 'A');
    expect(tampered).not.toBe(invitationLink);
    await page.goto(`${app.url}/`);
    await page.goto(tampered);
    await page.getByRole('heading', { level: 1, name: 'Deze uitnodigingslink werkt niet' }).waitFor();
    await page.getByText('Deze uitnodigingslink is ongeldig.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Naar jouw organisaties' }).waitFor();
  });

  it('back as Lotte: the new member is in the team, and a second invitation can be withdrawn', async () => {
    await page.goto(`${app.url}/`);
    await signOut(page, app.url);
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await chooseDemoAccount(page, app.url, 'Lotte Lenaerts');
    await openTeamFromAssociation();

    const newcomer = memberRow(ACCEPTER_NAME);
    await newcomer.waitFor();
    expect(await newcomer.textContent()).toContain(ACCEPTER_EMAIL);
    expect(await newcomer.getByRole('combobox', { name: `Rol van ${ACCEPTER_NAME}` }).inputValue()).toBe('association_editor');
    await page.getByText('Er zijn geen openstaande uitnodigingen.').waitFor(); // the accepted one is no longer pending

    // Change the newcomer's role: saved at once, said next to the row and in the live region.
    const select = newcomer.getByRole('combobox', { name: `Rol van ${ACCEPTER_NAME}` });
    await select.selectOption('company_contact');
    const changed = `De rol van ${ACCEPTER_NAME} is nu: Contactpersoon bedrijf.`;
    await newcomer.getByText(changed).waitFor();
    await expect.poll(announced).toBe(changed);

    // A second invitation, withdrawn after confirmation (Escape first keeps it).
    await page.getByRole('textbox', { name: 'E-mailadres', exact: true }).fill(SECOND_EMAIL);
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByText(`Uitnodiging verstuurd naar ${SECOND_EMAIL}.`).waitFor();
    const row = invitationsTable().locator('tbody tr').filter({ hasText: SECOND_EMAIL });
    await row.getByRole('button', { name: `Intrekken ${SECOND_EMAIL}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Uitnodiging intrekken?' });
    await dialog.getByText(SECOND_EMAIL).waitFor();
    expect(await page.locator(':focus').textContent()).toContain('Annuleren');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor();

    await row.getByRole('button', { name: `Intrekken ${SECOND_EMAIL}` }).click();
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Er zijn geen openstaande uitnodigingen.').waitFor();
    await expect.poll(announced).toBe(`De uitnodiging aan ${SECOND_EMAIL} is ingetrokken.`);
  });

  it('the audit log shows the invitation being sent and accepted, newest first, with names', async () => {
    await page.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).getByRole('link', { name: 'Auditlog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/associations/${cValleyId}/audit`);
    const rows = page.getByRole('table', { name: `Auditlog van ${C_VALLEY}` }).locator('tbody tr');
    await rows.first().waitFor();

    const actions = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-action')));
    expect(actions.slice(0, 5)).toEqual(['invitation.revoke', 'invitation.create', 'member.role', 'invitation.accept', 'invitation.create']);

    const created = rows.filter({ has: page.getByRole('rowheader', { name: 'Uitnodiging verstuurd' }) }).last();
    expect(await created.textContent()).toContain('Lotte Lenaerts (jij)');
    expect(await created.textContent()).toContain('E-mailadres, Rol');
    const accepted = rows.filter({ has: page.getByRole('rowheader', { name: 'Uitnodiging aanvaard' }) });
    expect(await accepted.count()).toBe(1);
    expect(await accepted.textContent()).toContain(ACCEPTER_NAME); // who accepted, by their own name
    const roleChange = rows.filter({ has: page.getByRole('rowheader', { name: 'Rol gewijzigd' }) });
    expect(await roleChange.textContent()).toContain(ACCEPTER_NAME); // the member it concerns, by name
    expect(await roleChange.textContent()).toContain('Rol');
  });

  it('other roles get a calm notice on the team and audit pages, and no links to them', async () => {
    const { context: other, page: koen } = await newPage(browser);
    try {
      await signInAs(koen, app.url, 'Koen Peeters'); // company contact of C-Valley
      await koen.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
      expect(await koen.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).count()).toBe(0);
      await koen.goto(`${app.url}/associations/${cValleyId}/team`);
      await koen.getByText(`Het team en het auditlog zijn er alleen voor de eigen beheerders van ${C_VALLEY}.`).waitFor();
      expect(await koen.getByRole('table').count()).toBe(0);
      expect(await koen.getByRole('alert').count()).toBe(0);
      await koen.goto(`${app.url}/associations/${cValleyId}/audit`);
      await koen.getByText(`Het team en het auditlog zijn er alleen voor de eigen beheerders van ${C_VALLEY}.`).waitFor();
      const token = await accessTokenOf(koen);
      const response = await fetch(`${app.url}/api/tenants/${cValleyId}/members`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(403);
    } finally {
      await other.close();
    }

    const { context: third, page: bieke } = await newPage(browser);
    try {
      await signInAs(bieke, app.url, 'Bieke Brabants'); // umbrella staff above C-Valley: not its team
      await bieke.goto(`${app.url}/associations/${cValleyId}/team`);
      await bieke.getByText(`Het team en het auditlog zijn er alleen voor de eigen beheerders van ${C_VALLEY}.`).waitFor();
      expect(await bieke.getByRole('table').count()).toBe(0);
    } finally {
      await third.close();
    }
  });

  it('an umbrella admin runs the umbrella’s own team, with the umbrella’s roles', async () => {
    const { context: other, page: wout, cspViolations: violations } = await newPage(browser);
    try {
      const umbrella = 'POM West-Vlaanderen';
      await signInAs(wout, app.url, 'Wout Vermeersch');
      await wout.getByRole('heading', { level: 1, name: 'Jouw organisaties' }).waitFor(); // two organisations now
      await wout.getByRole('link', { name: umbrella }).click();
      await wout.getByRole('heading', { level: 1, name: umbrella }).waitFor();
      await wout.getByRole('navigation', { name: `Beheer van ${umbrella}` }).getByRole('link', { name: 'Team' }).click();
      await wout.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
      expect(new URL(wout.url()).pathname).toBe(`/umbrellas/${demoTenantId(umbrella)}/team`);
      const own = wout.getByRole('table', { name: `Leden van ${umbrella}` }).locator('tbody tr').filter({ hasText: '(jij)' });
      expect(await own.getByRole('combobox').locator('option').allTextContents()).toEqual(['Beheerder koepel', 'Medewerker koepel']);
      expect(await wout.getByRole('combobox', { name: 'Rol', exact: true }).locator('option').allTextContents()).toEqual([
        'Beheerder koepel',
        'Medewerker koepel',
      ]);

      // In C-Valley he is a member now (Lotte made him a company contact): no team there.
      await wout.goto(`${app.url}/associations/${cValleyId}/team`);
      await wout.getByText(`Het team en het auditlog zijn er alleen voor de eigen beheerders van ${C_VALLEY}.`).waitFor();
      await wout.getByText('Jouw rol hier: Contactpersoon bedrijf.', { exact: false }).waitFor();
      expect(violations).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('never broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
