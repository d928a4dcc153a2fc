import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * The umbrella's consultation log. Wout Vermeersch (POM West-Vlaanderen's admin) opens the contact moments of
 * Bedrijvig Brugge from the umbrella's home page (no contact yet), meets the field message for a date in the future,
 * records a visit with a follow-up that is already overdue, edits it, finds the follow-up highlighted on
 * "Opvolging" and ticks it off, and deletes the moment after a confirmation. Lotte, an association's park manager,
 * cannot open an umbrella's log.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const BRUGGE = 'Bedrijvig Brugge vzw';
const FOLLOW_UP = 'Voorzitter terugbellen over de camera’s';

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
const violationLists: string[][] = [];

async function personPage(name: string): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  violationLists.push(opened.cspViolations);
  await signInAs(opened.page, app.url, name);
  return opened.page;
}

/** A day relative to today in Brussels, as `<input type="date">` wants it. */
function brusselsDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The "Laatste contact" cell of one association in the umbrella home page's table of associations. */
const lastContact = (page: Page, association: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: association, exact: true }) }).getByTestId('last-contact');

async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('the consultation log', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  let wout: Page;

  it('an umbrella admin records a contact moment with a follow-up, after the field message for a future date', async () => {
    wout = await personPage('Wout Vermeersch');
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}`);
    await wout.getByRole('heading', { level: 1, name: UMBRELLA }).waitFor();
    // The demo's visit to Waregem-Zuid is the last contact there; Bedrijvig Brugge has none yet.
    const waregem = lastContact(wout, 'Bedrijvenpark Waregem-Zuid vzw');
    await waregem.waitFor();
    expect(await waregem.textContent()).not.toContain('Nog geen');
    const brugge = lastContact(wout, BRUGGE);
    expect((await brugge.textContent())?.trim()).toBe('Nog geen');
    await brugge.getByRole('link', { name: `Contactmomenten met ${BRUGGE}` }).click();
    await wout.getByRole('heading', { level: 1, name: `Contactmomenten met ${BRUGGE}` }).waitFor();
    await wout.getByText('Nog geen contactmomenten met deze vereniging.').waitFor();

    await wout.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
    const dialog = wout.getByRole('dialog', { name: 'Nieuw contactmoment' });
    await dialog.waitFor();
    const date = dialog.getByLabel('Datum');
    await date.fill(brusselsDay(3));
    await dialog.getByLabel('Soort contact').selectOption({ label: 'Bezoek' });
    await dialog.getByLabel('Deelnemers').fill('Wout Vermeersch\nJonas De Smet');
    await dialog.getByLabel('Korte notities').fill('Bezoek aan Blauwe Toren: camerabewaking en signalisatie.');
    await dialog.getByRole('button', { name: 'Opvolgpunt toevoegen' }).click();
    await dialog.getByLabel('Wat moet er gebeuren?').fill(FOLLOW_UP);
    await dialog.getByLabel('Tegen').fill(brusselsDay(-1));
    await dialog.getByRole('button', { name: 'Opslaan' }).click();

    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(wout, date)).toContain('Een contactmoment ligt vandaag of in het verleden.');
    await expect.poll(async () => wout.locator(':focus').getAttribute('id')).toBe(await date.getAttribute('id'));

    await date.fill(brusselsDay(-2));
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = wout.getByTestId('contact-moment').filter({ hasText: 'Bezoek' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Wout Vermeersch, Jonas De Smet');
    expect(await card.textContent()).toContain(FOLLOW_UP);
    expect(await card.textContent()).toContain('Te laat');
  });

  it('edits the moment in the dialog, keyboard first', async () => {
    await wout.getByRole('button', { name: /^Bewerken/ }).click();
    const dialog = wout.getByRole('dialog', { name: 'Contactmoment bewerken' });
    await dialog.waitFor();
    // Focus starts in the form, on the date.
    await expect.poll(async () => wout.locator(':focus').getAttribute('type')).toBe('date');
    await dialog.getByLabel('Soort contact').selectOption({ label: 'Bestuursvergadering' });
    await dialog.getByLabel('Korte notities').fill('Raad van bestuur: offerte cameranetwerk gevraagd.');
    await dialog.getByLabel('Korte notities').press('Tab');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = wout.getByTestId('contact-moment');
    await card.filter({ hasText: 'Bestuursvergadering' }).waitFor();
    expect(await card.textContent()).toContain('offerte cameranetwerk gevraagd');
    expect(await wout.getByTestId('contact-moment').count()).toBe(1);
  });

  it('lists the overdue follow-up on "Opvolging" and ticks it off', async () => {
    await wout.getByRole('link', { name: 'Opvolging' }).click();
    await wout.getByRole('heading', { level: 1, name: 'Opvolging' }).waitFor();
    const row = wout.getByTestId('follow-up').filter({ hasText: FOLLOW_UP });
    await row.waitFor();
    expect(await row.textContent()).toContain('Te laat');
    expect(await row.textContent()).toContain(BRUGGE);
    // The demo's own follow-ups are there too, the overdue one of Kortrijk-Noord among them.
    await wout.getByTestId('follow-up').filter({ hasText: 'Offerte cameranetwerk doorsturen naar het bestuur' }).waitFor();
    await row.getByRole('checkbox', { name: `${FOLLOW_UP} afronden` }).check();
    await row.waitFor({ state: 'detached' });
    await wout.getByText(`${FOLLOW_UP} is afgerond.`).waitFor({ state: 'attached' });
    await wout.reload();
    await wout.getByRole('heading', { level: 1, name: 'Opvolging' }).waitFor();
    await wout.getByTestId('follow-up').first().waitFor();
    expect(await wout.getByTestId('follow-up').filter({ hasText: FOLLOW_UP }).count()).toBe(0);
  });

  it('shows the last contact on the umbrella’s home page, and deletes the moment after a confirmation', async () => {
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}`);
    const brugge = lastContact(wout, BRUGGE);
    await brugge.waitFor();
    expect(await brugge.textContent()).not.toContain('Nog geen');
    await brugge.getByRole('link', { name: `Contactmomenten met ${BRUGGE}` }).click();
    const card = wout.getByTestId('contact-moment');
    await card.waitFor();
    expect(await card.textContent()).toContain('Afgerond');

    await wout.getByRole('button', { name: /^Verwijderen/ }).click();
    const confirm = wout.getByRole('dialog', { name: 'Contactmoment verwijderen?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await wout.getByText('Nog geen contactmomenten met deze vereniging.').waitFor();
  });

  it('is not there for an association’s people', async () => {
    const lotte = await personPage('Lotte Lenaerts');
    await lotte.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/follow-ups`);
    await lotte.getByRole('heading', { name: /Niet gevonden|Geen toegang/ }).first().waitFor();
    expect(await lotte.getByTestId('follow-up').count()).toBe(0);
  });

  it('keeps to the page’s Content Security Policy', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
