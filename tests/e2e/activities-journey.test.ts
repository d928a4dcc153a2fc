import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { brusselsLocal, personCard, personPages, readFigures, registrationRow, type Figures } from './activities-pages';
import { WEB_ROOT, assertBuilt, demoTenantId, launchChromium } from './browser';

/**
 * Issue #5 from end to end, across two parks: Wout Vermeersch (POM West-Vlaanderen) organises a fire-fighting
 * training with three seats for Oostende Werkt and Bedrijvenpark Kortrijk-Noord. Sofie Vandamme (a member company
 * of Oostende Werkt) finds it in her association's calendar and registers two colleagues; Pieter Declercq (a member
 * company of Kortrijk-Noord) registers two: one gets the last seat, the other the waitlist. Sofie cancels one of
 * hers, and Pieter's waiting colleague gets the seat and a mail. Wout checks people in and marks who passed, and
 * each association's participation figures count its own companies' people only. The steps run in order.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const OOSTENDE = 'Oostende Werkt';
const KORTRIJK = 'Bedrijvenpark Kortrijk-Noord vzw';
const suffix = Date.now().toString(36).slice(-5);
const TITLE = `Brandbestrijding basis ${suffix}`;
const person = (first: string, last: string) => ({ name: `${first} ${last}`, email: `${first}.${last}.${suffix}@journey.example`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() });
const SOFIE_A = person('Ann', 'Lambrecht');
const SOFIE_B = person('Bram', 'Vanhove');
const PIETER_C = person('Chloé', 'Debaere');
const PIETER_D = person('Dries', 'Verhaeghe');

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const people = personPages(() => browser, () => app.url);
const personPage = (name: string) => people.open(name);
let wout: Page;
let sofie: Page;
let pieter: Page;
let organiserId = '';
let activityId = '';
let occurrenceId = '';
let oostendeBefore: Figures;
let kortrijkBefore: Figures;

const ACTIVITY_YEAR = brusselsLocal(12, '09:00').slice(0, 4);

/** An association's participation figures for the training's year, as its page shows them to the umbrella. */
async function figuresOf(page: Page, association: string): Promise<Figures> {
  await page.goto(`${app.url}/associations/${demoTenantId(association)}`);
  await page.getByRole('heading', { level: 1, name: association }).waitFor();
  return readFigures(page, ACTIVITY_YEAR);
}

const memberActivityPath = (association: string) => `/associations/${demoTenantId(association)}/calendar/${organiserId}/${activityId}`;
const field = (page: Page, path: string) => page.locator(`#reg-${occurrenceId}-${path.replaceAll('.', '-')}`);
const ownList = (page: Page) => page.getByRole('list', { name: 'Inschrijvingen van je bedrijf' });
const badgeOf = async (page: Page, name: string) => (await ownList(page).locator('li', { hasText: name }).locator('.badge').textContent())?.trim();

/** A company contact registers colleagues on the activity page; answers the result list's text per person. */
async function registerColleagues(page: Page, colleagues: readonly { name: string; email: string }[]): Promise<Record<string, string>> {
  for (const [index, colleague] of colleagues.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Collega toevoegen' }).click();
    await field(page, `people.${index}.name`).fill(colleague.name);
    await field(page, `people.${index}.email`).fill(colleague.email);
  }
  await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
  const result = page.locator('.result');
  const problem = page.getByRole('alert').filter({ hasText: /\S/ });
  await result.or(problem).first().waitFor();
  if (!(await result.isVisible())) throw new Error(`registration failed: ${await problem.first().textContent()}`);
  const outcome: Record<string, string> = {};
  for (const colleague of colleagues) {
    await result.getByText(colleague.name).waitFor();
    outcome[colleague.name] = (await result.locator('li', { hasText: colleague.name }).textContent()) ?? '';
  }
  return outcome;
}

describe('a cross-park training from invitation to certificate', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await people.close();
    await browser?.close();
    await app?.stop();
  });

  it('the umbrella organiser creates a training with three seats, open to two associations', async () => {
    wout = await personPage('Wout Vermeersch');
    oostendeBefore = await figuresOf(wout, OOSTENDE);
    kortrijkBefore = await figuresOf(wout, KORTRIJK);

    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}/activities/new`);
    await wout.getByRole('heading', { level: 1, name: 'Nieuwe activiteit' }).waitFor();
    await wout.getByLabel('Soort activiteit').selectOption('training');
    await wout.getByLabel('Titel').fill(TITLE);
    await wout.getByLabel('Straat').fill('Brandweerstraat');
    await wout.getByLabel('Huisnummer').fill('1');
    await wout.getByLabel('Postcode').fill('8400');
    await wout.getByLabel('Gemeente').fill('Oostende');
    await wout.getByLabel('Begin').fill(brusselsLocal(12, '09:00'));
    await wout.getByLabel('Einde').fill(brusselsLocal(12, '12:00'));
    await wout.getByLabel('Plaatsen', { exact: true }).fill('3');
    await wout.getByRole('radio', { name: 'Gekozen verenigingen' }).check();
    await wout.getByRole('checkbox', { name: OOSTENDE }).check();
    await wout.getByRole('checkbox', { name: KORTRIJK }).check();
    await wout.getByRole('button', { name: 'Activiteit aanmaken' }).click();
    await wout.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await wout.getByText('0 van 3 plaatsen bezet').waitFor();
    // …/umbrellas/<organiser>/activities/<activity>
    const segments = new URL(wout.url()).pathname.split('/');
    [organiserId, activityId] = [segments[2] ?? '', segments[4] ?? ''];
    expect(organiserId).toBe(demoTenantId(UMBRELLA));
  });

  it('a contact of Oostende Werkt finds it in her association’s calendar and registers two colleagues', async () => {
    sofie = await personPage('Sofie Vandamme');
    await sofie.goto(`${app.url}/associations/${demoTenantId(OOSTENDE)}/calendar`);
    await sofie.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
    // The calendar is the association's copy, kept by the stream: give it a moment, as a person would reload.
    const entry = sofie.getByRole('link', { name: TITLE });
    for (let attempt = 0; attempt < 20 && !(await entry.isVisible()); attempt += 1) {
      await sofie.waitForTimeout(500);
      await sofie.reload();
      await sofie.getByRole('heading', { level: 1, name: 'Kalender' }).waitFor();
      await sofie.getByRole('navigation', { name: 'Weergave' }).waitFor();
    }
    await entry.click();
    await sofie.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(sofie.url()).pathname).toBe(memberActivityPath(OOSTENDE));
    await sofie.getByText(`Door ${UMBRELLA}`).waitFor();
    occurrenceId = (await sofie.locator('[id^="reg-"][id$="-people-0-name"]').first().getAttribute('id'))!.replace(/^reg-/, '').replace(/-people-0-name$/, '');

    const outcome = await registerColleagues(sofie, [SOFIE_A, SOFIE_B]);
    expect(outcome[SOFIE_A.name]).toContain('Ingeschreven');
    expect(outcome[SOFIE_B.name]).toContain('Ingeschreven');
    await expect.poll(() => badgeOf(sofie, SOFIE_B.name)).toBe('Ingeschreven');
  });

  it('a contact of Kortrijk-Noord registers two: one gets the last seat, the other the waitlist', async () => {
    pieter = await personPage('Pieter Declercq');
    await pieter.goto(`${app.url}${memberActivityPath(KORTRIJK)}`);
    await pieter.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await pieter.getByText('nog 1 plaats vrij').waitFor();
    // Pieter sees his own company's registrations only, not Sofie's colleagues.
    expect(await pieter.getByText(SOFIE_A.name).count()).toBe(0);

    const outcome = await registerColleagues(pieter, [PIETER_C, PIETER_D]);
    expect(outcome[PIETER_C.name]).toContain('Ingeschreven');
    expect(outcome[PIETER_D.name]).toContain('Op de wachtlijst (plaats 1)');
    await pieter.getByText('Volzet – wachtlijst').waitFor();
    expect(await badgeOf(pieter, PIETER_D.name)).toBe('Wachtlijst, plaats 1');
  });

  it('Sofie cancels one of hers: Pieter’s waiting colleague gets the seat and is mailed', async () => {
    await sofie.reload();
    await ownList(sofie).getByRole('button', { name: `Uitschrijven (${SOFIE_B.name})` }).click();
    const dialog = sofie.getByRole('dialog', { name: `${SOFIE_B.name} uitschrijven?` });
    await dialog.getByRole('button', { name: 'Ja, uitschrijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await ownList(sofie).locator('li', { hasText: SOFIE_B.name }).waitFor({ state: 'detached' });

    await pieter.reload();
    await pieter.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => badgeOf(pieter, PIETER_D.name)).toBe('Ingeschreven');

    // Locally mail lands in the outbox: Dries is told in Dutch that a seat opened up for him.
    await pieter.goto(`${app.url}/dev/outbox`);
    const promoted = pieter.locator('article').filter({ hasText: `Aan / to: ${PIETER_D.email}` }).filter({ has: pieter.getByRole('heading', { name: `Er is een plaats vrij voor jou: ${TITLE}` }) });
    await expect.poll(() => promoted.count()).toBe(1);
  });

  it('the organiser sees three seated people and checks them in: two present and passed, one no-show', async () => {
    await wout.goto(`${app.url}/umbrellas/${organiserId}/activities/${activityId}`);
    await wout.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await wout.getByText('3 van 3 plaatsen bezet').waitFor();
    for (const seated of [SOFIE_A, PIETER_C, PIETER_D]) expect(await registrationRow(wout, seated.name).textContent()).toContain('Ingeschreven');
    expect(await registrationRow(wout, SOFIE_B.name).count()).toBe(0);

    await wout.getByRole('link', { name: 'Aanmelden aan de deur' }).click();
    await wout.getByText('aanwezig van 3 ingeschreven').waitFor();
    for (const passed of [SOFIE_A, PIETER_C]) {
      const card = personCard(wout, passed.name);
      await card.getByRole('button', { name: 'Aanwezig' }).click();
      await expect.poll(() => card.getByRole('button', { name: 'Aanwezig' }).getAttribute('aria-pressed')).toBe('true');
      await card.getByRole('button', { name: 'Geslaagd' }).click();
      await expect.poll(() => card.getByRole('button', { name: 'Geslaagd' }).getAttribute('aria-pressed')).toBe('true');
    }
    const noShow = personCard(wout, PIETER_D.name);
    await noShow.getByRole('button', { name: 'Niet opgedaagd' }).click();
    await expect.poll(() => noShow.getByRole('button', { name: 'Niet opgedaagd' }).getAttribute('aria-pressed')).toBe('true');
    const counters = wout.locator('.counters');
    await expect.poll(() => counters.textContent()).toMatch(/2\s*aanwezig van 3 ingeschreven/);
    await expect.poll(() => counters.textContent()).toMatch(/2\s*geslaagd/);
  });

  it('the organiser exports the participants for Excel: the certificate list is in it', async () => {
    await wout.goto(`${app.url}/umbrellas/${organiserId}/activities/${activityId}`);
    await wout.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const download = wout.waitForEvent('download');
    await wout.getByRole('button', { name: 'Deelnemers exporteren (CSV)' }).click();
    const bytes = readFileSync(await (await download).path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const byName = Object.fromEntries(rows.map((row) => [row.naam, row]));
    expect(byName[SOFIE_A.name]).toMatchObject({ thuisvereniging: OOSTENDE, status: 'bevestigd', aanwezigheid: 'aanwezig', geslaagd: 'ja' });
    expect(byName[PIETER_C.name]).toMatchObject({ thuisvereniging: KORTRIJK, status: 'bevestigd', aanwezigheid: 'aanwezig', geslaagd: 'ja' });
    expect(byName[PIETER_D.name]).toMatchObject({ thuisvereniging: KORTRIJK, status: 'bevestigd', aanwezigheid: 'afwezig' });
    expect(rows.filter((row) => row.geslaagd === 'ja').map((row) => row.naam).sort()).toEqual([PIETER_C.name, SOFIE_A.name].sort());
  });

  it('each association’s figures count its own companies’ people: Oostende one, Kortrijk-Noord two', async () => {
    // Companies count once a year: the demo's own activities may have registered these companies already this
    // year, so "registered" may stay; nobody attended anything before, so "attended" moves by one each.
    const oostende = await figuresOf(wout, OOSTENDE);
    expect(oostende).toMatchObject({
      participantsRegistered: oostendeBefore.participantsRegistered + 1,
      participantsAttended: oostendeBefore.participantsAttended + 1,
      companiesAttended: oostendeBefore.companiesAttended + 1,
    });
    expect(oostende.companiesRegistered - oostendeBefore.companiesRegistered).toBeOneOf([0, 1]);
    const kortrijk = await figuresOf(wout, KORTRIJK);
    expect(kortrijk).toMatchObject({
      participantsRegistered: kortrijkBefore.participantsRegistered + 2,
      participantsAttended: kortrijkBefore.participantsAttended + 1,
      companiesAttended: kortrijkBefore.companiesAttended + 1,
    });
    expect(kortrijk.companiesRegistered - kortrijkBefore.companiesRegistered).toBeOneOf([0, 1]);
  });

  it('keeps to the page’s Content Security Policy', () => {
    expect(people.violations()).toEqual([]);
  });
});
