import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoTenantId } from './browser';
import { useSeededApp } from './seeded-app';

/**
 * The umbrella's yearly report (issue #6, "done when"): Wout Vermeersch (POM West-Vlaanderen's admin) opens the
 * report from the umbrella's page, picks this year, records a contact moment with Bedrijvig Brugge and sees the
 * total move by one; the association's figure links to exactly its contact moments of the period; the CSV he
 * downloads carries the totals the page shows. A period without records shows zeros with an explanation.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const BRUGGE = 'Bedrijvig Brugge vzw';

const app = useSeededApp();
const personPage = (name: string) => app.personPage(name);

function brusselsDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** A figure on the report page (`data-figure`), as a number (Dutch thousands separators removed). */
async function figure(page: Page, name: string): Promise<number> {
  const text = (await page.locator(`[data-figure="${name}"] dd`).textContent()) ?? '';
  return Number(text.replace(/\./g, '').trim());
}

describe('the yearly report', () => {
  let wout: Page;
  const year = brusselsDay().slice(0, 4);
  let before = 0;

  it('opens from the umbrella’s page on last year, and shows this year on a click', async () => {
    wout = await personPage('Wout Vermeersch');
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}`);
    await wout.getByRole('heading', { level: 1, name: UMBRELLA }).waitFor();
    await wout.getByRole('link', { name: 'Jaarrapport' }).click();
    await wout.getByRole('heading', { level: 1, name: 'Jaarrapport' }).waitFor();
    // The default: the last full calendar year.
    expect(await wout.getByLabel('Van').inputValue()).toBe(`${Number(year) - 1}-01-01`);
    expect(await wout.getByLabel('Tot en met').inputValue()).toBe(`${Number(year) - 1}-12-31`);

    await wout.getByRole('button', { name: 'Dit jaar' }).click();
    await expect.poll(() => wout.getByLabel('Van').inputValue()).toBe(`${year}-01-01`);
    await wout.locator('[data-figure="contactMoments"]').waitFor();
    await wout.getByRole('heading', { name: 'Deelname per thema' }).waitFor();
    before = await figure(wout, 'contactMoments');
    expect(Number.isInteger(before)).toBe(true);
  });

  it('counts a contact moment recorded with an association, and links the figure to its records', async () => {
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/associations/${demoTenantId(BRUGGE)}/contact-moments`);
    await wout.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
    const dialog = wout.getByRole('dialog', { name: 'Nieuw contactmoment' });
    await dialog.getByLabel('Datum').fill(brusselsDay());
    await dialog.getByLabel('Soort contact').selectOption({ label: 'Gesprek' });
    await dialog.getByLabel('Korte notities').fill('Jaarrapport: telefoon over de oprichting van een werkgroep.');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/report?from=${year}-01-01&to=${year}-12-31`);
    await wout.locator('[data-figure="contactMoments"]').waitFor();
    expect(await figure(wout, 'contactMoments')).toBe(before + 1);

    // Brugge's figure opens its contact moments of the period: as many as the figure says.
    const link = wout.getByRole('link', { name: new RegExp(`^Bekijk de \\d+ contactmomenten met ${BRUGGE}$`) });
    const count = Number((await link.textContent())?.trim());
    expect(count).toBeGreaterThanOrEqual(1);
    await link.click();
    await wout.getByRole('heading', { level: 1, name: `Contactmomenten met ${BRUGGE}` }).waitFor();
    await wout.getByTestId('contact-period').waitFor();
    await wout.getByTestId('contact-moment').first().waitFor();
    expect(await wout.getByTestId('contact-moment').count()).toBe(count);
    expect(wout.url()).toContain(`from=${year}-01-01&to=${year}-12-31`);
  });

  it('downloads a CSV and a workbook whose totals match the page', async () => {
    await wout.goBack();
    await wout.locator('[data-figure="contactMoments"]').waitFor();
    const shown = {
      contactMoments: await figure(wout, 'contactMoments'),
      exchanges: await figure(wout, 'exchangesAndWorkshops'),
      founding: await figure(wout, 'foundingSupport'),
      participants: await figure(wout, 'participants'),
      companies: await figure(wout, 'companies'),
    };
    expect(shown.contactMoments).toBe(before + 1);

    const [download] = await Promise.all([wout.waitForEvent('download'), wout.getByRole('button', { name: 'CSV downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe(`jaarrapport-${year}-01-01-${year}-12-31.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    const value = (section: string, name: string) => Number(rows.find(([s, f]) => s === section && f === name)?.[2]);
    expect({
      contactMoments: value('contactmomenten met verenigingen', 'totaal'),
      exchanges: value('ervaringsuitwisselingen en workshops', 'totaal'),
      founding: value('verenigingen ondersteund bij de oprichting', 'totaal'),
      participants: value('deelname: totaal', 'deelnemers'),
      companies: value('deelname: totaal', 'verschillende bedrijven'),
    }).toEqual(shown);
    expect(value('nieuwsbrieven', 'verstuurd (Parkpunt verstuurt nog geen nieuwsbrieven)')).toBe(0);

    // The workbook, saved through the same button kind, holds the same totals as numbers.
    const [workbook] = await Promise.all([wout.waitForEvent('download'), wout.getByRole('button', { name: 'Excel (XLSX) downloaden' }).click()]);
    expect(workbook.suggestedFilename()).toBe(`jaarrapport-${year}-01-01-${year}-12-31.xlsx`);
    const sheet = await readSheet(await readFile((await workbook.path())!));
    const cell = (section: string, name: string) => sheet.find(([s, f]) => s === section && f === name)?.[2];
    expect(cell('contactmomenten met verenigingen', 'totaal')).toBe(shown.contactMoments);
    expect(cell('deelname: totaal', 'deelnemers')).toBe(shown.participants);
  });

  it('shows zeros with an explanation for a period without records, and a field message for a reversed one', async () => {
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/report?from=2001-01-01&to=2001-12-31`);
    await wout.getByTestId('report-empty').waitFor();
    expect(await wout.getByTestId('report-empty').textContent()).toContain('Geen gegevens in deze periode');
    expect(await figure(wout, 'contactMoments')).toBe(0);
    expect(await figure(wout, 'participants')).toBe(0);

    await wout.getByLabel('Tot en met').fill('2000-12-31');
    await wout.getByRole('button', { name: 'Toon rapport' }).click();
    await wout.getByText('De einddatum ligt vóór de begindatum.').waitFor();
    expect(await wout.getByLabel('Tot en met').getAttribute('aria-invalid')).toBe('true');
  });

  it('is not there for an association’s people', async () => {
    const lotte = await personPage('Lotte Lenaerts');
    await lotte.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/report`);
    await lotte.getByRole('heading', { name: /Niet gevonden|Geen toegang/ }).first().waitFor();
    expect(await lotte.locator('[data-figure]').count()).toBe(0);
  });

  it('keeps to the page’s Content Security Policy', () => {
    expect(app.cspViolations()).toEqual([]);
  });
});
