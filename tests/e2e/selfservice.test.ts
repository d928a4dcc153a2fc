import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';
import { buildDemoData } from '../../scripts/local/demo-data';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * Member self-service in a real browser against the whole local product: Koen Peeters, the demo contact of a
 * C-Valley Leuven member company, signs in, opens "Mijn bedrijf", changes the website and adds a contact with a
 * newsletter consent, meets a conflicting edit (409) and re-applies his change, looks up the member directory, and
 * finds that the register's page of another company shows him nothing. The steps share one page and run in order.
 */

const C_VALLEY = 'C-Valley Leuven';
const cValleyId = demoTenantId(C_VALLEY);
const cValley = buildDemoData().umbrellas.flatMap((umbrella) => umbrella.associations).find((association) => association.tenant.name === C_VALLEY)!;
const koen = DEMO_ACCOUNTS.find((account) => account.email === 'koen.peeters@bedrijf.test')!;
const ownCompany = koen.memberships[0]!.company!(cValley.companies)!;
/** Another member company of C-Valley, which Koen must not see in the register. */
const otherCompany = cValley.companies.find((company) => company.id !== ownCompany.id && company.membershipStatus === 'member')!;

const suffix = Date.now().toString(36).slice(-5);
const newWebsite = `https://www.koen-${suffix}.example`;
const newContact = `Nele Nieuwsbrief ${suffix}`;

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let cspViolations: string[] = [];

/** The text of the elements an element's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(selector: string): Promise<string> {
  const ids = (await page.locator(selector).getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** An API call with Koen's own token, as the page holds it. */
async function asKoen(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const token = await accessTokenOf(page);
  const response = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe('member self-service in the browser', () => {
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

  it('Koen Peeters signs in and finds "Mijn bedrijf" on his association’s page', async () => {
    await signInAs(page, app.url, 'Koen Peeters');
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    const corner = page.getByRole('region', { name: 'Voor leden' });
    await corner.getByRole('link', { name: 'Mijn bedrijf' }).click();
    await page.getByRole('heading', { level: 1, name: ownCompany.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/associations/${cValleyId}/my-company`);

    // The register's facts, read-only, with the association's own business left out.
    const facts = page.getByRole('region', { name: 'In het register van de vereniging' });
    await facts.getByText(ownCompany.enterpriseNumber!).waitFor();
    await facts.getByText('Stichtend lid').waitFor();
    expect(await page.getByRole('textbox', { name: /Naam$/ }).count()).toBe(0); // the name is not editable
    expect(await page.getByRole('textbox', { name: 'Website' }).inputValue()).toBe(ownCompany.website ?? '');
  });

  it('says what is wrong at the field before anything is sent', async () => {
    const website = page.getByRole('textbox', { name: 'Website' });
    await website.fill('geen adres');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('my-company-website');
    expect(await descriptionOf('#my-company-website')).toContain('Geef een volledig webadres in');
    expect(await website.getAttribute('aria-invalid')).toBe('true');
  });

  it('changes the website and adds a contact with a newsletter consent, and sees it saved', async () => {
    await page.getByRole('textbox', { name: 'Website' }).fill(newWebsite);

    await page.getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
    // Focus moves to the new contact's name: type there, as a keyboard user would.
    const nameId = (await page.locator(':focus').getAttribute('id')) ?? '';
    expect(nameId).toMatch(/^my-company-contacts-\d+-name$/);
    const index = Number(/contacts-(\d+)-name/.exec(nameId)![1]);
    await page.keyboard.type(newContact);
    await page.locator(`#my-company-contacts-${index}-email`).fill(`nele.${suffix}@koen.example`);
    await page.getByRole('button', { name: `Toestemming toevoegen (Contactpersoon ${index + 1}: ${newContact})` }).click();
    expect(await page.locator(`#my-company-contacts-${index}-consents-0-topic`).inputValue()).toBe('newsletter');
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.locator(`#my-company-contacts-${index}-consents-0-givenOn`).inputValue()).toBe(today);
    await page.locator(`#my-company-contacts-${index}-consents-0-textVersion`).fill('nieuwsbrief-2026');

    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByText(/Je wijzigingen zijn opgeslagen/).waitFor();
    expect(await page.getByRole('heading', { name: /Controleer/ }).count()).toBe(0);

    // Stored, not just shown: after a reload the form holds it, and the API says the same.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: ownCompany.name }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Website' }).inputValue()).toBe(newWebsite);
    expect(await page.locator(`#my-company-contacts-${index}-name`).inputValue()).toBe(newContact);
    const saved = await asKoen('GET', `/tenants/${cValleyId}/my-company`);
    expect(saved.body.website).toBe(newWebsite);
    expect(saved.body.contacts.find((contact: { name: string }) => contact.name === newContact)).toMatchObject({
      consents: [{ topic: 'newsletter', givenOn: today, textVersion: 'nieuwsbrief-2026' }],
    });
  });

  it('shows a conflicting edit with the current data and lets Koen re-apply his change', async () => {
    // Someone else (here: the API, as Koen in another tab) changes the phone number after the form was loaded.
    const current = (await asKoen('GET', `/tenants/${cValleyId}/my-company`)).body;
    const { status } = await asKoen('PUT', `/tenants/${cValleyId}/my-company`, {
      version: current.version, website: current.website, phone: '+32 16 40 40 40', ...(current.email ? { email: current.email } : {}),
      ...(current.sizeClass ? { sizeClass: current.sizeClass } : {}),
    });
    expect(status).toBe(200);

    await page.getByRole('textbox', { name: 'Algemeen e-mailadres' }).fill(`hallo.${suffix}@koen.example`);
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Je bedrijf is intussen gewijzigd' });
    await conflict.waitFor();
    expect(await page.locator(':focus').getAttribute('aria-labelledby')).toBe('conflict-title');
    const phoneRow = conflict.getByRole('row', { name: /Algemeen telefoonnummer/ });
    expect(await phoneRow.textContent()).toContain('+32 16 40 40 40');

    await conflict.getByRole('button', { name: 'Mijn wijzigingen opnieuw toepassen' }).click();
    expect(await page.getByRole('textbox', { name: 'Algemeen telefoonnummer' }).inputValue()).toBe('+32 16 40 40 40');
    expect(await page.getByRole('textbox', { name: 'Algemeen e-mailadres' }).inputValue()).toBe(`hallo.${suffix}@koen.example`);
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByText(/Je wijzigingen zijn opgeslagen/).waitFor();
    const saved = (await asKoen('GET', `/tenants/${cValleyId}/my-company`)).body;
    expect(saved).toMatchObject({ phone: '+32 16 40 40 40', email: `hallo.${suffix}@koen.example`, website: newWebsite });
  });

  it('finds other members in the member directory, without their contacts', async () => {
    await page.getByRole('link', { name: 'Ledengids' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ledengids' }).waitFor();
    const table = page.getByRole('table', { name: `Lidbedrijven van ${C_VALLEY}` });
    await table.waitFor();

    const search = page.getByRole('searchbox', { name: 'Zoeken' });
    await search.fill(ownCompany.name);
    const own = table.getByRole('row', { name: new RegExp(`${ownCompany.name}.*\\(jouw bedrijf\\)`) });
    await own.waitFor();
    expect(await own.getByRole('link').getAttribute('href')).toBe(newWebsite);
    expect(await page.locator('main').textContent()).not.toContain(newContact);

    await search.fill(otherCompany.name);
    await table.getByRole('rowheader', { name: otherCompany.name, exact: true }).waitFor();
    await search.fill('zzz-bestaat-niet');
    await page.getByRole('heading', { name: 'Geen lidbedrijven gevonden' }).waitFor();
    await page.getByRole('button', { name: 'Alle lidbedrijven tonen' }).click();
    await table.waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('directory-search');
  });

  it('sees nothing of another company through the register’s pages or API', async () => {
    await page.goto(`${app.url}/associations/${cValleyId}/companies/${otherCompany.id}`);
    await page.getByText('Je rol laat geen toegang tot het bedrijvenregister toe.').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain(otherCompany.enterpriseNumber!);
    expect((await asKoen('GET', `/tenants/${cValleyId}/companies/${otherCompany.id}`)).status).toBe(403);
    expect((await asKoen('GET', `/tenants/${cValleyId}/companies`)).status).toBe(403);
    expect(cspViolations).toEqual([]);
  });
});
