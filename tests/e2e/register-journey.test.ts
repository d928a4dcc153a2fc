import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * Issue 4's journey in one browser session: Lotte Lenaerts (admin of C-Valley Leuven) imports a small KBO extract
 * into Researchpark Haasrode, reads the preview and confirms; marks two imported companies as members and watches
 * the association's coverage move; Koen Peeters, contact of a member company, edits his own company; Lotte then
 * exports the register as a `;` CSV for Excel and finds the new members in it.
 */

const C_VALLEY = 'C-Valley Leuven';
const PARK = 'Researchpark Haasrode';
const EXTRACT = resolve(import.meta.dirname, '../fixtures/kbo/park.zip');

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
const violations: string[][] = [];
let lotte: Page;
let associationId = '';
let coverageBefore = { members: 0, companies: 0 };

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function open(personName: string): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  violations.push(opened.cspViolations);
  await signInAs(opened.page, app.url, personName);
  return opened.page;
}

async function api<T>(page: Page, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${app.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await accessTokenOf(page)}`, 'content-type': 'application/json' },
  });
  expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** "Leden 80 van 180 bedrijven …" from the coverage panel on the association page. */
async function coverageLine(page: Page): Promise<string> {
  const section = page.getByRole('region', { name: 'Leden en dekking', exact: true });
  await section.getByRole('progressbar').first().waitFor();
  return squash(await section.locator('.figures').textContent());
}

async function openAssociation(page: Page) {
  await page.goto(`${app.url}/associations/${associationId}`);
  await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
}

async function markAsMember(page: Page, name: string) {
  await openAssociation(page);
  const answered = page.waitForResponse((response) => new URL(response.url()).searchParams.get('q') === name);
  await page.getByRole('searchbox', { name: 'Zoeken', exact: true }).fill(name);
  await answered;
  await page.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('link', { name: 'Bewerken' }).click();
  await page.getByRole('combobox', { name: 'Lidmaatschap', exact: true }).selectOption('member');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText(`De wijzigingen aan ${name} zijn opgeslagen.`).waitFor();
}

describe('the association’s register, from KBO import to CSV export', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
    lotte = await open('Lotte Lenaerts');
    associationId = demoTenantId(C_VALLEY);

    // The park's streets are what the import matches addresses against; the fixture lies on these three.
    const { items } = await api<{ items: { id: string; name: string; municipality: string; postalCode: string; version: number; zones: unknown[] }[] }>(
      lotte, `/api/tenants/${associationId}/parks`,
    );
    const park = items.find((item) => item.name === PARK)!;
    await api(lotte, `/api/tenants/${associationId}/parks/${park.id}`, {
      method: 'PUT',
      body: JSON.stringify({
        name: park.name, municipality: park.municipality, postalCode: park.postalCode,
        streets: ['Interleuvenlaan', 'Romeinse straat', 'Kapeldreef'], zones: park.zones, version: park.version,
      }),
    });
    const coverage = await api<{ totals: { members: number; companies: number } }>(lotte, `/api/tenants/${associationId}/coverage`);
    coverageBefore = coverage.totals;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('imports the extract after a preview of the new companies', async () => {
    await openAssociation(lotte);
    expect(await coverageLine(lotte)).toContain(`Leden ${coverageBefore.members} van ${coverageBefore.companies} bedrijven`);

    await lotte.getByRole('link', { name: PARK }).first().click();
    await lotte.getByRole('heading', { level: 1, name: PARK }).waitFor();
    await lotte.getByRole('link', { name: /KBO/ }).first().click();
    await lotte.getByRole('heading', { level: 1, name: 'Bedrijven importeren uit de KBO' }).waitFor();
    await lotte.getByLabel('Zip-bestand van de KBO').setInputFiles(EXTRACT);
    await lotte.getByRole('button', { name: 'Zoeken in het uittreksel' }).click();

    const preview = lotte.getByRole('region', { name: '3. Vergelijken en importeren' });
    await preview.getByRole('button', { name: 'Importeren', exact: true }).waitFor();
    const summary = (await preview.getByRole('list', { name: 'Samenvatting van de vergelijking' }).getByRole('listitem').allTextContents()).map(squash);
    expect(summary).toContain('5 nieuw');
    const added = await preview.getByRole('region', { name: 'Nieuw in het register' }).getByRole('rowheader').allTextContents();
    expect(added.map(squash)).toContain('Alpha NV');
    expect(added.map(squash)).toContain('Bravo SPRL');

    await preview.getByRole('button', { name: 'Importeren', exact: true }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Importeren in het register?' });
    await dialog.getByRole('button', { name: 'Importeren', exact: true }).click();
    await preview.getByRole('status').filter({ hasText: 'Import voltooid' }).waitFor();

    await openAssociation(lotte);
    await expect.poll(() => coverageLine(lotte)).toContain(`Leden ${coverageBefore.members} van ${coverageBefore.companies + 5} bedrijven`);
  });

  it('marks two imported companies as members, and the coverage moves', async () => {
    await markAsMember(lotte, 'Alpha NV');
    await markAsMember(lotte, 'Bravo SPRL');
    await openAssociation(lotte);
    const members = coverageBefore.members + 2;
    const companies = coverageBefore.companies + 5;
    const percent = new Intl.NumberFormat('nl-BE', { style: 'percent', maximumFractionDigits: 1 }).format(members / companies);
    await expect.poll(() => coverageLine(lotte)).toContain(`Leden ${members} van ${companies} bedrijven Dekking ${percent}`);
  });

  it('lets a company contact edit their own company', async () => {
    const koen = await open('Koen Peeters');
    await koen.getByRole('region', { name: 'Voor leden' }).getByRole('link', { name: 'Mijn bedrijf' }).click();
    const website = koen.getByRole('textbox', { name: 'Website' });
    await website.waitFor();
    await website.fill('https://koen-journey.example');
    await koen.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await koen.getByText(/Je wijzigingen zijn opgeslagen/).waitFor();

    const own = await api<{ website?: string; name: string }>(koen, `/api/tenants/${associationId}/my-company`);
    expect(own.website).toBe('https://koen-journey.example');
    // The association's staff see the member's own edit in the register.
    const seen = await api<{ items: { name: string; website?: string }[] }>(lotte, `/api/tenants/${associationId}/companies?q=${encodeURIComponent(own.name)}`);
    expect(seen.items.find((item) => item.name === own.name)?.website).toBe('https://koen-journey.example');
  });

  it('exports the register as a CSV for Belgian Excel with the new members in it', async () => {
    await openAssociation(lotte);
    const exporter = lotte.getByRole('region', { name: 'Exporteren en importeren' });
    await exporter.getByRole('radio', { name: 'Bedrijven' }).check();
    await exporter.getByRole('radio', { name: /Excel \(;\)/ }).check();
    const download = lotte.waitForEvent('download');
    await exporter.getByRole('button', { name: 'Exporteren' }).click();
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(coverageBefore.companies + 5);
    const alpha = rows.find((row) => row.naam === 'Alpha NV');
    expect(alpha, 'Alpha NV is in the export').toBeDefined();
    expect(alpha!.lidmaatschap).toMatch(/^(lid|member)$/i);
    for (const list of violations) expect(list).toEqual([]);
  });
});
