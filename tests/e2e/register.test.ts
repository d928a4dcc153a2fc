import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, accessTokenOf, assertBuilt, demoTenantId, launchChromium, newPage, signInAs } from './browser';

/**
 * The company register in a real browser against the whole local product. Lotte Lenaerts (admin of C-Valley
 * Leuven) gets a new zone "Noord" with subzone "Noord A" on Ambachtenzone Haasrode and 28 companies in it (set up
 * through the API). In the register she filters by zone and status, sorts Z–A, pages forward and back (buttons
 * and the browser's own back and forward, which bring the same list back from the URL), meets the empty state of
 * a filter combination, opens a company, adds a contact with a newsletter consent (after a field message) and sees
 * it on the company's page. Then she edits the same company in two tabs: the stale tab gets the 409 with the
 * current data, re-applies its change on top and saves. The steps run in order, like one person at work.
 */

const C_VALLEY = 'C-Valley Leuven';
const PARK = 'Ambachtenzone Haasrode';
const cValleyId = demoTenantId(C_VALLEY);
// Unique per run, so that reruns against kept data never meet an earlier company.
const suffix = Date.now().toString(36).slice(-5).toUpperCase();
const prefix = `Reg${suffix}`;
const ZONE = `Noord ${suffix}`;
const SUBZONE = `Noord A ${suffix}`;
/** 26 prospects (01–26, most in the subzone) and 2 members (27, 28) in the new zone. */
const nameOf = (n: number) => `${prefix} ${String(n).padStart(2, '0')}`;

type Zone = { id: string; name: string; parentId?: string; streets: string[] };
type Park = { id: string; name: string; municipality: string; postalCode: string; streets: string[]; zones: Zone[]; version: number };
type Company = { id: string; name: string; version: number; contacts?: { name: string; email?: string; consents: { topic: string; givenOn: string; textVersion: string }[] }[] };

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let lotte: Page;
let cspViolations: string[] = [];
let zoneId = '';
let subzoneId = '';
let parkId = '';
const companyIds = new Map<string, string>();

/** Loads take longer than expect.poll's default second on a busy machine. */
const POLL = { timeout: 15_000 };
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Text without any white space: markup may or may not put spaces between elements. */
const bare = (text: string | null) => (text ?? '').replace(/\s+/g, '');
const pad = (value: number) => String(value).padStart(2, '0');
const now = new Date();
const todayIso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const todayText = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' }).format(now);

async function api<T = unknown>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const token = await accessTokenOf(lotte);
  const response = await fetch(`${app.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function putPark(park: Park, zones: { id?: string; name: string; parentId?: string; streets: string[] }[]): Promise<Park> {
  const { status, body } = await api<Park>(`/tenants/${cValleyId}/parks/${park.id}`, {
    method: 'PUT',
    body: JSON.stringify({ name: park.name, municipality: park.municipality, postalCode: park.postalCode, streets: park.streets, zones, version: park.version }),
  });
  expect(status).toBe(200);
  return body;
}

/**
 * The names in the register's table, in order, once it is not loading. Right after a URL change the new load may
 * not have started yet, so assertions on these names poll: a stale list is retried, not taken as the answer.
 */
async function rowNames(page: Page): Promise<string[]> {
  await expect.poll(() => page.locator('.results').getAttribute('aria-busy'), POLL).toBe('false');
  return (await page.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).getByRole('rowheader').allTextContents()).map(squash);
}

async function waitForList(page: Page, check: (url: URL) => boolean) {
  await page.waitForURL(check);
  await expect.poll(() => page.locator('.results').getAttribute('aria-busy'), POLL).toBe('false');
}

/** The value of a row of a definition list ("Telefoon" → "+32 16 11 22 33"). */
async function fieldValue(region: Locator, label: string): Promise<string> {
  return squash(await region.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent());
}

/** A table's body rows as "header | cell | cell". */
async function tableRows(table: Locator): Promise<string[]> {
  const rows = table.locator('tbody tr');
  const result: string[] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    const texts = [await row.getByRole('rowheader').textContent(), ...(await row.getByRole('cell').allTextContents())];
    result.push(texts.map(squash).join(' | '));
  }
  return result;
}

async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('the register: filters, sorting, pages, contacts and a conflicting edit', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
    ({ context, page: lotte, cspViolations } = await newPage(browser));
    await signInAs(lotte, app.url, 'Lotte Lenaerts');
    await lotte.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();

    // A zone with a subzone on the park, and 28 companies in them.
    const parks = (await api<{ items: Park[] }>(`/tenants/${cValleyId}/parks`)).body.items;
    const park = parks.find((candidate) => candidate.name === PARK)!;
    parkId = park.id;
    const keep = park.zones.map(({ id, name, parentId, streets }) => ({ id, name, parentId, streets }));
    const withZone = await putPark(park, [...keep, { name: ZONE, streets: [] }]);
    zoneId = withZone.zones.find((zone) => zone.name === ZONE)!.id;
    const withSubzone = await putPark(withZone, [
      ...withZone.zones.map(({ id, name, parentId, streets }) => ({ id, name, parentId, streets })),
      { name: SUBZONE, parentId: zoneId, streets: [] },
    ]);
    subzoneId = withSubzone.zones.find((zone) => zone.name === SUBZONE)!.id;

    for (let n = 1; n <= 28; n += 1) {
      const created = await api<Company>(`/tenants/${cValleyId}/companies`, {
        method: 'POST',
        body: JSON.stringify({
          name: nameOf(n),
          parkId,
          zoneId: n % 5 === 0 ? zoneId : subzoneId,
          membershipStatus: n > 26 ? 'member' : 'prospect',
          street: 'Ambachtenlaan',
          houseNumber: String(n),
          postalCode: '3001',
          municipality: 'Leuven',
          naceCode: '25.62',
        }),
      });
      expect(created.status).toBe(201);
      companyIds.set(nameOf(n), created.body.id);
    }
  }, 240_000); // the app, a sign-in and 30 writes: more than the default on a busy machine

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('filters the register by park, zone and status; the URL says so', async () => {
    await lotte.goto(`${app.url}/associations/${cValleyId}`);
    await lotte.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).waitFor();

    await lotte.getByRole('combobox', { name: 'Bedrijventerrein', exact: true }).selectOption({ label: PARK });
    await waitForList(lotte, (url) => url.searchParams.get('park') === parkId);
    // The zone filter offers the chosen park's zones, the subzone under its zone, and "without a zone".
    const zone = lotte.getByRole('combobox', { name: 'Zone', exact: true });
    const options = (await zone.locator('option').allTextContents()).map(squash);
    expect(options).toContain(ZONE);
    expect(options).toContain(`↳ ${SUBZONE}`);
    expect(options.at(-1)).toBe('Zonder zone');
    await zone.selectOption(zoneId);
    await waitForList(lotte, (url) => url.searchParams.get('zone') === zoneId);
    // All 28 (the subzone's companies count for the zone), and the counters know how many.
    await expect.poll(async () => (await rowNames(lotte)).length, POLL).toBe(25);
    await expect.poll(async () => squash(await lotte.locator('.results-count').textContent()), POLL).toBe('Bedrijven 1–25 van 28');

    await lotte.getByRole('combobox', { name: 'Lidmaatschap', exact: true }).selectOption('prospect');
    await waitForList(lotte, (url) => url.searchParams.get('status') === 'prospect');
    await expect.poll(() => rowNames(lotte), POLL).toEqual(Array.from({ length: 25 }, (_, i) => nameOf(i + 1)));
    const chips = lotte.getByRole('group', { name: 'Actieve filters' });
    expect(squash(await chips.textContent())).toContain(`Zone: ${ZONE}`);
    expect(squash(await chips.textContent())).toContain('Lidmaatschap: Prospect');
  });

  it('sorts Z–A and pages forward and back, with the buttons and with the browser', async () => {
    await lotte.getByRole('combobox', { name: 'Sorteren', exact: true }).selectOption({ label: 'Naam Z–A' });
    await waitForList(lotte, (url) => url.searchParams.get('sort') === '-name');
    await expect.poll(async () => (await rowNames(lotte)).slice(0, 3), POLL).toEqual([nameOf(26), nameOf(25), nameOf(24)]);
    const pagination = lotte.getByRole('navigation', { name: 'Paginering van de bedrijven' });
    expect(await pagination.getByRole('button', { name: /Vorige/ }).getAttribute('aria-disabled')).toBe('true');

    await pagination.getByRole('button', { name: /Volgende/ }).click();
    await waitForList(lotte, (url) => url.searchParams.has('cursor'));
    await expect.poll(() => rowNames(lotte), POLL).toEqual([nameOf(1)]);
    expect(squash(await pagination.textContent())).toContain('Pagina 2');
    expect(await pagination.getByRole('button', { name: /Volgende/ }).getAttribute('aria-disabled')).toBe('true');
    // Focus moves to the new page's (hidden) heading, so keyboard users continue from the list.
    expect(squash(await lotte.locator(':focus').textContent())).toBe('Pagina 2');
    const pageTwo = lotte.url();

    await pagination.getByRole('button', { name: /Vorige/ }).click();
    await waitForList(lotte, (url) => !url.searchParams.has('cursor'));
    await expect.poll(async () => (await rowNames(lotte))[0], POLL).toBe(nameOf(26));

    // The browser's back button returns to page 2 (its cursor is in the URL), forward to page 1 again.
    await lotte.goBack();
    await waitForList(lotte, (url) => url.href === pageTwo);
    await expect.poll(() => rowNames(lotte), POLL).toEqual([nameOf(1)]);
    expect(squash(await pagination.textContent())).toContain('Pagina 2');
    await lotte.goForward();
    await waitForList(lotte, (url) => !url.searchParams.has('cursor'));
    await expect.poll(async () => (await rowNames(lotte))[0], POLL).toBe(nameOf(26));

    // A fresh load of the URL (a link) restores every filter.
    const listUrl = lotte.url();
    await lotte.goto(listUrl);
    await lotte.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).waitFor();
    await expect.poll(async () => (await rowNames(lotte))[0], POLL).toBe(nameOf(26));
    expect(await lotte.getByRole('combobox', { name: 'Zone', exact: true }).inputValue()).toBe(zoneId);
    expect(await lotte.getByRole('combobox', { name: 'Lidmaatschap', exact: true }).inputValue()).toBe('prospect');
    expect(await lotte.getByRole('combobox', { name: 'Sorteren', exact: true }).inputValue()).toBe('-name');
  });

  it('shows the empty state of a filter combination, with a way out', async () => {
    const listUrl = lotte.url();
    await lotte.getByRole('combobox', { name: 'Lidmaatschap', exact: true }).selectOption('former_member');
    await waitForList(lotte, (url) => url.searchParams.get('status') === 'former_member');
    await lotte.getByRole('heading', { name: 'Geen bedrijven voor deze filters' }).waitFor();
    await lotte.getByRole('button', { name: 'Filters wissen' }).last().click();
    await waitForList(lotte, (url) => !url.searchParams.has('status') && !url.searchParams.has('zone'));
    expect(await lotte.getByRole('combobox', { name: 'Zone', exact: true }).inputValue()).toBe('');
    await expect.poll(async () => (await rowNames(lotte)).length, POLL).toBe(25);

    // Back twice: the empty combination, then the list as it was.
    await lotte.goBack();
    await waitForList(lotte, (url) => url.searchParams.get('status') === 'former_member');
    await lotte.getByRole('heading', { name: 'Geen bedrijven voor deze filters' }).waitFor();
    await lotte.goBack();
    await waitForList(lotte, (url) => url.href === listUrl);
    await expect.poll(async () => (await rowNames(lotte))[0], POLL).toBe(nameOf(26));
  });

  it('opens a company, adds a contact with a newsletter consent, and sees it on the company’s page', async () => {
    const name = nameOf(26);
    await lotte.getByRole('table', { name: `Bedrijven van ${C_VALLEY}` }).getByRole('link', { name, exact: true }).click();
    await lotte.getByRole('heading', { level: 1, name }).waitFor();
    const details = lotte.getByRole('region', { name: `Gegevens van ${name}` });
    expect(await fieldValue(details, 'Zone')).toBe(`${ZONE} › ${SUBZONE}`);
    expect(bare(await fieldValue(details, 'NACE-code'))).toBe(bare('25.62 Sector 25: Vervaardiging van producten van metaal, exclusief machines en apparaten'));
    await lotte.getByRole('region', { name: 'Contactpersonen' }).getByText('Nog geen contactpersonen.').waitFor();

    await lotte.getByRole('link', { name: 'Bewerken' }).click();
    await lotte.getByRole('heading', { level: 1, name }).waitFor();
    await lotte.getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
    const contact = lotte.getByRole('group', { name: /^Contactpersoon 1/ });
    const contactName = contact.getByRole('textbox', { name: 'Naam (Contactpersoon 1)' });
    // The new contact's name takes focus.
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await contactName.getAttribute('id'));
    await contactName.fill('Ann Smets');
    await contact.getByRole('textbox', { name: 'Functie (Contactpersoon 1)' }).fill('Zaakvoerder');
    const email = contact.getByRole('textbox', { name: 'E-mailadres (Contactpersoon 1)' });
    await email.fill('ann.smets@');
    await contact.getByRole('button', { name: /Toestemming toevoegen/ }).click();
    const topic = contact.getByRole('combobox', { name: /^Onderwerp/ });
    expect(await topic.inputValue()).toBe('newsletter');
    expect(await contact.getByLabel(/^Gegeven op/).inputValue()).toBe(todayIso); // today by default
    await contact.getByRole('textbox', { name: /^Tekstversie/ }).fill('2026-01');

    // A wrong e-mail address is caught at its field before anything is sent.
    await lotte.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid'), POLL).toBe('true');
    expect(await descriptionOf(lotte, email)).toContain('Geef een geldig e-mailadres in.');
    expect(await lotte.locator(':focus').getAttribute('id')).toBe(await email.getAttribute('id'));
    await lotte.getByRole('heading', { name: 'Controleer dit veld' }).waitFor();

    await email.fill('ann.smets@voorbeeld.be');

    // A second contact, added by mistake: removing it asks first (Escape keeps it), then it is gone.
    await lotte.getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
    const removeSecond = lotte.getByRole('button', { name: 'Contactpersoon verwijderen (Contactpersoon 2)' });
    await removeSecond.click();
    const dialog = lotte.getByRole('dialog', { name: 'Contactpersoon verwijderen?' });
    await dialog.waitFor();
    await lotte.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await lotte.getByRole('group', { name: /^Contactpersoon 2/ }).count()).toBe(1);
    await removeSecond.click();
    await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => lotte.getByRole('group', { name: /^Contactpersoon 2/ }).count(), POLL).toBe(0);
    await expect.poll(async () => squash(await lotte.locator(':focus').textContent()), POLL).toBe('+ Contactpersoon toevoegen');

    await lotte.getByRole('button', { name: 'Opslaan' }).click();
    await lotte.getByText(`De wijzigingen aan ${name} zijn opgeslagen.`).waitFor();
    await lotte.getByRole('link', { name: 'Bewerken' }).waitFor(); // back on the company's page

    const contacts = lotte.getByRole('region', { name: 'Contactpersonen' });
    await contacts.getByText('Ann Smets').waitFor();
    expect(squash(await contacts.textContent())).toContain('Zaakvoerder');
    await contacts.getByRole('link', { name: 'ann.smets@voorbeeld.be' }).waitFor();
    const consents = contacts.getByRole('list', { name: 'Toestemmingen van Ann Smets' });
    expect(squash(await consents.textContent())).toContain(`Nieuwsbrief, gegeven op ${todayText} (tekst 2026-01)`);

    // Stored as such.
    const stored = (await api<Company>(`/tenants/${cValleyId}/companies/${companyIds.get(name)}`)).body;
    expect(stored.contacts).toMatchObject([{ name: 'Ann Smets', email: 'ann.smets@voorbeeld.be', consents: [{ topic: 'newsletter', givenOn: todayIso, textVersion: '2026-01' }] }]);
  });

  it('a stale edit in a second tab shows the 409 with the current data, and re-applies on top of it', async () => {
    const name = nameOf(26);
    const editUrl = `${app.url}/associations/${cValleyId}/companies/${companyIds.get(name)}/edit`;
    await lotte.goto(editUrl);
    const legal = lotte.getByRole('combobox', { name: 'Rechtsvorm', exact: true });
    await expect.poll(() => lotte.getByRole('textbox', { name: 'Naam', exact: true }).inputValue(), POLL).toBe(name);

    // A second tab of the same session (opened from this one, so it shares the sign-in) changes the phone.
    const [second] = await Promise.all([lotte.waitForEvent('popup'), lotte.evaluate((url) => void (globalThis as unknown as { open(url: string, target: string): unknown }).open(url, '_blank'), editUrl)]);
    second.setDefaultTimeout(15_000);
    const phone = second.getByRole('textbox', { name: 'Telefoon', exact: true });
    await expect.poll(() => second.getByRole('textbox', { name: 'Naam', exact: true }).inputValue(), POLL).toBe(name);
    await phone.fill('+32 16 11 22 33');
    await second.getByRole('button', { name: 'Opslaan' }).click();
    await second.getByText(`De wijzigingen aan ${name} zijn opgeslagen.`).waitFor();
    await second.close();

    // The first tab still holds the old version: its save is refused, and the current data is shown.
    await legal.fill('BV');
    await lotte.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = lotte.getByRole('alert').filter({ hasText: 'Dit bedrijf is intussen gewijzigd' });
    await conflict.waitFor();
    expect(await lotte.locator(':focus').textContent()).toContain('Dit bedrijf is intussen gewijzigd');
    expect(await tableRows(conflict.getByRole('table'))).toEqual(['Rechtsvorm | (leeg) | BV', 'Telefoon | +32 16 11 22 33 | (leeg)']);

    await conflict.getByRole('button', { name: 'Mijn wijzigingen opnieuw toepassen' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await lotte.getByRole('textbox', { name: 'Telefoon', exact: true }).inputValue()).toBe('+32 16 11 22 33');
    expect(await legal.inputValue()).toBe('BV');
    // The contact added before is still there (nobody else changed the contacts).
    expect(await lotte.getByRole('textbox', { name: 'Naam (Contactpersoon 1)' }).inputValue()).toBe('Ann Smets');

    await lotte.getByRole('button', { name: 'Opslaan' }).click();
    await lotte.getByText(`De wijzigingen aan ${name} zijn opgeslagen.`).waitFor();
    const details = lotte.getByRole('region', { name: `Gegevens van ${name}` });
    expect(await fieldValue(details, 'Telefoon')).toBe('+32 16 11 22 33');
    expect(await fieldValue(details, 'Rechtsvorm')).toBe('BV');
    await lotte.getByRole('region', { name: 'Contactpersonen' }).getByText('Ann Smets').waitFor();
  });

  it('shows the coverage per zone of the park, with the companies without a zone', async () => {
    await lotte.goto(`${app.url}/associations/${cValleyId}`);
    const section = lotte.getByRole('region', { name: 'Leden en dekking', exact: true });
    const toggle = section.getByRole('button', { name: `Zones van ${PARK} tonen (2)` });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const zones = section.getByRole('list', { name: `Dekking per zone van ${PARK}` });
    const items = (await zones.getByRole('listitem').allTextContents()).map(bare);
    const percent = (fraction: number) => new Intl.NumberFormat('nl-BE', { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
    expect(items[0]).toBe(bare(`${ZONE} 2 van 28 bedrijven lid · ${percent(2 / 28)} doel nog niet gehaald`));
    // 28 − 5 in the zone itself (05, 10, 15, 20, 25) = 23 in the subzone, 27 and 28 (members) among them.
    expect(items[1]).toBe(bare(`subzone van ${ZONE}: ↳ ${SUBZONE} 2 van 23 bedrijven lid · ${percent(2 / 23)} doel nog niet gehaald`));
    expect(items[2]).toMatch(/^Zonderzone\d+van\d+bedrijvenlid/);
    expect(await section.getByRole('button', { name: `Zones van ${PARK} verbergen` }).getAttribute('aria-expanded')).toBe('true');
  });

  it('never broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
