import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { brusselsLocal, descriptionOf, personCard, personPages, readFigures, registrationRow, type Figures } from './activities-pages';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium } from './browser';

/**
 * The organiser's pages of activities. Wout Vermeersch (POM West-Vlaanderen's admin) creates a fire-fighting
 * training with two seats open to two of its associations, meeting the field message for an end before the start
 * on the way, and finds it in the list. Emma Claeys (an editor of Bedrijvenpark Kortrijk-Noord) organises a
 * first-aid training of her own, registers colleagues of two member companies until a waitlist forms, cancels one
 * and sees the first waiting person get the seat, checks people in on a phone-size screen with the search box and
 * marks who passed (a change made meanwhile at the other door shows), records a company's outcome, and finds the participation figures on the association's page.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const KORTRIJK = 'Bedrijvenpark Kortrijk-Noord vzw';
const BRUGGE = 'Bedrijvig Brugge vzw';
const FIRE_TRAINING = 'Brandbestrijding voor beginners';
const FIRST_AID = 'EHBO op de werkvloer';
const LABO = 'Vermeulen Labo cv';
const PLASTICS = 'Vandenberghe Kunststoffen bv';

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const people = personPages(() => browser, () => app.url);
const personPage = (name: string) => people.open(name);

async function fillAddress(page: Page) {
  await page.getByLabel('Straat').fill('Brandweerstraat');
  await page.getByLabel('Huisnummer').fill('1');
  await page.getByLabel('Postcode').fill('8500');
  await page.getByLabel('Gemeente').fill('Kortrijk');
}

const ACTIVITY_YEAR = () => brusselsLocal(7, '09:00').slice(0, 4);
const readFiguresOf = (page: Page) => readFigures(page, ACTIVITY_YEAR());

describe('the organiser’s activity pages', () => {
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

  it('an umbrella admin creates a training for two associations, after the field message for an end before the start', async () => {
    const wout = await personPage('Wout Vermeersch');
    await wout.goto(`${app.url}/umbrellas/${demoTenantId(UMBRELLA)}`);
    await wout.getByRole('heading', { level: 1, name: UMBRELLA }).waitFor();
    await wout.getByRole('heading', { level: 2, name: 'Deelname aan activiteiten' }).waitFor();
    await wout.getByRole('link', { name: 'Activiteiten', exact: true }).click();
    await wout.getByRole('heading', { level: 1, name: 'Activiteiten' }).waitFor();
    // The demo's own training of POM West-Vlaanderen is listed already.
    await wout.getByRole('row').filter({ hasText: 'Basisopleiding brandbestrijding' }).waitFor();

    await wout.getByRole('link', { name: 'Nieuwe activiteit' }).first().click();
    await wout.getByRole('heading', { level: 1, name: 'Nieuwe activiteit' }).waitFor();
    await wout.getByLabel('Soort activiteit').selectOption('training');
    await wout.getByLabel('Titel').fill(FIRE_TRAINING);
    await wout.getByLabel('Thema\'s').fill('Brandveiligheid');
    await wout.getByLabel('Thema\'s').press('Enter');
    await wout.getByRole('listitem').filter({ hasText: 'Brandveiligheid' }).waitFor();
    await fillAddress(wout);
    await wout.getByLabel('Begin').fill(brusselsLocal(10, '14:00'));
    await wout.getByLabel('Einde').fill(brusselsLocal(10, '09:00'));
    await wout.getByLabel('Plaatsen', { exact: true }).fill('2');
    await wout.getByRole('radio', { name: 'Gekozen verenigingen' }).check();
    await wout.getByRole('checkbox', { name: KORTRIJK }).check();
    await wout.getByRole('checkbox', { name: BRUGGE }).check();
    await wout.getByRole('button', { name: 'Activiteit aanmaken' }).click();

    const end = wout.getByLabel('Einde');
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(wout, end)).toContain('Het einde moet na het begin liggen.');
    await expect.poll(async () => wout.locator(':focus').getAttribute('id')).toBe(await end.getAttribute('id'));

    await end.fill(brusselsLocal(10, '17:00'));
    await wout.getByRole('button', { name: 'Activiteit aanmaken' }).click();
    await wout.getByRole('heading', { level: 1, name: FIRE_TRAINING }).waitFor();
    await wout.getByText(`Gekozen verenigingen: ${KORTRIJK}, ${BRUGGE}`).or(wout.getByText(`Gekozen verenigingen: ${BRUGGE}, ${KORTRIJK}`)).waitFor();
    await wout.getByText('0 van 2 plaatsen bezet').waitFor();

    await wout.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'Activiteiten' }).click();
    const row = wout.getByRole('row').filter({ hasText: FIRE_TRAINING });
    await row.waitFor();
    expect(await row.textContent()).toContain('Opleiding');
    expect(await row.textContent()).toContain('0 van 2 plaatsen bezet');
    expect(await row.textContent()).toContain('Gekozen verenigingen');
  });

  let emma: Page;
  let before: Figures;

  it('an association editor registers colleagues until a waitlist forms, cancels one and sees the first waiting promoted', async () => {
    emma = await personPage('Emma Claeys');
    await emma.goto(`${app.url}/associations/${demoTenantId(KORTRIJK)}`);
    await emma.getByRole('heading', { level: 1, name: KORTRIJK }).waitFor();
    before = await readFiguresOf(emma);
    await emma.getByRole('link', { name: 'Activiteiten', exact: true }).click();
    await emma.getByRole('heading', { level: 1, name: 'Activiteiten' }).waitFor();
    await emma.getByRole('link', { name: 'Nieuwe activiteit' }).first().click();
    await emma.getByLabel('Soort activiteit').selectOption('training');
    await emma.getByLabel('Titel').fill(FIRST_AID);
    await fillAddress(emma);
    await emma.getByLabel('Begin').fill(brusselsLocal(7, '09:00'));
    await emma.getByLabel('Einde').fill(brusselsLocal(7, '12:00'));
    await emma.getByLabel('Plaatsen', { exact: true }).fill('2');
    expect(await emma.getByRole('radio', { name: 'Eigen leden' }).isChecked()).toBe(true);
    await emma.getByRole('button', { name: 'Activiteit aanmaken' }).click();
    await emma.getByRole('heading', { level: 1, name: FIRST_AID }).waitFor();

    await emma.getByRole('button', { name: 'Mensen inschrijven' }).click();
    const form = emma.getByRole('form', { name: 'Mensen inschrijven voor een bedrijf' });
    await form.getByRole('searchbox', { name: 'Bedrijf' }).fill('Vermeulen Labo');
    await form.getByRole('button', { name: new RegExp(`^${LABO}`) }).first().click();
    await form.getByRole('group', { name: 'Persoon 1' }).getByLabel('Naam').fill('An Aerts');
    await form.getByRole('group', { name: 'Persoon 1' }).getByLabel('E-mailadres').fill('an.aerts@labo.test');
    await form.getByRole('button', { name: 'Nog iemand toevoegen' }).click();
    await form.getByRole('group', { name: 'Persoon 2' }).getByLabel('Naam').fill('Bert Bosmans');
    await form.getByRole('group', { name: 'Persoon 2' }).getByLabel('E-mailadres').fill('bert.bosmans@labo.test');
    await form.getByRole('button', { name: 'Nog iemand toevoegen' }).click();
    await form.getByRole('group', { name: 'Persoon 3' }).getByLabel('Naam').fill('Chris Claes');
    await form.getByRole('group', { name: 'Persoon 3' }).getByLabel('E-mailadres').fill('chris.claes@labo.test');
    await form.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await emma.getByText(`${LABO}: 2 ingeschreven, 1 op de wachtlijst.`).waitFor();
    await emma.getByText('2 van 2 plaatsen bezet').waitFor();
    await emma.getByText('1 op de wachtlijst', { exact: true }).waitFor();
    expect(await registrationRow(emma, 'Chris Claes').textContent()).toContain('Wachtlijst, plaats 1');

    // A second company: straight onto the waitlist, behind Chris.
    await form.getByRole('button', { name: 'Ander bedrijf kiezen' }).click();
    await form.getByRole('searchbox', { name: 'Bedrijf' }).fill('Vandenberghe Kunststoffen');
    await form.getByRole('button', { name: new RegExp(`^${PLASTICS}`) }).first().click();
    await form.getByRole('group', { name: 'Persoon 1' }).getByLabel('Naam').fill('Dirk Dewitte');
    await form.getByRole('group', { name: 'Persoon 1' }).getByLabel('E-mailadres').fill('dirk.dewitte@kunststoffen.test');
    await form.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await emma.getByText(`${PLASTICS}: 0 ingeschreven, 1 op de wachtlijst.`).waitFor();
    expect(await registrationRow(emma, 'Dirk Dewitte').textContent()).toContain('Wachtlijst, plaats 2');

    await registrationRow(emma, 'An Aerts').getByRole('button', { name: /Uitschrijven/ }).click();
    const dialog = emma.getByRole('dialog', { name: 'An Aerts uitschrijven?' });
    await dialog.getByText('De vrijgekomen plaats gaat naar de eerste op de wachtlijst').waitFor();
    await dialog.getByRole('button', { name: 'Ja, uitschrijven' }).click();
    await emma.getByText(`Chris Claes (${LABO}) kreeg de vrijgekomen plaats.`).waitFor();
    await expect.poll(async () => registrationRow(emma, 'Chris Claes').textContent()).toContain('Ingeschreven');
    expect(await registrationRow(emma, 'Dirk Dewitte').textContent()).toContain('Wachtlijst, plaats 1');
    expect(await registrationRow(emma, 'An Aerts').count()).toBe(0);
  });

  it('checks people in on a phone: search, big buttons, counters, and who passed', async () => {
    await emma.setViewportSize({ width: 390, height: 844 });
    await emma.getByRole('link', { name: 'Aanmelden aan de deur' }).click();
    await emma.getByRole('heading', { level: 1, name: FIRST_AID }).waitFor();
    await emma.getByText('aanwezig van 2 ingeschreven').waitFor();
    expect(await emma.getByRole('list', { name: 'Ingeschreven deelnemers' }).getByRole('listitem').count()).toBe(2);

    await emma.getByRole('searchbox', { name: 'Zoek op naam of bedrijf' }).fill('chris');
    await expect.poll(() => emma.getByRole('list', { name: 'Ingeschreven deelnemers' }).getByRole('listitem').count()).toBe(1);
    const chris = personCard(emma, 'Chris Claes');
    const present = chris.getByRole('button', { name: 'Aanwezig' });
    const box = await present.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44); // a thumb-size target
    await present.click();
    await expect.poll(() => present.getAttribute('aria-pressed')).toBe('true');
    await chris.getByRole('button', { name: 'Geslaagd' }).click();
    await expect.poll(() => chris.getByRole('button', { name: 'Geslaagd' }).getAttribute('aria-pressed')).toBe('true');

    // With the keyboard: Bert, found by his company, is marked a no-show.
    await emma.getByRole('searchbox', { name: 'Zoek op naam of bedrijf' }).fill('');
    const bert = personCard(emma, 'Bert Bosmans');
    await bert.getByRole('button', { name: 'Niet opgedaagd' }).focus();
    await emma.keyboard.press('Enter');
    await expect.poll(() => bert.getByRole('button', { name: 'Niet opgedaagd' }).getAttribute('aria-pressed')).toBe('true');
    const counters = emma.locator('.counters');
    await expect.poll(() => counters.textContent()).toMatch(/1\s*aanwezig van 2 ingeschreven/);
    await expect.poll(() => counters.textContent()).toMatch(/1\s*geslaagd/);

    // The state is stored: after a reload it is still there.
    await emma.reload();
    await personCard(emma, 'Chris Claes').waitFor();
    expect(await personCard(emma, 'Chris Claes').getByRole('button', { name: 'Geslaagd' }).getAttribute('aria-pressed')).toBe('true');

    // A colleague at the other door checks Bert in meanwhile: Emma's click, based on the older version, brings
    // his row as it is now and says so.
    const [, , organiserId, , activityId, , occurrenceId] = new URL(emma.url()).pathname.split('/');
    const token = await accessTokenOf(emma);
    const status = await emma.evaluate(
      async ({ base, token }) => {
        const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
        const list = (await (await fetch(`${base}/registrations`, { headers })).json()) as { items: { id: string; name: string; version: number }[] };
        const bert = list.items.find((registration) => registration.name === 'Bert Bosmans');
        if (!bert) return 0;
        const answer = await fetch(`${base}/registrations/${bert.id}/attendance`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ attendance: 'present', version: bert.version }),
        });
        return answer.status;
      },
      { base: `/api/tenants/${organiserId}/activities/${activityId}/occurrences/${occurrenceId}`, token },
    );
    expect(status).toBe(200);
    const staleBert = personCard(emma, 'Bert Bosmans');
    await staleBert.getByRole('button', { name: 'Aanwezig' }).click();
    await staleBert.getByText('Bert Bosmans werd intussen door iemand anders aangepast').waitFor();
    expect(await staleBert.getByRole('button', { name: 'Aanwezig' }).getAttribute('aria-pressed')).toBe('true');
    expect(await staleBert.getByRole('button', { name: 'Niet opgedaagd' }).getAttribute('aria-pressed')).toBe('false');
    await emma.setViewportSize({ width: 1280, height: 900 });
  });

  it('records a company’s outcome, kept after a reload', async () => {
    await emma.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: FIRST_AID }).click();
    await emma.getByRole('heading', { level: 1, name: FIRST_AID }).waitFor();
    await emma.getByRole('link', { name: 'Resultaten' }).click();
    await emma.getByRole('heading', { level: 1, name: FIRST_AID }).waitFor();
    const card = emma.getByRole('form', { name: LABO });
    await card.getByRole('button', { name: 'Regel toevoegen' }).click();
    await card.getByLabel('Hoeveelheid').fill('120');
    await card.getByLabel('Eenheid').fill('kg');
    await card.getByLabel('Wat').fill('klein gevaarlijk afval');
    await card.getByRole('button', { name: 'Bewaren' }).click();
    await card.getByText(`Resultaat van ${LABO} bewaard.`).waitFor();

    await emma.reload();
    const reloaded = emma.getByRole('form', { name: LABO });
    await expect.poll(() => reloaded.getByLabel('Hoeveelheid').inputValue()).toBe('120');
    expect(await reloaded.getByLabel('Wat').inputValue()).toBe('klein gevaarlijk afval');
  });

  it('shows the association’s participation figures on its page: two seated colleagues of one company, both present in the end', async () => {
    await emma.goto(`${app.url}/associations/${demoTenantId(KORTRIJK)}`);
    await emma.getByRole('heading', { level: 1, name: KORTRIJK }).waitFor();
    const after = await readFiguresOf(emma);
    expect(after).toMatchObject({
      participantsRegistered: before.participantsRegistered + 2,
      participantsAttended: before.participantsAttended + 2,
      companiesAttended: before.companiesAttended + 1,
    });
    // A company counts once a year: the demo's training may have registered the lab already this year.
    expect(after.companiesRegistered - before.companiesRegistered).toBeOneOf([0, 1]);
  });

  it('keeps to the page’s Content Security Policy', () => {
    expect(people.violations()).toEqual([]);
  });
});
