import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newPage, signInAs } from './browser';

/** What the activities' browser tests share: people signed in on pages of their own, Brussels dates, the figures. */

/** Signed-in pages, one browser context per person; `close()` ends them, `violations()` gathers their CSP reports. */
export function personPages(browser: () => Browser, appUrl: () => string) {
  const contexts: BrowserContext[] = [];
  const violationLists: string[][] = [];
  return {
    async open(name: string): Promise<Page> {
      const opened = await newPage(browser());
      contexts.push(opened.context);
      violationLists.push(opened.cspViolations);
      await signInAs(opened.page, appUrl(), name);
      return opened.page;
    },
    violations: () => violationLists.flat(),
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
    },
  };
}

/** A day some time ahead, in Brussels, as the `datetime-local` inputs want it. */
export function brusselsLocal(daysAhead: number, time: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + daysAhead * 86_400_000),
  );
  return `${day}T${time}`;
}

export type Figures = { participantsRegistered: number; participantsAttended: number; companiesRegistered: number; companiesAttended: number };

/** The participation figures on the open organisation page, for a year chosen in its year select. */
export async function readFigures(page: Page, year: string): Promise<Figures> {
  await page.getByLabel('Jaar').selectOption(year);
  // The figures carry their year: once it is the chosen one, they are that year's.
  await page.locator(`dl[aria-label="Deelname in ${year}"]`).waitFor();
  const figure = async (label: string) => {
    const term = page.getByRole('term').filter({ hasText: label });
    await term.waitFor();
    return Number((await term.locator('xpath=following-sibling::dd[1]').textContent())?.replace(/\D/g, '') ?? 'NaN');
  };
  return {
    participantsRegistered: await figure('Deelnemers ingeschreven'),
    participantsAttended: await figure('Deelnemers aanwezig'),
    companiesRegistered: await figure('Bedrijven ingeschreven'),
    companiesAttended: await figure('Bedrijven aanwezig'),
  };
}

/** A row of the organiser's registration table, by the person's name. */
export const registrationRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
/** A person's card on the check-in list. */
export const personCard = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

/** The text of the elements an input's aria-describedby points at: what a screen reader reads with it. */
export async function descriptionOf(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}
