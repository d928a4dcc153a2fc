import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * A park's page with its streets and zones: Lotte Lenaerts (admin of C-Valley Leuven) opens a park of its own without streets
 * or zones yet (added through the API first: the demo parks have theirs), adds streets and a zone with a subzone, meets a field message at the postal code, and adds a new park; Bieke
 * Brabants (staff of POM Vlaams-Brabant, the umbrella) then reads the park without any way to change it.
 */

const C_VALLEY = 'C-Valley Leuven';
const PARK = 'Wetenschapspark Arenberg';
const SAVED = `De wijzigingen aan ${PARK} zijn opgeslagen.`;

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
const violationLists: string[][] = [];
let lotte: Page;
let parkUrl = '';

async function personPage(name: string): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  violationLists.push(opened.cspViolations);
  await signInAs(opened.page, app.url, name);
  return opened.page;
}

/** The text of the elements an input's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

function editor(page: Page): Locator {
  return page.getByRole('region', { name: 'Bedrijventerrein bewerken' });
}

async function statusText(page: Page): Promise<string> {
  return ((await editor(page).getByRole('status').textContent()) ?? '').trim();
}

async function save(page: Page) {
  await editor(page).getByRole('button', { name: 'Opslaan', exact: true }).click();
}

describe('a park’s streets and zones', () => {
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

  it('Lotte Lenaerts opens the park from its card on the association page', async () => {
    lotte = await personPage('Lotte Lenaerts');
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    const created = await fetch(`${app.url}/api/tenants/${demoTenantId(C_VALLEY)}/parks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessTokenOf(lotte)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: PARK, municipality: 'Leuven', postalCode: '3001' }),
    });
    expect(created.status).toBe(201);
    await lotte.reload();
    await lotte.getByRole('link', { name: PARK, exact: true }).click();
    await lotte.getByRole('heading', { level: 1, name: PARK }).waitFor();
    expect(new URL(lotte.url()).pathname).toMatch(/^\/associations\/[^/]+\/parks\/[^/]+$/);
    parkUrl = lotte.url();
    expect(await lotte.getByRole('region', { name: 'Straten' }).textContent()).toContain('Nog geen straten.');
    expect(await lotte.getByRole('region', { name: 'Zones' }).textContent()).toContain('Nog geen zones.');
  });

  it('adds two streets and a zone with its street, and saves', async () => {
    const form = editor(lotte);
    await form.getByRole('textbox', { name: 'Straten', exact: true }).first().fill('Interleuvenlaan\nRomeinse straat\n');
    await form.getByRole('button', { name: /Zone toevoegen/ }).click();

    const zone = form.getByRole('group', { name: 'Zone 1 (nieuw)' });
    const zoneName = zone.getByRole('textbox', { name: 'Naam', exact: true });
    await expect.poll(async () => lotte.locator(':focus').getAttribute('id')).toBe(await zoneName.getAttribute('id'));
    await zoneName.fill('Zone Noord');
    await zone.getByRole('textbox', { name: 'Straten', exact: true }).fill('Technologielaan');
    // A zone that is not saved yet cannot have subzones: the API needs its id.
    expect(await zone.getByRole('button', { name: /Subzone toevoegen/ }).count()).toBe(0);
    await save(lotte);

    await expect.poll(() => statusText(lotte)).toBe(SAVED);
    await form.getByRole('group', { name: 'Zone 1: Zone Noord' }).waitFor();
    const streets = lotte.getByRole('region', { name: 'Straten' });
    expect(await streets.getByRole('listitem').allTextContents()).toEqual(['Interleuvenlaan', 'Romeinse straat']);
  });

  it('adds the subzone Noord A under the saved zone, and sees both listed', async () => {
    const form = editor(lotte);
    await form.getByRole('button', { name: 'Subzone toevoegen aan Zone Noord' }).click();
    const subzone = form.getByRole('group', { name: 'Subzone 1.1 (nieuw)' });
    await subzone.getByRole('textbox', { name: 'Naam', exact: true }).fill('Noord A');
    await save(lotte);

    await form.getByRole('group', { name: 'Subzone 1.1: Noord A' }).waitFor();
    expect(await statusText(lotte)).toBe(SAVED);

    const zones = lotte.getByRole('region', { name: 'Zones' });
    const zoneText = await zones.textContent();
    expect(zoneText).toContain('Zone Noord');
    expect(zoneText).toContain('Technologielaan');
    expect(await zones.getByRole('list', { name: 'Subzones van Zone Noord' }).textContent()).toContain('Noord A');
  });

  it('shows the API’s message at the postal code when it is not 4 digits', async () => {
    const form = editor(lotte);
    const postalCode = form.getByRole('textbox', { name: 'Postcode', exact: true });
    expect(await postalCode.inputValue()).toBe('3001');
    await postalCode.fill('30O1');
    await save(lotte);

    await expect.poll(() => postalCode.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(lotte, postalCode)).toContain('Een Belgische postcode heeft 4 cijfers.');
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await postalCode.getAttribute('id'));
    await form.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();
    // Nothing was saved: the page still shows the park as it was.
    expect(await lotte.getByRole('heading', { level: 1 }).textContent()).toBe(PARK);
    expect(await lotte.locator('.page-header').textContent()).toContain('3001 Leuven');

    await postalCode.fill('3001');
    await save(lotte);
    await expect.poll(() => postalCode.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => statusText(lotte)).toBe(SAVED);
  });

  it('asks before removing a zone from the form, and keeps it when cancelled', async () => {
    await editor(lotte).getByRole('button', { name: 'Noord A verwijderen' }).click();
    const dialog = lotte.getByRole('dialog', { name: 'Zone verwijderen?' });
    await dialog.waitFor();
    expect(await lotte.locator(':focus').textContent()).toContain('Annuleren');
    await lotte.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await editor(lotte).getByRole('group', { name: 'Subzone 1.1: Noord A' }).waitFor();
  });

  it('after someone else’s change, shows the park as it is now and loads it on request', async () => {
    // Someone else renames the park in the meantime (straight through the API, with Lotte's token).
    const token = await accessTokenOf(lotte);
    const [, associationId, parkId] = /\/associations\/([^/]+)\/parks\/([^/]+)$/.exec(new URL(parkUrl).pathname) ?? [];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { items } = (await (await fetch(`${app.url}/api/tenants/${associationId}/parks`, { headers })).json()) as {
      items: { id: string; name: string; municipality: string; postalCode: string; streets: string[]; zones: unknown[]; version: number }[];
    };
    const rest = items.find((item) => item.id === parkId)!;
    const answer = await fetch(`${app.url}/api/tenants/${associationId}/parks/${parkId}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ name: `${PARK} (Heverlee)`, municipality: rest.municipality, postalCode: rest.postalCode, streets: rest.streets, zones: rest.zones, version: rest.version }),
    });
    expect(answer.status).toBe(200);

    const form = editor(lotte);
    await form.getByRole('textbox', { name: 'Gemeente', exact: true }).fill('Heverlee');
    await save(lotte);
    const panel = form.getByRole('alert').filter({ hasText: 'Dit bedrijventerrein is intussen gewijzigd' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`${PARK} (Heverlee)`);
    await panel.getByRole('button', { name: 'Huidige versie laden' }).click();
    expect(await form.getByRole('textbox', { name: 'Naam', exact: true }).first().inputValue()).toBe(`${PARK} (Heverlee)`);
    expect(await form.getByRole('textbox', { name: 'Gemeente', exact: true }).inputValue()).toBe('Leuven');
    await expect.poll(() => statusText(lotte)).toBe('De huidige versie staat nu in het formulier.');

    // Back to the name the other tests use.
    await form.getByRole('textbox', { name: 'Naam', exact: true }).first().fill(PARK);
    await save(lotte);
    await expect.poll(() => statusText(lotte)).toBe(SAVED);
  });

  it('adds the park Testpark from the association page and lands on its page', async () => {
    await lotte.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: C_VALLEY }).click();
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    const toggle = lotte.getByRole('button', { name: /Bedrijventerrein toevoegen/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    const form = lotte.getByRole('form', { name: 'Nieuw bedrijventerrein' });
    await form.getByRole('textbox', { name: 'Naam', exact: true }).fill('Testpark');
    await form.getByRole('textbox', { name: 'Postcode', exact: true }).fill('3001');
    await form.getByRole('textbox', { name: 'Gemeente', exact: true }).fill('Leuven');
    await form.getByRole('button', { name: 'Toevoegen', exact: true }).click();

    await lotte.getByRole('heading', { level: 1, name: 'Testpark' }).waitFor();
    expect(new URL(lotte.url()).pathname).toMatch(/\/parks\/[^/]+$/);
    await lotte.getByText('Testpark is toegevoegd.').waitFor();
    expect(await lotte.getByRole('region', { name: 'Zones' }).textContent()).toContain('Nog geen zones.');
  });

  it('Bieke Brabants (umbrella staff) reads the park without any edit controls', async () => {
    const bieke = await personPage('Bieke Brabants');
    const cValleyId = demoTenantId(C_VALLEY);
    await bieke.goto(`${app.url}/associations/${cValleyId}`);
    await bieke.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await bieke.getByRole('link', { name: PARK, exact: true }).waitFor();
    expect(await bieke.getByRole('button', { name: /Bedrijventerrein toevoegen/ }).count()).toBe(0);

    await bieke.getByRole('link', { name: PARK, exact: true }).click();
    await bieke.getByRole('heading', { level: 1, name: PARK }).waitFor();
    expect(bieke.url()).toBe(parkUrl);
    await bieke.getByText(`Alleen de beheerders van ${C_VALLEY} kunnen dit bedrijventerrein wijzigen.`).waitFor();
    const zones = bieke.getByRole('region', { name: 'Zones' });
    expect(await zones.textContent()).toContain('Zone Noord');
    expect(await zones.getByRole('list', { name: 'Subzones van Zone Noord' }).textContent()).toContain('Noord A');
    expect(await bieke.getByRole('region', { name: 'Straten' }).textContent()).toContain('Romeinse straat');

    expect(await bieke.getByRole('region', { name: 'Bedrijventerrein bewerken' }).count()).toBe(0);
    expect(await bieke.getByRole('textbox').count()).toBe(0);
    expect(await bieke.getByRole('button', { name: /Opslaan|Zone toevoegen|Subzone toevoegen|verwijderen/ }).count()).toBe(0);
  });

  it('never broke the Content-Security-Policy', () => {
    expect(violationLists.flat()).toEqual([]);
  });
});
