import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { WEB_ROOT, accessTokenOf, assertBuilt, launchChromium, newPage, signInAs } from './browser';

/**
 * The company register in a real browser against the whole local product (DynamoDB Local, demo data, the
 * local OIDC provider, the local gateway serving frontend/build): Lotte Lenaerts, park manager of C-Valley
 * Leuven, signs in with the local provider and adds, finds, edits and deletes a company of her association.
 * The steps run in order and share one page, like one person at work.
 */

// Unique per run, so that reruns against kept data never meet an earlier company.
const suffix = Date.now().toString(36).slice(-5).toUpperCase();
const companyName = `E2E Testbedrijf ${suffix}`;
const renamedName = `E2E Hernoemd ${suffix}`;
const validEnterpriseNumber = enterpriseNumberFromBody(10_000_000 + Math.floor(Math.random() * 9_000_000));

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let cspViolations: string[] = [];
let associationUrl = '';

/** The text of the elements an input's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Types into the search box and waits for the (debounced) search to be answered and shown. */
async function searchFor(text: string) {
  const answered = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname.endsWith('/companies') && url.searchParams.get('q') === text;
  });
  await page.getByRole('searchbox', { name: 'Zoeken', exact: true }).fill(text);
  await answered;
  await expect.poll(() => page.locator('[aria-busy]').filter({ has: page.locator('table, .empty-state') }).getAttribute('aria-busy')).toBe('false');
}

describe('the company register in the browser', () => {
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

  it('signs Lotte Lenaerts in with the local provider and lands on her association, C-Valley Leuven', async () => {
    await signInAs(page, app.url, 'Lotte Lenaerts');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('header').textContent()).toContain('Lotte Lenaerts');

    // One membership: the start page goes straight to it.
    await page.getByRole('heading', { level: 1, name: 'C-Valley Leuven' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/associations\//);
    await page.getByRole('heading', { name: 'Bedrijventerreinen' }).waitFor();
    await page.getByText('Aangesloten bij POM Vlaams-Brabant').waitFor();
    // Her role does not reach the umbrella's page: no link to it.
    expect(await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'POM Vlaams-Brabant' }).count()).toBe(0);
    await page.locator('table tbody tr').first().waitFor();
    associationUrl = page.url();
  });

  it('offers her association in the organisation switcher', async () => {
    await page.getByRole('button', { name: /^Organisatie/ }).click();
    const links = page.getByRole('navigation', { name: 'Jouw organisaties' }).getByRole('link');
    await expect.poll(() => links.count()).toBe(1);
    expect(await links.first().textContent()).toContain('Beheerder vereniging');
    await links.first().click();
    await page.waitForURL(associationUrl);
    await page.getByRole('heading', { level: 1, name: 'C-Valley Leuven' }).waitFor();
  });

  it('shows the API’s message at the enterprise-number field when the number is wrong', async () => {
    await page.getByRole('link', { name: 'Bedrijf toevoegen' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Bedrijf toevoegen' }).waitFor();

    await page.getByRole('textbox', { name: 'Naam', exact: true }).fill(companyName);
    await page.getByRole('combobox', { name: 'Bedrijventerrein', exact: true }).selectOption({ label: 'Researchpark Haasrode (Leuven)' });
    const enterpriseNumber = page.getByRole('textbox', { name: 'Ondernemingsnummer', exact: true });
    await enterpriseNumber.fill('0123.456.789');
    await page.getByRole('button', { name: 'Bedrijf toevoegen' }).click();

    await expect.poll(() => enterpriseNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(enterpriseNumber)).toContain('Dit ondernemingsnummer bestaat niet: het controlegetal klopt niet.');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await enterpriseNumber.getAttribute('id'));
    await page.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();
    expect(page.url()).toContain('/companies/new');
  });

  it('adds the company once the enterprise number is right, and says so', async () => {
    await page.getByRole('textbox', { name: 'Ondernemingsnummer', exact: true }).fill(validEnterpriseNumber);
    await page.getByRole('textbox', { name: 'Straat', exact: true }).fill('Interleuvenlaan');
    await page.getByRole('textbox', { name: 'Huisnummer', exact: true }).fill('12');
    await page.getByRole('combobox', { name: 'NACE-code', exact: true }).fill('62.01'); // a combobox: it offers the NACE divisions
    await page.getByRole('combobox', { name: 'Grootte', exact: true }).selectOption('small');
    await page.getByRole('combobox', { name: 'Lidmaatschap', exact: true }).selectOption('member');
    await page.getByRole('button', { name: 'Bedrijf toevoegen' }).click();

    await page.waitForURL(associationUrl);
    await page.getByText(`${companyName} is toegevoegd.`).waitFor();
  });

  it('finds the new company through the search box', async () => {
    await searchFor(suffix);

    const row = page.locator('table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByRole('link').textContent()).toContain(companyName);
    expect(await row.textContent()).toContain(validEnterpriseNumber);
    expect(await row.textContent()).toContain('Lid');
  });

  it('renames the company', async () => {
    await page.getByRole('link', { name: companyName }).click();
    await page.getByRole('heading', { level: 1, name: companyName }).waitFor();
    await page.getByRole('link', { name: 'Bewerken' }).click();
    const name = page.getByRole('textbox', { name: 'Naam', exact: true });
    await expect.poll(() => name.inputValue()).toBe(companyName);
    expect(await page.getByRole('textbox', { name: 'Postcode', exact: true }).inputValue()).toBe('3001'); // filled in from the park

    await name.fill(renamedName);
    await page.getByRole('button', { name: 'Opslaan' }).click();

    // Back on the company's page, which says so; then back to the register.
    await page.getByText(`De wijzigingen aan ${renamedName} zijn opgeslagen.`).waitFor();
    await page.getByRole('heading', { level: 1, name: renamedName }).waitFor();
    await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'C-Valley Leuven' }).click();
    await page.waitForURL(associationUrl);
    await searchFor(suffix);
    await page.getByRole('link', { name: renamedName }).waitFor();
    expect(await page.getByRole('link', { name: companyName }).count()).toBe(0);
  });

  it('keeps the company when the deletion is cancelled with Escape', async () => {
    await page.getByRole('link', { name: renamedName }).click();
    await page.getByRole('heading', { level: 1, name: renamedName }).waitFor();

    await page.getByRole('button', { name: 'Verwijderen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bedrijf verwijderen?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toContain('Annuleren');
    await page.keyboard.press('Escape');

    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toContain('Verwijderen'); // focus is back on the trigger
    expect(page.url()).toContain('/companies/');
  });

  it('deletes the company after confirmation, after which it is gone', async () => {
    await page.getByRole('button', { name: 'Verwijderen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bedrijf verwijderen?' });
    await dialog.getByText(renamedName).waitFor();
    await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();

    await page.waitForURL(associationUrl);
    await page.getByText(`${renamedName} is verwijderd.`).waitFor();

    await searchFor(suffix);
    await page.getByRole('heading', { name: 'Geen bedrijven gevonden' }).waitFor();
    await page.getByRole('button', { name: 'Zoekopdracht wissen' }).click();
    await expect.poll(() => page.getByRole('searchbox', { name: 'Zoeken', exact: true }).inputValue()).toBe('');
    await page.locator('table tbody tr').first().waitFor();

    const tenantId = associationUrl.split('/').at(-1) ?? '';
    const token = await accessTokenOf(page);
    expect(token).toBeTruthy();
    const response = await fetch(`${app.url}/api/tenants/${tenantId}/companies?q=${encodeURIComponent(suffix)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Companies' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Companies' }).waitFor();
    expect(await page.getByRole('button', { name: /^EN/ }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Sign out' }).waitFor(); // still signed in after the reload
  });

  it('never broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
