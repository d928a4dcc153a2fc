import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * The CBE/KBO import of a park: Lotte Lenaerts (admin of C-Valley Leuven) opens the import page of Researchpark
 * Haasrode, picks the extract as a zip, watches the scan in the Web Worker finish, reads the preview, confirms the
 * import and finds an imported company in the register; then picks the folder's CSV files instead and reaches the
 * preview again (nothing new by then).
 */

const C_VALLEY = 'C-Valley Leuven';
const PARK = 'Researchpark Haasrode';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/kbo');
const CSV_FILES = ['meta', 'address', 'establishment', 'enterprise', 'denomination', 'activity', 'contact'].map((name) => resolve(FIXTURES, 'park', `${name}.csv`));

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let violations: string[] = [];
let lotte: Page;
let associationId = '';
let importUrl = '';

function preview(page: Page) {
  return page.getByRole('region', { name: '3. Vergelijken en importeren' });
}

async function summary(page: Page): Promise<string[]> {
  return (await preview(page).getByRole('list', { name: 'Samenvatting van de vergelijking' }).getByRole('listitem').allTextContents()).map((text) => text.trim());
}

describe('importing a park’s companies from the KBO extract', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
    const opened = await newPage(browser);
    context = opened.context;
    violations = opened.cspViolations;
    lotte = opened.page;
    await signInAs(lotte, app.url, 'Lotte Lenaerts');

    // The park's streets are the scan's criteria: set them through the API.
    associationId = demoTenantId(C_VALLEY);
    const headers = { authorization: `Bearer ${await accessTokenOf(lotte)}`, 'content-type': 'application/json' };
    const { items } = (await (await fetch(`${app.url}/api/tenants/${associationId}/parks`, { headers })).json()) as {
      items: { id: string; name: string; municipality: string; postalCode: string; version: number; zones: unknown[] }[];
    };
    const park = items.find((item) => item.name === PARK)!;
    const answer = await fetch(`${app.url}/api/tenants/${associationId}/parks/${park.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        name: park.name,
        municipality: park.municipality,
        postalCode: park.postalCode,
        streets: ['Interleuvenlaan', 'Romeinse straat', 'Kapeldreef'],
        zones: park.zones, // zones with companies cannot go, so they stay as they are
        version: park.version,
      }),
    });
    expect(answer.status).toBe(200);
    importUrl = `${app.url}/associations/${associationId}/parks/${park.id}/import`;
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('opens the import page, which explains that the files stay on the computer', async () => {
    await lotte.goto(importUrl);
    await lotte.getByRole('heading', { level: 1, name: 'Bedrijven importeren uit de KBO' }).waitFor();
    const text = (await lotte.locator('main').textContent()) ?? (await lotte.textContent('body')) ?? '';
    expect(text).toContain('de bestanden blijven op je computer');
    expect(text).toContain('Interleuvenlaan, Romeinse straat, Kapeldreef');
  });

  it('scans the zip in a worker, shows the progress finish and the preview with the new companies', async () => {
    const start = lotte.getByRole('button', { name: 'Zoeken in het uittreksel' });
    expect(await start.isDisabled()).toBe(true);
    await lotte.getByLabel('Zip-bestand van de KBO').setInputFiles(resolve(FIXTURES, 'park.zip'));
    await start.click();

    const progressbar = lotte.getByRole('progressbar', { name: 'Voortgang van het lezen' });
    await expect.poll(() => progressbar.getAttribute('aria-valuenow')).toBe('100');
    await lotte.getByText(/5 vestigingen gevonden op Researchpark Haasrode, in het uittreksel van/).waitFor();

    await preview(lotte).getByRole('button', { name: 'Importeren', exact: true }).waitFor();
    expect(await summary(lotte)).toContain('5 nieuw');
    const added = preview(lotte).getByRole('region', { name: 'Nieuw in het register' });
    const names = await added.getByRole('rowheader').allTextContents();
    expect(names.map((name) => name.trim()).sort()).toEqual(['Alpha NV', 'Bravo SPRL', 'Foxtrot GmbH', 'Golf & Co, BV', 'Golf & Co, BV']);
  });

  it('imports after confirming, and shows the summary', async () => {
    await preview(lotte).getByRole('button', { name: 'Importeren', exact: true }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Importeren in het register?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Nieuw: 5.');
    await dialog.getByRole('button', { name: 'Importeren', exact: true }).click();

    const done = preview(lotte).getByRole('status').filter({ hasText: 'Import voltooid' });
    await done.waitFor();
    expect(await done.textContent()).toContain('5 toegevoegd');
    expect(violations).toEqual([]);
  });

  it('finds an imported company in the association’s register', async () => {
    await preview(lotte).getByRole('link', { name: `Naar het bedrijvenregister van ${C_VALLEY}` }).click();
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await lotte.getByRole('searchbox', { name: 'Zoeken' }).or(lotte.getByRole('textbox', { name: 'Zoeken' })).fill('Foxtrot');
    await lotte.getByRole('link', { name: 'Foxtrot GmbH' }).waitFor();
  });

  it('reads the folder’s CSV files, tells which are missing, and reaches the preview', async () => {
    await lotte.goto(importUrl);
    await lotte.getByRole('heading', { level: 1, name: 'Bedrijven importeren uit de KBO' }).waitFor();
    await lotte.getByRole('radio', { name: 'De CSV-bestanden uit de uitgepakte map' }).check();
    const input = lotte.getByLabel('CSV-bestanden', { exact: true });
    const start = lotte.getByRole('button', { name: 'Zoeken in het uittreksel' });

    await input.setInputFiles(CSV_FILES.slice(0, 3));
    await lotte.getByText('Ontbreekt nog: enterprise.csv, denomination.csv, activity.csv').waitFor();
    expect(await start.isDisabled()).toBe(true);

    await input.setInputFiles(CSV_FILES);
    await lotte.getByText(/^Gevonden: meta\.csv, address\.csv/).waitFor();
    expect(await lotte.getByText(/Ontbreekt nog/).count()).toBe(0);
    await start.click();

    await preview(lotte).getByRole('list', { name: 'Samenvatting van de vergelijking' }).waitFor();
    const counts = await summary(lotte);
    expect(counts).toContain('0 nieuw');
    expect(counts).toContain('5 ongewijzigd');
    expect(violations).toEqual([]);
  });
});
