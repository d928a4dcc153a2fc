import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLocalApp } from '../../scripts/local/app';
import { WEB_ROOT, assertBuilt, launchChromium, newPage, signInAs } from './browser';

export type SeededApp = {
  /** The app's origin (valid once the file's first hook has run). */
  readonly url: string;
  /** A new browser profile, signed in as a demo person. */
  personPage(name: string): Promise<Page>;
  /** Every Content-Security-Policy violation any page of the file reported so far. */
  cspViolations(): string[];
};

/**
 * One seeded app (own DynamoDB Local, in memory) and one Chromium for a browser-test file: call it at the top of the
 * file, it registers the file's first `beforeAll` and last `afterAll`.
 */
export function useSeededApp(): SeededApp {
  let app: { url: string; stop(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const violationLists: string[][] = [];

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

  return {
    get url() {
      if (!app) throw new Error('The seeded app starts in beforeAll: use its url inside a hook or a test.');
      return app.url;
    },
    async personPage(name) {
      if (!app || !browser) throw new Error('The seeded app starts in beforeAll: open pages inside a hook or a test.');
      const opened = await newPage(browser);
      contexts.push(opened.context);
      violationLists.push(opened.cspViolations);
      await signInAs(opened.page, app.url, name);
      return opened.page;
    },
    cspViolations: () => violationLists.flat(),
  };
}
