import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import {
  WEB_ROOT,
  accessTokenOf,
  assertBuilt,
  chooseDemoAccount,
  demoAssociationNames,
  demoTenantId,
  launchChromium,
  newPage,
  signInAs,
} from './browser';

/**
 * Sign-in with the local OpenID Connect provider (authorization code + PKCE, as with Cognito in AWS), the
 * organisation switcher and what each role gets to see. Every test is a new browser profile.
 */

const C_VALLEY = 'C-Valley Leuven';
const C_VALLEY_PARK = 'Researchpark Haasrode';
const POM_VLB = 'POM Vlaams-Brabant';
const POM_WVL = 'POM West-Vlaanderen';
const BRUGGE = 'Bedrijvig Brugge vzw';
const BLEIE = 'BLeie vzw';

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let context: BrowserContext | undefined;
let violations: string[] = [];

async function freshPage(): Promise<Page> {
  const opened = await newPage(browser);
  context = opened.context;
  violations = opened.cspViolations;
  return opened.page;
}

function api(path: string, token?: string | null): Promise<Response> {
  return fetch(`${app.url}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** Opens the organisation switcher and returns its links. */
async function openSwitcher(page: Page) {
  await page.getByRole('button', { name: /^Organisatie/ }).click();
  const nav = page.getByRole('navigation', { name: 'Jouw organisaties' });
  await nav.waitFor();
  return nav.getByRole('link');
}

describe('signing in and what each role sees', () => {
  beforeAll(async () => {
    assertBuilt();
    app = await startLocalApp({ port: 0, inMemory: true, seed: true, quiet: true, webRoot: WEB_ROOT });
    browser = await launchChromium();
  });

  afterEach(async () => {
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the landing page with one way in when signed out, and the local-demo note', async () => {
    const page = await freshPage();
    await page.goto(app.url);
    await page.getByRole('heading', { level: 1, name: 'Samen sterker op het bedrijventerrein' }).waitFor();
    expect(await page.getByRole('button', { name: 'Aanmelden', exact: true }).count()).toBe(1);
    await page.getByText('Lokale demo: kies een demo-account op de aanmeldpagina.').waitFor();
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
  });

  it('Jonas Desmet switches between his two associations and cannot open C-Valley Leuven', async () => {
    const page = await freshPage();
    await signInAs(page, app.url, 'Jonas Desmet');

    // Two memberships: the start page lists them instead of choosing for him.
    await page.getByRole('heading', { level: 1, name: 'Jouw organisaties' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('Jonas Desmet');
    await page.getByRole('link', { name: BRUGGE }).waitFor();
    await page.getByRole('link', { name: BLEIE }).waitFor();

    const links = await openSwitcher(page);
    expect((await links.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()).sort()).toEqual(
      [`${BLEIE} Beheerder vereniging`, `${BRUGGE} Beheerder vereniging`].sort(),
    );

    await links.filter({ hasText: BRUGGE }).click();
    await page.getByRole('heading', { level: 1, name: BRUGGE }).waitFor();
    expect(await page.getByRole('button', { name: /^Organisatie/ }).textContent()).toContain(BRUGGE);
    await page.locator('table tbody tr').first().waitFor(); // his own register

    await (await openSwitcher(page)).filter({ hasText: BLEIE }).click();
    await page.getByRole('heading', { level: 1, name: BLEIE }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: BRUGGE }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/associations/${demoTenantId(BLEIE)}`);

    // The last choice is remembered (first card, marked) on the start page.
    await page.getByRole('link', { name: 'Jouw organisaties' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jouw organisaties' }).waitFor();
    expect(await page.locator('main li').first().textContent()).toContain('Laatst gekozen');
    expect(await page.locator('main li').first().textContent()).toContain(BLEIE);

    // C-Valley Leuven by its address: not found, and nothing of it on the page.
    const cValleyId = demoTenantId(C_VALLEY);
    await page.goto(`${app.url}/associations/${cValleyId}`);
    await page.getByRole('heading', { name: 'Niet gevonden' }).waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(C_VALLEY);
    expect(text).not.toContain(C_VALLEY_PARK);
    expect(await page.locator('table').count()).toBe(0);

    // The API says the same to his token.
    const token = await accessTokenOf(page);
    expect(token).toBeTruthy();
    expect((await api(`/tenants/${cValleyId}`, token)).status).toBe(404);
    expect((await api(`/tenants/${cValleyId}/companies`, token)).status).toBe(404);
  });

  it('Bieke Brabants (umbrella staff) sees her umbrella and C-Valley’s profile, but no register and nothing West-Flemish', async () => {
    const page = await freshPage();
    await signInAs(page, app.url, 'Bieke Brabants');

    // One membership, the umbrella: straight to it.
    await page.getByRole('heading', { level: 1, name: POM_VLB }).waitFor();
    const associationLinks = page.getByRole('table').getByRole('rowheader').getByRole('link');
    await expect.poll(() => associationLinks.allTextContents()).toEqual(demoAssociationNames(POM_VLB));
    const mainText = (await page.locator('main').textContent()) ?? '';
    for (const westFlemish of demoAssociationNames(POM_WVL)) expect(mainText).not.toContain(westFlemish);

    const links = await openSwitcher(page);
    expect((await links.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([`${POM_VLB} Medewerker koepel`]);
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Jouw organisaties' }).waitFor({ state: 'hidden' });

    // C-Valley's profile and parks, with a notice instead of the register.
    await page.getByRole('table').getByRole('link', { name: C_VALLEY, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await page.getByRole('heading', { name: C_VALLEY_PARK }).waitFor();
    await page.getByText('Je rol laat geen toegang tot het bedrijvenregister toe.').waitFor();
    expect(await page.getByRole('link', { name: 'Bedrijf toevoegen' }).count()).toBe(0);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0); // a notice, not an error
    // Her umbrella is one click up.
    await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: POM_VLB }).waitFor();

    // The register's own pages say the same, and so does the API.
    await page.goto(`${app.url}/associations/${demoTenantId(C_VALLEY)}/companies/new`);
    await page.getByText('Je rol laat geen toegang tot het bedrijvenregister toe.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Naam', exact: true }).count()).toBe(0);
    const token = await accessTokenOf(page);
    expect((await api(`/tenants/${demoTenantId(C_VALLEY)}/companies`, token)).status).toBe(403);

    // West-Flemish organisations by their address: not found.
    await page.goto(`${app.url}/umbrellas/${demoTenantId(POM_WVL)}`);
    await page.getByRole('heading', { name: 'Niet gevonden' }).waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toContain(BLEIE);
    await page.goto(`${app.url}/associations/${demoTenantId(BLEIE)}`);
    await page.getByRole('heading', { name: 'Niet gevonden' }).waitFor();
    expect((await api('/umbrellas', token)).status).toBe(403); // the list of all umbrellas is for platform admins
  });

  it('a page opened signed out asks to sign in and then shows that very page', async () => {
    const page = await freshPage();
    const target = `/associations/${demoTenantId(C_VALLEY)}`;
    await page.goto(`${app.url}${target}`);
    await chooseDemoAccount(page, app.url, 'Lotte Lenaerts');
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    expect(new URL(page.url()).pathname).toBe(target);
  });

  it('a token the API refuses leads to one new sign-in, back on the same page, and never to a loop', async () => {
    const page = await freshPage();
    await signInAs(page, app.url, 'Lotte Lenaerts');
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    const target = new URL(page.url()).pathname;

    const spoilToken = () =>
      page.evaluate(() => {
        for (let index = 0; index < sessionStorage.length; index += 1) {
          const key = sessionStorage.key(index);
          if (!key?.startsWith('oidc.user:')) continue;
          const user = JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<string, unknown>;
          sessionStorage.setItem(key, JSON.stringify({ ...user, access_token: 'not-a-valid-token' }));
        }
      });

    // The API answers 401: the app signs in again (the provider's session is still there) and comes back.
    await spoilToken();
    const providerVisits: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/oidc/auth') providerVisits.push(request.url());
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(target);
    expect(providerVisits).toHaveLength(1);
    expect(await accessTokenOf(page)).not.toBe('not-a-valid-token');

    // Refused again right away: no second round trip, but a clear message with a way to sign in.
    await spoilToken();
    await page.reload();
    await page.getByRole('heading', { name: 'Je sessie werd niet aanvaard' }).waitFor();
    await page.getByRole('button', { name: 'Opnieuw aanmelden' }).waitFor();
    expect(providerVisits).toHaveLength(1);
  });

  it('signing out returns to the landing page, and the API refuses calls without a token', async () => {
    const page = await freshPage();
    await signInAs(page, app.url, 'Koen Peeters');
    // A company contact: the association's profile, no register.
    await page.getByRole('heading', { level: 1, name: C_VALLEY }).waitFor();
    await page.getByText('Je rol laat geen toegang tot het bedrijvenregister toe.').waitFor();
    expect(await accessTokenOf(page)).toBeTruthy();

    await page.getByRole('button', { name: 'Afmelden' }).click();
    // The local provider asks to confirm, as an OIDC provider may.
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
    await page.getByRole('button', { name: /Ja, afmelden/ }).click();

    await page.waitForURL(`${app.url}/`);
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    expect(await accessTokenOf(page)).toBeNull();

    const status = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(status).toBe(401);
    const response = await api('/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api(`/tenants/${demoTenantId(C_VALLEY)}/companies`)).status).toBe(401);

    // Signing in again asks who you are (the provider's session ended too).
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
    await page.getByRole('button', { name: /Lotte Lenaerts/ }).waitFor();
  });
});
