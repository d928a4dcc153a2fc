import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { obtainTokens } from '../../scripts/local/oidc/obtain-tokens';
import { descriptionOf } from './activities-pages';
import { WEB_ROOT, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * The member side of activities in a real browser: Lotte Lenaerts (C-Valley Leuven's admin) puts a workshop with
 * one seat on the calendar through the API, as an organiser would; Koen Peeters, a member company's contact,
 * opens it, meets a field message for a bad e-mail address, registers two colleagues (one gets the seat, the
 * other the waitlist), registers one again (already registered), and cancels the first after a confirmation:
 * the second moves up. The steps share one page and run in order.
 */

const C_VALLEY = 'C-Valley Leuven';
const cValleyId = demoTenantId(C_VALLEY);
const suffix = Date.now().toString(36).slice(-5);
const TITLE = `Workshop perslucht ${suffix}`;
const AN = { name: `An Aerts ${suffix}`, email: `an.${suffix}@koen.example` };
const BERT = { name: `Bert Bosmans ${suffix}`, email: `bert.${suffix}@koen.example` };

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let cspViolations: string[] = [];
let lotteToken = '';
let activityId = '';
let occurrenceId = '';
/** In 20 days, 09:00–11:00 UTC: always ahead, and in a month the grid can show. */
const startsAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 20, 9, 0));
const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
const brusselsMonth = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).format(date).slice(0, 7);
const currentBrusselsMonth = () => brusselsMonth(new Date());
const startMonth = brusselsMonth(startsAt);
/** "juni 2027": how the calendar names the activity's month. */
const monthName = new Intl.DateTimeFormat('nl-BE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${startMonth}-15T12:00:00Z`));

async function asLotte(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${lotteToken}`, ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const activityPath = () => `/associations/${cValleyId}/calendar/${cValleyId}/${activityId}`;
const field = (path: string) => page.locator(`#reg-${occurrenceId}-${path.replaceAll('.', '-')}`);
const ownList = () => page.getByRole('list', { name: 'Inschrijvingen van je bedrijf' });
/** The status badge next to a name in the company's own list. */
const badgeOf = async (name: string) => (await ownList().locator('li', { hasText: name }).locator('.badge').textContent())?.trim();

describe('activities for members in the browser', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    lotteToken = (await obtainTokens(app.url, 'lotte.lenaerts@c-valley.test')).access_token;
    const created = await asLotte('POST', `/tenants/${cValleyId}/activities`, {
      type: 'workshop',
      title: TITLE,
      description: 'Lekken opsporen in persluchtleidingen.',
      themes: ['energie'],
      place: { kind: 'address', name: 'Zaal De Perslucht', street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' },
      audience: { kind: 'own_members' },
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      capacity: 1,
    });
    expect(created.status).toBe(201);
    activityId = created.body.id;
    occurrenceId = created.body.occurrences[0].id;
    browser = await launchChromium();
    ({ page, cspViolations } = await newPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Koen opens the activity page: what, where, when and one seat left', async () => {
    await signInAs(page, app.url, 'Koen Peeters');
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    // The association's page links the calendar and the registrations for a company contact.
    await page.getByRole('link', { name: 'Kalender' }).waitFor();
    await page.getByRole('link', { name: 'Mijn inschrijvingen' }).waitFor();

    await page.goto(`${app.url}${activityPath()}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Zaal De Perslucht').waitFor();
    await page.getByText('nog 1 plaats vrij').waitFor();
    // The calendar file needs Koen's token: the button fetches it and the browser saves it.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Toevoegen aan mijn agenda (.ics)' }).click();
    const ics = readFileSync(await (await download).path(), 'utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`SUMMARY:${TITLE}`);
    await page.getByText('Nog niemand ingeschreven.').waitFor();
  });

  it('says which field is wrong before anything is sent', async () => {
    await field('people.0.name').fill(AN.name);
    await field('people.0.email').fill('an.aerts@');
    await page.getByRole('button', { name: 'Collega toevoegen' }).click();
    expect(await page.locator(':focus').getAttribute('id')).toBe(`reg-${occurrenceId}-people-1-name`);
    await page.keyboard.type(BERT.name);
    await field('people.1.email').fill(BERT.email);
    await field('people.1.notes').fill('vegetarisch');

    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await page.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe(`reg-${occurrenceId}-people-0-email`);
    expect(await field('people.0.email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#reg-${occurrenceId}-people-0-email-error`).textContent()).toContain('Geef een geldig e-mailadres in');
    // Nothing was sent.
    const registrations = await asLotte('GET', `/tenants/${cValleyId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`);
    expect(registrations.body.items).toHaveLength(0);
  });

  it('registers both colleagues: one gets the seat, the other the waitlist', async () => {
    await field('people.0.email').fill(AN.email);
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    const result = page.getByRole('region', { name: 'Resultaat van je inschrijving' }).or(page.locator('.result'));
    await result.getByText(AN.name).waitFor();
    expect(await result.locator('li', { hasText: AN.name }).textContent()).toContain('Ingeschreven');
    expect(await result.locator('li', { hasText: BERT.name }).textContent()).toContain('Op de wachtlijst (plaats 1)');

    await ownList().getByText(BERT.name, { exact: true }).waitFor();
    expect(await badgeOf(AN.name)).toBe('Ingeschreven');
    expect(await badgeOf(BERT.name)).toBe('Wachtlijst, plaats 1');
    await page.getByText('Volzet – wachtlijst').waitFor();
    // The form starts over, empty.
    expect(await field('people.0.name').inputValue()).toBe('');

    const registrations = await asLotte('GET', `/tenants/${cValleyId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`);
    expect(registrations.body.items.map((r: { name: string; status: string; notes?: string }) => [r.name, r.status, r.notes ?? null]).sort()).toEqual(
      [[AN.name, 'confirmed', null], [BERT.name, 'waitlisted', 'vegetarisch']].sort(),
    );
  });

  it('says so when a colleague was registered already', async () => {
    await field('people.0.name').fill(BERT.name);
    await field('people.0.email').fill(BERT.email.toUpperCase());
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await page.locator('.result li', { hasText: 'Was al ingeschreven' }).waitFor();
    const registrations = await asLotte('GET', `/tenants/${cValleyId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`);
    expect(registrations.body.items).toHaveLength(2);
  });

  it('cancels a registration after a confirmation; the waiting colleague moves up', async () => {
    await ownList().getByRole('button', { name: `Uitschrijven (${AN.name})` }).click();
    const dialog = page.getByRole('dialog', { name: `${AN.name} uitschrijven?` });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    expect(await page.locator(':focus').textContent()).toContain('Annuleren');
    await dialog.getByRole('button', { name: 'Ja, uitschrijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`${AN.name} is uitgeschreven.`).waitFor({ state: 'attached' });
    await ownList().locator('li', { hasText: AN.name }).waitFor({ state: 'detached' });
    await expect.poll(() => badgeOf(BERT.name)).toBe('Ingeschreven');
    const registrations = await asLotte('GET', `/tenants/${cValleyId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`);
    const statuses = Object.fromEntries(registrations.body.items.map((r: { name: string; status: string }) => [r.name, r.status]));
    expect(statuses).toEqual({ [AN.name]: 'cancelled', [BERT.name]: 'confirmed' });
  });

  it('finds the activity in the calendar list, grouped by month, and filters on the kind', async () => {
    await page.goto(`${app.url}/associations/${cValleyId}`);
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await page.getByRole('link', { name: 'Kalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
    // The calendar is a copy the stream keeps: give it a moment, as a person would reload.
    const entry = page.getByRole('link', { name: TITLE });
    for (let attempt = 0; attempt < 20 && !(await entry.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
      await page.getByRole('navigation', { name: 'Weergave' }).waitFor();
    }
    await entry.waitFor();
    const group = page.getByRole('region', { name: monthName });
    await group.getByRole('link', { name: TITLE }).waitFor();
    expect(await page.getByRole('link', { name: 'Lijst' }).getAttribute('aria-current')).toBe('page');

    await page.getByLabel('Soort activiteit').selectOption({ label: 'Opleiding' });
    await page.waitForURL((url) => url.searchParams.get('type') === 'training');
    await entry.waitFor({ state: 'detached' });
    await page.getByLabel('Soort activiteit').selectOption({ label: 'Workshop' });
    await page.waitForURL((url) => url.searchParams.get('type') === 'workshop');
    await entry.waitFor();

    await entry.click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
    expect(new URL(page.url()).searchParams.get('type')).toBe('workshop');
  });

  it('finds it in the month grid, which keeps the view and the month in the URL', async () => {
    await page.getByRole('link', { name: 'Maand', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'grid');
    for (let step = 0; step < 3 && !(await page.getByRole('heading', { level: 2, name: monthName }).isVisible()); step += 1) {
      await page.getByRole('link', { name: 'Volgende maand' }).click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForTimeout(200);
    }
    await page.waitForURL((url) => url.searchParams.get('month') === startMonth || (url.searchParams.get('month') === null && startMonth === currentBrusselsMonth()));
    const grid = page.getByRole('table', { name: `Activiteiten in ${monthName}` });
    const link = grid.getByRole('link', { name: new RegExp(TITLE) });
    await link.waitFor();
    // Keyboard: the entry is a link that takes focus, and Enter opens it.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.goBack();
    await grid.waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('grid');
  });

  it('finds the registrations in "Mijn inschrijvingen" and cancels one from there', async () => {
    await page.getByRole('link', { name: 'Mijn inschrijvingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn inschrijvingen' }).waitFor();
    expect(await page.getByRole('link', { name: 'Komend' }).getAttribute('aria-current')).toBe('page');
    const table = page.getByRole('table', { name: /Inschrijvingen/ });
    const bertRow = table.getByRole('row', { name: new RegExp(BERT.name) });
    await bertRow.waitFor();
    expect(await bertRow.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(activityPath());
    expect((await bertRow.locator('.badge').textContent())?.trim()).toBe('Ingeschreven');

    await bertRow.getByRole('button', { name: `Uitschrijven (${BERT.name})` }).click();
    const dialog = page.getByRole('dialog', { name: `${BERT.name} uitschrijven?` });
    await dialog.getByRole('button', { name: 'Ja, uitschrijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await bertRow.locator('.badge').textContent().catch(() => 'gone'))?.trim()).toMatch(/Geannuleerd|gone/);
    const registrations = await asLotte('GET', `/tenants/${cValleyId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`);
    expect(registrations.body.items.find((r: { name: string }) => r.name === BERT.name).status).toBe('cancelled');

    await page.getByRole('link', { name: 'Voorbij' }).click();
    await page.waitForURL((url) => url.searchParams.get('when') === 'past');
    await page.getByText('Nog geen voorbije inschrijvingen.').waitFor();
  });

  it('makes a calendar subscription link that a calendar app reads without signing in, and revokes it', async () => {
    await page.goto(`${app.url}/associations/${cValleyId}/calendar`);
    const feeds = page.getByRole('region', { name: 'Abonneren in je agenda' });
    await feeds.getByText('Je hebt nog geen links gemaakt.').waitFor();
    await feeds.getByRole('button', { name: 'Link voor de kalender van de vereniging' }).click();
    const urlField = feeds.getByLabel(`Kalender van ${C_VALLEY}`);
    await urlField.waitFor();
    const feedUrl = await urlField.inputValue();
    expect(await descriptionOf(page, urlField)).toContain('Je ziet deze link maar één keer');

    // What Outlook or Google would do: a plain GET, no token.
    const subscribed = await fetch(feedUrl);
    expect(subscribed.status).toBe(200);
    expect(subscribed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await subscribed.text()).toContain(`SUMMARY:${TITLE}`);

    const listed = feeds.getByRole('list', { name: 'Jouw links' }).getByRole('listitem');
    await expect.poll(() => listed.count()).toBe(1);
    await listed.getByRole('button', { name: /Intrekken/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Deze link intrekken?' });
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await feeds.getByText('Je hebt nog geen links gemaakt.').waitFor();
    expect((await fetch(feedUrl)).status).toBe(404);
  });

  it('breaks no Content-Security-Policy rule', () => {
    expect(cspViolations).toEqual([]);
  });
});
