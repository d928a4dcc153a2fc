import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * CSV export and import of the register: Lotte Lenaerts (admin of C-Valley Leuven) exports the companies for Excel
 * (`;`) and gets a file that starts with the byte order mark; she imports a small file with one broken line, sees
 * the error on that line and cannot import; she fixes the file, sees a clean preview, imports after confirming,
 * and finds the new companies in the register.
 */

const C_VALLEY = 'C-Valley Leuven';
const PARK = 'Researchpark Haasrode';
const suffix = String(Date.now()).slice(-6);
const names = [`CSV Brouwerij ${suffix}`, `CSV Drukkerij ${suffix}`];
const numbers = [enterpriseNumberFromBody(19_753_101), enterpriseNumberFromBody(19_753_102)];
const header = 'naam;ondernemingsnummer;bedrijventerrein;lidmaatschap;notities';
const good = (i: number) => `${names[i]};${numbers[i]};${PARK};geïnteresseerd;"uit Excel; met puntkomma"`;
const broken = `\uFEFF${header}\r\n${good(0)}\r\n"${names[1]};${numbers[1]};${PARK};prospect;\r\n`;
const fixed = `\uFEFF${header}\r\n${good(0)}\r\n${good(1)}\r\n`;

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let violations: string[] = [];
let lotte: Page;
let associationId = '';

const csvFile = (text: string) => ({ name: 'bedrijven.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('CSV export and import of the register', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
    const opened = await newPage(browser);
    context = opened.context;
    violations = opened.cspViolations;
    lotte = opened.page;
    await signInAs(lotte, app.url, 'Lotte Lenaerts');
    associationId = demoTenantId(C_VALLEY);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('exports the companies as an Excel file with `;` that starts with the byte order mark', async () => {
    await lotte.goto(`${app.url}/associations/${associationId}`);
    const transfer = lotte.getByRole('region', { name: 'Exporteren en importeren' });
    await transfer.waitFor();
    await transfer.getByRole('radio', { name: 'Bedrijven' }).check();
    await transfer.getByRole('radio', { name: /Excel \(;\)/ }).check();
    const [download] = await Promise.all([lotte.waitForEvent('download'), transfer.getByRole('button', { name: 'Exporteren' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bedrijven-c-valley-leuven-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('id;naam;ondernemingsnummer;vestigingsnummer;')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(10); // the seeded register
    await transfer.getByText(/is gedownload/).waitFor();
  });

  it('shows a broken line as an error and does not allow the import', async () => {
    await lotte.getByRole('link', { name: 'CSV importeren' }).click();
    await lotte.getByRole('heading', { level: 1, name: 'Bedrijven of contactpersonen importeren' }).waitFor();
    await lotte.getByLabel('CSV-bestand').setInputFiles(csvFile(broken));
    const preview = lotte.getByRole('region', { name: '2. Voorvertoning' });
    await preview.getByRole('list', { name: 'Samenvatting' }).waitFor();
    expect(await preview.getByTestId('separator').textContent()).toBe('puntkomma (;)');
    expect(await preview.getByLabel('Soort bestand').inputValue()).toBe('companies');
    const row = preview.locator('tr[data-line="3"]');
    expect(await row.textContent()).toContain('Deze regel is onleesbaar');
    expect(await preview.getByRole('list', { name: 'Samenvatting' }).getByText('1 regel met fouten', { exact: true }).count()).toBe(1);
    expect(await preview.getByRole('button', { name: 'Importeren', exact: true }).isDisabled()).toBe(true);
  });

  it('imports the fixed file after a clean preview and a confirmation; the companies are in the register', async () => {
    await lotte.getByLabel('CSV-bestand').setInputFiles(csvFile(fixed));
    const preview = lotte.getByRole('region', { name: '2. Voorvertoning' });
    const summary = preview.getByRole('list', { name: 'Samenvatting' });
    await summary.getByText('2 nieuw', { exact: true }).waitFor();
    expect(await summary.getByText(/regels? met fouten/).textContent()).toBe('0 regels met fouten');
    const importButton = preview.getByRole('button', { name: 'Importeren', exact: true });
    expect(await importButton.isEnabled()).toBe(true);
    await importButton.click();
    const dialog = lotte.getByRole('dialog', { name: 'Importeren bevestigen' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2 nieuwe regels');
    await dialog.getByRole('button', { name: 'Importeren', exact: true }).click();
    await preview.getByRole('heading', { name: 'Geïmporteerd' }).waitFor();

    await preview.getByRole('link', { name: `Naar het register van ${C_VALLEY}` }).click();
    const search = lotte.getByRole('searchbox', { name: 'Zoeken', exact: true });
    await search.fill(`CSV Brouwerij ${suffix}`);
    await lotte.getByRole('link', { name: names[0] }).waitFor();
    await search.fill(`CSV Drukkerij ${suffix}`);
    await lotte.getByRole('link', { name: names[1] }).waitFor();
    expect(violations).toEqual([]);
  });
});
