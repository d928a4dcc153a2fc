import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * Membership growth in a real browser against the whole local product. Lotte Lenaerts (admin of C-Valley Leuven)
 * reads the coverage (figures, chart, the chart as a table), sets the goals, makes a prospect a member and sees
 * the figures move, reads that company's history, and sets its dues for this year. Bieke Brabants (staff of POM
 * Vlaams-Brabant) reads C-Valley's coverage on the association page and on her umbrella's page, without being
 * offered the goals or the dues. Each person has a browser profile of their own; the steps run in order.
 */

const C_VALLEY = 'C-Valley Leuven';
const POM_VLB = 'POM Vlaams-Brabant';
const cValleyId = demoTenantId(C_VALLEY);
const umbrellaId = demoTenantId(POM_VLB);
const year = new Date().getFullYear();

type Coverage = {
  goals: { targetCoverage: number; foundingThreshold: number; stage: string; version: number };
  totals: { companies: number; members: number; coverage: number; interested: number };
  series: { month: string; companies: number; members: number; coverage: number }[];
};
type Company = { id: string; name: string; membershipStatus: string; version: number };

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
const violationLists: string[][] = [];
let lotte: Page;
let bieke: Page;
/** The coverage before Lotte's change, from the API. */
let before: Coverage;
/** The prospect Lotte makes a member. */
let prospect: Company;

const percent = (fraction: number) => new Intl.NumberFormat('nl-BE', { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
const euro = (euros: number) => new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' }).format(euros);
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const day = (iso: string) =>
  new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${iso}T12:00:00`));

async function personPage(name: string): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  violationLists.push(opened.cspViolations);
  await signInAs(opened.page, app.url, name);
  return opened.page;
}

async function api<T = unknown>(page: Page, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const token = await accessTokenOf(page);
  const response = await fetch(`${app.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function coverageSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Leden en dekking', exact: true });
}

/** The big figures as one line: "Leden 80 van 180 bedrijven Dekking 44,4% doel 50%" (+ "Fase In oprichting"). */
async function figures(page: Page): Promise<string> {
  const section = coverageSection(page);
  await section.getByRole('progressbar').waitFor();
  return squash(await section.locator('.figures').textContent());
}

async function openCValley(page: Page) {
  await page.goto(`${app.url}/associations/${cValleyId}`);
  await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
}

/** Finds a company in the register by name and opens it. */
async function openCompany(page: Page, name: string) {
  await openCValley(page);
  const answered = page.waitForResponse((response) => new URL(response.url()).searchParams.get('q') === name);
  await page.getByRole('searchbox', { name: 'Zoeken', exact: true }).fill(name);
  await answered;
  await page.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('coverage, goals, history and dues', () => {
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

  it('Lotte Lenaerts reads C-Valley’s coverage: the figures against the target, per park, and over time', async () => {
    lotte = await personPage('Lotte Lenaerts');
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    before = (await api<Coverage>(lotte, `/tenants/${cValleyId}/coverage`)).body;
    const { totals, goals } = before;
    expect(goals.targetCoverage).toBe(0.5);

    expect(await figures(lotte)).toBe(
      `Leden ${totals.members} van ${totals.companies} bedrijven Dekking ${percent(totals.coverage)} doel ${percent(goals.targetCoverage)}`,
    );
    const section = coverageSection(lotte);
    const bar = section.getByRole('progressbar', { name: 'Dekking ten opzichte van het doel' });
    expect(squash(await bar.getAttribute('aria-valuetext'))).toBe(squash(`${percent(totals.coverage)} van de bedrijven is lid; het doel is 50%`));
    await section.getByText(/^Nog \d+ leden nodig om het doel van 50% te halen\.$/).waitFor();
    await section.getByText('Researchpark Haasrode', { exact: true }).waitFor();
    await section.getByText('Ambachtenzone Haasrode', { exact: true }).waitFor();

    // The chart: a figure with its caption, two images with a name, and a sentence that says what they show.
    const figure = section.getByRole('figure', { name: 'Leden en dekking per maand' });
    await figure.getByRole('img', { name: 'Leden per maand' }).waitFor();
    await figure.getByRole('img', { name: 'Dekking per maand' }).waitFor();
    const first = before.series[0]!;
    const last = before.series.at(-1)!;
    expect(await figure.textContent()).toContain(`ging het aantal leden van ${first.members} naar ${last.members}`);
    expect(await figure.locator('svg[role="img"] path').count()).toBeGreaterThan(0);

    // … and the same numbers as a table, newest month first.
    const toggle = figure.getByRole('button', { name: 'Toon als tabel' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await figure.getByRole('table').count()).toBe(0);
    await toggle.click();
    const table = figure.getByRole('table', { name: 'Leden en dekking per maand, de nieuwste eerst' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(before.series.length);
    const newest = table.locator('tbody tr').first();
    expect(squash(await newest.getByRole('rowheader').textContent())).toBe(
      new Intl.DateTimeFormat('nl-BE', { month: 'long', year: 'numeric' }).format(new Date(`${last.month}-15T12:00:00`)),
    );
    expect((await newest.getByRole('cell').allTextContents()).map(squash)).toEqual([
      String(last.companies),
      String(last.members),
      percent(last.coverage),
    ]);
    const hide = figure.getByRole('button', { name: 'Verberg tabel' });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await hide.click();
    await table.waitFor({ state: 'detached' });
  });

  it('Lotte sets the goals in a dialog: her own mistakes and a conflicting change are shown, then saved', async () => {
    const section = coverageSection(lotte);
    await section.getByRole('button', { name: 'Doelen aanpassen' }).click();
    const dialog = lotte.getByRole('dialog', { name: `Doelen van ${C_VALLEY}` });
    const target = dialog.getByRole('spinbutton', { name: 'Doel voor de dekking (%)' });
    await expect.poll(() => target.inputValue()).toBe('50');
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await target.getAttribute('id'));

    // Escape keeps everything as it was.
    await lotte.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(squash(await lotte.locator(':focus').textContent())).toBe('Doelen aanpassen');

    await section.getByRole('button', { name: 'Doelen aanpassen' }).click();
    await target.fill('0');
    await dialog.getByRole('button', { name: 'Doelen opslaan' }).click();
    await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Geef een percentage van 1 tot 100.').first().waitFor();

    // Meanwhile someone else changes the goals (the same account, through the API): the dialog shows them.
    const changed = await api(lotte, `/tenants/${cValleyId}/goals`, {
      method: 'PUT',
      body: JSON.stringify({ targetCoverage: 0.55, foundingThreshold: 25, stage: 'founded', version: before.goals.version }),
    });
    expect(changed.status).toBe(200);
    await target.fill('60');
    await dialog.getByRole('radio', { name: 'In oprichting' }).check();
    await dialog.getByRole('button', { name: 'Doelen opslaan' }).click();
    const conflict = dialog.getByRole('alert').filter({ hasText: 'De doelen zijn intussen gewijzigd' });
    await conflict.waitFor();
    expect(squash(await conflict.textContent())).toContain('Nu geldt: doel 55%, drempel 25, fase Opgericht.');
    await conflict.getByRole('button', { name: 'Huidige waarden laden' }).click();
    await expect.poll(() => target.inputValue()).toBe('55');
    expect(await dialog.getByRole('spinbutton', { name: 'Drempel om op te richten' }).inputValue()).toBe('25');

    await target.fill('60');
    await dialog.getByRole('spinbutton', { name: 'Drempel om op te richten' }).fill('20');
    await dialog.getByRole('radio', { name: 'In oprichting' }).check();
    await dialog.getByRole('button', { name: 'Doelen opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => section.locator('[role="status"]').first().textContent()).toBe('De doelen zijn opgeslagen.');
    await expect.poll(() => figures(lotte)).toContain('doel 60%');

    // In formation: the founding threshold, against the interested companies and members together.
    const now = (await api<Coverage>(lotte, `/tenants/${cValleyId}/coverage`)).body;
    expect(now.goals).toMatchObject({ targetCoverage: 0.6, foundingThreshold: 20, stage: 'in_formation' });
    await section.getByText(`20 geïnteresseerde bedrijven nodig om te starten: nu ${now.totals.interested + now.totals.members}`).waitFor();
  });

  it('Lotte makes a prospect a member in its form; the association page counts one member more', async () => {
    const companies: Company[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api<{ items: Company[]; nextCursor: string | null }>(lotte, `/tenants/${cValleyId}/companies?limit=100${query}`);
      companies.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const found = companies.find((company) => company.membershipStatus === 'prospect' && companies.filter((other) => other.name.includes(company.name)).length === 1);
    expect(found).toBeDefined();
    prospect = found!;

    await openCompany(lotte, prospect.name);
    await lotte.getByRole('link', { name: 'Bewerken' }).click();
    const status = lotte.getByRole('combobox', { name: 'Lidmaatschap', exact: true });
    expect(await status.inputValue()).toBe('prospect');
    const founding = lotte.getByRole('checkbox', { name: 'Stichtend lid' });
    expect(await founding.isChecked()).toBe(false);
    await status.selectOption('member');
    await lotte.getByRole('button', { name: 'Opslaan' }).click();
    await lotte.getByText(`De wijzigingen aan ${prospect.name} zijn opgeslagen.`).waitFor();
    await openCValley(lotte);

    const members = before.totals.members + 1;
    const coverage = Math.round((members / before.totals.companies) * 10_000) / 10_000;
    await expect.poll(() => figures(lotte)).toBe(
      `Leden ${members} van ${before.totals.companies} bedrijven Dekking ${percent(coverage)} doel 60% Fase In oprichting`,
    );
    expect(percent(coverage)).not.toBe(percent(before.totals.coverage));
  });

  it('the company’s page says since when it is a member, and its history shows the change', async () => {
    await openCompany(lotte, prospect.name);
    const today = (await api<Company & { memberSince?: string }>(lotte, `/tenants/${cValleyId}/companies/${prospect.id}`)).body.memberSince;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await lotte.getByText(`Lid sinds ${day(today!)}`).waitFor();

    const history = lotte.getByRole('list', { name: `Geschiedenis van ${prospect.name} in het register, de oudste eerst` });
    await history.getByRole('listitem').first().waitFor();
    const items = (await history.getByRole('listitem').allTextContents()).map(squash);
    expect(items[0]).toMatch(/^Toegevoegd aan het register op .+, als Prospect$/);
    expect(items.at(-1)).toBe(`Status gewijzigd van Prospect naar Lid op ${day(today!)}`);
  });

  it('Lotte sets the new member’s dues for this year: field errors at the row, a conflict, and the totals', async () => {
    await openCValley(lotte);
    await lotte.getByRole('link', { name: 'Lidgelden' }).click();
    await lotte.getByRole('heading', { level: 1, name: 'Lidgelden' }).waitFor();
    expect(await lotte.getByRole('combobox', { name: 'Jaar' }).inputValue()).toBe(String(year));
    const table = lotte.getByRole('table', { name: `Lidgelden ${year} van ${C_VALLEY}` });
    await table.waitFor();
    const members = before.totals.members + 1;
    expect(await table.locator('tbody tr').count()).toBe(members); // every member, no dues yet
    const totals = lotte.getByRole('region', { name: `Totalen ${year}` });
    const total = (label: string) => totals.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent().then(squash);
    expect(await total('Totaal lidgelden')).toBe(squash(euro(0)));

    await lotte.getByRole('searchbox', { name: 'Zoek een bedrijf' }).fill(prospect.name);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const row = table.locator('tbody tr').first();
    await row.getByRole('textbox', { name: `Bedrag voor ${prospect.name}` }).fill('150');
    await row.getByLabel(`Factuurdatum voor ${prospect.name}`).fill(`${year}-02-01`);
    const paid = row.getByLabel(`Betaaldatum voor ${prospect.name}`);
    await paid.fill(`${year}-01-15`);
    await row.getByText('Niet opgeslagen').waitFor();
    await row.getByRole('button', { name: `Lidgeld van ${prospect.name} opslaan` }).click();

    // Paid before invoiced: the API's message at the payment date, which takes focus.
    await expect.poll(() => paid.getAttribute('aria-invalid')).toBe('true');
    await row.getByText('De betaaldatum ligt vóór de factuurdatum.').waitFor();
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await paid.getAttribute('id'));

    await paid.fill(`${year}-03-01`);
    await row.getByRole('button', { name: `Lidgeld van ${prospect.name} opslaan` }).click();
    await row.getByText('Betaald', { exact: true }).waitFor();
    await expect.poll(() => lotte.locator('main p[role="status"]').first().textContent()).toBe(`Lidgeld van ${prospect.name} voor ${year} opgeslagen.`);
    expect(await row.getByText('Niet opgeslagen').count()).toBe(0);
    expect(await total('Totaal lidgelden')).toBe(squash(euro(150)));
    expect(await total('Gefactureerd')).toBe(squash(euro(150)));
    expect(await total('Betaald')).toBe(squash(euro(150)));
    expect(await total('Nog te ontvangen')).toBe(squash(euro(0)));
    await totals.getByText(`1 van ${members} leden betaald`).waitFor();

    // Someone else changes the same dues meanwhile: saving shows the row as it is now, to load.
    const changed = await api(lotte, `/tenants/${cValleyId}/companies/${prospect.id}/dues/${year}`, {
      method: 'PUT',
      body: JSON.stringify({ amountCents: 17_500, invoicedOn: `${year}-02-01`, version: 1 }),
    });
    expect(changed.status).toBe(200);
    await row.getByRole('textbox', { name: `Bedrag voor ${prospect.name}` }).fill('160');
    await row.getByRole('button', { name: `Lidgeld van ${prospect.name} opslaan` }).click();
    const conflict = table.getByRole('alert').filter({ hasText: 'Dit lidgeld is intussen gewijzigd' });
    await conflict.waitFor();
    expect(squash(await conflict.textContent())).toContain(squash(`Nu geldt: ${euro(175)}, gefactureerd ${day(`${year}-02-01`)}, betaald nog niet.`));
    await conflict.getByRole('button', { name: 'Huidige waarden laden' }).click();
    await expect.poll(() => row.getByRole('textbox', { name: `Bedrag voor ${prospect.name}` }).inputValue()).toBe('175,00');
    await row.getByText('Gefactureerd', { exact: true }).waitFor();
    expect(await total('Totaal lidgelden')).toBe(squash(euro(175)));
    expect(await total('Betaald')).toBe(squash(euro(0)));
    expect(await total('Nog te ontvangen')).toBe(squash(euro(175)));

    // Saved for real: a fresh page reads the same.
    await lotte.reload();
    await lotte.getByRole('searchbox', { name: 'Zoek een bedrijf' }).fill(prospect.name);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await row.getByRole('textbox', { name: `Bedrag voor ${prospect.name}` }).inputValue()).toBe('175,00');
    expect(await row.getByLabel(`Factuurdatum voor ${prospect.name}`).inputValue()).toBe(`${year}-02-01`);
  });

  it('Bieke Brabants (umbrella staff) sees C-Valley’s coverage on her umbrella’s page (its copy may lag: polled)', async () => {
    bieke = await personPage('Bieke Brabants');
    await bieke.getByRole('heading', { level: 1, name: POM_VLB }).waitFor();
    const members = before.totals.members + 1;
    const coverage = percent(Math.round((members / before.totals.companies) * 10_000) / 10_000);
    const headers = (await bieke.getByRole('table').getByRole('columnheader').allTextContents()).map(squash);
    expect(headers).toEqual(['Vereniging', 'Regio', 'Bedrijventerreinen', 'Bedrijven', 'Leden', 'Dekking', 'Laatste contact']);

    const rowText = async () => {
      await bieke.goto(`${app.url}/umbrellas/${umbrellaId}`);
      const row = bieke.getByRole('row').filter({ has: bieke.getByRole('link', { name: C_VALLEY, exact: true }) });
      await row.waitFor();
      return (await row.getByRole('cell').allTextContents()).map(squash);
    };
    await expect.poll(rowText, { timeout: 20_000, interval: 500 }).toEqual(['Leuven', '2', String(before.totals.companies), String(members), coverage, 'Nog geen']);
  });

  it('Bieke reads C-Valley’s coverage on its page, but is offered neither the goals nor the dues', async () => {
    await bieke.getByRole('table').getByRole('link', { name: C_VALLEY, exact: true }).click();
    await bieke.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    const members = before.totals.members + 1;
    const coverage = Math.round((members / before.totals.companies) * 10_000) / 10_000;
    expect(await figures(bieke)).toBe(
      `Leden ${members} van ${before.totals.companies} bedrijven Dekking ${percent(coverage)} doel 60% Fase In oprichting`,
    );
    const section = coverageSection(bieke);
    await section.getByRole('figure', { name: 'Leden en dekking per maand' }).getByRole('img', { name: 'Dekking per maand' }).waitFor();
    expect(await section.getByRole('button', { name: 'Doelen aanpassen' }).count()).toBe(0);
    expect(await bieke.getByRole('link', { name: 'Lidgelden' }).count()).toBe(0);
    expect(await bieke.getByRole('alert').count()).toBe(0);

    // The API refuses her the same.
    const goals = await api<{ version: number }>(bieke, `/tenants/${cValleyId}/goals`);
    expect(goals.status).toBe(200);
    const put = await api(bieke, `/tenants/${cValleyId}/goals`, {
      method: 'PUT',
      body: JSON.stringify({ targetCoverage: 0.5, foundingThreshold: 20, stage: 'founded', version: goals.body.version }),
    });
    expect([403, 404]).toContain(put.status);
    expect((await api(bieke, `/tenants/${cValleyId}/dues?year=${year}`)).status).toBe(403);

    // The dues page by its address: a calm notice.
    await bieke.goto(`${app.url}/associations/${cValleyId}/dues`);
    await bieke.getByText('De lidgelden zijn er alleen voor de beheerders en redacteurs van de vereniging.').waitFor();
    expect(await bieke.getByRole('table').count()).toBe(0);
    expect(await bieke.getByRole('alert').count()).toBe(0);
  });

  it('never broke the Content-Security-Policy', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
