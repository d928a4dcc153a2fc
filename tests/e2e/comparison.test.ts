import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoAssociationNames, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * The umbrella's comparison table (issue #6). Wout Vermeersch (POM West-Vlaanderen's admin) opens "Vergelijking"
 * from the umbrella's page, finds every association of the umbrella with a member line each, sorts by coverage
 * (by mouse, then by keyboard), filters by region and stage and searches by name, sees the coverage chart against
 * the 50% line, and clicks a row through to the association's profile. Emma Claeys (an editor of an association)
 * does not get the umbrella's comparison.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const TITLE = 'Vergelijking van de verenigingen';

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

const table = (page: Page) => page.getByRole('table');
const bodyRows = (page: Page) => table(page).locator('tbody tr');
const rowNames = async (page: Page) => (await bodyRows(page).getByRole('rowheader').allTextContents()).map((text) => text.trim());
/** "40,7%" → 0.407 (the coverage column, Belgian Dutch). */
const coverages = async (page: Page) =>
  (await bodyRows(page).locator('td:nth-of-type(5)').allTextContents()).map((text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')) / 100);
const shownCount = async (page: Page, count: number) => {
  await expect.poll(async () => (await rowNames(page)).length).toBe(count);
};

describe('the umbrella’s comparison page', () => {
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

  it('an umbrella admin compares the associations: sorts by coverage, filters, searches and clicks through', async () => {
    const wout = await personPage('Wout Vermeersch');
    // The umbrella's rows follow the demo seed through the stream (rollups): wait until its last step is copied.
    const token = await accessTokenOf(wout);
    await expect
      .poll(
        async () => {
          const answer = await fetch(`${app.url}/api/tenants/${demoTenantId(UMBRELLA)}/comparison`, { headers: { Authorization: `Bearer ${token}` } });
          const body = (await answer.json()) as { items: { name: string; stage: string }[] };
          return body.items.filter((row) => row.stage === 'in_formation').map((row) => row.name).sort();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(['Harelbeke-Zuid', 'Oostende Werkt']);
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}`);
    await wout.getByRole('heading', { level: 1, name: UMBRELLA }).waitFor();
    await wout.getByRole('link', { name: 'Vergelijking', exact: true }).click();
    await wout.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // Every association of the umbrella, alphabetically, each with its line of members over 12 months.
    const names = demoAssociationNames(UMBRELLA);
    await shownCount(wout, names.length);
    expect(await rowNames(wout)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(await wout.getByRole('img', { name: /^Leden van .* over 12 maanden/ }).count()).toBe(names.length);
    await wout.getByText(`${names.length} van ${names.length} verenigingen`).waitFor();
    // Each coverage is its members ÷ companies, rounded once to one decimal (as on the umbrella's own page).
    const counts = async (column: number) => (await bodyRows(wout).locator(`td:nth-of-type(${column})`).allTextContents()).map((text) => Number(text.replace(/\D/g, '')));
    const [members, companies] = [await counts(3), await counts(4)];
    const shownPermille = (await coverages(wout)).map((fraction) => Math.round(fraction * 1000));
    expect(shownPermille).toEqual(members.map((m, i) => Math.round((m / companies[i]!) * 1000)));

    // Sort by coverage: highest first on the first click …
    const coverageHeader = wout.getByRole('columnheader', { name: /Dekking/ });
    expect(await coverageHeader.getAttribute('aria-sort')).toBe('none');
    await coverageHeader.getByRole('button').click();
    await expect.poll(() => coverageHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = await coverages(wout);
    expect(descending.every((value) => Number.isFinite(value))).toBe(true);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending.at(-1)!);
    expect(await wout.getByRole('columnheader', { name: /Vereniging/ }).getAttribute('aria-sort')).toBe('none');
    // … lowest first with the keyboard.
    await coverageHeader.getByRole('button').focus();
    await wout.keyboard.press('Enter');
    await expect.poll(() => coverageHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await coverages(wout)).toEqual([...descending].reverse());

    // The chart of every association against the 50% line.
    await wout.getByRole('img', { name: 'Dekking van elke vereniging tegenover de lijn van 50%' }).waitFor();

    // Filters: a region, then a stage; the search box.
    await wout.getByLabel('Regio').selectOption('Brugge');
    await shownCount(wout, 2);
    expect((await rowNames(wout)).sort()).toEqual(['Association Port of Zeebrugge Interests vzw', 'Bedrijvig Brugge vzw']);
    await wout.getByLabel('Regio').selectOption('');
    await wout.getByLabel('Fase').selectOption('in_formation');
    await shownCount(wout, 2);
    expect((await rowNames(wout)).sort()).toEqual(['Harelbeke-Zuid', 'Oostende Werkt']);
    expect(await bodyRows(wout).first().textContent()).toContain('In oprichting');
    await wout.getByLabel('Fase').selectOption('');
    await wout.getByLabel('Zoeken op naam').fill('veurne');
    await shownCount(wout, 1);
    expect(await rowNames(wout)).toEqual(['Veurne@Work vzw']);
    // The view is in the URL: sorted ascending by coverage, searching.
    expect(new URL(wout.url()).searchParams.get('sort')).toBe('coverage');
    expect(new URL(wout.url()).searchParams.get('q')).toBe('veurne');

    // A click anywhere on the row opens the association's profile.
    await bodyRows(wout).first().locator('td').first().click();
    await wout.waitForURL((url) => url.pathname === `/associations/${demoTenantId('Veurne@Work vzw')}`);
    await wout.getByRole('heading', { level: 1, name: 'Veurne@Work vzw' }).waitFor();
  });

  it('shows each association’s subsidy conditions and last contact moment, as the API judges them, and the members over time', async () => {
    const wout = await personPage('Wout Vermeersch');
    const token = await accessTokenOf(wout);
    const answer = await fetch(`${app.url}/api/tenants/${demoTenantId(UMBRELLA)}/comparison`, { headers: { Authorization: `Bearer ${token}` } });
    type Row = { name: string; lastContactAt?: string; kpis: { id: string; status: string }[] };
    const rows = ((await answer.json()) as { items: Row[] }).items;
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/comparison?sort=-kpis`);
    await wout.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await shownCount(wout, rows.length);

    // Most conditions met first; each cell's marks are the API's statuses, in the funder's order.
    const header = wout.getByRole('columnheader', { name: /Subsidievoorwaarden/ });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const cells = bodyRows(wout).getByTestId('kpi-cell');
    const met = (await cells.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-met')))));
    expect(met).toEqual([...met].sort((a, b) => b - a));
    for (const [index, name] of (await rowNames(wout)).entries()) {
      const row = rows.find((candidate) => candidate.name === name)!;
      const statuses = await cells.nth(index).locator('[data-kpi]').evaluateAll((marks) => marks.map((mark) => `${mark.getAttribute('data-kpi')}:${mark.getAttribute('data-status')}`));
      expect(statuses, name).toEqual(row.kpis.map((kpi) => `${kpi.id}:${kpi.status}`));
    }
    // The reasons appear on keyboard focus, and the link opens the association's budget.
    const first = cells.first();
    await first.getByRole('link').focus();
    const tooltip = first.getByRole('tooltip');
    await expect.poll(() => tooltip.evaluate((node) => node.ownerDocument.defaultView!.getComputedStyle(node).opacity)).toBe('1');
    expect(await tooltip.textContent()).toContain('Er is een parkmanager aangesteld');

    // Last contact: the demo's visit to Kortrijk-Noord, none yet with Bedrijvig Brugge.
    const names = await rowNames(wout);
    const lastContactOf = (name: string) => bodyRows(wout).nth(names.indexOf(name)).locator('td.last-contact');
    const kortrijk = rows.find((row) => row.name === 'Bedrijvenpark Kortrijk-Noord vzw')!;
    expect(kortrijk.lastContactAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [y, m, d] = kortrijk.lastContactAt!.split('-').map(Number);
    const longDay = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(y!, m! - 1, d));
    expect((await lastContactOf(kortrijk.name).textContent())?.trim()).toBe(longDay);
    expect((await lastContactOf('Bedrijvig Brugge vzw').textContent())?.trim()).toBe('nog geen');

    await wout.getByRole('img', { name: `Leden van de ${rows.length} getoonde verenigingen per maand` }).waitFor();
  });

  it('an association’s editor gets no comparison of the umbrella', async () => {
    const emma = await personPage('Emma Claeys');
    await emma.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/comparison`);
    // The umbrella is not hers to see (404), or, were it, the comparison is not (the notice says why).
    await emma.getByText('Niet gevonden').or(emma.getByText('Alleen de beheerders en medewerkers van de koepel')).first().waitFor();
    expect(await emma.getByRole('heading', { level: 1, name: TITLE }).count()).toBe(0);
    expect(await emma.getByRole('table').count()).toBe(0);
    const token = await accessTokenOf(emma);
    const answer = await fetch(`${app.url}/api/tenants/${demoTenantId(UMBRELLA)}/comparison`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(404);
  });

  it('breaks no content-security rule', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
