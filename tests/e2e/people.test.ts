import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, assertBuilt, launchChromium, newPage, signInAs } from './browser';

/**
 * The people of C-Valley Leuven: Lotte Lenaerts (its admin) opens "Mensen", meets the field message for a second
 * chair, adds a board member and a working group with a lead; Koen Peeters (a member company's contact) then sees
 * both, read-only, with the park manager's e-mail address (she shares it with members) and nobody else's.
 */

const C_VALLEY = 'C-Valley Leuven';
const NEW_MEMBER = 'Marie Mertens';
const GROUP = 'Communicatie';

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

async function openPeople(page: Page) {
  await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
  await page.getByRole('link', { name: 'Mensen', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Mensen' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Raad van bestuur' }).waitFor();
}

/** The text of the elements an input's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

const board = (page: Page) => page.getByRole('region', { name: 'Raad van bestuur van C-Valley Leuven' });
const groupCard = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

describe('the people of an association', () => {
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

  let lotte: Page;

  it('Lotte Lenaerts opens the people of C-Valley Leuven: the seeded board, park managers and working groups', async () => {
    lotte = await personPage('Lotte Lenaerts');
    await openPeople(lotte);
    const table = board(lotte);
    await table.waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Voorzitter');
    await lotte.getByRole('heading', { level: 3, name: 'Lotte Lenaerts' }).waitFor();
    const interim = lotte.getByRole('listitem').filter({ has: lotte.getByRole('heading', { level: 3, name: 'Ine Roosens' }) });
    expect(await interim.textContent()).toContain('Ad interim');
    expect(await interim.textContent()).toContain('1 dag per week');
    await lotte.getByRole('heading', { level: 3, name: 'Mobiliteit' }).waitFor();
  });

  it('shows the API’s message at the function when a second chair would overlap the sitting one', async () => {
    await lotte.getByRole('button', { name: 'Bestuurslid toevoegen' }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Bestuurslid toevoegen' });
    await dialog.waitFor();
    const name = dialog.getByRole('textbox', { name: 'Naam' });
    await expect.poll(async () => lotte.locator(':focus').getAttribute('id')).toBe(await name.getAttribute('id'));
    await name.fill(NEW_MEMBER);
    const fn = dialog.getByRole('combobox', { name: 'Functie' });
    await fn.selectOption({ label: 'Voorzitter' });
    await dialog.getByRole('button', { name: 'Opslaan' }).click();

    await expect.poll(() => fn.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(lotte, fn)).toContain('Er is in deze periode al een voorzitter.');
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await fn.getAttribute('id'));
    await dialog.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();
  });

  it('adds the board member as treasurer of a member company', async () => {
    const dialog = lotte.getByRole('dialog', { name: 'Bestuurslid toevoegen' });
    await dialog.getByRole('combobox', { name: 'Functie' }).selectOption({ label: 'Penningmeester' });
    const company = dialog.getByRole('combobox', { name: 'Bedrijf' });
    await expect.poll(() => company.isEnabled()).toBe(true);
    await company.selectOption({ index: 1 });
    const companyName = (await company.locator('option:checked').textContent())!.trim();
    await dialog.getByRole('textbox', { name: 'Begin van het mandaat' }).fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(async () => (await lotte.getByRole('status').allTextContents()).join(' ')).toContain(`${NEW_MEMBER} is toegevoegd.`);
    const row = board(lotte).getByRole('row').filter({ has: lotte.getByRole('rowheader', { name: NEW_MEMBER }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Penningmeester');
    expect(await row.textContent()).toContain(companyName);
    expect(await row.textContent()).toContain('sinds 1 januari 2026');
  });

  it('adds a working group with two new members, the second one its lead', async () => {
    await lotte.getByRole('button', { name: 'Werkgroep toevoegen' }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Werkgroep toevoegen' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Naam van de werkgroep' }).fill(GROUP);
    await dialog.getByRole('combobox', { name: 'Thema' }).selectOption({ label: 'Communicatie & pr' });

    await dialog.getByRole('button', { name: 'Lid toevoegen' }).click();
    const first = dialog.getByRole('group', { name: 'Lid 1 (nieuw)' });
    const firstName = first.getByRole('textbox', { name: 'Naam' });
    await expect.poll(async () => lotte.locator(':focus').getAttribute('id')).toBe(await firstName.getAttribute('id'));
    await firstName.fill('Wout Woordvoerder');
    await dialog.getByRole('button', { name: 'Lid toevoegen' }).click();
    await dialog.getByRole('group', { name: 'Lid 2 (nieuw)' }).getByRole('textbox', { name: 'Naam' }).fill('Fien Fotograaf');
    await dialog.getByRole('combobox', { name: 'Trekker' }).selectOption({ label: 'Fien Fotograaf' });
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = groupCard(lotte, GROUP);
    await card.waitFor();
    const members = card.getByRole('list', { name: `Leden van ${GROUP}` });
    expect(await members.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Fien Fotograaf\s*Trekker/), expect.stringMatching(/^Wout Woordvoerder/)]);
    expect(await card.textContent()).toContain('Communicatie & pr');
  });

  it('asks before removing, and keeps the group when cancelled with Escape', async () => {
    await groupCard(lotte, GROUP).getByRole('button', { name: `Verwijderen ${GROUP}` }).click();
    const confirm = lotte.getByRole('dialog', { name: `Werkgroep ${GROUP} verwijderen?` });
    await confirm.waitFor();
    expect(await lotte.locator(':focus').textContent()).toContain('Annuleren');
    await lotte.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await groupCard(lotte, GROUP).waitFor();
  });

  it('Koen Peeters, contact of a member company, sees the new board member and working group read-only', async () => {
    const koen = await personPage('Koen Peeters');
    await openPeople(koen);
    await koen.getByText('Alleen de beheerders en redacteurs van de vereniging kunnen ze wijzigen.').waitFor();
    const row = board(koen).getByRole('row').filter({ has: koen.getByRole('rowheader', { name: NEW_MEMBER }) });
    expect(await row.textContent()).toContain('Penningmeester');
    const card = groupCard(koen, GROUP);
    expect(await card.getByRole('list', { name: `Leden van ${GROUP}` }).textContent()).toContain('Trekker');

    for (const label of ['Bestuurslid toevoegen', 'Parkmanager toevoegen', 'Werkgroep toevoegen']) {
      expect(await koen.getByRole('button', { name: label }).count(), label).toBe(0);
    }
    expect(await koen.getByRole('button', { name: /^Bewerken/ }).count()).toBe(0);
    expect(await koen.getByRole('button', { name: /^Verwijderen/ }).count()).toBe(0);

    // The park manager shares her address with members; the working-group member of the seed does not.
    const lotteCard = koen.getByRole('listitem').filter({ has: koen.getByRole('heading', { level: 3, name: 'Lotte Lenaerts' }) });
    await lotteCard.getByRole('link', { name: 'lotte.lenaerts@c-valley.test' }).waitFor();
    expect(await koen.getByRole('link', { name: /@/ }).allTextContents()).toEqual(['lotte.lenaerts@c-valley.test']);
  });

  it('ran without Content-Security-Policy violations', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
