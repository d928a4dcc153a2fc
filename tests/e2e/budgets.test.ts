import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * Budgets and subsidy conditions. Emma Claeys (an editor of Bedrijvenpark Kortrijk-Noord) opens "Begroting" from
 * the association's page and sees this year's conditions met on the demo budget of next year; she opens next
 * year's budget, adds a cost line and meets the field messages at that row (a negative amount, then a period that
 * overlaps an earlier park-manager line), saves, and finds the budget condition no longer met. A second window of
 * hers, based on the older version, gets the conflict and loads the saved budget. Wout Vermeersch (POM
 * West-Vlaanderen) reads the budget without being able to change it, and sees unknown conditions for Waregem-Zuid,
 * which has no budget.
 */

const KORTRIJK = 'Bedrijvenpark Kortrijk-Noord vzw';
const WAREGEM = 'Bedrijvenpark Waregem-Zuid vzw';
const YEAR = new Date().getUTCFullYear();
const NEXT = YEAR + 1;

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

const kpiRow = (page: Page, id: string) => page.locator(`tr[data-kpi="${id}"]`);
const costRows = (page: Page) => page.locator('table[data-section="cost"] tbody tr');
const budgetPage = (id: string, year: number) => `${app.url}/associations/${id}/budget?year=${year}`;

async function openBudgetYear(page: Page, year: number) {
  await page.getByLabel('Jaar', { exact: true }).selectOption(String(year));
  await page.getByRole('heading', { level: 1, name: `Begroting ${year}` }).waitFor();
  await page.getByRole('heading', { level: 2, name: `Subsidievoorwaarden ${year}` }).waitFor();
}

async function expectRowError(row: Locator, field: Locator, text: string) {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  expect(await row.locator('.field-error').allTextContents()).toContain(text);
}

describe('budgets and subsidy conditions', () => {
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

  let emma: Page;
  it('an editor opens the budget from the association’s page and sees this year’s conditions', async () => {
    emma = await personPage('Emma Claeys');
    await emma.goto(`${app.url}/associations/${demoTenantId(KORTRIJK)}`);
    await emma.getByRole('heading', { level: 1, name: KORTRIJK }).waitFor();
    await emma.getByRole('link', { name: 'Begroting', exact: true }).click();
    await emma.getByRole('heading', { level: 1, name: `Begroting ${YEAR}` }).waitFor();
    await emma.getByRole('heading', { level: 2, name: `Subsidievoorwaarden ${YEAR}` }).waitFor();

    await expect.poll(() => kpiRow(emma, 'park_manager').textContent()).toContain('Voldaan');
    expect(await kpiRow(emma, 'park_manager').textContent()).toContain('Parkmanager aangesteld sinds 1 februari 2019');
    // Next year's demo budget: 56 000 of 70 000 covered without the Flemish subsidy, city 30 %, member fees 35 %.
    for (const id of ['budget_covered', 'local_government_share', 'member_fees_share']) {
      expect(await kpiRow(emma, id).locator('[data-status]').getAttribute('data-status'), id).toBe('met');
    }
    expect(await kpiRow(emma, 'budget_covered').textContent()).toMatch(/De inkomsten dekken 80\s?% van de kosten van \d{4}/);
    expect(await kpiRow(emma, 'budget_covered').textContent()).toMatch(/De Vlaamse subsidie \(€\s12\.000,00\) telt niet mee\./); // € and amount: a no-break space
  });

  it('adds a cost line to next year’s budget, meeting the field messages at the row, and the condition is no longer met', async () => {
    await emma.getByRole('button', { name: `Begroting ${NEXT} openen` }).click();
    await emma.getByRole('heading', { level: 1, name: `Begroting ${NEXT}` }).waitFor();
    await expect.poll(() => costRows(emma).count()).toBe(5);
    expect(await costRows(emma).first().locator('input[inputmode="decimal"]').inputValue()).toBe('26.000,00');
    expect(await emma.locator('[data-total="costs"]').textContent()).toMatch(/€\s70\.000,00/);

    await emma.getByRole('button', { name: 'Kost toevoegen' }).click();
    const row = costRows(emma).last();
    await row.getByRole('textbox', { name: /Omschrijving/ }).fill('Tweede parkmanager (voorjaar)');
    const amount = row.locator('input[inputmode="decimal"]');
    await amount.fill('-5');
    await emma.getByRole('button', { name: 'Begroting bewaren' }).click();
    await expectRowError(row, amount, 'Een bedrag kan niet negatief zijn.');

    await amount.fill('30.000,00');
    const from = row.locator('input[type="date"]').first();
    const to = row.locator('input[type="date"]').last();
    await from.fill(`${NEXT}-03-01`);
    await to.fill(`${NEXT}-04-30`);
    await emma.getByRole('button', { name: 'Begroting bewaren' }).click();
    await expectRowError(row, from, 'Deze periode overlapt met een eerdere regel van dezelfde soort.');
    expect(await amount.getAttribute('aria-invalid')).toBeNull();

    await from.fill('');
    await to.fill('');
    await emma.getByRole('button', { name: 'Begroting bewaren' }).click();
    await emma.getByRole('status').filter({ hasText: `De begroting voor ${NEXT} is bewaard (versie 2).` }).waitFor({ state: 'attached' });
    expect(await emma.locator('[data-total="costs"]').textContent()).toMatch(/€\s100\.000,00/);

    await openBudgetYear(emma, YEAR);
    await expect.poll(() => kpiRow(emma, 'budget_covered').locator('[data-status]').getAttribute('data-status')).toBe('not_met');
    expect(await kpiRow(emma, 'budget_covered').textContent()).toMatch(/dekken 56\s?% van de kosten van \d{4} \(€\s56\.000,00 van €\s100\.000,00\), 75\s?% nodig/);
    expect(await kpiRow(emma, 'local_government_share').locator('[data-status]').getAttribute('data-status')).toBe('not_met');
  });

  it('a second window based on the older version gets the conflict and loads the saved budget', async () => {
    const first = await personPage('Emma Claeys');
    const second = await personPage('Emma Claeys');
    for (const page of [first, second]) {
      await page.goto(budgetPage(demoTenantId(KORTRIJK), NEXT));
      await expect.poll(() => costRows(page).count()).toBe(6);
    }
    await costRows(first).last().getByRole('textbox', { name: /Omschrijving/ }).fill('Tweede parkmanager');
    await first.getByRole('button', { name: 'Begroting bewaren' }).click();
    await first.getByRole('status').filter({ hasText: 'is bewaard (versie 3)' }).waitFor({ state: 'attached' });

    await costRows(second).first().locator('input[inputmode="decimal"]').fill('1,00');
    await second.getByRole('button', { name: 'Begroting bewaren' }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'Iemand anders heeft deze begroting intussen gewijzigd' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/versie 3 heeft 12 regels/);
    await conflict.getByRole('button', { name: 'Huidige versie laden' }).click();
    await expect.poll(() => costRows(second).last().getByRole('textbox', { name: /Omschrijving/ }).inputValue()).toBe('Tweede parkmanager');
    expect(await costRows(second).first().locator('input[inputmode="decimal"]').inputValue()).toBe('26.000,00');
  });

  it('the umbrella admin reads the budget without editing it, and sees unknown conditions where there is no budget', async () => {
    const wout = await personPage('Wout Vermeersch');
    await wout.goto(`${app.url}/associations/${demoTenantId(KORTRIJK)}`);
    await wout.getByRole('heading', { level: 1, name: KORTRIJK }).waitFor();
    await wout.getByRole('link', { name: 'Begroting', exact: true }).click();
    await wout.getByRole('heading', { level: 1, name: `Begroting ${YEAR}` }).waitFor();
    await wout.getByText('Je kunt de begroting bekijken.', { exact: false }).waitFor();
    expect(await wout.getByRole('button', { name: 'Begroting bewaren' }).count()).toBe(0);
    expect(await wout.locator('table[data-section="income"] input').count()).toBe(0);
    await expect.poll(() => kpiRow(wout, 'budget_covered').locator('[data-status]').getAttribute('data-status')).toBe('not_met');

    await wout.goto(budgetPage(demoTenantId(WAREGEM), YEAR));
    await wout.getByText(`Er is nog geen begroting voor ${YEAR}.`).waitFor();
    await expect.poll(() => kpiRow(wout, 'member_fees_share').textContent()).toContain(`Geen begroting voor ${NEXT}.`);
    expect(await kpiRow(wout, 'member_fees_share').locator('[data-status]').getAttribute('data-status')).toBe('unknown');
    expect(await kpiRow(wout, 'park_manager').locator('[data-status]').getAttribute('data-status')).toBe('not_met');
  });

  it('broke no content-security rule on any page', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
