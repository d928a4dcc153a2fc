import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * An association opens its company register to its umbrella, in a real browser against the whole local product.
 * Bieke Brabants (staff of POM Vlaams-Brabant) first gets a notice on C-Valley Leuven; Lotte Lenaerts (admin of
 * C-Valley) shares the register from the team page; Bieke then reads it (read-only) and finds C-Valley under the
 * umbrella's shared registers (a copy that follows through a stream: polled); Lotte withdraws and Bieke is back
 * to the notice. Each person has a browser profile of their own; the steps run in order.
 */

const C_VALLEY = 'C-Valley Leuven';
const POM_VLB = 'POM Vlaams-Brabant';
const NOT_SHARED = 'Je rol laat geen toegang tot het bedrijvenregister toe.';

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
/** One list per person's page; newPage keeps filling them. */
const violationLists: string[][] = [];
let bieke: Page;
let lotte: Page;
const cValleyId = demoTenantId(C_VALLEY);
const umbrellaId = demoTenantId(POM_VLB);

/** A browser profile of this person's own, signed in. */
async function personPage(name: string): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  violationLists.push(opened.cspViolations);
  await signInAs(opened.page, app.url, name);
  return opened.page;
}

function api(path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  return fetch(`${app.url}/api${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
}

function sharingSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Delen met de koepel' });
}

function sharedRegisters(page: Page): Locator {
  return page.getByRole('region', { name: 'Gedeelde registers' });
}

/** The text of the sharing section's live region. */
async function sharingFeedback(): Promise<string> {
  return ((await sharingSection(lotte).locator('[role="status"][aria-live="polite"]').textContent()) ?? '').trim();
}

async function openCValleyAsBieke() {
  await bieke.goto(`${app.url}/associations/${cValleyId}`);
  await bieke.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
  await bieke.getByRole('heading', { level: 2, name: 'Bedrijven', exact: true }).waitFor();
}

/** Reloads the umbrella's page until the shared registers list the names wanted (the umbrella's copy can lag). */
async function sharedOnUmbrellaPage(): Promise<string[]> {
  await bieke.goto(`${app.url}/umbrellas/${umbrellaId}`);
  const section = sharedRegisters(bieke);
  await section.waitFor();
  await section.locator('ul, .empty-state').first().waitFor(); // loaded: the list, or the sentence that it is empty
  return section.getByRole('link').allTextContents();
}

describe('sharing the company register with the umbrella', () => {
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

  it('Bieke Brabants (umbrella staff) sees C-Valley Leuven without its register, and a notice that it can be shared', async () => {
    bieke = await personPage('Bieke Brabants');
    await bieke.getByRole('heading', { level: 1, name: POM_VLB }).waitFor();
    await sharedRegisters(bieke).getByText(`Nog geen enkele vereniging deelt haar bedrijvenregister met ${POM_VLB}.`).waitFor();

    await bieke.getByRole('table').getByRole('link', { name: C_VALLEY, exact: true }).click();
    await bieke.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await bieke.getByText(NOT_SHARED).waitFor();
    await bieke.getByText(`${C_VALLEY} kan ervoor kiezen om het met ${POM_VLB} te delen`, { exact: false }).waitFor();
    expect(await bieke.locator('table').count()).toBe(0);
    expect(await bieke.getByRole('alert').count()).toBe(0); // a notice, not an error
    expect((await api(`/tenants/${cValleyId}/companies`, await accessTokenOf(bieke))).status).toBe(403);
  });

  it('Lotte Lenaerts (admin of C-Valley) shares the register from the team page, after a confirmation', async () => {
    lotte = await personPage('Lotte Lenaerts');
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await lotte.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).getByRole('link', { name: 'Team' }).click();
    await lotte.getByRole('heading', { level: 1, name: 'Team' }).waitFor();

    const section = sharingSection(lotte);
    await section.getByText(`Het bedrijvenregister is niet gedeeld met ${POM_VLB}.`).waitFor();
    const intro = (await section.textContent()) ?? '';
    expect(intro).toContain('contactgegevens');
    expect(intro).toContain('niets wijzigen');

    // Escape first keeps things as they are.
    await section.getByRole('button', { name: 'Register delen' }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Bedrijvenregister delen?' });
    await dialog.getByText(POM_VLB, { exact: false }).waitFor();
    expect(await lotte.locator(':focus').textContent()).toContain('Annuleren');
    await lotte.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText(`Het bedrijvenregister is niet gedeeld met ${POM_VLB}.`).waitFor();

    await section.getByRole('button', { name: 'Register delen' }).click();
    await dialog.getByRole('button', { name: 'Ja, delen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(sharingFeedback).toBe(`Het bedrijvenregister is nu gedeeld met ${POM_VLB}.`);
    const state = section.getByText(`Gedeeld met ${POM_VLB} sinds`, { exact: false });
    await state.waitFor();
    expect(await state.textContent()).toContain('door Lotte Lenaerts');
    const withdraw = section.getByRole('button', { name: 'Delen intrekken' });
    await withdraw.waitFor();
    expect(await lotte.locator(':focus').textContent()).toContain('Delen intrekken'); // focus stays on the action
  });

  it('Bieke now reads the register, read-only, with a note of who shared it', async () => {
    await openCValleyAsBieke();
    await bieke.getByText(`Gedeeld door ${C_VALLEY} sinds`, { exact: false }).waitFor();
    const rows = bieke.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await bieke.getByText(NOT_SHARED).count()).toBe(0);
    expect(await bieke.getByRole('link', { name: 'Bedrijf toevoegen' }).count()).toBe(0);
    await bieke.getByRole('searchbox').waitFor();

    // A company opens read-only: its details, no form, no deletion.
    const first = rows.first().getByRole('rowheader').getByRole('link');
    const name = ((await first.textContent()) ?? '').trim();
    await first.click();
    await bieke.getByRole('heading', { level: 1, name }).waitFor();
    await bieke.getByText('Je kunt dit bedrijf inkijken, maar niet wijzigen.').waitFor();
    await bieke.getByRole('region', { name: `Gegevens van ${name}` }).getByText('Ondernemingsnummer').waitFor();
    expect(await bieke.locator('main form').count()).toBe(0);
    expect(await bieke.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    expect(await bieke.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);

    // The API lets her read, never write.
    const token = await accessTokenOf(bieke);
    expect((await api(`/tenants/${cValleyId}/companies`, token)).status).toBe(200);
    const parks = (await (await api(`/tenants/${cValleyId}/parks`, token)).json()) as { items: { id: string }[] };
    const create = await api(`/tenants/${cValleyId}/companies`, token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Niet toegestaan', parkId: parks.items[0]?.id }),
    });
    expect(create.status).toBe(403);
  });

  it('her umbrella page lists C-Valley Leuven under the shared registers (the copy can lag: polled)', async () => {
    await expect.poll(sharedOnUmbrellaPage, { timeout: 20_000, interval: 500 }).toEqual([C_VALLEY]);
    const link = sharedRegisters(bieke).getByRole('link', { name: C_VALLEY });
    expect(await link.getAttribute('href')).toBe(`/associations/${cValleyId}`);
    expect(await sharedRegisters(bieke).textContent()).toContain('door Lotte Lenaerts');
    await link.click();
    await bieke.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await bieke.getByText(`Gedeeld door ${C_VALLEY} sinds`, { exact: false }).waitFor();
  });

  it('Lotte withdraws, after a confirmation; the audit log records both', async () => {
    const section = sharingSection(lotte);
    await section.getByRole('button', { name: 'Delen intrekken' }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Delen intrekken?' });
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(sharingFeedback).toBe(`${POM_VLB} kan het bedrijvenregister niet meer inkijken.`);
    await section.getByText(`Het bedrijvenregister is niet gedeeld met ${POM_VLB}.`).waitFor();
    await section.getByRole('button', { name: 'Register delen' }).waitFor();

    await lotte.getByRole('navigation', { name: `Beheer van ${C_VALLEY}` }).getByRole('link', { name: 'Auditlog' }).click();
    const rows = lotte.getByRole('table', { name: `Auditlog van ${C_VALLEY}` }).locator('tbody tr');
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-action')));
    expect(actions.slice(0, 2)).toEqual(['grant.withdraw', 'grant.give']);
    await rows.first().getByRole('rowheader', { name: 'Delen met de koepel ingetrokken' }).waitFor();
  });

  it('Bieke’s open register says calmly that it is no longer shared; reopened, she sees the notice again', async () => {
    // Still on C-Valley's page from before: the next request is refused, and the page says why.
    await bieke.getByRole('searchbox').fill('a');
    await bieke.getByRole('searchbox').press('Enter');
    await bieke.getByText(`${C_VALLEY} deelt het bedrijvenregister niet (meer) met ${POM_VLB}.`).waitFor();
    expect(await bieke.getByRole('alert').count()).toBe(0);

    await openCValleyAsBieke();
    await bieke.getByText(NOT_SHARED).waitFor();
    await bieke.getByText(`${C_VALLEY} kan ervoor kiezen om het met ${POM_VLB} te delen`, { exact: false }).waitFor();
    expect(await bieke.locator('table').count()).toBe(0);
    expect((await api(`/tenants/${cValleyId}/companies`, await accessTokenOf(bieke))).status).toBe(403);

    await expect.poll(sharedOnUmbrellaPage, { timeout: 20_000, interval: 500 }).toEqual([]);
  });

  it('never broke the Content-Security-Policy', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
