import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildDemoData } from '../../scripts/local/demo-data';

/** Shared by the browser tests: Chromium from Debian, the built SPA, sign-in through the local OIDC provider. */

export const WEB_ROOT = resolve(import.meta.dirname, '../../frontend/build');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function assertBuilt(): void {
  if (!existsSync(resolve(WEB_ROOT, 'index.html'))) throw new Error('No front-end build: run `npm run build:web` first (npm run test:e2e does).');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies and storage, like a new browser profile) with one Dutch-speaking page. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|connect|execute|apply|frame|send form)/i.test(message.text())) cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

/**
 * Signs in from the landing page: "Aanmelden", then the demo account on the local provider's page (one button
 * per account, named after the person), and waits until the browser is back in the app.
 */
export async function signInAs(page: Page, appUrl: string, personName: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await chooseDemoAccount(page, appUrl, personName);
}

/** On the provider's sign-in page: picks the account and waits for the app (not the callback) to show. */
export async function chooseDemoAccount(page: Page, appUrl: string, personName: string): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
  await page.getByRole('button', { name: new RegExp(personName) }).click();
  const origin = new URL(appUrl).origin;
  await page.waitForURL((url) => url.origin === origin && !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth/callback'));
  await page.getByRole('button', { name: 'Afmelden' }).waitFor();
}

/** The access token the SPA keeps in sessionStorage (oidc-client-ts' user store), for direct API calls. */
export async function accessTokenOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const key = sessionStorage.key(index);
      if (key?.startsWith('oidc.user:')) return (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }).access_token ?? null;
    }
    return null;
  });
}

/** The demo data's ids are deterministic (fixed seed): look a tenant up by name. */
export function demoTenantId(name: string): string {
  for (const umbrella of buildDemoData().umbrellas) {
    if (umbrella.tenant.name === name) return umbrella.tenant.id;
    for (const association of umbrella.associations) if (association.tenant.name === name) return association.tenant.id;
  }
  throw new Error(`No demo tenant named ${name}`);
}

/** The names of all demo associations under one umbrella. */
export function demoAssociationNames(umbrellaName: string): string[] {
  const umbrella = buildDemoData().umbrellas.find((candidate) => candidate.tenant.name === umbrellaName);
  if (!umbrella) throw new Error(`No demo umbrella named ${umbrellaName}`);
  return umbrella.associations.map((association) => association.tenant.name);
}

/** Signs out through the app's button and the local provider's confirmation, back on the landing page. */
export async function signOut(page: Page, appUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
  await page.getByRole('button', { name: /Ja, afmelden/ }).click();
  await page.waitForURL(`${new URL(appUrl).origin}/`);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).waitFor();
}
