import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';

/**
 * The company register in a real browser against the whole local product (DynamoDB Local, demo data, the
 * local gateway serving frontend/build): from the umbrella list to adding, finding, editing and deleting a
 * company of C-Valley Leuven. The steps run in order and share one page, like one person at work.
 */

const WEB_ROOT = resolve(import.meta.dirname, '../../frontend/build');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Unique per run, so that reruns against kept data never meet an earlier company.
const suffix = Date.now().toString(36).slice(-5).toUpperCase();
const companyName = `E2E Testbedrijf ${suffix}`;
const renamedName = `E2E Hernoemd ${suffix}`;
const validEnterpriseNumber = enterpriseNumberFromBody(10_000_000 + Math.floor(Math.random() * 9_000_000));

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
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
    if (!existsSync(resolve(WEB_ROOT, 'index.html'))) throw new Error('No front-end build: run `npm run build:web` first (npm run test:e2e does).');
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ locale: 'nl-BE' });
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('leads from the umbrella list to the association C-Valley Leuven', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');

    await page.getByRole('link', { name: 'POM Vlaams-Brabant' }).click();
    await page.getByRole('heading', { level: 1, name: 'POM Vlaams-Brabant' }).waitFor();
    await page.getByRole('link', { name: 'C-Valley Leuven' }).click();

    await page.getByRole('heading', { level: 1, name: 'C-Valley Leuven' }).waitFor();
    await page.getByRole('heading', { name: 'Bedrijventerreinen' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'POM Vlaams-Brabant' }).count()).toBe(1);
    await page.locator('table tbody tr').first().waitFor();
    associationUrl = page.url();
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
    await page.getByRole('textbox', { name: 'NACE-code', exact: true }).fill('62.01');
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
    const name = page.getByRole('textbox', { name: 'Naam', exact: true });
    await expect.poll(() => name.inputValue()).toBe(companyName);
    expect(await page.getByRole('textbox', { name: 'Postcode', exact: true }).inputValue()).toBe('3001'); // filled in from the park

    await name.fill(renamedName);
    await page.getByRole('button', { name: 'Opslaan' }).click();

    await page.waitForURL(associationUrl);
    await page.getByText(`De wijzigingen aan ${renamedName} zijn opgeslagen.`).waitFor();
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
    const response = await fetch(`${app.url}/api/tenants/${tenantId}/companies?q=${encodeURIComponent(suffix)}`);
    expect(((await response.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Companies' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Companies' }).waitFor();
    expect(await page.getByRole('button', { name: /^EN/ }).getAttribute('aria-pressed')).toBe('true');
  });
});
